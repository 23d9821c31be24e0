//! The project's own tables, each row with its source: the dialing
//! procedures libphonenumber does not carry (`xtask/procedures.tsv`) and
//! the ranges it files under one region that serve a territory of their
//! own (`xtask/territories.tsv`). See docs/contract.md §4 step 5 C and §6.

use std::collections::BTreeMap;

/// What follows a procedure's code, as `PROCEDURES` numbers it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A carrier code: a dial of its own follows.
    Carrier = 0,
    /// An international prefix: a calling code follows.
    International = 1,
    /// A national prefix: a national number of the home region follows.
    National = 2,
    /// A national access code to another calling code.
    CrossBorder = 3,
    /// A vertical service code dialed without a star: a dial of its own
    /// follows, as after the star code.
    ServiceCode = 4,
}

/// One row in service.
#[derive(Clone, Debug)]
pub struct Procedure {
    pub regions: Vec<String>,
    pub kind: Kind,
    /// Digit classes: bit d set when digit d matches. Empty: no code at all
    /// (national numbers dialed with no prefix).
    pub code: Vec<u16>,
    /// The class of the digit after the code; 0: any.
    pub next: u16,
    /// Cross-border: the calling code and the national digits the rest follows.
    pub to: Option<(u16, String)>,
}

const ANY: u16 = 0x3FF;

/// A code as dialed: digits, `X` (any digit), `[2-9]` or `[0-4,7]` classes.
fn classes(text: &str) -> Result<Vec<u16>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '0'..='9' => 1 << (c as u8 - b'0'),
            'X' => ANY,
            '[' => {
                let body: String = chars.by_ref().take_while(|&c| c != ']').collect();
                class(&body)?
            }
            _ => return Err(format!("{text:?}: unexpected {c:?}")),
        });
    }
    Ok(out)
}

/// The inside of a class: `2-9`, `0-4,7`, `147`.
fn class(body: &str) -> Result<u16, String> {
    let digits: Vec<char> = body.chars().filter(|&c| c != ',').collect();
    let mut mask = 0u16;
    let mut i = 0;
    while i < digits.len() {
        let digit = |c: char| c.to_digit(10).ok_or_else(|| format!("[{body}]: {c:?} is not a digit"));
        let low = digit(digits[i])?;
        let high = match digits.get(i + 1) {
            Some('-') => {
                i += 2;
                digit(*digits.get(i).ok_or_else(|| format!("[{body}]: open range"))?)?
            }
            _ => low,
        };
        if high < low {
            return Err(format!("[{body}]: empty range"));
        }
        for d in low..=high {
            mask |= 1 << d;
        }
        i += 1;
    }
    if mask == 0 {
        return Err(format!("[{body}]: empty class"));
    }
    Ok(mask)
}

/// The data rows of a table (comments and blank lines skipped), each as
/// its `columns` fields, with its line number.
fn rows<'a>(name: &str, tsv: &'a str, columns: usize) -> Result<Vec<(usize, Vec<&'a str>)>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields.len() != columns || fields.iter().any(|f| f.is_empty()) {
            return Err(format!(
                "{name}:{}: expected {columns} non-empty tab-separated columns",
                n + 1
            ));
        }
        out.push((n + 1, fields));
    }
    Ok(out)
}

/// A star code that carries a number, for lint (`star-code` rows).
#[derive(Clone, Debug)]
pub struct StarCode {
    pub regions: Vec<String>,
    pub code: String,
}

/// Reads `procedures.tsv`: the rows in service, and those ended but kept
/// because PBX dial plans may still read them (withdrawn ones stay in the
/// file as documentation), and the star codes. `region` tells a known
/// region, `code` an assigned calling code.
pub fn parse(
    tsv: &str,
    region: &dyn Fn(&str) -> bool,
    code: &dyn Fn(u16) -> bool,
) -> Result<(Vec<Procedure>, Vec<StarCode>), String> {
    let mut out = Vec::new();
    let mut stars = Vec::new();
    let mut seen = BTreeMap::new();
    for (line, f) in rows("procedures.tsv", tsv, 8)? {
        let at = |e: String| format!("procedures.tsv:{line}: {e}");
        let [regions, kind, code_text, next, to, status, source, _note] = f[..] else {
            unreachable!("rows() gives 8 columns")
        };
        match status {
            "in-service" | "kept" => {}
            "withdrawn" => continue,
            _ => return Err(at(format!("status {status:?} is not in-service, kept or withdrawn"))),
        }
        if !source.contains("://") {
            return Err(at("a row in service needs a source URL".into()));
        }
        let regions: Vec<String> = regions.split_whitespace().map(String::from).collect();
        if let Some(r) = regions.iter().find(|r| !region(r)) {
            return Err(at(format!("unknown region {r:?}")));
        }
        if kind == "star-code" {
            let valid = code_text.len() >= 2
                && code_text.starts_with(['*', '#'])
                && code_text.bytes().all(|b| b.is_ascii_digit() || b == b'*' || b == b'#');
            if !valid || next != "-" || to != "-" {
                return Err(at(format!(
                    "star code {code_text:?}: * or # then digits, with no next or to"
                )));
            }
            stars.push(StarCode {
                regions,
                code: code_text.into(),
            });
            continue;
        }
        let kind = match kind {
            "carrier" => Kind::Carrier,
            "service-code" => Kind::ServiceCode,
            "international" => Kind::International,
            "national" => Kind::National,
            "cross-border" => Kind::CrossBorder,
            _ => return Err(at(format!("unknown kind {kind:?}"))),
        };
        let code_classes = match code_text {
            "-" if kind == Kind::National => Vec::new(),
            "-" => return Err(at("only a national prefix may be empty (-)".into())),
            text => classes(text).map_err(at)?,
        };
        let next = match next {
            "-" => 0,
            text => match classes(text).map_err(at)?[..] {
                [one] => one,
                _ => return Err(at(format!("next {text:?} must be one class"))),
            },
        };
        let to = match (kind, to) {
            (Kind::CrossBorder, to) => {
                let mut parts = to.split_whitespace();
                let target = parts
                    .next()
                    .and_then(|c| c.strip_prefix('+'))
                    .and_then(|c| c.parse::<u16>().ok())
                    .filter(|&c| code(c))
                    .ok_or_else(|| at(format!("to {to:?}: not an assigned +code")))?;
                let digits: String = parts.collect();
                if !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(at(format!("to {to:?}: national digits expected after the code")));
                }
                Some((target, digits))
            }
            (_, "-") => None,
            (_, to) => return Err(at(format!("to {to:?} is only for cross-border rows"))),
        };
        for r in &regions {
            if let Some(earlier) = seen.insert((r.clone(), code_text.to_string(), next), line) {
                return Err(at(format!("{r} {code_text} is already on line {earlier}")));
            }
        }
        out.push(Procedure {
            regions,
            kind,
            code: code_classes,
            next,
            to,
        });
    }
    Ok((out, stars))
}

/// One row of `territories.tsv`.
#[derive(Clone, Debug)]
pub struct Territory {
    pub code: u16,
    pub leading: String,
    pub name: String,
    pub filed_under: String,
}

/// Reads `territories.tsv`; `region` tells a known region, `owns` whether
/// that region's numbers of that code start with those digits.
pub fn parse_territories(tsv: &str, owns: &dyn Fn(&str, u16, &str) -> bool) -> Result<Vec<Territory>, String> {
    let mut out = Vec::new();
    for (line, f) in rows("territories.tsv", tsv, 6)? {
        let [code, leading, name, filed_under, source, _note] = f[..] else {
            unreachable!("rows() gives 6 columns")
        };
        let at = |e: String| format!("territories.tsv:{line}: {e}");
        if !source.contains("://") {
            return Err(at("a row needs a source URL".into()));
        }
        let code: u16 = code.parse().map_err(|_| at(format!("code {code:?} is not digits")))?;
        if !leading.bytes().all(|b| b.is_ascii_digit()) {
            return Err(at(format!("leading {leading:?} is not digits")));
        }
        if !owns(filed_under, code, leading) {
            return Err(at(format!("{filed_under} has no +{code} {leading}… numbers")));
        }
        out.push(Territory {
            code,
            leading: leading.into(),
            name: name.into(),
            filed_under: filed_under.into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_classes() {
        assert_eq!(classes("01").unwrap(), [1, 2]);
        assert_eq!(classes("1X[2-9][0-4,7]").unwrap(), [2, ANY, 0x3FC, 0x9F]);
        assert!(classes("0a").is_err() && classes("[9-2]").is_err());
    }

    #[test]
    fn rows_are_checked() {
        let known = |r: &str| r == "US" || r == "IE";
        let code = |c: u16| c == 44;
        let ok = "US\tinternational\t01\t[2-9]\t-\tin-service\thttps://x\tn\n\
                  IE\tcross-border\t048\t-\t+44 28\tin-service\thttps://y\tn\n\
                  US\tcarrier\t02\t-\t-\twithdrawn\tnone\tn\n";
        let (rows, _) = parse(ok, &known, &code).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].to, Some((44, "28".into())));
        for bad in [
            "XX\tcarrier\t1\t-\t-\tin-service\thttps://x\tn",
            "US\tcarrier\t1\t-\t-\tin-service\tno source\tn",
            "US\tcarrier\t-\t-\t-\tin-service\thttps://x\tn",
            "IE\tcross-border\t048\t-\t+45 28\tin-service\thttps://y\tn",
        ] {
            assert!(parse(bad, &known, &code).is_err(), "{bad}");
        }
    }
}
