//! The compiled policy's bytes ([`DialPolicy::to_bytes`],
//! [`DialPolicy::from_bytes`]): this module owns the format, as
//! regex-automata's `util/wire.rs` owns its DFAs'. Every read is bounds
//! checked ([`Reader`] keeps a failure for its section's reader to be
//! asked about once); every failure is a typed [`ConfigError`] and never a
//! panic.
//!
//! ```text
//! label        16 bytes  "dialguard-policy"
//! format       u16       FORMAT_VERSION
//! data         string    DATA_VERSION ("libphonenumber 9.0.35")
//! fingerprint  u64       the policy's fingerprint
//! length       u32       the payload's length
//! payload                the configuration; what the compiler derived from
//!                        the home region's numbering data (international
//!                        prefixes, emergency numbers, dialing procedures,
//!                        national format); the allow entries and blocked
//!                        types; the compiled rules; the number types of
//!                        the calling codes the policy reaches
//! checksum     u64       FNV-1a of every byte before it
//! ```
//!
//! Integers are little-endian; a string or a list is a LEB128 count and
//! its items. The configuration is the normalized one, in a canonical
//! binary form, and the sections after it are what this engine writes for
//! it, read back as they are: a loader needs no numbering tables, no
//! validation and no compiler, and decides by the sections (the
//! configuration is carried as what they were compiled from). The payload
//! (with the format and the data version) is what the fingerprint hashes,
//! so two spellings of one policy share it, and bytes whose sections were
//! changed have another. The checksum finds a changed or lost byte; it is
//! no signature: bytes are trusted as far as the channel that brought
//! them, and their fingerprint says which policy they are.
//!
//! A format is the layout and the rules an engine judges the sections by:
//! an engine that would decide one dial otherwise than the engine that
//! wrote the bytes must not read them, nor share their fingerprint. So
//! [`FORMAT_VERSION`] goes up when either changes, and the tests pin both:
//! what the compiler writes (`the_format_is_pinned`) and what a set of
//! dials is decided as (`the_decisions_are_pinned`), in `tests/bytes.rs`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::config::{PolicyConfig, SharedCodes, MAX_LIST};
use crate::data::{CallingCode, DATA_VERSION, MAX_DIGITS};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::text::{concat, decimal};

/// What the bytes start with.
const LABEL: &[u8; 16] = b"dialguard-policy";
/// The format's version: another one is refused, with both named. Format
/// 5 is format 4's layout judged by the rules of 2026-12-08 (a bare `*` or
/// `#` before a dial abroad is a separator: before an international prefix
/// or a procedure's code, and before a national dial across a border),
/// and hashes the format into the fingerprint.
pub(crate) const FORMAT_VERSION: u16 = 5;
/// The formats whose payload starts with the configuration as this one
/// writes it: what [`read_config_of_any_data`] reads (format 3 carried no
/// dialing or allow sections).
const CONFIG_FORMATS: [u16; 3] = [3, 4, FORMAT_VERSION];
/// The first format whose fingerprint hashes the format too.
const FORMAT_HASHED: u16 = 5;
const CHECKSUM: usize = 8;

/// FNV-1a, 64 bits. Each byte steps the state through a permutation, so
/// changing any one byte always changes the hash.
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// A policy's fingerprint: a hash of what it decides, its payload (the
/// normalized configuration, and what it compiles to with one numbering
/// data), which two spellings of one policy share, and the format (the
/// rules the payload is judged by).
pub(crate) fn fingerprint(config: &PolicyConfig, compiled: &dyn Fn(&mut Writer)) -> u64 {
    payload_hash(&payload(config, compiled))
}

/// The configuration, then what `compiled` writes (the rules and the number
/// types, each written by its own module).
fn payload(config: &PolicyConfig, compiled: &dyn Fn(&mut Writer)) -> Vec<u8> {
    let mut payload = Writer::default();
    write_config(&mut payload, config);
    compiled(&mut payload);
    payload.0
}

fn payload_hash(payload: &[u8]) -> u64 {
    payload_hash_of(FORMAT_VERSION, DATA_VERSION, payload)
}

/// The fingerprint of a payload of `format` compiled with the numbering
/// data `data`. Formats before [`FORMAT_HASHED`] hashed no format: an
/// engine that judged them otherwise had the same fingerprint.
fn payload_hash_of(format: u16, data: &str, payload: &[u8]) -> u64 {
    let format_bytes = format.to_le_bytes();
    let hashed: &[u8] = if format < FORMAT_HASHED { &[] } else { &format_bytes };
    fnv1a(&[hashed, data.as_bytes(), &[0], payload])
}

/// A fingerprint as 16 hex digits.
pub(crate) fn hex(n: u64) -> String {
    (0..16)
        .rev()
        .map(|i| char::from(b"0123456789abcdef"[((n >> (4 * i)) & 15) as usize]))
        .collect()
}

/// The bytes of a compiled policy: its payload in the envelope.
pub(crate) fn to_bytes(config: &PolicyConfig, compiled: &dyn Fn(&mut Writer)) -> Vec<u8> {
    let payload = payload(config, compiled);
    let mut out = Writer::default();
    out.0.extend_from_slice(LABEL);
    out.u16(FORMAT_VERSION);
    out.str(DATA_VERSION);
    out.0.extend_from_slice(&payload_hash(&payload).to_le_bytes());
    out.u32(payload.len() as u32);
    out.0.extend_from_slice(&payload);
    let checksum = fnv1a(&[&out.0]);
    out.0.extend_from_slice(&checksum.to_le_bytes());
    out.0
}

/// What the envelope holds, once it is whole, unchanged, of this format
/// and of this data version.
pub(crate) struct Opened<'a> {
    pub config: PolicyConfig,
    /// The payload's hash, checked.
    pub fingerprint: u64,
    /// The payload after the configuration: the compiled rules, then the
    /// number types (each read by its own module).
    pub rest: Reader<'a>,
}

/// Checks the envelope (label, format, length, checksum, data version)
/// and reads the configuration.
pub(crate) fn open(bytes: &[u8]) -> Result<Opened<'_>, ConfigError> {
    let envelope = envelope(bytes, &[FORMAT_VERSION])?;
    if envelope.data != DATA_VERSION {
        let detail = concat(&[
            "compiled with ",
            envelope.data,
            " data; this dialguard has ",
            DATA_VERSION,
            ": compile the policy again",
        ]);
        return Err(ConfigError::new(ConfigErrorKind::DataVersion, "", &detail));
    }
    let mut payload = envelope.payload;
    let config = read_config(&mut payload)?;
    Ok(Opened {
        config,
        fingerprint: envelope.fingerprint,
        rest: payload,
    })
}

/// The configuration that bytes of this format or an earlier one
/// ([`CONFIG_FORMATS`]) carry, whichever numbering data compiled them
/// (their payload hashed with it), and that data's version: what a service
/// that compiles can judge by when the bytes are not of its own data or
/// format.
pub(crate) fn read_config_of_any_data(bytes: &[u8]) -> Result<(PolicyConfig, String), ConfigError> {
    let mut envelope = envelope(bytes, &CONFIG_FORMATS).map_err(|e| match e.kind() {
        // Said here, so that `from_bytes` does not carry the words.
        ConfigErrorKind::BytesVersion => {
            let [first, second, _] = CONFIG_FORMATS.map(|f| decimal(u64::from(f)));
            let detail = concat(&[
                e.detail(),
                " and the configuration of formats ",
                &first,
                " and ",
                &second,
            ]);
            ConfigError::new(ConfigErrorKind::BytesVersion, "", &detail)
        }
        _ => e,
    })?;
    let config = read_config(&mut envelope.payload)?;
    Ok((config, envelope.data.into()))
}

/// A whole, unchanged envelope of one of `formats`: the data version it names,
/// the fingerprint (checked: the hash of the payload with that format and
/// data version) and the payload.
struct Envelope<'a> {
    data: &'a str,
    fingerprint: u64,
    payload: Reader<'a>,
}

fn envelope<'a>(bytes: &'a [u8], formats: &[u16]) -> Result<Envelope<'a>, ConfigError> {
    let starts_with_label = bytes.get(..LABEL.len()) == Some(&LABEL[..]);
    if !starts_with_label {
        if LABEL.starts_with(bytes) && !bytes.is_empty() {
            return Err(truncated(bytes.len()));
        }
        return Err(ConfigError::new(
            ConfigErrorKind::NotPolicyBytes,
            "",
            "not a compiled dialguard policy: the bytes do not start with \"dialguard-policy\"",
        ));
    }
    let mut r = Reader::new(bytes);
    r.skip(LABEL.len());
    let format = r.u16();
    if !r.ok() {
        return Err(truncated(bytes.len()));
    }
    if !formats.contains(&format) {
        let detail = concat(&[
            "a compiled policy of format ",
            &decimal(u64::from(format)),
            "; this dialguard reads format ",
            &decimal(u64::from(FORMAT_VERSION)),
        ]);
        return Err(ConfigError::new(ConfigErrorKind::BytesVersion, "", &detail));
    }
    let data = r.str();
    let fingerprint = r.u64();
    let len = r.u32() as usize;
    if !r.ok() {
        return Err(truncated(bytes.len()));
    }
    let whole = r.at().saturating_add(len).saturating_add(CHECKSUM);
    if bytes.len() < whole {
        return Err(truncated(bytes.len()));
    }
    if bytes.len() > whole {
        return Err(corrupt("bytes after the checksum"));
    }
    let (body, sum) = bytes.split_at(whole - CHECKSUM);
    if sum != fnv1a(&[body]).to_le_bytes() {
        return Err(corrupt("the checksum does not match: the bytes were changed"));
    }
    let payload = body.get(body.len() - len..).unwrap_or(&[]);
    // Hashed with the format and the data version the bytes name: bytes of
    // another data, unchanged, pass, and are then told apart by that version.
    if payload_hash_of(format, data, payload) != fingerprint {
        return Err(corrupt("the fingerprint is not the policy's"));
    }
    Ok(Envelope {
        data,
        fingerprint,
        payload: Reader::new(payload),
    })
}

fn truncated(len: usize) -> ConfigError {
    let detail = concat(&[
        "a compiled policy cut short: ",
        &decimal(len as u64),
        " bytes are not all of it",
    ]);
    ConfigError::new(ConfigErrorKind::TruncatedBytes, "", &detail)
}

pub(crate) fn corrupt(what: &str) -> ConfigError {
    ConfigError::new(
        ConfigErrorKind::CorruptBytes,
        "",
        &concat(&["a corrupt compiled policy: ", what]),
    )
}

const ENABLED: u8 = 1;
const PLUS: u8 = 2;
const LETTERS: u8 = 4;
const BY_REGION: u8 = 8;
const NATIONAL: u8 = 16;
const HOME: u8 = 32;
const PREFIXES: u8 = 64;

fn write_config(w: &mut Writer, c: &PolicyConfig) {
    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
    w.u8(flag(c.enabled, ENABLED)
        | flag(c.plus_is_international, PLUS)
        | flag(c.keypad_letters, LETTERS)
        | flag(c.shared_codes == SharedCodes::ByRegion, BY_REGION)
        | flag(c.judge_national_dialing, NATIONAL)
        | flag(c.home_region.is_some(), HOME)
        | flag(c.international_prefixes.is_some(), PREFIXES));
    if let Some(home) = &c.home_region {
        w.str(home);
    }
    if let Some(prefixes) = &c.international_prefixes {
        w.list(prefixes);
    }
    for list in [&c.access_codes, &c.feature_codes, &c.allow, &c.block_number_types] {
        w.list(list);
    }
}

fn read_config(r: &mut Reader<'_>) -> Result<PolicyConfig, ConfigError> {
    let flags = r.u8();
    r.require(flags < 128);
    let home_region = if flags & HOME != 0 { Some(r.str().into()) } else { None };
    let international_prefixes = if flags & PREFIXES != 0 { Some(r.list()) } else { None };
    let config = PolicyConfig {
        enabled: flags & ENABLED != 0,
        home_region,
        international_prefixes,
        plus_is_international: flags & PLUS != 0,
        access_codes: r.list(),
        feature_codes: r.list(),
        keypad_letters: flags & LETTERS != 0,
        allow: r.list(),
        shared_codes: if flags & BY_REGION != 0 {
            SharedCodes::ByRegion
        } else {
            SharedCodes::Together
        },
        judge_national_dialing: flags & NATIONAL != 0,
        block_number_types: r.list(),
    };
    match r.ok() {
        true => Ok(config),
        false => Err(corrupt("the configuration section is malformed")),
    }
}

/// Appends the format's integers and strings.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, n: u8) {
        self.0.push(n);
    }

    fn u16(&mut self, n: u16) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    /// LEB128: seven bits a byte, low first.
    pub fn varint(&mut self, mut n: u32) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn list(&mut self, items: &[String]) {
        self.varint(items.len() as u32);
        for item in items {
            self.str(item);
        }
    }

    /// ASCII digits, as [`Reader::digits`] reads them.
    pub fn digits(&mut self, digits: &[u8]) {
        self.varint(digits.len() as u32);
        self.0.extend_from_slice(digits);
    }

    /// Digit classes (bit d: digit d), as [`Reader::classes`] reads them.
    pub fn classes(&mut self, classes: &[u16]) {
        self.varint(classes.len() as u32);
        for &class in classes {
            self.varint(u32::from(class));
        }
    }
}

/// Reads the format's integers and strings, never past the end. A read
/// past the end, or a value the format does not allow, marks the reader
/// malformed and gives a harmless value (0, empty) instead of an error:
/// the section readers go on without a branch a read, every loop of
/// theirs is bounded, and their caller asks [`ok`](Self::ok) once a section.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    malformed: bool,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            malformed: false,
        }
    }

    /// Nothing read so far was past the end or out of the format.
    pub fn ok(&self) -> bool {
        !self.malformed
    }

    /// Marks the bytes malformed unless `holds`: a value the format does
    /// not allow, which only the section reading it can tell.
    pub fn require(&mut self, holds: bool) {
        self.malformed |= !holds;
    }

    fn at(&self) -> usize {
        self.at
    }

    /// Bytes not read yet.
    pub fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn skip(&mut self, n: usize) {
        self.at = self.at.saturating_add(n).min(self.bytes.len());
    }

    /// The next `n` bytes; none past the end (then the reader stays at
    /// the end, malformed).
    fn take(&mut self, n: usize) -> &'a [u8] {
        match self.bytes.get(self.at..).and_then(|rest| rest.get(..n)) {
            Some(taken) => {
                self.at += n;
                taken
            }
            None => {
                self.malformed = true;
                self.at = self.bytes.len();
                &[]
            }
        }
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.take(N).try_into().unwrap_or([0; N])
    }

    pub fn u8(&mut self) -> u8 {
        self.array::<1>()[0]
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.array())
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }

    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.array())
    }

    /// A LEB128 of at most 32 bits, in its shortest form (one value, one
    /// spelling: the bytes stay canonical).
    pub fn varint(&mut self) -> u32 {
        let mut n: u32 = 0;
        for i in 0..5 {
            let b = self.u8();
            n |= u32::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                // A last byte of 0 spells a shorter varint again; past 32 bits is none.
                let padded = b == 0 && i > 0;
                let too_wide = i == 4 && b > 0x0f;
                self.require(!padded && !too_wide);
                return n;
            }
        }
        self.malformed = true;
        0
    }

    /// A list by calling code: a count, then each item's code (assigned,
    /// in increasing order: one spelling) and what `item` reads; it stops
    /// at the first malformed item.
    pub fn by_code(&mut self, mut item: impl FnMut(&mut Self, CallingCode)) {
        let count = self.varint();
        let mut last = None;
        for _ in 0..count {
            let code = u16::try_from(self.varint()).ok().and_then(CallingCode::from_value);
            let code = code.filter(|&c| last < Some(c));
            self.require(code.is_some());
            let (Some(code), true) = (code, self.ok()) else {
                return;
            };
            last = Some(code);
            item(self, code);
        }
    }

    /// A flag: 0 or 1.
    pub fn flag(&mut self) -> bool {
        let b = self.u8();
        self.require(b <= 1);
        b == 1
    }

    /// A count of items that take a byte at least: a forged count
    /// allocates nothing (malformed: 0).
    pub fn count(&mut self) -> usize {
        let n = self.varint() as usize;
        let fits = n <= MAX_LIST && n <= self.left();
        self.require(fits);
        if fits {
            n
        } else {
            0
        }
    }

    /// At most [`MAX_DIGITS`] ASCII digits.
    pub fn digits(&mut self) -> &'a [u8] {
        let len = self.varint() as usize;
        self.require(len <= MAX_DIGITS);
        let digits = self.take(len.min(MAX_DIGITS));
        self.require(digits.iter().all(u8::is_ascii_digit));
        digits
    }

    /// At most [`MAX_DIGITS`] digit classes.
    pub fn classes(&mut self) -> Vec<u16> {
        let len = self.varint() as usize;
        self.require(len <= MAX_DIGITS);
        (0..len.min(MAX_DIGITS)).map(|_| self.class()).collect()
    }

    /// A digit class: a mask of the ten digits (0 too: a procedure's
    /// `next` of 0 means any digit).
    pub fn class(&mut self) -> u16 {
        let class = self.varint();
        self.require(class <= 0x3FF);
        class as u16 & 0x3FF
    }

    fn str(&mut self) -> &'a str {
        let len = self.varint() as usize;
        let text = core::str::from_utf8(self.take(len));
        self.require(text.is_ok());
        text.unwrap_or("")
    }

    fn list(&mut self) -> Vec<String> {
        (0..self.count()).map(|_| String::from(self.str())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_varint_has_one_spelling() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut w = Writer::default();
            w.varint(n);
            let mut r = Reader::new(&w.0);
            assert_eq!(r.varint(), n);
            assert!(r.ok() && r.left() == 0);
        }
        // 1 spelled in two bytes; 2^32; a varint cut short.
        for bytes in [&[0x81, 0x00][..], &[0x80, 0x80, 0x80, 0x80, 0x10], &[0x80]] {
            let mut r = Reader::new(bytes);
            r.varint();
            assert!(!r.ok(), "{bytes:?}");
        }
    }

    #[test]
    fn a_malformed_reader_stays_malformed_and_reads_nothing_past_the_end() {
        let mut r = Reader::new(&[0x05, 0x41]);
        assert_eq!(r.str(), "");
        assert!(!r.ok());
        assert_eq!((r.u8(), r.varint(), r.count(), r.left()), (0, 0, 0, 0));
        r.require(true);
        assert!(!r.ok());
    }

    #[test]
    fn fnv1a_of_known_strings() {
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hex(0xaf63_dc4c_8601_ec8c), "af63dc4c8601ec8c");
    }
}
