//! Invariants over generated policies and dials.

use dialguard::{DialPolicy, NumberType, Reason, Verdict};
use proptest::prelude::*;

/// Digit zeros of some scripts: full-width, Arabic-Indic, Extended
/// Arabic-Indic, Devanagari, Bengali, Thai, Mongolian, mathematical bold.
const ZEROS: [u32; 9] = [0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1810, 0x1D7CE];
/// Formatting that must never change a decision.
const SEPARATORS: [&str; 12] = [
    " ", "-", ".", "(", ")", "/", "\u{A0}", "\u{200B}", "\u{2011}", "\u{2212}", "\u{3000}", "\u{FEFF}",
];
const REGIONS: [&str; 25] = [
    "AR", "CA", "US", "JM", "DO", "GB", "GG", "JE", "IM", "RU", "KZ", "IT", "VA", "MX", "AU", "CX", "FR", "DE", "CN",
    "IN", "NG", "MA", "EH", "FI", "LV",
];
const CODES: [&str; 12] = [
    "+44", "+1876", "+1809", "+881", "+7", "+39066", "+52", "+4420", "+979", "+44870", "+1900", "+371",
];
/// `blockNumberTypes`, none in a third of the policies.
const BLOCKED: [&str; 9] = [
    "[]",
    "[]",
    "[]",
    r#"["premium-rate"]"#,
    r#"["premium-rate", "shared-cost", "personal-number"]"#,
    r#"["premium-rate", "uan", "voip", "pager", "voicemail"]"#,
    r#"["mobile"]"#,
    r#"["unknown", "toll-free"]"#,
    r#"["fixed-line", "premium-rate"]"#,
];
const PREFIXES: [&str; 9] = ["", "+", "00", "011", "0011", "09", "810", "001", "0"];

fn policy() -> impl Strategy<Value = DialPolicy> {
    (
        prop::sample::select(vec![
            r#""homeRegion": "MX""#,
            r#""homeRegion": "US""#,
            r#""homeRegion": "AU""#,
            r#""internationalPrefixes": ["00"]"#,
            r#""internationalPrefixes": ["00", "0011"]"#,
            r#""homeRegion": "RU", "internationalPrefixes": ["810", "00"]"#,
            r#""homeRegion": "US", "judgeNationalDialing": true"#,
            r#""homeRegion": "GB", "judgeNationalDialing": true"#,
        ]),
        prop::sample::subsequence(REGIONS.to_vec(), 0..6),
        prop::sample::subsequence(CODES.to_vec(), 0..2),
        any::<bool>(),
        prop::sample::select(vec![
            "",
            r#", "accessCodes": ["9"]"#,
            r#", "featureCodes": ["*67"]"#,
            r#", "enabled": false"#,
        ]),
        prop::sample::select(BLOCKED.to_vec()),
    )
        .prop_map(|(base, regions, codes, by_region, extra, blocked)| {
            let allow: Vec<String> = regions.iter().chain(codes.iter()).map(|a| format!("\"{a}\"")).collect();
            let mode = if by_region { "by-region" } else { "together" };
            let json = format!(
                r#"{{{base}, "allow": [{}], "sharedCodes": "{mode}"{extra}, "blockNumberTypes": {blocked}}}"#,
                allow.join(",")
            );
            DialPolicy::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
        })
}

/// A dial as a user or a contact list would give it, in canonical ASCII.
fn dial() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "", "", "", "", "", "", "", "9", "9,", "*67"]),
        prop::sample::select(vec![
            "+", "+", "+", "00", "00", "00", "011", "011", "0011", "09", "810", "001", "", "0",
        ]),
        prop::sample::select(vec![
            "1", "1", "7", "39", "44", "44", "52", "54", "61", "262", "590", "881", "999", "", "", "0", "8", "371",
            "979", "49", "1900", "44909", "4487", "37190", "37190", "37121", "3716", "447911", "4470", "4490",
        ]),
        prop_oneof!["[0-9]{0,3}", "[0-9]{4,12}", "[0-9]{6}"],
        prop::sample::select(vec!["", "", "", ",,12", "x12", ";9", "#"]),
    )
        .prop_map(|(lead, prefix, code, national, tail)| format!("{lead}{prefix}{code}{national}{tail}"))
}

/// `dial` with separators scattered and digits in other scripts.
fn formatted(dial: &str, seeds: &[(u8, u8)]) -> String {
    let mut out = String::new();
    for (i, c) in dial.chars().enumerate() {
        let (sep, script) = seeds.get(i).copied().unwrap_or((0, 0));
        if sep % 3 == 0 {
            out.push_str(SEPARATORS[usize::from(sep) % SEPARATORS.len()]);
        }
        match c.to_digit(10) {
            Some(d) => out.push(char::from_u32(ZEROS[usize::from(script) % ZEROS.len()] + d).unwrap()),
            None => out.push(c),
        }
    }
    out
}

fn summary(policy: &DialPolicy, dial: &str) -> (Verdict, Reason, String) {
    let d = policy.check(dial);
    (d.verdict(), d.reason(), d.dial_string().to_string())
}

proptest! {
    // `the_dial_string_is_judged_the_same` skips malformed dials, about one
    // in ten: proptest's 1,024 rejects stopped it at 10,000 cases, and the
    // properties are run far past their 2,000 when bugs are hunted.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        max_global_rejects: 1 << 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn formatting_never_changes_the_decision(
        policy in policy(),
        dial in dial(),
        seeds in prop::collection::vec((any::<u8>(), any::<u8>()), 40),
    ) {
        let fancy = formatted(&dial, &seeds);
        prop_assert_eq!(summary(&policy, &dial), summary(&policy, &fancy), "{:?}", fancy);
    }

    #[test]
    fn a_tel_uri_is_judged_like_its_number(policy in policy(), prefix in prop::sample::select(PREFIXES.to_vec()), digits in "[0-9]{0,14}") {
        let plain = format!("{prefix}{digits}");
        let uri = format!("tel:{plain};user=phone");
        let (a, b) = (policy.check(&plain), policy.check(&uri));
        if plain.is_empty() {
            prop_assert_eq!(b.reason(), Reason::InvalidUri);
        } else {
            prop_assert_eq!((a.verdict(), a.reason()), (b.verdict(), b.reason()));
        }
    }

    #[test]
    fn no_prefix_of_an_allowed_dial_is_blocked(policy in policy(), dial in dial()) {
        let full = policy.check(&dial);
        let chars: Vec<char> = dial.chars().collect();
        for end in 0..chars.len() {
            let prefix: String = chars[..end].iter().collect();
            let d = policy.check(&prefix);
            if full.verdict() == Verdict::Allowed {
                prop_assert!(
                    matches!(d.verdict(), Verdict::Allowed | Verdict::NotInternational)
                        || (d.verdict() == Verdict::Incomplete && d.can_be_allowed() == Some(true)),
                    "{:?} is allowed but its prefix {:?} is {:?}", dial, prefix, d
                );
            }
        }
    }

    #[test]
    fn decided_verdicts_stay_decided(policy in policy(), dial in dial(), more in "[0-9]{1,6}") {
        // (An allowed number may go on to one that is not: an 11-digit
        // mobile number above 12-digit voicemail ones. What holds is that no
        // prefix of it is blocked: the test above.)
        // Digits added to the number itself, not after post-dial or the send key.
        let dial = dial.split(|c| ",x;#".contains(c)).next().unwrap_or_default();
        let before = policy.check(dial);
        let after = policy.check(&format!("{dial}{more}"));
        match (before.verdict(), before.can_be_allowed()) {
            (Verdict::Blocked, _) => prop_assert!(matches!(after.verdict(), Verdict::Blocked | Verdict::Malformed), "{:?} then {:?}", before, after),
            (Verdict::Incomplete, Some(false)) => prop_assert_ne!(after.verdict(), Verdict::Allowed, "{:?} then {:?}", before, after),
            _ => {}
        }
    }

    #[test]
    fn the_dial_string_is_judged_the_same(policy in policy(), dial in dial(), seeds in prop::collection::vec((any::<u8>(), any::<u8>()), 40)) {
        let d = policy.check(&formatted(&dial, &seeds));
        prop_assume!(d.verdict() != Verdict::Malformed);
        let again = policy.check(d.dial_string());
        prop_assert_eq!((d.verdict(), d.reason()), (again.verdict(), again.reason()), "{:?}", d);
        prop_assert_eq!(d.dial_string(), again.dial_string());
    }

    #[test]
    fn number_types_only_take_away(policy in policy(), dial in dial()) {
        let mut untyped = policy.config().clone();
        untyped.block_number_types.clear();
        let untyped = DialPolicy::new(untyped).unwrap();
        let (typed, plain) = (policy.check(&dial), untyped.check(&dial));
        // Types only turn an allowed (or allowable, or domestic) dial into a
        // type-blocked or a still incomplete one.
        if typed.verdict() != plain.verdict() {
            prop_assert!(
                matches!(typed.verdict(), Verdict::Blocked | Verdict::Incomplete),
                "{:?} vs {:?} without types", typed, plain
            );
            prop_assert!(
                matches!(plain.verdict(), Verdict::Allowed | Verdict::NotInternational)
                    || plain.can_be_allowed() == Some(true),
                "{:?} vs {:?} without types", typed, plain
            );
            if typed.verdict() == Verdict::Blocked {
                prop_assert_eq!(typed.reason(), Reason::NumberTypeBlocked);
            }
        }
        if typed.can_be_allowed() == Some(true) {
            prop_assert!(
                matches!(plain.verdict(), Verdict::Allowed | Verdict::NotInternational)
                    || plain.can_be_allowed() == Some(true)
            );
        }
        // Of the same reading (another reading may decide once types block).
        if typed.reading() == plain.reading() {
            prop_assert_eq!(typed.number_type(), plain.number_type());
        }
    }

    #[test]
    fn a_decided_number_type_agrees_with_the_verdict(policy in policy(), dial in dial()) {
        let d = policy.check(&dial);
        let blocked: Vec<&str> = policy.config().block_number_types.iter().map(String::as_str).collect();
        let parts = |t: NumberType| match t {
            NumberType::FixedLineOrMobile => vec!["fixed-line", "mobile"],
            t => vec![t.as_str()],
        };
        let Some(t) = d.number_type() else { return Ok(()) };
        let is_blocked = parts(t).iter().any(|p| blocked.contains(p));
        match d.reason() {
            Reason::RegionAllowed | Reason::SharedCodeAllowed | Reason::CodeAllowed => {
                prop_assert!(!is_blocked, "{:?} is allowed", d)
            }
            // A number outside its region's general pattern is unknown but
            // keeps its types.
            Reason::NumberTypeBlocked if t != NumberType::Unknown => prop_assert!(is_blocked, "{:?}", d),
            _ => {}
        }
    }

    #[test]
    fn an_allowed_dial_names_the_most_specific_entry_that_covers_it(policy in policy(), dial in dial()) {
        let d = policy.check(&dial);
        if d.verdict() != Verdict::Allowed || !policy.config().enabled {
            return Ok(());
        }
        let (Some(code), Some(national)) = (d.calling_code(), d.national_number()) else { return Ok(()) };
        let number = format!("+{code}{national}");
        let code = format!("+{code}");
        let regions: Vec<&str> = d.regions().map(|r| r.id()).collect();
        let ranges: Vec<&String> = policy.config().allow.iter().filter(|e| e.len() > code.len() && e.starts_with(&code) && number.starts_with(e.as_str())).collect();
        let longest = ranges.iter().map(|e| e.len()).max();
        let Some(rule) = d.rule() else {
            prop_assert!(!matches!(d.reason(), Reason::RangeAllowed | Reason::RegionAllowed | Reason::CodeAllowed | Reason::SharedCodeAllowed), "{:?}", d);
            return Ok(());
        };
        prop_assert!(policy.config().allow.iter().any(|e| e == rule), "{:?}", d);
        // Its place in the allow list is where the record says it is.
        prop_assert_eq!(d.rule_index().map(|i| policy.config().allow[i].as_str()), Some(rule));
        let loaded = DialPolicy::from_bytes(&policy.to_bytes()).unwrap();
        prop_assert_eq!(loaded.check(&dial).rule_index(), d.rule_index());
        match d.reason() {
            Reason::RangeAllowed => prop_assert!(number.starts_with(rule) && Some(rule.len()) == longest, "{:?}", d),
            Reason::RegionAllowed => prop_assert!(regions.contains(&rule) && longest.is_none(), "{:?}", d),
            Reason::CodeAllowed => prop_assert!(rule == code && longest.is_none() && !regions.iter().any(|r| policy.config().allow.iter().any(|e| e == r)), "{:?}", d),
            Reason::SharedCodeAllowed => prop_assert!(
                policy.config().shared_codes == dialguard::SharedCodes::Together && longest.is_none() && !policy.config().allow.contains(&code),
                "{:?}", d
            ),
            other => prop_assert!(false, "{:?} names rule {} with reason {:?}", d, rule, other),
        }
    }

    #[test]
    fn only_national_judging_reads_national_format(policy in policy(), dial in dial()) {
        let d = policy.check(&dial);
        if d.national_format() {
            prop_assert!(policy.config().judge_national_dialing, "{:?}", d);
            let config = policy.config();
            let prefixes = config.international_prefixes.clone().unwrap_or_else(|| dialguard::suggest_prefixes(config.home_region.as_deref().unwrap_or("")).unwrap_or_default());
            let prefix = d.prefix().unwrap_or("");
            prop_assert!(prefix != "+" && !prefixes.iter().any(|p| p == prefix), "{:?}", d);
        }
    }

    #[test]
    fn verdict_is_check_verdict(policy in policy(), dial in dial()) {
        prop_assert_eq!(policy.verdict(&dial), policy.check(&dial).verdict());
    }

    /// Rust text and its UTF-16 units (as JavaScript gives a dial) are
    /// read by different tokenizers and positions: they decide alike.
    #[test]
    fn text_and_its_utf16_units_decide_alike(policy in policy(), dial in dial(), text in "\\PC{0,300}") {
        for s in [&dial, &text] {
            let units: Vec<u16> = s.encode_utf16().collect();
            prop_assert_eq!(format!("{:?}", policy.check_utf16(&units)), format!("{:?}", policy.check(s)), "{:?}", s);
            prop_assert_eq!(policy.verdict_utf16(&units), policy.verdict(s));
        }
    }

    #[test]
    fn no_input_panics(policy in policy(), text in "\\PC{0,300}") {
        let d = policy.check(&text);
        prop_assert_eq!(policy.verdict(&text), d.verdict());
        if d.verdict() == Verdict::Malformed {
            prop_assert_eq!(d.dial_string(), "");
            prop_assert!(d.position().is_some());
        }
    }

    #[test]
    fn no_utf16_input_panics(policy in policy(), units in prop::collection::vec(any::<u16>(), 0..300)) {
        let d = policy.check_utf16(&units);
        prop_assert_eq!(policy.verdict_utf16(&units), d.verdict());
        // A lone surrogate is never repaired into something judged.
        let lone = char::decode_utf16(units.iter().copied()).any(|c| c.is_err());
        if lone {
            prop_assert_eq!(d.verdict(), Verdict::Malformed);
        }
    }

    #[test]
    fn no_config_panics(text in "\\PC{0,200}") {
        let _ = DialPolicy::from_json(&text);
    }

    #[test]
    fn configs_from_json_pieces_never_panic(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"allow\"", "\"homeRegion\"", "\"MX\"", "\"+1\"", "\"00\"", "true",
            "null", "1", "\"internationalPrefixes\"", "\"sharedCodes\"", "\"by-region\"", "\"\\u0000\"",
        ]), 0..40),
    ) {
        let text: String = pieces.concat();
        if let Ok(policy) = DialPolicy::from_json(&text) {
            let again = DialPolicy::from_json(&policy.to_json()).unwrap();
            prop_assert_eq!(again.config(), policy.config());
        }
    }
}

/// The generators must reach every verdict often, or the properties above
/// would hold vacuously.
#[test]
fn generators_cover_every_verdict() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..4000 {
        let policy = policy().new_tree(&mut runner).unwrap().current();
        let dial = dial().new_tree(&mut runner).unwrap().current();
        *counts.entry(format!("{:?}", policy.verdict(&dial))).or_insert(0) += 1;
    }
    for verdict in ["Allowed", "Blocked", "NotInternational", "Incomplete", "Malformed"] {
        let n = counts.get(verdict).copied().unwrap_or(0);
        assert!(n >= 40, "{verdict}: {n} of 4000 ({counts:?})");
    }
    let mut typed = 0;
    for _ in 0..4000 {
        let policy = policy().new_tree(&mut runner).unwrap().current();
        let dial = dial().new_tree(&mut runner).unwrap().current();
        typed += usize::from(policy.check(&dial).reason() == Reason::NumberTypeBlocked);
    }
    assert!(typed >= 40, "number-type-blocked: {typed} of 4000");
}
