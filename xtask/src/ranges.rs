//! Leading-digit ranges that tell apart the territories sharing a calling
//! code (US/CA/JM/... on +1, GB/GG/JE/IM on +44, IT/VA on +39, ...).
//!
//! A territory with a territory-level `leadingDigits` owns the national
//! numbers that start with a match of it (libphonenumber identifies such
//! territories by leadingDigits alone). Any other territory owns a national
//! digit prefix when one of its number patterns can still match some number
//! that starts with it: a partial match, answered by walking a DFA over the
//! prefix until it is dead.
//!
//! The result is a trie over national digits. A prefix is expanded while more
//! than one territory can own numbers below it; leaves hold the candidate
//! territories (several where numbering plans truly overlap, such as
//! toll-free 8XX on +1), and children that all say the same as their parent
//! are folded back into it, so the trie keeps the shortest deciding prefixes.
//!
//! Expansion goes as deep as the patterns do (a Canadian 7-digit `310xxxx`
//! number must not make the 10-digit Los Angeles `310` numbers Canadian), so
//! subtrees are shared: the subtree below a prefix depends only on where each
//! territory's DFA stands there, and is built once per such state.

use std::collections::HashMap;
use std::rc::Rc;

use regex_automata::util::primitives::StateID;

use crate::automaton::Pattern;
use crate::metadata::Territory;

/// Deepest prefix examined: longer than any national number (libphonenumber
/// allows 17 digits), so that every pattern has ended by then.
pub const MAX_DEPTH: usize = 18;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Every number below this prefix has these candidates (indices into
    /// the territories given to [`build`]), in the order given.
    Leaf(Vec<usize>),
    /// `all` are the candidates of the prefix itself (the union below it,
    /// plus any territory with a number exactly this long).
    Inner {
        all: Vec<usize>,
        children: Box<[Rc<Node>; 10]>,
    },
}

struct Matcher {
    pattern: Pattern,
    /// Owns everything that starts with a match (leadingDigits), rather than
    /// only numbers the pattern matches in full.
    owns_on_prefix_match: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Cursor {
    Dead,
    Live(StateID),
    /// A leadingDigits match is behind us: every continuation is owned.
    Owned,
}

pub fn build(territories: &[&Territory]) -> Result<Rc<Node>, String> {
    let matchers: Vec<Matcher> = territories
        .iter()
        .map(|t| match &t.leading_digits {
            Some(ld) => Ok(Matcher {
                pattern: Pattern::new(ld)?,
                owns_on_prefix_match: true,
            }),
            None => {
                let union = t
                    .types
                    .iter()
                    .map(|d| format!("(?:{})", d.pattern))
                    .collect::<Vec<_>>()
                    .join("|");
                Ok(Matcher {
                    pattern: Pattern::new(&union)?,
                    owns_on_prefix_match: false,
                })
            }
        })
        .collect::<Result<_, String>>()?;
    let starts = matchers
        .iter()
        .map(|m| m.pattern.start().map(Cursor::Live))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(descend(&matchers, &starts, 0, &mut HashMap::new()))
}

fn descend(
    matchers: &[Matcher],
    cursors: &[Cursor],
    depth: usize,
    built: &mut HashMap<Vec<Cursor>, Rc<Node>>,
) -> Rc<Node> {
    if let Some(node) = built.get(cursors) {
        return node.clone();
    }

    let all: Vec<usize> = (0..cursors.len())
        .filter(|&i| !matches!(cursors[i], Cursor::Dead))
        .collect();
    let node = if all.len() <= 1 || depth == MAX_DEPTH {
        Node::Leaf(all)
    } else {
        let children: [Rc<Node>; 10] = std::array::from_fn(|digit| {
            let next: Vec<Cursor> = matchers
                .iter()
                .zip(cursors)
                .map(|(m, &cursor)| step(m, cursor, b'0' + digit as u8))
                .collect();
            descend(matchers, &next, depth + 1, built)
        });
        // Children that add nothing but unowned gaps do not decide the region.
        if children
            .iter()
            .all(|c| matches!(&**c, Node::Leaf(set) if set.is_empty() || *set == all))
        {
            Node::Leaf(all)
        } else {
            Node::Inner {
                all,
                children: Box::new(children),
            }
        }
    };
    let node = Rc::new(node);
    built.insert(cursors.to_vec(), node.clone());

    node
}

fn step(m: &Matcher, cursor: Cursor, byte: u8) -> Cursor {
    let Cursor::Live(state) = cursor else { return cursor };
    let next = m.pattern.next(state, byte);
    if m.owns_on_prefix_match && m.pattern.matches(next) {
        Cursor::Owned
    } else if m.pattern.completions(next) != 0 {
        Cursor::Live(next)
    } else {
        Cursor::Dead
    }
}

/// The candidates for a national number (or a prefix of one), as the crate
/// looks them up: the leaf reached, or the node where the digits end.
#[cfg(test)]
fn lookup<'a>(mut node: &'a Node, digits: &str) -> &'a [usize] {
    for b in digits.bytes() {
        match node {
            Node::Leaf(set) => return set,
            Node::Inner { children, .. } => node = &*children[usize::from(b - b'0')],
        }
    }
    match node {
        Node::Leaf(set) | Node::Inner { all: set, .. } => set,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territory(id: &str, leading: Option<&str>, patterns: &[&str]) -> Territory {
        let types: Vec<(usize, &str, &[u32])> = patterns.iter().map(|&p| (0, p, &[][..])).collect();
        Territory::for_test(id, leading, &types)
    }

    #[test]
    fn partial_matches_decide_at_the_shortest_prefix() {
        let a = territory("A", None, &["2\\d{6}", "88\\d{5}"]);
        let b = territory("B", None, &["3\\d{6}", "88\\d{5}"]);
        let c = territory("C", Some("4|5[01]"), &[]);
        let trie = build(&[&a, &b, &c]).unwrap();
        assert_eq!(lookup(&trie, "2"), [0]);
        assert_eq!(lookup(&trie, "3123"), [1]);
        assert_eq!(lookup(&trie, "4"), [2]);
        assert_eq!(lookup(&trie, "50999"), [2]);
        // Only C can own numbers starting with 5: decided there, even though
        // no number starts with 52.
        assert_eq!(lookup(&trie, "5"), [2]);
        assert_eq!(lookup(&trie, "52"), [2]);
        assert_eq!(lookup(&trie, "8"), [0, 1]);
        assert_eq!(lookup(&trie, "8812345"), [0, 1]);
        // Unowned gaps beside a shared range do not split it.
        assert_eq!(lookup(&trie, "89"), [0, 1]);
        assert_eq!(lookup(&trie, "6"), [] as [usize; 0]);
        assert_eq!(lookup(&trie, ""), [0, 1, 2]);
    }

    #[test]
    fn a_shorter_number_does_not_claim_longer_ones() {
        // B's 7-digit 310xxxx numbers share a prefix with A's 10-digit ones.
        let a = territory("A", None, &["310\\d{7}"]);
        let b = territory("B", None, &["310\\d{4}"]);
        let trie = build(&[&a, &b]).unwrap();
        assert_eq!(lookup(&trie, "310"), [0, 1]);
        assert_eq!(lookup(&trie, "3105550"), [0, 1]);
        assert_eq!(lookup(&trie, "31055501"), [0]);
        assert_eq!(lookup(&trie, "3105550123"), [0]);
    }

    #[test]
    fn an_earlier_alternative_does_not_hide_a_longer_one() {
        // Leftmost-first semantics would stop after "1"; ownership must not.
        let a = territory("A", None, &["1|12\\d"]);
        let b = territory("B", None, &["9"]);
        let trie = build(&[&a, &b]).unwrap();
        assert_eq!(lookup(&trie, "123"), [0]);
    }
}
