//! The compiled policy's bytes: a loaded policy decides exactly as the one
//! it came from, and any truncation or changed byte is refused.

use dialguard::{ConfigErrorKind, DialPolicy};
use proptest::prelude::*;

const HOMES: [&str; 8] = ["MX", "US", "CA", "GB", "IT", "AU", "RU", "CN"];
const ALLOW: [&str; 14] = [
    "AR", "CA", "US", "JM", "GB", "GG", "KZ", "VA", "AU", "CX", "LV", "+44", "+1876", "+881",
];
const TYPES: [&str; 5] = ["premium-rate", "shared-cost", "unknown", "mobile", "toll-free"];

/// A configuration with every field varied, as JSON.
fn config() -> impl Strategy<Value = String> {
    (
        (
            prop::option::of(prop::sample::select(HOMES.to_vec())),
            prop::option::of(prop::sample::subsequence(vec!["00", "011", "0011", "810"], 1..3)),
            any::<[bool; 5]>(),
        ),
        (
            prop::sample::subsequence(ALLOW.to_vec(), 0..5),
            prop::sample::subsequence(TYPES.to_vec(), 0..3),
            prop::sample::subsequence(vec!["9", "8"], 0..2),
            prop::sample::subsequence(vec!["*67", "*82"], 0..2),
        ),
    )
        .prop_map(
            |((home, prefixes, [enabled, plus, letters, by_region, national]), (allow, types, access, feature))| {
                let list = |items: &[&str]| items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(",");
                let mut fields = vec![
                    format!(r#""enabled": {enabled}"#),
                    format!(r#""plusIsInternational": {plus}"#),
                    format!(r#""keypadLetters": {letters}"#),
                    format!(
                        r#""sharedCodes": "{}""#,
                        if by_region { "by-region" } else { "together" }
                    ),
                    format!(r#""allow": [{}]"#, list(&allow)),
                    format!(r#""blockNumberTypes": [{}]"#, list(&types)),
                    format!(r#""accessCodes": [{}]"#, list(&access)),
                    format!(r#""featureCodes": [{}]"#, list(&feature)),
                ];
                if let Some(home) = home {
                    fields.push(format!(r#""homeRegion": "{home}""#));
                    fields.push(format!(r#""judgeNationalDialing": {national}"#));
                }
                // A policy needs prefixes or a home region to take them from.
                if let Some(prefixes) = prefixes.filter(|_| home.is_none() || national) {
                    fields.push(format!(r#""internationalPrefixes": [{}]"#, list(&prefixes)));
                } else if home.is_none() {
                    fields.push(r#""internationalPrefixes": ["00"]"#.into());
                }
                format!("{{{}}}", fields.join(", "))
            },
        )
}

/// A dial of any kind: a prefix or code, then digits.
fn dial() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "", "+", "00", "011", "0011", "810", "9", "*67", "1", "0", "8", "101",
        ]),
        "[0-9]{0,14}",
    )
        .prop_map(|(head, digits)| format!("{head}{digits}"))
}

fn decision(policy: &DialPolicy, dial: &str) -> String {
    serde_json::to_string(&policy.check(dial)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_loaded_policy_decides_as_the_one_it_came_from(config in config(), dials in prop::collection::vec(dial(), 40)) {
        let policy = DialPolicy::from_json(&config).unwrap();
        let bytes = policy.to_bytes();
        let loaded = DialPolicy::from_bytes(&bytes).unwrap();
        prop_assert_eq!(loaded.fingerprint(), policy.fingerprint());
        prop_assert_eq!(loaded.to_json(), policy.to_json());
        // The rules the bytes carry are the ones this engine compiles.
        prop_assert_eq!(&loaded.to_bytes(), &bytes);
        for dial in &dials {
            for end in 0..=dial.len() {
                let typed = &dial[..end];
                prop_assert_eq!(decision(&loaded, typed), decision(&policy, typed), "{}", typed);
            }
        }
    }

    #[test]
    fn a_changed_byte_is_refused(config in config(), at in any::<prop::sample::Index>(), flip in 1u8..) {
        let bytes = DialPolicy::from_json(&config).unwrap().to_bytes();
        let mut changed = bytes.clone();
        let i = at.index(bytes.len());
        changed[i] ^= flip;
        let err = DialPolicy::from_bytes(&changed).unwrap_err();
        let expected: &[ConfigErrorKind] = match i {
            0..=15 => &[ConfigErrorKind::NotPolicyBytes],
            16 | 17 => &[ConfigErrorKind::BytesVersion],
            // The length field: cut short, or past the end.
            _ => &[ConfigErrorKind::CorruptBytes, ConfigErrorKind::TruncatedBytes],
        };
        prop_assert!(expected.contains(&err.kind()), "byte {} of {}: {}", i, bytes.len(), err);
    }

    #[test]
    fn a_policy_cut_short_is_refused(config in config(), at in any::<prop::sample::Index>()) {
        let bytes = DialPolicy::from_json(&config).unwrap().to_bytes();
        let len = at.index(bytes.len());
        let err = DialPolicy::from_bytes(&bytes[..len]).unwrap_err();
        let expected = if len == 0 { ConfigErrorKind::NotPolicyBytes } else { ConfigErrorKind::TruncatedBytes };
        prop_assert_eq!(err.kind(), expected, "{} of {} bytes: {}", len, bytes.len(), err);
    }

    #[test]
    fn no_bytes_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = DialPolicy::from_bytes(&bytes);
    }
}

#[test]
fn every_byte_of_one_policy_matters() {
    let bytes = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate"]}"#)
        .unwrap()
        .to_bytes();
    for i in 0..bytes.len() {
        for flip in [1u8, 0x80, 0xff] {
            let mut changed = bytes.clone();
            changed[i] ^= flip;
            assert!(
                DialPolicy::from_bytes(&changed).is_err(),
                "byte {i} ^ {flip:#x} is accepted"
            );
        }
        assert!(
            DialPolicy::from_bytes(&bytes[..i]).is_err(),
            "{i} of {} bytes are accepted",
            bytes.len()
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        DialPolicy::from_bytes(&longer).unwrap_err().kind(),
        ConfigErrorKind::CorruptBytes
    );
}

/// FNV-1a, 64 bits, written again for the test: the bytes' checksum.
fn fnv1a(bytes: &[u8]) -> [u8; 8] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    h.to_le_bytes()
}

/// `bytes` with their checksum made again, as a forger would.
fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
    let end = bytes.len() - 8;
    let sum = fnv1a(&bytes[..end]);
    bytes[end..].copy_from_slice(&sum);
    bytes
}

/// What a fingerprint hashes before the data version: the format, from
/// format 5 (the rules the payload is judged by).
fn format_hashed(bytes: &[u8]) -> Vec<u8> {
    let format = &bytes[16..18];
    if u16::from_le_bytes([format[0], format[1]]) >= 5 {
        format.to_vec()
    } else {
        Vec::new()
    }
}

/// `bytes` with their fingerprint made again for their payload, resealed.
fn refingerprinted(mut bytes: Vec<u8>) -> Vec<u8> {
    let version = dialguard::DATA_VERSION.as_bytes();
    let at = 16 + 2 + 1 + version.len();
    let payload = at + 8 + 4;
    let mut hashed = format_hashed(&bytes);
    hashed.extend_from_slice(version);
    hashed.push(0);
    hashed.extend_from_slice(&bytes[payload..bytes.len() - 8]);
    let fingerprint = fnv1a(&hashed);
    bytes[at..at + 8].copy_from_slice(&fingerprint);
    resealed(bytes)
}

/// `bytes` as another numbering data's dialguard would have written the
/// same payload: its data version, the fingerprint hashed with it, resealed.
fn of_data(bytes: &[u8], version: &str) -> Vec<u8> {
    let ours = dialguard::DATA_VERSION.len();
    let payload = &bytes[16 + 2 + 1 + ours + 8 + 4..bytes.len() - 8];
    let mut hashed = format_hashed(bytes);
    hashed.extend_from_slice(version.as_bytes());
    hashed.push(0);
    hashed.extend_from_slice(payload);
    let mut out = bytes[..18].to_vec();
    out.push(version.len() as u8);
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(&fnv1a(&hashed));
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&[0; 8]);
    resealed(out)
}

/// `bytes` with `from` replaced by `to` (of the same length), resealed.
fn forged(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the bytes hold it");
    let mut out = bytes.to_vec();
    out[at..at + to.len()].copy_from_slice(to);
    resealed(out)
}

/// Mexico allowing Argentina, compiled.
fn mx_ar() -> Vec<u8> {
    DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)
        .unwrap()
        .to_bytes()
}

#[test]
fn another_format_or_data_version_is_named() {
    let bytes = mx_ar();
    let mut newer = bytes.clone();
    newer[16] = 7;
    let err = DialPolicy::from_bytes(&newer).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::BytesVersion);
    assert_eq!(
        err.message(),
        "a compiled policy of format 7; this dialguard reads format 5"
    );
    assert_eq!(
        DialPolicy::compiled_from(&newer).unwrap_err().message(),
        "a compiled policy of format 7; this dialguard reads format 5 and the configuration of formats 3 and 4"
    );

    let older = of_data(&bytes, "libphonenumber 9.0.30");
    let err = DialPolicy::from_bytes(&older).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::DataVersion);
    assert_eq!(
        err.message(),
        "compiled with libphonenumber 9.0.30 data; this dialguard has libphonenumber 9.0.35: compile the policy again"
    );

    let err = DialPolicy::from_bytes(br#"{"homeRegion": "MX"}"#).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::NotPolicyBytes);
}

#[test]
fn a_forged_checksum_still_meets_the_checks() {
    // Bytes whose checksum was made again after a change: the fingerprint
    // no longer matches the payload.
    let bytes = mx_ar();
    let other = forged(&bytes, b"\x02AR", b"\x02CL");
    assert_eq!(
        DialPolicy::from_bytes(&other).unwrap_err().kind(),
        ConfigErrorKind::CorruptBytes
    );
    let unknown = forged(&bytes, b"\x02AR", b"\x02XX");
    assert_eq!(
        DialPolicy::from_bytes(&unknown).unwrap_err().kind(),
        ConfigErrorKind::CorruptBytes
    );

    // With the fingerprint made again too, the configuration is read as it
    // is, as what the sections were compiled from: they decide (the
    // prefixes compiled, 00 and 09), and the fingerprint is another
    // policy's. The checksum is no signature (docs/threat-model.md).
    let prefixes =
        DialPolicy::from_json(r#"{"homeRegion": "MX", "internationalPrefixes": ["00", "09"], "allow": ["AR"]}"#)
            .unwrap()
            .to_bytes();
    let other_prefix = forged(&prefixes, b"\x0209", b"\x0208");
    let loaded = DialPolicy::from_bytes(&refingerprinted(other_prefix)).unwrap();
    assert_eq!(
        loaded.config().international_prefixes.as_deref(),
        Some(&["00".into(), "08".into()][..])
    );
    assert_eq!(loaded.verdict("09 54 11 4321 5678"), dialguard::Verdict::Allowed);
    assert_eq!(loaded.verdict("00 56 2 2123 4567"), dialguard::Verdict::Blocked);
    assert_ne!(
        loaded.fingerprint(),
        DialPolicy::from_bytes(&prefixes).unwrap().fingerprint()
    );
    // But an allow list that is not the allow section's is refused (a
    // Decision's rule is an entry's place in it): the section does not
    // spell it.
    let err = DialPolicy::from_bytes(&refingerprinted(other)).unwrap_err();
    assert_eq!(
        (err.kind(), err.message()),
        (
            ConfigErrorKind::CorruptBytes,
            "a corrupt compiled policy: the allow section is malformed".into()
        )
    );
}

#[test]
fn changed_rules_are_another_policy() {
    // Argentina's step (code 54: allowed) made type blocked, and the checksum
    // made again: the fingerprint, a hash of the whole payload, tells.
    let bytes = mx_ar();
    let blocked = forged(&bytes, b"\x01\x36\x00\x00", b"\x01\x36\x02\x00");
    let err = DialPolicy::from_bytes(&blocked).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::CorruptBytes);
    assert_eq!(
        err.message(),
        "a corrupt compiled policy: the fingerprint is not the policy's"
    );

    // With its fingerprint made again too, the bytes are read (the
    // checksum is no signature), but as another policy: a softphone's
    // fingerprint is not the one the server enforces.
    let loaded = DialPolicy::from_bytes(&refingerprinted(blocked)).unwrap();
    let original = DialPolicy::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.verdict("00 54 11 4321 5678"), dialguard::Verdict::Blocked);
    assert_eq!(original.verdict("00 54 11 4321 5678"), dialguard::Verdict::Allowed);
    assert_ne!(loaded.fingerprint(), original.fingerprint());
}

#[test]
fn sections_this_engine_would_not_write_are_refused() {
    // Each forged with its fingerprint and checksum made again, so that
    // only the section readers stand in the way.
    let bytes = mx_ar();
    let refused = |forgery: Vec<u8>| DialPolicy::from_bytes(&refingerprinted(forgery)).unwrap_err().message();
    // After the configuration: Mexico's prefix `0[09]` and emergency
    // numbers, no procedures, no national format (flag 0), then the allow
    // entries: one, region (kind 0) 9, Argentina. A flag that is no flag,
    // an entry of no kind:
    let derived_then_allow = b"\x00\x00\x01\x00\x09\x00\x01\x36";
    assert_eq!(
        refused(forged(&bytes, derived_then_allow, b"\x00\x02\x01\x00\x09\x00\x01\x36")),
        "a corrupt compiled policy: the dialing section is malformed"
    );
    assert_eq!(
        refused(forged(&bytes, derived_then_allow, b"\x00\x00\x01\x07\x09\x00\x01\x36")),
        "a corrupt compiled policy: the allow section is malformed"
    );
    // Blocked types that are none (bits 11 to 13).
    assert_eq!(
        refused(forged(&bytes, derived_then_allow, b"\x00\x00\x01\x00\x09\xff\x7f\x36")),
        "a corrupt compiled policy: the blocked types are malformed"
    );
    // The rules (code 54: allowed, no national trie), then the number
    // types of codes 52 (Mexico, the home region) and 54: Cuba's in place
    // of Mexico's.
    let rules_then_types = b"\x01\x36\x00\x00\x02\x34\x00";
    assert_eq!(
        refused(forged(&bytes, rules_then_types, b"\x01\x36\x00\x00\x02\x35\x00")),
        "a corrupt compiled policy: its number types are not of the codes it reaches"
    );
    // Argentina listed as blocked, which the writer leaves out.
    assert_eq!(
        refused(forged(&bytes, rules_then_types, b"\x01\x36\x01\x00\x02\x34\x00")),
        "a corrupt compiled policy: the rules section is malformed"
    );
}

/// `bytes` with `from` replaced by `to` (of any length), the payload's
/// length made again, refingerprinted and resealed.
fn spliced(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the bytes hold it");
    let mut out = [&bytes[..at], to, &bytes[at + from.len()..]].concat();
    let length = 16 + 2 + 1 + dialguard::DATA_VERSION.len() + 8;
    let payload = out.len() - length - 4 - 8;
    out[length..length + 4].copy_from_slice(&(payload as u32).to_le_bytes());
    refingerprinted(out)
}

#[test]
fn more_procedures_than_a_reading_can_name_are_refused() {
    // Mexico has no procedures (count 0 before the national flag and the
    // allow entry): forge 255, then 256, each dialed `1` (kind 0, one
    // class: digit 1, any next digit, reaching no other code). A
    // cross-border reading names its procedure by a `u8`: a 256th could
    // not be named.
    let bytes = mx_ar();
    let derived_then_allow = b"\x00\x00\x01\x00\x09";
    let with = |count: usize| {
        let mut section = if count < 128 {
            vec![count as u8]
        } else {
            vec![(count & 0x7F) as u8 | 0x80, (count >> 7) as u8]
        };
        for _ in 0..count {
            section.extend_from_slice(b"\x00\x01\x02\x00\x00");
        }
        section.extend_from_slice(&derived_then_allow[1..]);
        DialPolicy::from_bytes(&spliced(&bytes, derived_then_allow, &section))
    };
    let most = with(255).expect("255 procedures load");
    assert_eq!(most.to_bytes().len(), bytes.len() + 1 + 255 * 5);
    assert_eq!(
        with(256).unwrap_err().message(),
        "a corrupt compiled policy: the dialing section is malformed"
    );
}

/// What this engine writes for two policies. When the compiler's output
/// changes, bytes from the engine before are refused as corrupt: bump
/// `wire::FORMAT_VERSION` (so that they are refused as of another format)
/// and the figures here. The fingerprints hash the format, so they change
/// with it.
#[test]
fn the_format_is_pinned() {
    let pins = [
        (
            r#"{"homeRegion": "MX", "allow": ["AR"]}"#,
            "67f16e38a62eb88e",
            11892517438948210451,
        ),
        (
            r#"{"homeRegion": "US", "allow": ["CA", "+1876"], "sharedCodes": "by-region", "blockNumberTypes": ["premium-rate"], "judgeNationalDialing": true}"#,
            "e94aa4a17c6eea47",
            11199715620511937167,
        ),
    ];
    for (json, fingerprint, checksum) in pins {
        let policy = DialPolicy::from_json(json).unwrap();
        let bytes = policy.to_bytes();
        let sum = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap());
        assert_eq!((policy.fingerprint().as_str(), sum), (fingerprint, checksum), "{json}");
    }
}

/// Policies for [`the_decisions_are_pinned`]: every option, home regions
/// with each kind of dialing procedure and national format.
const PINNED_POLICIES: [&str; 12] = [
    r#"{"homeRegion": "MX", "allow": ["AR"]}"#,
    r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate", "shared-cost", "personal-number", "unknown"]}"#,
    r#"{"homeRegion": "US", "allow": ["CA", "GB", "+1876"], "sharedCodes": "by-region", "judgeNationalDialing": true, "accessCodes": ["9"], "blockNumberTypes": ["premium-rate"]}"#,
    r#"{"homeRegion": "US", "allow": ["CA"], "featureCodes": ["*67"]}"#,
    r#"{"homeRegion": "RU", "allow": ["KZ", "FR"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#,
    r#"{"homeRegion": "DE", "allow": ["AT", "CH", "+49"], "blockNumberTypes": ["premium-rate", "unknown"], "judgeNationalDialing": true}"#,
    r#"{"homeRegion": "IT", "allow": ["SM", "VA"], "sharedCodes": "by-region", "judgeNationalDialing": true}"#,
    r#"{"homeRegion": "JP", "allow": ["KR", "US"], "accessCodes": ["0"]}"#,
    r#"{"homeRegion": "AU", "allow": ["NZ", "+882"], "keypadLetters": true, "blockNumberTypes": ["mobile", "toll-free"]}"#,
    r#"{"internationalPrefixes": ["00", "011"], "plusIsInternational": false, "allow": ["+44", "+881"]}"#,
    r#"{"homeRegion": "GB", "allow": ["IE", "GG", "JE"], "sharedCodes": "by-region", "enabled": false}"#,
    r#"{"homeRegion": "IE", "allow": ["GB"], "judgeNationalDialing": true, "blockNumberTypes": ["mobile", "voip"]}"#,
];

/// Dials for [`the_decisions_are_pinned`], from a fixed seed: a lead (an
/// access, star or carrier code, a prefix, a URI), a calling code or the
/// start of a national number, digits, a tail, some formatting, and every
/// prefix of one dial in eight. Frozen: a change here changes the digest.
fn pinned_dials() -> Vec<String> {
    const LEADS: [&str; 30] = [
        "", "", "", "+", "+", "00", "011", "0011", "810", "8", "9", "0", "1", "*67", "*82", "*", "#", "**21*", "*011",
        "*00", "1010288", "01", "010", "0549", "048", "06", "tel:+", "sip:00", "\u{ff19}", "A",
    ];
    const STARTS: [&str; 38] = [
        "1", "44", "52", "54", "7", "77", "1876", "1809", "39", "378", "3906698", "49", "33", "81", "82", "61", "64",
        "353", "4428", "882", "881", "979", "800", "870", "380", "371", "234", "880", "86", "91", "0", "2", "3", "4",
        "5", "6", "8", "9",
    ];
    const TAILS: [&str; 9] = ["", "", "", "#", ",123", "x12", "*", " ext. 4", "p9"];
    let mut state: u64 = 0x5eed_d1a1;
    let mut below = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    let mut dials = Vec::new();
    for _ in 0..4000 {
        let mut dial = String::from(LEADS[below(LEADS.len())]);
        dial.push_str(STARTS[below(STARTS.len())]);
        for _ in 0..below(13) {
            dial.push(char::from(b'0' + below(10) as u8));
            if below(12) == 0 {
                dial.push(if below(2) == 0 { ' ' } else { '-' });
            }
        }
        dial.push_str(TAILS[below(TAILS.len())]);
        if below(8) == 0 {
            let ends: Vec<usize> = dial.char_indices().map(|(i, _)| i).skip(1).collect();
            dials.extend(ends.into_iter().map(|end| dial[..end].to_string()));
        }
        dials.push(dial);
    }
    dials
}

/// What a set of dials is decided as, under policies of every option,
/// through bytes (a loaded policy decides as the compiled one, tested
/// above): a digest of each Decision's every field. When it changes, the
/// engine decides some dial otherwise than the engine before, and bytes
/// that engine wrote would be judged by other rules here: bump
/// `wire::FORMAT_VERSION` (bytes of the format before are then refused,
/// and every fingerprint changes) and pin the new digest with it.
#[test]
fn the_decisions_are_pinned() {
    let dials = pinned_dials();
    let mut text = String::new();
    let mut format = 0;
    for json in PINNED_POLICIES {
        let bytes = DialPolicy::from_json(json).unwrap().to_bytes();
        format = u16::from_le_bytes([bytes[16], bytes[17]]);
        let policy = DialPolicy::from_bytes(&bytes).unwrap();
        for dial in &dials {
            let d = policy.check(dial);
            let regions: Vec<&str> = d.regions().map(|r| r.id()).collect();
            let reading = d
                .reading()
                .map(|r| format!("{}:{}:{}", r.kind().as_str(), r.code(), r.dial_string()));
            text.push_str(&format!(
                "{dial}\t{}\t{}\t{}\t{:?}\t{:?}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{reading:?}\t{}\n",
                d.verdict().as_str(),
                d.reason().as_str(),
                d.dial_string(),
                d.prefix(),
                d.calling_code(),
                regions.join(","),
                d.national_number(),
                d.post_dial(),
                d.rule(),
                d.can_be_allowed(),
                d.position(),
                d.number_type().map(|t| t.as_str()),
                d.validity().map(|v| v.as_str()),
                d.national_format(),
            ));
        }
    }
    let digest = u64::from_le_bytes(fnv1a(text.as_bytes()));
    // Numbering data of another version decides otherwise too, but its
    // bytes are refused by their data version already: then pin the new
    // digest with it, and the format stays.
    assert_eq!(
        (format, dialguard::DATA_VERSION, digest),
        (5, "libphonenumber 9.0.35", 0xb577_b378_6a9f_6d41),
        "the pinned dials are decided otherwise (digest {digest:#018x}): with the same numbering data, bump wire::FORMAT_VERSION and pin the digest with it"
    );
}

/// What the compiler derives from each home region (its international
/// prefixes, emergency numbers, procedures and national format, the last
/// with `judgeNationalDialing`), written and read back as it is: a region
/// whose numbering data the format could not carry would make bytes that
/// do not load.
#[test]
fn every_home_region_loads_as_compiled() {
    let mut loaded_regions = 0;
    for region in dialguard::regions().filter(|r| r.id() != "001") {
        let json = format!(
            r#"{{"homeRegion": "{}", "judgeNationalDialing": true, "allow": ["{}"]}}"#,
            region.id(),
            region.id()
        );
        let Ok(policy) = DialPolicy::from_json(&json) else {
            continue; // a region without an international prefix of its own
        };
        let bytes = policy.to_bytes();
        let loaded = DialPolicy::from_bytes(&bytes).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(loaded.to_bytes(), bytes, "{json}");
        for dial in [
            "0",
            "00",
            "011 44 20 7946 0000",
            "1 876 555 0123",
            "0 6 698 12345",
            "112",
            "*72 555 0123",
        ] {
            assert_eq!(decision(&loaded, dial), decision(&policy, dial), "{json}: {dial}");
        }
        loaded_regions += 1;
    }
    assert!(loaded_regions > 240, "{loaded_regions} regions");
}

#[test]
fn sizes() {
    let size = |json: &str| DialPolicy::from_json(json).unwrap().to_bytes().len();
    let mx_ar = size(
        r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate", "shared-cost", "personal-number", "unknown"]}"#,
    );
    let every: Vec<String> = dialguard::regions()
        .map(|r| match r.id() {
            "001" => format!("\"+{}\"", r.calling_code()),
            id => format!("\"{id}\""),
        })
        .collect();
    let all = size(&format!(r#"{{"homeRegion": "MX", "allow": [{}]}}"#, every.join(",")));
    let all_typed = size(&format!(
        r#"{{"homeRegion": "MX", "allow": [{}], "blockNumberTypes": ["premium-rate", "unknown"]}}"#,
        every.join(",")
    ));
    eprintln!(
        "compiled policy: MX allowing AR with types blocked {mx_ar} bytes; allowing every region {all} bytes, \
         with premium-rate and unknown blocked {all_typed} bytes"
    );
    assert!(mx_ar <= 4096, "{mx_ar} bytes");
}

#[test]
fn bytes_of_other_data_tell_what_they_were_compiled_from() {
    let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["CA", "GB"], "sharedCodes": "by-region", "blockNumberTypes": ["premium-rate"]}"#).unwrap();
    let bytes = policy.to_bytes();
    let ours = DialPolicy::compiled_from(&bytes).unwrap();
    assert_eq!(
        (&ours.config, ours.data_version.as_str()),
        (policy.config(), dialguard::DATA_VERSION)
    );

    // Another data version's bytes, unchanged: refused by from_bytes, and
    // their configuration compiles with this data to the same policy.
    let older = of_data(&bytes, "libphonenumber 8.13.0");
    assert_eq!(
        DialPolicy::from_bytes(&older).unwrap_err().kind(),
        ConfigErrorKind::DataVersion
    );
    let from = DialPolicy::compiled_from(&older).unwrap();
    assert_eq!(from.data_version, "libphonenumber 8.13.0");
    let again = DialPolicy::new(from.config).unwrap();
    assert_eq!(again.fingerprint(), policy.fingerprint());

    // Checked as from_bytes checks them, up to the configuration.
    let err = |b: &[u8]| DialPolicy::compiled_from(b).unwrap_err().kind();
    let mut changed = older.clone();
    changed[60] ^= 1;
    assert_eq!(err(&changed), ConfigErrorKind::CorruptBytes);
    assert_eq!(err(&older[..older.len() - 3]), ConfigErrorKind::TruncatedBytes);
    assert_eq!(
        err(&data_renamed(&older, "libphonenumber 8.13.1")),
        ConfigErrorKind::CorruptBytes
    );
    let mut newer = older.clone();
    newer[16] = 9;
    assert_eq!(err(&newer), ConfigErrorKind::BytesVersion);
    assert_eq!(err(b"{}"), ConfigErrorKind::NotPolicyBytes);
    // A configuration section a forger changed, fingerprint and checksum remade.
    let unknown = of_data(&forged(&bytes, b"\x02CA", b"\x02XX"), "libphonenumber 8.13.0");
    let from = DialPolicy::compiled_from(&unknown).unwrap();
    assert_eq!(
        DialPolicy::new(from.config).unwrap_err().kind(),
        ConfigErrorKind::UnknownRegion
    );
}

/// `bytes` whose data version was renamed `other` (of the same length),
/// the checksum remade but not the fingerprint.
fn data_renamed(bytes: &[u8], other: &str) -> Vec<u8> {
    let at = 16 + 2 + 1;
    let mut out = bytes.to_vec();
    out[at..at + other.len()].copy_from_slice(other.as_bytes());
    resealed(out)
}

/// Bytes of format 4, written by the dialguard before a bare `*` or `#`
/// before a dial was read as a separator (format 5): the same layout,
/// judged by other rules, so refused by `from_bytes`; a service compiles
/// what they were compiled from again, and the policy then has another
/// fingerprint.
#[test]
fn bytes_judged_by_the_rules_before_are_refused() {
    let format_4 = include_bytes!("fixtures/format-4-us.bin");
    let policy = refused_and_compiled_from(format_4, 4);
    // The layout is format 4's: the payload is byte for byte what this
    // engine writes, and only the format and the fingerprint differ.
    let ours = policy.to_bytes();
    let at = 16 + 2 + 1 + dialguard::DATA_VERSION.len();
    assert_eq!(format_4[at + 8..format_4.len() - 8], ours[at + 8..ours.len() - 8]);
    assert_ne!(format_4[at..at + 8], ours[at..at + 8]);
}

/// The policy of `tests/fixtures/` (`format-3-us.bin`, `format-4-us.bin`),
/// compiled by this engine.
const FIXTURE: &str =
    r#"{"homeRegion": "US", "allow": ["CA", "GB"], "sharedCodes": "by-region", "blockNumberTypes": ["premium-rate"]}"#;

/// Bytes of an earlier `format` of [`FIXTURE`]: refused by `from_bytes`,
/// which names both formats; `compiled_from` reads the configuration.
/// The policy this engine compiles from it.
fn refused_and_compiled_from(bytes: &[u8], format: u16) -> DialPolicy {
    assert_eq!(u16::from_le_bytes([bytes[16], bytes[17]]), format);
    let err = DialPolicy::from_bytes(bytes).unwrap_err();
    assert_eq!(
        (err.kind(), err.message()),
        (
            ConfigErrorKind::BytesVersion,
            format!("a compiled policy of format {format}; this dialguard reads format 5")
        )
    );
    let from = DialPolicy::compiled_from(bytes).unwrap();
    let policy = DialPolicy::from_json(FIXTURE).unwrap();
    assert_eq!(
        (&from.config, from.data_version.as_str()),
        (policy.config(), dialguard::DATA_VERSION)
    );
    policy
}

/// Bytes of format 3, written by the dialguard before format 4 (which
/// carries what the compiler derived from the home region): refused by
/// `from_bytes`, and what they were compiled from is still read, so a
/// service upgraded past their format compiles them again.
#[test]
fn bytes_of_the_format_before_tell_what_they_were_compiled_from() {
    let format_3 = include_bytes!("fixtures/format-3-us.bin");
    refused_and_compiled_from(format_3, 3);
    // Behind the same envelope checks (from_bytes stops at the format).
    assert_eq!(
        DialPolicy::compiled_from(&format_3[..100]).unwrap_err().kind(),
        ConfigErrorKind::TruncatedBytes
    );
    let mut changed = format_3.to_vec();
    changed[60] ^= 1;
    assert_eq!(
        DialPolicy::compiled_from(&changed).unwrap_err().kind(),
        ConfigErrorKind::CorruptBytes
    );
}
