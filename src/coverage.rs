//! What a policy allows of each region, for the settings page's table: the
//! engine's own reading of the allow list, so that no page re-implements it.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::allow::{AllowEntry, AllowTarget};
use crate::config::SharedCodes;
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

    /// The most a dial to the region can get: its own entry, its calling
    /// code's, a region it shares the code with (`"together"`), or entries
    /// with national digits, which reach the regions that can own numbers
    /// starting with them (all of a region when they cover each of its
    /// ranges).
    pub(crate) fn extent(&self, region: Region) -> (Extent, Option<Reason>, Vec<String>, Vec<String>) {
        if !self.config().enabled {
            return (Extent::All, Some(Reason::ProtectionDisabled), Vec::new(), Vec::new());
        }
        let texts = |entries: &[&AllowEntry]| entries.iter().map(|e| e.as_str().into()).collect();
        let matching = |pick: &dyn Fn(AllowTarget) -> bool| -> Vec<&AllowEntry> {
            self.allow_entries().iter().filter(|e| pick(e.target)).collect()
        };
        let own = matching(&|t| t == AllowTarget::Region(region));
        if !own.is_empty() {
            return (Extent::All, Some(Reason::RegionAllowed), texts(&own), Vec::new());
        }
        let Some(code) = region.code() else {
            return (Extent::None, None, Vec::new(), Vec::new());
        };
        let whole_code = matching(&|t| t == AllowTarget::Code(code));
        if !whole_code.is_empty() {
            return (Extent::All, Some(Reason::CodeAllowed), texts(&whole_code), Vec::new());
        }
        let together = self.config().shared_codes == SharedCodes::Together;
        let shared = matching(&|t| matches!(t, AllowTarget::Region(r) if code.regions().contains(r)));
        if together && !shared.is_empty() {
            return (Extent::All, Some(Reason::SharedCodeAllowed), texts(&shared), Vec::new());
        }
        // By region: the ranges it shares with an allowed region.
        let shared_ranges = match together || shared.is_empty() {
            true => Vec::new(),
            false => region.ranges_shared_with(self.allowed_regions()),
        };
        let mut ranges = matching(&|t| t == AllowTarget::Range(code));
        ranges.retain(|e| code.candidates(e.national_digits()).contains(region));
        if ranges.is_empty() {
            if shared_ranges.is_empty() {
                return (Extent::None, None, Vec::new(), Vec::new());
            }
            return (Extent::Some, Some(Reason::RegionAllowed), texts(&shared), shared_ranges);
        }
        let leading = region.leading_digits();
        let whole = !leading.is_empty()
            && leading
                .iter()
                .all(|l| ranges.iter().any(|e| l.as_bytes().starts_with(e.national_digits())));
        let extent = if whole { Extent::All } else { Extent::Some };
        let mut by: Vec<String> = texts(&ranges);
        if !shared_ranges.is_empty() {
            by.extend(shared.iter().map(|e| String::from(e.as_str())));
        }
        (extent, Some(Reason::RangeAllowed), by, shared_ranges)
    }
}
