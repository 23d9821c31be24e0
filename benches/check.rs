//! Native throughput of `check` and `verdict` on typical dials.
//!
//! `cargo bench --bench check` prints dials per second on one core, the
//! median and the best of several rounds over the same fixed-seed inputs
//! (the best is what the core can do when nothing else runs on it).

use std::hint::black_box;
use std::time::Instant;

use dialguard::DialPolicy;

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

/// Typical dials: E.164 contacts, IDD-prefixed and national numbers,
/// some formatted the way people type them.
fn typical_dials(count: usize) -> Vec<String> {
    let codes = [
        "1", "44", "52", "54", "49", "33", "86", "91", "7", "61", "1876", "39", "55", "81", "234", "880",
    ];
    let mut rng = Lcg(0x5eed);
    (0..count)
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
}

fn measure(name: &str, dials: &[String], mut f: impl FnMut(&str) -> u32) {
    let mut rates = Vec::new();
    for _ in 0..9 {
        let start = Instant::now();
        let mut acc = 0u32;
        for dial in dials {
            acc = acc.wrapping_add(f(black_box(dial)));
        }
        black_box(acc);
        rates.push(dials.len() as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let (median, best) = (rates[rates.len() / 2] / 1e6, rates[rates.len() - 1] / 1e6);
    println!("{name:<40} {median:>6.1} M dials/s median, {best:>6.1} best of 9 rounds");
}

fn main() {
    let dials = typical_dials(100_000);
    let policies = [
        (
            "together, homeRegion MX, allow AR",
            r#"{"homeRegion": "MX", "allow": ["AR"]}"#,
        ),
        (
            "by-region, homeRegion US, allow CA GB JM",
            r#"{"homeRegion": "US", "allow": ["CA", "GB", "JM"], "sharedCodes": "by-region"}"#,
        ),
    ];
    for (label, json) in policies {
        let policy = DialPolicy::from_json(json).unwrap();
        println!("{label}");
        measure("  verdict()", &dials, |d| policy.verdict(d) as u32);
        measure("  check()", &dials, |d| policy.check(d).reason() as u32);
    }
    let worst: Vec<String> = (0..10_000)
        .map(|i| format!("tel:%2B{}%20{};ext={}", 44 + i % 3, "1".repeat(12), i))
        .chain((0..10_000).map(|_| "\u{FF10}\u{FF10}\u{0665}\u{0664} ".repeat(12)))
        .collect();
    let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#).unwrap();
    println!("worst case: percent-encoded URIs, 60-character full-width dials");
    measure("  check()", &worst, |d| policy.check(d).reason() as u32);
    let start = Instant::now();
    let all: Vec<String> = dialguard::regions()
        .filter(|r| r.is_geographic())
        .map(|r| format!("\"{}\"", r.id()))
        .collect();
    let json = format!(
        r#"{{"homeRegion": "US", "allow": [{}], "sharedCodes": "by-region"}}"#,
        all.join(",")
    );
    for _ in 0..100 {
        black_box(DialPolicy::from_json(&json).unwrap());
    }
    println!(
        "compile a by-region policy allowing every region: {:.1} µs",
        start.elapsed().as_secs_f64() * 1e4
    );
}
