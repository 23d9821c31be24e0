//! The entries of a policy's `allow` list: a region (`"AR"`), a calling
//! code (`"+44"`) or a calling code with national digits (`"+1876"`).

use alloc::{string::String, vec, vec::Vec};

use serde::Serialize;

use crate::config::{PolicyConfig, SharedCodes};
use crate::data::{CallingCode, CodeMatch, NumberTypes, Region, RegionBits, RegionSet, MAX_DIGITS};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::number_type::NumberType;
use crate::reason::Reason;
use crate::text::{concat, serialize_code};
use crate::wire::{Reader, Writer};

/// An entry's kind in a compiled policy.
const REGION: u8 = 0;
const CODE: u8 = 1;
const RANGE: u8 = 2;

/// Reads one entry of `allow` as a policy would, for a field that adds one:
/// its normalized text (`"ar"` is `"AR"`), or the error (path empty).
///
/// ```
/// use dialguard::parse_allow_entry;
///
/// assert_eq!(parse_allow_entry("ar").unwrap(), "AR");
/// assert_eq!(parse_allow_entry("+1876").unwrap(), "+1876");
/// let err = parse_allow_entry("+999").unwrap_err();
/// assert_eq!((err.kind().code(), err.path()), ("unassigned-code", ""));
/// ```
pub fn parse_allow_entry(entry: &str) -> Result<String, ConfigError> {
    let mut text = String::new();
    AllowEntry::parse(entry, "")?.push_to(&mut text);
    Ok(text)
}

/// What an allow entry reaches: the settings page describes `+1876` with it
/// ("Numbers starting +1 876: Jamaica").
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct EntryReach {
    /// The entry as a policy reads it (`"AR"`, `"+1876"`).
    pub entry: String,
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    /// The national digits its numbers start with; empty for a region or a
    /// whole calling code.
    pub leading_digits: String,
    /// The regions that can own those numbers, main region first.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub regions: Vec<Region>,
    /// Their number type, once the digits decide it (`"unknown"`: no range
    /// of the code starts with them).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub number_type: Option<NumberType>,
}

/// What one allow entry reaches, or the error a policy would give it.
///
/// ```
/// use dialguard::allow_entry_reach;
///
/// let jm = allow_entry_reach("+1876")?;
/// assert_eq!((jm.calling_code, jm.leading_digits.as_str()), (1, "876"));
/// assert_eq!(jm.regions.iter().map(|r| r.id()).collect::<Vec<_>>(), ["JM"]);
/// assert_eq!(allow_entry_reach("+44")?.regions.len(), 4);
/// assert_eq!(allow_entry_reach("+4400")?.number_type.map(|t| t.as_str()), Some("unknown"));
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
pub fn allow_entry_reach(entry: &str) -> Result<EntryReach, ConfigError> {
    let parsed = AllowEntry::parse(entry, "")?;
    let (code, regions) = match parsed.target {
        AllowTarget::Region(region) => (region.calling_code(), vec![region]),
        AllowTarget::Code(code) | AllowTarget::Range(code) => {
            (code.value(), code.candidates(parsed.national_digits()).iter().collect())
        }
    };
    let number_type = match parsed.target {
        AllowTarget::Range(code) => NumberTypes::shared()
            .read(code, parsed.national_digits())
            .and_then(|(types, _)| types)
            .map(NumberType::of),
        _ => None,
    };
    Ok(EntryReach {
        entry: parsed.as_str().into(),
        calling_code: code,
        leading_digits: String::from_utf8_lossy(parsed.national_digits()).into_owned(),
        regions,
        number_type,
    })
}

/// How an allow entry covers a number, least specific first: a number's
/// rule is the most specific entry that covers it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Cover {
    /// `"together"`: a region that shares the number's calling code.
    SharedCode,
    /// The number's calling code (`+44`).
    Code,
    /// A region that can own the number.
    Region,
    /// National digits the number starts with (`+1876`); longer is more
    /// specific.
    Range(usize),
}

impl Cover {
    /// The reason an allowed dial covered so gets.
    pub fn reason(self) -> Reason {
        match self {
            Cover::SharedCode => Reason::SharedCodeAllowed,
            Cover::Code => Reason::CodeAllowed,
            Cover::Region => Reason::RegionAllowed,
            Cover::Range(_) => Reason::RangeAllowed,
        }
    }
}

/// A policy's allow list, and the one definition of which entry covers a
/// number: the compiled rules, the Decision's `rule`, coverage, lint and
/// the diff all ask it.
#[derive(Clone, Debug, Default)]
pub(crate) struct AllowList {
    entries: Vec<AllowEntry>,
    regions: RegionBits,
    together: bool,
}

impl AllowList {
    pub fn new(entries: Vec<AllowEntry>, shared_codes: SharedCodes) -> AllowList {
        let mut regions = RegionBits::default();
        for entry in &entries {
            if let AllowTarget::Region(r) = entry.target {
                regions.insert(r);
            }
        }
        AllowList {
            entries,
            regions,
            together: shared_codes == SharedCodes::Together,
        }
    }

    pub fn entries(&self) -> &[AllowEntry] {
        &self.entries
    }

    /// Writes the entries into a compiled policy, read without parsing
    /// their text (nor the region names it needs).
    pub fn write_to(&self, w: &mut Writer) {
        w.varint(self.entries.len() as u32);
        for entry in &self.entries {
            match entry.target {
                AllowTarget::Region(region) => {
                    w.u8(REGION);
                    w.varint(region.index() as u32);
                }
                AllowTarget::Code(code) => {
                    w.u8(CODE);
                    w.varint(u32::from(code.value()));
                }
                AllowTarget::Range(code) => {
                    w.u8(RANGE);
                    w.varint(u32::from(code.value()));
                    w.digits(entry.national_digits());
                }
            }
        }
    }

    /// Reads what [`write_to`](Self::write_to) wrote: entries as parsing
    /// makes them (a geographic region, an assigned code, a code and one
    /// to 15 digits in all), none twice, and spelled as `config`'s allow
    /// list in its order (a Decision's rule is an entry's place, which
    /// callers read in the configuration's list: the binding's record
    /// does).
    pub fn read_from(r: &mut Reader<'_>, config: &PolicyConfig) -> AllowList {
        let count = r.count();
        r.require(count == config.allow.len());
        let mut entries: Vec<AllowEntry> = Vec::with_capacity(count);
        for _ in 0..count {
            let tag = r.u8();
            let value = r.varint();
            let entry = if tag == REGION {
                let region = Region::from_index(value as usize).filter(|r| r.is_geographic());
                region.and_then(|region| AllowEntry::of(AllowTarget::Region(region), &[]))
            } else {
                let code = u16::try_from(value).ok().and_then(CallingCode::from_value);
                match (tag, code) {
                    (CODE, Some(code)) => AllowEntry::of(AllowTarget::Code(code), &[]),
                    (RANGE, Some(code)) => AllowEntry::of(AllowTarget::Range(code), r.digits()),
                    _ => None,
                }
            };
            let spelled = |e: &AllowEntry| {
                config
                    .allow
                    .get(entries.len())
                    .is_some_and(|t| e.text() == t.as_bytes())
            };
            match entry.filter(|e| !entries.contains(e) && spelled(e)) {
                Some(entry) => entries.push(entry),
                None => r.require(false),
            }
        }
        AllowList::new(entries, config.shared_codes)
    }

    /// Judge shared codes by region (`"by-region"`).
    pub fn by_region(&self) -> bool {
        !self.together
    }

    /// The regions allowed by name.
    pub fn regions(&self) -> &RegionBits {
        &self.regions
    }

    /// How `entry` covers the numbers of `code` that start with `national`
    /// and that only regions for which `can_own` holds can own.
    pub fn cover(
        &self,
        entry: &AllowEntry,
        code: CallingCode,
        national: &[u8],
        can_own: impl Fn(Region) -> bool,
    ) -> Option<Cover> {
        match entry.target {
            AllowTarget::Range(c) if c == code && national.starts_with(entry.national_digits()) => {
                Some(Cover::Range(entry.national_digits().len()))
            }
            AllowTarget::Region(r) if can_own(r) => Some(Cover::Region),
            AllowTarget::Code(c) if c == code => Some(Cover::Code),
            AllowTarget::Region(r) if self.together && code.regions().contains(r) => Some(Cover::SharedCode),
            _ => None,
        }
    }

    /// The most specific entry that covers numbers of `code` starting with
    /// `national` that the `candidates` can own, and how.
    ///
    /// A plain loop: an iterator chain costs the WebAssembly more.
    pub fn covering(&self, code: CallingCode, national: &[u8], candidates: RegionSet) -> Option<(Cover, Rule)> {
        let mut best: Option<(Cover, Rule)> = None;
        for (index, e) in self.entries.iter().enumerate() {
            if let Some(cover) = self.cover(e, code, national, |r| candidates.contains(r)) {
                if best.is_none_or(|(b, _)| cover > b) {
                    best = Some((cover, Rule { entry: *e, index }));
                }
            }
        }
        best
    }

    /// Every number of the code is covered, whatever its digits: a `+44`
    /// entry, or `"together"` with one of its regions allowed.
    pub fn whole_code(&self, code: CallingCode) -> bool {
        self.entries.iter().any(|e| {
            matches!(
                self.cover(e, code, &[], |_| false),
                Some(Cover::Code | Cover::SharedCode)
            )
        })
    }

    /// Some region of the set is allowed by name (`"by-region"` leaves).
    pub fn any_region(&self, set: RegionSet) -> bool {
        self.regions.any(set)
    }

    /// The national digits of the code's range entries (`+1876` -> `876`).
    pub fn ranges(&self, code: CallingCode) -> Vec<&[u8]> {
        let mut ranges = Vec::new();
        for e in &self.entries {
            if e.target == AllowTarget::Range(code) {
                ranges.push(e.national_digits());
            }
        }
        ranges
    }

    /// The regions of `region`'s calling code not allowed by name, which
    /// allowing `region` drags in: `"together"`, all their numbers;
    /// `"by-region"`, their [`shared_ranges`](Self::shared_ranges).
    pub fn dragged_in(&self, region: Region) -> Vec<Region> {
        region.shared_with_except(&self.regions)
    }

    /// `"by-region"`: the national ranges of `region` that a region allowed
    /// by name can own too, and so are allowed.
    pub fn shared_ranges(&self, region: Region) -> Vec<String> {
        region.ranges_shared_with(&self.regions)
    }
}

/// The entry of a policy's allow list that allowed a dial, and its place
/// in the list (the place of its text in the normalized configuration's
/// `allow`, which the WebAssembly's record carries).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Rule {
    pub entry: AllowEntry,
    pub index: usize,
}

/// One entry of `allow`, validated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct AllowEntry {
    /// Canonical text: `"AR"` or `"+1876"` (at most `+` and 15 digits).
    text: [u8; 16],
    len: u8,
    pub target: AllowTarget,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum AllowTarget {
    Region(Region),
    /// `+44`: every number of the code.
    Code(CallingCode),
    /// `+1876`: the numbers of the code whose national digits start with
    /// [`AllowEntry::national_digits`].
    Range(CallingCode),
}

impl AllowEntry {
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.text()).unwrap_or("")
    }

    fn text(&self) -> &[u8] {
        self.text.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// Appends the text to `out`: [`as_str`](Self::as_str) without its
    /// UTF-8 check, which the WebAssembly would otherwise carry.
    pub fn push_to(&self, out: &mut String) {
        for &b in self.text() {
            out.push(char::from(b));
        }
    }

    /// For a range entry, the national digits after the code.
    pub fn national_digits(&self) -> &[u8] {
        match self.target {
            AllowTarget::Range(code) => self.text().get(1 + code.len()..).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The entry of a target, with the national digits of a range (one at
    /// least, at most 15 digits in all); `None` where parsing makes none.
    fn of(target: AllowTarget, national: &[u8]) -> Option<AllowEntry> {
        let mut text = [0u8; 16];
        let mut len = 0;
        let mut push = |b: u8| {
            if let Some(slot) = text.get_mut(len) {
                *slot = b;
                len += 1;
            }
        };
        match target {
            AllowTarget::Region(region) => region.id().bytes().for_each(&mut push),
            AllowTarget::Code(code) | AllowTarget::Range(code) => {
                let range = matches!(target, AllowTarget::Range(_));
                if range == national.is_empty() || code.len() + national.len() > MAX_DIGITS {
                    return None;
                }
                push(b'+');
                code.digits().as_bytes().iter().for_each(|&d| push(d));
                national.iter().for_each(|&d| push(d));
            }
        }
        Some(AllowEntry {
            text,
            len: len as u8,
            target,
        })
    }

    pub fn parse(entry: &str, path: &str) -> Result<AllowEntry, ConfigError> {
        let mut text = [0u8; 16];
        if let Some(digits) = entry.strip_prefix('+') {
            if digits.is_empty() || digits.len() > MAX_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(
                    path,
                    r#"a calling code is "+" and digits, such as "+44" or "+1876""#,
                ));
            }
            let target = match CallingCode::match_digits(digits.as_bytes()) {
                CodeMatch::Code(code, len) if len == digits.len() => AllowTarget::Code(code),
                CodeMatch::Code(code, _) => AllowTarget::Range(code),
                CodeMatch::Partial | CodeMatch::Unassigned => {
                    let detail = concat(&["\"", entry, "\" does not start with an assigned calling code"]);
                    return Err(ConfigError::new(ConfigErrorKind::UnassignedCode, path, &detail));
                }
            };
            text.get_mut(..entry.len())
                .unwrap_or(&mut [])
                .copy_from_slice(entry.as_bytes());
            return Ok(AllowEntry {
                text,
                len: entry.len() as u8,
                target,
            });
        }
        if entry == "001" {
            return Err(ConfigError::new(
                ConfigErrorKind::UnknownRegion,
                path,
                r#"unknown region "001": allow a non-geographic code by its calling code, such as "+881""#,
            ));
        }
        let region = Region::from_id(entry).ok_or_else(|| unknown_region(path, entry))?;
        text.get_mut(..2)
            .unwrap_or(&mut [])
            .copy_from_slice(region.id().as_bytes());
        Ok(AllowEntry {
            text,
            len: 2,
            target: AllowTarget::Region(region),
        })
    }
}

pub(crate) fn invalid(path: &str, detail: &str) -> ConfigError {
    ConfigError::new(ConfigErrorKind::InvalidValue, path, detail)
}

fn unknown_region(path: &str, id: &str) -> ConfigError {
    if id.len() == 2 && id.bytes().all(|b| b.is_ascii_alphabetic()) {
        return ConfigError::unknown_region(path, id);
    }
    let detail = concat(&["\"", id, "\" is neither a region (\"AR\") nor a calling code (\"+54\")"]);
    let kind = if id.len() == 2 {
        ConfigErrorKind::UnknownRegion
    } else {
        ConfigErrorKind::InvalidValue
    };
    ConfigError::new(kind, path, &detail)
}
