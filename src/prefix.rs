//! Sets of dial prefixes matched at the start of a dial: international
//! prefixes (as digit-class sequences, so China's 2,101 literal prefixes
//! stay three short sequences), access codes and feature codes.

use alloc::{string::String, vec::Vec};

use crate::data::DigitPattern;
use crate::wire::{Reader, Writer};

/// Digit-class sequences; a class is a mask with bit d set when digit d
/// matches. Matching is on ASCII digits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PrefixSet {
    /// `Vec`s, not boxed slices: the conversion would cost the WebAssembly.
    sequences: Vec<Vec<u16>>,
}

impl PrefixSet {
    /// Literal digit strings (already validated as ASCII digits).
    pub fn from_literals(literals: &[impl AsRef<str>]) -> PrefixSet {
        let mut set = PrefixSet::default();
        for literal in literals {
            let mut sequence = Vec::new();
            for b in literal.as_ref().bytes() {
                sequence.push(1u16 << (b.wrapping_sub(b'0') & 15));
            }
            set.push(sequence);
        }
        set
    }

    /// A region's prefixes from the numbering data.
    pub fn from_pattern(pattern: DigitPattern) -> PrefixSet {
        let mut set = PrefixSet::default();
        for sequence in pattern.sequences() {
            set.push(sequence.to_vec());
        }
        set
    }

    /// The digit-class sequences.
    pub fn sequences(&self) -> &[Vec<u16>] {
        &self.sequences
    }

    /// Writes the sequences into a compiled policy.
    pub fn write_to(&self, w: &mut Writer) {
        w.varint(self.sequences.len() as u32);
        for sequence in &self.sequences {
            w.classes(sequence);
        }
    }

    /// Reads what [`write_to`](Self::write_to) wrote: sequences that are
    /// not empty, none twice (as the set keeps them).
    pub fn read_from(r: &mut Reader<'_>) -> PrefixSet {
        let mut set = PrefixSet::default();
        for _ in 0..r.count() {
            let sequence = r.classes();
            r.require(!sequence.is_empty() && !set.sequences.contains(&sequence));
            set.sequences.push(sequence);
        }
        set
    }

    fn push(&mut self, sequence: Vec<u16>) {
        if !sequence.is_empty() && !self.sequences.contains(&sequence) {
            self.sequences.push(sequence);
        }
    }

    /// How `digits` (a whole dial so far) meets the prefixes: the length of
    /// the longest prefix it starts with, and whether it could still grow
    /// into a longer one.
    pub fn find(&self, digits: &[u8]) -> PrefixMatch {
        let mut found = PrefixMatch {
            longest: None,
            extends: false,
        };
        for seq in &self.sequences {
            if matches(seq, digits) {
                if seq.len() > digits.len() {
                    found.extends = true;
                } else if found.longest < Some(seq.len()) {
                    found.longest = Some(seq.len());
                }
            }
        }
        found
    }

    /// Whether some continuation of `digits` (a proper prefix of a prefix)
    /// is a dial that no prefix starts: one that is not international.
    pub fn escapes(&self, digits: &[u8]) -> bool {
        let mut dial = Vec::with_capacity(MAX_ESCAPE_DEPTH);
        dial.extend_from_slice(digits);
        let mut budget = ESCAPE_BUDGET;
        self.escapes_from(&mut dial, &mut budget)
    }

    /// Depth-first over the continuations that stay a proper prefix of a
    /// prefix; past the budget, yes (the answer only ever errs that way).
    fn escapes_from(&self, dial: &mut Vec<u8>, budget: &mut usize) -> bool {
        if *budget == 0 || dial.len() >= MAX_ESCAPE_DEPTH {
            return true;
        }
        *budget -= 1;
        for d in b'0'..=b'9' {
            dial.push(d);
            let found = self.find(dial);
            let escapes = match found {
                _ if found.extends => self.escapes_from(dial, budget),
                PrefixMatch { longest: None, .. } => true,
                // A whole prefix: international.
                _ => false,
            };
            dial.pop();
            if escapes {
                return true;
            }
        }
        false
    }

    /// Our literal prefixes that `other` does not have exactly.
    pub fn literals_missing_from(&self, other: &PrefixSet) -> Vec<String> {
        let mut missing = self.literals();
        missing.retain(|lit| !other.exact(lit.as_bytes()));
        missing
    }

    /// The lengths of its strings, bit n for n digits (up to 15).
    pub fn lengths(&self) -> u16 {
        self.sequences.iter().fold(0, |bits, seq| bits | 1 << seq.len().min(15))
    }

    /// Whether `digits` are exactly one of the set's strings.
    pub fn exact(&self, digits: &[u8]) -> bool {
        self.sequences
            .iter()
            .any(|seq| seq.len() == digits.len() && matches(seq, digits))
    }

    /// Every literal prefix, in sequence order.
    pub fn literals(&self) -> Vec<String> {
        let mut out = Vec::new();
        for seq in &self.sequences {
            push_literals(seq, &mut String::new(), &mut out);
        }
        out
    }
}

/// Longer than any prefix: [`PrefixSet::escapes`] looks no deeper.
const MAX_ESCAPE_DEPTH: usize = 16;
/// Continuations [`PrefixSet::escapes`] tries at most.
const ESCAPE_BUDGET: usize = 2000;

/// What [`PrefixSet::find`] found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct PrefixMatch {
    pub longest: Option<usize>,
    pub extends: bool,
}

/// `digits` match the start of `seq` (as far as either goes).
fn matches(seq: &[u16], digits: &[u8]) -> bool {
    seq.iter()
        .zip(digits)
        .all(|(&class, &d)| d.is_ascii_digit() && class & (1 << (d - b'0')) != 0)
}

/// Appends `head` followed by each literal of `seq` to `out`, in digit
/// order (plain recursion: iterator adapters here cost kilobytes of wasm).
fn push_literals(seq: &[u16], head: &mut String, out: &mut Vec<String>) {
    let Some((&class, rest)) = seq.split_first() else {
        out.push(head.clone());
        return;
    };
    let len = head.len();
    for d in 0..10u8 {
        if class & (1 << d) != 0 {
            head.push(char::from(b'0' + d));
            push_literals(rest, head, out);
            head.truncate(len);
        }
    }
}

/// Literal codes (access codes, feature codes; validated and deduplicated
/// by the policy), matched longest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Literals(Vec<String>);

impl Literals {
    pub fn new(items: &[impl AsRef<str>]) -> Literals {
        let mut literals = Vec::new();
        for item in items {
            literals.push(String::from(item.as_ref()));
        }
        Literals(literals)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length of the longest entry that `tokens` starts with.
    pub fn longest_match(&self, tokens: &[u8]) -> Option<usize> {
        self.0
            .iter()
            .filter(|lit| tokens.starts_with(lit.as_bytes()))
            .map(|lit| lit.len())
            .max()
    }

    /// Whether `tokens` is a proper prefix of some entry.
    pub fn extends_to_longer(&self, tokens: &[u8]) -> bool {
        self.0
            .iter()
            .any(|lit| lit.len() > tokens.len() && lit.as_bytes().starts_with(tokens))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Region;

    #[test]
    fn longest_match_and_extension() {
        let set = PrefixSet::from_literals(&["00", "0011", "09"]);
        let find = |digits: &[u8]| {
            let m = set.find(digits);
            (m.longest, m.extends)
        };
        assert_eq!(find(b"0054"), (Some(2), false));
        assert_eq!(find(b"001154"), (Some(4), false));
        assert_eq!(find(b"0"), (None, true));
        assert_eq!(find(b"001"), (Some(2), true));
        assert_eq!(find(b"0012"), (Some(2), false));
        assert_eq!(find(b"0011"), (Some(4), false));
        assert_eq!(find(b"5"), (None, false));
    }

    #[test]
    fn region_patterns() {
        let mx = PrefixSet::from_pattern(Region::from_id("MX").unwrap().international_prefix_pattern().unwrap());
        assert_eq!(mx.literals(), ["00", "09"]);
        let cn = PrefixSet::from_pattern(Region::from_id("CN").unwrap().international_prefix_pattern().unwrap());
        assert_eq!(cn.literals().len(), 2101);
        assert_eq!(cn.find(b"17951008613").longest, Some(7));
        let configured = PrefixSet::from_literals(&["00", "09"]);
        let missing = cn.literals_missing_from(&configured);
        assert_eq!(missing.len(), 2100);
        assert!(missing.contains(&"1795100".to_string()) && !missing.contains(&"00".to_string()));
        assert_eq!(mx.literals_missing_from(&configured), [] as [String; 0]);
    }

    #[test]
    fn literals_longest_first() {
        let codes = Literals::new(&["*6", "*67"]);
        assert_eq!(codes.longest_match(b"*670052"), Some(3));
        assert_eq!(codes.longest_match(b"*60052"), Some(2));
        assert!(codes.extends_to_longer(b"*"));
        assert!(!codes.extends_to_longer(b"*67"));
    }
}
