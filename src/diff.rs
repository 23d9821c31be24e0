//! Preview before save: what changes between the saved policy and an
//! edited one (docs/contract.md §2 item 5).

use alloc::{collections::BTreeSet, string::String, vec, vec::Vec};

use serde::Serialize;

use crate::allow::AllowTarget;
use crate::config::SharedCodes;
use crate::coverage::Extent;
use crate::data::{CallingCode, CodeMatch, NumberTypes, Procedure, ProcedureKind, Region, TypeSet, TypeStep};
use crate::decision::Decision;
use crate::dialing::Dialing;
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::reason::{Reason, Verdict};
use crate::rules::{Cell, Walk};
use crate::text::{concat, decimal, serialize_code};

/// Destinations of one calling code that changed, with the national-digit
/// ranges (empty: the whole code).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Destination {
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    /// The regions that can own numbers in these ranges, main region first.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub regions: Vec<Region>,
    /// National-digit prefixes; empty (and left out) when the whole calling
    /// code changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
}

/// A region toggled on that drags in others: in `"together"` mode the rest
/// of its calling code; in `"by-region"` mode the numbers of other regions
/// in the ranges it shares with them (Guernsey's `909` premium-rate numbers
/// are the United Kingdom's too).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SideEffect {
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode"))]
    pub region: Region,
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub also_allows: Vec<Region>,
    /// `"by-region"`: the national-digit ranges of `also_allows` that the
    /// region shares with them; left out in `"together"` mode (all of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
}

/// How a call log would be judged differently.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CallLogDiff {
    pub total: usize,
    pub changed: usize,
    /// The dials whose verdict changes, in log order.
    pub items: Vec<CallLogChange>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CallLogChange {
    pub dialed: String,
    pub before: Verdict,
    pub after: Verdict,
}

named_enum! {
    /// Where the dials of a [`Change`] begin: what is read differently.
    pub enum ChangeKind: as_str {
        /// A destination (calling code, national digits, number type),
        /// through every international prefix both policies read alike.
        Destination = "destination",
        /// National numbers of the home region, typed (`judgeNationalDialing`).
        NationalNumber = "national-number",
        /// An international prefix (`00`, `09`, `011`).
        InternationalPrefix = "international-prefix",
        /// `+` (`plusIsInternational`).
        Plus = "plus",
        /// An access code for an outside line, stripped first.
        AccessCode = "access-code",
        /// A feature code, stripped before the number.
        FeatureCode = "feature-code",
        /// A dialing procedure of the home region: carrier selection,
        /// operator-assisted and cross-border codes.
        DialingProcedure = "dialing-procedure",
        /// Dials in national format (after the trunk prefix, or none):
        /// judged or not.
        NationalFormat = "national-format",
        /// Letters on the keypad (`keypadLetters`).
        KeypadLetters = "keypad-letters",
        /// An emergency number of the home region: never held up or blocked.
        EmergencyNumber = "emergency-number",
    }
}

/// A verdict and its reason.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Outcome {
    pub verdict: Verdict,
    pub reason: Reason,
}

/// Dials that saving would judge differently: what they begin with, how
/// they are judged before and after, and one of them.
///
/// Every dial whose verdict changes is covered by a change: its deciding
/// reading (in one policy or the other) begins with the change's prefix or
/// code (`dialed`), or, for a destination, reaches its calling code and
/// leading digits. Every change's `example` is judged as `before` by the
/// saved policy and as `after` by the proposed one.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Change {
    pub kind: ChangeKind,
    /// How the dials begin, as dialed: `"+1"` (a destination: any
    /// international prefix), `"09"`, `"101XXXX"` (`X`: any digit,
    /// `[2-9]`: one of them).
    pub dialed: String,
    /// The calling code the dials reach, when they reach one.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_some_code")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "string"))]
    pub calling_code: Option<u16>,
    /// A destination's national-digit ranges (left out when the whole
    /// calling code changes), or a national number's leading digits.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
    /// The regions the dials reach.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "RegionCode[]"))]
    pub regions: Vec<Region>,
    /// The number types concerned, when a type block makes the change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub number_types: Vec<NumberType>,
    pub before: Outcome,
    pub after: Outcome,
    /// A dial judged exactly so.
    pub example: String,
}

/// The counts a summary needs, from the changes.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct DiffSummary {
    /// Regions none of whose numbers could be called, all of which can.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub opened: Vec<Region>,
    /// Regions that gain some numbers but not all (or had some already).
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub partly_opened: Vec<Region>,
    /// Regions all of whose numbers could be called, none of which can.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub closed: Vec<Region>,
    /// Regions that lose some numbers but not all.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub partly_closed: Vec<Region>,
    /// Calling codes with a destination change.
    pub calling_codes: usize,
    /// Number types whose block changes somewhere.
    pub number_types: Vec<NumberType>,
    /// How dials begin that were checked and would be no longer (a way
    /// round the rule): `"09"`.
    pub unchecked: Vec<String>,
    /// How dials begin that would be checked and were not.
    pub newly_checked: Vec<String>,
}

/// The difference between a saved policy and a proposed one, from what the
/// two decide.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PolicyDiff {
    /// Every change, exactly (see [`Change`]): destinations first, then
    /// the ways dials are read.
    pub changes: Vec<Change>,
    pub summary: DiffSummary,
    /// Destinations some of whose dials become allowed, by the regions
    /// that own them (number types apart: those are in `changes`).
    pub gained: Vec<Destination>,
    /// Destinations some of whose dials stop being allowed.
    pub lost: Vec<Destination>,
    pub side_effects: Vec<SideEffect>,
    /// Given a call log: how it would be judged differently.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_log: Option<CallLogDiff>,
}

fn serialize_some_code<S: serde::Serializer>(code: &Option<u16>, s: S) -> Result<S::Ok, S::Error> {
    match code {
        Some(code) => serialize_code(code, s),
        None => s.serialize_none(),
    }
}

impl DialPolicy {
    /// What saving `proposed` in place of `self` would change: every dial
    /// judged differently, as [`Change`]s, with the destinations gained and
    /// lost, and how `call_log` would be judged.
    ///
    /// ```
    /// use dialguard::{ChangeKind, DialPolicy, Verdict};
    ///
    /// let saved = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)?;
    /// let proposed = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR", "CA"]}"#)?;
    /// let diff = saved.diff(&proposed, Some(&["00 1 876 555 0123", "00 54 11 1234 5678"]));
    ///
    /// assert_eq!(diff.gained[0].calling_code, 1);
    /// assert_eq!(diff.gained[0].regions.len(), 25);              // all of +1
    /// assert_eq!(diff.summary.opened.len(), 25);
    /// assert_eq!(diff.side_effects[0].region.id(), "CA");
    /// assert!(diff.side_effects[0].also_allows.iter().any(|r| r.id() == "JM"));
    /// let log = diff.call_log.unwrap();
    /// assert_eq!((log.total, log.changed), (2, 1));
    ///
    /// // Narrowing the international prefixes: "09" is no longer checked.
    /// let narrowed = DialPolicy::from_json(r#"{"homeRegion": "MX", "internationalPrefixes": ["00"], "allow": ["AR"]}"#)?;
    /// let diff = saved.diff(&narrowed, None);
    /// assert_eq!(diff.summary.unchecked, ["09"]);
    /// let change = diff.changes.iter().find(|c| c.kind == ChangeKind::InternationalPrefix).unwrap();
    /// assert_eq!((change.before.verdict, change.after.verdict), (Verdict::Blocked, Verdict::NotInternational));
    /// assert_eq!(saved.verdict(&change.example), Verdict::Blocked);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn diff(&self, proposed: &DialPolicy, call_log: Option<&[&str]>) -> PolicyDiff {
        let cells = self
            .rules()
            .differences(proposed.rules(), (!self.config().enabled, !proposed.config().enabled));
        let (before_fronts, after_fronts) = (fronts(self.dialing()), fronts(proposed.dialing()));
        let mut both: Vec<Front> = before_fronts
            .iter()
            .filter(|f| after_fronts.contains(f))
            .cloned()
            .collect();
        // Destinations are judged through a prefix both read alike.
        both.retain(|f| f.then == Then::Destination);
        let mut changes = Vec::new();
        let mut gained = Vec::new();
        let mut lost = Vec::new();
        let destinations = destination_groups(&cells);
        for group in &destinations {
            let Some((example, before, after)) = group
                .examples
                .iter()
                .flat_map(|digits| both.iter().map(move |f| concat(&[&f.text, digits])))
                .find_map(|dial| {
                    let (b, a) = (self.check(&dial), proposed.check(&dial));
                    (b.verdict() != a.verdict()).then(|| (dial, outcome(&b), outcome(&a)))
                })
            else {
                continue;
            };
            if let (Some(code), false, true) = (group.code, group.settles, group.number_types.is_empty()) {
                let into = match (before.verdict, after.verdict) {
                    (_, Verdict::Allowed) => Some(&mut gained),
                    (Verdict::Allowed, _) => Some(&mut lost),
                    _ => None,
                };
                if let Some(into) = into {
                    add_destination(into, code, &group.regions, &group.leading_digits);
                }
            }
            changes.push(Change {
                kind: ChangeKind::Destination,
                dialed: concat(&["+", &group.dialed]),
                calling_code: group.code,
                leading_digits: group.leading_digits.clone(),
                regions: group.regions.clone(),
                number_types: group.number_types.clone(),
                before,
                after,
                example,
            });
        }
        self.national_changes(proposed, &before_fronts, &mut changes);
        let probes = Probes::new(self, proposed, &destinations);
        self.reading_changes(proposed, &before_fronts, &after_fronts, &probes, &mut changes);
        let summary = self.summary(proposed, &changes, &gained, &lost);
        let gained = whole_codes(gained, &summary.opened);
        let lost = whole_codes(lost, &summary.closed);
        PolicyDiff {
            changes,
            summary,
            gained,
            lost,
            side_effects: self.side_effects(proposed),
            call_log: call_log.map(|log| {
                // A plain loop: `filter_map` and `collect` cost the WebAssembly more.
                let mut items = Vec::new();
                for &dialed in log {
                    let (before, after) = (self.verdict(dialed), proposed.verdict(dialed));
                    if before != after {
                        items.push(CallLogChange {
                            dialed: dialed.into(),
                            before,
                            after,
                        });
                    }
                }
                CallLogDiff {
                    total: log.len(),
                    changed: items.len(),
                    items,
                }
            }),
        }
    }

    /// National numbers of the home region typed differently (both judge
    /// them, from the same home region).
    fn national_changes(&self, proposed: &DialPolicy, fronts: &[Front], changes: &mut Vec<Change>) {
        let (Some(a), Some(b)) = (&self.dialing().national, &proposed.dialing().national) else {
            return;
        };
        if a.home != b.home {
            return;
        }
        let code = a.code;
        for cell in self.rules().national_differences(proposed.rules()) {
            let national = match cell.open_ended {
                true => pad(code, &cell.example),
                false => String::from_utf8_lossy(&cell.example).into_owned(),
            };
            let Some((example, before, after)) = fronts.iter().filter(|f| f.then == Then::National).find_map(|f| {
                let dial = concat(&[&f.text, &national]);
                let (x, y) = (self.check(&dial), proposed.check(&dial));
                (x.verdict() != y.verdict()).then(|| (dial, outcome(&x), outcome(&y)))
            }) else {
                continue;
            };
            let digits = String::from_utf8_lossy(&cell.digits).into_owned();
            let known = changes.iter_mut().find(|c| {
                c.kind == ChangeKind::NationalNumber
                    && c.before.verdict == before.verdict
                    && c.after.verdict == after.verdict
            });
            match known {
                Some(c) => c.leading_digits.push(digits),
                None => changes.push(Change {
                    kind: ChangeKind::NationalNumber,
                    dialed: String::from(a.trunk_text()),
                    calling_code: Some(code.value()),
                    leading_digits: vec![digits],
                    regions: vec![a.home],
                    number_types: types_of(code, &cell.digits),
                    before,
                    after,
                    example,
                }),
            }
        }
    }

    /// The ways dials begin that the two policies read differently: each
    /// prefix, code and national format, tried with a dial of every kind
    /// of destination after it.
    fn reading_changes(
        &self,
        proposed: &DialPolicy,
        before: &[Front],
        after: &[Front],
        probes: &Probes,
        changes: &mut Vec<Change>,
    ) {
        let mut all: Vec<&Front> = before.iter().collect();
        all.extend(after.iter().filter(|f| !before.contains(f)));
        let inner: Vec<&Front> = all.iter().copied().filter(|f| f.then != Then::Dial).collect();
        let keypad = self.config().keypad_letters != proposed.config().keypad_letters;
        let mut tried = Vec::new();
        for &front in &all {
            let shared = before.contains(front) && after.contains(front);
            // Read alike by both: one spelling stands for all.
            let spellings = match shared {
                true => front.spellings.get(..1).unwrap_or(&[]),
                false => &front.spellings,
            };
            // Each spelling, alone and (a code a dial of its own follows) before each way a dial begins.
            let mut heads: Vec<(String, Option<&Front>, bool)> = Vec::new();
            for (n, text) in spellings.iter().enumerate() {
                heads.push((text.clone(), None, n == 0));
                if front.then == Then::Dial {
                    for &g in &inner {
                        heads.push((concat(&[text, &g.text]), Some(g), n == 0));
                    }
                }
            }
            for (head, then, first) in heads {
                let then_kind = then.map_or(front.then, |g| g.then);
                let rest: &[String] = match then_kind {
                    Then::National => &probes.national,
                    Then::Destination => &probes.destinations,
                    Then::Dial => &probes.dials,
                };
                // The first spelling with every probe; the others, where only the
                // other policy's reading of the code's own digits can differ, with a few.
                let few = if first { rest.len() } else { FEW_PROBES };
                for digits in rest.iter().take(few) {
                    let after_front = then.map_or(digits.as_str(), |g| g.text.as_str());
                    if !front.admits(after_front) || then.is_some_and(|g| !g.admits(digits)) {
                        continue;
                    }
                    let mut dials = vec![concat(&[&head, digits])];
                    if keypad {
                        if let Some(lettered) = lettered(digits) {
                            dials.push(concat(&[&head, &lettered]));
                        }
                    }
                    for dial in dials {
                        let (x, y) = (self.check(&dial), proposed.check(&dial));
                        if x.verdict() == y.verdict() {
                            continue;
                        }
                        let lettered = dial.bytes().any(|b| b.is_ascii_alphabetic());
                        // Read alike, through a prefix both have: the destination changed.
                        let inner_shared = then.is_none_or(|g| before.contains(g) && after.contains(g));
                        if !lettered && shared && inner_shared && explained(changes, &x, &y) {
                            continue;
                        }
                        let (kind, dialed) = match (lettered, shared, then) {
                            (true, _, _) => (ChangeKind::KeypadLetters, String::from("A-Z")),
                            (false, true, Some(g)) if !inner_shared => (g.kind, g.shown.clone()),
                            _ => (front.kind, front.shown.clone()),
                        };
                        push_reading_change(changes, kind, dialed, &x, &y, dial);
                    }
                }
            }
            // The code itself being typed, where one policy has it: each
            // spelling and each of its prefixes, alone (Japan's carrier codes
            // make `0049` undecided where `00 49` was Germany).
            if !shared {
                let mut typed: Vec<&str> = Vec::new();
                for text in spellings {
                    for end in 1..=text.len() {
                        let head = text.get(..end).unwrap_or("");
                        if !typed.contains(&head) {
                            typed.push(head);
                        }
                    }
                }
                for dial in typed {
                    let (x, y) = (self.check(dial), proposed.check(dial));
                    if x.verdict() != y.verdict() {
                        push_reading_change(changes, front.kind, front.shown.clone(), &x, &y, dial.into());
                    }
                }
                self.overlap_changes(proposed, front, &all, probes, &mut tried, changes);
            }
        }
    }

    /// Dials that begin a shorter way in and spell `front`'s code as well,
    /// typed digit by digit past the code, where one policy reads them
    /// through `front` and the other only through that way: Germany's
    /// carrier code `01044` makes `010 44 8`, towards +44 through `010`, a
    /// national `8`. A dial tried for one front (`tried`, sorted) is not
    /// tried again for another that spells it.
    fn overlap_changes(
        &self,
        proposed: &DialPolicy,
        front: &Front,
        all: &[&Front],
        probes: &Probes,
        tried: &mut Vec<String>,
        changes: &mut Vec<Change>,
    ) {
        let code_len = front.text.len();
        for &other in all.iter().filter(|g| g.text.len() < code_len) {
            let rest: &[String] = match other.then {
                Then::National => &probes.national,
                Then::Destination => &probes.destinations,
                Then::Dial => &probes.dials,
            };
            for digits in rest {
                let dial = concat(&[&other.text, digits]);
                if !front.spelled_by(&dial) {
                    continue;
                }
                for end in code_len..=dial.len().min(code_len + TYPED_PAST_CODE) {
                    let Some(typed) = dial.get(..end) else { continue };
                    // A sorted list: a set of strings cost the admin build 1.2 KB gzip more.
                    let Err(at) = tried.binary_search_by(|t| t.as_str().cmp(typed)) else {
                        continue;
                    };
                    tried.insert(at, typed.into());
                    let (x, y) = (self.check(typed), proposed.check(typed));
                    if x.verdict() != y.verdict() {
                        push_reading_change(changes, front.kind, front.shown.clone(), &x, &y, typed.into());
                    }
                }
            }
        }
    }

    /// The counts of a summary.
    fn summary(
        &self,
        proposed: &DialPolicy,
        changes: &[Change],
        gained: &[Destination],
        lost: &[Destination],
    ) -> DiffSummary {
        let mut summary = DiffSummary::default();
        let regions = |list: &[Destination]| {
            let mut out: Vec<Region> = Vec::new();
            for d in list {
                for &r in &d.regions {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            out
        };
        // The allow list's reach: a region opened with its premium-rate
        // numbers blocked is opened.
        let whole = |policy: &DialPolicy, r: Region| policy.extent(r).0;
        for r in regions(gained) {
            match (whole(self, r), whole(proposed, r)) {
                (Extent::None, Extent::All) => summary.opened.push(r),
                _ => summary.partly_opened.push(r),
            }
        }
        for r in regions(lost) {
            match (whole(self, r), whole(proposed, r)) {
                (Extent::All, Extent::None) => summary.closed.push(r),
                _ => summary.partly_closed.push(r),
            }
        }
        let mut codes: Vec<u16> = Vec::new();
        for c in changes {
            if c.kind == ChangeKind::Destination {
                if let Some(code) = c.calling_code {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
            for &t in &c.number_types {
                if !summary.number_types.contains(&t) {
                    summary.number_types.push(t);
                }
            }
            let checked = |o: Outcome| !matches!(o.verdict, Verdict::NotInternational | Verdict::Malformed);
            let list = match (checked(c.before), checked(c.after)) {
                (true, false) => &mut summary.unchecked,
                (false, true) => &mut summary.newly_checked,
                _ => continue,
            };
            if c.kind != ChangeKind::Destination && !list.contains(&c.dialed) {
                list.push(c.dialed.clone());
            }
        }
        summary.calling_codes = codes.len();
        summary
    }

    /// Regions allowed in `proposed` that drag in others: in `"together"`
    /// mode, the rest of a calling code not wholly allowed here; in
    /// `"by-region"` mode, the numbers of other regions in ranges they
    /// share, not allowed here.
    fn side_effects(&self, proposed: &DialPolicy) -> Vec<SideEffect> {
        if !proposed.config().enabled {
            return Vec::new();
        }
        let together = proposed.config().shared_codes == SharedCodes::Together;
        let mut out = Vec::new();
        for entry in proposed.allow_list().entries() {
            let AllowTarget::Region(region) = entry.target else {
                continue;
            };
            let Some(code) = CallingCode::from_value(region.calling_code()) else {
                continue;
            };
            if together {
                let already_whole = code.regions().iter().all(|r| self.extent(r).0 == Extent::All);
                if already_whole {
                    continue;
                }
                let also_allows = proposed.allow_list().dragged_in(region);
                if !also_allows.is_empty() {
                    out.push(SideEffect {
                        region,
                        calling_code: code.value(),
                        also_allows,
                        leading_digits: Vec::new(),
                    });
                }
                continue;
            }
            // By region: the shared ranges newly allowed.
            let mut also_allows = Vec::new();
            let mut leading_digits = Vec::new();
            for other in proposed.allow_list().dragged_in(region) {
                let was = self.allow_list().shared_ranges(other);
                let mut now = proposed.allow_list().shared_ranges(other);
                now.retain(|r| !was.contains(r) && !self.allow_list().regions().contains(other));
                if now.is_empty() {
                    continue;
                }
                also_allows.push(other);
                for r in now {
                    if !leading_digits.contains(&r) {
                        leading_digits.push(r);
                    }
                }
            }
            if !also_allows.is_empty() {
                out.push(SideEffect {
                    region,
                    calling_code: code.value(),
                    also_allows,
                    leading_digits,
                });
            }
        }
        out
    }
}

fn outcome(d: &Decision) -> Outcome {
    Outcome {
        verdict: d.verdict(),
        reason: d.reason(),
    }
}

/// Whether a change of verdict is a reported destination's: the dial
/// reaches its calling code and leading digits, and changes as it does.
fn explained(changes: &[Change], before: &Decision, after: &Decision) -> bool {
    let judged = |d: &Decision| {
        let mut out = decimal(u64::from(d.calling_code?)).into_bytes();
        out.extend_from_slice(d.national_digits());
        Some(out)
    };
    [judged(before), judged(after)].into_iter().flatten().any(|judged| {
        changes.iter().any(|c| {
            let code = c.dialed.trim_start_matches('+').as_bytes();
            let reaches = |leading: &[u8]| {
                let mut range = code.to_vec();
                range.extend_from_slice(leading);
                judged.starts_with(&range)
            };
            c.kind == ChangeKind::Destination
                && (c.before.verdict, c.after.verdict) == (before.verdict(), after.verdict())
                && match c.leading_digits.as_slice() {
                    [] => reaches(b""),
                    ranges => ranges.iter().any(|l| reaches(l.as_bytes())),
                }
        })
    })
}

/// Destination cells grouped by calling code, owners, verdicts and types.
struct Group {
    code: Option<u16>,
    /// The digits after `+` that begin every dial of the group: the code,
    /// or (no code reached) the digits.
    dialed: String,
    regions: Vec<Region>,
    leading_digits: Vec<String>,
    number_types: Vec<NumberType>,
    before: Verdict,
    after: Verdict,
    /// Only dials still being typed change: decided sooner or later (`+1
    /// 310` allowed at once where it waited for the region), not gained or lost.
    settles: bool,
    /// Dials of the group, after the prefix: a few, tried in turn.
    examples: Vec<String>,
}

/// Examples kept per group: one reading can mask another, so a few.
const EXAMPLES: usize = 4;

fn destination_groups(cells: &[Cell]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for cell in cells {
        let (code, national) = match CallingCode::match_digits(&cell.digits) {
            CodeMatch::Code(code, len) => (Some(code), cell.digits.get(len..).unwrap_or(&[])),
            _ if cell.whole => {
                // Above the calling codes: each code below changes whole.
                for code in CallingCode::all() {
                    let digits = decimal(u64::from(code.value()));
                    if digits.as_bytes().starts_with(&cell.digits) {
                        let whole = Cell {
                            digits: digits.clone().into_bytes(),
                            example: digits.into_bytes(),
                            ..cell.clone()
                        };
                        push_cell(&mut groups, &whole, Some(code), &[]);
                    }
                }
                (None, &[][..])
            }
            _ => (None, &[][..]),
        };
        if code.is_some() || !cell.whole {
            push_cell(&mut groups, cell, code, national);
        } else if CallingCode::match_digits(&cell.digits) == CodeMatch::Unassigned {
            push_cell(&mut groups, cell, None, &[]);
        }
    }
    groups
}

fn push_cell(groups: &mut Vec<Group>, cell: &Cell, code: Option<CallingCode>, national: &[u8]) {
    let typed = matches!(cell.before, Walk::TypeBlocked) || matches!(cell.after, Walk::TypeBlocked);
    let (regions, number_types) = match code {
        Some(code) => (
            code.candidates(national).iter().collect(),
            if typed { types_of(code, national) } else { Vec::new() },
        ),
        None => (Vec::new(), Vec::new()),
    };
    let (before, after) = (cell.before.verdict(), cell.after.verdict());
    let open = |w: Walk| {
        matches!(
            w,
            Walk::Incomplete {
                can_be_allowed: true,
                ..
            }
        )
    };
    let settles = (open(cell.before) && after == Verdict::Allowed) || (before == Verdict::Allowed && open(cell.after));
    let example = match (code, cell.open_ended) {
        (Some(code), true) => {
            let mut digits = decimal(u64::from(code.value()));
            let national = cell.example.get(code.len()..).unwrap_or(&[]);
            digits.push_str(&pad(code, national));
            digits
        }
        _ => String::from_utf8_lossy(&cell.example).into_owned(),
    };
    let whole_code = cell.whole && national.is_empty();
    let leading = String::from_utf8_lossy(national).into_owned();
    let group = groups.iter_mut().find(|g| {
        g.code == code.map(CallingCode::value)
            && g.regions == regions
            && g.number_types == number_types
            && (g.before, g.after, g.settles) == (before, after, settles)
            && (code.is_some() || g.dialed.as_bytes() == cell.digits.as_slice())
    });
    match group {
        Some(g) => {
            if !whole_code && !g.leading_digits.contains(&leading) {
                g.leading_digits.push(leading);
            }
            if g.examples.len() < EXAMPLES {
                g.examples.push(example);
            }
        }
        None => groups.push(Group {
            code: code.map(CallingCode::value),
            dialed: match code {
                Some(code) => decimal(u64::from(code.value())),
                None => String::from_utf8_lossy(&cell.digits).into_owned(),
            },
            regions,
            leading_digits: if whole_code { Vec::new() } else { vec![leading] },
            number_types,
            before,
            after,
            settles,
            examples: vec![example],
        }),
    }
}

/// National digits made as long as the code's shortest number (whatever
/// follows them changes alike).
fn pad(code: CallingCode, national: &[u8]) -> String {
    fill(&String::from_utf8_lossy(national), code.min_length().max(7))
}

/// `digits` made `len` long with a made-up subscriber number.
fn fill(digits: &str, len: usize) -> String {
    let mut out = String::from(digits);
    for &d in b"5550123456789".iter().cycle().take(len.saturating_sub(digits.len())) {
        out.push(char::from(d));
    }
    out
}

/// The number types of the national numbers that start with `national`.
fn types_of(code: CallingCode, national: &[u8]) -> Vec<NumberType> {
    let types = NumberTypes::shared();
    let mut step = types.root(code);
    for &d in national {
        step = types.child(step, d.wrapping_sub(b'0'));
    }
    let mut set = TypeSet(0);
    let mut stack = vec![step];
    let mut seen = BTreeSet::new();
    while let Some(step) = stack.pop() {
        match step {
            TypeStep::Leaf(leaf) => set.0 |= leaf.decided().0,
            TypeStep::Node(node) => {
                if !seen.insert(node) {
                    continue;
                }
                if let Some(own) = types.own(node) {
                    set.0 |= own.0;
                }
                stack.extend((0..10).map(|d| types.child(step, d)));
            }
        }
    }
    NumberType::ALL
        .iter()
        .copied()
        .filter(|t| t.blockable() && set.0 & t.bits().0 != 0)
        .collect()
}

/// The destinations of each calling code as one, all its numbers, where
/// every region they hold is opened (or closed) whole: number types aside,
/// `+44` rather than its ranges.
fn whole_codes(list: Vec<Destination>, whole: &[Region]) -> Vec<Destination> {
    let mut out: Vec<Destination> = Vec::new();
    for code in list.iter().map(|d| d.calling_code) {
        if out.iter().any(|d| d.calling_code == code) {
            continue;
        }
        let of_code: Vec<&Destination> = list.iter().filter(|d| d.calling_code == code).collect();
        let all_whole = of_code.iter().all(|d| d.regions.iter().all(|r| whole.contains(r)));
        let Some(calling) = CallingCode::from_value(code).filter(|_| all_whole && of_code.len() > 1) else {
            out.extend(of_code.into_iter().cloned());
            continue;
        };
        out.push(Destination {
            calling_code: code,
            regions: calling
                .regions()
                .iter()
                .filter(|r| of_code.iter().any(|d| d.regions.contains(r)))
                .collect(),
            leading_digits: Vec::new(),
        });
    }
    out
}

/// Adds changed ranges to the destination of their owners.
fn add_destination(out: &mut Vec<Destination>, code: u16, regions: &[Region], leading: &[String]) {
    match out.iter_mut().find(|d| d.calling_code == code && d.regions == regions) {
        Some(d) if !d.leading_digits.is_empty() => {
            if leading.is_empty() {
                d.leading_digits.clear();
            } else {
                d.leading_digits.extend(leading.iter().cloned());
            }
        }
        Some(_) => {}
        None => out.push(Destination {
            calling_code: code,
            regions: regions.to_vec(),
            leading_digits: leading.to_vec(),
        }),
    }
}

/// What follows a [`Front`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Then {
    /// A dial of its own (after an access, feature, carrier or service code).
    Dial,
    /// A calling code and national number.
    Destination,
    /// A national number of the home region.
    National,
}

/// A way a policy lets a dial begin: what it strips or reads first.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Front {
    kind: ChangeKind,
    /// As shown: digits, `X` for any digit, `[2-9]` for some.
    shown: String,
    /// A dial that begins so (each class's first digit).
    text: String,
    /// Dials that begin so, each class's digits in turn (at most
    /// [`SPELLINGS`]): where the other policy reads them apart (`0033`,
    /// France, and `0030`, Greece, behind Japan's carrier codes `00[3-8]X`).
    spellings: Vec<String>,
    /// A code of digit classes: each class's mask of the ten digits (its
    /// `text` as long). Empty for a literal, which is its `text`.
    code: Vec<u16>,
    then: Then,
    /// The class the next digit must be in; 0: any.
    next: u16,
}

impl Front {
    fn admits(&self, rest: &str) -> bool {
        // Nothing after it yet is a dial being typed.
        self.next == 0
            || rest
                .bytes()
                .next()
                .is_none_or(|d| d.is_ascii_digit() && self.next & 1 << (d - b'0') != 0)
    }

    /// Whether `dial` spells this front's code at its start (a national
    /// number dialed bare has none).
    fn spelled_by(&self, dial: &str) -> bool {
        match self.code.is_empty() {
            true => !self.text.is_empty() && dial.starts_with(self.text.as_str()),
            false => {
                dial.len() >= self.code.len()
                    && dial
                        .bytes()
                        .zip(&self.code)
                        .all(|(d, &class)| d.is_ascii_digit() && class & 1 << (d - b'0') != 0)
            }
        }
    }
}

fn fronts(dialing: &Dialing) -> Vec<Front> {
    let literal = |kind, text: &str, then| Front {
        kind,
        shown: text.into(),
        text: text.into(),
        spellings: vec![text.into()],
        code: Vec::new(),
        then,
        next: 0,
    };
    let mut out = Vec::new();
    for code in dialing.access_codes.iter() {
        out.push(literal(ChangeKind::AccessCode, code, Then::Dial));
    }
    for code in dialing.feature_codes.iter() {
        out.push(literal(ChangeKind::FeatureCode, code, Then::Dial));
    }
    if dialing.plus_is_international {
        out.push(literal(ChangeKind::Plus, "+", Then::Destination));
    }
    // Digit classes: a procedure's code, a prefix set's sequence.
    let classes = |kind, code: &[u16], next, then| Front {
        kind,
        shown: shown(code),
        text: code
            .iter()
            .map(|&class| char::from(b'0' + class.trailing_zeros().min(9) as u8))
            .collect(),
        spellings: spellings(code),
        code: code.to_vec(),
        then,
        next,
    };
    // A prefix is a front of its own ("00" and "09", not "0[09]"), but for
    // sequences that spell many (China's 2,101 prefixes are three sequences).
    for sequence in dialing.prefixes.sequences() {
        let count = sequence
            .iter()
            .fold(1usize, |n, class| n.saturating_mul(class.count_ones() as usize));
        if count <= LITERAL_FRONTS {
            for text in spellings(sequence) {
                out.push(literal(ChangeKind::InternationalPrefix, &text, Then::Destination));
            }
        } else {
            out.push(classes(ChangeKind::InternationalPrefix, sequence, 0, Then::Destination));
        }
    }
    let procedure = |kind, p: &Procedure, then| classes(kind, &p.code, p.next, then);
    for p in &dialing.procedures {
        let then = match p.kind {
            ProcedureKind::CarrierCode | ProcedureKind::ServiceCode => Then::Dial,
            ProcedureKind::InternationalPrefix => Then::Destination,
            // The rest of a cross-border dial is a number abroad, dialed
            // as at home.
            ProcedureKind::CrossBorder | ProcedureKind::NationalPrefix => Then::National,
        };
        out.push(procedure(ChangeKind::DialingProcedure, p, then));
    }
    for sequence in dialing.emergency.sequences() {
        out.push(classes(ChangeKind::EmergencyNumber, sequence, 0, Then::Dial));
    }
    if let Some(national) = &dialing.national {
        if !national.trunk.is_empty() {
            out.push(literal(
                ChangeKind::NationalFormat,
                national.trunk_text(),
                Then::National,
            ));
        }
        for p in &national.prefixes {
            out.push(procedure(ChangeKind::NationalFormat, p, Then::National));
        }
        if national.bare {
            out.push(literal(ChangeKind::NationalFormat, "", Then::National));
        }
    }
    out
}

/// Adds a change of how a dial is read, unless one of the same kind,
/// beginning and verdicts is there.
fn push_reading_change(
    changes: &mut Vec<Change>,
    kind: ChangeKind,
    dialed: String,
    x: &Decision,
    y: &Decision,
    example: String,
) {
    let (before, after) = (outcome(x), outcome(y));
    let known = changes.iter().any(|c| {
        c.kind == kind && c.dialed == dialed && c.before.verdict == before.verdict && c.after.verdict == after.verdict
    });
    if known {
        return;
    }
    let reached = if y.calling_code.is_some() { y } else { x };
    changes.push(Change {
        kind,
        dialed,
        calling_code: reached.calling_code,
        leading_digits: Vec::new(),
        regions: reached.regions().collect(),
        number_types: Vec::new(),
        before,
        after,
        example,
    });
}

/// Spellings of a procedure's code tried at most.
const SPELLINGS: usize = 64;

/// Prefixes of one sequence that are fronts of their own, at most.
const LITERAL_FRONTS: usize = 16;

/// Digits typed past a code that another way in spells, at most: where the
/// two readings part (the whole dials are probes of that way in).
const TYPED_PAST_CODE: usize = 4;

/// Probes tried after each spelling of a code but its first.
const FEW_PROBES: usize = 6;

/// The digit strings a code's classes spell, the last classes varied
/// first, at most [`SPELLINGS`].
fn spellings(code: &[u16]) -> Vec<String> {
    let mut out = vec![String::new()];
    for &class in code {
        let mut next = Vec::new();
        for head in &out {
            for d in (0..10u8).filter(|d| class & 1 << d != 0) {
                let mut spelling = head.clone();
                spelling.push(char::from(b'0' + d));
                next.push(spelling);
            }
        }
        next.truncate(SPELLINGS);
        out = next;
    }
    out
}

/// Digit classes as dialed: `101XXXX`, `10[0-6]X`.
fn shown(code: &[u16]) -> String {
    let mut out = String::new();
    for &class in code {
        let digits: Vec<u8> = (0..10u8).filter(|d| class & 1 << d != 0).collect();
        match digits.as_slice() {
            [d] => out.push(char::from(b'0' + d)),
            _ if digits.len() == 10 => out.push('X'),
            [first, .., last] if usize::from(last - first) + 1 == digits.len() => {
                out.push('[');
                out.push(char::from(b'0' + first));
                out.push('-');
                out.push(char::from(b'0' + last));
                out.push(']');
            }
            _ => {
                out.push('[');
                out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
                out.push(']');
            }
        }
    }
    out
}

/// The last keypad digit of a dial as its first letter (`2` -> `A`): a
/// dial that `keypadLetters` reads and a policy without it does not.
fn lettered(digits: &str) -> Option<String> {
    const LETTERS: &[u8; 10] = b"??ADGJMPTW";
    let at = digits.bytes().rposition(|d| (b'2'..=b'9').contains(&d))?;
    let mut out = String::from(digits.get(..at)?);
    out.push(char::from(
        *LETTERS.get(usize::from(digits.as_bytes().get(at)? - b'0'))?,
    ));
    out.push_str(digits.get(at + 1..)?);
    Some(out)
}

/// The dials tried after each way a dial may begin: destinations of every
/// verdict either policy gives, national numbers of the home region, and
/// whole dials after a code.
struct Probes {
    destinations: Vec<String>,
    national: Vec<String>,
    dials: Vec<String>,
}

impl Probes {
    fn new(before: &DialPolicy, after: &DialPolicy, groups: &[Group]) -> Probes {
        let mut destinations: Vec<String> = Vec::new();
        let add = |list: &mut Vec<String>, digits: String| {
            if !list.contains(&digits) {
                list.push(digits);
            }
        };
        for policy in [before, after] {
            for digits in policy.rules().examples() {
                add(&mut destinations, digits);
            }
        }
        for g in groups.iter().take(16) {
            if let Some(e) = g.examples.first() {
                add(&mut destinations, e.clone());
            }
        }
        // The start of a code, and a code not assigned.
        add(&mut destinations, String::new());
        add(&mut destinations, String::from("8"));
        add(&mut destinations, String::from("999"));
        let mut national = Vec::new();
        for policy in [before, after] {
            let Some(nat) = &policy.dialing().national else {
                continue;
            };
            let code = decimal(u64::from(nat.code.value()));
            // Numbers of the home code, its own and its neighbours'.
            for d in &destinations {
                if let Some(rest) = d.strip_prefix(code.as_str()) {
                    add(&mut national, String::from(rest));
                }
            }
            for region in nat.code.regions().iter() {
                // Its neighbours' ranges, and a dial still inside one.
                for leading in region.leading_digits() {
                    add(&mut national, pad(nat.code, leading.as_bytes()));
                    add(
                        &mut national,
                        String::from(leading.get(..leading.len().saturating_sub(1)).unwrap_or("")),
                    );
                }
                for t in region.number_types() {
                    add(&mut national, pad(nat.code, t.prefix.as_bytes()));
                }
            }
            for digits in policy.rules().national_examples() {
                add(&mut national, digits);
            }
            // Dialed bare, a number is national only when longer than a local one.
            if nat.bare {
                let longer: Vec<String> = national
                    .iter()
                    .filter(|d| d.len() <= nat.longest_local())
                    .map(|d| fill(d, nat.longest_local() + 1))
                    .collect();
                for d in longer {
                    add(&mut national, d);
                }
            }
        }
        add(&mut national, String::new());
        add(&mut national, String::from("5"));
        // Long dials: readings that add digits reach the limit sooner.
        let long = "555012345678901";
        for list in [&mut national, &mut destinations] {
            let heads: Vec<String> = list.iter().take(8).cloned().collect();
            for head in heads {
                let mut dial = head;
                dial.push_str(long.get(..15usize.saturating_sub(dial.len()).max(2)).unwrap_or(""));
                add(list, dial);
            }
            for len in 9..15 {
                add(list, String::from(long.get(..len).unwrap_or("")));
            }
        }
        let mut dials = Vec::new();
        for d in &national {
            add(&mut dials, d.clone());
        }
        Probes {
            destinations,
            national,
            dials,
        }
    }
}
