//! Preview before save: what changes between the saved policy and an
//! edited one (docs/contract.md §2 item 5).

use alloc::{string::String, vec, vec::Vec};

use serde::Serialize;

use crate::allow::AllowTarget;
use crate::config::SharedCodes;
use crate::data::{CallingCode, Region};
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::reason::Verdict;
use crate::rules::Rules;
use crate::text::serialize_code;

/// Destinations of one calling code that changed, with the national-digit
/// ranges (empty: the whole code).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Destination {
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    /// The regions that can own numbers in these ranges, main region first.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub regions: Vec<Region>,
    /// National-digit prefixes; empty (and left out) when the whole calling
    /// code changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
}

/// A region toggled on that drags in others: in `"together"` mode the rest
/// of its calling code; in `"by-region"` mode the numbers of other regions
/// in the ranges it shares with them (Guernsey's `909` premium-rate numbers
/// are the United Kingdom's too).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SideEffect {
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode"))]
    pub region: Region,
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub also_allows: Vec<Region>,
    /// `"by-region"`: the national-digit ranges of `also_allows` that the
    /// region shares with them; left out in `"together"` mode (all of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
}

/// How a call log would be judged differently.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CallLogDiff {
    pub total: usize,
    pub changed: usize,
    /// The dials whose verdict changes, in log order.
    pub items: Vec<CallLogChange>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CallLogChange {
    pub dialed: String,
    pub before: Verdict,
    pub after: Verdict,
}

/// Numbers of one type, of one calling code, that became callable or
/// stopped being (the type's range of each region, as
/// [`Region::number_types`] gives it, is judged).
///
/// ```
/// use dialguard::{DialPolicy, NumberType};
///
/// let saved = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["LV"]}"#)?;
/// let proposed = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["LV"], "blockNumberTypes": ["premium-rate"]}"#)?;
/// let diff = saved.diff(&proposed, None);
/// assert!(diff.gained.is_empty() && diff.lost.is_empty()); // the same destinations
/// assert_eq!(diff.types_lost[0].number_type, NumberType::PremiumRate);
/// assert_eq!((diff.types_lost[0].calling_code, diff.types_lost[0].regions[0].id()), (371, "LV"));
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TypeTier {
    pub number_type: NumberType,
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub regions: Vec<Region>,
}

/// The difference between a saved policy and a proposed one.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PolicyDiff {
    /// Destinations that become callable (the allow list, whatever the
    /// number types).
    pub gained: Vec<Destination>,
    pub lost: Vec<Destination>,
    pub side_effects: Vec<SideEffect>,
    /// Number types that become callable, where: premium rate in Latvia
    /// when Latvia is allowed, or when `premium-rate` is no longer blocked.
    pub types_gained: Vec<TypeTier>,
    pub types_lost: Vec<TypeTier>,
    /// Given a call log: how it would be judged differently.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_log: Option<CallLogDiff>,
}

impl DialPolicy {
    /// What saving `proposed` in place of `self` would change.
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let saved = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#)?;
    /// let proposed = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR", "CA"]}"#)?;
    /// let diff = saved.diff(&proposed, Some(&["00 1 876 555 0123", "00 54 11 1234 5678"]));
    ///
    /// assert_eq!(diff.gained[0].calling_code, 1);
    /// assert_eq!(diff.gained[0].regions.len(), 25);              // all of +1
    /// assert_eq!(diff.side_effects[0].region.id(), "CA");
    /// assert!(diff.side_effects[0].also_allows.iter().any(|r| r.id() == "JM"));
    /// let log = diff.call_log.unwrap();
    /// assert_eq!((log.total, log.changed), (2, 1));
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn diff(&self, proposed: &DialPolicy, call_log: Option<&[&str]>) -> PolicyDiff {
        let mut gained = Vec::new();
        let mut lost = Vec::new();
        let (before, after) = (self.untyped_rules(), proposed.untyped_rules());
        for code in CallingCode::all() {
            let (up, down) = before.compare(&after, code);
            group(code, up, &mut gained);
            group(code, down, &mut lost);
        }
        let (reachable_before, reachable_after) = (self.reachable_types(), proposed.reachable_types());
        PolicyDiff {
            gained,
            lost,
            side_effects: self.side_effects(proposed, &before, &after),
            types_gained: tiers(&reachable_after, &reachable_before),
            types_lost: tiers(&reachable_before, &reachable_after),
            call_log: call_log.map(|log| {
                // A plain loop: `filter_map` and `collect` cost the WebAssembly more.
                let mut items = Vec::new();
                for &dialed in log {
                    let (before, after) = (self.verdict(dialed), proposed.verdict(dialed));
                    if before != after {
                        items.push(CallLogChange {
                            dialed: dialed.into(),
                            before,
                            after,
                        });
                    }
                }
                CallLogDiff {
                    total: log.len(),
                    changed: items.len(),
                    items,
                }
            }),
        }
    }

    /// Regions allowed in `proposed` that drag in others: in `"together"`
    /// mode, the rest of a calling code not wholly allowed here; in
    /// `"by-region"` mode, the numbers of other regions in ranges they
    /// share, not allowed here.
    fn side_effects(&self, proposed: &DialPolicy, before: &Rules, after: &Rules) -> Vec<SideEffect> {
        if !proposed.config().enabled {
            return Vec::new();
        }
        let together = proposed.config().shared_codes == SharedCodes::Together;
        let mut out = Vec::new();
        for entry in proposed.allow_entries() {
            let AllowTarget::Region(region) = entry.target else {
                continue;
            };
            let Some(code) = CallingCode::from_value(region.calling_code()) else {
                continue;
            };
            if together {
                let (_, lost) = after.compare(before, code);
                let already_whole = lost.is_empty();
                if already_whole {
                    continue;
                }
                let also_allows = region.shared_with_except(proposed.allowed_regions());
                if !also_allows.is_empty() {
                    out.push(SideEffect {
                        region,
                        calling_code: code.value(),
                        also_allows,
                        leading_digits: Vec::new(),
                    });
                }
                continue;
            }
            // By region: the shared ranges newly allowed.
            let mut also_allows = Vec::new();
            let mut leading_digits = Vec::new();
            for other in region.shared_with_except(proposed.allowed_regions()) {
                let was = other.ranges_shared_with(self.allowed_regions());
                let mut now = other.ranges_shared_with(proposed.allowed_regions());
                now.retain(|r| !was.contains(r) && !self.allowed_regions().contains(other));
                if now.is_empty() {
                    continue;
                }
                also_allows.push(other);
                for r in now {
                    if !leading_digits.contains(&r) {
                        leading_digits.push(r);
                    }
                }
            }
            if !also_allows.is_empty() {
                out.push(SideEffect {
                    region,
                    calling_code: code.value(),
                    also_allows,
                    leading_digits,
                });
            }
        }
        out
    }
}

/// The (type, region) pairs of `these` that `those` lacks, by type and
/// calling code, in the order of [`NumberType::ALL`] then catalog order.
fn tiers(these: &[(NumberType, Region, &'static str)], those: &[(NumberType, Region, &'static str)]) -> Vec<TypeTier> {
    let mut out: Vec<TypeTier> = Vec::new();
    for &number_type in NumberType::ALL {
        for &(t, region, prefix) in these {
            if t != number_type || those.contains(&(t, region, prefix)) {
                continue;
            }
            let calling_code = region.calling_code();
            match out
                .iter_mut()
                .find(|tier| tier.number_type == t && tier.calling_code == calling_code)
            {
                Some(tier) => tier.regions.push(region),
                None => out.push(TypeTier {
                    number_type,
                    calling_code,
                    regions: vec![region],
                }),
            }
        }
    }
    out
}

/// Groups changed prefixes of one code by the regions that own them.
fn group(code: CallingCode, prefixes: Vec<String>, out: &mut Vec<Destination>) {
    let first = out.len();
    for prefix in prefixes {
        let regions: Vec<Region> = code.candidates(prefix.as_bytes()).iter().collect();
        let whole = prefix.is_empty();
        match out
            .get_mut(first..)
            .and_then(|group| group.iter_mut().find(|d| d.regions == regions))
        {
            Some(d) if !whole => d.leading_digits.push(prefix),
            _ => out.push(Destination {
                calling_code: code.value(),
                regions,
                leading_digits: if whole { Vec::new() } else { vec![prefix] },
            }),
        }
    }
}
