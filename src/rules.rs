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

use alloc::{string::String, vec, vec::Vec};

use crate::data::{CallingCode, RangeNode, RangeStep, RegionSet};

/// Where a walk goes next.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    Allowed,
    Blocked,
    /// No calling code starts with the digits.
    Unassigned,
    Node(u32),
}

#[derive(Clone, Debug)]
struct Node {
    next: [Step; 10],
    /// In a calling-code node: the code each digit completes, if any.
    codes: [Option<CallingCode>; 10],
    /// Some continuation is allowed.
    can_be_allowed: bool,
    /// The node spells part of a calling code (above the national digits).
    in_code: bool,
}

/// The result of walking a dial's digits (after the prefix).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Walk {
    Allowed,
    Blocked,
    Unassigned,
    /// The digits ran out inside the trie.
    Incomplete {
        can_be_allowed: bool,
        in_code: bool,
    },
}

/// What the policy allows, as the compiler needs it.
pub(crate) trait Allowance {
    /// Every number of the code is allowed (a `+44` entry, or `"together"`
    /// with one of its regions allowed).
    fn whole_code(&self, code: CallingCode) -> bool;
    /// Some region of the set is allowed (`"by-region"` leaves).
    fn any_region(&self, set: RegionSet) -> bool;
    /// National-digit entries (`+1876` -> `b"876"`) of the code.
    fn ranges(&self, code: CallingCode) -> Vec<&[u8]>;
    /// Judge by region (`"by-region"`) rather than by whole code.
    fn by_region(&self) -> bool;
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Rules {
    nodes: Vec<Node>,
}

impl Rules {
    pub fn compile(policy: &impl Allowance) -> Rules {
        let mut compiler = Compiler {
            rules: Rules { nodes: Vec::new() },
            policy,
            memo: vec![None; RangeNode::COUNT],
        };
        compiler.code_level(0, 0);
        compiler.rules
    }

    fn alloc(&mut self, in_code: bool) -> u32 {
        self.nodes.push(Node {
            next: [Step::Unassigned; 10],
            codes: [None; 10],
            can_be_allowed: false,
            in_code,
        });
        (self.nodes.len() - 1) as u32
    }

    fn set(&mut self, node: u32, digit: usize, step: Step) {
        if let Some(slot) = self.nodes.get_mut(node as usize).and_then(|n| n.next.get_mut(digit)) {
            *slot = step;
        }
    }

    fn finish(&mut self, index: u32) -> Step {
        let can_be_allowed = self.nodes.get(index as usize).is_some_and(|node| {
            node.next.iter().any(|&step| match step {
                Step::Allowed => true,
                Step::Node(child) => self.nodes.get(child as usize).is_some_and(|c| c.can_be_allowed),
                Step::Blocked | Step::Unassigned => false,
            })
        });
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.can_be_allowed = can_be_allowed;
        }
        Step::Node(index)
    }

    /// Whether any dial can be allowed at all.
    pub fn allows_anything(&self) -> bool {
        self.nodes.first().is_some_and(|root| root.can_be_allowed)
    }

    /// The step a calling code's digits lead to.
    fn code_step(&self, code: CallingCode) -> Step {
        let digits = crate::text::decimal(u64::from(code.value()));
        let mut step = Step::Node(0);
        for d in digits.bytes() {
            step = self.child(step, d - b'0');
        }
        step
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

    /// For one calling code, the national-digit prefixes that `proposed`
    /// allows and `self` does not (gained), and the reverse (lost). A
    /// prefix is listed at the shortest length where the change is whole.
    pub fn compare(&self, proposed: &Rules, code: CallingCode) -> (Vec<String>, Vec<String>) {
        let mut gained = Vec::new();
        let mut lost = Vec::new();
        let (a, b) = (self.code_step(code), proposed.code_step(code));
        compare_steps(self, a, proposed, b, &mut String::new(), &mut gained, &mut lost);
        (gained, lost)
    }

    /// Walks ASCII digits from the root (the first digit after the
    /// prefix). Also gives the calling code and how many digits spell it,
    /// once the walk got past it.
    pub fn walk(&self, digits: &[u8]) -> (Walk, Option<(CallingCode, usize)>) {
        let mut node = 0u32;
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
                Step::Unassigned => return (Walk::Unassigned, None),
                Step::Node(child) => {
                    node = child;
                    in_code = self.nodes.get(child as usize).is_some_and(|n| n.in_code);
                }
            }
        }
        let here = self.nodes.get(node as usize);
        let walk = Walk::Incomplete {
            can_be_allowed: here.is_some_and(|n| n.can_be_allowed),
            in_code,
        };
        (walk, code)
    }
}

/// Builds [`Rules`] for one policy.
struct Compiler<'p, P> {
    rules: Rules,
    policy: &'p P,
    /// The subtree compiled for each range node that no national-digit
    /// entry passes through: range tries share subtrees, so this keeps
    /// compiling linear in their size.
    memo: Vec<Option<Step>>,
}

impl<P: Allowance> Compiler<'_, P> {
    /// Builds the node for code digits `value` (`depth` of them): codes are
    /// at most three digits long.
    fn code_level(&mut self, value: u16, depth: u32) -> Step {
        let index = self.rules.alloc(true);
        for digit in 0..10u16 {
            let value = value * 10 + digit;
            let step = match CallingCode::from_value(value) {
                Some(code) => {
                    if let Some(slot) = self
                        .rules
                        .nodes
                        .get_mut(index as usize)
                        .and_then(|n| n.codes.get_mut(digit as usize))
                    {
                        *slot = Some(code);
                    }
                    self.code(code)
                }
                None if depth < 2 && has_longer_code(value, depth + 1) => self.code_level(value, depth + 1),
                None => Step::Unassigned,
            };
            self.rules.set(index, digit as usize, step);
        }
        self.rules.finish(index)
    }

    /// The subtree of one calling code.
    fn code(&mut self, code: CallingCode) -> Step {
        let policy = self.policy;
        if policy.whole_code(code) {
            return Step::Allowed;
        }
        let ranges = policy.ranges(code);
        if ranges.is_empty() && !(policy.by_region() && policy.any_region(code.regions())) {
            return Step::Blocked;
        }
        let data = if policy.by_region() {
            code.ranges()
        } else {
            RangeStep::Leaf(code.regions())
        };
        self.national(data, &ranges, &mut Vec::new())
    }

    /// The subtree below the national-digit prefix `prefix`: `data` is where
    /// the numbering data stands there, `ranges` are the code's
    /// national-digit entries.
    fn national(&mut self, data: RangeStep, ranges: &[&[u8]], prefix: &mut Vec<u8>) -> Step {
        // Whether an entry goes on below the prefix: then the subtree is not
        // the data's alone, and not memoized.
        let mut passing = false;
        for range in ranges {
            if range.starts_with(prefix) {
                if range.len() == prefix.len() {
                    return Step::Allowed;
                }
                passing = true;
            }
        }
        match data {
            RangeStep::Leaf(set) if self.policy.by_region() && self.policy.any_region(set) => return Step::Allowed,
            RangeStep::Leaf(_) if !passing => return Step::Blocked,
            RangeStep::Node(node) if !passing => {
                if let Some(Some(step)) = self.memo.get(node.index()) {
                    return *step;
                }
            }
            _ => {}
        }
        let mut children = [Step::Blocked; 10];
        for (digit, child) in (0..10u8).zip(children.iter_mut()) {
            let data = match data {
                RangeStep::Node(node) => node.child(digit),
                leaf => leaf,
            };
            prefix.push(b'0' + digit);
            *child = self.national(data, ranges, prefix);
            prefix.pop();
        }
        // The same verdict for every continuation: decided here.
        let step = match children {
            [first, ..] if matches!(first, Step::Allowed | Step::Blocked) && children.iter().all(|&c| c == first) => {
                first
            }
            _ => {
                let index = self.rules.alloc(false);
                for (digit, child) in children.into_iter().enumerate() {
                    self.rules.set(index, digit, child);
                }
                self.rules.finish(index)
            }
        };
        if let (RangeStep::Node(node), false) = (data, passing) {
            if let Some(slot) = self.memo.get_mut(node.index()) {
                *slot = Some(step);
            }
        }
        step
    }
}

fn compare_steps(
    old: &Rules,
    a: Step,
    new: &Rules,
    b: Step,
    prefix: &mut String,
    gained: &mut Vec<String>,
    lost: &mut Vec<String>,
) {
    match (a, b) {
        (Step::Blocked, Step::Allowed) => gained.push(prefix.clone()),
        (Step::Allowed, Step::Blocked) => lost.push(prefix.clone()),
        (Step::Node(_), _) | (_, Step::Node(_)) => {
            let len = prefix.len();
            for digit in 0..10u8 {
                prefix.push(char::from(b'0' + digit));
                compare_steps(old, old.child(a, digit), new, new.child(b, digit), prefix, gained, lost);
                prefix.truncate(len);
            }
        }
        _ => {}
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
