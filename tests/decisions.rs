//! docs/contract.md §4 as a decision table: every step, both sharedCodes modes.

use dialguard::{DialPolicy, Verdict};

/// The worked example of docs/contract.md §1: a factory in Mexico whose
/// customers are in Argentina.
const MX: &str = r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#;
const HOME_MX: &str = r#"{"homeRegion": "MX", "allow": ["AR"]}"#;
const TOGETHER: &str = r#"{"internationalPrefixes": ["00"], "allow": ["CA", "KZ", "VA"]}"#;
const BY_REGION: &str = r#"{"internationalPrefixes": ["00"], "allow": ["CA", "KZ", "VA"], "sharedCodes": "by-region"}"#;
const US: &str = r#"{"homeRegion": "US", "accessCodes": ["9"], "featureCodes": ["*67", "*82"],
    "allow": ["GB", "+1876", "+881"], "sharedCodes": "by-region"}"#;
const OFF: &str = r#"{"enabled": false, "internationalPrefixes": ["00"]}"#;
const NO_PLUS: &str = r#"{"internationalPrefixes": ["00"], "plusIsInternational": false, "allow": ["AR"]}"#;
const KEYPAD: &str = r#"{"homeRegion": "US", "keypadLetters": true, "allow": ["US"]}"#;
const OVERLAP: &str = r#"{"internationalPrefixes": ["00", "0011"], "allow": ["AR"]}"#;
const AU: &str = r#"{"homeRegion": "AU", "allow": ["NZ"]}"#;
const KR: &str = r#"{"homeRegion": "KR", "allow": ["JP"]}"#;
const CN: &str = r#"{"homeRegion": "CN", "allow": ["+44"]}"#;
const NAT_US: &str =
    r#"{"homeRegion": "US", "allow": ["CA"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#;
const NAT_US_TOGETHER: &str = r#"{"homeRegion": "US", "allow": ["MX"], "judgeNationalDialing": true}"#;
const NAT_US_RANGE: &str = r#"{"homeRegion": "US", "allow": ["+1876"], "judgeNationalDialing": true}"#;
const NAT_IT: &str =
    r#"{"homeRegion": "IT", "allow": ["FR"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#;
const NAT_RU: &str =
    r#"{"homeRegion": "RU", "allow": ["DE"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#;
const NAT_GB: &str =
    r#"{"homeRegion": "GB", "allow": ["FR"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#;
const CODES: &str = r#"{"internationalPrefixes": ["00"], "allow": ["+882", "+7"]}"#;

/// (policy, dial, verdict, reason, extra) where extra checks more fields:
/// `ds=` dial string, `pre=` prefix, `cc=` calling code, `nn=` national
/// number, `re=` regions (comma-separated), `rule=`, `pd=` post-dial,
/// `cba=` canBeAllowed (0/1), `pos=` position; spaces between them.
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    // Step 1 (over 256 UTF-16 units) is in `input_length` below.
    // Step 2: URIs.
    (MX, "tel:+54-11-1234-5678", "allowed", "region-allowed", "ds=+541112345678 pre=+ re=AR"),
    (MX, "TEL:+52 55 1234 5678", "blocked", "not-allowed", "ds=+525512345678"),
    (MX, "tel:0054;ext=22", "allowed", "region-allowed", "pd=x22 ds=0054"),
    (MX, "tel:0054;isub=7;user=phone", "allowed", "region-allowed", "pd=x7"),
    (MX, "sip:+541112345678@gw.example.com;user=phone", "allowed", "region-allowed", "ds=+541112345678"),
    (MX, "sips:0052155@pbx.example.com:5061", "blocked", "not-allowed", "ds=0052155"),
    (MX, "sip:+1212:secret@host", "blocked", "not-allowed", "ds=+1212 cc=1"),
    (MX, "tel:%2B52%2055", "blocked", "not-allowed", "ds=+5255"),
    (MX, "tel:12345;phone-context=+54-11", "allowed", "region-allowed", "ds=+541112345 nn=1112345"),
    (MX, "tel:12345;phone-context=example.com", "not-international", "no-international-prefix", "ds=12345"),
    (MX, "tel:0052 55 1234;phone-context=+54", "malformed", "invalid-uri", "pos=4"),
    (MX, "tel:11;phone-context=+", "malformed", "invalid-uri", "pos=21"),
    (MX, "tel:", "malformed", "invalid-uri", "pos=4 ds="),
    (MX, "tel:%zz", "malformed", "invalid-uri", "pos=4"),
    (MX, "sip:alice@example.com", "malformed", "invalid-character", "pos=4"),
    // Step 3: characters.
    (MX, "00 (54) 11-1234.5678", "allowed", "region-allowed", "ds=00541112345678 nn=1112345678"),
    (MX, "\u{FF10}\u{FF10}\u{FF15}\u{FF14}", "allowed", "region-allowed", "ds=0054"),
    (MX, "\u{0660}\u{0660}\u{0665}\u{0664}\u{0661}\u{0661}", "allowed", "region-allowed", "ds=005411"),
    (MX, "\u{0966}\u{0966}\u{096B}\u{096A}", "allowed", "region-allowed", "ds=0054"),
    (MX, "\u{1D7CE}\u{1D7CE}\u{1D7D3}\u{1D7D0}", "blocked", "not-allowed", "ds=0052"),
    (MX, "00\u{200B}52\u{FEFF}", "blocked", "not-allowed", "ds=0052"),
    (MX, "00\u{2013}54\u{2212}11", "allowed", "region-allowed", "ds=005411"),
    (MX, "\t00 54\n", "allowed", "region-allowed", ""),
    (MX, "\u{FF0B}54 11", "allowed", "region-allowed", "ds=+5411 pre=+"),
    (MX, "00\u{202E}54", "malformed", "invalid-character", "pos=2 ds="),
    (MX, "00\u{2066}54", "malformed", "invalid-character", "pos=2"),
    (MX, "+52\u{FFFD}", "malformed", "invalid-character", "pos=3"),
    (MX, "00\u{0007}54", "malformed", "invalid-character", "pos=2"),
    (MX, "00 54 abc", "malformed", "invalid-character", "pos=6"),
    (MX, "00 54 $1", "malformed", "invalid-character", "pos=6"),
    (MX, "00+54", "malformed", "misplaced-plus", "pos=2"),
    (MX, "++54", "malformed", "misplaced-plus", "pos=1"),
    (MX, "+1 800 FLOWERS", "malformed", "invalid-character", "pos=7"),
    (KEYPAD, "+1 800 FLOWERS", "allowed", "region-allowed", "ds=+18003569377"),
    // Step 4: access codes.
    (US, "9 011 44 20 7946 0000", "allowed", "region-allowed", "ds=9011442079460000 pre=011 re=GB rule=GB"),
    (US, "9,011 52 55", "blocked", "not-allowed", "ds=9,0115255 pre=011"),
    (US, "9,,;011 44", "incomplete", "incomplete-number", "ds=9,,;01144 re=GB,GG,IM,JE"),
    (US, "9,,;011 44 20 7946 0000", "allowed", "region-allowed", "ds=9,,;011442079460000"),
    // Access and feature codes in any order: *67 before the outside line
    // must not hide the number.
    (US, "*67 9 011 52 55 1234 5678", "blocked", "not-allowed", "ds=*679011525512345678 pre=011"),
    (US, "*67 9, *82 011 44 20 7946 0000", "allowed", "region-allowed", "ds=*679,*82011442079460000"),
    (US, "9,+44 20", "malformed", "misplaced-plus", "pos=2"),
    (US, "9", "incomplete", "incomplete-prefix", "cba=1 ds=9"),
    (US, "9011", "incomplete", "incomplete-code", "cba=1 pre=011"),
    (US, "912", "not-international", "no-international-prefix", "ds=912"),
    // 1 may start a dial-around code (101XXXX): not decided yet.
    (US, "91", "incomplete", "incomplete-prefix", "ds=91 cba=1"),
    // Step 5: post-dial, send key, feature codes.
    (MX, "0054 11 1234 5678,,123", "allowed", "region-allowed", "pd=,,123 ds=00541112345678"),
    (MX, "0054 11 1234 5678 ext. 22", "allowed", "region-allowed", "pd=x22"),
    (MX, "0054 11 1234 5678 p9w1", "allowed", "region-allowed", "pd=,9;1"),
    (MX, "0054 11 1234 5678#", "allowed", "region-allowed", "ds=00541112345678"),
    (MX, "0052 55 1234 5678 x 0054", "blocked", "not-allowed", "pd=x0054"),
    (MX, ",0054", "malformed", "misplaced-post-dial", "pos=0"),
    (MX, "x0052", "malformed", "misplaced-post-dial", "pos=0"),
    (US, "*67 011 44 20 7946 0000", "allowed", "region-allowed", "ds=*67011442079460000 pre=011"),
    (US, "*67*82 011 52 55", "blocked", "not-allowed", "ds=*67*820115255"),
    (US, "9 *67 011 52", "blocked", "not-allowed", "ds=9*6701152"),
    (US, "*69", "not-international", "feature-code", "ds=*69"),
    // An unlisted code carries the number after it (docs/contract.md §4 step 5 A).
    (US, "#31#011 52", "blocked", "not-allowed", "pre=011 cc=52"),
    (US, "*6", "incomplete", "incomplete-prefix", "cba=1"),
    (US, "*67,011 52", "malformed", "misplaced-post-dial", "pos=3"),
    // A bare `*` before more than 3 digits that start with an international
    // prefix is a separator too: a PBX that drops it dials 00 52.
    (MX, "*0052", "blocked", "not-allowed", "pre=00 cc=52"),
    (MX, "*005", "not-international", "feature-code", ""),
    (MX, "0052*1", "malformed", "misplaced-symbol", "pos=4"),
    (MX, "00#52", "malformed", "misplaced-symbol", "pos=2"),
    // Step 6: the international prefix.
    (MX, "54 11 1234 5678", "not-international", "no-international-prefix", "ds=541112345678"),
    (MX, "", "incomplete", "incomplete-prefix", "cba=1 ds="),
    (MX, "0", "incomplete", "incomplete-prefix", "cba=1"),
    (MX, "05", "not-international", "no-international-prefix", ""),
    (NO_PLUS, "+52 55", "not-international", "no-international-prefix", "ds=+5255"),
    (NO_PLUS, "0052", "blocked", "not-allowed", ""),
    (HOME_MX, "09 54 11 1234 5678", "allowed", "region-allowed", "pre=09"),
    (HOME_MX, "09 52", "blocked", "not-allowed", "pre=09"),
    (AU, "0011 64 9 123 4567", "allowed", "region-allowed", "pre=0011 re=NZ"),
    (AU, "0015 64", "allowed", "region-allowed", "pre=0015"),
    (AU, "001", "incomplete", "incomplete-prefix", "cba=1"),
    (KR, "00700 81 3 1234 5678", "allowed", "region-allowed", "pre=00700"),
    (KR, "001 81 3", "allowed", "region-allowed", "pre=001"),
    (CN, "00 44 20 7946 0000", "allowed", "code-allowed", "pre=00 rule=+44"),
    (CN, "1795100 44 20", "allowed", "code-allowed", "pre=1795100"),
    (OVERLAP, "001", "incomplete", "incomplete-prefix", "cba=1"),
    (OVERLAP, "0011 54", "allowed", "region-allowed", "pre=0011"),
    (OVERLAP, "0012 12", "blocked", "not-allowed", "pre=00 cc=1"),
    (MX, "00 00 52", "blocked", "unassigned-code", "pre=00"),
    (MX, "+00 52", "blocked", "unassigned-code", "pre=+"),
    // Step 7: the calling code.
    (MX, "00", "incomplete", "incomplete-code", "cba=1 pre=00"),
    (MX, "005", "incomplete", "incomplete-code", "cba=1"),
    (MX, "003", "incomplete", "incomplete-code", "cba=0"),
    (MX, "0080", "incomplete", "incomplete-code", "cba=0"),
    (MX, "0054", "allowed", "region-allowed", "cc=54 nn= re=AR"),
    (MX, "0052", "blocked", "not-allowed", "cc=52 re=MX"),
    (MX, "00 999", "blocked", "unassigned-code", ""),
    (MX, "00 28", "blocked", "unassigned-code", ""),
    (CODES, "00 882 1234 5678", "allowed", "code-allowed", "re=001 rule=+882"),
    (CODES, "00 881 6 1234 5678", "blocked", "not-allowed", "re=001"),
    (CODES, "00 7 495 123 4567", "allowed", "code-allowed", "re=RU"),
    // Step 8: the destination, regions together (the reference behaviour).
    (MX, "00 1 212 555 0123", "blocked", "not-allowed", "re=US"),
    (MX, "00 44 20 7946 0000", "blocked", "not-allowed", "re=GB"),
    (TOGETHER, "00 1", "allowed", "region-allowed", "rule=CA"),
    (TOGETHER, "00 1 416 555 0123", "allowed", "region-allowed", "re=CA rule=CA"),
    (TOGETHER, "00 1 212 555 0123", "allowed", "shared-code-allowed", "re=US rule=CA"),
    (TOGETHER, "00 1 876 555 0123", "allowed", "shared-code-allowed", "re=JM rule=CA"),
    (TOGETHER, "00 7 495 123 4567", "allowed", "shared-code-allowed", "re=RU rule=KZ"),
    (TOGETHER, "00 39 06 698 12345", "allowed", "region-allowed", "re=VA rule=VA"),
    (TOGETHER, "00 39 02 1234 5678", "allowed", "shared-code-allowed", "re=IT"),
    // Step 8, by region.
    (BY_REGION, "001 416 555 0123", "allowed", "region-allowed", "re=CA rule=CA"),
    (BY_REGION, "001 212 555 0123", "blocked", "not-allowed", "re=US"),
    (BY_REGION, "001 876 555 0123", "blocked", "not-allowed", "re=JM"),
    (BY_REGION, "001 809 555 0123", "blocked", "not-allowed", "re=DO"),
    (BY_REGION, "001 310 555 0123", "blocked", "not-allowed", "re=US"),
    (BY_REGION, "001", "incomplete", "incomplete-number", "cba=1 cc=1"),
    (BY_REGION, "0012", "incomplete", "incomplete-number", "cba=1"),
    (BY_REGION, "00121", "blocked", "not-allowed", "re=US"),
    (BY_REGION, "001 800 555 0123", "allowed", "region-allowed", "re=US,CA rule=CA"),
    (BY_REGION, "001 999 555 0123", "blocked", "unassigned-range", "re="),
    (BY_REGION, "007", "incomplete", "incomplete-number", "cba=1"),
    (BY_REGION, "007 727 123 4567", "allowed", "region-allowed", "re=KZ"),
    (BY_REGION, "007 495 123 4567", "blocked", "not-allowed", "re=RU"),
    (BY_REGION, "0039 06 698 12345", "allowed", "region-allowed", "re=VA"),
    (BY_REGION, "0039 06 1234 5678", "blocked", "not-allowed", "re=IT"),
    (BY_REGION, "0039 0669", "incomplete", "incomplete-number", "cba=1 re=IT,VA"),
    (US, "011 1 876 555 0123", "allowed", "range-allowed", "re=JM rule=+1876"),
    (US, "+1 876 555 0123", "allowed", "range-allowed", "rule=+1876"),
    (US, "+1 87", "incomplete", "incomplete-number", "cba=1"),
    (US, "+1 658 555 0123", "blocked", "not-allowed", "re=JM"),
    (US, "+44 20 7946 0000", "allowed", "region-allowed", "re=GB rule=GB"),
    (US, "+44 1481 256789", "blocked", "not-allowed", "re=GG"),
    (US, "+44 7781 123456", "blocked", "not-allowed", "re=GG"),
    (US, "+881 6 1234 5678", "allowed", "code-allowed", "rule=+881"),
    // docs/contract.md §2 item 9: national format across a shared calling code.
    (NAT_US, "1 876 555 0123", "blocked", "not-allowed", "re=JM pre=1 cc=1 nn=8765550123 ds=18765550123"),
    (NAT_US, "876 555 0123", "blocked", "not-allowed", "re=JM pre=- cc=1 nn=8765550123"),
    (NAT_US, "1 416 555 0123", "allowed", "region-allowed", "re=CA rule=CA"),
    (NAT_US, "1 212 555 0123", "not-international", "domestic", "ds=12125550123 cc=-"),
    (NAT_US, "212 555 0123", "not-international", "domestic", ""),
    (NAT_US, "555 0123", "not-international", "domestic", ""),
    (NAT_US, "911", "not-international", "domestic", ""),
    (NAT_US, "1 87", "incomplete", "incomplete-number", "cba=1"),
    (NAT_US, "*67 9 1 876 555 0123", "blocked", "not-allowed", "re=JM pre=1"),
    (NAT_US, "1 809 555 0123,,12", "blocked", "not-allowed", "re=DO pd=,,12"),
    (NAT_US, "011 1 876 555 0123", "blocked", "not-allowed", "pre=011 re=JM"),
    (NAT_US, "1 876 555 0123 4567 8901", "malformed", "too-long", "pos=20"),
    (NAT_US_TOGETHER, "1 876 555 0123", "blocked", "not-allowed", "re=JM"),
    (NAT_US_RANGE, "1 876 555 0123", "allowed", "range-allowed", "rule=+1876"),
    (NAT_US_RANGE, "658 555 0123", "blocked", "not-allowed", "re=JM"),
    (NAT_IT, "06 698 12345", "blocked", "not-allowed", "re=VA pre=- cc=39 nn=0669812345"),
    (NAT_IT, "06 1234 5678", "not-international", "domestic", ""),
    (NAT_RU, "8 727 123 4567", "blocked", "not-allowed", "re=KZ pre=8 cc=7"),
    (NAT_RU, "8 495 123 4567", "not-international", "domestic", ""),
    (NAT_RU, "8 10 49 30 1234567", "allowed", "region-allowed", "pre=810 re=DE"),
    (NAT_GB, "01481 256789", "blocked", "not-allowed", "re=GG pre=0"),
    (NAT_GB, "020 7946 0000", "not-international", "domestic", ""),
    (US, "1 876 555 0123", "not-international", "no-international-prefix", ""),
    (r#"{"homeRegion": "MX", "allow": ["AR"], "judgeNationalDialing": true}"#, "55 1234 5678", "not-international", "domestic", ""),
    // Step 9: protection disabled.
    (OFF, "00 52 55 1234 5678", "allowed", "protection-disabled", "cc=52 re=MX"),
    (OFF, "00 999", "allowed", "protection-disabled", ""),
    (OFF, "00+52", "malformed", "misplaced-plus", ""),
    (OFF, "0", "incomplete", "incomplete-prefix", "cba=1"),
    (OFF, "52", "not-international", "no-international-prefix", ""),
    // Step 10: at most 15 digits after the prefix.
    (MX, "00 54 1234567890123", "allowed", "region-allowed", ""),
    (MX, "00 54 12345678901234", "malformed", "too-long", "pos=19 ds="),
    (MX, "+541234567890123", "allowed", "region-allowed", ""),
    (MX, "+5412345678901234", "malformed", "too-long", "pos=16"),
    (MX, "0054 1234567890123 x 1234567890", "allowed", "region-allowed", "pd=x1234567890"),
];

#[test]
fn decision_table() {
    let mut failures = Vec::new();
    for (policy, dial, verdict, reason, extra) in CASES {
        let policy = DialPolicy::from_json(policy).unwrap();
        let d = policy.check(dial);
        let mut check = |what: &str, actual: String, expected: &str| {
            if actual != expected {
                failures.push(format!(
                    "{dial:?}: {what} is {actual:?}, expected {expected:?}\n    {d:?}"
                ));
            }
        };
        check("verdict", d.verdict().as_str().into(), verdict);
        check("reason", d.reason().as_str().into(), reason);
        for field in extra.split_whitespace() {
            let (key, value) = field.split_once('=').unwrap();
            let actual = match key {
                "ds" => d.dial_string().to_string(),
                "pre" => d.prefix().unwrap_or("-").to_string(),
                "cc" => d.calling_code().map_or("-".into(), |c| c.to_string()),
                "nn" => d.national_number().unwrap_or("-").to_string(),
                "re" => d.regions().map(|r| r.id()).collect::<Vec<_>>().join(","),
                "rule" => d.rule().unwrap_or("-").to_string(),
                "pd" => d.post_dial().unwrap_or("-").to_string(),
                "cba" => d.can_be_allowed().map_or("-".into(), |b| u8::from(b).to_string()),
                "pos" => d.position().map_or("-".into(), |p| p.to_string()),
                _ => panic!("unknown key {key}"),
            };
            check(key, actual, value);
        }
        assert_eq!(
            policy.verdict(dial),
            d.verdict(),
            "{dial:?}: verdict() and check() disagree"
        );
    }
    assert!(CASES.len() >= 80);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn input_length() {
    let policy = DialPolicy::from_json(MX).unwrap();
    let at_limit = format!("0054{}", " ".repeat(252));
    assert_eq!(policy.verdict(&at_limit), Verdict::Allowed);
    let d = policy.check(&format!("{at_limit} "));
    assert_eq!(
        (d.reason().as_str(), d.position(), d.dial_string()),
        ("too-long", Some(256), "")
    );
    // UTF-16 units, not characters: 128 astral digits are 256 units, read
    // (too many digits: the 16th after the prefix is at unit 34)...
    let astral = "\u{1D7CE}".repeat(128);
    assert_eq!(policy.check(&astral).position(), Some(34));
    // ...and one unit more is too long to read.
    assert_eq!(policy.check(&format!("{astral}x")).position(), Some(256));
    // A pair that straddles the limit is reported where it starts.
    let straddling = format!("0054{}\u{1D7CE}", " ".repeat(251));
    assert_eq!(policy.check(&straddling).position(), Some(255));
    let units: Vec<u16> = straddling.encode_utf16().collect();
    assert_eq!(policy.check_utf16(&units).position(), Some(255));
}

#[test]
fn long_dials_keep_every_token() {
    let policy = DialPolicy::from_json(MX).unwrap();
    let post = "1234567890".repeat(20);
    let d = policy.check(&format!("00 54 11 1234 5678 ,{post}"));
    assert_eq!(d.verdict(), Verdict::Allowed);
    assert_eq!(d.dial_string(), "00541112345678");
    assert_eq!(d.post_dial(), Some(format!(",{post}").as_str()));
    let us = DialPolicy::from_json(US).unwrap();
    let features = "*67".repeat(60);
    let d = us.check(&format!("9,{features}011 44 20 7946 0000"));
    assert_eq!(d.verdict(), Verdict::Allowed);
    assert_eq!(d.dial_string(), format!("9,{features}011442079460000"));
    assert_eq!(d.prefix(), Some("011"));
    assert_eq!(d.calling_code(), Some(44));
}

#[test]
fn worked_example() {
    // docs/contract.md §1: international dialing code 00, only Argentina allowed.
    let policy = DialPolicy::from_json(MX).unwrap();
    assert_eq!(policy.verdict("00 54 11 4321 5678"), Verdict::Allowed);
    assert_eq!(policy.verdict("00 52 55 1234 5678"), Verdict::Blocked);
    assert_eq!(policy.verdict("00 1 212 555 0123"), Verdict::Blocked);
    assert_eq!(policy.verdict("00 44 20 7946 0000"), Verdict::Blocked);
    assert_eq!(policy.verdict("54 11 4321 5678"), Verdict::NotInternational);
    // dialguard goes further: + is international too (docs/contract.md §2 item 1).
    assert_eq!(policy.verdict("+52 55 1234 5678"), Verdict::Blocked);
    assert_eq!(policy.verdict("+54 11 4321 5678"), Verdict::Allowed);
}

#[test]
fn malformed_decisions_carry_nothing_else() {
    let policy = DialPolicy::from_json(MX).unwrap();
    let d = policy.check("0054\u{202E}");
    assert_eq!(d.verdict(), Verdict::Malformed);
    assert_eq!(
        (d.dial_string(), d.prefix(), d.calling_code(), d.rule()),
        ("", None, None, None)
    );
    assert_eq!(d.regions().len(), 0);
}

#[test]
fn utf16_input_matches_str_input() {
    let policy = DialPolicy::from_json(US).unwrap();
    for (_, dial, ..) in CASES.iter().filter(|c| c.0 == US) {
        let units: Vec<u16> = dial.encode_utf16().collect();
        let (a, b) = (policy.check(dial), policy.check_utf16(&units));
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{dial:?}");
    }
    // Found by fuzzing: a lone surrogate in the part of a SIP URI that is
    // dropped (the host) still makes the dial malformed.
    let crash: Vec<u16> = "sip:+525512@pbx.ex"
        .encode_utf16()
        .chain([0xDF16, 0x1616])
        .chain(";user=phone".encode_utf16())
        .collect();
    let d = policy.check_utf16(&crash);
    assert_eq!(
        (d.verdict(), d.reason(), d.position()),
        (Verdict::Malformed, dialguard::Reason::InvalidCharacter, Some(18))
    );
    // A lone surrogate is malformed where it stands, never repaired.
    let dial: Vec<u16> = "+44 20"
        .encode_utf16()
        .chain([0xD800])
        .chain("7946".encode_utf16())
        .collect();
    let d = policy.check_utf16(&dial);
    assert_eq!((d.verdict(), d.position()), (Verdict::Malformed, Some(6)));
}

/// docs/contract.md §4 step 10: the Decision says which reading decided
/// (its kind, the code read, its own dial string), and describes it.
#[test]
fn the_deciding_reading_is_explained() {
    let us = DialPolicy::from_json(
        r#"{"homeRegion": "US", "allow": ["CA"], "judgeNationalDialing": true, "sharedCodes": "by-region"}"#,
    )
    .unwrap();
    let cases: &[(&DialPolicy, &str, &str, &str, &str, &str, &str)] = &[
        // (policy, dial, verdict, kind, code, reading's dial string, national number)
        (
            &us,
            "*72 011 44 20 7946 0000",
            "blocked",
            "star-code",
            "*72",
            "011442079460000",
            "2079460000",
        ),
        (
            &us,
            "**21*+44 20 7946 0000#",
            "blocked",
            "star-code",
            "**21*",
            "+442079460000",
            "2079460000",
        ),
        (
            &us,
            "1172 011 44 20 7946 0000",
            "blocked",
            "star-code",
            "1172",
            "011442079460000",
            "2079460000",
        ),
        (
            &us,
            "101 0288 011 44 20 7946 0000",
            "blocked",
            "carrier-code",
            "1010288",
            "011442079460000",
            "2079460000",
        ),
        (
            &us,
            "01 44 20 7946 0000",
            "blocked",
            "international-prefix",
            "01",
            "+442079460000",
            "2079460000",
        ),
        (
            &us,
            "0 876 555 0123",
            "blocked",
            "national-prefix",
            "0",
            "+18765550123",
            "8765550123",
        ),
        // *72 then the operator's 0 (or *720 then a number: the first decides).
        (
            &us,
            "*72 0 416 555 0123",
            "allowed",
            "star-code",
            "*720",
            "+14165550123",
            "4165550123",
        ),
    ];
    for &(policy, dial, verdict, kind, code, reading_dial, national) in cases {
        let d = policy.check(dial);
        let reading = d.reading().unwrap_or_else(|| panic!("{dial}: no reading: {d:?}"));
        assert_eq!(
            (
                d.verdict().as_str(),
                reading.kind().as_str(),
                reading.code(),
                reading.dial_string(),
                d.national_number()
            ),
            (verdict, kind, code, reading_dial, Some(national)),
            "{dial}"
        );
        assert_eq!(&d.dial_string()[reading.code_range()], reading.code(), "{dial}");
        // What the reading judged, checked again, gets the same verdict.
        assert_eq!(policy.check(reading.dial_string()).verdict(), d.verdict(), "{dial}");
    }
    // Cross-border national access: Ireland's 048 is Northern Ireland's +44 28.
    let ie = DialPolicy::from_json(r#"{"homeRegion": "IE", "allow": ["FR"]}"#).unwrap();
    let d = ie.check("048 9012 3456");
    let reading = d.reading().unwrap();
    assert_eq!(
        (
            d.verdict(),
            reading.kind().as_str(),
            reading.dial_string(),
            d.calling_code(),
            d.national_number()
        ),
        (
            Verdict::Blocked,
            "cross-border",
            "+442890123456",
            Some(44),
            Some("2890123456")
        )
    );
    assert_eq!(d.prefix(), Some("048"));
    // The plain readings need no explaining.
    assert!(us.check("011 44 20 7946 0000").reading().is_none());
    assert!(us.check("1 876 555 0123").reading().is_none());
    // A reading with no calling code keeps its E.164 form (found by fuzzing:
    // Brazil's carrier-selected `0011` before an unassigned code).
    let br = DialPolicy::from_json(r#"{"homeRegion": "BR", "allow": ["AR"], "judgeNationalDialing": true}"#).unwrap();
    let d = br.check("0011 0015 64");
    let reading = d.reading().unwrap();
    assert_eq!((d.verdict(), reading.dial_string()), (Verdict::Blocked, "+001564"));
    assert_eq!(br.check(reading.dial_string()).verdict(), Verdict::Blocked);
    // A carried dial that alone would start a code its place rules out
    // (found by fuzzing): `11` after the service code `1161` is a national
    // dial there, on its own the start of a service code.
    let d = us.check("116 111");
    let reading = d.reading().unwrap();
    assert_eq!(
        (d.verdict(), reading.code(), reading.dial_string()),
        (Verdict::Blocked, "1161", "11")
    );
    assert_eq!(us.check("11").verdict(), Verdict::Incomplete);
    // A national prefix that stays within the home region: the reading's
    // own dial is the national number (found by fuzzing).
    let d = us.check("0 212 555 0123");
    let reading = d.reading().unwrap();
    assert_eq!(
        (d.verdict(), reading.code(), reading.dial_string()),
        (Verdict::NotInternational, "0", "2125550123")
    );
    assert_eq!(us.check(reading.dial_string()).verdict(), Verdict::NotInternational);
}

#[test]
fn a_code_that_ends_with_a_hash_keeps_the_send_key() {
    // Found by fuzzing: `*8*0##` dropped its send key, and its dial string
    // `*8*0#`, checked again, lost the code's own `#` as a send key.
    let us = DialPolicy::from_json(US).unwrap();
    for dial in ["*8*0##", "9 *8*0##", "##", "*21*0#", "#31#"] {
        let d = us.check(dial);
        let again = us.check(d.dial_string());
        assert_eq!(
            (again.verdict(), again.dial_string()),
            (d.verdict(), d.dial_string()),
            "{dial:?}"
        );
    }
    assert_eq!(us.check("*8*0##").dial_string(), "*8*0##");
    assert_eq!(us.check("*21*0#").dial_string(), "*21*0");
}

#[test]
fn an_emergency_number_being_typed_is_never_red() {
    // Uzbekistan's `00` is its international prefix and the start of its
    // emergency numbers 001-003: with nothing allowed, `00` still goes on
    // to a call (found by the model-based test, seed 777001).
    for json in [
        r#"{"homeRegion": "UZ"}"#,
        r#"{"homeRegion": "UZ", "judgeNationalDialing": true, "blockNumberTypes": ["premium-rate"]}"#,
    ] {
        let policy = DialPolicy::from_json(json).unwrap();
        let typing = policy.check("00");
        assert_eq!(
            (typing.verdict(), typing.can_be_allowed()),
            (Verdict::Incomplete, Some(true)),
            "{json}"
        );
        assert_eq!(policy.verdict("003"), Verdict::NotInternational, "{json}");
        // Past the emergency numbers' digits, red as before.
        let abroad = policy.check("004");
        assert_eq!(
            (abroad.verdict(), abroad.can_be_allowed()),
            (Verdict::Incomplete, Some(false)),
            "{json}"
        );
        assert_eq!(policy.verdict("00 7 495 123 45 67"), Verdict::Blocked, "{json}");
    }
}
