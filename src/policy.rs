//! A validated, compiled policy and the decision algorithm (docs/contract.md §4).

use alloc::{borrow::Cow, string::String, vec::Vec};

use crate::allow::{invalid, AllowEntry, AllowTarget};
use crate::config::{item_path, PolicyConfig, SharedCodes, MAX_LIST};
use crate::data::{CallingCode, NumberTypes, Region, RegionBits, RegionSet, TypeSet, MAX_DIGITS};
use crate::decision::Decision;
use crate::dial::{Tokens, EXT, PAUSE, WAIT};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::input::{Fault, Input};
use crate::number_type::NumberType;
use crate::prefix::{Literals, PrefixMatch, PrefixSet};
use crate::reason::{Reason, Verdict};
use crate::rules::{Allowance, Rules, Walk};
use crate::text::concat;

/// Fewest national digits (after the trunk prefix) of a national dial that
/// is typed (`judgeNationalDialing`): more than any short code.
const MIN_TYPED_NATIONAL: usize = 7;

/// An "Allowed Country Codes" policy, ready to judge dials.
///
/// ```
/// use dialguard::{DialPolicy, Verdict};
///
/// // A factory in Mexico whose customers are in Argentina (docs/contract.md §1).
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
    /// `blockNumberTypes`.
    blocked_types: TypeSet,
    /// The number type of each of [`NumberTypes::sets`].
    type_names: Vec<NumberType>,
    rules: Rules,
    /// Set when national-format dials are judged (`judgeNationalDialing`).
    national: Option<NationalDialing>,
}

/// How national-format dials reach other regions of the home calling code.
#[derive(Clone, Copy, Debug)]
struct NationalDialing {
    home: Region,
    code: CallingCode,
    /// The national (trunk) prefix, perhaps empty (Italy has none).
    trunk: &'static str,
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

/// Keeps the first of equal items.
fn dedup(items: &mut Vec<String>) {
    let mut unique: Vec<String> = Vec::new();
    for item in core::mem::take(items) {
        if !unique.contains(&item) {
            unique.push(item);
        }
    }
    *items = unique;
}

/// The detail of a list over [`MAX_LIST`], written out (a test checks it).
const TOO_LONG: &str = "at most 4096 entries";

impl DialPolicy {
    /// Validates and compiles a configuration. Errors name the field:
    /// `allow[2]: unknown region "XX"`.
    pub fn new(mut config: PolicyConfig) -> Result<DialPolicy, ConfigError> {
        let lists = [
            (
                "internationalPrefixes",
                config.international_prefixes.as_deref().unwrap_or(&[]),
            ),
            ("accessCodes", &config.access_codes),
            ("featureCodes", &config.feature_codes),
            ("allow", &config.allow),
            ("blockNumberTypes", &config.block_number_types),
        ];
        if let Some((key, _)) = lists.iter().find(|(_, list)| list.len() > MAX_LIST) {
            return Err(ConfigError::new(ConfigErrorKind::TooLarge, key, TOO_LONG));
        }
        let home = match &config.home_region {
            Some(id) => Some(Region::from_id(id).ok_or_else(|| ConfigError::unknown_region("homeRegion", id))?),
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
                PrefixSet::from_literals(list)
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

        if config.judge_national_dialing && home.is_none() {
            return Err(ConfigError::new(
                ConfigErrorKind::MissingHomeRegion,
                "judgeNationalDialing",
                "needs a homeRegion: national format is the home region's",
            ));
        }
        let national = home
            .filter(|_| config.judge_national_dialing)
            .and_then(|home| Some((home, home.code()?)))
            .map(|(home, code)| NationalDialing {
                home,
                code,
                trunk: home.national_prefix().unwrap_or(""),
            });

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

        let mut allow = Vec::new();
        let mut normalized = Vec::new();
        for (i, entry) in config.allow.iter().enumerate() {
            let entry = AllowEntry::parse(entry, &item_path("allow", i))?;
            if !allow.contains(&entry) {
                let mut text = String::new();
                entry.push_to(&mut text);
                normalized.push(text);
                allow.push(entry);
            }
        }
        config.allow = normalized;

        let mut blocked_types = TypeSet::default();
        for (i, name) in config.block_number_types.iter().enumerate() {
            match NumberType::from_name(name).filter(|t| t.blockable()) {
                Some(t) => blocked_types.0 |= t.bits().0,
                None => {
                    let detail = concat(&["unknown number type \"", name, "\""]);
                    return Err(invalid(&item_path("blockNumberTypes", i), &detail));
                }
            }
        }
        dedup(&mut config.block_number_types);

        let mut allowed_regions = RegionBits::default();
        for entry in &allow {
            if let AllowTarget::Region(r) = entry.target {
                allowed_regions.insert(r);
            }
        }
        let mut policy = DialPolicy {
            access_codes: Literals::new(&config.access_codes),
            feature_codes: Literals::new(&config.feature_codes),
            config,
            allow,
            prefixes,
            allowed_regions,
            blocked_types,
            type_names: NumberTypes::sets().map(NumberType::of).collect(),
            rules: Rules::default(),
            national,
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

    /// The rules but for `blockNumberTypes`: where the allow list reaches.
    pub(crate) fn untyped_rules(&self) -> Cow<'_, Rules> {
        if self.blocked_types == TypeSet::default() {
            return Cow::Borrowed(&self.rules);
        }
        Cow::Owned(Rules::compile(&Untyped(self)))
    }

    /// Judges a dial and explains the verdict. Never panics, for any input.
    pub fn check(&self, dialed: &str) -> Decision {
        let mut d = Decision::new(Reason::IncompletePrefix);
        self.decide(Input::Str(dialed), &mut d);
        d
    }

    /// [`check`](Self::check) for UTF-16 input as JavaScript holds it; a
    /// lone surrogate is malformed, never repaired.
    pub fn check_utf16(&self, dialed: &[u16]) -> Decision {
        let mut d = Decision::new(Reason::IncompletePrefix);
        self.decide(Input::Utf16(dialed), &mut d);
        d
    }

    /// The verdict of [`check`](Self::check), without building the
    /// explanation.
    pub fn verdict(&self, dialed: &str) -> Verdict {
        self.fast_verdict(Input::Str(dialed))
    }

    /// [`verdict`](Self::verdict) for UTF-16 input.
    pub fn verdict_utf16(&self, dialed: &[u16]) -> Verdict {
        self.fast_verdict(Input::Utf16(dialed))
    }

    fn fast_verdict(&self, input: Input<'_>) -> Verdict {
        // A plain dial is its own tokens: no buffer to fill.
        let judgement = match input.plain() {
            Some(tokens) => self.judge(input, tokens, true),
            None => {
                let mut tokens = Tokens::new();
                match input.tokenize(self.config.keypad_letters, &mut tokens) {
                    Ok(()) => self.judge(input, tokens.as_slice(), tokens.is_plain()),
                    Err(fault) => Judgement::new(Reason::IncompletePrefix).malformed(fault),
                }
            }
        };
        judgement.reason.verdict()
    }

    /// Fills `d` (fresh) in place: a decision is too big to move around.
    fn decide(&self, input: Input<'_>, d: &mut Decision) {
        let tokenized = match input.plain() {
            Some(plain) => {
                d.tokens.set_plain(plain);
                Ok(())
            }
            None => input.tokenize(self.config.keypad_letters, &mut d.tokens),
        };
        let judgement = match tokenized {
            Ok(()) => self.judge(input, d.tokens.as_slice(), d.tokens.is_plain()),
            Err(fault) => Judgement::new(Reason::IncompletePrefix).malformed(fault),
        };
        self.explain(&judgement, d);
    }

    /// Step 5 for a dial with more than digits: post-dial, the send key,
    /// stray symbols. Returns the judgement when it is final.
    fn step5(&self, input: Input<'_>, t: &[u8], j: &mut Judgement) -> Option<Judgement> {
        let rest = t.get(j.number_start..).unwrap_or(&[]);
        let marker = rest
            .iter()
            .position(|&b| matches!(b, PAUSE | WAIT | EXT))
            .unwrap_or(rest.len());
        j.post_dial_start = j.number_start + marker;
        j.number_end = j.post_dial_start;
        if j.number_end > j.number_start + 1
            && t.get(j.number_end - 1) == Some(&b'#')
            && !matches!(t.get(j.number_start), Some(b'*' | b'#'))
        {
            j.number_end -= 1;
        }
        let number = t.get(j.number_start..j.number_end).unwrap_or(&[]);
        let keypad = self.config.keypad_letters;
        if number.is_empty() && j.post_dial_start < t.len() {
            // Post-dial digits after nothing (or only a feature code) would
            // reach the network unjudged.
            let fault = Fault::new(
                Reason::MisplacedPostDial,
                input.token_position(keypad, j.post_dial_start),
            );
            return Some(j.malformed(fault));
        }
        if matches!(number.first(), Some(&(b'*' | b'#'))) {
            if self.feature_codes.extends_to_longer(number) {
                j.can_be_allowed = Some(self.allows_anything());
            } else {
                j.reason = Reason::FeatureCode;
            }
            return Some(*j);
        }
        if let Some(i) = number.iter().position(|&b| b == b'*' || b == b'#') {
            let fault = Fault::new(
                Reason::MisplacedSymbol,
                input.token_position(keypad, j.number_start + i),
            );
            return Some(j.malformed(fault));
        }
        None
    }

    /// The end of the dial's lead: access codes (each with the pauses right
    /// after it) and feature codes, in any order — `*67 9 011…` on a PBX
    /// where `*67` comes first must not hide the number from the rule.
    fn lead_end(&self, t: &[u8]) -> usize {
        let mut at = 0;
        loop {
            let rest = t.get(at..).unwrap_or(&[]);
            if let Some(len) = self.access_codes.longest_match(rest) {
                at += len;
                while matches!(t.get(at), Some(&(PAUSE | WAIT))) {
                    at += 1;
                }
            } else if let Some(len) = self.feature_codes.longest_match(rest) {
                at += len;
            } else {
                return at;
            }
        }
    }

    /// docs/contract.md §4 step 4 to 10 over the tokens of `input` (steps 1 to
    /// 3): the verdict, and where the parts of the dial are in `t`. A
    /// `plain` dial (digits, perhaps after a `+`) skips what cannot apply. The reason is exact but for which rule
    /// allowed a dial ([`Reason::RegionAllowed`] stands for all of them)
    /// and [`Reason::UnassignedRange`], which [`Self::explain`] works out.
    fn judge(&self, input: Input<'_>, t: &[u8], plain: bool) -> Judgement {
        let mut j = Judgement::new(Reason::IncompletePrefix);

        // Steps 4 and 5: access and feature codes, post-dial, the send key.
        j.number_start = self.lead_end(t);
        j.post_dial_start = t.len();
        j.number_end = t.len();
        if !plain {
            if let Some(j) = self.step5(input, t, &mut j) {
                return j;
            }
        }
        let number = t.get(j.number_start..j.number_end).unwrap_or(&[]);

        // Step 6: the international prefix.
        let prefix_len = if number.first() == Some(&b'+') {
            if !self.config.plus_is_international {
                j.reason = Reason::NoInternationalPrefix;
                return j;
            }
            1
        } else {
            match self.prefixes.find(number) {
                found if found.extends => {
                    j.can_be_allowed = Some(self.allows_anything());
                    return j;
                }
                PrefixMatch { longest: Some(len), .. } => len,
                _ => {
                    return match self.national {
                        Some(national) => self.judge_national(input, national, j, number),
                        None => {
                            j.reason = Reason::NoInternationalPrefix;
                            j
                        }
                    };
                }
            }
        };
        let digits = number.get(prefix_len..).unwrap_or(&[]);
        if digits.len() > MAX_DIGITS {
            let sixteenth = j.number_start + prefix_len + MAX_DIGITS;
            return j.malformed(Fault::new(
                Reason::TooLong,
                input.token_position(self.config.keypad_letters, sixteenth),
            ));
        }
        j.prefix_len = Some(prefix_len);

        // Steps 7 to 9.
        self.judge_destination(j, digits)
    }

    /// Steps 7 to 9: the calling code and destination of the digits after
    /// the prefix.
    fn judge_destination(&self, mut j: Judgement, digits: &[u8]) -> Judgement {
        let (walk, code) = self.rules.walk(digits);
        j.code = code;
        j.reason = match walk {
            Walk::Allowed => Reason::RegionAllowed,
            Walk::Blocked => Reason::NotAllowed,
            Walk::TypeBlocked => Reason::NumberTypeBlocked,
            Walk::Unassigned => Reason::UnassignedCode,
            Walk::Incomplete {
                can_be_allowed,
                in_code,
            } => {
                j.can_be_allowed = Some(can_be_allowed);
                if in_code {
                    Reason::IncompleteCode
                } else {
                    Reason::IncompleteNumber
                }
            }
        };
        if !self.config.enabled {
            j.reason = Reason::ProtectionDisabled;
            j.can_be_allowed = None;
        }
        j
    }

    /// docs/contract.md §2 item 9: a dial without an international prefix, in
    /// the home region's national format, that reaches another region of
    /// its calling code (`1 876 …` from the US) is judged as international.
    fn judge_national<'a>(&self, input: Input<'a>, nd: NationalDialing, mut j: Judgement, number: &[u8]) -> Judgement {
        let trunk = nd.trunk.as_bytes();
        let (trunk_len, national) = match number.strip_prefix(trunk) {
            Some(rest) if !trunk.is_empty() => (trunk.len(), rest),
            _ => (0, number),
        };
        if number.first() == Some(&b'+') {
            j.reason = Reason::NoInternationalPrefix;
            return j;
        }
        let (candidates, decided) = nd.code.narrow(national);
        if candidates.contains(nd.home) && candidates.len() > 1 && !decided {
            // Could still be a home number, or cross a border (1 87… from
            // the US: 870 is American, 876 Jamaican).
            j.reason = Reason::IncompleteNumber;
            j.can_be_allowed = Some(true);
            return j;
        }
        if candidates.is_empty() || candidates.contains(nd.home) {
            j.reason = Reason::Domestic;
            // Typed when it is a national number for sure: after the trunk
            // prefix where there is one, and of at least seven digits;
            // never a short code or an emergency number (112, 000, 116111).
            if national.len() >= MIN_TYPED_NATIONAL && (trunk.is_empty() || trunk_len > 0) {
                j.typed_from = Some((j.number_start + trunk_len) as u16);
                if self.rules.walk_national(national) == Some(Walk::TypeBlocked) {
                    j.reason = Reason::NumberTypeBlocked;
                }
            }
            return j;
        }
        // Judged as the code's digits followed by the national number.
        let mut digits = [0u8; MAX_DIGITS + 3];
        let code = crate::text::decimal(u64::from(nd.code.value()));
        let len = code.len() + national.len();
        if len > MAX_DIGITS {
            let first_too_many = j.number_start + trunk_len + MAX_DIGITS - code.len();
            let position = input.token_position(self.config.keypad_letters, first_too_many);
            return j.malformed(Fault::new(Reason::TooLong, position));
        }
        for (slot, &d) in digits.iter_mut().zip(code.as_bytes().iter().chain(national)) {
            *slot = d;
        }
        j.prefix_len = Some(trunk_len);
        j = self.judge_destination(j, digits.get(..len).unwrap_or(&[]));
        // The code's digits are not in the dial: it starts at the number.
        j.code = Some((nd.code, 0));
        j
    }

    /// Completes the decision over the dial's tokens: the canonical dial
    /// string and post-dial, the calling code, regions and rule, and the
    /// exact reason.
    fn explain(&self, j: &Judgement, d: &mut Decision) {
        d.reason = j.reason;
        d.can_be_allowed = j.can_be_allowed;
        if let Some(position) = j.position {
            d.position = Some(position);
            d.tokens.truncate(0);
            return;
        }
        // In place: the dial up to the number's end (access codes with
        // their pauses, feature codes, the number), then the post-dial; the
        // send key is dropped.
        let len = d.tokens.as_slice().len();
        let dial_len = j.number_end;
        let end = d.tokens.move_left(j.post_dial_start, len, dial_len);
        d.tokens.truncate(end);
        d.dial_len = dial_len as u16;
        if end > dial_len {
            d.post_dial_len = Some((end - dial_len) as u16);
        }
        let Some(prefix_len) = j.prefix_len else {
            if let (Some(start), Some(national)) = (j.typed_from, self.national) {
                let digits = d.tokens.as_slice().get(usize::from(start)..dial_len).unwrap_or(&[]);
                d.number_type = self.number_type(national.code, digits);
            }
            return;
        };
        let prefix_start = j.number_start as u16;
        d.prefix_start = Some(prefix_start);
        d.code_start = prefix_start + prefix_len as u16;
        let digits = d
            .tokens
            .as_slice()
            .get(usize::from(d.code_start)..dial_len)
            .unwrap_or(&[]);
        let Some((code, len)) = j.code else {
            return;
        };
        let national = digits.get(len..).unwrap_or(&[]);
        d.calling_code = Some(code.value());
        d.national_start = d.code_start + len as u16;
        d.number_type = self.number_type(code, national);
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

    fn number_type(&self, code: CallingCode, national: &[u8]) -> Option<NumberType> {
        let set = NumberTypes::shared().decided(code, national)?;
        Some(
            self.type_names
                .get(usize::from(set))
                .copied()
                .unwrap_or(NumberType::Unknown),
        )
    }

    /// The allow entry that allows a number, most specific first.
    fn rule_for(&self, code: CallingCode, national: &[u8], candidates: RegionSet) -> Option<(Reason, AllowEntry)> {
        // The longest range (a plain loop: `filter` and `max_by_key` cost
        // the WebAssembly more).
        let mut range: Option<&AllowEntry> = None;
        for e in &self.allow {
            if e.target == AllowTarget::Range(code)
                && national.starts_with(e.national_digits())
                && range.is_none_or(|r| e.national_digits().len() >= r.national_digits().len())
            {
                range = Some(e);
            }
        }
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

/// Where [`DialPolicy::judge`] found the parts of a dial, as token
/// indices: `[access and feature codes][prefix][digits][#][post-dial]`.
#[derive(Clone, Copy)]
struct Judgement {
    reason: Reason,
    /// Where a malformed dial goes wrong (UTF-16 offset in the input).
    position: Option<u16>,
    can_be_allowed: Option<bool>,
    /// After the access codes, their pauses and the feature codes.
    number_start: usize,
    /// Before the send key and the post-dial.
    number_end: usize,
    post_dial_start: usize,
    /// Set once an international prefix matched.
    prefix_len: Option<usize>,
    /// Set once the digits after the prefix spell a calling code (with
    /// their number).
    code: Option<(CallingCode, usize)>,
    /// A national dial within the home region that is typed: where its
    /// national digits start.
    typed_from: Option<u16>,
}

impl Judgement {
    fn new(reason: Reason) -> Judgement {
        Judgement {
            reason,
            position: None,
            can_be_allowed: None,
            number_start: 0,
            number_end: 0,
            post_dial_start: 0,
            prefix_len: None,
            code: None,
            typed_from: None,
        }
    }

    fn malformed(mut self, fault: Fault) -> Judgement {
        self.reason = fault.reason;
        self.position = Some(fault.position);
        self.can_be_allowed = None;
        self
    }
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
        // A plain loop: the iterator chain costs the WebAssembly more.
        let mut ranges = Vec::new();
        for e in &self.allow {
            if e.target == AllowTarget::Range(code) {
                ranges.push(e.national_digits());
            }
        }
        ranges
    }

    fn by_region(&self) -> bool {
        DialPolicy::by_region(self)
    }

    fn blocked_types(&self) -> TypeSet {
        match self.config.enabled {
            true => self.blocked_types,
            false => TypeSet::default(),
        }
    }

    fn number_types(&self) -> &NumberTypes {
        NumberTypes::shared()
    }

    fn national_types(&self) -> Option<(CallingCode, TypeSet)> {
        // Unknown is never blocked in a national dial: short codes and
        // emergency numbers are in no range.
        let blocked = TypeSet(self.blocked_types().0 & !NumberType::Unknown.bits().0);
        let national = self.national?;
        (blocked != TypeSet::default()).then_some((national.code, blocked))
    }
}

/// A policy but for its number types (see [`DialPolicy::untyped_rules`]).
struct Untyped<'p>(&'p DialPolicy);

impl Allowance for Untyped<'_> {
    fn whole_code(&self, code: CallingCode) -> bool {
        self.0.whole_code(code)
    }

    fn any_region(&self, set: RegionSet) -> bool {
        self.0.any_region(set)
    }

    fn ranges(&self, code: CallingCode) -> Vec<&[u8]> {
        self.0.ranges(code)
    }

    fn by_region(&self) -> bool {
        self.0.by_region()
    }

    fn blocked_types(&self) -> TypeSet {
        TypeSet::default()
    }

    fn number_types(&self) -> &NumberTypes {
        NumberTypes::shared()
    }

    fn national_types(&self) -> Option<(CallingCode, TypeSet)> {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn too_long_names_the_limit() {
        assert_eq!(super::TOO_LONG, alloc::format!("at most {} entries", super::MAX_LIST));
    }
}
