//! A validated, compiled policy and the decision algorithm (docs/contract.md §4).

use alloc::{string::String, vec::Vec};

use crate::allow::{invalid, AllowEntry, AllowList, AllowTarget};
use crate::config::{item_path, PolicyConfig, MAX_LIST};
use crate::data::{CallingCode, CodeSet, NumberTypes, ProcedureKind, Region, TypeSet, MAX_DIGITS};
use crate::decision::Decision;
use crate::dial::{plain, token_position_str, token_position_utf16, tokenize_str, tokenize_utf16, Tokens};
use crate::dialing::{Derived, Dialing, Judgement, National, Parts};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::input::Fault;
use crate::number_type::{NumberType, Validity};
use crate::prefix::{Literals, PrefixSet};
use crate::reason::{Reason, Verdict};
use crate::rules::{Allowance, Rules};
use crate::text::concat;
use crate::wire;

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
    allow: AllowList,
    /// How dials are read: the lead, prefixes, procedures, national format.
    dialing: Dialing,
    /// `blockNumberTypes`.
    blocked_types: TypeSet,
    rules: Rules,
    /// The number-type tries of the calling codes the policy can reach
    /// ([`DialPolicy::reach`]): its decisions read types from these
    /// alone, so a policy loaded from bytes decides as the one compiled.
    numbers: NumberTypes,
    /// The hash of its payload (see [`DialPolicy::fingerprint`]), found
    /// once: a loaded policy keeps the one its bytes were checked against.
    fingerprint: u64,
}

/// What compiled bytes were compiled from ([`DialPolicy::compiled_from`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CompiledFrom {
    /// The normalized configuration.
    pub config: PolicyConfig,
    /// The numbering data's version (`"libphonenumber 9.0.35"`).
    pub data_version: String,
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
    pub fn new(config: PolicyConfig) -> Result<DialPolicy, ConfigError> {
        let mut policy = DialPolicy::validate(config)?;
        policy.rules = Rules::compile(&policy);
        policy.numbers = NumberTypes::shared().only(&policy.reach());
        policy.fingerprint = wire::fingerprint(&policy.config, &|w| policy.write_compiled(w));
        Ok(policy)
    }

    /// Validates and normalizes a configuration into a policy whose rules
    /// and numbering data are still to be compiled.
    fn validate(mut config: PolicyConfig) -> Result<DialPolicy, ConfigError> {
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
        let national = home.filter(|_| config.judge_national_dialing).and_then(National::of);

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

        let derived = Derived {
            prefixes,
            emergency: home
                .and_then(Region::emergency_numbers)
                .map(PrefixSet::from_pattern)
                .unwrap_or_default(),
            procedures: home
                .into_iter()
                .flat_map(Region::procedures)
                .filter(|p| p.kind != ProcedureKind::NationalPrefix)
                .collect(),
            national,
        };
        let dialing = Dialing::new(&config, derived);
        Ok(DialPolicy {
            allow: AllowList::new(allow, config.shared_codes),
            config,
            dialing,
            blocked_types,
            rules: Rules::default(),
            numbers: NumberTypes::default(),
            fingerprint: 0,
        })
    }

    /// The calling codes whose numbers the policy can allow (every code
    /// with protection off) and its home region's: the number types of
    /// these are in its bytes and in its decisions.
    fn reach(&self) -> CodeSet {
        if !self.config.enabled {
            return CodeSet::all();
        }
        let mut codes = CodeSet::default();
        for entry in self.allow.entries() {
            let code = match entry.target {
                AllowTarget::Region(region) => region.code(),
                AllowTarget::Code(code) | AllowTarget::Range(code) => Some(code),
            };
            codes.extend(code);
        }
        let home = self.config.home_region.as_deref().and_then(Region::from_id);
        codes.extend(home.and_then(Region::code));
        codes
    }

    /// Reads the JSON form (see [`PolicyConfig::from_json`]) and compiles it.
    pub fn from_json(text: &str) -> Result<DialPolicy, ConfigError> {
        DialPolicy::new(PolicyConfig::from_json(text)?)
    }

    /// The compiled policy as bytes, for a softphone to judge with exactly
    /// what is enforced (`crate::wire` says how they are laid out): the
    /// normalized configuration, the rules compiled from it and the number
    /// types of the calling codes it can reach (a policy of a few countries
    /// is a few KB), under a label, the format and data versions, the
    /// [`fingerprint`](Self::fingerprint) and a checksum.
    ///
    /// ```
    /// use dialguard::{ConfigErrorKind, DialPolicy};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)?;
    /// let bytes = policy.to_bytes();
    /// let loaded = DialPolicy::from_bytes(&bytes)?;
    /// assert_eq!(loaded.fingerprint(), policy.fingerprint());
    /// assert_eq!(loaded.check("00 54 11 1234 5678").verdict(), policy.check("00 54 11 1234 5678").verdict());
    ///
    /// // A byte changed, or the bytes cut short: refused.
    /// let mut changed = bytes.clone();
    /// changed[40] ^= 1;
    /// assert_eq!(DialPolicy::from_bytes(&changed).unwrap_err().kind(), ConfigErrorKind::CorruptBytes);
    /// assert_eq!(DialPolicy::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err().kind(), ConfigErrorKind::TruncatedBytes);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        wire::to_bytes(&self.config, &|w| self.write_compiled(w))
    }

    /// Loads a compiled policy ([`to_bytes`](Self::to_bytes)). Bytes that
    /// are not one, of another format or data version, cut short or changed
    /// are refused with an error of that kind
    /// ([`ConfigErrorKind::NotPolicyBytes`], `BytesVersion`,
    /// `DataVersion`, `TruncatedBytes`, `CorruptBytes`) that says which.
    /// What decides is read, not derived or compiled again (a softphone
    /// loads no compiler, no configuration validation and no numbering
    /// tables): the dialing parameters derived from the home region, the
    /// allow entries and blocked types, the rules and number types. The
    /// configuration is carried as what they were compiled from
    /// ([`config`](Self::config), [`compiled_from`](Self::compiled_from)).
    /// Each read is checked, and the sections must be spelled as this
    /// engine writes them. A change of what the compiler writes, or of how
    /// this engine decides by what it reads, is a new format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<DialPolicy, ConfigError> {
        let wire::Opened {
            config,
            fingerprint,
            rest: mut r,
        } = wire::open(bytes)?;
        // Every section is read, each past the first malformed one reading
        // nothing (see `wire::Reader`); the first malformed one is said,
        // and what was read is dropped in one place.
        let mut malformed = None;
        let mut section = |r: &wire::Reader<'_>, what: &'static str| {
            if !r.ok() && malformed.is_none() {
                malformed = Some(what);
            }
        };
        let dialing = Dialing::read(&config, &mut r);
        section(&r, "the dialing section is malformed");
        let allow = AllowList::read_from(&mut r, &config);
        section(&r, "the allow section is malformed");
        let blocked = r.varint();
        r.require(blocked & !u32::from(TypeSet::ALL.0) == 0);
        section(&r, "the blocked types are malformed");
        let rules = Rules::read_from(&mut r);
        section(&r, "the rules section is malformed");
        let numbers = NumberTypes::read_from(&mut r);
        section(&r, "the number types section is malformed");
        let policy = DialPolicy {
            allow,
            config,
            dialing,
            blocked_types: TypeSet(blocked as u16),
            rules,
            numbers,
            fingerprint,
        };
        let malformed = malformed.or_else(|| {
            if r.left() != 0 {
                Some("bytes after its sections")
            } else if policy.numbers.codes() != policy.reach() {
                Some("its number types are not of the codes it reaches")
            } else {
                None
            }
        });
        if let Some(what) = malformed {
            return Err(wire::corrupt(what));
        }
        Ok(policy)
    }

    /// What compiled bytes of this format or an earlier one (3 or 4) were
    /// compiled from, whichever numbering data compiled them: the
    /// configuration and that data's version.
    /// [`from_bytes`](Self::from_bytes) refuses bytes of another data
    /// version or format, which decide by their own data and sections; a
    /// service that compiles can judge by their configuration with its
    /// own, as it would the configuration's JSON. The bytes are checked as `from_bytes`
    /// checks them up to the configuration (label, format, length,
    /// checksum, fingerprint), with the same errors; the configuration is
    /// not validated: compiling it does that.
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)?;
    /// let from = DialPolicy::compiled_from(&policy.to_bytes())?;
    /// assert_eq!(&from.config, policy.config());
    /// assert_eq!(from.data_version, dialguard::DATA_VERSION);
    /// let again = DialPolicy::new(from.config)?;
    /// assert_eq!(again.fingerprint(), policy.fingerprint());
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn compiled_from(bytes: &[u8]) -> Result<CompiledFrom, ConfigError> {
        let (config, data_version) = wire::read_config_of_any_data(bytes)?;
        Ok(CompiledFrom { config, data_version })
    }

    /// A short stable hash of what the policy decides (its normalized
    /// configuration and what it compiles to, with the numbering data's
    /// version and the format, which is the rules the engine decides by),
    /// not of the JSON it was written in: 16 hex digits. A softphone's
    /// advice and the server's enforcement can be shown to come from one
    /// policy, judged by the same rules, by it.
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let a = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["ar", "AR"]}"#)?;
    /// let b = DialPolicy::from_json(r#"{ "allow": ["AR"], "homeRegion": "mx", "enabled": true }"#)?;
    /// let c = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR", "CL"]}"#)?;
    /// assert_eq!(a.fingerprint(), b.fingerprint());
    /// assert_ne!(a.fingerprint(), c.fingerprint());
    /// assert_eq!(a.fingerprint().len(), 16);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn fingerprint(&self) -> String {
        wire::hex(self.fingerprint)
    }

    /// The sections of the bytes after the configuration.
    fn write_compiled(&self, w: &mut wire::Writer) {
        self.dialing.write_derived(w);
        self.allow.write_to(w);
        w.varint(u32::from(self.blocked_types.0));
        self.rules.write_to(w);
        self.numbers.write_to(w);
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

    pub(crate) fn allow_list(&self) -> &AllowList {
        &self.allow
    }

    pub(crate) fn prefixes(&self) -> &PrefixSet {
        &self.dialing.prefixes
    }

    pub(crate) fn access_codes(&self) -> &Literals {
        &self.dialing.access_codes
    }

    pub(crate) fn dialing(&self) -> &Dialing {
        &self.dialing
    }

    pub(crate) fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The entries of `blockNumberTypes` that block a number of type `t`
    /// (`fixed-line` and `mobile` each block `fixed-line-or-mobile`); empty
    /// when none does.
    ///
    /// ```
    /// use dialguard::{DialPolicy, NumberType};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "GB", "blockNumberTypes": ["mobile", "premium-rate"]}"#)?;
    /// assert_eq!(policy.types_blocking(NumberType::FixedLineOrMobile), [NumberType::Mobile]);
    /// assert_eq!(policy.types_blocking(NumberType::FixedLine), []);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn types_blocking(&self, t: NumberType) -> Vec<NumberType> {
        NumberType::ALL
            .iter()
            .copied()
            .filter(|b| b.blockable() && self.blocked_types.intersects(b.bits()) && t.bits().intersects(b.bits()))
            .collect()
    }

    /// This policy judging national-format dials too, when it does not
    /// and its home region shares its calling code: what turning
    /// `judgeNationalDialing` on would decide. Its decisions'
    /// [`Decision::national_format`] with a calling code tell where such a
    /// dial, unchecked here, goes.
    ///
    /// ```
    /// use dialguard::{DialPolicy, Reason};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["CA"]}"#)?;
    /// assert_eq!(policy.check("1 876 555 0123").reason(), Reason::NoInternationalPrefix);
    /// let judging = policy.with_national_judging().unwrap();
    /// let d = judging.check("1 876 555 0123");
    /// assert_eq!((d.national_format(), d.calling_code()), (true, Some(1)));
    /// assert_eq!(d.regions().map(|r| r.id()).collect::<Vec<_>>(), ["JM"]);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn with_national_judging(&self) -> Option<DialPolicy> {
        let home = self.config.home_region.as_deref().and_then(Region::from_id)?;
        if self.config.judge_national_dialing || home.shared_with().next().is_none() {
            return None;
        }
        let mut config = self.config.clone();
        config.judge_national_dialing = true;
        DialPolicy::new(config).ok()
    }

    // Each entry tokenizes its own kind of input and finds the place of a
    // fault the judging reports at a token; the judging never sees the
    // input (see `dial.rs`).

    /// Judges a dial and explains the verdict. Never panics, for any input.
    pub fn check(&self, dialed: &str) -> Decision {
        let mut d = Decision::new(Reason::IncompletePrefix);
        let keypad = self.config.keypad_letters;
        let tokenized = match plain(dialed) {
            Some(plain) => {
                d.tokens.set_plain(plain);
                Ok(())
            }
            None => tokenize_str(dialed, keypad, &mut d.tokens),
        };
        if let Some(token) = self.decide(tokenized, &mut d) {
            d.position = Some(token_position_str(dialed, keypad, token));
        }
        d
    }

    /// [`check`](Self::check) for UTF-16 input as JavaScript holds it; a
    /// lone surrogate is malformed, never repaired.
    pub fn check_utf16(&self, dialed: &[u16]) -> Decision {
        let mut d = Decision::new(Reason::IncompletePrefix);
        let keypad = self.config.keypad_letters;
        let tokenized = tokenize_utf16(dialed, keypad, &mut d.tokens);
        if let Some(token) = self.decide(tokenized, &mut d) {
            d.position = Some(token_position_utf16(dialed, keypad, token));
        }
        d
    }

    /// The verdict of [`check`](Self::check), without building the
    /// explanation.
    pub fn verdict(&self, dialed: &str) -> Verdict {
        // A plain dial is its own tokens: no buffer to fill.
        if let Some(plain) = plain(dialed) {
            return self.judge_verdict(Ok(plain), true);
        }
        let mut tokens = Tokens::new();
        let tokenized = tokenize_str(dialed, self.config.keypad_letters, &mut tokens);
        self.judge_verdict(tokenized.map(|()| tokens.as_slice()), tokens.is_plain())
    }

    /// [`verdict`](Self::verdict) for UTF-16 input.
    pub fn verdict_utf16(&self, dialed: &[u16]) -> Verdict {
        let mut tokens = Tokens::new();
        let tokenized = tokenize_utf16(dialed, self.config.keypad_letters, &mut tokens);
        self.judge_verdict(tokenized.map(|()| tokens.as_slice()), tokens.is_plain())
    }

    /// The verdict of a dial's tokens (`plain` when they are its digits as
    /// they are), or of the fault that made none.
    fn judge_verdict(&self, tokens: Result<&[u8], Fault>, plain: bool) -> Verdict {
        match tokens {
            Ok(t) => {
                let j = self.dialing.judge(&self.rules, t, plain, &mut Parts::default());
                j.reason.verdict()
            }
            Err(fault) => fault.reason.verdict(),
        }
    }

    /// Fills `d` (fresh, with the dial's tokens, or the fault that made
    /// none) in place: a decision is too big to move around. Returns the
    /// token at which the judging found the dial malformed, whose place in
    /// the input the caller finds.
    fn decide(&self, tokenized: Result<(), Fault>, d: &mut Decision) -> Option<usize> {
        match tokenized {
            Ok(()) => {
                let mut parts = Parts::default();
                let j = self
                    .dialing
                    .judge(&self.rules, d.tokens.as_slice(), d.tokens.is_plain(), &mut parts);
                self.explain(&j, &parts, d);
                j.fault_at.map(usize::from)
            }
            Err(fault) => {
                d.reason = fault.reason;
                d.position = Some(fault.position);
                d.tokens.truncate(0);
                None
            }
        }
    }

    /// The type every number starting with `national` digits of `code` is,
    /// when the digits decide it, and how far the number has come: for
    /// the codes the policy reaches.
    fn read_number(&self, code: CallingCode, national: &[u8]) -> (Option<NumberType>, Option<Validity>) {
        match self.numbers.read(code, national) {
            Some((types, validity)) => (types.map(NumberType::of), Some(validity)),
            None => (None, None),
        }
    }

    /// Completes the decision over the dial's tokens: the canonical dial
    /// string and post-dial, the deciding reading, its calling code,
    /// regions and rule, and the exact reason.
    fn explain(&self, j: &Judgement, parts: &Parts, d: &mut Decision) {
        d.reason = j.reason;
        d.can_be_allowed = j.can_be_allowed;
        if j.fault_at.is_some() {
            // Where, the caller says (see `decide`).
            d.tokens.truncate(0);
            return;
        }
        // In place: the dial up to the number's end (access codes with
        // their pauses, feature codes, the number), then the post-dial; the
        // send key is dropped. Tokens before the number's end stay where
        // they are, so the judgement's indices hold.
        let len = d.tokens.as_slice().len();
        // A code that ends with `#` keeps the send key after it, so that
        // the dial string, checked again, loses that one and not its own.
        let tokens = d.tokens.as_slice();
        let keeps_send_key = parts.number_end < parts.post_dial_start
            && tokens.get(parts.number_end) == Some(&b'#')
            && parts.number_end.checked_sub(1).and_then(|i| tokens.get(i)) == Some(&b'#');
        let dial_len = parts.number_end + usize::from(keeps_send_key);
        let end = d.tokens.move_left(parts.post_dial_start, len, dial_len);
        d.tokens.truncate(end);
        d.dial_len = dial_len as u16;
        if end > dial_len {
            d.post_dial_len = Some((end - dial_len) as u16);
        }
        d.reading = j.reading;
        d.national_format = j.national;
        d.prefix = j.prefix;
        if let (Some((from, to)), Some(national)) = (j.typed, &self.dialing.national) {
            let digits = d
                .tokens
                .as_slice()
                .get(usize::from(from)..usize::from(to))
                .unwrap_or(&[]);
            (d.number_type, d.validity) = self.read_number(national.code, digits);
        }
        let Some(digits) = j.digits else {
            return;
        };
        // A reading whose own dial string is its E.164 form keeps it, with
        // a calling code or not (yet).
        let e164 = j.reading.is_some_and(|r| r.carried.is_none());
        let Some((code, code_len)) = j.code else {
            if e164 {
                d.set_judged(&self.dialing, digits, 0, true);
            }
            return;
        };
        d.set_judged(&self.dialing, digits, usize::from(code_len), e164);
        let national = d.national_digits();
        let (number_type, validity) = self.read_number(code, national);
        let regions = code.candidates(national);
        let mut reason = d.reason;
        let mut rule = None;
        match reason {
            Reason::RegionAllowed => {
                if let Some((cover, covering)) = self.allow.covering(code, national, regions) {
                    reason = cover.reason();
                    rule = Some(covering);
                }
            }
            Reason::NotAllowed if self.allow.by_region() && regions.is_empty() => reason = Reason::UnassignedRange,
            _ => {}
        }
        d.calling_code = Some(code.value());
        d.number_type = number_type;
        d.validity = validity;
        d.regions = regions;
        d.reason = reason;
        d.rule = rule;
    }
}

impl Allowance for DialPolicy {
    fn allow(&self) -> &AllowList {
        &self.allow
    }

    fn enabled(&self) -> bool {
        self.config.enabled
    }

    fn blocked_types(&self) -> TypeSet {
        match self.config.enabled {
            true => self.blocked_types,
            false => TypeSet::default(),
        }
    }

    fn number_types(&self) -> &NumberTypes {
        // The compiler reads every code's tries: an allow entry's range
        // may be typed through the code's other regions.
        NumberTypes::shared()
    }

    fn national_types(&self) -> Option<(CallingCode, TypeSet)> {
        // Unknown is never blocked in a national dial: short codes and
        // emergency numbers are in no range.
        let blocked = TypeSet(self.blocked_types().0 & !NumberType::Unknown.bits().0);
        let national = self.dialing.national.as_ref()?;
        (blocked != TypeSet::default()).then_some((national.code, blocked))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn too_long_names_the_limit() {
        assert_eq!(super::TOO_LONG, alloc::format!("at most {} entries", super::MAX_LIST));
    }
}
