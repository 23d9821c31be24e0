//! Independent readers of libphonenumber's metadata for the tests: the XML
//! parsed again, and its patterns evaluated with the `regex` crates rather
//! than with anything the generator produced.
#![allow(dead_code)]

pub mod libphonenumber;
pub mod procedures;

use std::sync::OnceLock;

use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::util::primitives::StateID;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};

pub const XML_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/libphonenumber/PhoneNumberMetadata.xml"
);

pub struct Territory {
    pub id: String,
    pub calling_code: u16,
    pub leading_digits: Option<String>,
    pub international_prefix: Option<String>,
    /// The national (trunk) prefix: "0", "1", "8".
    pub national_prefix: Option<String>,
    pub types: Vec<NumberTypeDesc>,
    /// What decides that the territory can own a national number, built on
    /// first use (see [`Territory::can_own`]).
    owner: OnceLock<Dfa>,
}

/// One number type of a territory (`<premiumRate>`, ...).
pub struct NumberTypeDesc {
    /// The XML element: "premiumRate".
    pub tag: String,
    /// nationalNumberPattern
    pub pattern: String,
    pub example: Option<String>,
    /// possibleLengths national, expanded: [9, 10].
    pub lengths: Vec<usize>,
    /// possibleLengths localOnly: numbers dialed without their area code.
    pub local_only: Vec<usize>,
    dfa: OnceLock<Dfa>,
}

impl NumberTypeDesc {
    /// The nationalNumberPattern as an automaton, built on first use.
    pub fn dfa(&self) -> &Dfa {
        self.dfa.get_or_init(|| Dfa::new(&self.pattern))
    }
}

impl Territory {
    /// Some number of the territory can start with `national`: within a
    /// shared calling code, by its leadingDigits where it has them, else by
    /// a partial match of its number patterns (docs/contract.md §6).
    pub fn can_own(&self, national: &str) -> bool {
        self.owner
            .get_or_init(|| match &self.leading_digits {
                Some(ld) => Dfa::new(&format!("(?:{ld})[0-9]*")),
                None => {
                    let all: Vec<String> = self.types.iter().map(|t| format!("(?:{})", t.pattern)).collect();
                    Dfa::new(&all.join("|"))
                }
            })
            .partial(national)
    }

    /// `national` is a whole number of one of its types.
    pub fn is_number(&self, national: &str) -> bool {
        self.types.iter().any(|t| t.dfa().is_match(national))
    }

    /// The longest number it dials without an area code (localOnly), 0 if none.
    pub fn longest_local(&self) -> usize {
        self.types
            .iter()
            .flat_map(|t| t.local_only.iter().copied())
            .max()
            .unwrap_or(0)
    }

    /// Its shortest number (possibleLengths national).
    pub fn shortest(&self) -> usize {
        self.types
            .iter()
            .flat_map(|t| t.lengths.iter().copied())
            .min()
            .unwrap_or(0)
    }
}

/// "6,[8-10]" as [6, 8, 9, 10].
fn lengths(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for item in text.split(',') {
        let item = item.trim_matches(|c| c == '[' || c == ']');
        let (low, high) = item.split_once('-').unwrap_or((item, item));
        out.extend(low.parse::<usize>().unwrap()..=high.parse::<usize>().unwrap());
    }
    out
}

/// Each region's emergency numbers in `ShortNumberMetadata.xml`, as an
/// automaton of its `<emergency>` pattern.
pub fn emergency_numbers() -> std::collections::HashMap<String, Dfa> {
    let path = XML_PATH.replace("PhoneNumberMetadata.xml", "ShortNumberMetadata.xml");
    let xml = std::fs::read_to_string(path).expect("read ShortNumberMetadata.xml");
    let doc = roxmltree::Document::parse_with_options(
        &xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("parse ShortNumberMetadata.xml");
    let mut out = std::collections::HashMap::new();
    for t in doc.descendants().filter(|n| n.has_tag_name("territory")) {
        let pattern = t
            .children()
            .find(|c| c.has_tag_name("emergency"))
            .and_then(|e| e.children().find(|c| c.has_tag_name("nationalNumberPattern")))
            .and_then(|p| p.text());
        if let Some(pattern) = pattern {
            let pattern: String = pattern.chars().filter(|c| !c.is_whitespace()).collect();
            out.insert(t.attribute("id").unwrap().to_string(), Dfa::new(&pattern));
        }
    }
    out
}

/// The vendored XML's text, for [`parse`].
pub fn read_xml() -> String {
    std::fs::read_to_string(XML_PATH).expect("read XML")
}

/// The XML parsed (it has a DTD).
pub fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("parse XML")
}

/// A text of the XML without its white space (patterns are folded over lines).
pub fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn territories() -> Vec<Territory> {
    let xml = read_xml();
    let doc = parse(&xml);
    doc.descendants()
        .filter(|n| n.has_tag_name("territory"))
        .map(|t| Territory {
            id: t.attribute("id").unwrap().to_string(),
            calling_code: t.attribute("countryCode").unwrap().parse().unwrap(),
            leading_digits: t.attribute("leadingDigits").map(strip),
            international_prefix: t.attribute("internationalPrefix").map(strip),
            national_prefix: t.attribute("nationalPrefix").map(strip),
            owner: OnceLock::new(),
            types: t
                .children()
                .filter(|c| c.is_element() && c.children().any(|p| p.has_tag_name("exampleNumber")))
                .filter(|c| c.tag_name().name() != "noInternationalDialling")
                .map(|c| {
                    let text = |name: &str| {
                        c.children()
                            .find(|p| p.has_tag_name(name))
                            .and_then(|p| p.text())
                            .map(strip)
                    };
                    let possible = |attribute: &str| {
                        c.children()
                            .find(|p| p.has_tag_name("possibleLengths"))
                            .and_then(|p| p.attribute(attribute))
                            .map(lengths)
                            .unwrap_or_default()
                    };
                    NumberTypeDesc {
                        tag: c.tag_name().name().to_string(),
                        pattern: text("nationalNumberPattern").unwrap(),
                        example: text("exampleNumber"),
                        lengths: possible("national"),
                        local_only: possible("localOnly"),
                        dfa: OnceLock::new(),
                    }
                })
                .collect(),
        })
        .collect()
}

fn regex(anchored: String) -> regex::Regex {
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, regex::Regex>> = Default::default();
    }
    CACHE.with(|c| {
        c.borrow_mut()
            .entry(anchored.clone())
            .or_insert_with(|| regex::Regex::new(&anchored).unwrap())
            .clone()
    })
}

/// `pattern` matches all of `text`.
pub fn full_match(pattern: &str, text: &str) -> bool {
    regex(format!("^(?:{pattern})$")).is_match(text)
}

/// `pattern` matches a prefix of `text`.
pub fn prefix_match(pattern: &str, text: &str) -> bool {
    regex(format!("^(?:{pattern})")).is_match(text)
}

/// An anchored automaton over digit strings: what can still match, what
/// matches in full, and random members of its language.
pub struct Dfa(dense::DFA<Vec<u32>>);

impl Dfa {
    pub fn new(pattern: &str) -> Dfa {
        Dfa(dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::All),
            )
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            // Anchored at the end too: a search automaton reports a match
            // one byte late, so that one digit past a whole number is not
            // a dead state without it.
            .build(&format!("(?:{pattern})$"))
            .unwrap())
    }

    fn start(&self) -> StateID {
        self.0
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .unwrap()
    }

    fn walk(&self, text: &str) -> StateID {
        text.bytes().fold(self.start(), |state, b| self.0.next_state(state, b))
    }

    /// Some string that starts with `prefix` matches in full.
    pub fn partial(&self, prefix: &str) -> bool {
        !self.0.is_dead_state(self.walk(prefix))
    }

    /// `text` matches in full.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match_state(self.0.next_eoi_state(self.walk(text)))
    }

    /// A random member of the language: a walk that takes a random live
    /// digit at each step (`choose(n)` picks one of n) and stops at a match
    /// one time in three, or where no digit can follow.
    pub fn sample(&self, mut choose: impl FnMut(usize) -> usize) -> String {
        let mut state = self.start();
        let mut out = String::new();
        while out.len() < 20 {
            let live: Vec<(u8, StateID)> = (b'0'..=b'9')
                .map(|d| (d, self.0.next_state(state, d)))
                .filter(|&(_, next)| !self.0.is_dead_state(next))
                .collect();
            let at_match = self.0.is_match_state(self.0.next_eoi_state(state));
            if live.is_empty() || (at_match && choose(3) == 0) {
                break;
            }
            let (digit, next) = live[choose(live.len())];
            out.push(char::from(digit));
            state = next;
        }
        out
    }
}

/// Some string that starts with `prefix` matches `pattern` in full.
pub fn partial_match(pattern: &str, prefix: &str) -> bool {
    Dfa::new(pattern).partial(prefix)
}

/// Every digit string a finite pattern matches in full.
pub fn language(pattern: &str) -> Vec<String> {
    let dfa = Dfa::new(pattern);
    let mut out = Vec::new();
    let mut frontier = vec![(String::new(), dfa.start())];
    while let Some((text, state)) = frontier.pop() {
        if dfa.0.is_match_state(dfa.0.next_eoi_state(state)) {
            out.push(text.clone());
        }
        assert!(text.len() < 20, "{pattern} is not finite");
        for d in b'0'..=b'9' {
            let next = dfa.0.next_state(state, d);
            if !dfa.0.is_dead_state(next) {
                frontier.push((format!("{text}{}", d as char), next));
            }
        }
    }
    out.sort();
    out
}
