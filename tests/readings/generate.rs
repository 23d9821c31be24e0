//! Policies and dials from a grammar, with a seeded generator so that every
//! counterexample reproduces from its seed.

use crate::model::{Facts, Model, Policy};
use crate::support::procedures::Kind;
use crate::support::Territory;

/// xorshift64*, seeded through splitmix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    /// A random subset of `items`, in order.
    fn subset<T: Clone>(&mut self, items: &[T], one_in: usize) -> Vec<T> {
        items.iter().filter(|_| self.one_in(one_in)).cloned().collect()
    }
}

/// Home regions with procedure rows or a shared calling code, and their
/// neighbours; others come at random.
const HOMES: [&str; 24] = [
    "US", "US", "US", "JM", "CA", "DO", "PR", "DE", "DE", "AT", "CH", "JP", "JP", "IT", "IT", "IE", "BR", "AU", "MY",
    "MA", "EH", "RU", "KZ", "GB",
];
const MORE_HOMES: [&str; 6] = ["GG", "MX", "VA", "SM", "FR", "AR"];
const ALLOW_REGIONS: [&str; 27] = [
    "CA", "US", "JM", "DO", "FR", "GB", "GG", "JE", "AT", "DE", "SM", "VA", "KZ", "RU", "EH", "MA", "AR", "MX", "JP",
    "AU", "CX", "IE", "IT", "CH", "BR", "MY", "SG",
];
const ALLOW_CODES: [&str; 10] = [
    "+44", "+1876", "+882", "+979", "+7", "+39", "+378", "+1900", "+4428", "+1",
];
const TYPES: [&str; 11] = [
    "premium-rate",
    "shared-cost",
    "personal-number",
    "voip",
    "uan",
    "pager",
    "voicemail",
    "toll-free",
    "mobile",
    "fixed-line",
    "unknown",
];
const PREFIXES: [&str; 7] = ["00", "011", "0011", "810", "001", "09", "010"];
const ACCESS: [&str; 6] = ["9", "0", "8", "99", "81", "7"];
const FEATURES: [&str; 5] = ["*67", "*82", "#31#", "*72", "**21*"];
/// Codes that may carry a number, listed or not.
const STAR_CODES: [&str; 10] = ["*67", "*82", "*72", "*720", "**21*", "#31#", "*21*", "#", "*", "*31#"];
/// Codes that carry none.
const BARE_CODES: [&str; 6] = ["*69", "*72", "#31#", "*#06#", "**", "*7"];

pub fn policy(rng: &mut Rng) -> Model {
    let facts = Facts::get();
    let geographic: Vec<&Territory> = facts.territories.iter().filter(|t| t.id != "001").collect();
    let home: Option<&str> = match rng.below(20) {
        0..=1 => None,
        2..=4 => Some(rng.pick(&geographic).id.as_str()),
        5 => Some(*rng.pick(&MORE_HOMES)),
        _ => Some(*rng.pick(&HOMES)),
    };
    let prefixes = match home {
        None => Some(vec![rng.pick(&PREFIXES).to_string()]),
        Some(h) if rng.one_in(4) => {
            let own = facts.international_prefixes(facts.territory(h));
            let mut chosen: Vec<String> = own.iter().filter(|_| rng.one_in(2)).take(4).cloned().collect();
            if chosen.is_empty() || rng.one_in(3) {
                chosen.push(rng.pick(&PREFIXES).to_string());
            }
            chosen.sort();
            chosen.dedup();
            Some(chosen)
        }
        Some(_) => None,
    };
    let mut allow: Vec<String> = (0..rng.below(5))
        .map(|_| rng.pick(&ALLOW_REGIONS).to_string())
        .collect();
    if let Some(h) = home.filter(|_| rng.one_in(2)) {
        let code = facts.territory(h).calling_code;
        let neighbours: Vec<&Territory> = facts.members(code).collect();
        allow.push(rng.pick(&neighbours).id.clone());
    }
    if rng.one_in(3) {
        allow.push(rng.pick(&ALLOW_CODES).to_string());
    }
    if rng.one_in(4) {
        let t = rng.pick(&facts.territories);
        let national = example(rng, t);
        let digits = &national[..national.len().min(rng.below(4))];
        allow.push(format!("+{}{digits}", t.calling_code));
    }
    allow.sort();
    allow.dedup();
    let types = match rng.below(10) {
        0..=3 => Vec::new(),
        4..=6 => vec!["premium-rate"],
        _ => rng.subset(&TYPES, 4),
    }
    .into_iter()
    .map(str::to_string)
    .collect();
    let access = match rng.below(10) {
        0..=6 => Vec::new(),
        7..=8 => vec![rng.pick(&ACCESS).to_string()],
        _ => rng.subset(&ACCESS, 2).iter().map(|a| a.to_string()).collect(),
    };
    let features = match rng.below(10) {
        0..=5 => Vec::new(),
        _ => rng.subset(&FEATURES, 2).iter().map(|f| f.to_string()).collect(),
    };
    Model::new(Policy {
        home: home.map(str::to_string),
        prefixes,
        plus: !rng.one_in(10),
        access,
        features,
        allow,
        by_region: rng.one_in(2),
        national: home.is_some() && !rng.one_in(3),
        types,
        enabled: !rng.one_in(20),
    })
}

fn example<'t>(rng: &mut Rng, t: &'t Territory) -> &'t str {
    let examples: Vec<&str> = t.types.iter().filter_map(|d| d.example.as_deref()).collect();
    examples.get(rng.below(examples.len().max(1))).copied().unwrap_or("")
}

pub struct Dials<'m> {
    rng: Rng,
    model: &'m Model,
    facts: &'static Facts,
}

impl<'m> Dials<'m> {
    pub fn new(rng: Rng, model: &'m Model) -> Dials<'m> {
        Dials {
            rng,
            model,
            facts: Facts::get(),
        }
    }

    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// A dial in tokens (ASCII digits, `+`, `*`, `#`, a pause after an
    /// access code): the lead, then the number.
    pub fn dial(&mut self) -> String {
        let mut number = match self.rng.below(10) {
            0..=2 => self.star_code(),
            _ => self.plain(true),
        };
        if number.is_empty() {
            number = self.rng.digits(1);
        }
        let mut lead = self.lead();
        // After a lead of digits a `+` is malformed (step 3): now and then.
        if number.starts_with('+') && !lead.is_empty() && !self.rng.one_in(6) {
            lead.clear();
        }
        lead + &number
    }

    /// Listed feature codes and access codes in any order, an access code
    /// now and then twice (it is stripped once).
    fn lead(&mut self) -> String {
        let policy = &self.model.policy;
        let mut lead = String::new();
        for _ in 0..self.rng.below(4) {
            match self.rng.below(3) {
                0 if !policy.features.is_empty() => lead.push_str(self.rng.pick(&policy.features).as_str()),
                1 if !policy.access.is_empty() => {
                    lead.push_str(self.rng.pick(&policy.access).as_str());
                    if self.rng.one_in(3) {
                        lead.push(',');
                    }
                }
                _ => {}
            }
        }
        lead
    }

    /// A code that may carry a number: a vertical service code or
    /// separators, then a dial, the next code, a closing `#`.
    fn star_code(&mut self) -> String {
        if self.rng.one_in(8) {
            return self.rng.pick(&BARE_CODES).to_string();
        }
        let mut code = match self.rng.below(4) {
            0 => {
                let n = 2 + self.rng.below(2);
                format!("*{}", self.rng.digits(n))
            }
            _ => self.rng.pick(&STAR_CODES).to_string(),
        };
        let carried = self.plain(true);
        // After a vertical service code's digits a `+` is malformed (step
        // 3); after a separator it is a carried dial's prefix.
        if carried.starts_with('+') && code.ends_with(|c: char| c.is_ascii_digit()) && !self.rng.one_in(6) {
            code.push('*');
        }
        code.push_str(&carried);
        match self.rng.below(6) {
            0 => code.push('#'),
            1 => {
                code.push(*self.rng.pick(&['*', '#']));
                code.push_str(&self.plain(true));
            }
            _ => {}
        }
        code
    }

    /// A dial without star codes: international, a dialing procedure,
    /// national, local, or random digits.
    fn plain(&mut self, carriers: bool) -> String {
        let home = self.model.home;
        match self.rng.below(20) {
            0..=6 => {
                // The policy's prefixes, and the home region's it may lack.
                let own = home.map(|h| self.facts.international_prefixes(h)).unwrap_or_default();
                let prefix = match (self.model.prefixes.as_slice(), own, self.rng.below(5)) {
                    (_, _, 0) => "+".to_string(),
                    (_, own, 1) if !own.is_empty() => self.rng.pick(own).clone(),
                    ([], _, _) => "+".to_string(),
                    (prefixes, _, _) => self.rng.pick(prefixes).clone(),
                };
                prefix + &self.international()
            }
            7..=10 if home.is_some() => self.procedure(carriers),
            11..=15 if home.is_some() => self.national(),
            16..=17 if home.is_some() => self.local(),
            _ => {
                let n = 1 + self.rng.below(16);
                self.rng.digits(n)
            }
        }
    }

    /// A calling code and a national number of any region, mostly of the
    /// home code and the allow list's.
    fn international(&mut self) -> String {
        let facts = self.facts;
        let t = match (self.rng.below(3), self.model.home) {
            (0, Some(home)) => self.member(home.calling_code),
            (1, _) if !self.model.policy.allow.is_empty() => {
                let entry = self.rng.pick(&self.model.policy.allow).clone();
                match entry.strip_prefix('+') {
                    Some(digits) => match facts.split_code(digits) {
                        Some((code, _)) => self.member(code),
                        None => self.rng.pick(&facts.territories),
                    },
                    None => facts.territory(&entry.to_uppercase()),
                }
            }
            _ => self.rng.pick(&facts.territories),
        };
        format!("{}{}", t.calling_code, self.number_of(t))
    }

    fn member(&mut self, code: u16) -> &'static Territory {
        let members: Vec<&Territory> = self.facts.members(code).collect();
        self.rng.pick::<&Territory>(&members)
    }

    /// A national number of `t`: an example or a random member of a type's
    /// pattern, now and then cut short or made longer.
    fn number_of(&mut self, t: &Territory) -> String {
        let mut number = match self.rng.below(3) {
            0 => example(&mut self.rng, t).to_string(),
            _ => {
                let desc = self.rng.pick(&t.types);
                desc.dfa().sample(|n| self.rng.below(n))
            }
        };
        match self.rng.below(8) {
            0 => number.truncate(self.rng.below(number.len() + 1)),
            1 => {
                let n = 1 + self.rng.below(4);
                number.push_str(&self.rng.digits(n));
            }
            _ => {}
        }
        number
    }

    /// A row of the procedures table for the home region (withdrawn ones
    /// too), its code, then what the row's kind takes.
    fn procedure(&mut self, carriers: bool) -> String {
        let home = self.model.home.expect("a home region");
        let rows: Vec<_> = self
            .facts
            .procedures
            .iter()
            .filter(|p| p.regions.contains(&home.id) && (carriers || p.kind != Kind::Carrier))
            .collect();
        if rows.is_empty() {
            return self.national();
        }
        let row = self.rng.pick(&rows);
        let mut dial: String = row
            .code
            .iter()
            .map(|class| char::from(*self.rng.pick(&class.members())))
            .collect();
        let mut rest = match row.kind {
            Kind::Carrier | Kind::ServiceCode => self.plain(false),
            Kind::International => self.international(),
            Kind::National => self.national_number(),
            Kind::CrossBorder => {
                let (code, digits) = row.to.as_ref().expect("a cross-border row has a to");
                let t = self.member(*code);
                let number = self.number_of(t);
                match number.strip_prefix(digits.as_str()) {
                    Some(rest) => rest.to_string(),
                    None => {
                        let n = 4 + self.rng.below(6);
                        self.rng.digits(n)
                    }
                }
            }
        };
        if let Some(next) = row.next.filter(|_| !self.rng.one_in(5)) {
            if rest.is_empty() || !next.contains(rest.as_bytes()[0]) {
                rest.insert(0, char::from(*self.rng.pick(&next.members())));
            }
        }
        dial.push_str(&rest);
        if !dial.is_empty() && self.rng.one_in(6) {
            dial.truncate(1 + self.rng.below(dial.len()));
        }
        dial
    }

    /// A national number of the home code, after the trunk prefix or not.
    fn national(&mut self) -> String {
        let home = self.model.home.expect("a home region");
        let number = self.national_number();
        match &home.national_prefix {
            Some(trunk) if !self.rng.one_in(3) => format!("{trunk}{number}"),
            _ => number,
        }
    }

    fn national_number(&mut self) -> String {
        let home = self.model.home.expect("a home region");
        let t = match self.rng.one_in(2) {
            true => home,
            false => self.member(home.calling_code),
        };
        self.number_of(t)
    }

    /// Digits of a local number's length (or the end of a home number).
    fn local(&mut self) -> String {
        let home = self.model.home.expect("a home region");
        let lengths: Vec<usize> = home.types.iter().flat_map(|t| t.local_only.iter().copied()).collect();
        let Some(&len) = lengths.get(self.rng.below(lengths.len().max(1))) else {
            return self.national();
        };
        let number = self.number_of(home);
        match self.rng.one_in(2) && number.len() >= len {
            true => number[number.len() - len..].to_string(),
            false => self.rng.digits(len),
        }
    }
}

/// Digit zeros of some scripts: ASCII, full-width, Arabic-Indic, Extended
/// Arabic-Indic, Devanagari, Bengali, Thai, Mongolian, mathematical bold.
const ZEROS: [u32; 9] = [0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1810, 0x1D7CE];
/// Formatting that must never change a verdict.
const SEPARATORS: [&str; 15] = [
    " ", "-", ".", "(", ")", "/", "[", "]", "\u{A0}", "\u{200B}", "\u{2011}", "\u{2212}", "\u{3000}", "\u{FEFF}",
    "\u{2060}",
];
const POST_DIAL: [&str; 5] = [",123", ",,5", ";9", "x12", " ext. 7"];

/// `tokens` as a user, a contact list or a SIP trunk may give them: spaced,
/// in other scripts, as a `tel:` URI, with post-dial or a send key.
/// `number`: the number the tokens come to (step 4), which post-dial and a
/// send key may follow.
pub fn render(rng: &mut Rng, tokens: &str, number: &str) -> String {
    // Post-dial after a star code is no formatting: the dial is refused.
    let post = !number.is_empty() && !number.starts_with(['*', '#']) && rng.one_in(3);
    if !tokens.contains(',') && rng.one_in(5) {
        let mut uri = String::from(*rng.pick(&["tel:", "TEL:", "tel:"]));
        for c in tokens.chars() {
            if rng.one_in(4) {
                uri.push(*rng.pick(&['-', '.', '(', ')']));
            }
            match c {
                '#' => uri.push_str("%23"),
                '0'..='9' if rng.one_in(8) => {
                    let digit = char::from_u32(0xFF10 + c.to_digit(10).unwrap()).unwrap();
                    for b in digit.to_string().bytes() {
                        uri.push_str(&format!("%{b:02X}"));
                    }
                }
                _ => uri.push(c),
            }
        }
        if post {
            uri.push_str(";ext=12");
        }
        return uri;
    }
    let script = match rng.below(3) {
        0 => None,
        _ => Some(*rng.pick(&ZEROS)),
    };
    let mut out = String::new();
    for c in tokens.chars() {
        if rng.one_in(3) {
            out.push_str(rng.pick::<&str>(&SEPARATORS));
        }
        match c.to_digit(10) {
            Some(d) => {
                let zero = script.unwrap_or_else(|| *rng.pick(&ZEROS));
                out.push(char::from_u32(zero + d).unwrap());
            }
            None if c == '+' && rng.one_in(3) => out.push('＋'),
            None => out.push(c),
        }
    }
    if post {
        out.push_str(rng.pick::<&str>(&POST_DIAL));
    } else if !number.is_empty() && !tokens.ends_with('#') && rng.one_in(4) {
        out.push('#');
    }
    out
}
