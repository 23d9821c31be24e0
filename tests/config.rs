//! Policy configuration: validation errors name the field, normalization.

use dialguard::{ConfigErrorKind, DialPolicy, PolicyConfig, SharedCodes};

fn error(json: &str) -> (ConfigErrorKind, String, String) {
    let err = DialPolicy::from_json(json).expect_err(json);
    (err.kind(), err.path().to_string(), err.message())
}

#[test]
fn errors_name_the_field() {
    use ConfigErrorKind::*;
    let cases: &[(&str, ConfigErrorKind, &str, &str)] = &[
        (r#"{"internationalPrefixes": ["00"], "allow": ["AR", "MX", "XX"]}"#, UnknownRegion, "allow[2]", r#"allow[2]: unknown region "XX""#),
        (r#"{"internationalPrefixes": ["00"], "allow": ["001"]}"#, UnknownRegion, "allow[0]", r#"allow[0]: unknown region "001": allow a non-geographic code by its calling code, such as "+881""#),
        (r#"{"internationalPrefixes": ["00"], "allow": ["+999"]}"#, UnassignedCode, "allow[0]", r#"allow[0]: "+999" does not start with an assigned calling code"#),
        (r#"{"internationalPrefixes": ["00"], "allow": ["+"]}"#, InvalidValue, "allow[0]", r#"allow[0]: a calling code is "+" and digits, such as "+44" or "+1876""#),
        (r#"{"internationalPrefixes": ["00"], "allow": ["+1 876"]}"#, InvalidValue, "allow[0]", r#"allow[0]: a calling code is "+" and digits, such as "+44" or "+1876""#),
        (r#"{"internationalPrefixes": ["00"], "allow": ["Argentina"]}"#, InvalidValue, "allow[0]", r#"allow[0]: "Argentina" is neither a region ("AR") nor a calling code ("+54")"#),
        (r#"{"internationalPrefixes": ["00a"]}"#, InvalidValue, "internationalPrefixes[0]", "internationalPrefixes[0]: must be 1 to 15 digits"),
        (r#"{"internationalPrefixes": ["00", ""]}"#, InvalidValue, "internationalPrefixes[1]", "internationalPrefixes[1]: must be 1 to 15 digits"),
        (r#"{"internationalPrefixes": ["+"]}"#, InvalidValue, "internationalPrefixes[0]", r#"internationalPrefixes[0]: must be digits; "+" is governed by plusIsInternational"#),
        (r#"{"internationalPrefixes": []}"#, InvalidValue, "internationalPrefixes", "internationalPrefixes: must list at least one prefix"),
        (r#"{"allow": ["AR"]}"#, MissingPrefixes, "internationalPrefixes", "internationalPrefixes: give internationalPrefixes, or a homeRegion to take them from"),
        (r#"{"homeRegion": "XX"}"#, UnknownRegion, "homeRegion", r#"homeRegion: unknown region "XX""#),
        (r#"{"homeRegion": ""}"#, UnknownRegion, "homeRegion", r#"homeRegion: unknown region """#),
        (r#"{"homeRegion": 52}"#, WrongType, "homeRegion", "homeRegion: expected a string, got a number"),
        (r#"{"homeRegion": "MX", "accessCodes": ["9a"]}"#, InvalidValue, "accessCodes[0]", "accessCodes[0]: must be 1 to 15 digits"),
        (r#"{"homeRegion": "MX", "featureCodes": ["67"]}"#, InvalidValue, "featureCodes[0]", r#"featureCodes[0]: must be * or # then digits, * or #, such as "*67""#),
        (r#"{"homeRegion": "MX", "featureCodes": ["*"]}"#, InvalidValue, "featureCodes[0]", r#"featureCodes[0]: must be * or # then digits, * or #, such as "*67""#),
        (r#"{"homeRegion": "MX", "sharedCodes": "regional"}"#, InvalidValue, "sharedCodes", r#"sharedCodes: must be "together" or "by-region""#),
        (r#"{"homeRegion": "MX", "enabled": 1}"#, WrongType, "enabled", "enabled: expected true or false, got a number"),
        (r#"{"homeRegion": "MX", "allow": "AR"}"#, WrongType, "allow", "allow: expected a list of strings, got a string"),
        (r#"{"homeRegion": "MX", "allow": [["AR"]]}"#, WrongType, "allow[0]", "allow[0]: expected a string, got a list"),
        (r#"{"homeRegion": "MX", "allow": [], "allow": ["AR"]}"#, DuplicateKey, "allow", "allow: given twice"),
        (r#"{"homeRegion": "MX", "allowed": ["AR"]}"#, UnknownKey, "allowed", "allowed: unknown key; the keys are enabled, homeRegion, internationalPrefixes, plusIsInternational, accessCodes, featureCodes, keypadLetters, allow, sharedCodes, judgeNationalDialing, blockNumberTypes"),
        (r#"{"homeRegion": "MX", "blockNumberTypes": ["premium-rate", "premium"]}"#, InvalidValue, "blockNumberTypes[1]", r#"blockNumberTypes[1]: unknown number type "premium""#),
        (r#"{"internationalPrefixes": ["00"], "judgeNationalDialing": true}"#, MissingHomeRegion, "judgeNationalDialing", "judgeNationalDialing: needs a homeRegion: national format is the home region's"),
        (r#"["AR"]"#, WrongType, "", "expected a policy object, got a list"),
        (r#"[false]"#, WrongType, "", "expected a policy object, got a list"),
        (r#"{"homeRegion": "MX",}"#, Syntax, "", "invalid JSON: trailing comma at line 1 column 21"),
    ];
    for (json, kind, path, message) in cases {
        assert_eq!(error(json), (*kind, path.to_string(), message.to_string()), "{json}");
    }
}

#[test]
fn error_codes_are_kebab_case_and_distinct() {
    let kinds = [
        ConfigErrorKind::Syntax,
        ConfigErrorKind::UnknownKey,
        ConfigErrorKind::DuplicateKey,
        ConfigErrorKind::WrongType,
        ConfigErrorKind::InvalidValue,
        ConfigErrorKind::UnknownRegion,
        ConfigErrorKind::UnassignedCode,
        ConfigErrorKind::MissingPrefixes,
        ConfigErrorKind::MissingHomeRegion,
        ConfigErrorKind::TooLarge,
    ];
    let codes: std::collections::BTreeSet<&str> = kinds.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), kinds.len());
    assert!(codes
        .iter()
        .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
}

#[test]
fn lists_are_bounded() {
    let allow: Vec<String> = (0..4097).map(|_| "\"AR\"".to_string()).collect();
    let json = format!(r#"{{"homeRegion": "MX", "allow": [{}]}}"#, allow.join(","));
    assert_eq!(error(&json).0, ConfigErrorKind::TooLarge);
}

#[test]
fn normalized_config() {
    let policy = DialPolicy::from_json(
        r#"{"homeRegion": "mx", "allow": ["ar", "AR", "+1876", "ca"], "accessCodes": ["9", "9"],
            "featureCodes": ["*67", "*67"], "sharedCodes": "by-region"}"#,
    )
    .unwrap();
    let config = policy.config();
    assert_eq!(config.home_region.as_deref(), Some("MX"));
    assert_eq!(config.allow, ["AR", "+1876", "CA"]);
    assert_eq!(config.access_codes, ["9"]);
    assert_eq!(config.feature_codes, ["*67"]);
    assert_eq!(config.international_prefixes, None, "defaulted prefixes stay implicit");
    assert_eq!(
        policy.to_json(),
        r#"{"enabled":true,"homeRegion":"MX","plusIsInternational":true,"accessCodes":["9"],"featureCodes":["*67"],"keypadLetters":false,"allow":["AR","+1876","CA"],"sharedCodes":"by-region","judgeNationalDialing":false,"blockNumberTypes":[]}"#
    );
    // The normalized form builds the same policy.
    let again = DialPolicy::from_json(&policy.to_json()).unwrap();
    assert_eq!(again.config(), policy.config());
}

#[test]
fn built_from_rust() {
    let config = PolicyConfig {
        international_prefixes: Some(vec!["00".into()]),
        allow: vec!["AR".into()],
        shared_codes: SharedCodes::ByRegion,
        ..PolicyConfig::default()
    };
    let policy = DialPolicy::new(config).unwrap();
    assert_eq!(policy.check("0054 11").verdict().as_str(), "allowed");
}

#[test]
fn serde_json_and_from_json_agree() {
    let texts = [
        r#"{"homeRegion": "MX", "allow": ["AR"]}"#,
        r#"{"enabled": false, "internationalPrefixes": ["00", "09"], "plusIsInternational": false,
            "accessCodes": ["9"], "featureCodes": ["*67"], "keypadLetters": true, "allow": ["+1876"],
            "sharedCodes": "by-region"}"#,
        r#"{"homeRegion": "US", "judgeNationalDialing": true}"#,
        r#"{"homeRegion": null, "internationalPrefixes": ["011"]}"#,
    ];
    for text in texts {
        let ours = PolicyConfig::from_json(text).unwrap();
        let theirs: PolicyConfig = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
        assert_eq!(
            PolicyConfig::from_json(&serde_json::to_string(&ours).unwrap()).unwrap(),
            ours
        );
    }
    assert!(serde_json::from_str::<PolicyConfig>(r#"{"allowed": []}"#).is_err());
}
