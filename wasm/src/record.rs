//! The check record: how a decision crosses to JavaScript on the
//! per-keystroke path (`check`), as UTF-16-sized units in WebAssembly
//! memory that the facades (`js/shared.js`, for both entries) read without
//! any conversion. The record is the same in every build. This module is
//! the one definition of it: [`Layout`] describes every offset, flag, name
//! and limit; `scripts/build.mjs` writes the facades' constants
//! (`pkg/record.js`) from it and refuses a layout with a field the reader
//! does not read, and a facade refuses to attach to an instance whose
//! layout differs.
//!
//! A record is [`HEADER`] units ([`Unit`] gives each its place), then the
//! region indices ([`Unit::RegionCount`] of them, at most
//! [`MAX_REGIONS`]), then text: the dial string's units, the post-dial's,
//! the national number's, and the deciding reading's dial string.
//!
//! In the same place, the light build's `fromBytes` writes why it refused
//! bytes, a refusal ([`write_refusal`]): there errors cross as data, as
//! decisions do, and no JavaScript value is made.

use dialguard::{ConfigErrorKind, Decision, NumberType, ReadingKind, Reason, Validity, Verdict, MAX_INPUT};
#[cfg(feature = "admin")]
use serde::Serialize;

/// UTF-16 units a dial may be written as: one more than a dial may have,
/// so that a too-long dial is seen as too long.
pub const INPUT_UNITS: usize = MAX_INPUT + 1;

/// The most regions one calling code has (+1 has 25; a test checks that
/// none has more).
pub const MAX_REGIONS: usize = 25;

/// Declares a header's units in order, each with the field name the
/// facade knows it by.
macro_rules! units {
    ($(#[$meta:meta])* $place:ident, $names:ident: $($(#[$doc:meta])* $unit:ident = $name:literal,)*) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        pub enum $place {
            $($(#[$doc])* $unit,)*
        }
        /// The names of its units, by place.
        pub const $names: &[&str] = &[$($name,)*];
    };
}

units! {
    /// The place of each header unit.
    Unit, UNIT_NAMES:
    /// [`verdict_code`].
    Verdict = "verdict",
    /// The index of the reason in `Reason::ALL`.
    Reason = "reason",
    /// [`flag`]s: which of the optional fields are there.
    Flags = "flags",
    DialLen = "dialLen",
    PostDialLen = "postDialLen",
    /// Where the prefix starts and ends in the dial string.
    PrefixStart = "prefixStart",
    PrefixEnd = "prefixEnd",
    /// The national number's length: it ends the dial string, or (flag
    /// [`flag::NATIONAL_TEXT`]) its text follows the post-dial.
    NationalLen = "nationalLen",
    CallingCode = "callingCode",
    /// The UTF-16 offset of the offending character of a malformed dial.
    Position = "position",
    /// The index in the normalized `allow` of the entry that allowed it.
    Rule = "rule",
    RegionCount = "regionCount",
    /// 0 when the digits decide none, else 1 + the place of the number's
    /// type in `NumberType::ALL`.
    NumberType = "numberType",
    /// 0 for the plain reading, else 1 + the place of the deciding
    /// reading's kind in `ReadingKind::ALL`.
    ReadingKind = "readingKind",
    /// Where the code the reading read starts and ends in the dial string.
    ReadingCodeStart = "readingCodeStart",
    ReadingCodeEnd = "readingCodeEnd",
    /// The reading's own dial string's length: its text follows the
    /// national number.
    ReadingLen = "readingLen",
    /// 0 when there is none, else 1 + the place of the number's validity
    /// in `Validity::ALL`.
    Validity = "validity",
}

/// Units before the regions.
pub const HEADER: usize = UNIT_NAMES.len();
/// Units of text a record holds at most: a dial string and its post-dial
/// (together at most the input), a national number (at most 15 digits),
/// and a reading's dial string (at most the dial string, or an E.164
/// number of 16 units).
pub const TEXT_UNITS: usize = 2 * INPUT_UNITS + 16;
/// Units of a record, whatever it holds.
pub const RECORD_UNITS: usize = HEADER + MAX_REGIONS + TEXT_UNITS;

/// Declares the flags, each with the field name the facade knows it by.
macro_rules! flags {
    ($($(#[$doc:meta])* $flag:ident = $bit:literal $name:literal,)*) => {
        /// Which of the optional fields a record has.
        pub mod flag {
            $($(#[$doc])* pub const $flag: u16 = $bit;)*
        }
        /// The flags by name.
        pub const FLAG_NAMES: &[(&str, u16)] = &[$(($name, flag::$flag),)*];
    };
}

flags! {
    PREFIX = 1 "prefix",
    /// The calling code, the regions and the national number.
    CALLING_CODE = 2 "callingCode",
    /// `canBeAllowed` is there; [`CAN_BE_ALLOWED`] is its value.
    CAN_BE_ALLOWED_KNOWN = 4 "canBeAllowedKnown",
    CAN_BE_ALLOWED = 8 "canBeAllowed",
    POSITION = 16 "position",
    POST_DIAL = 32 "postDial",
    RULE = 64 "rule",
    /// The national number is not the end of the dial string (a reading
    /// made it up: Ireland's `048` is Northern Ireland's `28`): its text
    /// follows the post-dial.
    NATIONAL_TEXT = 128 "nationalText",
    /// Read in national format (`Decision::national_format`).
    NATIONAL_FORMAT = 256 "nationalFormat",
}

/// A verdict as it crosses: 1 + its place in `Verdict::ALL`. Never 0, so that a record
/// never written (or read from the wrong place) is no verdict at all, and
/// the facade reads it as malformed.
pub const fn verdict_code(v: Verdict) -> u16 {
    v as u16 + 1
}

/// Writes the record of `d` into `out`.
/// `out` has [`RECORD_UNITS`] units.
pub fn write(d: &Decision, out: &mut [u16]) {
    let present = |yes: bool, bit: u16| if yes { bit } else { 0 };
    let prefix = d.prefix_range();
    let dial = d.dial_string();
    let post_dial = d.post_dial();
    let national = d.national_number().unwrap_or("");
    // Usually the end of the dial string, which the facade has already.
    let national_text = !dial.ends_with(national);
    let reading = d.reading();
    let code = reading.map_or(0..0, |r| r.code_range());
    let reading_dial = reading.map(|r| r.dial_string()).unwrap_or("");
    let rule = d.rule_index();
    let flags = present(prefix.is_some(), flag::PREFIX)
        | present(d.calling_code().is_some(), flag::CALLING_CODE)
        | present(d.can_be_allowed().is_some(), flag::CAN_BE_ALLOWED_KNOWN)
        | present(d.can_be_allowed() == Some(true), flag::CAN_BE_ALLOWED)
        | present(d.position().is_some(), flag::POSITION)
        | present(post_dial.is_some(), flag::POST_DIAL)
        | present(rule.is_some(), flag::RULE)
        | present(national_text, flag::NATIONAL_TEXT)
        | present(d.national_format(), flag::NATIONAL_FORMAT);
    let mut header = [0u16; HEADER];
    let mut set = |unit: Unit, value: usize| {
        if let Some(slot) = header.get_mut(unit as usize) {
            *slot = value as u16;
        }
    };
    set(Unit::Verdict, usize::from(verdict_code(d.verdict())));
    set(Unit::Reason, d.reason().index());
    set(Unit::Flags, usize::from(flags));
    set(Unit::DialLen, dial.len());
    set(Unit::PostDialLen, post_dial.map_or(0, str::len));
    set(Unit::PrefixStart, prefix.as_ref().map_or(0, |r| r.start));
    set(Unit::PrefixEnd, prefix.as_ref().map_or(0, |r| r.end));
    set(Unit::NationalLen, national.len());
    set(Unit::CallingCode, usize::from(d.calling_code().unwrap_or(0)));
    set(Unit::Position, d.position().unwrap_or(0));
    set(Unit::Rule, rule.unwrap_or(0));
    set(Unit::RegionCount, d.regions().len());
    set(Unit::NumberType, d.number_type().map_or(0, |t| t.index() + 1));
    set(Unit::ReadingKind, reading.map_or(0, |r| r.kind().index() + 1));
    set(Unit::ReadingCodeStart, code.start);
    set(Unit::ReadingCodeEnd, code.end);
    set(Unit::ReadingLen, reading_dial.len());
    set(Unit::Validity, d.validity().map_or(0, |v| v.index() + 1));
    let Some((head, rest)) = out.split_at_mut_checked(HEADER) else {
        return;
    };
    head.copy_from_slice(&header);
    let Some((regions, text)) = rest.split_at_mut_checked(MAX_REGIONS) else {
        return;
    };
    for (slot, r) in regions.iter_mut().zip(d.regions()) {
        *slot = r.index() as u16;
    }
    // The texts are ASCII tokens: a unit each, one after the other (a loop
    // each: a chain of iterators costs the WebAssembly a branch a unit).
    let national = if national_text { national } else { "" };
    let mut rest = text;
    for part in [dial, post_dial.unwrap_or(""), national, reading_dial] {
        let (head, tail) = rest.split_at_mut(part.len().min(rest.len()));
        for (slot, &b) in head.iter_mut().zip(part.as_bytes()) {
            *slot = u16::from(b);
        }
        rest = tail;
    }
}

units! {
    /// The place of each unit of a refusal: why the light build's
    /// `fromBytes` refused bytes, written where a check writes its record
    /// (see [`write_refusal`]). The other builds only describe it.
    #[cfg_attr(all(feature = "config", not(test)), allow(dead_code))]
    RefusalUnit, REFUSAL_UNIT_NAMES:
    /// 1 + the place of the error's kind in `ConfigErrorKind::ALL`: never
    /// 0, so that a refusal never written is none.
    Code = "code",
    /// The UTF-16 lengths of the error's path, detail and message, whose
    /// text follows the refusal's header in that order.
    PathLen = "pathLen",
    DetailLen = "detailLen",
    MessageLen = "messageLen",
}

/// Units before a refusal's text.
#[cfg_attr(all(feature = "config", not(test)), allow(dead_code))]
pub const REFUSAL_HEADER: usize = REFUSAL_UNIT_NAMES.len();

/// Writes why bytes were refused, `e`, into `out` (the record's place):
/// the light facade throws it as a `DialguardError`. (The check and admin
/// builds throw theirs as every other error of theirs: they make
/// JavaScript errors for configurations anyway.) Text past `out`'s end is
/// cut (only a forged data version is that long).
#[cfg(any(test, not(feature = "config")))]
pub fn write_refusal(e: &dialguard::ConfigError, out: &mut [u16]) {
    let Some((head, mut text)) = out.split_at_mut_checked(REFUSAL_HEADER) else {
        return;
    };
    let message = e.message();
    let mut lens = [0u16; 3];
    for (len, part) in lens.iter_mut().zip([e.path(), e.detail(), message.as_str()]) {
        for unit in part.encode_utf16() {
            let Some((slot, rest)) = core::mem::take(&mut text).split_first_mut() else {
                break;
            };
            *slot = unit;
            text = rest;
            *len += 1;
        }
    }
    let [path, detail, message] = lens;
    for (unit, value) in [
        (RefusalUnit::Code, e.kind().index() as u16 + 1),
        (RefusalUnit::PathLen, path),
        (RefusalUnit::DetailLen, detail),
        (RefusalUnit::MessageLen, message),
    ] {
        if let Some(slot) = head.get_mut(unit as usize) {
            *slot = value;
        }
    }
}

/// What the facade needs to know to read records, in JavaScript's terms:
/// `scripts/build.mjs` writes its constants from the admin build's (the
/// check and light builds have the same record, and only its
/// [`FINGERPRINT`]: names only the build reads are WebAssembly they would
/// download for nothing).
#[cfg(feature = "admin")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    /// [`FINGERPRINT`] of the rest.
    pub fingerprint: u32,
    pub input_units: usize,
    pub record_units: usize,
    pub header: usize,
    pub max_regions: usize,
    /// The header's field names, by place.
    pub units: &'static [&'static str],
    /// The flags, as `[name, bit]`.
    pub flags: &'static [(&'static str, u16)],
    /// The verdicts, by code less one.
    pub verdicts: Vec<&'static str>,
    /// The reasons, by index, as `[name, verdict code]`.
    pub reasons: Vec<(&'static str, u16)>,
    /// The number types, by place.
    pub number_types: Vec<&'static str>,
    /// The reading kinds, by place.
    pub reading_kinds: Vec<&'static str>,
    /// The validities, by place.
    pub validities: Vec<&'static str>,
    /// A refusal's header's field names, by place: the light build's
    /// refusals.
    pub refusal_units: &'static [&'static str],
    /// The codes of the errors a refusal gives, by place.
    pub error_codes: Vec<&'static str>,
}

#[cfg(feature = "admin")]
impl Layout {
    pub fn new() -> Layout {
        Layout {
            fingerprint: FINGERPRINT,
            input_units: INPUT_UNITS,
            record_units: RECORD_UNITS,
            header: HEADER,
            max_regions: MAX_REGIONS,
            units: UNIT_NAMES,
            flags: FLAG_NAMES,
            verdicts: Verdict::ALL.iter().map(|v| v.as_str()).collect(),
            reasons: Reason::ALL
                .iter()
                .map(|r| (r.as_str(), verdict_code(r.verdict())))
                .collect(),
            number_types: NumberType::ALL.iter().map(|t| t.as_str()).collect(),
            reading_kinds: ReadingKind::ALL.iter().map(|k| k.as_str()).collect(),
            validities: Validity::ALL.iter().map(|v| v.as_str()).collect(),
            refusal_units: REFUSAL_UNIT_NAMES,
            error_codes: ConfigErrorKind::ALL.iter().map(|k| k.code()).collect(),
        }
    }
}

/// FNV-1a over `bytes` and an end marker, from `hash`.
const fn feed(mut hash: u32, bytes: &[u8]) -> u32 {
    let mut i = 0;
    while i <= bytes.len() {
        let b = if i < bytes.len() { bytes[i] } else { 0xff };
        hash = (hash ^ b as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// Feeds the names of every variant in `$all` (an enum's `ALL`), as
/// `$name` gives them, to `$hash`.
macro_rules! feed_names {
    ($hash:ident, $all:expr) => {
        feed_names!($hash, $all, as_str)
    };
    ($hash:ident, $all:expr, $name:ident) => {{
        let mut i = 0;
        while i < $all.len() {
            $hash = feed($hash, $all[i].$name().as_bytes());
            i += 1;
        }
    }};
}

/// A hash (FNV-1a) of everything [`Layout`] says, found when the binding
/// is compiled: the facade, built with the constants of one layout,
/// compares it with the instance's before it reads any record (a `.wasm`
/// of another version is refused), without the layout crossing at
/// start-up, and without the light build carrying every name to hash.
pub const FINGERPRINT: u32 = {
    let mut hash: u32 = 0x811c_9dc5;
    let sizes = [INPUT_UNITS, RECORD_UNITS, HEADER, MAX_REGIONS];
    let mut i = 0;
    while i < sizes.len() {
        hash = feed(hash, &sizes[i].to_le_bytes());
        i += 1;
    }
    i = 0;
    while i < UNIT_NAMES.len() {
        hash = feed(hash, UNIT_NAMES[i].as_bytes());
        i += 1;
    }
    i = 0;
    while i < FLAG_NAMES.len() {
        hash = feed(hash, FLAG_NAMES[i].0.as_bytes());
        hash = feed(hash, &FLAG_NAMES[i].1.to_le_bytes());
        i += 1;
    }
    feed_names!(hash, Verdict::ALL);
    i = 0;
    while i < Reason::ALL.len() {
        hash = feed(hash, Reason::ALL[i].as_str().as_bytes());
        hash = feed(hash, &verdict_code(Reason::ALL[i].verdict()).to_le_bytes());
        i += 1;
    }
    feed_names!(hash, NumberType::ALL);
    feed_names!(hash, ReadingKind::ALL);
    feed_names!(hash, Validity::ALL);
    i = 0;
    while i < REFUSAL_UNIT_NAMES.len() {
        hash = feed(hash, REFUSAL_UNIT_NAMES[i].as_bytes());
        i += 1;
    }
    feed_names!(hash, ConfigErrorKind::ALL, code);
    hash
};
