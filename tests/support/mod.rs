//! Independent readers of libphonenumber's metadata for the tests: the XML
//! parsed again, and its patterns evaluated with the `regex` crates rather
//! than with anything the generator produced.
#![allow(dead_code)]

use regex_automata::dfa::{dense, Automaton, StartKind};
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
    pub types: Vec<NumberTypeDesc>,
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

pub fn territories() -> Vec<Territory> {
    let xml = std::fs::read_to_string(XML_PATH).expect("read XML");
    let doc = roxmltree::Document::parse_with_options(
        &xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("parse XML");
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    doc.descendants()
        .filter(|n| n.has_tag_name("territory"))
        .map(|t| Territory {
            id: t.attribute("id").unwrap().to_string(),
            calling_code: t.attribute("countryCode").unwrap().parse().unwrap(),
            leading_digits: t.attribute("leadingDigits").map(strip),
            international_prefix: t.attribute("internationalPrefix").map(strip),
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
                    NumberTypeDesc {
                        tag: c.tag_name().name().to_string(),
                        pattern: text("nationalNumberPattern").unwrap(),
                        example: text("exampleNumber"),
                        lengths: c
                            .children()
                            .find(|p| p.has_tag_name("possibleLengths"))
                            .and_then(|p| p.attribute("national"))
                            .map(lengths)
                            .unwrap_or_default(),
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

fn dfa(pattern: &str) -> dense::DFA<Vec<u32>> {
    dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All),
        )
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build(pattern)
        .unwrap()
}

/// Some string that starts with `prefix` matches `pattern` in full.
pub fn partial_match(pattern: &str, prefix: &str) -> bool {
    let dfa = dfa(pattern);
    let mut state = dfa.start_state(&start::Config::new().anchored(Anchored::Yes)).unwrap();
    for b in prefix.bytes() {
        state = dfa.next_state(state, b);
    }
    !dfa.is_dead_state(state)
}

/// Every digit string a finite pattern matches in full.
pub fn language(pattern: &str) -> Vec<String> {
    let dfa = dfa(pattern);
    let mut out = Vec::new();
    let start = dfa.start_state(&start::Config::new().anchored(Anchored::Yes)).unwrap();
    let mut frontier = vec![(String::new(), start)];
    while let Some((text, state)) = frontier.pop() {
        if dfa.is_match_state(dfa.next_eoi_state(state)) {
            out.push(text.clone());
        }
        assert!(text.len() < 20, "{pattern} is not finite");
        for d in b'0'..=b'9' {
            let next = dfa.next_state(state, d);
            if !dfa.is_dead_state(next) {
                frontier.push((format!("{text}{}", d as char), next));
            }
        }
    }
    out.sort();
    out
}
