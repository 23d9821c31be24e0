//! Reads the parts of libphonenumber's `PhoneNumberMetadata.xml` that
//! dialguard needs.

/// Number types whose patterns say which numbers a territory owns.
/// `generalDesc` is a looser summary and `noInternationalDialling` numbers
/// cannot be reached from abroad, so neither is used.
const NUMBER_TYPES: [&str; 10] = [
    "fixedLine",
    "mobile",
    "pager",
    "tollFree",
    "premiumRate",
    "sharedCost",
    "personalNumber",
    "voip",
    "uan",
    "voicemail",
];

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
    /// `nationalNumberPattern` of each number type present.
    pub number_patterns: Vec<String>,
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
            let number_patterns = NUMBER_TYPES
                .iter()
                .filter_map(|ty| node.children().find(|c| c.has_tag_name(*ty)))
                .filter_map(|desc| desc.children().find(|c| c.has_tag_name("nationalNumberPattern")))
                .map(|p| strip_whitespace(p.text().unwrap_or_default()))
                .collect();
            Ok(Territory {
                main_for_code: attr("mainCountryForCode").as_deref() == Some("true"),
                leading_digits: attr("leadingDigits"),
                international_prefix: attr("internationalPrefix"),
                preferred_international_prefix: attr("preferredInternationalPrefix"),
                national_prefix: attr("nationalPrefix"),
                number_patterns,
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

/// The XML lays long patterns out over several indented lines.
fn strip_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
