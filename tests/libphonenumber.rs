//! The engine's number types against libphonenumber's own reading of the
//! vendored XML (`support::libphonenumber`, an oracle written apart): on
//! every example number, and on numbers drawn from each territory's type
//! patterns and at random, valid and invalid: the type of each as a
//! complete number, and whether it is valid. The figures are printed.

mod support;

use dialguard::{DialPolicy, Validity};
use support::libphonenumber::{metadata, number_type};

/// The engine's type of `+code national` as a complete number, by name:
/// its type when the Decision calls it a valid number, else "unknown" (as
/// libphonenumber's `getNumberType` says of every invalid number).
fn engine_type(policy: &DialPolicy, code: u16, national: &str) -> &'static str {
    let d = policy.check(&format!("+{code}{national}"));
    match d.validity() {
        Some(Validity::Valid | Validity::ValidMayContinue) => d.number_type().map_or("none", |t| t.as_str()),
        Some(_) => "unknown",
        None => "no validity",
    }
}

struct Tally {
    /// Numbers of more than 15 digits, not compared.
    beyond_e164: usize,
    total: usize,
    agree: usize,
    valid: usize,
    valid_agree: usize,
    shown: Vec<String>,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            beyond_e164: 0,
            total: 0,
            agree: 0,
            valid: 0,
            valid_agree: 0,
            shown: Vec::new(),
        }
    }

    fn add(&mut self, code: u16, national: &str, engine: &str, oracle: &str) {
        // Longer than E.164's 15 digits: refused as malformed
        // (docs/contract.md §4 step 10), whatever libphonenumber says.
        if code.to_string().len() + national.len() > 15 {
            self.beyond_e164 += 1;
            return;
        }
        let same = engine == oracle;
        self.total += 1;
        self.agree += usize::from(same);
        if oracle != "unknown" {
            self.valid += 1;
            self.valid_agree += usize::from(same);
        }
        if !same && self.shown.len() < 12 {
            self.shown
                .push(format!("+{code} {national}: engine {engine}, libphonenumber {oracle}"));
        }
    }

    /// Prints the figures; gives the shares that agree, of all and of the valid numbers.
    fn report(&self, what: &str) -> (f64, f64) {
        let share = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        eprintln!(
            "{what}: {} of {} agree ({:.2} %); of libphonenumber's valid numbers {} of {} ({:.2} %); \
             {} longer than 15 digits not compared; e.g. {:#?}",
            self.agree,
            self.total,
            share(self.agree, self.total),
            self.valid_agree,
            self.valid,
            share(self.valid_agree, self.valid),
            self.beyond_e164,
            self.shown
        );
        (share(self.agree, self.total), share(self.valid_agree, self.valid))
    }
}

#[test]
fn number_types_against_libphonenumber() {
    // A policy that reaches every calling code (protection off), loaded
    // from its bytes: the tables measured are the ones a softphone reads.
    let compiled = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "enabled": false}"#).unwrap();
    let policy = DialPolicy::from_bytes(&compiled.to_bytes()).unwrap();
    let all = metadata();

    let mut examples = Tally::new();
    for (&code, territories) in &all {
        for m in territories {
            for national in &m.examples {
                examples.add(
                    code,
                    national,
                    engine_type(&policy, code, national),
                    number_type(territories, national),
                );
            }
        }
    }

    // Numbers drawn from each type's pattern (valid, mostly), the same cut
    // or lengthened by a digit, and digits at random after the pattern's
    // first ones (invalid, mostly): 100,000 or more, at a fixed seed.
    let mut seed: u64 = 0x5eed_1e55;
    let mut choose = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let per_territory = 100_000 / all.values().map(Vec::len).sum::<usize>() + 1;
    let mut generated = Tally::new();
    for (&code, territories) in &all {
        for m in territories {
            let patterns: Vec<support::Dfa> = m.patterns().iter().map(|p| support::Dfa::new(p)).collect();
            if patterns.is_empty() {
                continue;
            }
            for i in 0..per_territory {
                let mut national = patterns[choose(patterns.len())].sample(&mut choose);
                match i % 4 {
                    0 | 1 => {}
                    2 if national.len() > 1 => {
                        national.pop();
                    }
                    _ => {
                        let len = m.lengths()[choose(m.lengths().len())];
                        national.truncate(choose(3));
                        while national.len() < len {
                            national.push(char::from(b'0' + choose(10) as u8));
                        }
                    }
                }
                generated.add(
                    code,
                    &national,
                    engine_type(&policy, code, &national),
                    number_type(territories, &national),
                );
            }
        }
    }

    // Exact (docs/contract.md §6): every example number; of the generated
    // ones, what is left are numbers libphonenumber itself reads apart
    // from its patterns (printed above, when there are any).
    let (examples, _) = examples.report("example numbers");
    let (generated, valid) = generated.report("generated numbers");
    assert!(examples >= 100.0, "example numbers: {examples:.2} % agree");
    assert!(
        generated >= 99.9 && valid >= 99.9,
        "generated numbers: {generated:.2} % agree, {valid:.2} % of the valid ones"
    );
}
