//! Arbitrary text as a policy configuration: either an error naming a field
//! or a policy whose normalized form builds the same policy again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match dialguard::DialPolicy::from_json(text) {
        Ok(policy) => {
            let again = dialguard::DialPolicy::from_json(&policy.to_json()).expect("normalized config is valid");
            assert_eq!(again.config(), policy.config());
            let _ = policy.lint();
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
