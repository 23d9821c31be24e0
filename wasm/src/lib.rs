//! The WebAssembly binding of dialguard: `wasm-bindgen` exports over the
//! core's public API, for the npm package's JavaScript facades (`js/`).
//!
//! - A policy is a wasm-bindgen class, [`Policy`]: its configuration comes
//!   in as a plain JavaScript object, and lint, diff, coverage, the
//!   normalized configuration and the catalog go out as plain objects,
//!   all through serde-wasm-bindgen ([`interop`]).
//! - The per-keystroke path crosses no object: the facade writes a dial's
//!   UTF-16 units into the input buffer, and `check` writes a numeric
//!   record that it reads ([`record`]). `checkMany` is the facade's loop
//!   of `check`: JavaScript writes a string's units faster than any
//!   conversion of an array of strings crossing does (measured: 0.67×).
//!
//! It is built three times. The admin build (feature `admin`) and the
//! check build (the default features), which browsers load by default,
//! have the same exports, so that one JavaScript glue serves both: in the
//! check build the admin calls (`lint`, `diff`, `coverage`, `regions`,
//! `searchRegions`) throw an error that names the fix. The light build
//! (`--no-default-features --features no-std`, for the `dialguard/check`
//! entry) has its own glue and only what a softphone that loads a
//! compiled policy needs: `fromBytes`, `check`, `verdict`, `fingerprint`,
//! `allowList`, `instance` and `regionIds`; without feature `config`,
//! neither serde-wasm-bindgen, the configuration reader nor any making of
//! JavaScript values is linked (`fromBytes`'s refusals cross in the
//! record), and
//! without std (feature `no-std`, not in its tests, which
//! wasm-bindgen-test runs with std) neither is std's panic machinery.

#![deny(unsafe_code)]
// The light build needs nothing of std (feature `no-std`): without it,
// std's panic machinery (and the formatting it brings) stays out.
#![cfg_attr(feature = "no-std", no_std)]

extern crate alloc;

#[cfg(feature = "config")]
mod interop;
mod record;
#[cfg(all(test, feature = "config"))]
mod tests;
#[cfg(test)]
mod tests_bytes;

use alloc::{string::String, vec, vec::Vec};
use core::cell::RefCell;

use dialguard::DialPolicy;
#[cfg(feature = "admin")]
use dialguard::{NumberType, Verdict};
#[cfg(feature = "config")]
use js_sys::Array;
use wasm_bindgen::prelude::*;

use record::{INPUT_UNITS, RECORD_UNITS};

// SAFETY: wasm32-unknown-unknown without the atomics feature has one
// thread, so the allocator is never entered from two.
#[allow(unsafe_code)]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// A buffer the facade and the binding share, in a static: there is one
/// thread, so no thread locals (std's, which the light build does without).
struct Shared<T>(RefCell<T>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has one
// thread, so the buffer is never reached from two.
#[allow(unsafe_code)]
unsafe impl<T> Sync for Shared<T> {}

impl<T> Shared<T> {
    fn with_borrow<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0.borrow())
    }

    fn with_borrow_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
}

/// Where the facade writes a dial, as UTF-16 units.
static INPUT: Shared<[u16; INPUT_UNITS]> = Shared(RefCell::new([0; INPUT_UNITS]));
/// Where `check` writes its record.
static RECORD: Shared<[u16; RECORD_UNITS]> = Shared(RefCell::new([0; RECORD_UNITS]));

/// Without std, a panic (none is reachable: the engine's tests and fuzzing
/// hold it) traps, as std's does with `panic = "abort"`.
#[cfg(feature = "no-std")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Runs `f` on the first `len` units of the input buffer.
fn with_input<R>(len: usize, f: impl FnOnce(&[u16]) -> R) -> R {
    INPUT.with_borrow(|b| f(b.get(..len).unwrap_or(b)))
}

/// A compiled policy.
#[wasm_bindgen]
pub struct Policy {
    inner: DialPolicy,
    /// [`DialPolicy::with_national_judging`], compiled on first use.
    #[cfg(feature = "admin")]
    judging_national: core::cell::OnceCell<Option<DialPolicy>>,
}

impl From<DialPolicy> for Policy {
    fn from(inner: DialPolicy) -> Policy {
        Policy {
            inner,
            #[cfg(feature = "admin")]
            judging_national: core::cell::OnceCell::new(),
        }
    }
}

/// What every build exports, the light one included.
#[wasm_bindgen]
impl Policy {
    /// Loads a compiled policy (`DialPolicy::from_bytes`); throws a
    /// `DialguardError` that says what is wrong with the bytes.
    #[cfg(feature = "config")]
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Policy, JsValue> {
        DialPolicy::from_bytes(bytes)
            .map(Policy::from)
            .map_err(|e| interop::dialguard_error(&e))
    }

    /// Loads a compiled policy (`DialPolicy::from_bytes`). For bytes it
    /// refuses, nothing, and the record says why (a refusal, see
    /// [`record::write_refusal`]), which the facade throws as a
    /// `DialguardError`: the light build makes no JavaScript value.
    #[cfg(not(feature = "config"))]
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Option<Policy> {
        DialPolicy::from_bytes(bytes)
            .map_err(|e| RECORD.with_borrow_mut(|out| record::write_refusal(&e, out)))
            .ok()
            .map(Policy::from)
    }

    /// A short stable hash of what the policy decides.
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint()
    }

    /// Checks the first `len` units of the input buffer and writes the
    /// record (see [`record`]).
    pub fn check(&self, len: usize) {
        let d = with_input(len, |dial| self.inner.check_utf16(dial));
        RECORD.with_borrow_mut(|out| record::write(&d, out));
    }

    /// The verdict code (see [`record::verdict_code`]) of the first `len`
    /// units of the input buffer.
    pub fn verdict(&self, len: usize) -> u16 {
        record::verdict_code(with_input(len, |dial| self.inner.verdict_utf16(dial)))
    }

    /// The normalized allow list, its entries separated by spaces (none
    /// has one): the record's rule is an index of it. One string crosses
    /// where an array of strings would take a table slot each.
    #[wasm_bindgen(js_name = allowList)]
    pub fn allow_list(&self) -> String {
        self.inner.config().allow.join(" ")
    }
}

/// The build's code in [`instance`]: the facade knows what it attached to.
const BUILD: u32 = if cfg!(feature = "admin") {
    1
} else if cfg!(feature = "config") {
    0
} else {
    2
};

/// What the facade needs of this instance when it attaches: the byte
/// addresses of the input buffer and of the record, the layout's
/// fingerprint, and the build: 0 for the check build, 1 for the admin
/// build, 2 for the light build.
#[wasm_bindgen]
pub fn instance() -> Vec<u32> {
    let input = INPUT.with_borrow(|b| b.as_ptr() as u32);
    let record = RECORD.with_borrow(|b| b.as_ptr() as u32);
    vec![input, record, record::FINGERPRINT, BUILD]
}

/// The region ids by the region index a record gives (`"001"` for a
/// non-geographic code), separated by spaces: the facade reads them from
/// the instance it attaches to rather than carrying a copy.
#[wasm_bindgen(js_name = regionIds)]
pub fn region_ids() -> String {
    let mut ids = String::new();
    for region in dialguard::Region::all() {
        if !ids.is_empty() {
            ids.push(' ');
        }
        ids.push_str(region.id());
    }
    ids
}

// The check and admin builds' exports (feature `config`).

/// The body of an admin call, or in the check build the error naming the fix.
#[cfg(feature = "config")]
macro_rules! admin {
    ($what:literal, $body:expr) => {{
        #[cfg(feature = "admin")]
        let result = $body;
        #[cfg(not(feature = "admin"))]
        let result = Err(interop::admin_only($what));
        result
    }};
}

#[cfg(feature = "config")]
#[wasm_bindgen]
impl Policy {
    /// Compiles a configuration (a plain object); throws a `DialguardError`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Policy, JsValue> {
        interop::policy_config(config)
            .and_then(DialPolicy::new)
            .map(Policy::from)
            .map_err(|e| interop::dialguard_error(&e))
    }

    /// Compiles a policy's JSON text (a key given twice is refused);
    /// throws a `DialguardError`. In the admin build: a JSON reader is
    /// 5 KB gzip that a softphone need not load.
    #[wasm_bindgen(js_name = fromJSON)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn from_json(text: &str) -> Result<Policy, JsValue> {
        admin!(
            "DialPolicy.fromJSON()",
            DialPolicy::from_json(text)
                .map(Policy::from)
                .map_err(|e| interop::dialguard_error(&e))
        )
    }

    /// What compiled bytes were compiled from, whichever numbering data, in
    /// this format or the two before (`DialPolicy::compiled_from`):
    /// `{ config, dataVersion }`; throws a
    /// `DialguardError` for bytes that are not whole and unchanged. In the
    /// admin build: services need it, softphones do not.
    #[wasm_bindgen(js_name = compiledFrom)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn compiled_from(bytes: &[u8]) -> Result<JsValue, JsValue> {
        admin!("DialPolicy.compiledFrom()", {
            let from = DialPolicy::compiled_from(bytes).map_err(|e| interop::dialguard_error(&e))?;
            interop::to_js(&from)
        })
    }

    /// The compiled policy's bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// The normalized configuration.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        interop::to_js(self.inner.config())
    }

    /// The policy's weak spots, warnings first.
    pub fn lint(&self) -> Result<JsValue, JsValue> {
        admin!("lint()", interop::to_js(&self.inner.lint()))
    }

    /// What saving `proposed` (a configuration) in place of this policy
    /// would change, and how `call_log` (an array of dials) would be judged
    /// differently.
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn diff(&self, proposed: JsValue, call_log: Option<Array>) -> Result<JsValue, JsValue> {
        admin!("diff()", {
            let proposed = Policy::new(proposed)?;
            self.diff_with(&proposed, call_log)
        })
    }

    /// [`Policy::diff`] with a compiled policy: a draft compiled once
    /// serves its checks and its preview.
    #[wasm_bindgen(js_name = diffPolicy)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn diff_policy(&self, proposed: &Policy, call_log: Option<Array>) -> Result<JsValue, JsValue> {
        admin!("diff()", self.diff_with(proposed, call_log))
    }

    #[cfg(feature = "admin")]
    fn diff_with(&self, proposed: &Policy, call_log: Option<Array>) -> Result<JsValue, JsValue> {
        let log = call_log.map(|log| interop::strings(&log, "callLog")).transpose()?;
        let dials: Option<Vec<&str>> = log.as_ref().map(|log| log.iter().map(String::as_str).collect());
        interop::to_js(&self.inner.diff(&proposed.inner, dials.as_deref()))
    }

    /// The catalog indices of the regions that match `query`, best first,
    /// a number read as this policy reads a dial.
    #[wasm_bindgen(js_name = searchRegions)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn search_regions(&self, query: &str, limit: Option<u32>) -> Result<Vec<u32>, JsValue> {
        admin!("searchRegions()", {
            let found = self.inner.search_regions(query, limit.map(|l| l as usize));
            Ok(found.iter().map(|r| r.index() as u32).collect())
        })
    }

    /// What the policy allows of each region, in the order of `regions()`.
    pub fn coverage(&self) -> Result<JsValue, JsValue> {
        admin!("coverage()", interop::to_js(&self.inner.coverage()))
    }

    /// The entries of `blockNumberTypes` that block a number of the type
    /// named (the facade checks the name).
    #[wasm_bindgen(js_name = typesBlocking)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn types_blocking(&self, number_type: &str) -> Result<Vec<String>, JsValue> {
        admin!("typesBlocking()", {
            let blocking = NumberType::from_name(number_type).map(|t| self.inner.types_blocking(t));
            Ok(blocking.unwrap_or_default().iter().map(|t| t.as_str().into()).collect())
        })
    }

    /// Where a dial this policy leaves unchecked goes: the Decision of
    /// [`DialPolicy::with_national_judging`] when it reads the dial in
    /// national format across a border; undefined otherwise.
    #[wasm_bindgen(js_name = nationalReach)]
    #[cfg_attr(not(feature = "admin"), allow(unused_variables))]
    pub fn national_reach(&self, dialed: &str) -> Result<JsValue, JsValue> {
        admin!("nationalReach()", {
            let judging = self.judging_national.get_or_init(|| self.inner.with_national_judging());
            match judging.as_ref().map(|p| p.check(dialed)) {
                Some(d)
                    if d.national_format()
                        && d.calling_code().is_some()
                        && self.inner.verdict(dialed) == Verdict::NotInternational =>
                {
                    interop::to_js(&d)
                }
                _ => Ok(JsValue::UNDEFINED),
            }
        })
    }
}

/// The check record's layout (see [`record::Layout`]), which the build
/// reads from the admin build for the facade's constants.
#[cfg(feature = "config")]
#[wasm_bindgen]
pub fn layout() -> Result<JsValue, JsValue> {
    admin!("layout()", interop::to_js(&record::Layout::new()))
}

/// Every region and non-geographic code (`RegionInfo` objects).
#[cfg(feature = "config")]
#[wasm_bindgen]
pub fn regions() -> Result<JsValue, JsValue> {
    admin!("regions()", {
        let all: Vec<_> = dialguard::regions().map(dialguard::Region::info).collect();
        interop::to_js(&all)
    })
}

/// The catalog indices of the regions that match `query`, best first.
#[cfg(feature = "config")]
#[wasm_bindgen(js_name = searchRegions)]
#[cfg_attr(not(feature = "admin"), allow(unused_variables))]
pub fn search_regions(query: &str, limit: Option<u32>) -> Result<Vec<u32>, JsValue> {
    admin!("searchRegions()", {
        let found = dialguard::search_regions(query, limit.map(|l| l as usize));
        Ok(found.iter().map(|r| r.index() as u32).collect())
    })
}

/// One allow entry, normalized (`"ar"` -> `"AR"`); throws a
/// `DialguardError` (path empty) for one a policy would refuse.
#[cfg(feature = "config")]
#[wasm_bindgen(js_name = parseAllowEntry)]
#[cfg_attr(not(feature = "admin"), allow(unused_variables))]
pub fn parse_allow_entry(entry: &str) -> Result<String, JsValue> {
    admin!(
        "parseAllowEntry()",
        dialguard::parse_allow_entry(entry).map_err(|e| interop::dialguard_error(&e))
    )
}

/// What one allow entry reaches (calling code, leading digits, regions,
/// number type); throws a `DialguardError` (path empty) for one a policy
/// would refuse.
#[cfg(feature = "config")]
#[wasm_bindgen(js_name = allowEntryReach)]
#[cfg_attr(not(feature = "admin"), allow(unused_variables))]
pub fn allow_entry_reach(entry: &str) -> Result<JsValue, JsValue> {
    admin!("allowEntryReach()", {
        let reach = dialguard::allow_entry_reach(entry).map_err(|e| interop::dialguard_error(&e))?;
        interop::to_js(&reach)
    })
}

/// The number types lint recommends blocking.
#[cfg(feature = "config")]
#[wasm_bindgen(js_name = recommendedBlockedTypes)]
pub fn recommended_blocked_types() -> Result<Vec<String>, JsValue> {
    admin!(
        "recommendedBlockedTypes()",
        Ok(dialguard::recommended_blocked_types()
            .iter()
            .map(|t| String::from(t.as_str()))
            .collect())
    )
}

/// The international prefixes of a home region, preferred first; throws a
/// `DialguardError` for an unknown region.
#[cfg(feature = "config")]
#[wasm_bindgen(js_name = suggestPrefixes)]
pub fn suggest_prefixes(home_region: &str) -> Result<Vec<String>, JsValue> {
    dialguard::suggest_prefixes(home_region).map_err(|e| interop::dialguard_error(&e))
}
