//! Native throughput of `check` and `verdict`, with divan.
//!
//! `cargo bench --bench check`: each sample judges the same 100,000
//! fixed-seed dials (E.164 contacts, IDD-prefixed and national numbers, some
//! formatted as people type them), so the throughput column is dials per
//! second on one core. Also the worst case (percent-encoded URIs, long
//! full-width dials) and compiling a policy that allows every region. Each
//! policy is measured without and with `blockNumberTypes` (the same policy
//! but for it), for the cost of number types side by side.

use std::sync::LazyLock;

use dialguard::{regions, DialPolicy};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Deterministic inputs: a small linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    /// `min` to `min + spread - 1` random digits.
    fn digits(&mut self, min: u64, spread: u64) -> String {
        let len = min + self.next(spread);
        (0..len).map(|_| char::from(b'0' + self.next(10) as u8)).collect()
    }
}

static TYPICAL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let codes = [
        "1", "44", "52", "54", "49", "33", "86", "91", "7", "61", "1876", "39", "55", "81", "234", "880",
    ];
    let mut rng = Lcg(0x5eed);
    (0..100_000)
        .map(|_| {
            let code = codes[rng.next(codes.len() as u64) as usize];
            let national = rng.digits(8, 3);
            match rng.next(5) {
                0 | 1 => format!("+{code}{national}"),
                2 => format!("00{code}{national}"),
                3 => format!("+{code} {} {}", &national[..3], &national[3..]),
                _ => rng.digits(7, 4),
            }
        })
        .collect()
});

static WORST: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..10_000)
        .map(|i| format!("tel:%2B{}%20{};ext={}", 44 + i % 3, "1".repeat(12), i))
        .chain((0..10_000).map(|_| "\u{FF10}\u{FF10}\u{0665}\u{0664} ".repeat(12)))
        .collect()
});

const POLICIES: [&str; 4] = [
    r#"{"homeRegion": "MX", "allow": ["AR"]}"#,
    r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate", "shared-cost", "personal-number"]}"#,
    r#"{"homeRegion": "US", "allow": ["CA", "GB", "JM"], "sharedCodes": "by-region"}"#,
    r#"{"homeRegion": "US", "allow": ["CA", "GB", "JM"], "sharedCodes": "by-region", "blockNumberTypes": ["premium-rate", "shared-cost", "personal-number"]}"#,
];

fn run(bencher: Bencher, json: &str, dials: &'static [String], judge: fn(&DialPolicy, &str) -> u32) {
    let policy = DialPolicy::from_json(json).unwrap();
    bencher.counter(ItemsCount::new(dials.len())).bench_local(|| {
        let mut acc = 0u32;
        for dial in dials {
            acc = acc.wrapping_add(judge(&policy, black_box(dial)));
        }
        acc
    });
}

#[divan::bench(args = POLICIES)]
fn verdict(bencher: Bencher, json: &str) {
    run(bencher, json, &TYPICAL, |p, d| p.verdict(d) as u32);
}

#[divan::bench(args = POLICIES)]
fn check(bencher: Bencher, json: &str) {
    run(bencher, json, &TYPICAL, |p, d| p.check(d).reason() as u32);
}

#[divan::bench]
fn check_worst_case(bencher: Bencher) {
    run(bencher, POLICIES[0], &WORST, |p, d| p.check(d).reason() as u32);
}

#[divan::bench(args = ["[]", r#"["premium-rate", "shared-cost", "personal-number"]"#])]
fn compile_policy_allowing_every_region(bencher: Bencher, blocked: &str) {
    let all: Vec<String> = regions()
        .filter(|r| r.is_geographic())
        .map(|r| format!("\"{}\"", r.id()))
        .collect();
    let json = format!(
        r#"{{"homeRegion": "US", "allow": [{}], "sharedCodes": "by-region", "blockNumberTypes": {blocked}}}"#,
        all.join(",")
    );
    bencher.bench_local(|| DialPolicy::from_json(black_box(&json)).unwrap());
}

/// Loading a compiled policy (what a softphone does) beside compiling it.
#[divan::bench(args = POLICIES)]
fn from_bytes(bencher: Bencher, json: &str) {
    let bytes = DialPolicy::from_json(json).unwrap().to_bytes();
    bencher.bench_local(|| DialPolicy::from_bytes(black_box(&bytes)).unwrap());
}

#[divan::bench(args = POLICIES)]
fn compile(bencher: Bencher, json: &str) {
    bencher.bench_local(|| DialPolicy::from_json(black_box(json)).unwrap());
}
