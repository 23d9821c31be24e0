//! The binding inside WebAssembly, in every build (the light one
//! included: `wasm-pack test --node wasm --no-default-features`): a
//! compiled policy loaded from its bytes, the record it writes, and the
//! refusals bytes get.

use dialguard::{ConfigError, ConfigErrorKind, DialPolicy, Reason};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::record::{self, RefusalUnit, Unit, HEADER, MAX_REGIONS, RECORD_UNITS, REFUSAL_HEADER};
use crate::{Policy, INPUT, RECORD};
#[cfg(feature = "config")]
use wasm_bindgen::JsCast;

/// Writes `dial` into the input buffer, as the facade does; its length.
fn write(dial: &str) -> usize {
    let units: Vec<u16> = dial.encode_utf16().collect();
    INPUT.with_borrow_mut(|b| b.iter_mut().zip(&units).for_each(|(slot, &u)| *slot = u));
    units.len()
}

/// Checks `dial` through the input buffer; the record.
fn check(policy: &Policy, dial: &str) -> [u16; RECORD_UNITS] {
    policy.check(write(dial));
    RECORD.with_borrow(|r| *r)
}

#[wasm_bindgen_test]
fn the_record_is_the_decision() {
    let config = r#"{"homeRegion": "US", "allow": ["CA", "+44", "+1876"], "sharedCodes": "by-region", "accessCodes": ["9"], "judgeNationalDialing": true}"#;
    let native = DialPolicy::from_json(config).expect("a policy");
    let policy = Policy::from_bytes(&native.to_bytes()).expect("its bytes load");
    assert_eq!(policy.fingerprint(), native.fingerprint());
    assert_eq!(policy.allow_list(), "CA +44 +1876");
    let dials = [
        "+1 416 555 0123",
        "9,011 44 20 7946 0000 x 12",
        "+1 876 555 0123",
        "+1 212 555 0123",
        "+4",
        "00\u{202E}54",
        "212 555 0123",
        "1 876 555 0123",
        "tel:+1-416-555-0123;ext=7",
        "",
    ];
    for dial in dials {
        let r = check(&policy, dial);
        let d = native.check(dial);
        let unit = |u: Unit| r[u as usize];
        assert_eq!(unit(Unit::Verdict), record::verdict_code(d.verdict()), "{dial}");
        assert_eq!(
            Reason::ALL.get(usize::from(unit(Unit::Reason))),
            Some(&d.reason()),
            "{dial}"
        );
        let regions: Vec<u16> = d.regions().map(|r| r.index() as u16).collect();
        assert_eq!(&r[HEADER..HEADER + regions.len()], &regions[..], "{dial}");
        let text = &r[HEADER + MAX_REGIONS..];
        let dial_string: Vec<u16> = d.dial_string().encode_utf16().collect();
        assert_eq!(&text[..dial_string.len()], &dial_string[..], "{dial}");
        assert_eq!(usize::from(unit(Unit::DialLen)), dial_string.len(), "{dial}");
        assert_eq!(
            unit(Unit::Flags) & record::flag::POST_DIAL != 0,
            d.post_dial().is_some(),
            "{dial}"
        );
        assert_eq!(
            unit(Unit::Flags) & record::flag::RULE != 0,
            d.rule().is_some(),
            "{dial}"
        );
        assert_eq!(
            unit(Unit::Flags) & record::flag::NATIONAL_FORMAT != 0,
            d.national_format(),
            "{dial}"
        );
        if let Some(prefix) = d.prefix_range() {
            assert_eq!(
                (usize::from(unit(Unit::PrefixStart)), usize::from(unit(Unit::PrefixEnd))),
                (prefix.start, prefix.end)
            );
        }
        let number_type = d.number_type().map_or(0, |t| t.index() + 1);
        assert_eq!(usize::from(unit(Unit::NumberType)), number_type, "{dial}");
        assert_eq!(policy.verdict(write(dial)), record::verdict_code(d.verdict()), "{dial}");
    }
}

/// How the binding refuses `bytes`: the error's (code, path, detail,
/// message), as the facade gets them.
#[cfg(feature = "config")]
fn refusal(bytes: &[u8]) -> [String; 4] {
    let Err(error) = Policy::from_bytes(bytes) else {
        panic!("loaded");
    };
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    let field = |key: &str| {
        js_sys::Reflect::get(&error, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    assert_eq!(field("name"), "DialguardError");
    ["code", "path", "detail", "message"].map(field)
}

/// How the binding refuses `bytes`: the error's (code, path, detail,
/// message), as the facade gets them, from the record.
#[cfg(not(feature = "config"))]
fn refusal(bytes: &[u8]) -> [String; 4] {
    RECORD.with_borrow_mut(|r| r.fill(0));
    assert!(Policy::from_bytes(bytes).is_none(), "loaded");
    let r = RECORD.with_borrow(|r| *r);
    let unit = |u: RefusalUnit| usize::from(r[u as usize]);
    let kind = ConfigErrorKind::ALL[unit(RefusalUnit::Code) - 1];
    let mut at = REFUSAL_HEADER;
    let mut text = |len: usize| {
        at += len;
        String::from_utf16(&r[at - len..at]).expect("text")
    };
    let path = text(unit(RefusalUnit::PathLen));
    let detail = text(unit(RefusalUnit::DetailLen));
    let message = text(unit(RefusalUnit::MessageLen));
    [kind.code().into(), path, detail, message]
}

#[wasm_bindgen_test]
fn bad_bytes_are_refused_with_the_engines_error() {
    let bytes = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)
        .expect("a policy")
        .to_bytes();
    let mut changed = bytes.clone();
    changed[bytes.len() / 2] ^= 1;
    let mut other_format = bytes.clone();
    other_format[16] ^= 0x40; // the format version follows the 16-byte label
    let cases: [(&[u8], ConfigErrorKind); 5] = [
        (&changed, ConfigErrorKind::CorruptBytes),
        (&bytes[..bytes.len() - 1], ConfigErrorKind::TruncatedBytes),
        (b"{\"allow\": []}", ConfigErrorKind::NotPolicyBytes),
        (b"", ConfigErrorKind::NotPolicyBytes),
        (&other_format, ConfigErrorKind::BytesVersion),
    ];
    for (given, kind) in cases {
        let Err(error) = DialPolicy::from_bytes(given) else {
            panic!("{kind:?}: loaded natively");
        };
        assert_eq!(error.kind(), kind);
        let native = [kind.code(), error.path(), error.detail(), &error.message()];
        assert_eq!(refusal(given), native.map(String::from), "{kind:?}");
        assert_eq!(error.message(), error.detail(), "{kind:?}: about the bytes as a whole");
    }
}

#[wasm_bindgen_test]
fn a_refusal_too_long_for_the_record_is_cut_at_its_end() {
    let error = ConfigError::new(ConfigErrorKind::DataVersion, "", &"9".repeat(RECORD_UNITS));
    let mut out = [0u16; RECORD_UNITS];
    record::write_refusal(&error, &mut out);
    let unit = |u: RefusalUnit| usize::from(out[u as usize]);
    assert_eq!(unit(RefusalUnit::DetailLen), RECORD_UNITS - REFUSAL_HEADER);
    assert_eq!(unit(RefusalUnit::MessageLen), 0);
    assert_eq!(out[RECORD_UNITS - 1], u16::from(b'9'));
    // Text of any script, as UTF-16.
    let error = ConfigError::new(ConfigErrorKind::DataVersion, "", "compiled with données 𝟗");
    record::write_refusal(&error, &mut out);
    let detail = usize::from(out[RefusalUnit::DetailLen as usize]);
    let text = String::from_utf16(&out[REFUSAL_HEADER..REFUSAL_HEADER + detail]).expect("text");
    assert_eq!(text, error.detail());
}

#[wasm_bindgen_test]
fn the_instance_names_its_build_and_buffers() {
    let [input, record, fingerprint, build] = crate::instance()[..] else {
        panic!("instance() is four numbers");
    };
    let expected = if cfg!(feature = "admin") {
        1
    } else if cfg!(feature = "config") {
        0
    } else {
        2
    };
    assert_eq!(build, expected);
    assert_eq!(fingerprint, record::FINGERPRINT);
    assert_eq!(input as usize, INPUT.with_borrow(|b| b.as_ptr() as usize));
    assert_eq!(record as usize, RECORD.with_borrow(|b| b.as_ptr() as usize));
}

#[wasm_bindgen_test]
fn region_ids_are_in_the_order_records_index_them() {
    let ids = crate::region_ids();
    let ids: Vec<&str> = ids.split(' ').collect();
    let regions: Vec<dialguard::Region> = dialguard::Region::all().collect();
    assert_eq!(ids.len(), regions.len());
    for (i, region) in regions.iter().enumerate() {
        assert_eq!(region.index(), i);
        assert_eq!(ids[i], region.id());
    }
    assert_eq!(ids.last(), Some(&"001"));
}
