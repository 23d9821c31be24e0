//! A validated, compiled policy and the decision algorithm (SPEC section 4).

use crate::config::{item_path, PolicyConfig, SharedCodes};
use crate::data::{CallingCode, CodeMatch, Region, RegionSet};
use crate::decision::{Decision, Reason, Verdict};
use crate::dial::{Input, EXT, PAUSE, WAIT};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::input::Fault;
use crate::prefix::{Literals, PrefixSet};
use crate::rules::{Allowance, Rules, Walk};

/// Most digits after the international prefix (E.164: 15).
const MAX_DIGITS: usize = 15;

/// An "Allowed Country Codes" policy, ready to judge dials.
///
/// ```
/// use dialguard::{DialPolicy, Verdict};
///
/// // A factory in Mexico whose customers are in Argentina (SPEC section 1).
/// let policy = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#)?;
/// assert_eq!(policy.verdict("00 54 11 4321 5678"), Verdict::Allowed);
/// assert_eq!(policy.verdict("00 52 55 1234 5678"), Verdict::Blocked);
/// assert_eq!(policy.verdict("00 1 212 555 0123"), Verdict::Blocked);
/// assert_eq!(policy.verdict("+52 55 1234 5678"), Verdict::Blocked);
/// assert_eq!(policy.verdict("54 11 4321 5678"), Verdict::NotInternational);
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
#[derive(Clone, Debug)]
pub struct DialPolicy {
    config: PolicyConfig,
    allow: Vec<AllowEntry>,
    prefixes: PrefixSet,
    access_codes: Literals,
    feature_codes: Literals,
    allowed_regions: RegionBits,
    rules: Rules,
}

/// One entry of `allow`, validated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct AllowEntry {
    /// Canonical text: `"AR"` or `"+1876"` (at most `+` and 15 digits).
    text: [u8; 16],
    len: u8,
    pub target: AllowTarget,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum AllowTarget {
    Region(Region),
    /// `+44`: every number of the code.
    Code(CallingCode),
    /// `+1876`: the numbers of the code whose national digits start with
    /// [`AllowEntry::national_digits`].
    Range(CallingCode),
}

impl AllowEntry {
    pub fn as_str(&self) -> &str {
        self.text
            .get(..usize::from(self.len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// For a range entry, the national digits after the code.
    pub fn national_digits(&self) -> &[u8] {
        match self.target {
            AllowTarget::Range(code) => self.as_str().as_bytes().get(1 + code.len()..).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn parse(entry: &str, path: &str) -> Result<AllowEntry, ConfigError> {
        let mut text = [0u8; 16];
        if let Some(digits) = entry.strip_prefix('+') {
            if digits.is_empty() || digits.len() > MAX_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(
                    path,
                    r#"a calling code is "+" and digits, such as "+44" or "+1876""#,
                ));
            }
            let target = match CallingCode::match_digits(digits.as_bytes()) {
                CodeMatch::Code(code, len) if len == digits.len() => AllowTarget::Code(code),
                CodeMatch::Code(code, _) => AllowTarget::Range(code),
                CodeMatch::Partial | CodeMatch::Unassigned => {
                    let detail = ["\"", entry, "\" does not start with an assigned calling code"].concat();
                    return Err(ConfigError::new(ConfigErrorKind::UnassignedCode, path, detail));
                }
            };
            text.get_mut(..entry.len())
                .unwrap_or(&mut [])
                .copy_from_slice(entry.as_bytes());
            return Ok(AllowEntry {
                text,
                len: entry.len() as u8,
                target,
            });
        }
        if entry == "001" {
            return Err(ConfigError::new(
                ConfigErrorKind::UnknownRegion,
                path,
                r#"unknown region "001": allow a non-geographic code by its calling code, such as "+881""#,
            ));
        }
        let region = Region::from_id(entry).ok_or_else(|| unknown_region(path, entry))?;
        text.get_mut(..2)
            .unwrap_or(&mut [])
            .copy_from_slice(region.id().as_bytes());
        Ok(AllowEntry {
            text,
            len: 2,
            target: AllowTarget::Region(region),
        })
    }
}

fn invalid(path: &str, detail: &str) -> ConfigError {
    ConfigError::new(ConfigErrorKind::InvalidValue, path, detail)
}

fn unknown_region(path: &str, id: &str) -> ConfigError {
    let detail = if id.len() == 2 && id.bytes().all(|b| b.is_ascii_alphabetic()) {
        ["unknown region \"", id, "\""].concat()
    } else {
        ["\"", id, "\" is neither a region (\"AR\") nor a calling code (\"+54\")"].concat()
    };
    ConfigError::new(
        if id.len() == 2 {
            ConfigErrorKind::UnknownRegion
        } else {
            ConfigErrorKind::InvalidValue
        },
        path,
        detail,
    )
}

/// A set of regions as bits, by region index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RegionBits([u64; 4]);

impl RegionBits {
    fn insert(&mut self, r: Region) {
        if let Some(word) = self.0.get_mut(r.index() / 64) {
            *word |= 1 << (r.index() % 64);
        }
    }
    pub fn contains(&self, r: Region) -> bool {
        self.0
            .get(r.index() / 64)
            .is_some_and(|w| w & (1 << (r.index() % 64)) != 0)
    }
    pub fn any(&self, set: RegionSet) -> bool {
        set.iter().any(|r| self.contains(r))
    }
}

/// Checks that every entry of a list is 1 to 15 ASCII digits.
fn digit_strings(key: &str, items: &[String]) -> Result<(), ConfigError> {
    for (i, item) in items.iter().enumerate() {
        if item.is_empty() || item.len() > MAX_DIGITS || !item.bytes().all(|b| b.is_ascii_digit()) {
            let detail = if item.starts_with('+') && key == "internationalPrefixes" {
                "must be digits; \"+\" is governed by plusIsInternational"
            } else {
                "must be 1 to 15 digits"
            };
            return Err(invalid(&item_path(key, i), detail));
        }
    }
    Ok(())
}

fn dedup(items: &mut Vec<String>) {
    let mut seen = Vec::with_capacity(items.len());
    items.retain(|item| {
        let new = !seen.contains(item);
        if new {
            seen.push(item.clone());
        }
        new
    });
}

impl DialPolicy {
    /// Validates and compiles a configuration. Errors name the field:
    /// `allow[2]: unknown region "XX"`.
    pub fn new(mut config: PolicyConfig) -> Result<DialPolicy, ConfigError> {
        let home = match &config.home_region {
            Some(id) => Some(Region::from_id(id).ok_or_else(|| unknown_region("homeRegion", id))?),
            None => None,
        };
        config.home_region = home.map(|r| r.id().into());

        let prefixes = match (&mut config.international_prefixes, home) {
            (Some(list), _) => {
                if list.is_empty() {
                    return Err(invalid("internationalPrefixes", "must list at least one prefix"));
                }
                digit_strings("internationalPrefixes", list)?;
                dedup(list);
                PrefixSet::from_literals(list.iter().map(String::as_str))
            }
            (None, Some(home)) => home
                .international_prefix_pattern()
                .map(PrefixSet::from_pattern)
                .unwrap_or_default(),
            (None, None) => {
                return Err(ConfigError::new(
                    ConfigErrorKind::MissingPrefixes,
                    "internationalPrefixes",
                    "give internationalPrefixes, or a homeRegion to take them from",
                ))
            }
        };

        digit_strings("accessCodes", &config.access_codes)?;
        dedup(&mut config.access_codes);
        for (i, code) in config.feature_codes.iter().enumerate() {
            let valid = code.len() >= 2
                && code.len() <= MAX_DIGITS
                && code.starts_with(['*', '#'])
                && code.bytes().all(|b| b.is_ascii_digit() || b == b'*' || b == b'#');
            if !valid {
                return Err(invalid(
                    &item_path("featureCodes", i),
                    "must be * or # then digits, * or #, such as \"*67\"",
                ));
            }
        }
        dedup(&mut config.feature_codes);

        let mut allow = Vec::with_capacity(config.allow.len());
        for (i, entry) in config.allow.iter().enumerate() {
            let entry = AllowEntry::parse(entry, &item_path("allow", i))?;
            if !allow.contains(&entry) {
                allow.push(entry);
            }
        }
        config.allow = allow.iter().map(|e| e.as_str().to_string()).collect();

        let mut allowed_regions = RegionBits::default();
        for entry in &allow {
            if let AllowTarget::Region(r) = entry.target {
                allowed_regions.insert(r);
            }
        }
        let mut policy = DialPolicy {
            access_codes: Literals::new(config.access_codes.iter().map(String::as_str)),
            feature_codes: Literals::new(config.feature_codes.iter().map(String::as_str)),
            config,
            allow,
            prefixes,
            allowed_regions,
            rules: Rules::default(),
        };
        policy.rules = Rules::compile(&policy);
        Ok(policy)
    }

    /// Reads the JSON form (see [`PolicyConfig::from_json`]) and compiles it.
    pub fn from_json(text: &str) -> Result<DialPolicy, ConfigError> {
        DialPolicy::new(PolicyConfig::from_json(text)?)
    }

    /// The normalized configuration: regions upper-cased, duplicates
    /// removed, the home region spelled as the data spells it.
    pub fn config(&self) -> &PolicyConfig {
        &self.config
    }

    /// The normalized configuration as JSON.
    pub fn to_json(&self) -> String {
        self.config.to_json()
    }

    pub(crate) fn allow_entries(&self) -> &[AllowEntry] {
        &self.allow
    }

    pub(crate) fn prefixes(&self) -> &PrefixSet {
        &self.prefixes
    }

    pub(crate) fn access_codes(&self) -> &Literals {
        &self.access_codes
    }

    pub(crate) fn allowed_regions(&self) -> &RegionBits {
        &self.allowed_regions
    }

    /// Whether any international dial can be allowed.
    pub(crate) fn allows_anything(&self) -> bool {
        self.rules.allows_anything()
    }

    pub(crate) fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Judges a dial and explains the verdict. Never panics, for any input.
    pub fn check(&self, dialed: &str) -> Decision {
        self.decide(Input::Str(dialed), true)
    }

    /// [`check`](Self::check) for UTF-16 input as JavaScript holds it; a
    /// lone surrogate is malformed, never repaired.
    pub fn check_utf16(&self, dialed: &[u16]) -> Decision {
        self.decide(Input::Utf16(dialed), true)
    }

    /// The verdict of [`check`](Self::check) without the explanation.
    pub fn verdict(&self, dialed: &str) -> Verdict {
        self.decide(Input::Str(dialed), false).verdict()
    }

    /// [`verdict`](Self::verdict) for UTF-16 input.
    pub fn verdict_utf16(&self, dialed: &[u16]) -> Verdict {
        self.decide(Input::Utf16(dialed), false).verdict()
    }

    /// SPEC section 4. With `explain` false, only the verdict is exact:
    /// the reason within it and the explanation fields are not filled in.
    fn decide(&self, input: Input<'_>, explain: bool) -> Decision {
        let tokens = match input.tokenize(self.config.keypad_letters) {
            Ok(tokens) => tokens,
            Err(fault) => return malformed(fault),
        };
        let t = tokens.as_slice();

        // Step 4: an access code, and any pauses right after it.
        let access_len = self.access_codes.longest_match(t).unwrap_or(0);
        let mut at = access_len;
        while matches!(t.get(at), Some(&(PAUSE | WAIT))) {
            at += 1;
        }

        // Step 5: post-dial, the send key, feature codes.
        let number_end = (at..t.len())
            .find(|&i| matches!(t.get(i), Some(&(PAUSE | WAIT | EXT))))
            .unwrap_or(t.len());
        if number_end == at && number_end < t.len() {
            return malformed(Fault::new(Reason::MisplacedPostDial, tokens.position(number_end)));
        }
        let mut end = number_end;
        if end > at + 1 && t.get(end - 1) == Some(&b'#') && t.get(at).is_some_and(|&b| b != b'*' && b != b'#') {
            end -= 1;
        }
        let mut start = at;
        while let Some(len) = self.feature_codes.longest_match(t.get(start..end).unwrap_or(&[])) {
            start += len;
        }
        let number = t.get(start..end).unwrap_or(&[]);

        let mut d = Decision::new(Reason::IncompletePrefix);
        let dial = t.get(..access_len).into_iter().chain(t.get(at..end)).flatten();
        let post_dial = t.get(number_end..).unwrap_or(&[]);
        for (slot, &b) in d.buf.iter_mut().zip(dial.chain(post_dial)) {
            *slot = b;
        }
        d.dial_len = (access_len + end - at) as u16;
        if !post_dial.is_empty() {
            d.post_dial_len = Some(post_dial.len() as u16);
        }
        let number_offset = (access_len + start - at) as u16;

        if matches!(number.first(), Some(&(b'*' | b'#'))) {
            if self.feature_codes.extends_to_longer(number) {
                d.can_be_allowed = Some(self.allows_anything());
            } else {
                d.reason = Reason::FeatureCode;
            }
            return d;
        }
        if let Some(i) = number.iter().position(|&b| b == b'*' || b == b'#') {
            return malformed(Fault::new(Reason::MisplacedSymbol, tokens.position(start + i)));
        }

        // Step 6: the international prefix.
        let prefix_len = if number.first() == Some(&b'+') {
            if !self.config.plus_is_international {
                d.reason = Reason::NoInternationalPrefix;
                return d;
            }
            1
        } else if self.prefixes.extends_to_longer(number) {
            d.can_be_allowed = Some(self.allows_anything());
            return d;
        } else if let Some(len) = self.prefixes.longest_match(number) {
            len
        } else {
            d.reason = Reason::NoInternationalPrefix;
            return d;
        };
        let digits = number.get(prefix_len..).unwrap_or(&[]);
        if digits.len() > MAX_DIGITS {
            return malformed(Fault::new(
                Reason::TooLong,
                tokens.position(start + prefix_len + MAX_DIGITS),
            ));
        }
        d.prefix_start = Some(number_offset);
        d.code_start = number_offset + prefix_len as u16;

        // Steps 7 to 9.
        d.reason = if !self.config.enabled {
            Reason::ProtectionDisabled
        } else {
            match self.rules.walk(digits) {
                Walk::Allowed => Reason::RegionAllowed,
                Walk::Blocked => Reason::NotAllowed,
                Walk::Unassigned => Reason::UnassignedCode,
                Walk::Incomplete {
                    can_be_allowed,
                    in_code,
                } => {
                    d.can_be_allowed = Some(can_be_allowed);
                    if in_code {
                        Reason::IncompleteCode
                    } else {
                        Reason::IncompleteNumber
                    }
                }
            }
        };
        if explain {
            self.explain(&mut d, digits);
        }
        d
    }

    /// Fills in the calling code, regions and rule, and refines the reason.
    fn explain(&self, d: &mut Decision, digits: &[u8]) {
        let CodeMatch::Code(code, len) = CallingCode::match_digits(digits) else {
            return;
        };
        let national = digits.get(len..).unwrap_or(&[]);
        d.calling_code = Some(code.value());
        d.national_start = d.code_start + len as u16;
        d.regions = code.candidates(national);
        match d.reason {
            Reason::RegionAllowed => {
                if let Some((reason, rule)) = self.rule_for(code, national, d.regions) {
                    d.reason = reason;
                    d.rule = Some(rule);
                }
            }
            Reason::NotAllowed if self.by_region() && d.regions.is_empty() => d.reason = Reason::UnassignedRange,
            _ => {}
        }
    }

    /// The allow entry that allows a number, most specific first.
    fn rule_for(&self, code: CallingCode, national: &[u8], candidates: RegionSet) -> Option<(Reason, AllowEntry)> {
        let range = self
            .allow
            .iter()
            .filter(|e| e.target == AllowTarget::Range(code) && national.starts_with(e.national_digits()))
            .max_by_key(|e| e.len);
        if let Some(e) = range {
            return Some((Reason::RangeAllowed, *e));
        }
        let region_in = |set: RegionSet| {
            self.allow
                .iter()
                .find(|e| matches!(e.target, AllowTarget::Region(r) if set.contains(r)))
        };
        if let Some(e) = region_in(candidates) {
            return Some((Reason::RegionAllowed, *e));
        }
        if let Some(e) = self.allow.iter().find(|e| e.target == AllowTarget::Code(code)) {
            return Some((Reason::CodeAllowed, *e));
        }
        region_in(code.regions()).map(|e| (Reason::SharedCodeAllowed, *e))
    }

    fn by_region(&self) -> bool {
        self.config.shared_codes == SharedCodes::ByRegion
    }
}

fn malformed(fault: Fault) -> Decision {
    let mut d = Decision::new(fault.reason);
    d.position = Some(fault.position);
    d
}

impl Allowance for DialPolicy {
    fn whole_code(&self, code: CallingCode) -> bool {
        !self.config.enabled
            || self.allow.iter().any(|e| e.target == AllowTarget::Code(code))
            || (!self.by_region() && self.allowed_regions.any(code.regions()))
    }

    fn any_region(&self, set: RegionSet) -> bool {
        self.allowed_regions.any(set)
    }

    fn ranges(&self, code: CallingCode) -> Vec<&[u8]> {
        self.allow
            .iter()
            .filter(|e| e.target == AllowTarget::Range(code))
            .map(AllowEntry::national_digits)
            .collect()
    }

    fn by_region(&self) -> bool {
        DialPolicy::by_region(self)
    }
}
