//! `xtask/procedures.tsv` read again for the tests: the dialing procedures
//! libphonenumber does not carry (docs/contract.md §4 step 5 C, §6).

pub const TSV_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/xtask/procedures.tsv");

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// What follows is a dial of its own.
    Carrier,
    /// A calling code follows.
    International,
    /// A national number of the home region follows.
    National,
    /// Judged as `to` followed by the rest.
    CrossBorder,
    /// A star code dialed without its star: a dial of its own follows.
    ServiceCode,
}

/// A set of digits: one digit, `X` or a class such as `[2-9]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Digits(u16);

impl Digits {
    pub fn contains(self, digit: u8) -> bool {
        digit.is_ascii_digit() && self.0 & (1 << (digit - b'0')) != 0
    }

    /// The digits of the set, in order.
    pub fn members(self) -> Vec<u8> {
        (b'0'..=b'9').filter(|&d| self.contains(d)).collect()
    }
}

/// "5", "X", "[2-9]", "[0-35]" as sets, in order.
fn classes(text: &str) -> Result<Vec<Digits>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let bits = match c {
            '0'..='9' => 1 << (c as u8 - b'0'),
            'X' => 0x3FF,
            '[' => {
                let body: String = chars.by_ref().take_while(|&c| c != ']').collect();
                let body: Vec<u8> = body.bytes().filter(|&b| b != b',').collect();
                let mut bits = 0u16;
                let mut i = 0;
                while i < body.len() {
                    let low = body[i];
                    let high = if body.get(i + 1) == Some(&b'-') {
                        i += 3;
                        *body.get(i - 1).ok_or("open range")?
                    } else {
                        i += 1;
                        low
                    };
                    if !low.is_ascii_digit() || !high.is_ascii_digit() || low > high {
                        return Err(format!("bad class [{}]", String::from_utf8_lossy(&body)));
                    }
                    for d in low..=high {
                        bits |= 1 << (d - b'0');
                    }
                }
                if bits == 0 {
                    return Err("empty class".into());
                }
                bits
            }
            _ => return Err(format!("{c:?} is not a digit, X or a class")),
        };
        out.push(Digits(bits));
    }
    Ok(out)
}

pub struct Procedure {
    /// Home regions that dial it.
    pub regions: Vec<String>,
    pub kind: Kind,
    /// The code as written ("101XXXX", "-" for none).
    pub text: String,
    pub code: Vec<Digits>,
    /// The class the first digit after the code must match.
    pub next: Option<Digits>,
    /// For a cross-border code: the calling code and the national digits it
    /// stands for (`+44 28`: 44 and "28"; `+65`: 65 and "").
    pub to: Option<(u16, String)>,
    pub in_service: bool,
}

/// How the start of a string of digits meets a procedure's code.
pub enum CodeMatch<'a> {
    /// The digits are a proper prefix of the code.
    Partial,
    /// The code, then these digits.
    Whole(&'a str),
    No,
}

impl Procedure {
    /// In service for `home`.
    pub fn applies(&self, home: &str) -> bool {
        self.in_service && self.regions.iter().any(|r| r == home)
    }

    pub fn matches<'a>(&self, digits: &'a str) -> CodeMatch<'a> {
        let bytes = digits.as_bytes();
        for (i, class) in self.code.iter().enumerate() {
            match bytes.get(i) {
                None => return CodeMatch::Partial,
                Some(&b) if !class.contains(b) => return CodeMatch::No,
                Some(_) => {}
            }
        }
        CodeMatch::Whole(&digits[self.code.len()..])
    }

    /// `rest` (what follows the code) may start this way.
    pub fn next_allows(&self, rest: &str) -> bool {
        match (self.next, rest.bytes().next()) {
            (Some(next), Some(first)) => next.contains(first),
            _ => true,
        }
    }
}

/// Every row of the table that is a reading, withdrawn ones included (star
/// codes are lint's, not readings). Panics naming the line of a row that
/// does not follow the format.
pub fn procedures() -> Vec<Procedure> {
    let text = std::fs::read_to_string(TSV_PATH).expect("read xtask/procedures.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .filter(|(_, line)| line.split('\t').nth(1) != Some("star-code"))
        .map(|(i, line)| row(line).unwrap_or_else(|e| panic!("xtask/procedures.tsv:{}: {e}: {line:?}", i + 1)))
        .collect()
}

fn row(line: &str) -> Result<Procedure, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [regions, kind, code, next, to, status, source, _note] = fields[..] else {
        return Err(format!("{} columns, not 8", fields.len()));
    };
    let kind = match kind {
        "carrier" => Kind::Carrier,
        "international" => Kind::International,
        "national" => Kind::National,
        "cross-border" => Kind::CrossBorder,
        "service-code" => Kind::ServiceCode,
        _ => return Err(format!("unknown kind {kind:?}")),
    };
    let regions: Vec<String> = regions.split_whitespace().map(str::to_string).collect();
    if regions.is_empty()
        || regions
            .iter()
            .any(|r| r.len() != 2 || !r.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err("regions must be ISO alpha-2 codes".into());
    }
    let code_classes = match code {
        "-" if kind == Kind::National => Vec::new(),
        _ => classes(code)?,
    };
    if code_classes.is_empty() && code != "-" {
        return Err("empty code".into());
    }
    let next = match next {
        "-" => None,
        _ => match classes(next)?[..] {
            [one] => Some(one),
            _ => return Err("next must be one class".into()),
        },
    };
    let to = match (kind, to) {
        (Kind::CrossBorder, to) => {
            let to = to.strip_prefix('+').ok_or("to must be \"+CC digits\"")?;
            let (cc, national) = to.split_once(' ').unwrap_or((to, ""));
            let national: String = national.chars().filter(|c| !c.is_whitespace()).collect();
            if !national.bytes().all(|b| b.is_ascii_digit()) {
                return Err("to must be \"+CC digits\"".into());
            }
            Some((cc.parse().map_err(|_| "bad calling code")?, national))
        }
        (_, "-") => None,
        _ => return Err("only a cross-border row has a to".into()),
    };
    let in_service = match status {
        "in-service" | "kept" => true,
        "withdrawn" => false,
        _ => return Err(format!("unknown status {status:?}")),
    };
    if source.trim().is_empty() {
        return Err("no source".into());
    }
    Ok(Procedure {
        regions,
        kind,
        text: code.to_string(),
        code: code_classes,
        next,
        to,
        in_service,
    })
}
