//! Steps 1 and 2 of the decision algorithm: bounded input text, and
//! `tel:`/`sip:`/`sips:` URIs unwrapped to the dial they carry.
//!
//! Text is kept as code points with their UTF-16 offsets in the original
//! input, so that every later step can report the position of an offending
//! character the way a JavaScript caller counts it: characters are read
//! from UTF-16 units ([`Utf16Chars`]), JavaScript's, and Rust text's off
//! its fast path ([`utf16_of`]).

use crate::reason::Reason;

/// Longest accepted input, in UTF-16 code units (docs/contract.md §4 step 1): a longer
/// dial is `malformed` / `too-long`.
pub const MAX_INPUT: usize = 256;

/// A lone surrogate from UTF-16 input: never a digit, never repaired.
pub const INVALID: u32 = 0x11_0000;
/// An extension marker produced from a URI's `;ext=` or `;isub=`.
pub const EXT_MARK: u32 = 0x11_0001;

/// At most [`MAX_INPUT`] UTF-16 units, or a [`Reason::TooLong`] fault at
/// the first character that does not fit (a pair that straddles the limit
/// is reported where it starts).
pub fn check_length(units: &[u16]) -> Result<(), Fault> {
    if units.len() <= MAX_INPUT {
        return Ok(());
    }
    let at = Utf16Chars::new(units)
        .find(|&(c, pos)| usize::from(pos) + if c > 0xFFFF { 2 } else { 1 } > MAX_INPUT)
        .map_or(MAX_INPUT as u16, |(_, pos)| pos);
    Err(Fault::new(Reason::TooLong, at))
}

/// Room for the UTF-16 units of Rust text read by [`utf16_of`]: one more
/// than [`MAX_INPUT`] tells that it is too long, and where.
pub(crate) type Utf16Buffer = [u16; MAX_INPUT + 1];

/// The first `MAX_INPUT + 1` UTF-16 units of Rust text, in `buffer`: how
/// the engine reads Rust text off its fast path, as it reads JavaScript's.
pub(crate) fn utf16_of<'b>(s: &str, buffer: &'b mut Utf16Buffer) -> &'b [u16] {
    let mut len = 0;
    for (slot, unit) in buffer.iter_mut().zip(s.encode_utf16()) {
        *slot = unit;
        len += 1;
    }
    buffer.get(..len).unwrap_or(&[])
}

/// The characters of UTF-16 units with their offsets, a lone surrogate as
/// [`INVALID`].
#[derive(Clone)]
pub(crate) struct Utf16Chars<'a> {
    units: core::slice::Iter<'a, u16>,
    /// UTF-16 offset of the next character.
    position: u16,
}

impl<'a> Utf16Chars<'a> {
    pub fn new(units: &'a [u16]) -> Utf16Chars<'a> {
        Utf16Chars {
            units: units.iter(),
            position: 0,
        }
    }
}

impl Iterator for Utf16Chars<'_> {
    type Item = (u32, u16);

    fn next(&mut self) -> Option<(u32, u16)> {
        let first = u32::from(*self.units.next()?);
        let second = self.units.as_slice().first().map_or(0, |&unit| u32::from(unit));
        let (c, width) = if (0xD800..0xDC00).contains(&first) && (0xDC00..0xE000).contains(&second) {
            self.units.next();
            (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), 2)
        } else if (0xD800..0xE000).contains(&first) {
            (INVALID, 1)
        } else {
            (first, 1)
        };
        let unit = (c, self.position);
        self.position = self.position.wrapping_add(width);
        Some(unit)
    }
}

/// Why the input cannot be read, and where (UTF-16 offset).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fault {
    pub reason: Reason,
    pub position: u16,
}

impl Fault {
    pub fn new(reason: Reason, position: u16) -> Fault {
        Fault { reason, position }
    }
}

/// Input text: code points (or [`INVALID`]/[`EXT_MARK`]) with positions.
#[derive(Clone)]
pub struct Text {
    chars: [u32; MAX_INPUT],
    positions: [u16; MAX_INPUT],
    len: usize,
}

impl Text {
    fn empty() -> Text {
        Text {
            chars: [0; MAX_INPUT],
            positions: [0; MAX_INPUT],
            len: 0,
        }
    }

    /// Reads a dial; longer than [`MAX_INPUT`] UTF-16 units is too long,
    /// and a lone surrogate becomes [`INVALID`], which the tokenizer rejects.
    pub fn read(units: &[u16]) -> Result<Text, Fault> {
        check_length(units)?;
        let mut text = Text::empty();
        for (c, pos) in Utf16Chars::new(units) {
            text.push(c, pos);
        }
        Ok(text)
    }

    fn push(&mut self, c: u32, pos: u16) {
        if let (Some(slot), Some(p)) = (self.chars.get_mut(self.len), self.positions.get_mut(self.len)) {
            *slot = c;
            *p = pos;
            self.len += 1;
        }
    }

    /// Code point and position of unit `i`.
    pub fn get(&self, i: usize) -> Option<(u32, u16)> {
        if i >= self.len {
            return None;
        }
        Some((*self.chars.get(i)?, *self.positions.get(i)?))
    }

    pub fn iter(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        (0..self.len).filter_map(move |i| self.get(i))
    }

    /// Position just past the end, for faults found at the end.
    pub fn end_position(&self) -> u16 {
        self.get(self.len.wrapping_sub(1))
            .map_or(0, |(c, p)| p + if c > 0xFFFF { 2 } else { 1 })
    }
}

/// URI schemes that carry a dial.
const SCHEMES: [&[u8]; 3] = [b"tel:", b"sip:", b"sips:"];

/// If `text` is a `tel:`, `sip:` or `sips:` URI (any case, after leading
/// white space), replaces it by the dial it carries: the user part,
/// percent-decoded, prefixed by a global `phone-context` when the number is
/// local, followed by `;ext=`/`;isub=` values as post-dial. Other parameters
/// (`;user=phone`, the host, headers) are dropped.
pub fn unwrap_uri(text: &mut Text) -> Result<(), Fault> {
    let start = text.iter().take_while(|&(c, _)| is_white_space(c)).count();
    let Some(scheme) = SCHEMES.iter().find(|s| matches_ascii_ci(text, start, s)) else {
        return Ok(());
    };
    // What is dropped (host, parameters, headers) is not judged, but it
    // must still be text: an unpaired surrogate, a control or a bidi
    // character anywhere makes the whole URI unreadable.
    if let Some((_, position)) = text.iter().find(|&(c, _)| never_text(c)) {
        return Err(Fault::new(Reason::InvalidCharacter, position));
    }
    let is_sip = scheme.starts_with(b"sip");
    let body_start = start + scheme.len();
    let uri_end = find(text, body_start, text.len, b'?').unwrap_or(text.len);

    // The part that reads like a tel: URI body: "number;param=value;...".
    let (body_start, body_end) = if is_sip {
        match find(text, body_start, uri_end, b'@') {
            // user[:password]@host...: keep the user part.
            Some(at) => (body_start, find(text, body_start, at, b':').unwrap_or(at)),
            None => (body_start, uri_end),
        }
    } else {
        (body_start, uri_end)
    };

    let number_end = find(text, body_start, body_end, b';').unwrap_or(body_end);
    let mut number = Text::empty();
    percent_decode(text, body_start, number_end, &mut number)?;
    if number.iter().all(|(c, _)| is_white_space(c)) {
        return Err(Fault::new(
            Reason::InvalidUri,
            text.get(body_start).map_or(text.end_position(), |u| u.1),
        ));
    }

    let mut out = Text::empty();
    let mut post_dial = Text::empty();
    let is_local = number
        .iter()
        .find(|&(c, _)| !is_white_space(c))
        .is_some_and(|(c, _)| !is_plus(c));
    let mut param_start = number_end;
    while param_start < body_end {
        let name_start = param_start + 1;
        let end = find(text, name_start, body_end, b';').unwrap_or(body_end);
        let eq = find(text, name_start, end, b'=');
        let value_start = eq.map_or(end, |e| e + 1);
        let name_end = eq.unwrap_or(end);
        if equals_ascii_ci(text, name_start, name_end, b"ext") || equals_ascii_ci(text, name_start, name_end, b"isub") {
            post_dial.push(EXT_MARK, text.get(name_start).map_or(0, |u| u.1));
            percent_decode(text, value_start, end, &mut post_dial)?;
        } else if equals_ascii_ci(text, name_start, name_end, b"phone-context") && is_local {
            let mut context = Text::empty();
            percent_decode(text, value_start, end, &mut context)?;
            if let Some((_, at)) = context.get(0).filter(|&(c, _)| is_plus(c)) {
                // A global context: "+" and digits, before a number that is
                // local to it. A local number that starts with 0 may carry
                // its own international or trunk prefix (tel:0052…;
                // phone-context=+54 dials Mexico from Argentina): too
                // ambiguous to judge.
                if !context.iter().any(|(c, _)| crate::data::decimal_digit(c).is_some()) {
                    return Err(Fault::new(Reason::InvalidUri, at));
                }
                let first_digit = number.iter().find(|&(c, _)| crate::data::decimal_digit(c).is_some());
                if let Some((_, at)) = first_digit.filter(|&(c, _)| crate::data::decimal_digit(c) == Some(0)) {
                    return Err(Fault::new(Reason::InvalidUri, at));
                }
                for (c, p) in context.iter() {
                    out.push(c, p);
                }
            }
        }
        param_start = end;
    }
    for (c, p) in number.iter().chain(post_dial.iter()) {
        out.push(c, p);
    }
    *text = out;
    Ok(())
}

/// Unpaired surrogates, U+FFFD, controls (but white space) and bidi
/// controls: never part of a readable URI.
fn never_text(c: u32) -> bool {
    matches!(c, INVALID | 0xFFFD | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        || char::from_u32(c).is_some_and(|c| c.is_control() && !is_white_space(u32::from(c)))
}

fn is_plus(c: u32) -> bool {
    c == u32::from(b'+') || c == 0xFF0B
}

/// Unicode White_Space, as `char::is_whitespace` tests it but without its
/// lookup table.
pub fn is_white_space(c: u32) -> bool {
    matches!(
        c,
        0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    )
}

/// Where `byte` is first in `text[from..to]`.
fn find(text: &Text, from: usize, to: usize, byte: u8) -> Option<usize> {
    (from..to).find(|&i| text.get(i).is_some_and(|(c, _)| c == u32::from(byte)))
}

fn matches_ascii_ci(text: &Text, at: usize, word: &[u8]) -> bool {
    word.iter().enumerate().all(|(k, &w)| {
        text.get(at + k)
            .is_some_and(|(c, _)| c < 0x80 && (c as u8).eq_ignore_ascii_case(&w))
    })
}

fn equals_ascii_ci(text: &Text, from: usize, to: usize, word: &[u8]) -> bool {
    to - from == word.len() && matches_ascii_ci(text, from, word)
}

/// Copies `text[from..to]` into `out`, decoding `%XX` sequences as UTF-8.
fn percent_decode(text: &Text, from: usize, to: usize, out: &mut Text) -> Result<(), Fault> {
    let mut i = from;
    while i < to {
        let Some((c, pos)) = text.get(i) else { break };
        if c != u32::from(b'%') {
            out.push(c, pos);
            i += 1;
            continue;
        }
        // One UTF-8 sequence: its lead byte says how many bytes follow.
        // Decoded by hand (`str::from_utf8` costs the WebAssembly a table):
        // overlong forms, surrogates and values past U+10FFFF are bad.
        let bad = Fault::new(Reason::InvalidUri, pos);
        let lead = hex_byte(text, i, to).ok_or(bad)?;
        let (width, least, mut code) = match lead {
            0x00..=0x7F => (1, 0, u32::from(lead)),
            0xC2..=0xDF => (2, 0x80, u32::from(lead & 0x1F)),
            0xE0..=0xEF => (3, 0x800, u32::from(lead & 0x0F)),
            0xF0..=0xF4 => (4, 0x1_0000, u32::from(lead & 0x07)),
            _ => return Err(bad),
        };
        for k in 1..width {
            let byte = hex_byte(text, i + 3 * k, to).ok_or(bad)?;
            if byte & 0xC0 != 0x80 {
                return Err(bad);
            }
            code = code << 6 | u32::from(byte & 0x3F);
        }
        if code < least {
            return Err(bad);
        }
        out.push(u32::from(char::from_u32(code).ok_or(bad)?), pos);
        i += 3 * width;
    }
    Ok(())
}

fn hex_byte(text: &Text, at: usize, to: usize) -> Option<u8> {
    if at + 3 > to {
        return None;
    }
    let (pct, _) = text.get(at)?;
    if pct != u32::from(b'%') {
        return None;
    }
    let hi = char::from_u32(text.get(at + 1)?.0)?.to_digit(16)?;
    let lo = char::from_u32(text.get(at + 2)?.0)?.to_digit(16)?;
    Some((hi * 16 + lo) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unwrapped(s: &str) -> Result<String, Fault> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut text = Text::read(&units)?;
        unwrap_uri(&mut text)?;
        Ok(text
            .iter()
            .map(|(c, _)| {
                if c == EXT_MARK {
                    'X'
                } else {
                    char::from_u32(c).unwrap_or('?')
                }
            })
            .collect())
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(unwrapped("00 54 11").unwrap(), "00 54 11");
    }

    #[test]
    fn tel_uri() {
        assert_eq!(unwrapped("tel:+1-201-555-0123").unwrap(), "+1-201-555-0123");
        assert_eq!(
            unwrapped(" TEL:+1-201-555-0123;ext=12;user=phone").unwrap(),
            "+1-201-555-0123X12"
        );
        assert_eq!(unwrapped("tel:%2B52%2055").unwrap(), "+52 55");
        assert_eq!(unwrapped("tel:5550123;phone-context=+1-212").unwrap(), "+1-2125550123");
        assert_eq!(unwrapped("tel:5550123;phone-context=example.com").unwrap(), "5550123");
        assert_eq!(unwrapped("tel:+15550123;phone-context=+44").unwrap(), "+15550123");
        // Ambiguous or empty global contexts are not guessed at.
        assert_eq!(
            unwrapped("tel:0052 55;phone-context=+54").unwrap_err(),
            Fault::new(Reason::InvalidUri, 4)
        );
        assert_eq!(
            unwrapped("tel:11;phone-context=+").unwrap_err(),
            Fault::new(Reason::InvalidUri, 21)
        );
    }

    #[test]
    fn sip_uri() {
        assert_eq!(
            unwrapped("sip:+12125551212@gw.example.com;user=phone").unwrap(),
            "+12125551212"
        );
        assert_eq!(unwrapped("sips:0052155@pbx:5061").unwrap(), "0052155");
        assert_eq!(unwrapped("sip:+1212:secret@host").unwrap(), "+1212");
        assert_eq!(unwrapped("sip:0054;isub=7@host").unwrap(), "0054X7");
    }

    #[test]
    fn bad_uris_are_faults_with_positions() {
        assert_eq!(unwrapped("tel:").unwrap_err(), Fault::new(Reason::InvalidUri, 4));
        assert_eq!(unwrapped("tel:%2").unwrap_err(), Fault::new(Reason::InvalidUri, 4));
        assert_eq!(unwrapped("tel:12%zz").unwrap_err(), Fault::new(Reason::InvalidUri, 6));
        assert_eq!(unwrapped("tel:%C3").unwrap_err(), Fault::new(Reason::InvalidUri, 4));
        assert_eq!(unwrapped("tel:%EF%BC%8B52").unwrap(), "\u{FF0B}52");
        assert_eq!(unwrapped("tel:%F0%9F%98%80%C3%A9").unwrap(), "\u{1F600}é");
        for bad in [
            "%C0%80",
            "%E0%80%80",
            "%ED%A0%80",
            "%F0%80%80%80",
            "%F4%90%80%80",
            "%C3%28",
            "%80",
            "%F5%80%80%80",
        ] {
            let uri = ["tel:1", bad].concat();
            assert_eq!(unwrapped(&uri).unwrap_err(), Fault::new(Reason::InvalidUri, 5), "{bad}");
        }
    }

    #[test]
    fn what_a_uri_drops_must_still_be_text() {
        assert_eq!(
            unwrapped("sip:+5255@pbx\u{202E}.example").unwrap_err(),
            Fault::new(Reason::InvalidCharacter, 13)
        );
        assert_eq!(
            unwrapped("tel:+5255;foo=\u{0}").unwrap_err(),
            Fault::new(Reason::InvalidCharacter, 14)
        );
        let units: Vec<u16> = "sip:+5255@h".encode_utf16().chain([0xDC00]).collect();
        let mut text = Text::read(&units).unwrap();
        assert_eq!(
            unwrap_uri(&mut text).unwrap_err(),
            Fault::new(Reason::InvalidCharacter, 11)
        );
    }

    #[test]
    fn white_space_is_unicode_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_white_space(u32::from(c)),
                c.is_whitespace(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn utf16_positions_and_lone_surrogates() {
        let chars: Vec<(u32, u16)> = Utf16Chars::new(&[0xD83D, 0xDE00, b'1' as u16, 0xD800, b'2' as u16]).collect();
        assert_eq!(chars, [(0x1F600, 0), (0x31, 2), (INVALID, 3), (0x32, 4)]);
        assert_eq!(Text::read(&[0x30; 257]).err(), Some(Fault::new(Reason::TooLong, 256)));
        assert!(Text::read(&[0x30; 256]).is_ok());
        // A pair across the limit is too long where it starts, also when
        // Rust text is cut to its first MAX_INPUT + 1 units.
        for (text, at) in [
            (["0".repeat(255), "\u{1F600}".into()].concat(), 255),
            (["0".repeat(256), "\u{1F600}".into()].concat(), 256),
        ] {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(check_length(&units), Err(Fault::new(Reason::TooLong, at)));
            assert_eq!(
                check_length(utf16_of(&text, &mut [0; MAX_INPUT + 1])),
                Err(Fault::new(Reason::TooLong, at))
            );
        }
    }
}
