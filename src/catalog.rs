//! The region catalog: what the settings page lists and searches, and the
//! international prefixes to suggest for a home region.

use alloc::{string::String, vec, vec::Vec};

use serde::Serialize;

use crate::data::{fold_letter, CallingCode, CodeMatch, RangeNode, RangeStep, Region, RegionBits, RegionSet};
use crate::dial::{tokenize_str, Tokens};
use crate::error::ConfigError;
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::prefix::PrefixSet;
use crate::text::serialize_code;

impl Region {
    /// The other regions on the same calling code, main region first:
    /// for Canada, the United States and the 23 other +1 members.
    pub fn shared_with(self) -> impl Iterator<Item = Region> {
        let members = self.code().map(CallingCode::regions).unwrap_or_default();
        members.iter().filter(move |&r| r != self)
    }

    /// [`shared_with`](Self::shared_with) but the regions in `skip`, for
    /// lint and diff (one loop rather than a `filter` and `collect` each).
    pub(crate) fn shared_with_except(self, skip: &RegionBits) -> Vec<Region> {
        let mut out = Vec::new();
        for r in self.shared_with() {
            if !skip.contains(r) {
                out.push(r);
            }
        }
        out
    }

    /// The national-digit ranges that identify the region within a shared
    /// calling code (Jamaica: `["658", "876"]`); empty for a code of its own.
    /// A range shared with other regions (toll-free `800` on +1) is listed
    /// for each of them.
    pub fn leading_digits(self) -> Vec<String> {
        self.ranges_where(&|set| set.contains(self))
    }

    /// The region's national-digit ranges that an allowed region can own
    /// too, so that `"by-region"` allows them (Guernsey's `909` premium-rate
    /// and `70` personal numbers are the United Kingdom's as well).
    pub(crate) fn ranges_shared_with(self, allowed: &RegionBits) -> Vec<String> {
        // A range's candidates are regions of its calling code: with none of
        // them allowed (most regions, in any policy) there is nothing to walk.
        if !self.code().is_some_and(|code| allowed.any(code.regions())) {
            return Vec::new();
        }
        self.ranges_where(&|set| set.contains(self) && allowed.any(set))
    }

    /// The shortest national-digit prefixes of the region's calling code
    /// below which every candidate set is `wanted`.
    fn ranges_where(self, wanted: &dyn Fn(RegionSet) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(code) = self.code().filter(|c| c.regions().len() > 1) {
            let mut collector = RangeCollector {
                wanted,
                seen: vec![None; RangeNode::COUNT],
            };
            collector.collect(code.ranges(), &mut String::new(), &mut out);
        }
        out
    }

    /// The number types the region has, each with the leading digits of
    /// its example number at which the type is decided: Latvia has
    /// fixed-line `6…`, mobile `21…`, toll-free `80…`, premium-rate `90…`
    /// and shared-cost `81…` numbers. From libphonenumber's per-type
    /// patterns.
    ///
    /// ```
    /// use dialguard::{NumberType, Region};
    ///
    /// let latvia = Region::from_id("LV").unwrap();
    /// let types = latvia.number_types();
    /// let premium = types.iter().find(|t| t.number_type == NumberType::PremiumRate).unwrap();
    /// assert_eq!(premium.prefix, "90");
    /// ```
    pub fn number_types(self) -> Vec<RegionNumberType> {
        let mut out = Vec::new();
        for (bit, prefix) in self.type_ranges() {
            let found = NumberType::ALL.iter().find(|t| t.bits().0 == 1 << bit);
            if let Some(&number_type) = found {
                out.push(RegionNumberType { number_type, prefix });
            }
        }
        out
    }

    /// Every international prefix the region uses as literal digits,
    /// preferred first: Mexico `["00", "09"]`, China 2,101 of them. Empty for
    /// non-geographic codes.
    pub fn international_prefixes(self) -> Vec<String> {
        let Some(pattern) = self.international_prefix_pattern() else {
            return Vec::new();
        };
        let mut literals = PrefixSet::from_pattern(pattern).literals();
        if let Some(preferred) = self.international_prefix() {
            if let Some(i) = literals.iter().position(|p| p == preferred) {
                let p = literals.remove(i);
                literals.insert(0, p);
            }
        }
        literals
    }
}

/// A number type of a region (see [`Region::number_types`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RegionNumberType {
    #[serde(rename = "type")]
    pub number_type: NumberType,
    /// National digits that start numbers of the type: a range of it (the
    /// one its example number is in), such as `"9"` for premium rate in
    /// Latvia; empty when every number of the code is of the type.
    pub prefix: &'static str,
}

/// Finds the maximal national-digit prefixes whose every leaf holds a
/// region. Range tries share subtrees, so answers are kept per node.
struct RangeCollector<'w> {
    /// Which candidate sets are collected.
    wanted: &'w dyn Fn(RegionSet) -> bool,
    /// Per range node: (some leaf below is wanted, every leaf is).
    seen: Vec<Option<(bool, bool)>>,
}

impl RangeCollector<'_> {
    fn holds(&mut self, step: RangeStep) -> (bool, bool) {
        let node = match step {
            RangeStep::Leaf(set) => return ((self.wanted)(set), (self.wanted)(set)),
            RangeStep::Node(node) => node,
        };
        if let Some(Some(known)) = self.seen.get(node.index()) {
            return *known;
        }
        let (mut some, mut every) = (false, true);
        for digit in 0..10 {
            let (s, e) = self.holds(node.child(digit));
            some |= s;
            every &= e;
        }
        if let Some(slot) = self.seen.get_mut(node.index()) {
            *slot = Some((some, every));
        }
        (some, every)
    }

    fn collect(&mut self, step: RangeStep, prefix: &mut String, out: &mut Vec<String>) {
        match self.holds(step) {
            (_, true) => out.push(prefix.clone()),
            (false, _) => {}
            (true, false) => {
                if let RangeStep::Node(node) = step {
                    let len = prefix.len();
                    for digit in 0..10u8 {
                        prefix.push(char::from(b'0' + digit));
                        self.collect(node.child(digit), prefix, out);
                        prefix.truncate(len);
                    }
                }
            }
        }
    }
}

/// Every region and non-geographic code: regions by ISO code, then the
/// non-geographic codes by calling code.
pub fn regions() -> impl ExactSizeIterator<Item = Region> + Clone {
    Region::all()
}

named_enum! {
    /// Whether a [`RegionInfo`] is a region or a non-geographic code.
    pub enum RegionKind: as_str {
        /// A country or territory.
        Geographic = "geographic",
        /// A calling code of its own with no territory (+800, +881, ...).
        NonGeographic = "non-geographic",
    }
}

/// A region as a settings page lists it (docs/contract.md §5, `RegionInfo`).
///
/// ```
/// let jm = dialguard::Region::from_id("JM").unwrap().info();
/// assert_eq!((jm.name, jm.calling_code), ("Jamaica", 1));
/// assert_eq!(jm.leading_digits, ["658", "876"]);
/// assert_eq!(jm.international_prefix, Some("011"));
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RegionInfo {
    /// ISO 3166-1 alpha-2 (`"AR"`), or `"001"` for a non-geographic code.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub region: Region,
    /// English short name (`"Argentina"`, `"International Networks"`).
    pub name: &'static str,
    /// Digits only: `"54"`, `"1"`, `"881"`.
    #[serde(serialize_with = "serialize_code")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub calling_code: u16,
    /// Other regions on the same calling code, main region first.
    #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
    pub shared_with: Vec<Region>,
    /// National ranges that identify it within a shared code (left out
    /// for a code of its own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub leading_digits: Vec<String>,
    /// Its preferred international prefix (`"00"`, `"011"`); none for `"001"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub international_prefix: Option<&'static str>,
    pub kind: RegionKind,
    /// The number types it has, each with a range of it (see
    /// [`Region::number_types`]).
    pub number_types: Vec<RegionNumberType>,
}

impl Region {
    /// What the catalog says of the region.
    pub fn info(self) -> RegionInfo {
        RegionInfo {
            region: self,
            name: self.name(),
            calling_code: self.calling_code(),
            shared_with: self.shared_with().collect(),
            leading_digits: self.leading_digits(),
            international_prefix: self.international_prefix(),
            kind: if self.is_geographic() {
                RegionKind::Geographic
            } else {
                RegionKind::NonGeographic
            },
            number_types: self.number_types(),
        }
    }
}

/// Finds regions for a search box, best match first. A query that is a
/// number (digits, perhaps after a `+`, formatted as a dial may be:
/// `"+44 20"`, `"1 876 555"`, `"54"`) is read as a calling code and
/// national digits: the regions that can own numbers starting with them
/// first, then the other regions of the code; digits that only start a
/// calling code list the codes they start. Otherwise an exact ISO code,
/// then names (or aliases: "USA", "UK", "Holy See") equal to the query,
/// then starting with it, then with a word starting with it, then
/// containing it, the closest name first within each. Case, accents and
/// punctuation are ignored. `limit` caps the number of results.
/// [`DialPolicy::search_regions`] reads a dial with a policy's
/// international prefixes too (`"0054"`).
///
/// ```
/// use dialguard::search_regions;
///
/// let ids = |q| search_regions(q, Some(3)).iter().map(|r| r.id()).collect::<Vec<_>>();
/// assert_eq!(ids("curacao"), ["CW"]);
/// assert_eq!(ids("+54"), ["AR"]);
/// assert_eq!(ids("uk"), ["GB", "UA"]);   // alias "UK", then "Ukraine"
/// assert_eq!(ids("1"), ["US", "AG", "AI"]);
/// assert_eq!(ids("+1 876"), ["JM", "US", "AG"]); // Jamaica's numbers, then the rest of +1
/// assert_eq!(ids("states"), ["US", "FM"]);
/// ```
pub fn search_regions(query: &str, limit: Option<usize>) -> Vec<Region> {
    let mut found = match number_query(query) {
        Some((_, digits)) => number_search(&digits),
        None => name_search(query),
    };
    found.truncate(limit.unwrap_or(usize::MAX));
    found
}

impl DialPolicy {
    /// [`search_regions`], a number read as this policy reads a dial: after
    /// one of its international prefixes (`"0054"`, `"09 1 876"` from
    /// Mexico), the calling code and national digits that follow.
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX"}"#)?;
    /// let ids = |q| policy.search_regions(q, Some(2)).iter().map(|r| r.id()).collect::<Vec<_>>();
    /// assert_eq!(ids("0054"), ["AR"]);
    /// assert_eq!(ids("09 1 876 555"), ["JM", "US"]);
    /// assert_eq!(ids("mexico"), ["MX"]);
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn search_regions(&self, query: &str, limit: Option<usize>) -> Vec<Region> {
        let mut found = match number_query(query) {
            Some((false, digits)) => {
                let after = match self.prefixes().find(&digits).longest {
                    Some(len) if len < digits.len() => digits.get(len..).unwrap_or(&[]),
                    _ => &digits[..],
                };
                number_search(after)
            }
            Some((true, digits)) => number_search(&digits),
            None => name_search(query),
        };
        found.truncate(limit.unwrap_or(usize::MAX));
        found
    }
}

/// A query that is a number, read as the engine reads a dial (formatting
/// ignored, Unicode digits): whether it starts with `+`, and its digits.
fn number_query(query: &str) -> Option<(bool, Vec<u8>)> {
    let mut tokens = Tokens::new();
    tokenize_str(query, false, &mut tokens).ok()?;
    let t = tokens.as_slice();
    let plus = t.first() == Some(&b'+');
    let digits = t.get(usize::from(plus)..).unwrap_or(&[]);
    (!digits.is_empty() && digits.iter().all(u8::is_ascii_digit)).then(|| (plus, digits.to_vec()))
}

/// The regions a number's digits (after the international prefix) reach.
fn number_search(digits: &[u8]) -> Vec<Region> {
    let mut found = Vec::new();
    match CallingCode::match_digits(digits) {
        CodeMatch::Code(code, len) => {
            let owners = code.candidates(digits.get(len..).unwrap_or(&[]));
            for owning in [true, false] {
                for r in code.regions().iter() {
                    if owners.contains(r) == owning {
                        found.push(r);
                    }
                }
            }
        }
        // The codes the digits start, in order.
        _ => {
            for code in CallingCode::all() {
                if crate::text::decimal(u64::from(code.value()))
                    .as_bytes()
                    .starts_with(digits)
                {
                    for r in code.regions().iter() {
                        found.push(r);
                    }
                }
            }
        }
    }
    found
}

/// Regions by name, ISO code or alias, best match first.
fn name_search(query: &str) -> Vec<Region> {
    let folded = fold(query);
    let mut found = Vec::new();
    if folded.is_empty() {
        for r in Region::all() {
            found.push(r);
        }
        return found;
    }
    // Rank every region (and the length of its best-matching name), then
    // list them rank by rank, the closest name first (a word of "United
    // States" is more of a match for "states" than one of "Federated
    // States of Micronesia"), in name order. Plain loops: iterator
    // adapters cost the WebAssembly more.
    let mut ranks = Vec::new();
    for r in Region::all() {
        let mut rank = (NO_MATCH, usize::MAX);
        if r.is_geographic() && r.id().eq_ignore_ascii_case(&folded) {
            rank = (0, 0);
        }
        for name in r.names() {
            let name = fold(name);
            rank = rank.min((name_rank(&name, &folded), name.len()));
        }
        ranks.push(rank);
    }
    let mut by_rank = Vec::new();
    for rank in 0..NO_MATCH {
        by_rank.clear();
        for r in Region::by_name() {
            if let Some(&(rr, len)) = ranks.get(r.index()) {
                if rr == rank {
                    by_rank.push((len, r));
                }
            }
        }
        // Names that start with the query stay in name order; the others,
        // closest first (an insertion sort: short lists, and no sort code
        // in the WebAssembly).
        if rank >= 3 {
            for i in 1..by_rank.len() {
                let mut j = i;
                while j > 0 && by_rank.get(j - 1).map(|e| e.0) > by_rank.get(j).map(|e| e.0) {
                    by_rank.swap(j - 1, j);
                    j -= 1;
                }
            }
        }
        for &(_, r) in &by_rank {
            found.push(r);
        }
    }
    found
}

/// [`name_rank`] of a name that does not contain the query.
const NO_MATCH: u8 = 5;

/// 1: is the query; 2: starts with it; 3: a word starts with it; 4:
/// contains it; [`NO_MATCH`] otherwise. Both are [`fold`]ed.
fn name_rank(name: &str, query: &str) -> u8 {
    let (name, query) = (name.as_bytes(), query.as_bytes());
    let mut rank = NO_MATCH;
    for start in 0..name.len() {
        if name.get(start..).is_some_and(|rest| rest.starts_with(query)) {
            let here = match start {
                0 if name.len() == query.len() => 1,
                0 => 2,
                _ if name.get(start - 1) == Some(&b' ') => 3,
                _ => 4,
            };
            rank = rank.min(here);
        }
    }
    rank
}

/// Lowercase ASCII, Latin accents folded ("Curaçao" -> "curacao"), every
/// run of anything else one space ("St. Kitts & Nevis" -> "st kitts nevis").
fn fold(text: &str) -> String {
    let mut out = String::new();
    // Separators are written only once a letter or digit follows them.
    let mut separated = false;
    for c in text.chars() {
        match fold_letter(c).or_else(|| c.is_ascii_digit().then_some(c as u8)) {
            Some(b) => {
                if separated && !out.is_empty() {
                    out.push(' ');
                }
                separated = false;
                out.push(char::from(b));
            }
            None => separated = true,
        }
    }
    out
}

/// The international prefixes to configure for a PBX in `home_region`,
/// preferred first: `MX` -> `["00", "09"]`.
///
/// ```
/// assert_eq!(dialguard::suggest_prefixes("mx").unwrap(), ["00", "09"]);
/// assert_eq!(dialguard::suggest_prefixes("US").unwrap(), ["011"]);
/// assert!(dialguard::suggest_prefixes("XX").is_err());
/// ```
pub fn suggest_prefixes(home_region: &str) -> Result<Vec<String>, ConfigError> {
    let region = Region::from_id(home_region).ok_or_else(|| ConfigError::unknown_region("homeRegion", home_region))?;
    Ok(region.international_prefixes())
}
