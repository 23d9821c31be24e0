//! Reads the parts of libphonenumber's `PhoneNumberMetadata.xml` that
//! dialguard needs.

/// Number types whose patterns say which numbers a territory owns, in the
/// order of the crate's type bits (`NumberType`). `generalDesc` is a looser
/// summary and `noInternationalDialling` numbers cannot be reached from
/// abroad, so neither is one.
pub const NUMBER_TYPES: [&str; 10] = [
    "fixedLine",
    "mobile",
    "tollFree",
    "premiumRate",
    "sharedCost",
    "voip",
    "personalNumber",
    "pager",
    "uan",
    "voicemail",
];

/// One number type of a territory (`<premiumRate>`, ...).
#[derive(Debug, Clone)]
pub struct TypeDesc {
    /// Index in [`NUMBER_TYPES`].
    pub kind: usize,
    /// `nationalNumberPattern`.
    pub pattern: String,
    /// `possibleLengths national`: bit n for n digits.
    pub lengths: u32,
    /// `possibleLengths localOnly`: numbers dialed without their area
    /// code, bit n for n digits.
    pub local_lengths: u32,
    pub example: Option<String>,
}

/// One `<territory>`: a region ("AR") or a non-geographic code ("001").
#[derive(Debug, Clone)]
pub struct Territory {
    pub id: String,
    pub calling_code: u16,
    pub main_for_code: bool,
    /// Territory-level `leadingDigits`: identifies it within a shared code.
    pub leading_digits: Option<String>,
    /// `internationalPrefix` pattern (absent for non-geographic codes).
    pub international_prefix: Option<String>,
    pub preferred_international_prefix: Option<String>,
    /// `nationalPrefix`: the trunk prefix of national dialing ("0", "1", "8").
    pub national_prefix: Option<String>,
    /// Each number type present, in [`NUMBER_TYPES`] order.
    pub types: Vec<TypeDesc>,
    /// `generalDesc`'s `nationalNumberPattern`: what libphonenumber checks
    /// before any type.
    pub general_pattern: Option<String>,
}

impl Territory {
    /// A territory for tests: `types` are (type index, pattern, possible
    /// lengths); its general pattern is their union.
    #[cfg(test)]
    pub fn for_test(id: &str, leading: Option<&str>, types: &[(usize, &str, &[u32])]) -> Territory {
        let general: Vec<String> = types.iter().map(|t| format!("(?:{})", t.1)).collect();
        Territory {
            id: id.into(),
            calling_code: 1,
            main_for_code: false,
            leading_digits: leading.map(Into::into),
            international_prefix: None,
            preferred_international_prefix: None,
            national_prefix: None,
            types: types
                .iter()
                .map(|&(kind, pattern, lengths)| TypeDesc {
                    kind,
                    pattern: pattern.into(),
                    lengths: lengths.iter().fold(0, |a, n| a | 1 << n),
                    local_lengths: 0,
                    example: None,
                })
                .collect(),
            general_pattern: Some(general.join("|")),
        }
    }

    /// The possible national lengths of its numbers (as libphonenumber
    /// derives `generalDesc`'s: the union of its types'), bit n for n digits.
    pub fn lengths(&self) -> u32 {
        self.types.iter().fold(0, |all, t| all | t.lengths)
    }

    /// The longest number dialed without its area code (`localOnly`), or 0.
    pub fn longest_local(&self) -> u32 {
        let all = self.types.iter().fold(0, |all, t| all | t.local_lengths);
        all.checked_ilog2().unwrap_or(0)
    }
}

pub fn parse(xml: &str) -> Result<Vec<Territory>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(xml, options).map_err(|e| format!("PhoneNumberMetadata.xml: {e}"))?;
    let territories: Vec<Territory> = doc
        .descendants()
        .filter(|n| n.has_tag_name("territory"))
        .map(|node| {
            let attr = |name: &str| node.attribute(name).map(strip_whitespace);
            let id = attr("id").ok_or("territory without id")?;
            let calling_code = attr("countryCode")
                .and_then(|c| c.parse().ok())
                .ok_or_else(|| format!("{id}: bad countryCode"))?;
            let text = |desc: roxmltree::Node<'_, '_>, name: &str| {
                desc.children()
                    .find(|c| c.has_tag_name(name))
                    .map(|p| strip_whitespace(p.text().unwrap_or_default()))
            };
            let mut types = Vec::new();
            for (kind, tag) in NUMBER_TYPES.iter().enumerate() {
                let Some(desc) = node.children().find(|c| c.has_tag_name(*tag)) else {
                    continue;
                };
                let pattern = text(desc, "nationalNumberPattern").ok_or_else(|| format!("{id} {tag}: no pattern"))?;
                let possible = desc.children().find(|c| c.has_tag_name("possibleLengths"));
                let national = possible
                    .and_then(|p| p.attribute("national"))
                    .ok_or_else(|| format!("{id} {tag}: no national possibleLengths"))?;
                let local = possible.and_then(|p| p.attribute("localOnly"));
                types.push(TypeDesc {
                    kind,
                    pattern,
                    lengths: lengths(national).map_err(|e| format!("{id} {tag}: {e}"))?,
                    local_lengths: local
                        .map(lengths)
                        .transpose()
                        .map_err(|e| format!("{id} {tag}: {e}"))?
                        .unwrap_or(0),
                    example: text(desc, "exampleNumber"),
                });
            }
            let general_pattern = node
                .children()
                .find(|c| c.has_tag_name("generalDesc"))
                .and_then(|desc| text(desc, "nationalNumberPattern"));
            Ok(Territory {
                main_for_code: attr("mainCountryForCode").as_deref() == Some("true"),
                leading_digits: attr("leadingDigits"),
                international_prefix: attr("internationalPrefix"),
                preferred_international_prefix: attr("preferredInternationalPrefix"),
                national_prefix: attr("nationalPrefix"),
                types,
                general_pattern,
                id,
                calling_code,
            })
        })
        .collect::<Result<_, String>>()?;
    if territories.is_empty() {
        return Err("PhoneNumberMetadata.xml: no <territory> found".into());
    }
    Ok(territories)
}

/// The emergency numbers of each region in `ShortNumberMetadata.xml`: its
/// `<emergency>` pattern, by territory id.
pub fn parse_emergency(xml: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(xml, options).map_err(|e| format!("ShortNumberMetadata.xml: {e}"))?;
    let mut out = std::collections::BTreeMap::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("territory")) {
        let id = node
            .attribute("id")
            .ok_or("ShortNumberMetadata.xml: territory without id")?;
        let pattern = node
            .children()
            .find(|c| c.has_tag_name("emergency"))
            .and_then(|e| e.children().find(|c| c.has_tag_name("nationalNumberPattern")))
            .and_then(|p| p.text())
            .map(strip_whitespace);
        if let Some(pattern) = pattern {
            out.insert(id.to_string(), pattern);
        }
    }
    if out.is_empty() {
        return Err("ShortNumberMetadata.xml: no emergency numbers found".into());
    }
    Ok(out)
}

/// The XML lays long patterns out over several indented lines.
fn strip_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `possibleLengths` syntax: `"9,10"`, `"[7-9]"`, `"6,[8-10]"`; bit n for n.
fn lengths(text: &str) -> Result<u32, String> {
    let mut bits = 0u32;
    for item in text.split(',') {
        let (low, high) = match item.strip_prefix('[').and_then(|i| i.strip_suffix(']')) {
            Some(range) => range
                .split_once('-')
                .ok_or_else(|| format!("bad length range {item:?}"))?,
            None => (item, item),
        };
        let parse = |n: &str| n.parse::<u32>().ok().filter(|&n| (1..32).contains(&n));
        let (Some(low), Some(high)) = (parse(low), parse(high)) else {
            return Err(format!("bad possible length {item:?}"));
        };
        for n in low..=high {
            bits |= 1 << n;
        }
    }
    Ok(bits)
}
