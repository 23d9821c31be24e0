//! Number-type tiers a policy lets through: which types of which regions'
//! numbers can be allowed, for lint and the diff.

use alloc::vec::Vec;

use crate::data::Region;
use crate::number_type::NumberType;
use crate::policy::DialPolicy;
use crate::rules::Walk;
use crate::text::decimal;

impl DialPolicy {
    /// Each (type, region) of [`Region::number_types`] whose range some
    /// allowed dial reaches, in catalog order: a region allowed (or its
    /// calling code), and the type not blocked or an entry with national
    /// digits covering it.
    pub(crate) fn reachable_types(&self) -> Vec<(NumberType, Region, &'static str)> {
        let mut out = Vec::new();
        for region in Region::all() {
            let code = decimal(u64::from(region.calling_code()));
            for t in region.number_types() {
                let mut digits = Vec::from(code.as_bytes());
                digits.extend(t.prefix.bytes());
                let (walk, _) = self.rules().walk(&digits);
                if matches!(
                    walk,
                    Walk::Allowed
                        | Walk::Incomplete {
                            can_be_allowed: true,
                            ..
                        }
                ) {
                    out.push((t.number_type, region, t.prefix));
                }
            }
        }
        out
    }
}
