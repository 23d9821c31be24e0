//! libphonenumber's `getNumberType` and `isValidNumber`, as its Java code
//! reads the vendored `PhoneNumberMetadata.xml`: written again from the XML
//! with the `regex` crate, apart from the generator and the engine, for
//! the tests to measure the engine's number types against.

use std::collections::BTreeMap;

use super::{full_match, prefix_match, strip};

/// One territory's metadata, as libphonenumber builds it.
pub struct Metadata {
    pub id: String,
    pub calling_code: u16,
    /// Territory `leadingDigits`: a shared code's territory by its numbers' start.
    leading_digits: Option<String>,
    general: Desc,
    /// premiumRate, tollFree, sharedCost, voip, personalNumber, pager, uan,
    /// voicemail, in the order `getNumberTypeHelper` tries them.
    special: Vec<(&'static str, Desc)>,
    fixed_line: Desc,
    mobile: Desc,
    same_mobile_and_fixed_line: bool,
    /// The type descriptions with their example numbers.
    pub examples: Vec<String>,
}

/// A number description: its pattern and possible lengths (none: never matches).
#[derive(Clone, Default)]
struct Desc {
    pattern: Option<String>,
    lengths: Vec<usize>,
}

impl Desc {
    /// `isNumberMatchingDesc`: a possible length, and the pattern in full.
    fn matches(&self, national: &str) -> bool {
        match &self.pattern {
            Some(p) => self.lengths.contains(&national.len()) && full_match(p, national),
            None => false,
        }
    }
}

/// The types `getNumberType` reports, by the engine's names.
pub const SPECIAL: [(&str, &str); 8] = [
    ("premiumRate", "premium-rate"),
    ("tollFree", "toll-free"),
    ("sharedCost", "shared-cost"),
    ("voip", "voip"),
    ("personalNumber", "personal-number"),
    ("pager", "pager"),
    ("uan", "uan"),
    ("voicemail", "voicemail"),
];

impl Metadata {
    /// The patterns of its number types, to draw numbers from.
    pub fn patterns(&self) -> Vec<&str> {
        let descs = self
            .special
            .iter()
            .map(|(_, d)| d)
            .chain([&self.fixed_line, &self.mobile]);
        descs.filter_map(|d| d.pattern.as_deref()).collect()
    }

    /// Its possible lengths, every type's.
    pub fn lengths(&self) -> &[usize] {
        &self.general.lengths
    }

    /// `getNumberTypeHelper`: the type of a national number for this territory.
    pub fn number_type(&self, national: &str) -> &'static str {
        if !self.general.matches(national) {
            return "unknown";
        }
        for (name, desc) in &self.special {
            if desc.matches(national) {
                return name;
            }
        }
        if self.fixed_line.matches(national) {
            if self.same_mobile_and_fixed_line || self.mobile.matches(national) {
                return "fixed-line-or-mobile";
            }
            return "fixed-line";
        }
        if !self.same_mobile_and_fixed_line && self.mobile.matches(national) {
            return "mobile";
        }
        "unknown"
    }
}

/// Every territory's metadata, by calling code, the main territory first
/// and the others in the file's order (`CountryCodeToRegionCodeMap`).
pub fn metadata() -> BTreeMap<u16, Vec<Metadata>> {
    let xml = super::read_xml();
    let doc = super::parse(&xml);
    let mut out: BTreeMap<u16, Vec<Metadata>> = BTreeMap::new();
    for t in doc.descendants().filter(|n| n.has_tag_name("territory")) {
        let desc = |tag: &str| -> Desc {
            let Some(node) = t.children().find(|c| c.has_tag_name(tag)) else {
                return Desc::default();
            };
            let pattern = node
                .children()
                .find(|p| p.has_tag_name("nationalNumberPattern"))
                .and_then(|p| p.text())
                .map(strip);
            let lengths = node
                .children()
                .find(|p| p.has_tag_name("possibleLengths"))
                .and_then(|p| p.attribute("national"))
                .map(super::lengths)
                .unwrap_or_default();
            Desc { pattern, lengths }
        };
        let special: Vec<(&'static str, Desc)> = SPECIAL.iter().map(|&(tag, name)| (name, desc(tag))).collect();
        let (fixed_line, mobile) = (desc("fixedLine"), desc("mobile"));
        // The general description's lengths are every type's (BuildMetadataFromXml).
        let mut general = desc("generalDesc");
        for d in special.iter().map(|(_, d)| d).chain([&fixed_line, &mobile]) {
            general.lengths.extend(&d.lengths);
        }
        general.lengths.sort();
        general.lengths.dedup();
        let examples = t
            .children()
            .filter(|c| c.is_element())
            .filter_map(|c| {
                c.children()
                    .find(|p| p.has_tag_name("exampleNumber"))
                    .and_then(|p| p.text())
            })
            .map(strip)
            .collect();
        let same = fixed_line.pattern.is_some() && fixed_line.pattern == mobile.pattern;
        let metadata = Metadata {
            id: t.attribute("id").unwrap().to_string(),
            calling_code: t.attribute("countryCode").unwrap().parse().unwrap(),
            leading_digits: t.attribute("leadingDigits").map(strip),
            general,
            special,
            fixed_line,
            mobile,
            same_mobile_and_fixed_line: same,
            examples,
        };
        let list = out.entry(metadata.calling_code).or_default();
        if t.attribute("mainCountryForCode") == Some("true") {
            list.insert(0, metadata);
        } else {
            list.push(metadata);
        }
    }
    out
}

/// `getNumberType` of `+code national`: the territory that owns it
/// (`getRegionCodeForNumberFromRegionList`: by leadingDigits where a
/// territory has them, else the first whose type is not unknown), then its
/// type there. `isValidNumber` is that it is not `"unknown"`.
pub fn number_type(territories: &[Metadata], national: &str) -> &'static str {
    let owner = match territories {
        [only] => Some(only),
        list => list.iter().find(|m| match &m.leading_digits {
            Some(ld) => prefix_match(ld, national),
            None => m.number_type(national) != "unknown",
        }),
    };
    owner.map_or("unknown", |m| m.number_type(national))
}
