//! Number-type tries: for each calling code, the type libphonenumber gives
//! each national number (premium rate, mobile, ...), and which numbers are
//! complete, exactly.
//!
//! A complete number of a territory is a digit string of one of its
//! possible lengths; its types are those whose pattern matches it at one of
//! the type's possible lengths, and a string that is no complete number of
//! any type is invalid (libphonenumber's `UNKNOWN`). A calling code shared
//! by several territories types a number by every territory that can own
//! it, as libphonenumber picks the territory: one with territory
//! `leadingDigits` only for numbers that start with a match of them, any
//! other always. Where patterns overlap the number keeps every type (fail
//! closed: a number that may be premium rate is blocked with premium rate),
//! and fixed-line with mobile is libphonenumber's "fixed-line or mobile".
//!
//! Each node of the trie is a prefix: a [`Leaf`] where the subtree is
//! regular (every complete number below has one type set, and which
//! strings below are complete depends only on their length), else ten
//! children and the type set of the prefix itself when it is a complete
//! number. Gaps in a range are invalid leaves; a string longer than every
//! number below a leaf is invalid too.
//!
//! As with the range tries, the subtree below a prefix depends only on
//! where each pattern's DFA stands and how many digits were read, so it is
//! built once per such state; equal subtrees are stored once (`emit.rs`).

use std::collections::HashMap;
use std::rc::Rc;

use regex_automata::util::primitives::StateID;

use crate::automaton::Pattern;
use crate::metadata::{Territory, NUMBER_TYPES};

/// A set of type bits: bit i is `NUMBER_TYPES[i]`, then [`UNKNOWN`].
pub type TypeSet = u16;

/// Matches no type (after the ten of [`NUMBER_TYPES`]).
pub const UNKNOWN: TypeSet = 1 << NUMBER_TYPES.len();

/// A regular subtree: every number below whose length (in digits after
/// the leaf's prefix) is in `lengths` (bit r: r more digits) is complete
/// and of type set `set`; no other string below is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Leaf {
    pub set: TypeSet,
    pub lengths: u32,
}

impl Leaf {
    /// Nothing below is a complete number: a gap, or past the longest.
    pub const INVALID: Leaf = Leaf {
        set: UNKNOWN,
        lengths: 0,
    };
}

#[derive(Debug)]
pub enum Node {
    Leaf(Leaf),
    Inner {
        /// The type set of the prefix itself, when it is a complete number
        /// of some type.
        own: Option<TypeSet>,
        children: Box<[Rc<Node>; 10]>,
    },
}

/// One territory's patterns.
struct Matchers {
    /// Territory `leadingDigits`: it types only numbers that start with a
    /// match.
    leading: Option<Pattern>,
    /// `generalDesc`: libphonenumber calls a number outside it unknown.
    general: Option<Pattern>,
    lengths: u32,
    types: Vec<(TypeSet, Pattern, u32)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Cursor {
    Dead,
    Live(StateID),
    /// A leadingDigits match is behind us (or there are none).
    Owned,
}

pub struct Builder {
    territories: Vec<Matchers>,
    /// Where each territory's cursors start in a cursor vector: leading
    /// digits, general, then its types.
    offsets: Vec<usize>,
    /// The longest possible length of any territory.
    longest: usize,
    built: HashMap<(Vec<Cursor>, usize), Rc<Node>>,
}

impl Builder {
    /// The territories of one calling code, main territory first.
    pub fn new(territories: &[&Territory]) -> Result<Builder, String> {
        let mut matchers = Vec::new();
        let mut offsets = Vec::new();
        let mut at = 0;
        for t in territories {
            let types = t
                .types
                .iter()
                .map(|d| Ok((1 << d.kind, Pattern::new(&d.pattern)?, d.lengths)))
                .collect::<Result<Vec<_>, String>>()?;
            let m = Matchers {
                leading: t.leading_digits.as_deref().map(Pattern::new).transpose()?,
                general: t.general_pattern.as_deref().map(Pattern::new).transpose()?,
                lengths: t.lengths(),
                types,
            };
            offsets.push(at);
            at += 2 + m.types.len();
            matchers.push(m);
        }
        let longest = territories
            .iter()
            .map(|t| 31 - t.lengths().leading_zeros())
            .max()
            .unwrap_or(0) as usize;
        Ok(Builder {
            territories: matchers,
            offsets,
            longest,
            built: HashMap::new(),
        })
    }

    pub fn build(&mut self) -> Result<Rc<Node>, String> {
        let mut cursors = Vec::new();
        for m in &self.territories {
            cursors.push(match &m.leading {
                Some(p) => Cursor::Live(p.start()?),
                None => Cursor::Owned,
            });
            cursors.push(match &m.general {
                Some(p) => Cursor::Live(p.start()?),
                None => Cursor::Dead,
            });
            for (_, p, _) in &m.types {
                cursors.push(Cursor::Live(p.start()?));
            }
        }
        Ok(self.descend(cursors, 0))
    }

    fn descend(&mut self, cursors: Vec<Cursor>, depth: usize) -> Rc<Node> {
        let key = (cursors, depth);
        if let Some(known) = self.built.get(&key) {
            return known.clone();
        }
        let cursors = &key.0;
        let own = self.own(cursors, depth).filter(|&s| s != UNKNOWN);
        let children: Vec<Rc<Node>> = (b'0'..=b'9')
            .map(|digit| match depth < self.longest {
                true => self.descend(self.step(cursors, depth, digit), depth + 1),
                false => Rc::new(Node::Leaf(Leaf::INVALID)),
            })
            .collect();
        // Regular when the ten children are one leaf that the own set
        // agrees with: a leaf a digit higher.
        let below = match &*children[0] {
            Node::Leaf(leaf) if children.iter().all(|c| matches!(&**c, Node::Leaf(l) if l == leaf)) => Some(*leaf),
            _ => None,
        };
        let node = match (below, own) {
            (Some(leaf), None) if leaf.lengths == 0 => Node::Leaf(Leaf::INVALID),
            (Some(leaf), None) => Node::Leaf(Leaf {
                lengths: leaf.lengths << 1,
                ..leaf
            }),
            (Some(leaf), Some(set)) if leaf.lengths == 0 => Node::Leaf(Leaf { set, lengths: 1 }),
            (Some(leaf), Some(set)) if leaf.set == set => Node::Leaf(Leaf {
                set,
                lengths: leaf.lengths << 1 | 1,
            }),
            _ => Node::Inner {
                own,
                children: Box::new(std::array::from_fn(|i| children[i].clone())),
            },
        };
        let node = Rc::new(node);
        self.built.insert(key, node.clone());
        node
    }

    /// The type set of the prefix itself as a complete number, if it is one.
    fn own(&self, cursors: &[Cursor], depth: usize) -> Option<TypeSet> {
        let mut known = 0;
        let mut complete = false;
        for (m, &at) in self.territories.iter().zip(&self.offsets) {
            if cursors[at] != Cursor::Owned || m.lengths & (1 << depth) == 0 {
                continue;
            }
            complete = true;
            let matches = |c: Cursor, p: &Pattern| matches!(c, Cursor::Live(s) if p.matches(s));
            let mut types = 0;
            for (i, (bit, p, lengths)) in m.types.iter().enumerate() {
                if lengths & (1 << depth) != 0 && matches(cursors[at + 2 + i], p) {
                    types |= bit;
                }
            }
            // Outside generalDesc (a few in DE and AT): unknown to
            // libphonenumber, but it keeps its types.
            if types != 0 && !m.general.as_ref().is_some_and(|p| matches(cursors[at + 1], p)) {
                types |= UNKNOWN;
            }
            known |= types;
        }
        complete.then_some(if known == 0 { UNKNOWN } else { known })
    }

    fn step(&self, cursors: &[Cursor], depth: usize, digit: u8) -> Vec<Cursor> {
        let mut next = cursors.to_vec();
        for (m, &at) in self.territories.iter().zip(&self.offsets) {
            let leading = match (&m.leading, cursors[at]) {
                (Some(p), Cursor::Live(s)) => {
                    let s = p.next(s, digit);
                    if p.matches(s) {
                        Cursor::Owned
                    } else if p.completions(s) != 0 {
                        Cursor::Live(s)
                    } else {
                        Cursor::Dead
                    }
                }
                (_, c) => c,
            };
            next[at] = leading;
            // A territory that will type nothing below: its cursors no
            // longer matter, and resetting them lets subtrees be shared.
            let rest = at + 1..at + 2 + m.types.len();
            if leading == Cursor::Dead || m.lengths >> (depth + 1) == 0 {
                next[rest].fill(Cursor::Dead);
                continue;
            }
            // Live while some continuation matches at a possible length.
            let advance = |c: Cursor, p: &Pattern, lengths: u32| match c {
                Cursor::Live(s) => {
                    let s = p.next(s, digit);
                    if (p.completions(s) << (depth + 1)) & lengths != 0 {
                        Cursor::Live(s)
                    } else {
                        Cursor::Dead
                    }
                }
                c => c,
            };
            if let Some(p) = &m.general {
                next[at + 1] = advance(cursors[at + 1], p, m.lengths);
            }
            for (i, (_, p, lengths)) in m.types.iter().enumerate() {
                next[at + 2 + i] = advance(cursors[at + 2 + i], p, *lengths);
            }
        }
        next
    }
}

/// The tries of every calling code, serialized as the crate decodes them
/// (see `TYPE_BITS` in `src/data/tables.rs` for the format).
///
/// The stream is read once per policy, front to back, into a table, so it
/// needs no random access: no offsets, and a node is written where it is
/// first met (pre-order); only a subtree met again (shared, across codes
/// too) is a reference, by its node number. Value symbols (a leaf, a new
/// node, a reference) have a canonical Huffman code.
pub struct Table {
    /// The leaves that values name, by index; a node's own set is the leaf
    /// of a number complete there (`lengths` 1).
    pub palette: Vec<Leaf>,
    /// The trie of each calling code, in code order (kept alive: `ids`
    /// is by address).
    tries: Vec<Rc<Node>>,
    /// A number per distinct subtree (equal content, equal number).
    ids: HashMap<*const Node, usize>,
    by_content: HashMap<Key, usize>,
}

/// A subtree by content: a leaf's set, or a node's own set and children.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    Leaf(Leaf),
    Inner(Option<TypeSet>, [usize; 10]),
}

/// The value symbols after the palette's: a new node follows; a reference
/// to a node written before follows.
const NEW: usize = 0;
const BACK: usize = 1;
/// Longest Huffman code, and bits of the run-boundary mask.
pub const MAX_CODE_LEN: usize = 15;
pub const MASK_BITS: usize = 9;

/// The serialized tables.
pub struct Serialized {
    pub bits: Vec<u8>,
    /// Number of codes of each length 0..=MAX_CODE_LEN.
    pub code_counts: Vec<u8>,
    /// Symbols in canonical order: palette indices, then `palette.len()`
    /// (new node) and `palette.len() + 1` (reference).
    pub code_symbols: Vec<u16>,
    /// Bits of a node number in a reference.
    pub ref_bits: usize,
    pub nodes: usize,
}

impl Table {
    pub fn new() -> Table {
        Table {
            palette: Vec::new(),
            tries: Vec::new(),
            ids: HashMap::new(),
            by_content: HashMap::new(),
        }
    }

    /// Adds the trie of the next calling code.
    pub fn push(&mut self, trie: Rc<Node>) {
        self.id(&trie);
        self.tries.push(trie);
    }

    fn id(&mut self, node: &Rc<Node>) -> usize {
        if let Some(&id) = self.ids.get(&Rc::as_ptr(node)) {
            return id;
        }
        let key = match &**node {
            Node::Leaf(leaf) => Key::Leaf(*leaf),
            Node::Inner { own, children } => {
                let mut ids = [0; 10];
                for (id, child) in ids.iter_mut().zip(children.iter()) {
                    *id = self.id(child);
                }
                Key::Inner(*own, ids)
            }
        };
        let next = self.by_content.len();
        let id = *self.by_content.entry(key).or_insert(next);
        self.ids.insert(Rc::as_ptr(node), id);
        id
    }

    pub fn serialize(&mut self) -> Result<Serialized, String> {
        // A first pass counts the symbols, the second writes with the code
        // that the counts give.
        let mut counting = Writer::default();
        self.write_all(&mut counting);
        let symbols = self.palette.len() + 2;
        // The crate keeps a leaf's index in 15 bits, its top values its
        // own markers.
        if self.palette.len() >= 0x7FF0 {
            return Err("number-type leaves no longer fit the crate's 15 bits".into());
        }
        let lengths = huffman_lengths(&counting.counts, symbols)?;
        let ref_bits = (usize::BITS - counting.nodes.leading_zeros()) as usize;
        let mut writer = Writer {
            code: Some(canonical(&lengths)),
            ref_bits,
            ..Writer::default()
        };
        self.write_all(&mut writer);
        let mut code_counts = vec![0u8; MAX_CODE_LEN + 1];
        for &len in &lengths {
            if len > 0 {
                code_counts[len] += 1;
            }
        }
        let mut order: Vec<usize> = (0..symbols).filter(|&s| lengths[s] > 0).collect();
        order.sort_by_key(|&s| (lengths[s], s));
        Ok(Serialized {
            bits: writer.bytes,
            code_counts,
            code_symbols: order.iter().map(|&s| s as u16).collect(),
            ref_bits,
            nodes: writer.nodes,
        })
    }

    fn write_all(&mut self, w: &mut Writer) {
        for trie in self.tries.clone() {
            self.value(&trie, w);
        }
    }

    fn palette_index(&mut self, leaf: Leaf) -> usize {
        self.palette.iter().position(|&l| l == leaf).unwrap_or_else(|| {
            self.palette.push(leaf);
            self.palette.len() - 1
        })
    }

    fn value(&mut self, node: &Rc<Node>, w: &mut Writer) {
        let id = self.id(node);
        match &**node {
            Node::Leaf(leaf) => {
                let p = self.palette_index(*leaf);
                w.symbol(p);
            }
            Node::Inner { own, children } => {
                if let Some(&n) = w.written.get(&id) {
                    w.symbol(self.palette.len() + BACK);
                    w.bits(n, w.ref_bits);
                    return;
                }
                w.written.insert(id, w.nodes);
                w.nodes += 1;
                w.symbol(self.palette.len() + NEW);
                let ids: Vec<usize> = children.iter().map(|c| self.id(c)).collect();
                let mut mask = 0;
                for k in 1..10 {
                    if ids[k] != ids[k - 1] {
                        mask |= 1 << (k - 1);
                    }
                }
                w.bits(mask, MASK_BITS);
                w.bits(usize::from(own.is_some()), 1);
                if let Some(own) = own {
                    let p = self.palette_index(Leaf { set: *own, lengths: 1 });
                    w.symbol(p);
                }
                for (k, child) in children.iter().enumerate() {
                    if k == 0 || ids[k - 1] != ids[k] {
                        self.value(child, w);
                    }
                }
            }
        }
    }
}

/// Writes bits least significant first, or only counts what it would.
#[derive(Default)]
struct Writer {
    /// The code of each symbol (bits, length); `None` while counting.
    code: Option<Vec<(usize, usize)>>,
    counts: HashMap<usize, usize>,
    bytes: Vec<u8>,
    used: usize,
    ref_bits: usize,
    /// Node numbers of the subtrees written, by [`Table::id`].
    written: HashMap<usize, usize>,
    nodes: usize,
}

impl Writer {
    fn symbol(&mut self, s: usize) {
        *self.counts.entry(s).or_default() += 1;
        if let Some((code, len)) = self.code.as_ref().and_then(|c| c.get(s)).copied() {
            // Huffman codes are read a bit at a time, first bit first.
            for i in (0..len).rev() {
                self.bits(code >> i & 1, 1);
            }
        }
    }

    fn bits(&mut self, value: usize, n: usize) {
        if self.code.is_none() {
            return;
        }
        for i in 0..n {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if value >> i & 1 != 0 {
                *self.bytes.last_mut().expect("a byte") |= 1 << (self.used % 8);
            }
            self.used += 1;
        }
    }
}

/// Huffman code lengths of symbols 0..n from their counts (0 for a symbol
/// never used), at most [`MAX_CODE_LEN`].
fn huffman_lengths(counts: &HashMap<usize, usize>, n: usize) -> Result<Vec<usize>, String> {
    let mut lengths = vec![0; n];
    // (weight, tie-break, symbols below)
    let mut heap: Vec<(usize, usize, Vec<usize>)> = (0..n)
        .filter_map(|s| counts.get(&s).map(|&c| (c, s, vec![s])))
        .collect();
    if heap.len() == 1 {
        lengths[heap[0].1] = 1;
    }
    let mut tie = n;
    while heap.len() > 1 {
        heap.sort_by_key(|&(weight, tie, _)| std::cmp::Reverse((weight, tie)));
        let (w1, _, a) = heap.pop().expect("two");
        let (w2, _, b) = heap.pop().expect("two");
        for &s in a.iter().chain(&b) {
            lengths[s] += 1;
        }
        heap.push((w1 + w2, tie, [a, b].concat()));
        tie += 1;
    }
    if lengths.iter().any(|&l| l > MAX_CODE_LEN) {
        return Err("a number-type symbol code is longer than MAX_CODE_LEN".into());
    }
    Ok(lengths)
}

/// The canonical code of each symbol: (bits, length).
fn canonical(lengths: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..lengths.len()).filter(|&s| lengths[s] > 0).collect();
    order.sort_by_key(|&s| (lengths[s], s));
    let mut codes = vec![(0, 0); lengths.len()];
    let (mut code, mut len) = (0, 0);
    for s in order {
        code <<= lengths[s] - len;
        len = lengths[s];
        codes[s] = (code, len);
        code += 1;
    }
    codes
}

/// Where an example number of a type is decided in its code's trie: the
/// shortest prefix that reaches a leaf, or the whole example.
pub fn example_range<'a>(trie: &Node, example: &'a str) -> &'a str {
    let mut node = trie;
    for (k, b) in example.bytes().enumerate() {
        match node {
            Node::Leaf(_) => return &example[..k],
            Node::Inner { children, .. } => node = &children[usize::from(b.wrapping_sub(b'0')).min(9)],
        }
    }
    example
}

/// The types of a number (or a prefix of one), as the crate looks them
/// up: those of the leaf reached while it has longer numbers (invalid past
/// them), or the own set where the digits end.
#[cfg(test)]
fn lookup(mut node: &Node, digits: &str) -> Option<TypeSet> {
    let mut leaf_depth = None;
    for (k, b) in digits.bytes().enumerate() {
        match node {
            Node::Leaf(_) => {
                leaf_depth = Some(k);
                break;
            }
            Node::Inner { children, .. } => node = &children[usize::from(b - b'0')],
        }
    }
    match node {
        Node::Leaf(leaf) => {
            let below = digits.len() - leaf_depth.unwrap_or(digits.len());
            Some(if leaf.lengths >> below == 0 { UNKNOWN } else { leaf.set })
        }
        Node::Inner { own, .. } => *own,
    }
}

/// Whether the digits are a complete number of the trie.
#[cfg(test)]
fn complete(mut node: &Node, digits: &str) -> bool {
    for (k, b) in digits.bytes().enumerate() {
        match node {
            Node::Leaf(leaf) => return leaf.lengths >> (digits.len() - k) & 1 == 1,
            Node::Inner { children, .. } => node = &children[usize::from(b - b'0')],
        }
    }
    match node {
        Node::Leaf(leaf) => leaf.lengths & 1 == 1,
        Node::Inner { own, .. } => own.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types by index in NUMBER_TYPES: 0 fixed line, 1 mobile, 3 premium
    /// rate, 9 voicemail.
    fn territory(leading: Option<&str>, types: &[(usize, &str, &[u32])]) -> Territory {
        Territory::for_test("XX", leading, types)
    }

    const FIXED_LINE: TypeSet = 1 << 0;
    const MOBILE: TypeSet = 1 << 1;
    const PREMIUM: TypeSet = 1 << 3;
    const VOICEMAIL: TypeSet = 1 << 9;

    fn trie(territories: &[&Territory]) -> Rc<Node> {
        Builder::new(territories).unwrap().build().unwrap()
    }

    #[test]
    fn types_are_decided_at_the_shortest_prefix() {
        let t = territory(
            None,
            &[(0, "2\\d{6}", &[7]), (1, "7\\d{6}", &[7]), (3, "90\\d{5}", &[7])],
        );
        let trie = trie(&[&t]);
        assert_eq!(lookup(&trie, "2"), Some(FIXED_LINE));
        assert_eq!(lookup(&trie, "7123456"), Some(MOBILE));
        assert_eq!(lookup(&trie, "90"), Some(PREMIUM));
        // Nothing starts with 5, or with 91 (a gap beside the premium range):
        // unknown, as libphonenumber says of every number there.
        assert_eq!(lookup(&trie, "5"), Some(UNKNOWN));
        assert_eq!(lookup(&trie, "91"), Some(UNKNOWN));
        assert_eq!(lookup(&trie, "9"), None);
    }

    #[test]
    fn only_numbers_of_a_possible_length_are_complete_and_longer_ones_are_unknown() {
        let t = territory(None, &[(3, "90\\d{4,5}", &[6, 7])]);
        let trie = trie(&[&t]);
        assert!(!complete(&trie, "90123"), "too short");
        assert!(complete(&trie, "901234"));
        assert!(complete(&trie, "9012345"));
        assert_eq!(lookup(&trie, "9012345"), Some(PREMIUM));
        assert!(!complete(&trie, "90123456"));
        assert_eq!(lookup(&trie, "90123456"), Some(UNKNOWN), "too long");
    }

    #[test]
    fn a_complete_number_keeps_its_own_type_below_longer_ones() {
        // 11-digit mobile numbers, and voicemail numbers one digit longer.
        let t = territory(None, &[(1, "15\\d{9}", &[11]), (9, "15\\d{10}", &[12])]);
        let trie = trie(&[&t]);
        assert_eq!(lookup(&trie, "15"), None);
        assert_eq!(lookup(&trie, "15123456789"), Some(MOBILE));
        assert_eq!(lookup(&trie, "151234567890"), Some(VOICEMAIL));
    }

    #[test]
    fn overlapping_patterns_keep_every_type() {
        let t = territory(None, &[(0, "9\\d{6}", &[7]), (3, "90\\d{5}", &[7])]);
        assert_eq!(lookup(&trie(&[&t]), "90"), Some(FIXED_LINE | PREMIUM));
    }

    #[test]
    fn a_territory_with_leading_digits_types_only_its_own_numbers() {
        let main = territory(None, &[(0, "[2-8]\\d{6}", &[7])]);
        let island = territory(Some("9"), &[(3, "9\\d{6}", &[7]), (0, "[2-8]\\d{6}", &[7])]);
        let trie = trie(&[&main, &island]);
        assert_eq!(lookup(&trie, "9"), Some(PREMIUM));
        assert_eq!(lookup(&trie, "2"), Some(FIXED_LINE));
    }

    #[test]
    fn fixed_and_mobile_told_apart_as_deep_as_their_patterns_go() {
        let deep = territory(None, &[(0, "2222\\d{3}", &[7]), (1, "2223\\d{3}", &[7])]);
        assert_eq!(lookup(&trie(&[&deep]), "2222"), Some(FIXED_LINE));
        assert_eq!(lookup(&trie(&[&deep]), "2223"), Some(MOBILE));
        assert_eq!(lookup(&trie(&[&deep]), "222"), None);
    }
}
