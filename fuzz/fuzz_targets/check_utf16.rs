//! Arbitrary UTF-16 code units (lone surrogates included), as JavaScript
//! strings reach the WebAssembly, through the whole decision path.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

static POLICIES: OnceLock<Vec<dialguard::DialPolicy>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let lone_surrogate = char::decode_utf16(units.iter().copied()).any(|c| c.is_err());
    for policy in POLICIES.get_or_init(common::policies) {
        let d = policy.check_utf16(&units);
        common::check_invariants(policy, &d, policy.verdict_utf16(&units));
        // Never repaired into something judged.
        if lone_surrogate {
            assert_eq!(d.verdict(), dialguard::Verdict::Malformed);
        }
        // The same text as UTF-8 is judged the same way.
        if let Ok(text) = String::from_utf16(&units) {
            let other = policy.check(&text);
            assert_eq!(
                (other.verdict(), other.reason(), other.position()),
                (d.verdict(), d.reason(), d.position())
            );
        }
    }
});
