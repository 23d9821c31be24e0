//! A small JSON reader and string writer: enough for policy configurations,
//! without pulling a JSON library (and `std::fmt`) into the WebAssembly.
//!
//! Reading builds no tree. [`check`] finds the first syntax error, which
//! takes precedence over any error of meaning; then the caller walks the
//! valid text with a [`Reader`], taking the values it expects and stopping
//! at the first that is wrong.

use alloc::string::String;

use crate::error::{ConfigError, ConfigErrorKind};

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 32;

/// Depth of an object's member values, or a list's items, in a top-level
/// object or list (for [`Reader::skip`]).
pub(crate) const MEMBER_DEPTH: usize = 1;

/// Checks that `text` is one JSON value, perhaps with white space around.
pub(crate) fn check(text: &str) -> Result<(), ConfigError> {
    let mut reader = Reader::new(text);
    reader.skip(0)?;
    reader.skip_white_space();
    if reader.pos < text.len() {
        return Err(reader.error("unexpected text after the JSON value"));
    }
    Ok(())
}

/// A position in JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

/// What [`Reader::members`] and [`Reader::items`] call at each value.
pub(crate) type Visit<'v, 'a, K> = &'v mut dyn FnMut(&mut Reader<'a>, K) -> Result<(), ConfigError>;

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, pos: 0 }
    }

    fn error(&self, what: &str) -> ConfigError {
        let mut detail = String::from("invalid JSON at byte ");
        crate::text::push_decimal(&mut detail, self.pos as u64);
        detail.push_str(": ");
        detail.push_str(what);
        ConfigError::new(ConfigErrorKind::Syntax, "", &detail)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_white_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_white_space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Whether the next value starts with `byte` (`{`, `[`, `"`, ...).
    pub fn at(&mut self, byte: u8) -> bool {
        self.skip_white_space();
        self.peek() == Some(byte)
    }

    /// The type of the next value, for messages: "a string", "a list", ...
    pub fn type_name(&mut self) -> &'static str {
        self.skip_white_space();
        match self.peek() {
            Some(b'n') => "null",
            Some(b't' | b'f') => "a boolean",
            Some(b'"') => "a string",
            Some(b'[') => "a list",
            Some(b'{') => "an object",
            _ => "a number",
        }
    }

    fn keyword(&mut self, word: &str) -> Result<(), ConfigError> {
        if self.text.as_bytes().get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("unexpected character"))
        }
    }

    /// Reads `null` if it comes next.
    pub fn null(&mut self) -> Result<bool, ConfigError> {
        let null = self.at(b'n');
        if null {
            self.keyword("null")?;
        }
        Ok(null)
    }

    /// Reads a boolean if one comes next.
    pub fn boolean(&mut self) -> Result<Option<bool>, ConfigError> {
        self.skip_white_space();
        let value = match self.peek() {
            Some(b't') => true,
            Some(b'f') => false,
            _ => return Ok(None),
        };
        self.keyword(if value { "true" } else { "false" })?;
        Ok(Some(value))
    }

    /// Reads a string if one comes next.
    pub fn string(&mut self) -> Result<Option<String>, ConfigError> {
        if self.at(b'"') {
            self.quoted().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Skips the next value, at `depth` (0 for the top level).
    pub fn skip(&mut self, depth: usize) -> Result<(), ConfigError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_white_space();
        match self.peek() {
            Some(b'{') => self.members(&mut |r, _| r.skip(depth + 1)),
            Some(b'[') => self.items(&mut |r, _| r.skip(depth + 1)),
            Some(b'"') => self.quoted().map(drop),
            Some(b't') => self.keyword("true"),
            Some(b'f') => self.keyword("false"),
            Some(b'n') => self.keyword("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end")),
        }
    }

    /// Reads an object (at its `{`), calling `member` with each key, at
    /// the key's value, which it must read.
    pub fn members(&mut self, member: Visit<'_, 'a, String>) -> Result<(), ConfigError> {
        self.pos += 1;
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            self.skip_white_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.quoted()?;
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            member(self, key)?;
            if self.eat(b'}') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    /// Reads a list (at its `[`), calling `item` with each index, at the
    /// item, which it must read.
    pub fn items(&mut self, item: Visit<'_, 'a, usize>) -> Result<(), ConfigError> {
        self.pos += 1;
        if self.eat(b']') {
            return Ok(());
        }
        let mut index = 0;
        loop {
            item(self, index)?;
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
            index += 1;
        }
    }

    fn number(&mut self) -> Result<(), ConfigError> {
        let digits = |r: &mut Self| {
            let start = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos > start
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.error("bad number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("bad number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("bad number"));
            }
        }
        Ok(())
    }

    /// A string starting at the opening quote.
    fn quoted(&mut self) -> Result<String, ConfigError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // We stopped at ASCII, so this is a whole number of characters.
            out.push_str(self.text.get(start..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("bad escape")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    /// `\uXXXX` (at the `u`), joining surrogate pairs; a lone surrogate is
    /// an error rather than a silent U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, ConfigError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error("lone surrogate escape"));
            }
            self.pos += 1;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone surrogate escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate escape"))
    }

    fn hex4(&mut self) -> Result<u32, ConfigError> {
        let digits = self
            .text
            .as_bytes()
            .get(self.pos + 1..self.pos + 5)
            .ok_or_else(|| self.error("bad \\u escape"))?;
        let mut value = 0;
        for &b in digits {
            value = value * 16 + char::from(b).to_digit(16).ok_or_else(|| self.error("bad \\u escape"))?;
        }
        self.pos += 5;
        Ok(value)
    }
}

/// Appends `s` as a JSON string literal.
pub(crate) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                for nibble in [(c as u32) >> 4, (c as u32) & 0xF] {
                    out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::{format, vec::Vec};

    /// What a walk of a valid document meets, in order.
    fn walk(r: &mut Reader<'_>, depth: usize, seen: &mut Vec<String>) -> Result<(), ConfigError> {
        if r.at(b'{') {
            seen.push("{".into());
            r.members(&mut |r, key| {
                seen.push(format!("{key}:"));
                walk(r, depth + 1, seen)
            })?;
            seen.push("}".into());
        } else if r.at(b'[') {
            seen.push("[".into());
            r.items(&mut |r, _| walk(r, depth + 1, seen))?;
            seen.push("]".into());
        } else if let Some(s) = r.string()? {
            seen.push(format!("{s:?}"));
        } else if let Some(b) = r.boolean()? {
            seen.push(format!("{b}"));
        } else if r.null()? {
            seen.push("null".into());
        } else {
            seen.push(r.type_name().into());
            r.skip(depth)?;
        }
        Ok(())
    }

    #[test]
    fn values() {
        let text = r#" {"a": [true, false, null, -1.5e3, "x\u00e9\ud83d\ude00\n"], "b": {}} "#;
        check(text).unwrap();
        let mut seen = Vec::new();
        walk(&mut Reader::new(text), 0, &mut seen).unwrap();
        assert_eq!(
            seen,
            [
                "{",
                "a:",
                "[",
                "true",
                "false",
                "null",
                "a number",
                "\"xé😀\\n\"",
                "]",
                "b:",
                "{",
                "}",
                "}"
            ]
        );
    }

    #[test]
    fn syntax_errors_say_where() {
        for (text, at) in [
            ("{", 1),
            ("{\"a\" 1}", 5),
            ("[1,]", 3),
            ("\"\\ud800\"", 7),
            ("01", 1),
            ("{} x", 3),
        ] {
            let err = check(text).unwrap_err();
            assert_eq!(err.kind(), ConfigErrorKind::Syntax, "{text}");
            let mut expected = String::from("invalid JSON at byte ");
            crate::text::push_decimal(&mut expected, at);
            assert!(err.message().starts_with(&expected), "{text}: {}", err.message());
        }
        assert!(check(&"[".repeat(1000)).is_err());
    }

    #[test]
    fn strings_round_trip() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\u{1}é");
        assert_eq!(out, r#""a\"b\\c\u0001é""#);
        assert_eq!(Reader::new(&out).string().unwrap(), Some("a\"b\\c\u{1}é".into()));
    }
}
