// Shared by the decision targets: policies covering every option, and the
// invariants every decision must keep (besides not panicking).
use dialguard::{Decision, DialPolicy, Verdict};

pub fn policies() -> Vec<DialPolicy> {
    [
        r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#,
        r#"{"homeRegion": "US", "accessCodes": ["9"], "featureCodes": ["*67", "*82"], "allow": ["GB", "+1876", "+881"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#,
        r#"{"homeRegion": "MX", "allow": ["CA", "KZ", "VA"], "keypadLetters": true}"#,
        r#"{"homeRegion": "CN", "allow": ["+44"], "plusIsInternational": false}"#,
        r#"{"internationalPrefixes": ["00", "0011"], "enabled": false}"#,
        // Every reading: access codes read once, star codes, the home
        // region's dialing procedures, national format and local numbers.
        r#"{"homeRegion": "US", "accessCodes": ["9", "0"], "allow": ["CA"], "sharedCodes": "by-region", "judgeNationalDialing": true, "blockNumberTypes": ["premium-rate", "personal-number"]}"#,
        r#"{"homeRegion": "DE", "accessCodes": ["0"], "allow": ["AT"], "judgeNationalDialing": true, "blockNumberTypes": ["premium-rate", "shared-cost"]}"#,
        r#"{"homeRegion": "JP", "featureCodes": ["*67"], "allow": ["US"], "judgeNationalDialing": true, "blockNumberTypes": ["personal-number"]}"#,
        r#"{"homeRegion": "IE", "allow": ["GB"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#,
        r#"{"homeRegion": "EH", "allow": ["EH"], "sharedCodes": "by-region", "judgeNationalDialing": true, "blockNumberTypes": ["unknown"]}"#,
        r#"{"homeRegion": "BR", "allow": ["AR", "+1876"], "judgeNationalDialing": true}"#,
    ]
    .iter()
    .map(|json| DialPolicy::from_json(json).expect("fuzz policies are valid"))
    .collect()
}

/// What must hold for any decision `d` of `policy` on some input.
pub fn check_invariants(policy: &DialPolicy, d: &Decision, verdict: Verdict) {
    assert_eq!(verdict, d.verdict(), "verdict() and check() disagree");
    assert_eq!(d.reason().verdict(), d.verdict());
    if d.verdict() == Verdict::Malformed {
        assert!(d.dial_string().is_empty());
        assert!(d.position().is_some());
    } else {
        // The dial string is what was judged.
        let again = policy.check(d.dial_string());
        assert_eq!(
            again.verdict(),
            d.verdict(),
            "dial string {:?} judged differently",
            d.dial_string()
        );
    }
    if d.verdict() == Verdict::Incomplete {
        assert!(d.can_be_allowed().is_some());
    }
    if let Some(reading) = d.reading() {
        // The code read is in the dial string.
        assert_eq!(d.dial_string().get(reading.code_range()), Some(reading.code()));
        // A reading that reaches a destination gives its E.164 form, which
        // needs no context: checked alone it is judged no less strictly. (A
        // carried dial or a national number is read in its place: alone, an
        // access code or a code its place rules out may read it otherwise.)
        if d.verdict() == Verdict::Blocked && reading.dial_string().starts_with('+') {
            let again = policy.check(reading.dial_string());
            assert!(
                matches!(again.verdict(), Verdict::Blocked | Verdict::Malformed),
                "reading {:?} judged {:?} on its own",
                reading.dial_string(),
                again.verdict()
            );
        }
    }
}
