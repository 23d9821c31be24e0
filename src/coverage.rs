//! What a policy allows of each region, for the settings page's table: the
//! engine's own reading of the allow list, so that no page re-implements it.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::allow::{AllowEntry, AllowTarget};
use crate::data::Region;
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::reason::Reason;
use crate::text::serialize_code;

named_enum! {
    /// How much of a region's numbers a policy allows.
    pub enum Extent: as_str {
        /// Every number.
        All = "all",
        /// Some numbers: those an entry with national digits covers.
        Some = "some",
        /// None.
        None = "none",
    }
}

/// What a policy allows of one region (or non-geographic code).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Coverage {
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub region: Region,
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    pub allowed: Extent,
    /// How much of it the allow list reaches, number types aside: `all`
    /// for a region allowed (or its calling code) whose premium-rate
    /// numbers are blocked.
    pub reached: Extent,
    /// How: the reason a dial to it gets (`"shared-code-allowed"` when
    /// another region of its calling code is allowed); none when nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub reason: Option<Reason>,
    /// The allow entries that cover (some of) it, as the normalized config
    /// spells them.
    pub by: Vec<String>,
    /// The number types of the region that `blockNumberTypes` blocks
    /// within what the entries allow (left out when none): with any, not
    /// all of it is allowed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub blocked_types: Vec<NumberType>,
    /// `"by-region"`: national-digit ranges of the region that an allowed
    /// region can own too, and so are allowed (the United Kingdom's `909`
    /// premium-rate numbers, which Guernsey shares); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub shared_ranges: Vec<String>,
}

impl DialPolicy {
    /// What the policy allows of each region and non-geographic code, in
    /// the order of [`crate::regions`].
    ///
    /// ```
    /// use dialguard::{DialPolicy, Extent, Region};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["CA", "+1876"]}"#)?;
    /// let of = |id| policy.coverage().into_iter().find(|c| c.region == Region::from_id(id).unwrap()).unwrap();
    /// assert_eq!((of("CA").allowed, of("CA").by.as_slice()), (Extent::All, &["CA".to_string()][..]));
    /// assert_eq!(of("US").reason.map(|r| r.as_str()), Some("shared-code-allowed")); // "together"
    /// assert_eq!(of("GB").allowed, Extent::None);
    ///
    /// // Number types blocked inside an allowed region: not all of it.
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["GB"], "blockNumberTypes": ["premium-rate"]}"#)?;
    /// let gb = policy.coverage().into_iter().find(|c| c.region == Region::from_id("GB").unwrap()).unwrap();
    /// assert_eq!((gb.allowed, gb.blocked_types.iter().map(|t| t.as_str()).collect::<Vec<_>>()), (Extent::Some, vec!["premium-rate"]));
    /// assert_eq!(gb.reached, Extent::All); // the allow list reaches all of it
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn coverage(&self) -> Vec<Coverage> {
        Region::all().map(|r| self.coverage_of(r)).collect()
    }

    fn coverage_of(&self, region: Region) -> Coverage {
        let (reached, reason, by, shared_ranges) = self.extent(region);
        let mut allowed = reached;
        // An entry with national digits wins over a type block; protection
        // off blocks nothing.
        let typed = matches!(
            reason,
            Some(Reason::RegionAllowed | Reason::CodeAllowed | Reason::SharedCodeAllowed)
        );
        let blocked_types: Vec<NumberType> = if typed && !self.config().block_number_types.is_empty() {
            let blocks = |t: NumberType| self.config().block_number_types.iter().any(|b| b == t.as_str());
            region
                .number_types()
                .into_iter()
                .map(|t| t.number_type)
                .filter(|&t| blocks(t))
                .collect()
        } else {
            Vec::new()
        };
        if !blocked_types.is_empty() {
            allowed = Extent::Some;
        }
        Coverage {
            region,
            calling_code: region.calling_code(),
            allowed,
            reached,
            reason,
            by,
            blocked_types,
            shared_ranges,
        }
    }

    /// The most a dial to the region can get: the entries that cover all
    /// of it (its own, its calling code's, or in `"together"` a region it
    /// shares the code with), else the entries with national digits, which
    /// reach the regions that can own numbers starting with them (all of a
    /// region when they cover each of its ranges), and in `"by-region"` the
    /// ranges it shares with an allowed region.
    pub(crate) fn extent(&self, region: Region) -> (Extent, Option<Reason>, Vec<String>, Vec<String>) {
        if !self.config().enabled {
            return (Extent::All, Some(Reason::ProtectionDisabled), Vec::new(), Vec::new());
        }
        let Some(code) = region.code() else {
            return (Extent::None, None, Vec::new(), Vec::new());
        };
        let list = self.allow_list();
        let texts = |entries: &[&AllowEntry]| entries.iter().map(|e| e.as_str().into()).collect();
        let covers = |e: &AllowEntry| list.cover(e, code, &[], |r| r == region);
        if let Some(best) = list.entries().iter().filter_map(covers).max() {
            let by: Vec<&AllowEntry> = list.entries().iter().filter(|e| covers(e) == Some(best)).collect();
            return (Extent::All, Some(best.reason()), texts(&by), Vec::new());
        }
        let shared_ranges = list.shared_ranges(region);
        let mut ranges: Vec<&AllowEntry> = list
            .entries()
            .iter()
            .filter(|e| e.target == AllowTarget::Range(code) && code.candidates(e.national_digits()).contains(region))
            .collect();
        if !shared_ranges.is_empty() {
            ranges.extend(
                list.entries()
                    .iter()
                    .filter(|e| matches!(e.target, AllowTarget::Region(r) if code.regions().contains(r))),
            );
        }
        let reason = match ranges.first().map(|e| e.target) {
            None => return (Extent::None, None, Vec::new(), Vec::new()),
            Some(AllowTarget::Range(_)) => Reason::RangeAllowed,
            Some(_) => Reason::RegionAllowed,
        };
        let leading = region.leading_digits();
        let whole = !leading.is_empty()
            && leading.iter().all(|l| {
                ranges
                    .iter()
                    .any(|e| e.target == AllowTarget::Range(code) && l.as_bytes().starts_with(e.national_digits()))
            });
        let extent = if whole { Extent::All } else { Extent::Some };
        (extent, Some(reason), texts(&ranges), shared_ranges)
    }
}
