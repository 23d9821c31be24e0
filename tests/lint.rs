//! Policy lint (docs/contract.md §2 item 10).

use dialguard::{DialPolicy, NumberType, Severity, WarningKind};

/// The warnings of a policy, but `home-region-blocked` (most policies here
/// do not allow their home region; `home_region_blocked` tests it).
fn lint(json: &str) -> Vec<(String, Severity, String, Vec<String>)> {
    DialPolicy::from_json(json)
        .unwrap()
        .lint()
        .into_iter()
        .filter(|w| w.kind != WarningKind::HomeRegionBlocked)
        .map(|w| {
            (
                w.kind.code().to_string(),
                w.severity,
                w.message,
                w.regions.iter().map(|r| r.id().to_string()).collect(),
            )
        })
        .collect()
}

fn codes(json: &str) -> Vec<String> {
    lint(json).into_iter().map(|w| w.0).collect()
}

/// The policy with the number types lint asks for blocked.
fn blocking(json: &str) -> String {
    let open = json.strip_suffix('}').unwrap();
    format!(r#"{open}, "blockNumberTypes": ["premium-rate", "shared-cost", "personal-number"]}}"#)
}

#[test]
fn a_clean_policy_says_nothing() {
    assert!(lint(&blocking(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)).is_empty());
    assert!(lint(&blocking(
        r#"{"homeRegion": "US", "allow": ["CA"], "sharedCodes": "by-region", "judgeNationalDialing": true,
            "featureCodes": ["*72", "*68", "*63", "*40", "*42", "*56", "*67", "*82"]}"#
    ))
    .is_empty());
}

#[test]
fn home_region_blocked() {
    let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#).unwrap();
    let warnings = policy.lint();
    let w = warnings.last().unwrap();
    assert_eq!((w.kind, w.severity), (WarningKind::HomeRegionBlocked, Severity::Info));
    assert_eq!(
        w.message,
        "Mexico (+52), the home region, is not allowed: calls to it dialed in international format \
         (+52…, as contacts are often saved, or 00 52…) are blocked. Allow Mexico to let them through."
    );
    assert_eq!(w.regions.iter().map(|r| r.id()).collect::<Vec<_>>(), ["MX"]);
    // The fix allows what the warning is about, and nothing else changes.
    let fix = w.fix.as_ref().unwrap();
    assert_eq!(fix.allow.as_deref(), Some(&["AR".to_string(), "MX".to_string()][..]));
    let fixed = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR", "MX"]}"#).unwrap();
    assert_eq!(policy.verdict("+52 55 1234 5678").as_str(), "blocked");
    assert_eq!(fixed.verdict("+52 55 1234 5678").as_str(), "allowed");
    assert!(fixed.lint().iter().all(|w| w.kind != WarningKind::HomeRegionBlocked));

    let warned = |json: &str| {
        DialPolicy::from_json(json)
            .unwrap()
            .lint()
            .into_iter()
            .find(|w| w.kind == WarningKind::HomeRegionBlocked)
            .map(|w| w.message)
    };
    // By region, Canada allows no US number; together, it allows them all.
    assert!(warned(r#"{"homeRegion": "US", "allow": ["CA"], "sharedCodes": "by-region"}"#).is_some());
    assert_eq!(warned(r#"{"homeRegion": "US", "allow": ["CA"]}"#), None);
    // A range of the home region allows some of it; nothing allowed and
    // protection off have their own warnings.
    assert_eq!(warned(r#"{"homeRegion": "MX", "allow": ["+5255"]}"#), None);
    assert_eq!(warned(r#"{"homeRegion": "MX"}"#), None);
    assert_eq!(
        warned(r#"{"homeRegion": "MX", "allow": ["AR"], "enabled": false}"#),
        None
    );
    // Without + as a prefix, only the prefix's dials are blocked.
    let message = warned(r#"{"homeRegion": "MX", "allow": ["AR"], "plusIsInternational": false}"#).unwrap();
    assert!(message.contains("(00 52…) are blocked"), "{message}");
}

#[test]
fn missing_home_prefix() {
    let w = lint(&blocking(
        r#"{"homeRegion": "MX", "internationalPrefixes": ["00"], "allow": ["AR"]}"#,
    ));
    assert_eq!(
        w,
        [(
            "missing-home-prefix".into(),
            Severity::Warning,
            "Mexico also uses 09 as an international prefix; calls dialed 09… are not checked.".into(),
            vec!["MX".into()]
        )]
    );
    let au = lint(&blocking(
        r#"{"homeRegion": "AU", "internationalPrefixes": ["0011"], "allow": ["NZ"]}"#,
    ));
    assert!(
        au[0]
            .2
            .starts_with("Australia also uses 15 other international prefixes (0014, 0015, 0016 and 12 more)"),
        "{}",
        au[0].2
    );
    let cn = lint(&blocking(
        r#"{"homeRegion": "CN", "internationalPrefixes": ["00"], "allow": ["AR"]}"#,
    ));
    assert!(
        cn[0]
            .2
            .starts_with("China also uses 2,100 other international prefixes"),
        "{}",
        cn[0].2
    );
    assert!(codes(&blocking(
        r#"{"homeRegion": "MX", "internationalPrefixes": ["09", "00"], "allow": ["AR"]}"#
    ))
    .is_empty());
}

#[test]
fn each_weak_spot() {
    assert_eq!(
        codes(&blocking(r#"{"homeRegion": "MX", "enabled": false, "allow": ["AR"]}"#)),
        ["protection-disabled"]
    );
    assert_eq!(
        codes(&blocking(
            r#"{"homeRegion": "MX", "plusIsInternational": false, "allow": ["AR"]}"#
        )),
        ["plus-not-international"]
    );
    assert_eq!(codes(&blocking(r#"{"homeRegion": "MX"}"#)), ["nothing-allowed"]);
    assert_eq!(
        codes(&blocking(r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#)),
        ["no-home-region"]
    );
    assert_eq!(
        codes(&blocking(
            r#"{"homeRegion": "MX", "accessCodes": ["0"], "allow": ["AR"]}"#
        )),
        ["access-code-overlap"]
    );
    // +979 is all premium rate: blocked with it, it needs no warning.
    assert_eq!(
        codes(&blocking(
            r#"{"homeRegion": "MX", "allow": ["AR", "+881", "+979", "+8823", "+808", "+870"]}"#
        )),
        ["premium-code-allowed", "premium-code-allowed", "premium-code-allowed"]
    );
    assert_eq!(
        codes(r#"{"homeRegion": "MX", "allow": ["+979", "+808"], "blockNumberTypes": ["shared-cost"]}"#),
        ["premium-code-allowed"]
    );
    assert_eq!(
        codes(
            r#"{"homeRegion": "US", "enabled": false, "plusIsInternational": false, "internationalPrefixes": ["011"], "accessCodes": ["01"]}"#
        ),
        [
            "protection-disabled",
            "plus-not-international",
            "national-dialing-not-judged",
            "access-code-overlap",
            "star-code-not-listed"
        ]
    );
}

#[test]
fn shared_code_side_effects() {
    let w = lint(&blocking(r#"{"homeRegion": "MX", "allow": ["CA"]}"#));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].0, "shared-code");
    assert!(w[0].2.starts_with("Allowing Canada also allows every other +1 destination: United States, Antigua & Barbuda, Anguilla and 21 more."), "{}", w[0].2);
    assert_eq!(w[0].3.len(), 24);
    assert!(w[0].3.contains(&"JM".to_string()));
    // Allowing every member, or the whole code, drags nothing in.
    assert!(codes(&blocking(r#"{"homeRegion": "MX", "allow": ["IT", "VA"]}"#)).is_empty());
    assert!(codes(&blocking(r#"{"homeRegion": "MX", "allow": ["+1", "CA"]}"#)).is_empty());
    assert!(codes(&blocking(
        r#"{"homeRegion": "MX", "allow": ["KZ"], "sharedCodes": "by-region"}"#
    ))
    .is_empty());
}

#[test]
fn national_dialing_not_judged() {
    let mut w = lint(&blocking(
        r#"{"homeRegion": "US", "allow": ["CA"], "sharedCodes": "by-region"}"#,
    ));
    w.retain(|w| w.0 != "star-code-not-listed");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].0, "national-dialing-not-judged");
    assert!(
        w[0].2
            .starts_with("United States shares +1 with Antigua & Barbuda, Anguilla, American Samoa and 21 more"),
        "{}",
        w[0].2
    );
    assert!(w[0].3.contains(&"JM".to_string()));
    let it = lint(&blocking(r#"{"homeRegion": "IT", "allow": ["FR"]}"#));
    assert_eq!(it[0].3, ["VA"]);
    // Nothing to say where the home region has its calling code alone.
    assert!(codes(&blocking(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)).is_empty());
}

#[test]
fn warnings_come_before_information() {
    let w = lint(&blocking(r#"{"internationalPrefixes": ["00"], "enabled": false}"#));
    let severities: Vec<Severity> = w.iter().map(|w| w.1).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Info]);
}

#[test]
fn number_types_not_blocked() {
    let p = DialPolicy::from_json(
        r#"{"homeRegion": "MX", "allow": ["GB", "LV"], "sharedCodes": "by-region", "blockNumberTypes": ["mobile"]}"#,
    )
    .unwrap();
    let w = p.lint();
    let w = w.iter().find(|w| w.kind == WarningKind::NumberTypesNotBlocked).unwrap();
    assert_eq!(w.kind.code(), "number-types-not-blocked");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.message,
        "Allowed destinations have premium-rate numbers (United Kingdom 90…, Latvia 90…), shared-cost numbers \
         (Latvia 81…) and personal numbers (United Kingdom 70…), where toll fraud pays out. Add \"premium-rate\", \
         \"shared-cost\" and \"personal-number\" to blockNumberTypes to block them."
    );
    let ids: Vec<&str> = w.regions.iter().map(|r| r.id()).collect();
    assert_eq!(ids, ["GB", "LV"]);
    // The fix is the whole list to set: the types blocked now, and the rest.
    let fix = vec![
        NumberType::Mobile,
        NumberType::PremiumRate,
        NumberType::SharedCost,
        NumberType::PersonalNumber,
    ];
    assert_eq!(w.fix.as_ref().and_then(|f| f.block_number_types.clone()), Some(fix));

    // A range of a shared code is named once (its numbers are the same).
    let w = lint(r#"{"homeRegion": "MX", "allow": ["GG"], "blockNumberTypes": ["personal-number"]}"#);
    assert_eq!(w[0].2, "Allowed destinations have premium-rate numbers (Guernsey 90…), where toll fraud pays out. Add \"premium-rate\" to blockNumberTypes to block them.");
    // Applied, the warning goes.
    let fixed = r#"{"homeRegion": "MX", "allow": ["GB", "LV"], "blockNumberTypes": ["mobile", "premium-rate", "shared-cost", "personal-number"]}"#;
    assert!(!codes(fixed).contains(&"number-types-not-blocked".to_string()));
    // Only what is missing is asked for, and only where it can be called.
    let w = lint(r#"{"homeRegion": "MX", "allow": ["GB", "LV"], "blockNumberTypes": ["premium-rate"]}"#);
    assert!(
        w[0].2
            .starts_with("Allowed destinations have shared-cost numbers (Latvia 81…) and personal numbers"),
        "{}",
        w[0].2
    );
    let w = lint(r#"{"homeRegion": "MX", "allow": ["+4490"], "blockNumberTypes": ["shared-cost", "personal-number"]}"#);
    assert_eq!(w[0].2, "Allowed destinations have premium-rate numbers (United Kingdom 90…), where toll fraud pays out. Add \"premium-rate\" to blockNumberTypes to block them.");
    // Nothing to say when what is allowed has none, or protection is off.
    assert!(codes(r#"{"homeRegion": "MX", "allow": ["+4420"]}"#).is_empty());
    assert!(!codes(r#"{"homeRegion": "MX", "enabled": false, "allow": ["LV"]}"#)
        .contains(&"number-types-not-blocked".into()));
}

#[test]
fn warnings_without_a_fix_have_none() {
    let p = DialPolicy::from_json(r#"{"homeRegion": "MX", "internationalPrefixes": ["00"], "allow": ["CA"]}"#).unwrap();
    assert!(p
        .lint()
        .iter()
        .filter(|w| !matches!(
            w.kind,
            WarningKind::NumberTypesNotBlocked | WarningKind::HomeRegionBlocked
        ))
        .all(|w| w.fix.is_none()));
}

/// A star code that carries a number, unlisted, is read every way its
/// digits allow; lint lists the home region's and gives the fix.
#[test]
fn star_codes_not_listed() {
    let policy = DialPolicy::from_json(r#"{"homeRegion": "CA", "allow": ["US"], "featureCodes": ["*67"]}"#).unwrap();
    let warnings = policy.lint();
    let w = warnings
        .iter()
        .find(|w| w.kind == WarningKind::StarCodeNotListed)
        .expect("a warning");
    assert!(
        w.message
            .starts_with("*72, *68, *63 and 4 more carry a number in Canada"),
        "{}",
        w.message
    );
    let Some(fix) = w.fix.as_ref().and_then(|f| f.feature_codes.as_ref()) else {
        panic!("a fix: {:?}", w.fix)
    };
    assert_eq!(fix, &["*67", "*72", "*68", "*63", "*40", "*42", "*56", "*82"]);
    // Applied, nothing is left to say about it.
    let fixed = format!(r#"{{"homeRegion": "CA", "allow": ["US"], "featureCodes": {fix:?}}}"#);
    assert!(!codes(&fixed).contains(&"star-code-not-listed".to_string()));
    // A home region with none in the table.
    assert!(!codes(r#"{"homeRegion": "FR", "allow": ["DE"]}"#).contains(&"star-code-not-listed".to_string()));
}

/// docs/contract.md §4 step 7: by region, ranges an allowed region shares
/// with another are allowed for both; lint names them (but toll-free ones,
/// and those a type block leaves nothing of).
#[test]
fn shared_ranges() {
    let w = lint(r#"{"homeRegion": "FR", "allow": ["GG"], "sharedCodes": "by-region"}"#);
    let shared = w.iter().find(|w| w.0 == "shared-range").expect("a warning");
    assert!(
        shared
            .2
            .starts_with("Allowing Guernsey also allows numbers of United Kingdom (+44 30…"),
        "{}",
        shared.2
    );
    assert!(shared.3.contains(&"GB".to_string()) && shared.3.contains(&"JE".to_string()));
    // Allowing the region it shares with too, nothing of it is left.
    let both = lint(r#"{"homeRegion": "FR", "allow": ["GG", "GB", "JE", "IM"], "sharedCodes": "by-region"}"#);
    assert!(both.iter().all(|w| w.0 != "shared-range"));
    // Together, the shared-code warning says it all.
    let together = lint(r#"{"homeRegion": "FR", "allow": ["GG"]}"#);
    assert!(together.iter().all(|w| w.0 != "shared-range"));
}

/// Ranges filed under one region that serve a territory of their own
/// (xtask/territories.tsv): Abkhazia under Russia and Georgia.
#[test]
fn territories_in_allowed_ranges() {
    let w = lint(r#"{"homeRegion": "DE", "allow": ["RU", "GE"]}"#);
    let t = w.iter().find(|w| w.0 == "territory-in-range").expect("a warning");
    assert!(t.2.contains("Abkhazia (+7 840…, +7 940…, as Russia)"), "{}", t.2);
    assert!(t.2.contains("Abkhazia (+995 44…, as Georgia)"), "{}", t.2);
    assert_eq!(t.3, ["RU", "GE"]);
    // Moscow's range alone reaches none of them.
    assert!(codes(r#"{"homeRegion": "DE", "allow": ["+7495"]}"#)
        .iter()
        .all(|c| c != "territory-in-range"));
}

/// What a settings page shows an admin: the finding, never a configuration
/// key; the message is the finding, then the advice for a developer.
#[test]
fn findings_name_no_configuration_key() {
    let policies = [
        r#"{"homeRegion": "MX", "enabled": false, "plusIsInternational": false, "internationalPrefixes": ["00"], "accessCodes": ["0"], "allow": ["CA", "LV", "+881"]}"#,
        r#"{"homeRegion": "US", "allow": ["GG", "RU"], "sharedCodes": "by-region"}"#,
        r#"{"homeRegion": "US"}"#,
        r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#,
    ];
    let mut kinds = Vec::new();
    for json in policies {
        for w in DialPolicy::from_json(json).unwrap().lint() {
            assert!(w.message.starts_with(&w.finding), "{w:?}");
            // "allow" and "enabled" are words too: the camelCase keys.
            for key in dialguard::PolicyConfig::keys()
                .iter()
                .filter(|k| k.chars().any(|c| c.is_ascii_uppercase()))
            {
                assert!(!w.finding.contains(key), "{key} in the finding of {w:?}");
            }
            kinds.push(w.kind);
        }
    }
    for kind in [
        WarningKind::NumberTypesNotBlocked,
        WarningKind::SharedCode,
        WarningKind::NationalDialingNotJudged,
        WarningKind::ProtectionDisabled,
        WarningKind::MissingHomePrefix,
        WarningKind::StarCodeNotListed,
        WarningKind::SharedRange,
        WarningKind::TerritoryInRange,
        WarningKind::HomeRegionBlocked,
        WarningKind::NothingAllowed,
        WarningKind::NoHomeRegion,
        WarningKind::PremiumCodeAllowed,
        WarningKind::AccessCodeOverlap,
        WarningKind::PlusNotInternational,
    ] {
        assert!(kinds.contains(&kind), "no policy here gives {}", kind.code());
    }
}
