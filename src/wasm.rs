//! The WebAssembly binding: a thin layer of `wasm-bindgen` exports over the
//! core, driven by the JavaScript facade in `js/`.
//!
//! Policies live in a handle table, so no pointer crosses the boundary.
//! Only numbers cross, so that the glue has no string conversions. Dials
//! are written as UTF-16 code units into the input buffer for [`verdict`]
//! or [`check`]; `check` writes a compact record into the output buffer
//! that the facade turns into one plain object. Everything else (config,
//! lint, diff, the catalog) is text in the text buffer (see
//! [`text_buffer`]) through the one export [`call`], JSON written here
//! without `std::fmt`: every export costs glue in each JavaScript entry.
//!
//! It is built twice: the check build (feature `wasm`), which browsers
//! load by default, and the admin build (feature `wasm-admin`), which adds
//! the settings page's ops (lint, diff, the catalog) in `wasm/admin.rs`. Both
//! have the same exports, so one JavaScript glue serves both.

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::catalog::suggest_prefixes as suggest;
use crate::input::Input;
use crate::json::push_string;
use crate::text::{concat, push_decimal};
use crate::{ConfigError, DialPolicy, Reason, Region, Verdict};

#[cfg(feature = "wasm-admin")]
mod admin;

/// UTF-16 units the facade may write: one more than a dial may have, so
/// that a too-long dial is seen as too long.
const INPUT_UNITS: usize = crate::input::MAX_INPUT + 1;
/// Record header (see [`check`]), then up to [`MAX_REGIONS`] regions, then
/// the dial string and post-dial (at most the input's length).
const HEADER: usize = 11;
/// The most regions of one calling code (+1 has 25); js/core.js reads a
/// record with more as unreadable.
const MAX_REGIONS: usize = 25;
const OUTPUT_UNITS: usize = HEADER + MAX_REGIONS + INPUT_UNITS;

/// State of the one WebAssembly instance.
struct Global<T>(RefCell<T>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has one
// thread, so a `Global` is never touched from two threads.
#[allow(unsafe_code)]
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    fn with_borrow<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0.borrow())
    }
    fn with_borrow_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
    fn set(&self, value: T) {
        *self.0.borrow_mut() = value;
    }
}

static POLICIES: Global<Vec<Option<DialPolicy>>> = Global(RefCell::new(Vec::new()));
static INPUT: Global<[u16; INPUT_UNITS]> = Global(RefCell::new([0; INPUT_UNITS]));
static OUTPUT: Global<[u16; OUTPUT_UNITS]> = Global(RefCell::new([0; OUTPUT_UNITS]));
static KEPT_ERROR: Global<Option<ConfigError>> = Global(RefCell::new(None));
/// The text of a call, in UTF-16 as JavaScript holds it (so that no
/// encoder is needed), and its result, in UTF-8 for `TextDecoder`.
static TEXT: Global<Vec<u16>> = Global(RefCell::new(Vec::new()));
static RESULT: Global<String> = Global(RefCell::new(String::new()));

// SAFETY: single-threaded, as above.
#[allow(unsafe_code)]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// A panic cannot come from input (see ARCHITECTURE.md); should one happen
/// anyway it traps, without the formatting machinery a message would need.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

fn with_policy<R>(handle: u32, f: impl FnOnce(&DialPolicy) -> R) -> Option<R> {
    POLICIES.with_borrow(|p| p.get(handle as usize).and_then(Option::as_ref).map(f))
}

fn remember(result: Result<DialPolicy, ConfigError>) -> i32 {
    match result {
        Ok(policy) => POLICIES.with_borrow_mut(|p| {
            let slot = p.iter().position(Option::is_none).unwrap_or(p.len());
            if slot == p.len() {
                p.push(None);
            }
            if let Some(s) = p.get_mut(slot) {
                *s = Some(policy);
            }
            slot as i32
        }),
        Err(err) => {
            KEPT_ERROR.set(Some(err));
            -1
        }
    }
}

/// Makes the text buffer `units` UTF-16 code units long and returns its
/// address, where the facade writes the text of a call.
#[wasm_bindgen]
pub fn text_buffer(units: usize) -> usize {
    TEXT.with_borrow_mut(|t| {
        t.resize(units, 0);
        t.as_ptr() as usize
    })
}

/// Address of the last result of [`call`] (UTF-8).
#[wasm_bindgen]
pub fn result() -> usize {
    RESULT.with_borrow(|r| r.as_ptr() as usize)
}

/// The first `len` units of the text buffer (see [`utf16_text`]).
fn read_text(len: usize) -> String {
    TEXT.with_borrow(|t| utf16_text(t.get(..len).unwrap_or(&[])))
}

/// UTF-16 as a `String`, a lone surrogate read as U+FFFD (as `TextEncoder`
/// would have it).
fn utf16_text(units: &[u16]) -> String {
    let mut text = String::new();
    for (c, _) in Input::Utf16(units).units() {
        text.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    text
}

/// Compiles a policy from the JSON text of the first `len` units of the
/// text buffer; a handle, or -1 with the error kept for [`LAST_ERROR`].
#[wasm_bindgen]
pub fn policy_new(len: usize) -> i32 {
    remember(DialPolicy::from_json(&read_text(len)))
}

#[wasm_bindgen]
pub fn policy_free(handle: u32) {
    POLICIES.with_borrow_mut(|p| {
        if let Some(slot) = p.get_mut(handle as usize) {
            *slot = None;
        }
        while matches!(p.last(), Some(None)) {
            p.pop();
        }
    });
}

fn with_input<R>(len: usize, f: impl FnOnce(&[u16]) -> R) -> R {
    INPUT.with_borrow(|b| f(b.get(..len.min(INPUT_UNITS)).unwrap_or(&[])))
}

/// A verdict as it crosses: 1 + its index in `allowed, blocked,
/// not-international, incomplete, malformed`. Never 0, so that a zeroed or
/// unread record cannot decode as `allowed`: the facade reads 0 (or any
/// other code it does not know) as malformed.
fn verdict_code(v: Verdict) -> u16 {
    v as u16 + 1
}

/// The verdict code (see [`verdict_code`]) of the `len` units in the input
/// buffer; 0 for a freed handle.
#[wasm_bindgen]
pub fn verdict(handle: u32, len: usize) -> u16 {
    with_policy(handle, |p| with_input(len, |dial| verdict_code(p.verdict_utf16(dial)))).unwrap_or(0)
}

/// Checks the `len` units in the input buffer and writes the record:
///
/// | unit | |
/// |---|---|
/// | 0 | reason (index in `Reason::ALL`), plus the verdict code (see [`verdict_code`]) times 256 |
/// | 1 | flags: 1 prefix, 2 calling code, 4 canBeAllowed known, 8 its value, 16 position, 32 post-dial, 64 rule |
/// | 2, 3 | dial string length, post-dial length |
/// | 4, 5, 6 | where the prefix, the calling code, the national number start in the dial string |
/// | 7 | calling code |
/// | 8 | position |
/// | 9 | rule: index in the normalized `allow` |
/// | 10 | number of regions; the region indices follow, then the dial string and post-dial |
///
/// Returns false for a freed handle.
#[wasm_bindgen]
pub fn check(handle: u32, len: usize) -> bool {
    with_policy(handle, |p| {
        let d = with_input(len, |dial| p.check_utf16(dial));
        OUTPUT.with_borrow_mut(|out| {
            // `prefix()` and `post_dial()` without building their text: the
            // prefix is never past the dial string.
            let flags = u16::from(d.prefix_start.is_some_and(|start| start < d.code_start))
                | u16::from(d.calling_code().is_some()) << 1
                | u16::from(d.can_be_allowed().is_some()) << 2
                | u16::from(d.can_be_allowed() == Some(true)) << 3
                | u16::from(d.position().is_some()) << 4
                | u16::from(d.post_dial_len.is_some()) << 5
                | u16::from(d.rule.is_some()) << 6;
            let rule = d
                .rule
                .and_then(|r| p.allow_entries().iter().position(|e| *e == r))
                .unwrap_or(0);
            let header: [u16; HEADER] = [
                // `Reason::ALL` is in declaration order: the index is the discriminant.
                d.reason() as u16 | verdict_code(d.verdict()) << 8,
                flags,
                d.dial_len,
                d.post_dial_len.unwrap_or(0),
                d.prefix_start.unwrap_or(0),
                d.code_start,
                d.national_start,
                d.calling_code().unwrap_or(0),
                d.position().unwrap_or(0) as u16,
                rule as u16,
                d.regions().len() as u16,
            ];
            // One copy rather than a push per unit: less WebAssembly.
            if let Some(head) = out.get_mut(..HEADER) {
                head.copy_from_slice(&header);
            }
            let mut w = Writer { out, at: HEADER };
            for r in d.regions() {
                w.push(r.index() as u16);
            }
            for &b in d.tokens.as_slice() {
                w.push(u16::from(b));
            }
        })
    })
    .is_some()
}

struct Writer<'a> {
    out: &'a mut [u16; OUTPUT_UNITS],
    at: usize,
}

impl Writer<'_> {
    fn push(&mut self, unit: u16) {
        if let Some(slot) = self.out.get_mut(self.at) {
            *slot = unit;
            self.at += 1;
        }
    }
}

/// What [`call`] does, by its `op` (js/core.js numbers them the same).
const META: u32 = 0;
const LAST_ERROR: u32 = 1;
const CONFIG: u32 = 2;
#[cfg(feature = "wasm-admin")]
const LINT: u32 = 3;
#[cfg(feature = "wasm-admin")]
const DIFF: u32 = 4;
#[cfg(feature = "wasm-admin")]
const REGIONS: u32 = 5;
#[cfg(feature = "wasm-admin")]
const SEARCH: u32 = 6;
const SUGGEST: u32 = 7;

/// Everything text in one export: runs `op` on the first `len` units of
/// the text buffer, and keeps the result (see [`result`]), returning its
/// length in bytes.
///
/// | op | text | result |
/// |---|---|---|
/// | [`META`] | | input and output buffer addresses and the names of `Reason::ALL`, joined by `,`; a tab; the catalog's region ids (`"001"` for non-geographic codes), joined by `,`; a tab; the build: `admin` or `check`; a tab; the verdict code of each reason of `Reason::ALL`, a digit each |
/// | [`LAST_ERROR`] | | the last configuration error as `code\tpath\tmessage` |
/// | [`CONFIG`] | | the normalized configuration of `handle` as JSON |
/// | `LINT` | | `[{code, severity, message, regions?}]` for `handle` |
/// | `DIFF` | empty, or the call log (see `admin::read_call_log`) | the diff from `handle` to `other` as JSON |
/// | `REGIONS` | | every region as `RegionInfo` JSON, in catalog order |
/// | `SEARCH` | a query | catalog indices of the best `other` matches, as a JSON list |
/// | [`SUGGEST`] | a home region | its prefixes as a JSON list, or empty with the error kept for [`LAST_ERROR`] |
///
/// `LINT`, `DIFF`, `REGIONS` and `SEARCH` are in the admin build
/// only (feature `wasm-admin`, see `wasm/admin.rs`). An unknown op, or a freed
/// handle, gives the empty string.
#[wasm_bindgen]
#[cfg_attr(not(feature = "wasm-admin"), allow(unused_variables))] // `other`
pub fn call(op: u32, handle: u32, other: u32, len: usize) -> usize {
    #[cfg(feature = "wasm-admin")]
    if op == DIFF {
        let result = TEXT.with_borrow(|t| admin::diff(handle, other, t.get(..len).unwrap_or(&[])));
        return keep(result);
    }
    let text = read_text(len);
    let result = match op {
        META => meta(),
        LAST_ERROR => last_error(),
        CONFIG => with_policy(handle, DialPolicy::to_json).unwrap_or_default(),
        SUGGEST => suggest_prefixes(&text),
        #[cfg(feature = "wasm-admin")]
        LINT => with_policy(handle, admin::lint).unwrap_or_default(),
        #[cfg(feature = "wasm-admin")]
        REGIONS => admin::regions(),
        #[cfg(feature = "wasm-admin")]
        SEARCH => admin::search_regions(&text, other),
        _ => String::new(),
    };
    keep(result)
}

/// Keeps the result of [`call`]; its length in bytes.
fn keep(result: String) -> usize {
    let len = result.len();
    RESULT.set(result);
    len
}

fn meta() -> String {
    let mut out = String::new();
    INPUT.with_borrow(|b| push_decimal(&mut out, b.as_ptr() as u64));
    out.push(',');
    OUTPUT.with_borrow(|b| push_decimal(&mut out, b.as_ptr() as u64));
    out.push_str(Reason::NAMES);
    out.push('\t');
    for (i, r) in Region::all().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r.id());
    }
    out.push_str(if cfg!(feature = "wasm-admin") {
        "\tadmin\t"
    } else {
        "\tcheck\t"
    });
    for r in Reason::ALL {
        out.push(char::from(b'0' + verdict_code(r.verdict()) as u8));
    }
    out
}

fn last_error() -> String {
    KEPT_ERROR.with_borrow(|e| match e {
        Some(err) => concat(&[err.kind().code(), "\t", err.path(), "\t", &err.message()]),
        None => String::new(),
    })
}

fn push_strings(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, s);
    }
    out.push(']');
}

fn suggest_prefixes(home_region: &str) -> String {
    match suggest(home_region) {
        Ok(list) => {
            let mut out = String::new();
            push_strings(&mut out, &list);
            out
        }
        Err(err) => {
            KEPT_ERROR.set(Some(err));
            String::new()
        }
    }
}
