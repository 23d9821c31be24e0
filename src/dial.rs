//! Step 3 of the decision algorithm: characters to canonical tokens.
//!
//! Tokens are ASCII: digits, `+`, `*`, `#`, and the post-dial markers
//! [`PAUSE`], [`WAIT`] and [`EXT`]. Formatting (white space, dashes, dots,
//! brackets, invisible format characters) is dropped; every Unicode decimal
//! digit becomes its ASCII digit; anything else is a [`Fault`] at its
//! position, never silently skipped.

use crate::data::decimal_digit;
use crate::decision::Reason;
use crate::input::{is_white_space, unwrap_uri, Fault, Text, EXT_MARK, MAX_INPUT};

pub const PAUSE: u8 = b',';
pub const WAIT: u8 = b';';
pub const EXT: u8 = b'x';

/// A dial as the caller gave it: Rust text, or UTF-16 code units as a
/// JavaScript string holds them (lone surrogates included).
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    Str(&'a str),
    Utf16(&'a [u16]),
}

/// Canonical tokens with the UTF-16 offset each came from.
pub(crate) struct Tokens {
    bytes: [u8; MAX_INPUT],
    positions: [u16; MAX_INPUT],
    len: usize,
}

impl Tokens {
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// Where token `i` came from in the input.
    pub fn position(&self, i: usize) -> u16 {
        self.positions.get(i).copied().unwrap_or(0)
    }

    fn push(&mut self, token: u8, position: u16) {
        if let (Some(b), Some(p)) = (self.bytes.get_mut(self.len), self.positions.get_mut(self.len)) {
            *b = token;
            *p = position;
            self.len += 1;
        }
    }
}

impl Input<'_> {
    pub fn tokenize(self, keypad_letters: bool) -> Result<Tokens, Fault> {
        let mut tokens = Tokens {
            bytes: [0; MAX_INPUT],
            positions: [0; MAX_INPUT],
            len: 0,
        };
        match self {
            Input::Str(s) if looks_like_uri(s.chars().map(u32::from)) => {
                let mut text = Text::from_str(s)?;
                unwrap_uri(&mut text)?;
                scan(text.iter(), keypad_letters, &mut tokens)?;
            }
            Input::Utf16(u) if looks_like_uri(u.iter().map(|&c| u32::from(c))) => {
                let mut text = Text::from_utf16(u)?;
                unwrap_uri(&mut text)?;
                scan(text.iter(), keypad_letters, &mut tokens)?;
            }
            Input::Str(s) => {
                if s.len() > MAX_INPUT && s.encode_utf16().count() > MAX_INPUT {
                    return Err(Fault::new(Reason::TooLong, MAX_INPUT as u16));
                }
                let mut pos = 0u16;
                let units = s.chars().map(|c| {
                    let unit = (u32::from(c), pos);
                    pos += c.len_utf16() as u16;
                    unit
                });
                scan(units, keypad_letters, &mut tokens)?;
            }
            Input::Utf16(u) => {
                if u.len() > MAX_INPUT {
                    return Err(Fault::new(Reason::TooLong, MAX_INPUT as u16));
                }
                let mut pos = 0u16;
                let units = char::decode_utf16(u.iter().copied()).map(|c| {
                    let (c, width) = c.map_or((crate::input::INVALID, 1), |c| (u32::from(c), c.len_utf16()));
                    let unit = (c, pos);
                    pos += width as u16;
                    unit
                });
                scan(units, keypad_letters, &mut tokens)?;
            }
        }
        Ok(tokens)
    }
}

/// Only a `t` or `s` after leading white space can start a URI scheme we
/// unwrap; everything else takes the direct path.
fn looks_like_uri(mut chars: impl Iterator<Item = u32>) -> bool {
    chars
        .find(|&c| !is_white_space(c))
        .is_some_and(|c| matches!(c | 0x20, 0x73 | 0x74))
}

fn scan(mut units: impl Iterator<Item = (u32, u16)>, keypad_letters: bool, tokens: &mut Tokens) -> Result<(), Fault> {
    while let Some((c, pos)) = units.next() {
        let token = match c {
            0x30..=0x39 => c as u8,
            0x2B | 0xFF0B if tokens.len == 0 => b'+',
            0x2B | 0xFF0B => return Err(Fault::new(Reason::MisplacedPlus, pos)),
            0x2A | 0xFF0A => b'*',
            0x23 | 0xFF03 => b'#',
            0x2C => PAUSE,
            0x3B => WAIT,
            EXT_MARK => EXT,
            0x41..=0x5A | 0x61..=0x7A if keypad_letters => keypad_digit(c as u8),
            0x41..=0x5A | 0x61..=0x7A => match (c as u8).to_ascii_lowercase() {
                b'p' => PAUSE,
                b'w' => WAIT,
                b'x' => EXT,
                b'e' => {
                    // "ext" (a following "." is a separator anyway).
                    for want in [b'x', b't'] {
                        match units.next() {
                            Some((next, _)) if next < 0x80 && (next as u8).to_ascii_lowercase() == want => {}
                            _ => return Err(Fault::new(Reason::InvalidCharacter, pos)),
                        }
                    }
                    EXT
                }
                _ => return Err(Fault::new(Reason::InvalidCharacter, pos)),
            },
            _ if is_formatting(c) => continue,
            _ => match decimal_digit(c) {
                Some(d) => b'0' + d,
                None => return Err(Fault::new(Reason::InvalidCharacter, pos)),
            },
        };
        tokens.push(token, pos);
    }
    Ok(())
}

/// ITU E.161 keypad: ABC=2, DEF=3, GHI=4, JKL=5, MNO=6, PQRS=7, TUV=8, WXYZ=9.
fn keypad_digit(letter: u8) -> u8 {
    b"22233344455566677778889999"
        .get(usize::from(letter.to_ascii_lowercase().wrapping_sub(b'a')))
        .copied()
        .unwrap_or(b'0')
}

/// Characters that only format a number: white space, the ASCII
/// separators `- . ( ) / [ ]` and their full-width forms, Unicode dashes
/// (general category Pd, and the minus sign) and invisible format
/// characters. Bidi controls are deliberately absent: they can reorder what
/// a user sees, so they are malformed.
fn is_formatting(c: u32) -> bool {
    matches!(
        c,
        0x28 | 0x29 | 0x2D | 0x2E | 0x2F | 0x5B | 0x5D
            | 0xFF08 | 0xFF09 | 0xFF0D | 0xFF0E | 0xFF0F | 0xFF3B | 0xFF3D
            | 0x058A | 0x05BE | 0x1400 | 0x1806 | 0x2010..=0x2015 | 0x2212
            | 0x2E17 | 0x2E1A | 0x2E3A | 0x2E3B | 0x2E40 | 0x2E5D
            | 0x301C | 0x3030 | 0x30A0 | 0xFE31 | 0xFE32 | 0xFE58 | 0xFE63 | 0x10EAD
            | 0xAD | 0x200B..=0x200D | 0x2060 | 0xFEFF
    ) || is_white_space(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Result<String, Fault> {
        let t = Input::Str(s).tokenize(false)?;
        Ok(String::from_utf8(t.as_slice().to_vec()).unwrap())
    }

    #[test]
    fn formatting_is_dropped() {
        assert_eq!(tokens(" +52 (55) 1234-5678 ").unwrap(), "+525512345678");
        assert_eq!(
            tokens("00\u{2011}54\u{200B}11.2\u{00A0}3/4[5]\u{3000}6").unwrap(),
            "0054112 3456".replace(' ', "")
        );
        assert_eq!(tokens("\u{FF10}\u{FF10}\u{0665}\u{0664}\u{096A}").unwrap(), "00544");
    }

    #[test]
    fn post_dial_markers() {
        assert_eq!(tokens("0054 1,2;3p4W5x6 ext. 7 EXT8").unwrap(), "00541,2;3,4;5x6x7x8");
    }

    #[test]
    fn faults_have_positions() {
        assert_eq!(tokens("0052 55a").unwrap_err(), Fault::new(Reason::InvalidCharacter, 7));
        assert_eq!(tokens("00+52").unwrap_err(), Fault::new(Reason::MisplacedPlus, 2));
        assert_eq!(tokens("++52").unwrap_err(), Fault::new(Reason::MisplacedPlus, 1));
        assert_eq!(
            tokens("00\u{202E}52").unwrap_err(),
            Fault::new(Reason::InvalidCharacter, 2)
        );
        // Astral digits (U+1D7CE MATHEMATICAL BOLD DIGIT ZERO) take two UTF-16 units.
        assert_eq!(
            tokens("\u{1D7CE}\u{1D7CE}\u{FFFD}").unwrap_err(),
            Fault::new(Reason::InvalidCharacter, 4)
        );
        assert_eq!(tokens("0052 en").unwrap_err(), Fault::new(Reason::InvalidCharacter, 5));
        assert_eq!(tokens(&"0".repeat(257)).unwrap_err(), Fault::new(Reason::TooLong, 256));
    }

    #[test]
    fn lone_surrogates_are_malformed() {
        let dial: Vec<u16> = "0052".encode_utf16().chain([0xDC00]).collect();
        assert_eq!(
            Input::Utf16(&dial).tokenize(false).err(),
            Some(Fault::new(Reason::InvalidCharacter, 4))
        );
    }

    #[test]
    fn keypad_letters() {
        let t = Input::Str("1-800-FLOWERS").tokenize(true).unwrap();
        assert_eq!(t.as_slice(), b"18003569377");
    }
}
