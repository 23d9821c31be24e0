//! Policy lint: the weak spots a policy explains about itself before it
//! is saved (docs/contract.md §2 item 10).

use alloc::{string::String, vec, vec::Vec};

use serde::Serialize;

use crate::allow::AllowTarget;
use crate::config::SharedCodes;
use crate::coverage::Extent;
use crate::data::{filed_territories, CallingCode, Region, RegionBits};
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::prefix::PrefixSet;
use crate::reason::Reason;
use crate::rules::Walk;
use crate::text::{concat, decimal, push_decimal};

named_enum! {
    /// How much a warning matters.
    pub enum Severity: as_str {
        /// A way calls can get past the policy, or cost money it may not mean to.
        Warning = "warning",
        /// Worth knowing; may well be intended.
        Info = "info",
    }
}

named_enum! {
    /// Which weak spot a warning is about; [`WarningKind::code`] is stable.
    #[non_exhaustive]
    pub enum WarningKind: code {
        /// `enabled: false`.
        ProtectionDisabled = "protection-disabled",
        /// Nothing is allowed: every international call is blocked.
        NothingAllowed = "nothing-allowed",
        /// `plusIsInternational: false`: `+52…` is not checked.
        PlusNotInternational = "plus-not-international",
        /// The home region uses international prefixes the policy does not list.
        MissingHomePrefix = "missing-home-prefix",
        /// No home region: missing prefixes cannot be spotted.
        NoHomeRegion = "no-home-region",
        /// `"together"`: allowing a region allows its whole shared calling code.
        SharedCode = "shared-code",
        /// A premium-rate, shared-cost or satellite code is allowed (+979,
        /// +808, +870, +881, +882, +883).
        PremiumCodeAllowed = "premium-code-allowed",
        /// Allowed destinations have premium-rate, shared-cost or personal
        /// numbers that `blockNumberTypes` does not block (see
        /// [`PolicyWarning::fix`]).
        NumberTypesNotBlocked = "number-types-not-blocked",
        /// An access code is a prefix of an international prefix, or the reverse.
        AccessCodeOverlap = "access-code-overlap",
        /// The home region shares its calling code, and national-format dials
        /// that reach the other regions are not judged.
        NationalDialingNotJudged = "national-dialing-not-judged",
        /// Star codes of the home region that carry a number (call forwarding
        /// `*72`) are not in `featureCodes`: the number after them is read in
        /// every way the digits allow, rather than exactly (see
        /// [`PolicyWarning::fix`]).
        StarCodeNotListed = "star-code-not-listed",
        /// `"by-region"`: an allowed region shares ranges with another
        /// region, whose numbers in them are allowed too (the United
        /// Kingdom's `909` premium-rate numbers through Guernsey).
        SharedRange = "shared-range",
        /// An allowed range serves a territory that the numbering data files
        /// under another region (Abkhazia's `+7 840` under Russia), a common
        /// toll-fraud destination.
        TerritoryInRange = "territory-in-range",
        /// The home region is not allowed: calls to it dialed in
        /// international format (`+52 55 …`, as contacts are saved) are
        /// blocked (see [`PolicyWarning::fix`]).
        HomeRegionBlocked = "home-region-blocked",
    }
}

/// One finding of [`DialPolicy::lint`].
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PolicyWarning {
    /// Which weak spot: its stable code (`"shared-code"`).
    #[serde(rename = "code")]
    pub kind: WarningKind,
    pub severity: Severity,
    /// Plain English: what was found, and for a developer how to change
    /// it in the configuration's keys.
    pub message: String,
    /// What was found, in an admin's words (no configuration keys): what a
    /// settings page shows beside its own fix. `message` starts with it.
    pub finding: String,
    /// The regions concerned, where there are some (left out otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "RegionCode[]"))]
    pub regions: Vec<Region>,
    /// The change to the configuration that resolves it, where one does,
    /// for a settings page to apply in one click (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub fix: Option<PolicyFix>,
}

impl PolicyWarning {
    /// A warning whose message is `finding`, then `advice` (how to change
    /// it, in the configuration's keys) if any.
    fn new(
        kind: WarningKind,
        severity: Severity,
        finding: String,
        advice: &str,
        regions: Vec<Region>,
        fix: Option<PolicyFix>,
    ) -> PolicyWarning {
        let message = match advice {
            "" => finding.clone(),
            _ => concat(&[&finding, " ", advice]),
        };
        PolicyWarning {
            kind,
            severity,
            message,
            finding,
            regions,
            fix,
        }
    }
}

/// A change to a configuration (see [`PolicyWarning::fix`]): in JSON and
/// JavaScript, the keys to set, `{"blockNumberTypes": [...]}`, for a page
/// to merge into the policy it edits.
///
/// ```
/// use dialguard::{DialPolicy, NumberType, WarningKind};
///
/// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["LV"]}"#)?;
/// let warnings = policy.lint();
/// let w = warnings.iter().find(|w| w.kind == WarningKind::NumberTypesNotBlocked).unwrap();
/// assert!(w.message.starts_with("Allowed destinations have premium-rate numbers (Latvia 90…)"));
/// let fix = w.fix.as_ref().unwrap();
/// assert_eq!(fix.block_number_types, Some(vec![NumberType::PremiumRate, NumberType::SharedCost]));
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct PolicyFix {
    /// Set `blockNumberTypes` to this list: the types blocked now and those
    /// to add.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub block_number_types: Option<Vec<NumberType>>,
    /// Set `featureCodes` to this list: the codes listed now and those to
    /// add.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub feature_codes: Option<Vec<String>>,
    /// Set `allow` to this list: the entries allowed now and those to add.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub allow: Option<Vec<String>>,
}

/// The number types revenue-share fraud pays out on, which lint asks a
/// policy to block where its allowed destinations have them: what a
/// settings page recommends.
///
/// ```
/// let names: Vec<_> = dialguard::recommended_blocked_types().iter().map(|t| t.as_str()).collect();
/// assert_eq!(names, ["premium-rate", "shared-cost", "personal-number"]);
/// ```
pub fn recommended_blocked_types() -> [NumberType; 3] {
    RISKY_TYPES.map(|(t, _)| t)
}

/// [`recommended_blocked_types`], each with its words in a warning.
const RISKY_TYPES: [(NumberType, &str); 3] = [
    (NumberType::PremiumRate, "premium-rate"),
    (NumberType::SharedCost, "shared-cost"),
    (NumberType::PersonalNumber, "personal"),
];

/// Codes that bill at premium or satellite rates, and the number type
/// that, blocked, leaves nothing of them to call.
const PREMIUM_CODES: [(u16, &str, Option<NumberType>); 6] = [
    (979, "premium-rate numbers", Some(NumberType::PremiumRate)),
    (808, "shared-cost numbers", Some(NumberType::SharedCost)),
    (870, "satellite phones", None),
    (881, "satellite phones", None),
    (882, "international networks, many of them satellite", None),
    (883, "international networks", None),
];

impl DialPolicy {
    /// The policy's weak spots, warnings first.
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let policy = DialPolicy::from_json(
    ///     r#"{"homeRegion": "MX", "internationalPrefixes": ["00"], "allow": ["AR"]}"#,
    /// )?;
    /// let warnings = policy.lint();
    /// assert_eq!(warnings[0].kind.code(), "missing-home-prefix");
    /// assert_eq!(
    ///     warnings[0].message,
    ///     "Mexico also uses 09 as an international prefix; calls dialed 09… are not checked."
    /// );
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn lint(&self) -> Vec<PolicyWarning> {
        let config = self.config();
        let mut out = Vec::new();
        // Warnings are found first and infos last, so none need reordering.
        let add = |out: &mut Vec<PolicyWarning>, kind, finding: String, advice: &str, regions: Vec<Region>| {
            let severity = match kind {
                WarningKind::NoHomeRegion | WarningKind::NothingAllowed | WarningKind::HomeRegionBlocked => {
                    Severity::Info
                }
                _ => Severity::Warning,
            };
            out.push(PolicyWarning::new(kind, severity, finding, advice, regions, None));
        };

        if !config.enabled {
            add(
                &mut out,
                WarningKind::ProtectionDisabled,
                "Protection is off: every international call is allowed.".into(),
                "",
                Vec::new(),
            );
        }
        if !config.plus_is_international {
            add(
                &mut out,
                WarningKind::PlusNotInternational,
                "A leading + is not treated as an international prefix: calls dialed +52… are not checked.".into(),
                "",
                Vec::new(),
            );
        }

        let home = config.home_region.as_deref().and_then(Region::from_id);
        if let (Some(home), Some(_)) = (home, &config.international_prefixes) {
            let home_prefixes = home
                .international_prefix_pattern()
                .map(PrefixSet::from_pattern)
                .unwrap_or_default();
            let missing = home_prefixes.literals_missing_from(self.prefixes());
            if !missing.is_empty() {
                add(
                    &mut out,
                    WarningKind::MissingHomePrefix,
                    missing_prefix_message(home, &missing),
                    "",
                    vec![home],
                );
            }
        }

        if let Some(home) = home.filter(|_| !config.judge_national_dialing) {
            let others = home.shared_with_except(&RegionBits::default());
            if !others.is_empty() {
                let mut message = String::from(home.name());
                message.push_str(" shares +");
                push_decimal(&mut message, u64::from(home.calling_code()));
                message.push_str(" with ");
                push_list(&mut message, others.iter().map(|r| r.name()));
                message.push_str(
                    ": calls to them dialed in national format need no international prefix and are not checked.",
                );
                add(
                    &mut out,
                    WarningKind::NationalDialingNotJudged,
                    message,
                    "Set judgeNationalDialing to check them.",
                    others,
                );
            }
        }

        for access in self.access_codes().iter() {
            // Borrowed, not `into_iter`: dropping the rest costs code.
            let literals = self.prefixes().literals();
            let overlap = literals
                .iter()
                .find(|p| p.starts_with(access) || access.starts_with(p.as_str()));
            if let Some(prefix) = overlap {
                let message = concat(&[
                    "Access code ",
                    access,
                    " overlaps international prefix ",
                    prefix,
                    ": the access code is stripped first, so a dial that starts with ",
                    prefix,
                    " may not be read as international.",
                ]);
                add(&mut out, WarningKind::AccessCodeOverlap, message, "", Vec::new());
            }
        }

        if let Some(home) = home {
            if let Some(warning) = self.star_codes_not_listed(home) {
                out.push(warning);
            }
        }
        if config.enabled && config.shared_codes == SharedCodes::ByRegion {
            self.shared_ranges(&mut out);
        }
        if config.enabled {
            self.territories_in_ranges(&mut out);
        }

        for &(code, what, blocked_by) in &PREMIUM_CODES {
            let allowed = self
                .allow_list()
                .entries()
                .iter()
                .find(|e| matches!(e.target, AllowTarget::Code(c) | AllowTarget::Range(c) if c.value() == code));
            let blocked = blocked_by.is_some_and(|t| config.block_number_types.iter().any(|b| b == t.as_str()));
            if let Some(entry) = allowed.filter(|_| !blocked) {
                let region = Region::non_geographic(code);
                let mut message = String::new();
                entry.push_to(&mut message);
                message.push_str(" (");
                message.push_str(region.map_or("", Region::name));
                message.push_str(") is allowed: it reaches ");
                message.push_str(what);
                message.push_str(", billed at high rates and a common toll-fraud destination.");
                add(
                    &mut out,
                    WarningKind::PremiumCodeAllowed,
                    message,
                    "",
                    region.into_iter().collect(),
                );
            }
        }

        if config.enabled {
            if let Some(warning) = self.types_not_blocked() {
                out.push(warning);
            }
        }

        if config.shared_codes == SharedCodes::Together {
            for entry in self.allow_list().entries() {
                let AllowTarget::Region(region) = entry.target else {
                    continue;
                };
                let Some(code) = CallingCode::from_value(region.calling_code()) else {
                    continue;
                };
                let code_allowed = self
                    .allow_list()
                    .entries()
                    .iter()
                    .any(|e| e.target == AllowTarget::Code(code));
                let others = self.allow_list().dragged_in(region);
                if others.is_empty() || code_allowed {
                    continue;
                }
                let (finding, advice) = shared_code_message(region, &others);
                add(&mut out, WarningKind::SharedCode, finding, &advice, others);
            }
        }

        if let Some(warning) = home.and_then(|home| self.home_region_blocked(home)) {
            out.push(warning);
        }
        if home.is_none() {
            add(
                &mut out,
                WarningKind::NoHomeRegion,
                "No home region is set, so international prefixes the PBX's country also uses cannot be checked for."
                    .into(),
                "",
                Vec::new(),
            );
        }
        if config.enabled && self.allow_list().entries().is_empty() {
            add(
                &mut out,
                WarningKind::NothingAllowed,
                "Nothing is allowed: every international call is blocked.".into(),
                "",
                Vec::new(),
            );
        }
        out
    }
}

impl DialPolicy {
    /// The home region when no entry allows it (but perhaps the ranges it
    /// shares with an allowed region), with the fix that allows it: every
    /// contact saved in E.164 (`+52 55 …`) is blocked.
    fn home_region_blocked(&self, home: Region) -> Option<PolicyWarning> {
        if !self.config().enabled || self.allow_list().entries().is_empty() {
            return None;
        }
        match self.extent(home) {
            (Extent::None, ..) | (Extent::Some, Some(Reason::RegionAllowed), ..) => {}
            _ => return None,
        }
        let code = decimal(u64::from(home.calling_code()));
        let prefix = self.prefixes().literals().into_iter().next();
        let mut message = concat(&[
            home.name(),
            " (+",
            &code,
            "), the home region, is not allowed: calls to it dialed in international format",
        ]);
        let mut forms = Vec::new();
        if self.config().plus_is_international {
            forms.push(concat(&["+", &code, "…, as contacts are often saved"]));
        }
        if let Some(prefix) = prefix {
            forms.push(concat(&[&prefix, " ", &code, "…"]));
        }
        message.push_str(" (");
        message.push_str(&forms.join(", or "));
        message.push_str(") are blocked. Allow ");
        message.push_str(home.name());
        message.push_str(" to let them through.");
        let mut allow = self.config().allow.clone();
        allow.push(home.id().into());
        let fix = PolicyFix {
            allow: Some(allow),
            ..PolicyFix::default()
        };
        Some(PolicyWarning::new(
            WarningKind::HomeRegionBlocked,
            Severity::Info,
            message,
            "",
            vec![home],
            Some(fix),
        ))
    }

    /// The home region's star codes that carry a number and that
    /// `featureCodes` does not list, with the fix that lists them.
    fn star_codes_not_listed(&self, home: Region) -> Option<PolicyWarning> {
        let listed = &self.config().feature_codes;
        let missing: Vec<&str> = home.star_codes().filter(|c| !listed.iter().any(|l| l == c)).collect();
        let (&first, _) = missing.split_first()?;
        let mut message = String::new();
        push_list(&mut message, missing.iter().copied());
        message.push_str(" carry a number in ");
        message.push_str(home.name());
        message.push_str(" (");
        message.push_str(first);
        message.push_str(" and a number forwards calls to it) and are not listed as feature codes: the number after them is judged in every way the digits can be read, ");
        message.push_str(first);
        message.push_str("0… both as ");
        message.push_str(first);
        message.push_str(" then 0… and as a longer code, which can refuse a call that is allowed. List them to judge the number after them exactly.");
        let mut fixed = listed.clone();
        fixed.extend(missing.iter().map(|&c| String::from(c)));
        let fix = PolicyFix {
            feature_codes: Some(fixed),
            ..PolicyFix::default()
        };
        Some(PolicyWarning::new(
            WarningKind::StarCodeNotListed,
            Severity::Warning,
            message,
            "",
            vec![home],
            Some(fix),
        ))
    }

    /// `"by-region"`: for each allowed region, the other regions of its
    /// calling code whose numbers it allows in ranges they share.
    fn shared_ranges(&self, out: &mut Vec<PolicyWarning>) {
        // Whether a range lets a number through that matters is asked of
        // the policy with toll-free numbers (they cost nothing to call) and
        // `unknown` (numbers libphonenumber holds invalid: another
        // warning's matter) blocked too.
        let mut judge: Option<Option<DialPolicy>> = None;
        for entry in self.allow_list().entries() {
            let AllowTarget::Region(allowed) = entry.target else {
                continue;
            };
            let mut named: Vec<String> = Vec::new();
            let mut regions = Vec::new();
            let Some(code) = allowed.code() else {
                continue;
            };
            for other in self.allow_list().dragged_in(allowed) {
                // Toll-free ranges cost nothing to call: not a weak spot.
                let mut ranges = self.allow_list().shared_ranges(other);
                if ranges.is_empty() {
                    continue;
                }
                let judge = judge
                    .get_or_insert_with(|| self.blocking(&[NumberType::TollFree, NumberType::Unknown]))
                    .as_ref()
                    .unwrap_or(self);
                ranges.retain(|r| judge.reaches(code, r.as_bytes()));
                if ranges.is_empty() {
                    continue;
                }
                let mut text = String::from(other.name());
                text.push_str(" (");
                let prefixed: Vec<String> = ranges
                    .iter()
                    .map(|r| concat(&["+", &decimal(u64::from(other.calling_code())), " ", r, "…"]))
                    .collect();
                push_list(&mut text, prefixed.iter().map(String::as_str));
                text.push(')');
                named.push(text);
                regions.push(other);
            }
            if named.is_empty() {
                continue;
            }
            let mut message = String::from("Allowing ");
            message.push_str(allowed.name());
            message.push_str(" also allows numbers of ");
            push_list(&mut message, named.iter().map(String::as_str));
            message.push_str(
                " in the ranges they share with it: a dial is allowed when an allowed region can own the number.",
            );
            out.push(PolicyWarning::new(
                WarningKind::SharedRange,
                Severity::Warning,
                message,
                "",
                regions,
                None,
            ));
        }
    }

    /// The territories of `xtask/territories.tsv` that the policy allows
    /// some number of, in one warning.
    fn territories_in_ranges(&self, out: &mut Vec<PolicyWarning>) {
        // (territory, its ranges allowed, the region they are filed under)
        let mut found: Vec<(&'static str, Vec<String>, Region)> = Vec::new();
        for t in filed_territories() {
            let reached = CallingCode::from_value(t.code).is_some_and(|code| self.reaches(code, t.leading.as_bytes()));
            if !reached {
                continue;
            }
            let range = concat(&["+", &decimal(u64::from(t.code)), " ", t.leading, "…"]);
            match found
                .iter_mut()
                .find(|(name, _, under)| *name == t.name && *under == t.filed_under)
            {
                Some((_, ranges, _)) => ranges.push(range),
                None => found.push((t.name, vec![range], t.filed_under)),
            }
        }
        if found.is_empty() {
            return;
        }
        let mut message = String::from("Allowed ranges serve territories that the numbering data files under other regions, which toll fraud favours: ");
        let mut regions = Vec::new();
        for (i, (name, ranges, under)) in found.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            message.push_str(name);
            message.push_str(" (");
            for (j, range) in ranges.iter().enumerate() {
                if j > 0 {
                    message.push_str(", ");
                }
                message.push_str(range);
            }
            message.push_str(", as ");
            message.push_str(under.name());
            message.push(')');
            if !regions.contains(under) {
                regions.push(*under);
            }
        }
        message.push('.');
        out.push(PolicyWarning::new(
            WarningKind::TerritoryInRange,
            Severity::Warning,
            message,
            "",
            regions,
            None,
        ));
    }

    /// Whether the policy allows some number of `code` that starts with
    /// `national` digits.
    /// The policy with these number types blocked too.
    fn blocking(&self, types: &[NumberType]) -> Option<DialPolicy> {
        let mut config = self.config().clone();
        for t in types {
            if !config.block_number_types.iter().any(|b| b == t.as_str()) {
                config.block_number_types.push(t.as_str().into());
            }
        }
        DialPolicy::new(config).ok()
    }

    fn reaches(&self, code: CallingCode, national: &[u8]) -> bool {
        let mut digits = Vec::from(decimal(u64::from(code.value())).as_bytes());
        digits.extend_from_slice(national);
        matches!(
            self.rules().walk(&digits).0,
            Walk::Allowed
                | Walk::Incomplete {
                    can_be_allowed: true,
                    ..
                }
        )
    }

    /// The premium-rate, shared-cost and personal numbers that allowed
    /// geographic destinations have and `blockNumberTypes` lets through
    /// (non-geographic codes have a warning of their own).
    fn types_not_blocked(&self) -> Option<PolicyWarning> {
        let reachable = self.reachable_types();
        let mut message = String::from("Allowed destinations have ");
        let mut regions = Vec::new();
        let mut missing = Vec::new();
        for (i, &(risky, what)) in RISKY_TYPES.iter().enumerate() {
            // A range shared by the regions of a code is named once (the
            // same numbers), for an allowed region if one is.
            let mut places: Vec<(Region, &str)> = Vec::new();
            for &(t, r, prefix) in &reachable {
                if t != risky || !r.is_geographic() {
                    continue;
                }
                let same = |&&mut (p, pp): &&mut (Region, &str)| p.calling_code() == r.calling_code() && pp == prefix;
                match places.iter_mut().find(same) {
                    Some(place)
                        if self.allow_list().regions().contains(r)
                            && !self.allow_list().regions().contains(place.0) =>
                    {
                        place.0 = r
                    }
                    Some(_) => {}
                    None => places.push((r, prefix)),
                }
            }
            if places.is_empty() {
                continue;
            }
            if !missing.is_empty() {
                message.push_str(if i + 1 == RISKY_TYPES.len() { " and " } else { ", " });
            }
            missing.push(risky);
            message.push_str(what);
            message.push_str(" numbers (");
            let named: Vec<String> = places
                .iter()
                .map(|&(r, prefix)| concat(&[r.name(), " ", prefix, "…"]))
                .collect();
            push_list(&mut message, named.iter().map(String::as_str));
            message.push(')');
            for (r, _) in places {
                if !regions.contains(&r) {
                    regions.push(r);
                }
            }
        }
        if missing.is_empty() {
            return None;
        }
        message.push_str(", where toll fraud pays out.");
        let mut advice = String::from("Add ");
        for (i, t) in missing.iter().enumerate() {
            if i > 0 {
                advice.push_str(if i + 1 == missing.len() { " and " } else { ", " });
            }
            advice.push('"');
            advice.push_str(t.as_str());
            advice.push('"');
        }
        advice.push_str(" to blockNumberTypes to block them.");
        let mut fixed: Vec<NumberType> = self
            .config()
            .block_number_types
            .iter()
            .filter_map(|name| NumberType::from_name(name))
            .collect();
        fixed.extend(missing);
        let fix = PolicyFix {
            block_number_types: Some(fixed),
            ..PolicyFix::default()
        };
        Some(PolicyWarning::new(
            WarningKind::NumberTypesNotBlocked,
            Severity::Warning,
            message,
            &advice,
            regions,
            Some(fix),
        ))
    }
}

fn missing_prefix_message(home: Region, missing: &[String]) -> String {
    let mut message = String::from(home.name());
    message.push_str(" also uses ");
    if let [only] = missing {
        message.push_str(only);
        message.push_str(" as an international prefix; calls dialed ");
        message.push_str(only);
        message.push_str("… are not checked.");
    } else {
        push_thousands(&mut message, missing.len());
        message.push_str(" other international prefixes (");
        push_list(&mut message, missing.iter().map(String::as_str));
        message.push_str("); calls dialed with them are not checked.");
    }
    message
}

/// The finding and the advice of a shared-code warning.
fn shared_code_message(region: Region, others: &[Region]) -> (String, String) {
    let mut finding = String::from("Allowing ");
    finding.push_str(region.name());
    finding.push_str(" also allows every other +");
    push_decimal(&mut finding, u64::from(region.calling_code()));
    finding.push_str(" destination: ");
    push_list(&mut finding, others.iter().map(|r| r.name()));
    finding.push('.');
    let advice = concat(&["Set sharedCodes to \"by-region\" to allow ", region.name(), " alone."]);
    (finding, advice)
}

/// Appends `n` with thousands separators: `2100` as "2,100".
fn push_thousands(out: &mut String, n: usize) {
    let digits = decimal(n as u64);
    for (i, d) in digits.bytes().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(d));
    }
}

/// Appends "a, b, c and 4 more" (at most three named).
fn push_list<'a>(out: &mut String, items: impl ExactSizeIterator<Item = &'a str>) {
    let total = items.len();
    for (i, item) in items.take(3).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    if total > 3 {
        out.push_str(" and ");
        push_decimal(out, (total - 3) as u64);
        out.push_str(" more");
    }
}
