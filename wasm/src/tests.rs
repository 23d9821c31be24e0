//! The binding inside WebAssembly (wasm-bindgen-test, run in Node by
//! wasm-bindgen-test-runner: `wasm-pack test --node wasm`, with and without
//! `--features admin`): what crosses, as JavaScript sees it, in the builds
//! with the configuration reader (`tests_bytes` has what every build has).

use dialguard::DialPolicy;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::record::MAX_REGIONS;
use crate::Policy;

/// A JavaScript value from JSON text.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("an object")
}

fn text(value: &JsValue) -> String {
    JSON::stringify(value).map(String::from).unwrap_or_default()
}

/// Every object in `value` is plain (no `Map`, no class instance) and has
/// no key whose value is `undefined` (optional fields are left out).
fn assert_plain(value: &JsValue, at: &str) {
    if let Some(array) = value.dyn_ref::<Array>() {
        for (i, item) in array.iter().enumerate() {
            assert_plain(&item, &format!("{at}[{i}]"));
        }
    } else if value.is_object() {
        let proto = Object::get_prototype_of(value);
        assert!(
            Object::is(&proto, &Object::get_prototype_of(&Object::new())),
            "{at} is not a plain object"
        );
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            let item = pair.get(1);
            assert!(!item.is_undefined(), "{at}.{key} is undefined, not left out");
            assert_plain(&item, &format!("{at}.{key}"));
        }
    }
}

/// The `DialguardError` a configuration throws, as (code, path, message).
fn config_error(config: JsValue) -> (String, String, String) {
    let error = Policy::new(config).err().expect("an error");
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    let name = |key| get(&error, key).as_string().unwrap_or_default();
    assert_eq!(name("name"), "DialguardError");
    (name("code"), name("path"), name("message"))
}

/// The error the core gives a policy's JSON text, outside JavaScript, as
/// (code, path, message).
fn json_error(text: &str) -> (String, String, String) {
    let Err(error) = DialPolicy::from_json(text) else {
        panic!("{text}: no error");
    };
    (error.kind().code().into(), error.path().into(), error.message())
}

#[wasm_bindgen_test]
fn config_errors_name_the_field_in_javascript_terms() {
    let cases = [
        (
            r#"{"homeRegion": "MX", "allow": ["AR", 7]}"#,
            "wrong-type",
            "allow[1]",
            "allow[1]: expected a string, got a number",
        ),
        (
            r#"{"homeRegion": "MX", "allow": "AR"}"#,
            "wrong-type",
            "allow",
            "allow: expected a list of strings, got a string",
        ),
        (
            r#"{"homeRegion": "MX", "enabled": null}"#,
            "wrong-type",
            "enabled",
            "enabled: expected true or false, got null",
        ),
        (
            r#"{"homeRegion": "MX", "allow": [{}]}"#,
            "wrong-type",
            "allow[0]",
            "allow[0]: expected a string, got an object",
        ),
        (
            r#"{"homeRegion": "MX", "sharedCodes": "x"}"#,
            "invalid-value",
            "sharedCodes",
            r#"sharedCodes: must be "together" or "by-region""#,
        ),
        (
            r#"{"homeRegion": "MX", "allow": ["XX"]}"#,
            "unknown-region",
            "allow[0]",
            r#"allow[0]: unknown region "XX""#,
        ),
        (r#"["AR"]"#, "wrong-type", "", "expected a policy object, got a list"),
        ("7", "wrong-type", "", "expected a policy object, got a number"),
        ("null", "wrong-type", "", "expected a policy object, got null"),
    ];
    for (json, code, path, message) in cases {
        let expected = (code.into(), path.into(), message.into());
        assert_eq!(config_error(js(json)), expected, "{json}");
        // The same error from the text: none of it is a JavaScript
        // engine's, so every engine gives it alike.
        assert_eq!(json_error(json), expected, "{json}");
    }
    let engine_words = [
        r#"{"homeRegion": "MX", "allow": "AR"}"#,
        r#"{"homeRegion": "MX", "allow": 7.5}"#,
        r#"{"homeRegion": "MX", "allow": [[1]]}"#,
        r#"{"homeRegion": "MX", "featureCodes": {"*67": true}}"#,
        r#"{"homeRegion": "MX", "sharedCodes": 1e300}"#,
        r#"{"homeRegion": "MX", "keypadLetters": "yes"}"#,
        r#"{"homeRegion": "MX", "allow": ["AR", "AR", "XX"]}"#,
    ];
    for json in engine_words {
        assert_eq!(config_error(js(json)), json_error(json), "{json}");
    }
    let (code, path, message) = config_error(js(r#"{"homeRegion": "MX", "alow": []}"#));
    assert_eq!((code.as_str(), path.as_str()), ("unknown-key", "alow"));
    assert!(
        message.ends_with(&dialguard::PolicyConfig::keys().join(", ")),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn a_policy_file_is_read_with_its_repeated_keys() {
    let read = Policy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"], "allow": ["US"]}"#);
    #[cfg(feature = "admin")]
    {
        let error = read.err().expect("refused");
        let field = |key| get(&error, key).as_string().unwrap_or_default();
        assert_eq!(
            (field("name"), field("code"), field("path")),
            ("DialguardError".into(), "duplicate-key".into(), "allow".into())
        );
        let policy = Policy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#).expect("a policy");
        assert_eq!(text(&get(&policy.to_json().expect("its config"), "allow")), r#"["AR"]"#);
    }
    #[cfg(not(feature = "admin"))]
    assert!(read
        .err()
        .and_then(|e| get(&e, "message").as_string())
        .is_some_and(|m| m.contains("admin build")));
}

#[wasm_bindgen_test]
fn a_config_is_read_as_plain_data_once() {
    // A class instance or a Map is not a policy.
    let map = js_sys::Map::new();
    assert_eq!(config_error(map.into()).0, "wrong-type");
    // A getter that throws, a function: not plain data; the instance works on.
    let throwing =
        js_sys::Function::new_no_args("return { homeRegion: 'MX', get allow() { throw new RangeError('nope') } }");
    let config = throwing.call0(&JsValue::NULL).expect("an object");
    assert_eq!(
        config_error(config),
        (
            "wrong-type".into(),
            "".into(),
            "a policy must be plain data: no functions, symbols, class instances or getters that throw".into()
        )
    );
    let with_function = js_sys::Function::new_no_args("return { homeRegion: 'MX', allow: [() => 1] }");
    assert_eq!(
        config_error(with_function.call0(&JsValue::NULL).expect("an object")).0,
        "wrong-type"
    );
    assert!(Policy::new(js(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)).is_ok());
    // A polluted prototype allows nothing.
    let pollute = js_sys::Function::new_no_args("Object.prototype.allow = ['US']");
    let clean = js_sys::Function::new_no_args("delete Object.prototype.allow");
    pollute.call0(&JsValue::NULL).expect("pollutes");
    let policy = Policy::new(js(r#"{"homeRegion": "US"}"#));
    clean.call0(&JsValue::NULL).expect("cleans");
    let config = policy.expect("a policy").to_json().expect("its config");
    assert_eq!(text(&get(&config, "allow")), "[]");
}

#[wasm_bindgen_test]
fn results_are_plain_objects_and_arrays() {
    let policy = Policy::new(js(r#"{"homeRegion": "US", "allow": ["CA", "+1876"]}"#)).expect("a policy");
    let config = policy.to_json().expect("its config");
    assert_plain(&config, "toJSON()");
    assert_eq!(
        text(&config),
        r#"{"enabled":true,"homeRegion":"US","plusIsInternational":true,"accessCodes":[],"featureCodes":[],"keypadLetters":false,"allow":["CA","+1876"],"sharedCodes":"together","judgeNationalDialing":false,"blockNumberTypes":[]}"#
    );
    if cfg!(feature = "admin") {
        let log = Array::of2(&"011 1 876 555 0123".into(), &"0044".into());
        for (what, value) in [
            ("layout()", crate::layout()),
            ("lint()", policy.lint()),
            (
                "diff()",
                policy.diff(js(r#"{"homeRegion": "US", "allow": ["GB"]}"#), Some(log)),
            ),
            ("coverage()", policy.coverage()),
            ("regions()", crate::regions()),
        ] {
            assert_plain(&value.expect(what), what);
        }
        // A region of its own code has no leadingDigits key at all.
        let ar = crate::regions().expect("the catalog").unchecked_into::<Array>().get(9);
        assert_eq!(get(&ar, "region").as_string().as_deref(), Some("AR"));
        assert!(!Reflect::has(&ar, &"leadingDigits".into()).unwrap_or(true));
    }
}

#[wasm_bindgen_test]
fn the_check_build_names_the_fix_for_admin_calls() {
    let policy = Policy::new(js(r#"{"homeRegion": "US"}"#)).expect("a policy");
    let results = [
        policy.lint(),
        policy.diff(js(r#"{"homeRegion": "US"}"#), None),
        policy.coverage(),
        crate::regions(),
        crate::search_regions("ar", None).map(|found| Array::from_iter(found.into_iter().map(JsValue::from)).into()),
        crate::layout(),
    ];
    let admin = cfg!(feature = "admin");
    for result in results {
        match result {
            Ok(_) => assert!(admin, "an admin call answered in the check build"),
            Err(error) => {
                assert!(!admin, "an admin call failed in the admin build: {error:?}");
                let message = get(&error, "message").as_string().unwrap_or_default();
                assert!(
                    message.ends_with("is in the admin build: call init({ admin: true }) rather than init()"),
                    "{message}"
                );
            }
        }
    }
}

#[cfg(feature = "admin")]
#[wasm_bindgen_test]
fn the_layout_describes_every_reason_verdict_and_error() {
    use crate::record::{self, HEADER, REFUSAL_UNIT_NAMES};
    use dialguard::{ConfigErrorKind, Reason, Verdict};
    let layout = crate::layout().expect("the layout");
    let fingerprint = crate::instance()[2];
    assert_eq!(get(&layout, "fingerprint").as_f64(), Some(f64::from(fingerprint)));
    let reasons: Array = get(&layout, "reasons").unchecked_into();
    assert_eq!(reasons.length() as usize, Reason::ALL.len());
    for (entry, reason) in reasons.iter().zip(Reason::ALL) {
        let pair: Array = entry.unchecked_into();
        assert_eq!(pair.get(0).as_string().as_deref(), Some(reason.as_str()));
        assert_eq!(
            pair.get(1).as_f64(),
            Some(f64::from(record::verdict_code(reason.verdict())))
        );
    }
    assert!(
        Verdict::ALL.iter().all(|&v| record::verdict_code(v) > 0),
        "no verdict crosses as 0"
    );
    assert_eq!(get(&layout, "header").as_f64(), Some(HEADER as f64));
    let names = |key: &str| -> Vec<String> {
        let list: Array = get(&layout, key).unchecked_into();
        list.iter().filter_map(|v| v.as_string()).collect()
    };
    let codes: Vec<&str> = ConfigErrorKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(names("errorCodes"), codes);
    assert_eq!(names("refusalUnits"), REFUSAL_UNIT_NAMES);
}

#[wasm_bindgen_test]
fn the_record_has_room_for_the_regions_of_every_calling_code() {
    let mut per_code = std::collections::BTreeMap::<u16, usize>::new();
    for r in dialguard::regions() {
        *per_code.entry(r.calling_code()).or_default() += 1;
    }
    assert!(
        per_code.values().all(|&n| n <= MAX_REGIONS),
        "a calling code has more than {MAX_REGIONS} regions"
    );
}
