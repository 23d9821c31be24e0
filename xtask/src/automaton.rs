//! libphonenumber's patterns as DFAs, for partial matches: where a prefix
//! of national digits stands in a pattern, and which numbers of how many
//! more digits can still complete it.

use std::cell::RefCell;
use std::collections::HashMap;

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::util::primitives::StateID;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};

/// Longest continuation looked at: longer than any national number
/// (libphonenumber allows 17 digits).
const LONGEST: usize = 31;

pub struct Pattern {
    dfa: dense::DFA<Vec<u32>>,
    /// Memo of [`Pattern::completions`].
    completions: RefCell<HashMap<StateID, u32>>,
}

impl Pattern {
    /// An anchored DFA reporting every match (not leftmost-first: "1|12\d"
    /// must still match "123").
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::All),
            )
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .build(pattern)
            .map_err(|e| format!("pattern {pattern:?}: {e}"))?;
        Ok(Pattern {
            dfa,
            completions: RefCell::default(),
        })
    }

    pub fn start(&self) -> Result<StateID, String> {
        self.dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .map_err(|e| e.to_string())
    }

    pub fn next(&self, state: StateID, byte: u8) -> StateID {
        self.dfa.next_state(state, byte)
    }

    /// Whether the digits read so far match in full.
    pub fn matches(&self, state: StateID) -> bool {
        self.dfa.is_match_state(self.dfa.next_eoi_state(state))
    }

    /// Bit k is set when some k more digits complete a full match. A DFA
    /// state that is not dead is not enough to be live: matches are
    /// reported one byte late, so the state after `310xxxx` and one more
    /// digit still reports the 7-digit match although none can follow.
    pub fn completions(&self, state: StateID) -> u32 {
        if let Some(&known) = self.completions.borrow().get(&state) {
            return known;
        }
        // Patterns are finite, so states form no cycle; should one, this
        // provisional answer stops the recursion.
        self.completions.borrow_mut().insert(state, 0);
        let mut bits = 0;
        if !self.dfa.is_dead_state(state) {
            bits = u32::from(self.matches(state));
            for b in b'0'..=b'9' {
                bits |= (self.completions(self.next(state, b)) << 1) & ((1 << LONGEST) - 1);
            }
        }
        self.completions.borrow_mut().insert(state, bits);
        bits
    }
}
