//! dialguard: an "Allowed Country Codes" rule engine for phone systems.
//!
//! An admin chooses which countries and regions users may call
//! internationally; dialguard decides, for any dialed string, whether it is
//! an international call and whether its destination is allowed — as the
//! user types, before a policy is saved, and where the call is placed.
//!
//! ```
//! use dialguard::{DialPolicy, Verdict};
//!
//! let policy = DialPolicy::from_json(r#"{
//!     "homeRegion": "US",
//!     "allow": ["CA", "MX"],
//!     "sharedCodes": "by-region"
//! }"#)?;
//!
//! assert_eq!(policy.verdict("011 52 55 1234 5678"), Verdict::Allowed);   // Mexico
//! assert_eq!(policy.verdict("+1 416 555 0123"), Verdict::Allowed);       // Toronto
//! assert_eq!(policy.verdict("+1 876 555 0123"), Verdict::Blocked);       // Jamaica
//! assert_eq!(policy.verdict("+1 212 555 0123"), Verdict::Blocked);       // New York: US is not in allow
//!
//! let d = policy.check("tel:+1-876-555-0123");
//! assert_eq!(d.reason().as_str(), "not-allowed");
//! assert_eq!(d.regions().map(|r| r.id()).collect::<Vec<_>>(), ["JM"]);
//!
//! // As the user types: red at the first digit that makes the call impossible.
//! let typing = policy.check("+4");                                      // no +4x code is allowed
//! assert_eq!(typing.verdict(), Verdict::Incomplete);
//! assert_eq!(typing.can_be_allowed(), Some(false));
//! assert_eq!(policy.verdict("+1 21"), Verdict::Blocked);                // every 21x area code is US
//! # Ok::<(), dialguard::ConfigError>(())
//! ```
//!
//! See `ARCHITECTURE.md` for the map of modules and their invariants.

#![cfg_attr(not(test), no_std)]
#![deny(unsafe_code)]

extern crate alloc;

#[macro_use]
mod names;

mod allow;
mod catalog;
mod config;
mod coverage;
mod data;
mod decision;
mod dial;
mod dialing;
mod diff;
mod error;
mod input;
mod lint;
mod number_type;
mod policy;
mod prefix;
mod reason;
mod rules;
mod shape;
mod text;
mod tiers;
#[cfg(feature = "typescript")]
#[doc(hidden)]
pub mod typescript;
mod wire;

pub use allow::{allow_entry_reach, parse_allow_entry, EntryReach};
pub use catalog::{regions, search_regions, suggest_prefixes, RegionInfo, RegionKind, RegionNumberType};
pub use config::{PolicyConfig, SharedCodes};
pub use coverage::{Coverage, Extent};
pub use data::{Region, DATA_VERSION};
pub use decision::{Decision, Reading};
pub use dialing::ReadingKind;
pub use diff::{
    CallLogChange, CallLogDiff, Change, ChangeKind, Destination, DiffSummary, Outcome, PolicyDiff, SideEffect,
};
pub use error::{ConfigError, ConfigErrorKind};
pub use input::MAX_INPUT;
pub use lint::{recommended_blocked_types, PolicyFix, PolicyWarning, Severity, WarningKind};
pub use number_type::{NumberType, Validity};
pub use policy::{CompiledFrom, DialPolicy};
pub use reason::{Reason, Verdict};

/// The README's Rust example, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
