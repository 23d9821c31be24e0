//! The readings of a dial, enumerated from docs/contract.md §4 (steps 3 to
//! 5 and 10) without the engine's parser: each reading is reduced to what it
//! judges (an E.164 destination, a domestic number, an unfinished prefix)
//! and only an E.164 string or a domestic number's type is asked of the
//! engine.

use std::fmt;

use dialguard::{Reason, Verdict};

use crate::model::{Facts, Model, Policy};
use crate::support::procedures::{CodeMatch, Kind, Procedure};
use crate::support::Territory;

/// How restrictive a reading is, least first (§4 step 10).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    /// `allowed` or `not-international`.
    Pass,
    /// `allowed` that cannot be a number yet (`0054`): it decides only when
    /// no other reading is still undecided.
    Early,
    /// `incomplete` that cannot be a number yet: it holds up nothing.
    Wait,
    /// `incomplete` with enough digits to be a complete number already.
    Hold,
    /// `blocked` or `malformed`.
    Refuse,
}

impl Level {
    pub fn of(verdict: Verdict) -> Level {
        match verdict {
            Verdict::Allowed | Verdict::NotInternational => Level::Pass,
            Verdict::Incomplete => Level::Hold,
            Verdict::Blocked | Verdict::Malformed => Level::Refuse,
        }
    }
}

pub struct Reading {
    /// The steps that led to it: `A *67 › B 011`.
    pub path: String,
    /// What it judges: `+442079460000`, `domestic 2125550123`.
    pub judged: String,
    /// What it came to: the engine's verdict of the E.164 form, or the
    /// model's own.
    pub outcome: String,
    pub level: Level,
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}: {} → {}", self.level, self.path, self.judged, self.outcome)
    }
}

/// §4 step 10: the Decision is the most restrictive reading; a reading that
/// cannot be a number yet does not hold up another that reaches something,
/// but does hold up an `allowed` one that cannot be a number yet either;
/// only such readings: `incomplete`; none: `not-international`.
pub fn floor(readings: &[Reading]) -> Level {
    let top = readings.iter().map(|r| r.level).max().unwrap_or(Level::Pass);
    match top {
        Level::Wait if readings.iter().all(|r| r.level >= Level::Early) => Level::Hold,
        Level::Wait | Level::Early => Level::Pass,
        top => top,
    }
}

/// The reading that decides, for grouping counterexamples.
pub fn deciding(readings: &[Reading]) -> Option<&Reading> {
    readings.iter().max_by_key(|r| r.level)
}

pub struct Oracle<'a> {
    facts: &'static Facts,
    model: &'a Model,
    out: Vec<Reading>,
    /// The dial is a proper prefix of an emergency number of the home region.
    emergency_coming: bool,
}

/// `text` starts with one of `codes`: the longest.
fn longest<'c>(codes: &'c [String], text: &str) -> Option<&'c str> {
    codes
        .iter()
        .filter(|c| text.starts_with(c.as_str()))
        .max_by_key(|c| c.len())
        .map(String::as_str)
}

/// Whether the lead of `dial` has an access code.
fn lead_has_access(policy: &Policy, dial: &str) -> bool {
    let mut rest = dial;
    loop {
        if let Some(code) = longest(&policy.features, rest) {
            rest = &rest[code.len()..];
        } else {
            return longest(&policy.access, rest).is_some();
        }
    }
}

/// Step 4: the number of a dial, its lead stripped (feature codes as often
/// as they come, at most one access code with the pauses after it), the
/// post-dial cut, the send key dropped.
pub fn number<'d>(policy: &Policy, dial: &'d str) -> &'d str {
    let number = after_lead(policy, dial).0.split([',', ';']).next().unwrap_or_default();
    // The send key, unless it is the whole number.
    match number.strip_suffix('#') {
        Some(rest) if !rest.is_empty() => rest,
        _ => number,
    }
}

/// What follows the lead of a dial (the number and its post-dial), and
/// whether the lead ends with a feature code.
fn after_lead<'d>(policy: &Policy, dial: &'d str) -> (&'d str, bool) {
    let mut rest = dial;
    let mut access = false;
    let mut feature = false;
    loop {
        if let Some(code) = longest(&policy.features, rest) {
            rest = &rest[code.len()..];
            feature = true;
        } else if let Some(code) = longest(&policy.access, rest).filter(|_| !access) {
            rest = rest[code.len()..].trim_start_matches([',', ';']);
            access = true;
            feature = false;
        } else {
            return (rest, feature);
        }
    }
}

impl<'a> Oracle<'a> {
    /// Every reading of `dial`: tokens (ASCII digits, `+`, `*`, `#`, and
    /// pauses `,` `;`) as step 3 leaves them.
    pub fn readings(model: &'a Model, dial: &str) -> Vec<Reading> {
        let mut oracle = Oracle {
            facts: Facts::get(),
            model,
            out: Vec::new(),
            emergency_coming: false,
        };
        oracle.dial(dial);
        if oracle.emergency_coming {
            // Still an emergency number in the making: no reading blocks it
            // yet.
            for reading in &mut oracle.out {
                if reading.level == Level::Refuse {
                    reading.level = Level::Hold;
                    reading.outcome = format!("{} (an emergency number may follow)", reading.outcome);
                }
            }
        }
        oracle.out
    }

    fn push(&mut self, path: &str, judged: String, outcome: impl Into<String>, level: Level) {
        self.out.push(Reading {
            path: path.to_string(),
            judged,
            outcome: outcome.into(),
            level,
        });
    }

    fn dial(&mut self, dial: &str) {
        // Step 3: a `+` only at the start or right after a `*` or `#`.
        let bytes = dial.as_bytes();
        if let Some(i) = (1..bytes.len()).find(|&i| bytes[i] == b'+' && !matches!(bytes[i - 1], b'*' | b'#')) {
            return self.push("misplaced-plus", format!("+ at {i}"), "malformed", Level::Refuse);
        }
        let number = number(&self.model.policy, dial);
        // An emergency number of the home region, as the number or as the
        // whole dial (911 on a PBX whose outside line is 9): a call within
        // it, whatever else its digits may read as.
        if let Some(emergency) = self.model.home.and_then(|h| self.facts.emergency.get(&h.id)) {
            let whole = dial.split([',', ';']).next().unwrap_or_default();
            let whole = whole.strip_suffix('#').filter(|w| !w.is_empty()).unwrap_or(whole);
            if emergency.is_match(number) || emergency.is_match(whole) {
                return self.push("emergency", number.to_string(), "not-international", Level::Pass);
            }
            self.emergency_coming = emergency.partial(number) || emergency.partial(whole);
        }
        // A star code then a pause: a PBX would dial what follows as the
        // number the code acts on, unjudged.
        if number.starts_with(['*', '#']) && after_lead(&self.model.policy, dial).0.contains([',', ';']) {
            return self.push("star code then post-dial", dial.to_string(), "malformed", Level::Refuse);
        }
        let feature_coming = self
            .model
            .policy
            .features
            .iter()
            .any(|f| f.len() > number.len() && f.starts_with(number));
        if feature_coming || (self.access_in_the_making(number) && !lead_has_access(&self.model.policy, dial)) {
            return self.push("code in the making", number.to_string(), "incomplete", Level::Wait);
        }
        if number.starts_with(['*', '#']) {
            self.star_codes(number, after_lead(&self.model.policy, dial).1);
        } else if number.contains(['*', '#']) {
            self.push("misplaced-symbol", number.to_string(), "malformed", Level::Refuse);
        } else if !number.is_empty() {
            self.readings_b_to_d(number, "", 2);
        }
    }

    /// Step 5 A: for each `*` or `#`, the dials carried after a 2- or
    /// 3-digit vertical service code and after a separator (any but the
    /// first token; the first too with a `+` after it, a feature code
    /// before it, or more than 3 digits after it that start a dial), each
    /// up to the next `*` or `#`.
    fn star_codes(&mut self, number: &str, after_feature: bool) {
        let before = self.out.len();
        let bytes = number.as_bytes();
        for (i, _) in bytes.iter().enumerate().filter(|(_, b)| matches!(b, b'*' | b'#')) {
            let end = bytes[i + 1..]
                .iter()
                .position(|b| matches!(b, b'*' | b'#'))
                .map_or(bytes.len(), |p| i + 1 + p);
            let segment = &number[i + 1..end];
            for vsc in [2, 3] {
                if segment.len() >= vsc && segment[..vsc].bytes().all(|b| b.is_ascii_digit()) {
                    self.carried(&segment[vsc..], &format!("A {}", &number[..i + 1 + vsc]));
                }
            }
            let starts_a_dial =
                segment.len() > 3 && segment.bytes().all(|b| b.is_ascii_digit()) && self.starts_a_dial(segment);
            if i > 0 || after_feature || segment.starts_with('+') || starts_a_dial {
                self.carried(segment, &format!("A {}", &number[..=i]));
            }
        }
        // A code no reading of which reaches a destination (or that carries
        // nothing) is `not-international` / `feature-code`.
        if self.out[before..].iter().all(|r| r.level == Level::Wait) {
            self.push(
                "A",
                number.to_string(),
                "feature-code: reaches no destination",
                Level::Pass,
            );
        }
    }

    /// The digits start with an international prefix or a whole code of
    /// the home region's procedures: no service code (a carried dial does
    /// not read one) and no national prefix; or, where national dials are
    /// judged, with a national dial that crosses a border.
    fn starts_a_dial(&self, digits: &str) -> bool {
        let model = self.model;
        if longest(&model.prefixes, digits).is_some() {
            return true;
        }
        let Some(home) = model.home else { return false };
        let whole = |p: &Procedure| match p.matches(digits) {
            CodeMatch::Whole(rest) if p.next_allows(rest) && (p.next.is_none() || !rest.is_empty()) => Some(rest),
            _ => None,
        };
        let procedures = self.facts.procedures.iter().filter(|p| p.applies(&home.id));
        if procedures
            .clone()
            .filter(|p| !matches!(p.kind, Kind::ServiceCode | Kind::National))
            .any(|p| whole(p).is_some())
        {
            return true;
        }
        if !model.policy.national {
            return false;
        }
        // After the national prefix, or a national procedure's code (NANP
        // `0`): never a number dialed bare (`*67 1 415…` is no dial to
        // Guam's `671`).
        let trunk = home.national_prefix.as_deref().and_then(|t| digits.strip_prefix(t));
        let coded = procedures
            .filter(|p| p.kind == Kind::National && !p.code.is_empty())
            .filter_map(whole);
        trunk.into_iter().chain(coded).any(|number| {
            (1..=number.len()).any(|n| {
                let first = &number[..n];
                !home.can_own(first)
                    && self
                        .facts
                        .members(home.calling_code)
                        .any(|t| t.id != home.id && t.can_own(first))
            })
        })
    }

    /// A carried dial: its own lead (at most one access code, or none), then B to D;
    /// with no reading at all, or empty, it is not international.
    fn carried(&mut self, dial: &str, path: &str) {
        if self.access_in_the_making(dial) {
            return self.push(path, dial.to_string(), "incomplete access code", Level::Wait);
        }
        // With its access code stripped (a PBX's own feature dials it
        // behind the outside line), and, without a pause after the code,
        // as it stands (a carrier's feature dials it as it is).
        let mut dials = vec![dial];
        if let Some(code) = longest(&self.model.policy.access, dial) {
            let after = dial[code.len()..].trim_start_matches([',', ';']);
            dials[0] = after;
            if after.len() == dial.len() - code.len() {
                dials.push(dial);
            }
        }
        for dial in dials {
            match dial.is_empty() {
                true => self.push(path, String::new(), "carries nothing", Level::Pass),
                false => self.dial_of_its_own(dial, &format!("{path} › "), 1),
            }
        }
    }

    /// Digits that are still a proper prefix of an access code: nothing is
    /// read yet.
    fn access_in_the_making(&self, digits: &str) -> bool {
        !digits.is_empty()
            && self
                .model
                .policy
                .access
                .iter()
                .any(|a| a.len() > digits.len() && a.starts_with(digits))
    }

    /// B to D of a dial carried by a code; none of them: not international.
    fn dial_of_its_own(&mut self, dial: &str, path: &str, codes: u8) {
        let before = self.out.len();
        self.readings_b_to_d(dial, path, codes);
        if self.out.len() == before {
            self.push(path, dial.to_string(), "not-international", Level::Pass);
        }
    }

    /// `codes`: which codes may carry a dial here: 2 any, 1 carrier codes
    /// (after a star or service code), 0 none (after a carrier code).
    fn readings_b_to_d(&mut self, dial: &str, path: &str, codes: u8) {
        let model = self.model;
        // B: the international prefix.
        if let Some(rest) = dial.strip_prefix('+') {
            if model.policy.plus {
                self.e164(rest, &format!("{path}B +"));
            }
            // C and D read digits only.
            return;
        }
        // The longest prefix, unless the digits may still grow into a longer
        // one: then not decided.
        let grows = model
            .prefixes
            .iter()
            .any(|p| p.len() > dial.len() && p.starts_with(dial));
        let prefix = longest(&model.prefixes, dial);
        if grows {
            self.push(&format!("{path}B"), dial.to_string(), "incomplete-prefix", Level::Wait)
        } else if let Some(prefix) = prefix {
            self.e164(&dial[prefix.len()..], &format!("{path}B {prefix}"));
        }
        let Some(home) = model.home else { return };
        // C: the home region's dialing procedures. D is read only where no
        // international prefix and no code of C (but a national prefix)
        // reads the digits, whole or in part.
        let mut d_reads = !grows && prefix.is_none();
        let mut prefixed = home
            .national_prefix
            .as_deref()
            .is_some_and(|p| p.starts_with(dial) || dial.starts_with(p));
        for procedure in self.facts.procedures.iter().filter(|p| p.applies(&home.id)) {
            let allowed = match procedure.kind {
                Kind::ServiceCode => codes == 2,
                Kind::Carrier => codes >= 1,
                _ => true,
            };
            if !allowed {
                continue;
            }
            let national = procedure.kind == Kind::National;
            if national && procedure.code.is_empty() {
                continue;
            }
            let here = format!("{path}C {:?} {}", procedure.kind, procedure.text);
            let matched = match procedure.matches(dial) {
                CodeMatch::Partial => {
                    self.push(&here, dial.to_string(), "incomplete code", Level::Wait);
                    true
                }
                CodeMatch::Whole(rest) if procedure.next_allows(rest) => {
                    if !national || d_reads {
                        self.procedure(procedure, rest, &here);
                    }
                    true
                }
                _ => false,
            };
            if national {
                prefixed |= matched;
            } else {
                d_reads &= !matched;
            }
        }
        // D: national format.
        if !model.policy.national || !d_reads {
            return;
        }
        if let Some(national) = home
            .national_prefix
            .as_deref()
            .and_then(|trunk| dial.strip_prefix(trunk))
        {
            let trunk = home.national_prefix.as_deref().unwrap_or_default();
            self.national(national, false, &format!("{path}D {trunk}"));
        }
        let bare = home.national_prefix.is_none()
            || self
                .facts
                .procedures
                .iter()
                .any(|p| p.applies(&home.id) && p.kind == Kind::National && p.code.is_empty());
        if bare && !prefixed {
            self.national(dial, true, &format!("{path}D"));
        }
        if self.local(dial) {
            self.push(&format!("{path}D local"), dial.to_string(), "domestic", Level::Pass);
        }
    }

    fn procedure(&mut self, procedure: &Procedure, rest: &str, path: &str) {
        match procedure.kind {
            Kind::Carrier if !rest.is_empty() => self.dial_of_its_own(rest, &format!("{path} › "), 0),
            Kind::ServiceCode if !rest.is_empty() => self.dial_of_its_own(rest, &format!("{path} › "), 1),
            Kind::Carrier | Kind::ServiceCode => {}
            Kind::International => self.e164(rest, path),
            Kind::National if self.model.policy.national => self.national(rest, procedure.code.is_empty(), path),
            Kind::National => {}
            Kind::CrossBorder => {
                let (code, digits) = procedure.to.as_ref().expect("a cross-border row has a to");
                self.e164(&format!("{code}{digits}{rest}"), path);
            }
        }
    }

    /// Digits without a national prefix, no longer than the home region's
    /// longest local number (localOnly).
    fn local(&self, digits: &str) -> bool {
        let home = self.model.home.expect("D needs a home region");
        !digits.is_empty()
            && digits.len() <= home.longest_local()
            && !home.national_prefix.as_deref().is_some_and(|p| digits.starts_with(p))
    }

    /// Step 5 D on a national number. `whole`: it is the whole digits (no
    /// prefix before it), so that while a local number is possible this
    /// reading is not final.
    fn national(&mut self, national: &str, whole: bool, path: &str) {
        if national.is_empty() {
            return;
        }
        let home = self.model.home.expect("D needs a home region");
        let home_can = home.can_own(national);
        let others: Vec<&Territory> = self
            .facts
            .members(home.calling_code)
            .filter(|t| t.id != home.id && t.can_own(national))
            .collect();
        let before = self.out.len();
        // Only other regions can own it: cross-border. The home region can:
        // domestic. Both: still possible either way, so incomplete, until
        // the digits are a whole number of the home region's (then
        // domestic, as the home region can own it).
        if !home_can && !others.is_empty() {
            self.e164(
                &format!("{}{national}", home.calling_code),
                &format!("{path} cross-border"),
            );
        } else if home_can && (others.is_empty() || home.is_number(national)) {
            self.domestic(home, national, path);
        } else if home_can {
            // Another region may own it too: no more than incomplete while
            // the home region's type would block it.
            self.domestic(home, national, path);
            let shortest = self.facts.shortest(home.calling_code);
            for reading in &mut self.out[before..] {
                if reading.level == Level::Refuse {
                    reading.level = if national.len() >= shortest {
                        Level::Hold
                    } else {
                        Level::Wait
                    };
                    reading.outcome = format!("{} (another region may own it)", reading.outcome);
                }
            }
        } else if whole || !self.nobody_can_start(home.calling_code, national) {
            // Too long or astray after digits some region can own: the
            // engine's ranges (the shortest deciding prefixes, §6) may give
            // it to a region; this oracle only claims what it is sure of.
            self.push(path, format!("national {national}"), "no region owns it", Level::Pass);
        } else {
            // After a prefix, no number of the home code: as the calling
            // code followed by it.
            self.e164(
                &format!("{}{national}", home.calling_code),
                &format!("{path} no region owns it"),
            );
        }
        if whole && self.local(national) {
            for reading in &mut self.out[before..] {
                if reading.level > Level::Wait {
                    reading.outcome = format!("{} (not final: a local number is possible)", reading.outcome);
                    reading.level = Level::Wait;
                }
            }
        }
    }

    /// No region of a shared calling code can own a number that starts
    /// with the first digit of `national` (a code of one region owns every
    /// national number, §6).
    fn nobody_can_start(&self, code: u16, national: &str) -> bool {
        let members: Vec<&Territory> = self.facts.members(code).collect();
        members.len() > 1 && members.iter().all(|t| !t.can_own(&national[..1]))
    }

    /// A national number the home region can own: `domestic`, typed when it
    /// is one (seven digits or more) and a type can block.
    fn domestic(&mut self, home: &Territory, national: &str, path: &str) {
        let Some(typing) = self.model.typing.as_ref().filter(|_| national.len() >= 7) else {
            return self.push(path, format!("domestic {national}"), "domestic", Level::Pass);
        };
        let d = typing.check(&format!("+{}{national}", home.calling_code));
        let level = match (d.verdict(), d.reason()) {
            (_, Reason::NumberTypeBlocked) => Level::Refuse,
            (Verdict::Incomplete, _) if national.len() >= self.facts.shortest(home.calling_code) => Level::Hold,
            (Verdict::Incomplete, _) => Level::Wait,
            _ => Level::Pass,
        };
        let judged = format!(
            "domestic {national} ({})",
            d.number_type().map_or("type undecided", |t| t.as_str())
        );
        self.push(path, judged, format!("typed {}", d.reason().as_str()), level);
    }

    /// An E.164 destination (the digits after `+`), as the engine judges a
    /// `+` dial.
    fn e164(&mut self, digits: &str, path: &str) {
        let d = self.model.judge.check(&format!("+{digits}"));
        let level = match d.verdict() {
            Verdict::Incomplete => match self.facts.split_code(digits) {
                Some((code, national)) if national.len() >= self.facts.shortest(code) => Level::Hold,
                _ => Level::Wait,
            },
            Verdict::Allowed if d.reason() != Reason::ProtectionDisabled => match self.facts.split_code(digits) {
                Some((code, national)) if national.len() < self.facts.shortest(code) => Level::Early,
                _ => Level::Pass,
            },
            verdict => Level::of(verdict),
        };
        let outcome = format!("{} {}", d.verdict().as_str(), d.reason().as_str());
        self.push(path, format!("+{digits}"), outcome, level);
    }
}
