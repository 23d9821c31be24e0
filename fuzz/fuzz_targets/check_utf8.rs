//! Arbitrary bytes, as UTF-8, through the whole decision path.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

static POLICIES: OnceLock<Vec<dialguard::DialPolicy>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(dial) = std::str::from_utf8(data) else { return };
    for policy in POLICIES.get_or_init(common::policies) {
        let d = policy.check(dial);
        common::check_invariants(policy, &d, policy.verdict(dial));
    }
});
