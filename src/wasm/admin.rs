//! The ops of [`call`](super::call) that only the settings page needs:
//! lint, diff and the region catalog. Built with the `wasm-admin` feature
//! only, so that the check build, which browsers load by default, does
//! not carry them (about 8 KB gzip of its 30).

use alloc::string::String;
use alloc::vec::Vec;

use super::{push_strings, utf16_text, POLICIES};
use crate::catalog::search_regions as search;
use crate::data::RegionBits;
use crate::json::push_string;
use crate::text::push_decimal;
use crate::{DialPolicy, PolicyDiff, Region};

pub(super) fn lint(p: &DialPolicy) -> String {
    let mut out = String::from("[");
    for (i, w) in p.lint().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        push_string(&mut out, w.kind.code());
        out.push_str(",\"severity\":");
        push_string(&mut out, w.severity.as_str());
        out.push_str(",\"message\":");
        push_string(&mut out, &w.message);
        if !w.regions.is_empty() {
            out.push_str(",\"regions\":");
            push_ids(&mut out, &w.regions);
        }
        out.push('}');
    }
    out.push(']');
    out
}

pub(super) fn diff(handle: u32, proposed: u32, call_log: &[u16]) -> String {
    let log = call_log.split_first().map(|(_, entries)| read_call_log(entries));
    POLICIES.with_borrow(|p| {
        let (Some(Some(a)), Some(Some(b))) = (p.get(handle as usize), p.get(proposed as usize)) else {
            return String::new();
        };
        let dials: Option<Vec<&str>> = log.as_ref().map(|l| l.iter().map(String::as_str).collect());
        diff_json(&a.diff(b, dials.as_deref()))
    })
}

/// The call log as js/core.js writes it, after a first unit that says
/// there is one: each dial as its length in UTF-16 units (two units, high
/// first), then its units. Not JSON: no reader needed, nothing to escape.
fn read_call_log(mut entries: &[u16]) -> Vec<String> {
    let mut log = Vec::new();
    while let [high, low, rest @ ..] = entries {
        let len = (usize::from(*high) << 16 | usize::from(*low)).min(rest.len());
        let (dial, after) = rest.split_at(len);
        log.push(utf16_text(dial));
        entries = after;
    }
    log
}

fn diff_json(diff: &PolicyDiff) -> String {
    let mut out = String::from("{\"gained\":");
    destinations(&mut out, &diff.gained);
    out.push_str(",\"lost\":");
    destinations(&mut out, &diff.lost);
    out.push_str(",\"sideEffects\":[");
    for (i, s) in diff.side_effects.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"region\":");
        push_string(&mut out, s.region.id());
        out.push_str(",\"callingCode\":\"");
        push_decimal(&mut out, u64::from(s.calling_code));
        out.push_str("\",\"alsoAllows\":");
        push_ids(&mut out, &s.also_allows);
        out.push('}');
    }
    out.push(']');
    if let Some(log) = &diff.call_log {
        out.push_str(",\"callLog\":{\"total\":");
        push_decimal(&mut out, log.total as u64);
        out.push_str(",\"changed\":");
        push_decimal(&mut out, log.changed as u64);
        out.push_str(",\"items\":[");
        for (i, item) in log.items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"dialed\":");
            push_string(&mut out, &item.dialed);
            out.push_str(",\"before\":");
            push_string(&mut out, item.before.as_str());
            out.push_str(",\"after\":");
            push_string(&mut out, item.after.as_str());
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push('}');
    out
}

fn destinations(out: &mut String, list: &[crate::Destination]) {
    out.push('[');
    for (i, d) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"callingCode\":\"");
        push_decimal(out, u64::from(d.calling_code));
        out.push_str("\",\"regions\":");
        push_ids(out, &d.regions);
        if !d.leading_digits.is_empty() {
            out.push_str(",\"leadingDigits\":");
            push_strings(out, &d.leading_digits);
        }
        out.push('}');
    }
    out.push(']');
}

fn push_ids(out: &mut String, regions: &[Region]) {
    out.push('[');
    for (i, r) in regions.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, r.id());
    }
    out.push(']');
}

pub(super) fn regions() -> String {
    let mut out = String::from("[");
    for (i, r) in Region::all().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"region\":");
        push_string(&mut out, r.id());
        out.push_str(",\"name\":");
        push_string(&mut out, r.name());
        out.push_str(",\"callingCode\":\"");
        push_decimal(&mut out, u64::from(r.calling_code()));
        out.push_str("\",\"sharedWith\":");
        push_ids(&mut out, &r.shared_with_except(&RegionBits::default()));
        let leading = r.leading_digits();
        if !leading.is_empty() {
            out.push_str(",\"leadingDigits\":");
            push_strings(&mut out, &leading);
        }
        if let Some(idd) = r.international_prefix() {
            out.push_str(",\"internationalPrefix\":");
            push_string(&mut out, idd);
        }
        out.push_str(",\"kind\":");
        push_string(
            &mut out,
            if r.is_geographic() {
                "geographic"
            } else {
                "non-geographic"
            },
        );
        out.push('}');
    }
    out.push(']');
    out
}

pub(super) fn search_regions(query: &str, limit: u32) -> String {
    let mut out = String::from("[");
    for (i, r) in search(query, Some(limit as usize)).into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_decimal(&mut out, r.index() as u64);
    }
    out.push(']');
    out
}
