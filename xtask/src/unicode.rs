//! Character tables: Unicode decimal digits and a Latin accent fold.

use regex_syntax::hir::{Class, HirKind};
use unicode_normalization::UnicodeNormalization;

/// The code point of digit zero of every run of ten decimal digits
/// (general category Nd), ASCII included, from `xtask/decimal-digits.txt`
/// (written from Node's ICU, which follows the newest Unicode). Every Nd
/// run is a whole number of such blocks, so a digit's value is its distance
/// from the block start. Checked against the older tables of regex-syntax:
/// a newer Unicode only adds digits.
pub fn decimal_digit_zeros(listed: &str) -> Result<Vec<u32>, String> {
    let zeros: Vec<u32> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| u32::from_str_radix(l.trim(), 16).map_err(|e| format!("decimal-digits.txt: {l:?}: {e}")))
        .collect::<Result<_, _>>()?;
    let hir = regex_syntax::parse(r"\p{Nd}").map_err(|e| e.to_string())?;
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return Err("\\p{Nd} is not a Unicode class".into());
    };
    for range in class.iter() {
        let (start, end) = (u32::from(range.start()), u32::from(range.end()));
        if let Some(zero) = (start..=end).step_by(10).find(|z| !zeros.contains(z)) {
            return Err(format!(
                "decimal-digits.txt lacks the Nd digits at U+{zero:04X}: regenerate it"
            ));
        }
    }
    Ok(zeros)
}

/// First and last code point covered by [`latin_fold`].
pub const FOLD_FIRST: u32 = 0xC0;
pub const FOLD_LAST: u32 = 0x17F;

/// For U+00C0..=U+017F, the lowercase ASCII letter each one folds to when
/// searching ("é" -> "e"), or 0 where there is none (× ÷ and the like).
pub fn latin_fold() -> Vec<u8> {
    (FOLD_FIRST..=FOLD_LAST)
        .map(|cp| {
            let c = char::from_u32(cp).unwrap_or_default();
            let base = match c {
                'Ø' | 'ø' => 'o',
                'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
                'Ł' | 'ł' => 'l',
                'Ħ' | 'ħ' => 'h',
                'ı' => 'i',
                'ß' => 's',
                'Æ' | 'æ' => 'a',
                'Œ' | 'œ' => 'o',
                _ => c.nfd().next().unwrap_or(c),
            };
            if base.is_ascii_alphabetic() {
                base.to_ascii_lowercase() as u8
            } else {
                0
            }
        })
        .collect()
}

/// How names sort for people: lowercase, accents removed ("Åland" beside
/// "Aland").
pub fn sort_key(name: &str) -> String {
    name.nfd()
        .filter(|c| c.is_ascii())
        .flat_map(char::to_lowercase)
        .collect()
}
