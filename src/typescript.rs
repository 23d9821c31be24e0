//! The TypeScript declarations of every type that crosses into JavaScript,
//! derived by tsify from the Rust types and their serde attributes: `cargo
//! xtask gen-types` writes them into `js/types.d.ts` (and `--check` fails
//! when that file is stale).

use alloc::vec::Vec;

use tsify::Tsify;

/// The declarations, one `export` each, in a stable order.
pub fn declarations() -> Vec<&'static str> {
    Vec::from([
        crate::PolicyConfig::DECL,
        crate::CompiledFrom::DECL,
        crate::SharedCodes::DECL,
        crate::Verdict::DECL,
        crate::Reason::DECL,
        crate::NumberType::DECL,
        crate::Validity::DECL,
        crate::decision::form::Decision::DECL,
        crate::decision::form::Reading::DECL,
        crate::ReadingKind::DECL,
        crate::ConfigErrorKind::DECL,
        crate::Severity::DECL,
        crate::WarningKind::DECL,
        crate::PolicyFix::DECL,
        crate::PolicyWarning::DECL,
        crate::Destination::DECL,
        crate::SideEffect::DECL,
        crate::CallLogChange::DECL,
        crate::CallLogDiff::DECL,
        crate::ChangeKind::DECL,
        crate::Outcome::DECL,
        crate::Change::DECL,
        crate::DiffSummary::DECL,
        crate::PolicyDiff::DECL,
        crate::EntryReach::DECL,
        crate::RegionKind::DECL,
        crate::RegionNumberType::DECL,
        crate::RegionInfo::DECL,
        crate::Extent::DECL,
        crate::Coverage::DECL,
    ])
}
