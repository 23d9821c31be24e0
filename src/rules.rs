//! A policy compiled into a decision trie over the digits after the
//! international prefix, so that judging a dial is one walk of at most 15
//! steps.
//!
//! The first one to three levels spell calling codes; they are never
//! collapsed, because the calling code must be known before a verdict
//! (docs/contract.md §4 step 7). Below a code, a subtree says which national-digit prefixes
//! are allowed; it is collapsed wherever every continuation gets the same
//! verdict, which is what lets `0054` be `allowed` at once and `001 21` be
//! `blocked` in `"by-region"` mode before the number is complete.
//!
//! With `blockNumberTypes`, an allowed subtree is the calling code's
//! number-type trie judged against the blocked types (docs/contract.md §4 step 8): a
//! range whose every number is of a blocked type is `TypeBlocked`, one with
//! none is `Allowed`, and the rest stay nodes, so the verdict still comes
//! from this one walk.

use alloc::{collections::BTreeMap, string::String, vec, vec::Vec};

use crate::allow::AllowList;
use crate::data::{CallingCode, CodeMatch, NumberTypes, RangeNode, RangeStep, TypeLeaf, TypeSet, TypeStep};
use crate::reason::Verdict;
use crate::wire::{Reader, Writer};

/// Where a walk goes next.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    Allowed,
    Blocked,
    /// Every number below is of a blocked number type.
    TypeBlocked,
    /// No calling code starts with the digits.
    Unassigned,
    Node(u32),
}

/// A step in the compiled policy's bytes.
fn step_code(step: Step) -> u32 {
    match step {
        Step::Allowed => 0,
        Step::Blocked => 1,
        Step::TypeBlocked => 2,
        Step::Unassigned => 3,
        Step::Node(n) => n + 4,
    }
}

/// The most nodes on any path below a calling code in a compiled policy's
/// bytes: a national number's digits, with room to spare (a walk reads at
/// most 15 digits).
const MAX_DEPTH: usize = 24;

/// In a compiled policy's bytes: a step to a node written in place, to
/// one written before (plus its number), and a node's allowed-here bit.
const NEW_NODE: u32 = 4;
const NODE_SEEN: u32 = 5;
const ALLOWED_HERE: u32 = 1 << 9;

#[derive(Clone, PartialEq, Eq, Debug)]
struct Node {
    next: [Step; 10],
    /// In a calling-code node: the code each digit completes, if any.
    codes: [Option<CallingCode>; 10],
    /// Some continuation is allowed.
    can_be_allowed: bool,
    /// The digits that reach the node are an allowed number themselves
    /// (with longer numbers below that are not: an 11-digit mobile number
    /// above 12-digit voicemail ones).
    allowed_here: bool,
    /// The node spells part of a calling code (above the national digits).
    in_code: bool,
}

/// The result of walking a dial's digits (after the prefix).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Walk {
    Allowed,
    Blocked,
    TypeBlocked,
    Unassigned,
    /// The digits ran out inside the trie.
    Incomplete {
        can_be_allowed: bool,
        in_code: bool,
    },
}

/// What the policy allows, as the compiler needs it.
pub(crate) trait Allowance {
    /// The allow list, which says which entry covers a number.
    fn allow(&self) -> &AllowList;
    /// Protection is on; off, every number of every code is allowed.
    fn enabled(&self) -> bool;
    /// The number types blocked inside allowed destinations.
    fn blocked_types(&self) -> TypeSet;
    /// The number-type tries.
    fn number_types(&self) -> &NumberTypes;
    /// The calling code whose national dials are typed too
    /// (`judgeNationalDialing`), with the types blocked there.
    fn national_types(&self) -> Option<(CallingCode, TypeSet)>;
}

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub(crate) struct Rules {
    nodes: Vec<Node>,
    /// The node of the first digit after the prefix.
    root: u32,
    /// The judged national digits of a national dial within the home
    /// region (see [`Allowance::national_types`]).
    national: Option<Step>,
}

impl Rules {
    pub fn compile(policy: &impl Allowance) -> Rules {
        let mut compiler = Compiler {
            rules: Rules::default(),
            policy,
            memo: vec![None; RangeNode::COUNT],
            typed: vec![[None; 2]; policy.number_types().len()],
            lengths: Vec::new(),
            blocked: policy.blocked_types(),
        };
        let codes: Vec<Step> = CallingCode::all().map(|code| compiler.code(code)).collect();
        compiler.rules.root = compiler.rules.code_level(0, 0, &codes);
        if let Some((code, blocked)) = policy.national_types() {
            // Another blocked set: the subtrees judged so far do not apply.
            compiler.typed.fill([None; 2]);
            compiler.memo.fill(None);
            compiler.lengths.clear();
            compiler.blocked = blocked;
            // An allowed destination, with the home code's entries of
            // national digits winning over a type block as they do abroad.
            let root = policy.number_types().root(code);
            let ranges = policy.allow().ranges(code);
            let national = compiler.national(Destination::Allowed, root, false, &ranges, &mut Vec::new());
            compiler.rules.national = Some(national);
        }
        compiler.rules
    }

    /// Builds the node for code digits `value` (`depth` of them; codes are
    /// at most three digits long) over the subtree of each calling code
    /// (`codes`, in code order): the code levels are the numbering data's,
    /// the same in every policy.
    fn code_level(&mut self, value: u16, depth: u32, codes: &[Step]) -> u32 {
        let index = self.alloc(true);
        for digit in 0..10u16 {
            let value = value * 10 + digit;
            let step = match CallingCode::from_value(value) {
                Some(code) => {
                    if let Some(slot) = self
                        .nodes
                        .get_mut(index as usize)
                        .and_then(|n| n.codes.get_mut(digit as usize))
                    {
                        *slot = Some(code);
                    }
                    codes.get(code.index()).copied().unwrap_or(Step::Blocked)
                }
                None if depth < 2 && has_longer_code(value, depth + 1) => {
                    Step::Node(self.code_level(value, depth + 1, codes))
                }
                None => Step::Unassigned,
            };
            self.set(index, digit as usize, step);
        }
        self.finish(index, false);
        index
    }

    /// The step a calling code's digits lead to from the root.
    fn code_step(&self, code: CallingCode) -> Step {
        let mut step = Step::Node(self.root);
        for &d in code.digits().as_bytes() {
            step = self.child(step, d - b'0');
        }
        step
    }

    /// Writes the trie into a compiled policy's bytes (`crate::wire`): the
    /// calling codes whose subtree is not `Blocked`, as a count and
    /// (code, step) pairs, then the national trie's root (0, or 1 + its
    /// step). The code levels above them are not written: they are the
    /// numbering data's. A step is a code (0-3: allowed, blocked, type
    /// blocked, unassigned), 4 and a node first met here, written in
    /// place, or 5 + the number of a node met before (numbered in the
    /// order they are written). A node is a varint: a mask of the digits
    /// 1-9 whose step differs from the digit before's, and 512 when its
    /// digits are an allowed number themselves; then those steps.
    pub fn write_to(&self, w: &mut Writer) {
        let mut numbers = vec![u32::MAX; self.nodes.len()];
        let mut written = 0;
        let codes: Vec<(CallingCode, Step)> = CallingCode::all()
            .map(|code| (code, self.code_step(code)))
            .filter(|&(_, step)| step != Step::Blocked)
            .collect();
        w.varint(codes.len() as u32);
        for (code, step) in codes {
            w.varint(u32::from(code.value()));
            self.write_step(w, step, &mut numbers, &mut written);
        }
        match self.national {
            None => w.varint(0),
            Some(step) => {
                w.varint(1);
                self.write_step(w, step, &mut numbers, &mut written);
            }
        }
    }

    fn write_step(&self, w: &mut Writer, step: Step, numbers: &mut [u32], written: &mut u32) {
        let Step::Node(index) = step else {
            return w.varint(step_code(step));
        };
        let Some(node) = self.nodes.get(index as usize) else {
            return w.varint(step_code(Step::Blocked));
        };
        match numbers.get(index as usize) {
            Some(&n) if n != u32::MAX => return w.varint(NODE_SEEN + n),
            _ => {}
        }
        if let Some(slot) = numbers.get_mut(index as usize) {
            *slot = *written;
        }
        *written += 1;
        w.varint(NEW_NODE);
        let changes = (1..10)
            .filter(|&d| node.next.get(d) != node.next.get(d - 1))
            .fold(0, |mask, d| mask | 1 << (d - 1));
        w.varint(changes | if node.allowed_here { ALLOWED_HERE } else { 0 });
        for (d, &next) in node.next.iter().enumerate() {
            if d == 0 || changes & 1 << (d - 1) != 0 {
                self.write_step(w, next, numbers, written);
            }
        }
    }

    /// Reads what [`write_to`](Self::write_to) wrote, every value checked:
    /// assigned calling codes in order, masks in range and naming real
    /// changes, steps to nodes read to their end (so no path comes back to
    /// itself) and no path deeper than [`MAX_DEPTH`] nodes: what is read is
    /// in the one form the writer gives. Whether a node can still be
    /// allowed is found again, not read.
    pub fn read_from(r: &mut Reader<'_>) -> Rules {
        let mut rules = Rules::default();
        let mut done = Vec::new();
        let mut codes = vec![Step::Blocked; CallingCode::all().len()];
        r.by_code(|r, code| {
            let step = rules.read_step(r, &mut done, 0);
            // A blocked code is not written.
            r.require(step != Step::Blocked);
            if let Some(slot) = codes.get_mut(code.index()) {
                *slot = step;
            }
        });
        rules.national = match r.varint() {
            0 => None,
            1 => Some(rules.read_step(r, &mut done, 0)),
            _ => {
                r.require(false);
                None
            }
        };
        rules.root = rules.code_level(0, 0, &codes);
        rules
    }

    /// A step; once the bytes are malformed, `Blocked` (and nothing more
    /// is read).
    fn read_step(&mut self, r: &mut Reader<'_>, done: &mut Vec<bool>, depth: usize) -> Step {
        if !r.ok() {
            return Step::Blocked;
        }
        let node = match r.varint() {
            0 => return Step::Allowed,
            1 => return Step::Blocked,
            2 => return Step::TypeBlocked,
            3 => return Step::Unassigned,
            NEW_NODE if depth < MAX_DEPTH => self.alloc(false),
            n if n >= NODE_SEEN && done.get((n - NODE_SEEN) as usize) == Some(&true) => {
                return Step::Node(n - NODE_SEEN)
            }
            _ => {
                r.require(false);
                return Step::Blocked;
            }
        };
        done.push(false);
        let head = r.varint();
        r.require(head < ALLOWED_HERE << 1);
        let mut next = self.read_step(r, done, depth + 1);
        for d in 0..10 {
            if d > 0 && head & 1 << (d - 1) != 0 {
                let changed = self.read_step(r, done, depth + 1);
                // A change to the same step is another spelling.
                r.require(changed != next);
                next = changed;
            }
            self.set(node, d, next);
        }
        if let Some(slot) = done.get_mut(node as usize) {
            *slot = true;
        }
        self.finish(node, head & ALLOWED_HERE != 0)
    }

    fn alloc(&mut self, in_code: bool) -> u32 {
        self.nodes.push(Node {
            next: [Step::Unassigned; 10],
            codes: [None; 10],
            can_be_allowed: false,
            allowed_here: false,
            in_code,
        });
        (self.nodes.len() - 1) as u32
    }

    fn set(&mut self, node: u32, digit: usize, step: Step) {
        if let Some(slot) = self.nodes.get_mut(node as usize).and_then(|n| n.next.get_mut(digit)) {
            *slot = step;
        }
    }

    /// Completes a node; `allowed_here` when the digits that reach it are
    /// themselves an allowed number.
    fn finish(&mut self, index: u32, allowed_here: bool) -> Step {
        let can_be_allowed = allowed_here
            || self.nodes.get(index as usize).is_some_and(|node| {
                node.next.iter().any(|&step| match step {
                    Step::Allowed => true,
                    Step::Node(child) => self.nodes.get(child as usize).is_some_and(|c| c.can_be_allowed),
                    Step::Blocked | Step::TypeBlocked | Step::Unassigned => false,
                })
            });
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.can_be_allowed = can_be_allowed;
            node.allowed_here = allowed_here;
        }
        Step::Node(index)
    }

    /// Whether any dial can be allowed at all.
    pub fn allows_anything(&self) -> bool {
        self.nodes
            .get(self.root as usize)
            .is_some_and(|root| root.can_be_allowed)
    }

    /// A step's child for `digit`; a decided step is its own child.
    fn child(&self, step: Step, digit: u8) -> Step {
        match step {
            Step::Node(n) => self
                .nodes
                .get(n as usize)
                .and_then(|node| node.next.get(usize::from(digit)))
                .copied()
                .unwrap_or(Step::Unassigned),
            decided => decided,
        }
    }

    /// Where `proposed` judges dials differently from `self`: every digit
    /// string after the international prefix whose walk ends in another
    /// verdict, as the shortest prefixes below which the change is whole,
    /// and the dials whose own walk changes on the way (`0054` incomplete
    /// where it was blocked). `everything`: the proposed policy allows
    /// every dial (protection off), whatever its trie says.
    pub fn differences(&self, proposed: &Rules, everything: (bool, bool)) -> Vec<Cell> {
        let root = |rules: &Rules, all: bool| if all { Step::Allowed } else { Step::Node(rules.root) };
        Differ::run(
            self,
            proposed,
            root(self, everything.0),
            root(proposed, everything.1),
            true,
        )
    }

    /// [`Self::differences`] of national dials within the home region
    /// (both policies judge them, from the same home region).
    pub fn national_differences(&self, proposed: &Rules) -> Vec<Cell> {
        match (self.national, proposed.national) {
            (Some(a), Some(b)) => Differ::run(self, proposed, a, b, false),
            _ => Vec::new(),
        }
    }

    /// Digits after the prefix for each kind of walk the trie ends in
    /// (allowed, blocked, of a blocked type, unassigned, not decided), a
    /// few of each from different calling codes: dials for the diff to try.
    pub fn examples(&self) -> Vec<String> {
        let mut found = Examples::default();
        found.visit(self, Step::Node(self.root), &mut Vec::new(), true);
        found.out
    }

    /// [`Self::examples`] of the national trie.
    pub fn national_examples(&self) -> Vec<String> {
        let mut found = Examples::default();
        if let Some(step) = self.national {
            found.visit(self, step, &mut Vec::new(), false);
        }
        found.out
    }

    /// The verdict of a walk that ends at `step` (see [`Self::walk`]).
    fn ends(&self, step: Step, in_code: bool) -> Walk {
        match step {
            Step::Allowed => Walk::Allowed,
            Step::Blocked => Walk::Blocked,
            Step::TypeBlocked => Walk::TypeBlocked,
            Step::Unassigned => Walk::Unassigned,
            Step::Node(node) => self.incomplete(node, in_code),
        }
    }

    fn in_code(&self, step: Step) -> bool {
        match step {
            Step::Node(n) => self.nodes.get(n as usize).is_some_and(|n| n.in_code),
            _ => false,
        }
    }

    /// Walks ASCII digits from the root (the first digit after the
    /// prefix). Also gives the calling code and how many digits spell it,
    /// once the walk got past it.
    #[inline]
    pub fn walk(&self, digits: &[u8]) -> (Walk, Option<(CallingCode, usize)>) {
        let mut node = self.root;
        let mut in_code = true;
        let mut code = None;
        for (i, &d) in digits.iter().enumerate() {
            let here = self.nodes.get(node as usize);
            let digit = usize::from(d.wrapping_sub(b'0'));
            if in_code {
                code = here
                    .and_then(|n| n.codes.get(digit).copied().flatten())
                    .map(|c| (c, i + 1));
            }
            match here
                .and_then(|n| n.next.get(digit))
                .copied()
                .unwrap_or(Step::Unassigned)
            {
                Step::Allowed => return (Walk::Allowed, code),
                Step::Blocked => return (Walk::Blocked, code),
                Step::TypeBlocked => return (Walk::TypeBlocked, code),
                Step::Unassigned => return (Walk::Unassigned, None),
                Step::Node(child) => {
                    node = child;
                    in_code = self.nodes.get(child as usize).is_some_and(|n| n.in_code);
                }
            }
        }
        (self.incomplete(node, in_code), code)
    }

    /// Walks the national digits of a national dial within the home region
    /// (after the trunk prefix): `TypeBlocked` when they are of a blocked
    /// type; `None` when national dials are not typed.
    pub fn walk_national(&self, digits: &[u8]) -> Option<Walk> {
        let mut step = self.national?;
        for &d in digits {
            step = self.child(step, d.wrapping_sub(b'0'));
        }
        Some(match step {
            Step::TypeBlocked => Walk::TypeBlocked,
            Step::Node(node) => self.incomplete(node, false),
            _ => Walk::Allowed,
        })
    }

    /// Where a walk ends inside the trie: an allowed number, or not decided.
    fn incomplete(&self, node: u32, in_code: bool) -> Walk {
        match self.nodes.get(node as usize) {
            Some(n) if n.allowed_here => Walk::Allowed,
            n => Walk::Incomplete {
                can_be_allowed: n.is_some_and(|n| n.can_be_allowed),
                in_code,
            },
        }
    }
}

/// Builds [`Rules`] for one policy.
struct Compiler<'p, P> {
    rules: Rules,
    policy: &'p P,
    /// The subtree compiled for each range node that no national-digit
    /// entry passes through, with the type-trie position it was compiled
    /// at (the last one): range tries share subtrees, so this keeps
    /// compiling linear in their size.
    memo: Vec<Option<(TypeStep, bool, Step)>>,
    /// The judged subtree of each type-trie node, for the blocked types at
    /// hand, with invalid numbers allowed and blocked.
    typed: Vec<[Option<Step>; 2]>,
    /// The judged subtree of each leaf's lengths, for the blocked types at
    /// hand, where invalid numbers are blocked and the leaf's types not.
    lengths: Vec<(u32, Step)>,
    /// The number types blocked: the policy's, then (for national dials)
    /// those but `unknown`.
    blocked: TypeSet,
}

/// Where the allow list stands below a national-digit prefix.
#[derive(Clone, Copy)]
enum Destination {
    /// As the numbering data's ranges say (`"by-region"`, or the regions of
    /// a code with national-digit entries).
    Ranges(RangeStep),
    /// Allowed, but for the number types.
    Allowed,
}

impl<P: Allowance> Compiler<'_, P> {
    /// The subtree of one calling code.
    fn code(&mut self, code: CallingCode) -> Step {
        let policy = self.policy;
        let ranges = policy.allow().ranges(code);
        let types = policy.number_types().root(code);
        if !policy.enabled() || policy.allow().whole_code(code) {
            return self.national(
                Destination::Allowed,
                types,
                self.invalid_blocked(),
                &ranges,
                &mut Vec::new(),
            );
        }
        if ranges.is_empty() && !(policy.allow().by_region() && policy.allow().any_region(code.regions())) {
            return Step::Blocked;
        }
        let data = if policy.allow().by_region() {
            code.ranges()
        } else {
            RangeStep::Leaf(code.regions())
        };
        self.national(
            Destination::Ranges(data),
            types,
            self.invalid_blocked(),
            &ranges,
            &mut Vec::new(),
        )
    }

    /// Whether the policy blocks numbers libphonenumber holds invalid.
    fn invalid_blocked(&self) -> bool {
        TypeSet::UNKNOWN.intersects(self.blocked)
    }

    /// The subtree below the national-digit prefix `prefix`: `destination`
    /// and `types` are where the allow list and the number types stand
    /// there, `invalid` whether an invalid number is blocked there (see
    /// [`Compiler::typed`]), `ranges` are the code's national-digit entries.
    fn national(
        &mut self,
        destination: Destination,
        types: TypeStep,
        invalid: bool,
        ranges: &[&[u8]],
        prefix: &mut Vec<u8>,
    ) -> Step {
        // Whether an entry goes on below the prefix: then the subtree is not
        // the data's alone, and not memoized.
        let mut passing = false;
        for range in ranges {
            if range.starts_with(prefix) {
                if range.len() == prefix.len() {
                    // Explicit: it wins over the number types.
                    return Step::Allowed;
                }
                passing = true;
            }
        }
        let destination = match destination {
            Destination::Ranges(RangeStep::Leaf(set))
                if self.policy.allow().by_region() && self.policy.allow().any_region(set) =>
            {
                Destination::Allowed
            }
            d => d,
        };
        // Without blocked types, where the type trie stands does not matter.
        let types = match self.blocked {
            TypeSet(0) => TypeStep::Leaf(TypeLeaf::INVALID),
            _ => types,
        };
        let memo = match destination {
            _ if passing => None,
            Destination::Allowed => return self.typed(types, invalid),
            Destination::Ranges(RangeStep::Leaf(_)) => return Step::Blocked,
            Destination::Ranges(RangeStep::Node(node)) => Some(node.index()),
        };
        if let Some(Some(Some((at, was_invalid, step)))) = memo.map(|i| self.memo.get(i)) {
            if (*at, *was_invalid) == (types, invalid) {
                return *step;
            }
        }
        let here = match destination {
            Destination::Ranges(RangeStep::Node(node)) if self.ends_allowed(node) => self.typed_here(types, invalid),
            // A complete number of a blocked type that an allowed region
            // can own, though the region is decided only further down.
            Destination::Ranges(RangeStep::Node(node))
                if self.policy.allow().by_region()
                    && self.policy.allow().any_region(node.own_set())
                    && self.typed_here(types, invalid) == Some(Step::TypeBlocked) =>
            {
                Some(Step::TypeBlocked)
            }
            _ => None,
        };
        // Past a complete number of a blocked type, as in `typed`.
        let below = invalid || here == Some(Step::TypeBlocked);
        let mut children = [Step::Blocked; 10];
        for (digit, child) in (0..10u8).zip(children.iter_mut()) {
            let next = match destination {
                Destination::Ranges(RangeStep::Node(node)) => Destination::Ranges(node.child(digit)),
                d => d,
            };
            prefix.push(b'0' + digit);
            let types = self.policy.number_types().child(types, digit);
            *child = self.national(next, types, below, ranges, prefix);
            prefix.pop();
        }
        let step = self.node(children, here);
        if let Some(slot) = memo.and_then(|i| self.memo.get_mut(i)) {
            *slot = Some((types, invalid, step));
        }
        step
    }

    /// The subtree of an allowed destination from type-trie position
    /// `types` on, with `blocked` number types; `invalid`: numbers
    /// libphonenumber holds invalid are blocked too. They are where
    /// `unknown` is blocked, and past a complete number of a blocked type:
    /// a dial that goes on from it into no number may be routed to it by a
    /// PBX or a carrier, the rest sent as digits after it (fail closed),
    /// while one that goes on to another valid number is that number.
    fn typed(&mut self, types: TypeStep, invalid: bool) -> Step {
        let blocked = self.blocked;
        let node = match types {
            _ if blocked == TypeSet::default() => return Step::Allowed,
            TypeStep::Leaf(leaf) => return self.typed_leaf(leaf, invalid),
            TypeStep::Node(node) => node,
        };
        let slot = usize::from(invalid);
        if let Some(step) = self.typed.get(usize::from(node)).and_then(|s| s[slot]) {
            return step;
        }
        let types = self.policy.number_types();
        let own = types.own(node);
        let here = own.map(|own| match own.intersects(blocked) {
            true => Step::TypeBlocked,
            false => Step::Allowed,
        });
        let below = invalid || here == Some(Step::TypeBlocked);
        let mut children = [Step::Blocked; 10];
        for (digit, child) in (0..10u8).zip(children.iter_mut()) {
            *child = self.typed(types.child(TypeStep::Node(node), digit), below);
        }
        let step = self.node(children, here);
        if let Some(s) = self.typed.get_mut(usize::from(node)) {
            s[slot] = Some(step);
        }
        step
    }

    /// [`Compiler::typed`] for a regular part of the type trie: blocked
    /// when its numbers are of a blocked type; with invalid numbers
    /// blocked, allowed at its numbers' lengths and blocked past the
    /// longest.
    fn typed_leaf(&mut self, leaf: TypeLeaf, invalid: bool) -> Step {
        if leaf.lengths == 0 {
            // No number below: every dial here is invalid.
            return match invalid {
                true => Step::TypeBlocked,
                false => Step::Allowed,
            };
        }
        if leaf.set.intersects(self.blocked) {
            return Step::TypeBlocked;
        }
        if !invalid {
            return Step::Allowed;
        }
        if let Some(&(_, step)) = self.lengths.iter().find(|(lengths, _)| *lengths == leaf.lengths) {
            return step;
        }
        let child = self.typed_leaf(leaf.child(), true);
        let step = self.node([child; 10], leaf.own().map(|_| Step::Allowed));
        self.lengths.push((leaf.lengths, step));
        step
    }

    /// Whether an allowed region has a number that ends at the range node:
    /// one of its candidates that none of its children has (Western
    /// Sahara's 9-digit numbers, which Morocco's leading digits go on past).
    fn ends_allowed(&self, node: RangeNode) -> bool {
        self.policy.allow().by_region()
            && node.own_set().iter().any(|r| {
                self.policy.allow().regions().contains(r)
                    && (0..10).all(|d| match node.child(d) {
                        RangeStep::Leaf(set) => !set.contains(r),
                        RangeStep::Node(child) => !child.own_set().contains(r),
                    })
            })
    }

    /// The verdict of a number that ends at type-trie position `types`, in
    /// an allowed destination; none where it is too short to be one.
    /// `invalid`: as [`Compiler::typed`] has it.
    fn typed_here(&self, types: TypeStep, invalid: bool) -> Option<Step> {
        let blocked = self.blocked;
        let own = match types {
            _ if blocked == TypeSet::default() => return Some(Step::Allowed),
            TypeStep::Leaf(leaf) if leaf.lengths == 0 => {
                return Some(match invalid {
                    true => Step::TypeBlocked,
                    false => Step::Allowed,
                })
            }
            TypeStep::Leaf(leaf) => leaf.own()?,
            TypeStep::Node(node) => self.policy.number_types().own(node)?,
        };
        Some(if own.intersects(blocked) {
            Step::TypeBlocked
        } else {
            Step::Allowed
        })
    }

    /// A node with these children, or the one verdict they all give;
    /// `here` is the verdict of the digits that reach it, when they are a
    /// number of their own.
    fn node(&mut self, children: [Step; 10], here: Option<Step>) -> Step {
        match children {
            [first, ..]
                if matches!(first, Step::Allowed | Step::Blocked | Step::TypeBlocked)
                    && children.iter().all(|&c| c == first)
                    && here.is_none_or(|h| h == first) =>
            {
                first
            }
            _ => {
                let index = self.rules.alloc(false);
                for (digit, child) in children.into_iter().enumerate() {
                    self.rules.set(index, digit, child);
                }
                self.rules.finish(index, here == Some(Step::Allowed))
            }
        }
    }
}

/// Digits after the prefix that two compiled policies walk to different
/// verdicts.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    /// ASCII digits.
    pub digits: Vec<u8>,
    /// Dials that start with the digits may change (the example shows
    /// how); otherwise only the dial of exactly these digits.
    pub whole: bool,
    /// Digits that change so: `digits` or longer.
    pub example: Vec<u8>,
    /// The example ends where every longer dial changes alike.
    pub open_ended: bool,
    pub before: Walk,
    pub after: Walk,
}

/// The first difference below a pair of steps: the digits after them, the
/// walks, whether every longer dial changes alike.
type Found = Option<(Vec<u8>, Walk, Walk, bool)>;

/// The product walk of [`Rules::differences`].
struct Differ<'r> {
    old: &'r Rules,
    new: &'r Rules,
    /// What each pair of steps walked before has below: shared subtrees are
    /// walked once, and reached again they are one cell.
    seen: BTreeMap<(u32, u32), Found>,
    digits: Vec<u8>,
    out: Vec<Cell>,
}

impl<'r> Differ<'r> {
    fn run(old: &'r Rules, new: &'r Rules, a: Step, b: Step, in_code: bool) -> Vec<Cell> {
        let mut differ = Differ {
            old,
            new,
            seen: BTreeMap::new(),
            digits: Vec::new(),
            out: Vec::new(),
        };
        differ.walk(a, b, in_code);
        differ.out
    }

    /// Compares below `(a, b)`: the first difference.
    fn walk(&mut self, a: Step, b: Step, in_code: bool) -> Found {
        let (before, after) = (self.old.ends(a, in_code), self.new.ends(b, in_code));
        let leaves = !matches!(a, Step::Node(_)) && !matches!(b, Step::Node(_));
        let differs = before.verdict() != after.verdict();
        if differs {
            self.out.push(Cell {
                digits: self.digits.clone(),
                whole: leaves,
                example: self.digits.clone(),
                open_ended: leaves,
                before,
                after,
            });
        }
        if leaves {
            return differs.then(|| (Vec::new(), before, after, true));
        }
        let pair = (key(a), key(b));
        if let Some(found) = self.seen.get(&pair) {
            if let Some((suffix, before, after, open_ended)) = found {
                let mut example = self.digits.clone();
                example.extend_from_slice(suffix);
                self.out.push(Cell {
                    digits: self.digits.clone(),
                    whole: true,
                    example,
                    open_ended: *open_ended,
                    before: *before,
                    after: *after,
                });
            }
            return found.clone();
        }
        let mut first = differs.then(|| (Vec::new(), before, after, false));
        for digit in 0..10u8 {
            let (ca, cb) = (self.old.child(a, digit), self.new.child(b, digit));
            let in_code = self.old.in_code(ca) || self.new.in_code(cb);
            self.digits.push(b'0' + digit);
            let below = self.walk(ca, cb, in_code);
            self.digits.pop();
            if first.is_none() {
                first = below.map(|(mut suffix, before, after, open)| {
                    suffix.insert(0, b'0' + digit);
                    (suffix, before, after, open)
                });
            }
        }
        self.seen.insert(pair, first.clone());
        first
    }
}

/// The search of [`Rules::examples`].
#[derive(Default)]
struct Examples {
    out: Vec<String>,
    /// Examples found of each kind of walk.
    counts: [u8; 5],
    /// The calling code of the last example of each kind.
    last: [u16; 5],
    /// Nodes visited: the search is bounded.
    visited: usize,
}

impl Examples {
    const EACH: u8 = 3;
    const BUDGET: usize = 4000;

    fn visit(&mut self, rules: &Rules, step: Step, digits: &mut Vec<u8>, international: bool) {
        if self.visited >= Self::BUDGET || self.counts.iter().all(|&n| n >= Self::EACH) {
            return;
        }
        self.visited += 1;
        let walk = rules.ends(step, false);
        let kind = match walk {
            Walk::Allowed => 0,
            Walk::Blocked => 1,
            Walk::TypeBlocked => 2,
            Walk::Unassigned => 3,
            Walk::Incomplete { .. } => 4,
        };
        let code = match CallingCode::match_digits(digits) {
            CodeMatch::Code(code, _) => code.value(),
            _ => 0,
        };
        let leaf = !matches!(step, Step::Node(_));
        let fresh = !international || code != self.last.get(kind).copied().unwrap_or(0);
        if (leaf || kind == 0 || kind == 4) && fresh && self.counts.get(kind).is_some_and(|&n| n < Self::EACH) {
            let mut text: String = digits.iter().map(|&d| char::from(d)).collect();
            if leaf {
                // A whole number's length, whatever the digits after.
                while text.len() < 12 {
                    text.push('5');
                }
            }
            self.out.push(text);
            if let (Some(n), Some(last)) = (self.counts.get_mut(kind), self.last.get_mut(kind)) {
                *n += 1;
                *last = code;
            }
        }
        if leaf {
            return;
        }
        for digit in 0..10u8 {
            digits.push(b'0' + digit);
            self.visit(rules, rules.child(step, digit), digits, international);
            digits.pop();
        }
    }
}

/// A step as a number, for [`Differ::seen`].
fn key(step: Step) -> u32 {
    match step {
        Step::Node(n) => n,
        Step::Allowed => u32::MAX,
        Step::Blocked => u32::MAX - 1,
        Step::TypeBlocked => u32::MAX - 2,
        Step::Unassigned => u32::MAX - 3,
    }
}

impl Walk {
    /// The verdict a reading gets from the walk (protection on).
    pub fn verdict(self) -> Verdict {
        match self {
            Walk::Allowed => Verdict::Allowed,
            Walk::Blocked | Walk::TypeBlocked | Walk::Unassigned => Verdict::Blocked,
            Walk::Incomplete { .. } => Verdict::Incomplete,
        }
    }
}

/// Whether some calling code of more than `len` digits starts with the
/// `len`-digit `value`.
fn has_longer_code(value: u16, len: u32) -> bool {
    CallingCode::all().any(|c| {
        let code_len = c.len() as u32;
        code_len > len && c.value() / 10u16.pow(code_len - len) == value
    })
}
