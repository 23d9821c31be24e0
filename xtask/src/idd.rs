//! International prefix patterns (`internationalPrefix="0(?:0|19)"`) turned
//! into a finite list of digit-class sequences, the form the crate matches
//! without a regex engine. A class is a 10-bit mask: bit d set = digit d.

use regex_syntax::hir::{Class, Hir, HirKind};

pub type Sequence = Vec<u16>;

/// Expands `pattern` to every digit-class sequence it matches, in pattern
/// order, without duplicates.
pub fn expand(pattern: &str) -> Result<Vec<Sequence>, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| format!("internationalPrefix {pattern:?}: {e}"))?;
    let mut out = Vec::new();
    for seq in expand_hir(&hir).map_err(|e| format!("internationalPrefix {pattern:?}: {e}"))? {
        if !out.contains(&seq) {
            out.push(seq);
        }
    }
    Ok(out)
}

fn expand_hir(hir: &Hir) -> Result<Vec<Sequence>, String> {
    Ok(match hir.kind() {
        HirKind::Empty => vec![Vec::new()],
        HirKind::Literal(lit) => {
            vec![lit.0.iter().map(|&b| digit_mask(b, b)).collect::<Result<_, _>>()?]
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut mask = 0;
            for r in class.iter() {
                mask |= digit_mask(r.start(), r.end())?;
            }
            vec![vec![mask]]
        }
        HirKind::Concat(parts) => {
            let mut acc = vec![Vec::new()];
            for part in parts {
                let tails = expand_hir(part)?;
                acc = acc
                    .iter()
                    .flat_map(|head| tails.iter().map(move |tail| [head.as_slice(), tail].concat()))
                    .collect();
            }
            acc
        }
        HirKind::Alternation(alts) => alts.iter().map(expand_hir).collect::<Result<Vec<_>, _>>()?.concat(),
        HirKind::Repetition(rep) => {
            let max = rep.max.ok_or("unbounded repetition")?;
            let once = expand_hir(&rep.sub)?;
            let mut out = Vec::new();
            let mut acc = vec![Vec::new()];
            for count in 0..=max {
                if count >= rep.min {
                    out.extend(acc.iter().cloned());
                }
                acc = acc
                    .iter()
                    .flat_map(|head| once.iter().map(move |tail| [head.as_slice(), tail].concat()))
                    .collect();
            }
            out
        }
        HirKind::Capture(cap) => expand_hir(&cap.sub)?,
        other => return Err(format!("unsupported construct {other:?}")),
    })
}

fn digit_mask(start: u8, end: u8) -> Result<u16, String> {
    if !start.is_ascii_digit() || !end.is_ascii_digit() {
        return Err(format!("non-digit {:?}..{:?}", start as char, end as char));
    }
    Ok((start - b'0'..=end - b'0').fold(0, |m, d| m | 1 << d))
}

/// Every literal digit string a sequence stands for.
pub fn literals(seq: &[u16]) -> Vec<String> {
    let mut out = vec![String::new()];
    for &mask in seq {
        out = out
            .iter()
            .flat_map(|head| {
                (0..10u8)
                    .filter(move |d| mask & 1 << d != 0)
                    .map(move |d| format!("{head}{}", (b'0' + d) as char))
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_literals(pattern: &str) -> Vec<String> {
        expand(pattern).unwrap().iter().flat_map(|s| literals(s)).collect()
    }

    #[test]
    fn alternatives_and_classes() {
        assert_eq!(all_literals("0[09]"), ["00", "09"]);
        assert_eq!(all_literals("0(?:0|19)"), ["00", "019"]);
    }

    #[test]
    fn optional_part() {
        assert_eq!(all_literals("00(?:1\\d)?"), {
            let mut v = vec!["00".to_string()];
            v.extend((0..10).map(|d| format!("001{d}")));
            v
        });
    }

    #[test]
    fn china_has_two_thousand_and_one() {
        assert_eq!(all_literals("00|1(?:[12]\\d|79)\\d\\d00").len(), 1 + 2000 + 100);
    }
}
