//! Bytes as a compiled policy: refused with a typed error, never a panic,
//! and accepted only as exactly what the engine writes. The input is read
//! twice: as bytes on their own, and as edits (a truncation and byte
//! changes) to a real policy's bytes, which random bytes rarely reach.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    accepted_only_as_written(data);
    let Some((&pick, edits)) = data.split_first() else { return };
    static POLICIES: std::sync::OnceLock<Vec<dialguard::DialPolicy>> = std::sync::OnceLock::new();
    let policies = POLICIES.get_or_init(common::policies);
    let policy = &policies[usize::from(pick) % policies.len()];
    let mut bytes = policy.to_bytes();
    // Pairs of (position, xor); an odd byte at the end cuts the bytes there.
    for pair in edits.chunks(2) {
        match *pair {
            [at, flip] => {
                let i = usize::from(at) * bytes.len() / 256;
                bytes[i] ^= flip;
            }
            [cut] => bytes.truncate(usize::from(cut) * bytes.len() / 256),
            _ => {}
        }
    }
    if let Ok(loaded) = accepted_only_as_written(&bytes) {
        // Edits that cancel out give back the policy itself.
        assert_eq!(loaded.fingerprint(), policy.fingerprint());
        for dial in ["00 54 11 1234 5678", "+1 876 555 0123", "1 876 555 0123", "9,011 44 20 7946 0000"] {
            assert_eq!(loaded.check(dial).verdict(), policy.check(dial).verdict());
        }
    }
});

fn accepted_only_as_written(bytes: &[u8]) -> Result<dialguard::DialPolicy, dialguard::ConfigError> {
    let result = dialguard::DialPolicy::from_bytes(bytes);
    match &result {
        Ok(loaded) => assert_eq!(loaded.to_bytes(), bytes, "accepted bytes the engine would not write"),
        Err(err) => {
            assert!(!err.message().is_empty());
            assert!(err.kind().code().ends_with("-bytes") || err.kind().code().ends_with("-version"), "{err}");
        }
    }
    result
}
