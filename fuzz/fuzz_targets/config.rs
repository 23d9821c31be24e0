//! Arbitrary text as a policy configuration: either an error naming a field
//! or a policy whose normalized form builds the same policy again, and whose
//! diff with another policy, either way, reports only changes that happen.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match dialguard::DialPolicy::from_json(text) {
        Ok(policy) => {
            let again = dialguard::DialPolicy::from_json(&policy.to_json()).expect("normalized config is valid");
            assert_eq!(again.config(), policy.config());
            let _ = policy.lint();
            // The preview of a change to or from it: no panic, and every
            // change's example judged as reported.
            static SAVED: std::sync::OnceLock<dialguard::DialPolicy> = std::sync::OnceLock::new();
            let saved = SAVED.get_or_init(|| {
                dialguard::DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["CA", "+44"], "accessCodes": ["9"]}"#)
                    .expect("a valid policy")
            });
            for (before, after) in [(saved, &policy), (&policy, saved)] {
                for change in before.diff(after, None).changes {
                    assert_eq!(before.verdict(&change.example), change.before.verdict, "{change:?}");
                    assert_eq!(after.verdict(&change.example), change.after.verdict, "{change:?}");
                }
            }
            for dial in [
                "00 54 11 1234 5678",
                "+1 876 555 0123",
                "1 876 555 0123",
                "9,011 44 20 7946 0000",
            ] {
                assert_eq!(policy.verdict(dial), again.verdict(dial));
            }
        }
        Err(err) => {
            assert!(!err.message().is_empty());
            assert!(err.kind().code().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }
});
