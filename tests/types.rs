//! Number-type tiers (docs/contract.md §2 item 11; §4 step 8): the
//! worked cases, the config, and how type blocks meet the allow list.

use dialguard::{ConfigErrorKind, DialPolicy, NumberType, Reason, Verdict};

fn policy(json: &str) -> DialPolicy {
    DialPolicy::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// (verdict, reason, canBeAllowed, numberType) of a dial.
fn judged(p: &DialPolicy, dial: &str) -> (Verdict, &'static str, Option<bool>, Option<NumberType>) {
    let d = p.check(dial);
    assert_eq!(p.verdict(dial), d.verdict(), "{dial}");
    (d.verdict(), d.reason().as_str(), d.can_be_allowed(), d.number_type())
}

#[test]
fn the_worked_cases_of_the_spec() {
    let p = policy(
        r#"{"internationalPrefixes": ["00"], "allow": ["GB", "LV", "+979"], "blockNumberTypes": ["premium-rate"]}"#,
    );
    use NumberType::*;
    assert_eq!(
        judged(&p, "+44 909 876 5432"),
        (Verdict::Blocked, "number-type-blocked", None, Some(PremiumRate))
    );
    // Decided as the digits arrive: every +44 90… number is premium rate;
    // +44 9… has others (and numbers of no type).
    assert_eq!(judged(&p, "+44 90").0, Verdict::Blocked);
    assert_eq!(judged(&p, "+44 9").0, Verdict::Incomplete);
    assert_eq!(
        judged(&p, "+44 20 7946 0000"),
        (Verdict::Allowed, "region-allowed", None, Some(FixedLine))
    );
    assert_eq!(
        judged(&p, "+44 8"),
        (Verdict::Incomplete, "incomplete-number", Some(true), None)
    );
    assert_eq!(
        judged(&p, "+371 90 123 456"),
        (Verdict::Blocked, "number-type-blocked", None, Some(PremiumRate))
    );
    assert_eq!(judged(&p, "+371 2123 4567").3, Some(Mobile));
    assert_eq!(
        judged(&p, "+979 1 234 5678"),
        (Verdict::Blocked, "number-type-blocked", None, Some(PremiumRate))
    );
    assert_eq!(judged(&p, "00 979 1 234 5678").1, "number-type-blocked");
}

#[test]
fn without_blocked_types_nothing_changes_but_the_number_type_is_told() {
    let p = policy(r#"{"internationalPrefixes": ["00"], "allow": ["GB"]}"#);
    assert_eq!(
        judged(&p, "+44 909 876 5432"),
        (Verdict::Allowed, "region-allowed", None, Some(NumberType::PremiumRate))
    );
    assert_eq!(judged(&p, "+44 0").3, Some(NumberType::Unknown));
    assert_eq!(judged(&p, "+44").3, None);
    assert_eq!(judged(&p, "+4").3, None);
    assert_eq!(judged(&p, "44 909 876 5432").3, None);
    // A destination the policy cannot allow: where and why, not its type
    // (its numbering data is not in the policy, nor in its bytes).
    assert_eq!(
        judged(&p, "+33 6 12 34 56 78"),
        (Verdict::Blocked, "not-allowed", None, None)
    );
    assert_eq!(p.check("+33 6 12 34 56 78").validity(), None);
    // The home region's numbers are told too.
    let us = policy(r#"{"homeRegion": "US", "allow": ["GB"]}"#);
    assert_eq!(judged(&us, "011 1 800 555 0123").3, Some(NumberType::TollFree));
    assert_eq!(judged(&us, "+1 212 555 0123").3, Some(NumberType::FixedLineOrMobile));
    assert_eq!(judged(&us, "+33 6 12 34 56 78").3, None);
}

#[test]
fn an_entry_with_national_digits_wins_over_a_type_block() {
    let p =
        policy(r#"{"internationalPrefixes": ["00"], "allow": ["GB", "+44870"], "blockNumberTypes": ["premium-rate"]}"#);
    // 0870 and 0871 are both premium rate in libphonenumber.
    assert_eq!(
        judged(&p, "+44 870 123 4567"),
        (Verdict::Allowed, "range-allowed", None, Some(NumberType::PremiumRate))
    );
    assert_eq!(judged(&p, "+44 871 123 4567").1, "number-type-blocked");
    assert_eq!(p.check("+44 870 123 4567").rule(), Some("+44870"));
    // Alone, the entry allows its range and nothing else.
    let p = policy(r#"{"internationalPrefixes": ["00"], "allow": ["+44870"], "blockNumberTypes": ["premium-rate"]}"#);
    assert_eq!(judged(&p, "+44 870 123 4567").0, Verdict::Allowed);
    assert_eq!(judged(&p, "+44 871 123 4567").1, "not-allowed");
}

#[test]
fn type_blocks_apply_in_both_shared_code_modes() {
    for mode in ["together", "by-region"] {
        let p = policy(&format!(
            r#"{{"internationalPrefixes": ["011"], "allow": ["CA"], "sharedCodes": "{mode}", "blockNumberTypes": ["premium-rate", "toll-free"]}}"#
        ));
        assert_eq!(judged(&p, "+1 900 555 0123").1, "number-type-blocked", "{mode}");
        assert_eq!(judged(&p, "+1 800 555 0123").1, "number-type-blocked", "{mode}");
        assert_eq!(judged(&p, "+1 416 555 0123").0, Verdict::Allowed, "{mode}");
    }
    // A destination that is not allowed stays not allowed, whatever its type.
    let p = policy(
        r#"{"internationalPrefixes": ["011"], "allow": ["CA"], "sharedCodes": "by-region", "blockNumberTypes": ["premium-rate"]}"#,
    );
    assert_eq!(judged(&p, "+1 876 555 0123").1, "not-allowed");
}

#[test]
fn overlapping_and_merged_types_are_blocked_by_either() {
    // Fixed-line-or-mobile numbers are blocked by either of the two.
    for blocked in ["mobile", "fixed-line"] {
        let p = policy(&format!(
            r#"{{"internationalPrefixes": ["011"], "allow": ["US"], "blockNumberTypes": ["{blocked}"]}}"#
        ));
        assert_eq!(judged(&p, "+1 212 555 0123").1, "number-type-blocked", "{blocked}");
        assert_eq!(judged(&p, "+1 800 555 0123").0, Verdict::Allowed, "{blocked}");
    }
}

#[test]
fn a_complete_number_is_judged_as_it_is() {
    // German mobile numbers of 11 digits, and voicemail numbers two digits
    // longer below them. A complete allowed number is allowed (a PBX may
    // place it as it is); a complete blocked one is not placed either, but
    // may still go on to an allowed one (not to no number at all: see
    // `a_dial_past_a_blocked_number_into_no_number_is_blocked`).
    let mobile = "+49 1521 5512345";
    let voicemail = "+49 1521 551234567";
    for (blocked, eleven, thirteen) in [
        (
            "voicemail",
            (Verdict::Allowed, "region-allowed", None),
            Verdict::Blocked,
        ),
        (
            "mobile",
            (Verdict::Incomplete, "incomplete-number", Some(true)),
            Verdict::Allowed,
        ),
    ] {
        let p = policy(&format!(
            r#"{{"internationalPrefixes": ["00"], "allow": ["DE"], "blockNumberTypes": ["{blocked}"]}}"#
        ));
        let (verdict, reason, can_be_allowed) = eleven;
        assert_eq!(
            judged(&p, mobile),
            (verdict, reason, can_be_allowed, Some(NumberType::Mobile)),
            "{blocked}"
        );
        assert_eq!(judged(&p, voicemail).0, thirteen, "{blocked}");
        assert_eq!(judged(&p, voicemail).3, Some(NumberType::Voicemail));
    }
}

#[test]
fn unknown_blocks_ranges_libphonenumber_does_not_have() {
    let p = policy(r#"{"internationalPrefixes": ["00"], "allow": ["GB", "US"], "blockNumberTypes": ["unknown"]}"#);
    assert_eq!(
        judged(&p, "+44 0 20 7946 0000"),
        (Verdict::Blocked, "number-type-blocked", None, Some(NumberType::Unknown))
    );
    assert_eq!(judged(&p, "+1 123 555 0123").1, "number-type-blocked");
    assert_eq!(judged(&p, "+44 20 7946 0000").0, Verdict::Allowed);
}

#[test]
fn protection_off_blocks_no_type() {
    let p = policy(r#"{"enabled": false, "internationalPrefixes": ["00"], "blockNumberTypes": ["premium-rate"]}"#);
    assert_eq!(
        judged(&p, "+44 909 876 5432"),
        (
            Verdict::Allowed,
            "protection-disabled",
            None,
            Some(NumberType::PremiumRate)
        )
    );
}

#[test]
fn national_dials_within_the_home_region_are_typed() {
    let p = policy(
        r#"{"homeRegion": "GB", "judgeNationalDialing": true, "allow": ["FR"], "blockNumberTypes": ["premium-rate", "unknown"]}"#,
    );
    assert_eq!(
        judged(&p, "0909 876 5432"),
        (
            Verdict::Blocked,
            "number-type-blocked",
            None,
            Some(NumberType::PremiumRate)
        )
    );
    assert_eq!(
        judged(&p, "020 7946 0000"),
        (Verdict::NotInternational, "domestic", None, Some(NumberType::FixedLine))
    );
    // Only a number after the trunk prefix: short codes and local numbers
    // are no national numbers.
    for short in ["999", "112", "111", "100", "118 118", "909 8765"] {
        assert_eq!(
            judged(&p, short),
            (Verdict::NotInternational, "domestic", None, None),
            "{short}"
        );
    }
    // Typed from the seventh national digit on.
    assert_eq!(judged(&p, "0909 876").1, "domestic");
    assert_eq!(judged(&p, "0909 8765").1, "number-type-blocked");
    assert_eq!(judged(&p, "00 33 1 23 45 67 89").0, Verdict::Allowed);
    // Without judgeNationalDialing, national dials are not judged at all.
    let p = policy(r#"{"homeRegion": "GB", "allow": ["FR"], "blockNumberTypes": ["premium-rate"]}"#);
    assert_eq!(
        judged(&p, "0909 876 5432"),
        (Verdict::NotInternational, "no-international-prefix", None, None)
    );
}

#[test]
fn national_dials_without_a_trunk_prefix_are_typed_once_long_enough() {
    // Spain has no trunk prefix: 803 numbers are premium rate; 112 and
    // 116111 are short codes.
    let p = policy(
        r#"{"homeRegion": "ES", "judgeNationalDialing": true, "blockNumberTypes": ["premium-rate", "uan", "personal-number", "shared-cost"]}"#,
    );
    assert_eq!(judged(&p, "803 123 456").1, "number-type-blocked");
    assert_eq!(judged(&p, "905 123 456").1, "domestic", "fixed line");
    for short in ["112", "091", "116111", "016"] {
        assert_eq!(judged(&p, short).1, "domestic", "{short}");
    }
}

/// No emergency or common short code is ever blocked as a national dial,
/// from any region, whatever special types are blocked (blocking fixed-line
/// or mobile numbers blocks most national numbers, as asked).
#[test]
fn emergency_numbers_are_never_type_blocked() {
    let blocked = r#"["premium-rate", "shared-cost", "personal-number", "voip", "uan", "pager", "voicemail", "toll-free", "unknown"]"#;
    let short = [
        "112", "911", "999", "000", "110", "119", "118", "100", "101", "102", "103", "104", "105", "106", "107", "108",
        "113", "115", "117", "122", "123", "15", "17", "18", "190", "191", "192", "193", "197", "199", "995", "997",
        "998", "10111", "10177", "1122", "1669", "116000", "116111", "116117",
    ];
    for region in dialguard::regions().filter(|r| r.is_geographic()) {
        let json = format!(
            r#"{{"homeRegion": "{}", "judgeNationalDialing": true, "blockNumberTypes": {blocked}}}"#,
            region.id()
        );
        let p = policy(&json);
        for dial in short {
            assert_ne!(
                p.check(dial).reason(),
                Reason::NumberTypeBlocked,
                "{dial} from {}",
                region.id()
            );
        }
    }
}

#[test]
fn the_config_lists_the_blocked_types() {
    let p = policy(
        r#"{"internationalPrefixes": ["00"], "blockNumberTypes": ["premium-rate", "shared-cost", "premium-rate"]}"#,
    );
    assert_eq!(p.config().block_number_types, ["premium-rate", "shared-cost"]);
    assert!(
        p.to_json()
            .ends_with(r#""blockNumberTypes":["premium-rate","shared-cost"]}"#),
        "{}",
        p.to_json()
    );
    let again = DialPolicy::from_json(&p.to_json()).unwrap();
    assert_eq!(again.config(), p.config());
    assert_eq!(
        policy(r#"{"internationalPrefixes": ["00"]}"#)
            .config()
            .block_number_types,
        Vec::<String>::new()
    );
}

#[test]
fn unknown_number_types_are_an_error_naming_the_entry() {
    let cases = [
        (
            r#"["premium-rate", "premium"]"#,
            "blockNumberTypes[1]",
            r#"unknown number type "premium""#,
        ),
        (
            r#"["Premium-Rate"]"#,
            "blockNumberTypes[0]",
            r#"unknown number type "Premium-Rate""#,
        ),
        // Two types: block fixed-line or mobile.
        (
            r#"["fixed-line-or-mobile"]"#,
            "blockNumberTypes[0]",
            r#"unknown number type "fixed-line-or-mobile""#,
        ),
    ];
    for (list, path, detail) in cases {
        let err = DialPolicy::from_json(&format!(
            r#"{{"internationalPrefixes": ["00"], "blockNumberTypes": {list}}}"#
        ))
        .unwrap_err();
        assert_eq!(
            (err.kind(), err.path(), err.detail()),
            (ConfigErrorKind::InvalidValue, path, detail)
        );
    }
    let err =
        DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "blockNumberTypes": "premium-rate"}"#).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ConfigErrorKind::WrongType, "blockNumberTypes")
    );
    assert_eq!(
        err.message(),
        "blockNumberTypes: expected a list of strings, got a string"
    );
}

#[test]
fn every_blockable_type_name_is_accepted() {
    for t in NumberType::ALL {
        let json = format!(
            r#"{{"internationalPrefixes": ["00"], "blockNumberTypes": ["{}"]}}"#,
            t.as_str()
        );
        let accepted = DialPolicy::from_json(&json).is_ok();
        assert_eq!(accepted, *t != NumberType::FixedLineOrMobile, "{}", t.as_str());
        assert_eq!(NumberType::from_name(t.as_str()), Some(*t));
    }
}

#[test]
fn unknown_blocks_exactly_the_numbers_of_no_type_and_of_no_possible_length() {
    // Latvia: mobile 2… but not 2301…; 8 digits.
    let p = policy(
        r#"{"internationalPrefixes": ["00"], "allow": ["LV"], "blockNumberTypes": ["fixed-line", "premium-rate", "shared-cost", "toll-free", "unknown"]}"#,
    );
    use NumberType::*;
    assert_eq!(
        judged(&p, "+371 2").0,
        Verdict::Incomplete,
        "not allowed before the digits say"
    );
    assert_eq!(judged(&p, "+371 2301").0, Verdict::Blocked);
    assert_eq!(
        judged(&p, "+371 2301 2345"),
        (Verdict::Blocked, "number-type-blocked", None, Some(Unknown))
    );
    assert_eq!(
        judged(&p, "+371 2123 4567"),
        (Verdict::Allowed, "region-allowed", None, Some(Mobile))
    );
    assert_eq!(
        judged(&p, "+371 2123 45678"),
        (Verdict::Blocked, "number-type-blocked", None, Some(Unknown)),
        "one digit too long"
    );
    assert_eq!(judged(&p, "+371 2123 456").0, Verdict::Incomplete, "too short");
    // Without "unknown", numbers of no type are not blocked.
    let p = policy(r#"{"internationalPrefixes": ["00"], "allow": ["LV"], "blockNumberTypes": ["premium-rate"]}"#);
    assert_eq!(judged(&p, "+371 2301 2345").0, Verdict::Allowed);
}

#[test]
fn a_dial_past_a_blocked_number_into_no_number_is_blocked() {
    // A PBX or a carrier may route the premium-rate number and send the
    // digit after it: blocked as it, though libphonenumber calls the longer
    // string no number.
    let p = policy(r#"{"internationalPrefixes": ["00"], "allow": ["LV"], "blockNumberTypes": ["premium-rate"]}"#);
    assert_eq!(judged(&p, "+371 90 123 456").0, Verdict::Blocked);
    assert_eq!(
        judged(&p, "+371 90 123 4567"),
        (Verdict::Blocked, "number-type-blocked", None, Some(NumberType::Unknown))
    );
}
