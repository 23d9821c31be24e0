//! Step 3 of the decision algorithm: characters to canonical tokens.
//!
//! Tokens are ASCII: digits, `+`, `*`, `#`, and the post-dial markers
//! [`PAUSE`], [`WAIT`] and [`EXT`]. Formatting (white space, dashes, dots,
//! brackets, invisible format characters) is dropped; every Unicode decimal
//! digit becomes its ASCII digit; anything else is a [`Fault`] at its
//! position, never silently skipped.

use alloc::vec::Vec;

use crate::data::decimal_digit;
use crate::input::{check_length, is_white_space, unwrap_uri, utf16_of, Fault, Text, Utf16Chars, EXT_MARK, MAX_INPUT};
use crate::reason::Reason;

pub const PAUSE: u8 = b',';
pub const WAIT: u8 = b';';
pub const EXT: u8 = b'x';

/// Tokens a typical dial fits in without touching the heap.
const INLINE: usize = 40;

/// Canonical tokens. Where each came from is not kept: the rare caller that
/// needs it (to report a fault found after tokenizing) asks
/// [`Input::token_position`], which scans again.
#[derive(Clone)]
pub(crate) struct Tokens {
    inline: [u8; INLINE],
    /// Every token, once there are more than fit inline (long post-dial).
    heap: Vec<u8>,
    len: usize,
    /// Digits only, perhaps after a `+`: no post-dial, `*` or `#` to look for.
    plain: bool,
}

impl Tokens {
    pub fn new() -> Tokens {
        Tokens {
            inline: [0; INLINE],
            heap: Vec::new(),
            len: 0,
            plain: true,
        }
    }

    fn storage_mut(&mut self) -> &mut [u8] {
        if self.heap.is_empty() {
            &mut self.inline
        } else {
            &mut self.heap
        }
    }

    pub fn as_slice(&self) -> &[u8] {
        let storage: &[u8] = if self.heap.is_empty() { &self.inline } else { &self.heap };
        storage.get(..self.len).unwrap_or(&[])
    }

    /// Moves `from..to` to start at `at` (not after `from`) and returns where
    /// the moved part ends: how the dial string is assembled in place.
    pub fn move_left(&mut self, from: usize, to: usize, at: usize) -> usize {
        if at == from || from == to {
            // Usually nothing moves: no pauses after an access code, no `#`.
            return at + to.saturating_sub(from);
        }
        if at <= from && from <= to && to <= self.len {
            self.storage_mut().copy_within(from..to, at);
            at + (to - from)
        } else {
            at
        }
    }

    /// Tokens that are canonical already (see [`plain`]).
    pub fn set_plain(&mut self, plain: &[u8]) {
        match self.inline.get_mut(..plain.len()) {
            Some(inline) => {
                inline.copy_from_slice(plain);
                self.heap.clear();
            }
            None => self.heap = plain.to_vec(),
        }
        self.len = plain.len();
        self.plain = true;
    }

    pub fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
        if self.len == 0 {
            self.heap.clear();
            self.plain = true;
        } else if !self.heap.is_empty() {
            self.heap.truncate(self.len);
        }
    }

    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// Whether a `+` may come next: at the start, or where a star or hash
    /// code may carry a number (`**21*+44…`).
    fn starts_number(&self) -> bool {
        self.len == 0 || matches!(self.as_slice().last(), Some(&(b'*' | b'#')))
    }

    fn push(&mut self, token: u8) {
        self.plain &= token.is_ascii_digit() || token == b'+';
        match self.inline.get_mut(self.len) {
            Some(slot) if self.heap.is_empty() => *slot = token,
            _ => {
                if self.heap.is_empty() {
                    self.heap.extend_from_slice(&self.inline);
                }
                self.heap.truncate(self.len);
                self.heap.push(token);
            }
        }
        self.len += 1;
    }
}

// Rust text and UTF-16 units (as JavaScript holds a dial) each have a
// tokenizer and a finder of token positions. Past its ASCII fast path,
// Rust text is read as its UTF-16 units: every build has one reader of
// characters, and a build only ever given UTF-16 (the npm package's) links
// no UTF-8 decoding.

/// Rust text that is already canonical tokens: a dial of ASCII digits,
/// perhaps after a `+`, as contact lists and dial pads give it.
pub(crate) fn plain(s: &str) -> Option<&[u8]> {
    let bytes = s.as_bytes();
    let digits = bytes.strip_prefix(b"+").unwrap_or(bytes);
    (bytes.len() <= MAX_INPUT && digits.iter().all(u8::is_ascii_digit)).then_some(bytes)
}

/// Tokenizes Rust text into `tokens` (provided by the caller, so that no
/// buffer is copied on the way back): ASCII at once, the rest as its UTF-16
/// units.
pub(crate) fn tokenize_str(s: &str, keypad_letters: bool, tokens: &mut Tokens) -> Result<(), Fault> {
    if s.len() <= MAX_INPUT && scan_ascii(s.bytes().map(usize::from), 0, tokens).is_some() {
        return Ok(());
    }
    tokens.truncate(0);
    scan_utf16(utf16_of(s, &mut [0; MAX_INPUT + 1]), keypad_letters, tokens, usize::MAX).map(|_| ())
}

/// The UTF-16 offset in Rust text that token `index` came from (0 when
/// there is none), found again: only a fault needs one.
pub(crate) fn token_position_str(s: &str, keypad_letters: bool, index: usize) -> u16 {
    token_position_utf16(utf16_of(s, &mut [0; MAX_INPUT + 1]), keypad_letters, index)
}

/// [`tokenize_str`] of UTF-16 units (a lone surrogate is malformed, never
/// repaired).
pub(crate) fn tokenize_utf16(u: &[u16], keypad_letters: bool, tokens: &mut Tokens) -> Result<(), Fault> {
    if u.len() <= MAX_INPUT {
        // The digits copied are tokens: the rest is read after them.
        let copied = copy_plain(u, tokens);
        let fast = match u.get(copied..) {
            Some([]) => Some(()),
            Some(rest) => scan_ascii(rest.iter().map(|&u| usize::from(u)), copied, tokens),
            None => None,
        };
        if fast.is_some() {
            return Ok(());
        }
    }
    tokens.truncate(0);
    scan_utf16(u, keypad_letters, tokens, usize::MAX).map(|_| ())
}

/// [`token_position_str`] of UTF-16 units.
pub(crate) fn token_position_utf16(u: &[u16], keypad_letters: bool, index: usize) -> u16 {
    let found = scan_utf16(u, keypad_letters, &mut Tokens::new(), index);
    found.ok().flatten().unwrap_or(0)
}

/// Tokenizes UTF-16 units, stopping with the position of token `stop_at`
/// if there is one.
fn scan_utf16(u: &[u16], keypad_letters: bool, tokens: &mut Tokens, stop_at: usize) -> Result<Option<u16>, Fault> {
    if looks_like_uri(Utf16Chars::new(u)) {
        let mut text = Text::read(u)?;
        unwrap_uri(&mut text)?;
        return scan(text.iter(), keypad_letters, tokens, stop_at);
    }
    check_length(u)?;
    scan(Utf16Chars::new(u), keypad_letters, tokens, stop_at)
}

/// Only a `t` or `s` after leading white space can start a URI scheme we
/// unwrap; everything else takes the direct path.
fn looks_like_uri(mut units: Utf16Chars<'_>) -> bool {
    units
        .find(|&(c, _)| !is_white_space(c))
        .is_some_and(|(c, _)| matches!(c | 0x20, 0x73 | 0x74))
}

/// [`ASCII_TOKENS`] entries that are not tokens.
const SKIP: u8 = 0;
const SLOW: u8 = 0xFF;

/// How [`scan_ascii`] reads each ASCII character that needs no context:
/// digits, `* # , ;`, [`SKIP`] for the formatting
/// characters; [`SLOW`] for the rest (letters, `+`, controls, other
/// symbols), which [`scan`] handles.
const ASCII_TOKENS: [u8; 128] = {
    let mut table = [SLOW; 128];
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] = d;
        d += 1;
    }
    let skip = b" \t\n\x0B\x0C\r-.()/[]";
    let mut i = 0;
    while i < skip.len() {
        table[skip[i] as usize] = SKIP;
        i += 1;
    }
    table[b'*' as usize] = b'*';
    table[b'#' as usize] = b'#';
    table[b',' as usize] = PAUSE;
    table[b';' as usize] = WAIT;
    table
};

/// The fastest path, for the dial of a contact list or a dial pad: ASCII
/// digits, perhaps after a `+`, copied as they are (JavaScript gives every
/// dial as UTF-16). Returns how many units it copied as tokens, up to the
/// first that is not a digit.
fn copy_plain(units: &[u16], tokens: &mut Tokens) -> usize {
    let plus = units.first() == Some(&u16::from(b'+'));
    let units = units.get(..INLINE).unwrap_or(units);
    let mut copied = usize::from(plus);
    while let (Some(&unit), Some(slot)) = (units.get(copied), tokens.inline.get_mut(copied)) {
        if unit.wrapping_sub(u16::from(b'0')) > 9 {
            break;
        }
        *slot = unit as u8;
        copied += 1;
    }
    if let (true, Some(first)) = (plus, tokens.inline.first_mut()) {
        *first = b'+';
    }
    tokens.heap.clear();
    tokens.len = copied;
    tokens.plain = true;
    copied
}

/// The fast path for the common dial: ASCII digits, formatting, `* # , ;`
/// and a leading `+`, after the `len` plain tokens `tokens` has. Gives up
/// (`None`) at anything else, which [`scan`] then reads from the start.
fn scan_ascii(units: impl Iterator<Item = usize>, mut len: usize, tokens: &mut Tokens) -> Option<()> {
    // Locals rather than `tokens.push`: the loop stays in registers. More
    // tokens than fit inline are left to `scan` too.
    let mut plain = true;
    for unit in units {
        let token = match *ASCII_TOKENS.get(unit)? {
            SKIP => continue,
            // A `+` after a star code is left to `scan`, as rare as it is.
            SLOW if unit == usize::from(b'+') && len == 0 => b'+',
            SLOW => return None,
            token => token,
        };
        plain &= token.is_ascii_digit() || token == b'+';
        *tokens.inline.get_mut(len)? = token;
        len += 1;
    }
    tokens.heap.clear();
    tokens.len = len;
    tokens.plain = plain;
    Some(())
}

/// The tokenizer proper, over (code point, UTF-16 offset) pairs. Returns
/// the offset of token `stop_at` as soon as it is reached.
fn scan(
    mut units: impl Iterator<Item = (u32, u16)>,
    keypad_letters: bool,
    tokens: &mut Tokens,
    stop_at: usize,
) -> Result<Option<u16>, Fault> {
    while let Some((c, pos)) = units.next() {
        let token = match c {
            0x30..=0x39 => c as u8,
            0x2B | 0xFF0B if tokens.starts_number() => b'+',
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
        if tokens.len == stop_at {
            return Ok(Some(pos));
        }
        tokens.push(token);
    }
    Ok(None)
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

    fn tokenize(s: &str, keypad_letters: bool) -> Result<Tokens, Fault> {
        let mut t = Tokens::new();
        tokenize_str(s, keypad_letters, &mut t)?;
        Ok(t)
    }

    fn tokenize_units(u: &[u16], keypad_letters: bool) -> Result<Tokens, Fault> {
        let mut t = Tokens::new();
        tokenize_utf16(u, keypad_letters, &mut t)?;
        Ok(t)
    }

    fn tokens(s: &str) -> Result<String, Fault> {
        let t = tokenize(s, false)?;
        Ok(String::from_utf8(t.as_slice().to_vec()).unwrap())
    }

    #[test]
    fn utf16_digits_are_copied_as_tokens_and_the_rest_read_on() {
        let long = "4".repeat(60);
        let plus_long = ["+", &long].concat();
        let too_long = "0".repeat(300);
        let straddling = ["0".repeat(255), "\u{1D7CE}".into()].concat();
        for s in [
            &too_long,
            &straddling,
            "tel:+1-212-555-0123;ext=7",
            "sip:%2B44%2020@host;user=phone",
            "1-800-FLOWERS",
            "+\u{1D7CE}(1)\u{00A0}2",
            "",
            "+",
            "++44",
            "+-44",
            "+44 20",
            "0054",
            "(024) 1991-601",
            "12a",
            "1*2",
            "+44",
            "0054,1",
            "\u{FF10}054",
            &long,
            &plus_long,
        ] {
            let units: Vec<u16> = s.encode_utf16().collect();
            let as_text = tokenize(s, false).map(|t| (t.as_slice().to_vec(), t.is_plain()));
            let as_units = tokenize_units(&units, false).map(|t| (t.as_slice().to_vec(), t.is_plain()));
            assert_eq!(as_units, as_text, "{s}");
            for i in 0..=units.len() {
                assert_eq!(
                    token_position_utf16(&units, false, i),
                    token_position_str(s, false, i),
                    "{s} {i}"
                );
            }
        }
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
            tokenize_units(&dial, false).err(),
            Some(Fault::new(Reason::InvalidCharacter, 4))
        );
    }

    #[test]
    fn token_positions_are_found_again() {
        let s = "+\u{1D7CE}(1)\u{00A0}2";
        assert_eq!([0, 1, 3, 4].map(|i| token_position_str(s, false, i)), [0, 1, 7, 0]);
        let utf16: Vec<u16> = "00 5x".encode_utf16().collect();
        assert_eq!(token_position_utf16(&utf16, false, 3), 4);
    }

    #[test]
    fn keypad_letters() {
        let t = tokenize("1-800-FLOWERS", true).unwrap();
        assert_eq!(t.as_slice(), b"18003569377");
    }
}
