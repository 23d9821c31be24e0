//! Number types (docs/contract.md §2 item 11): what kind of line a number
//! reaches, from libphonenumber's per-type patterns.

use crate::data::TypeSet;

named_enum! {
    /// The type of a number, as libphonenumber classifies it.
    ///
    /// ```
    /// use dialguard::{DialPolicy, NumberType};
    ///
    /// let policy = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "allow": ["GB"]}"#)?;
    /// assert_eq!(policy.check("+44 7400 123456").number_type(), Some(NumberType::Mobile));
    /// assert_eq!(policy.check("+44 909 876 5432").number_type(), Some(NumberType::PremiumRate));
    /// assert_eq!(NumberType::from_name("premium-rate"), Some(NumberType::PremiumRate));
    /// assert_eq!(NumberType::PremiumRate.as_str(), "premium-rate");
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    #[non_exhaustive]
    pub enum NumberType: as_str {
        /// A fixed (landline) number.
        FixedLine = "fixed-line",
        /// A mobile number.
        Mobile = "mobile",
        /// Fixed-line and mobile numbers are not told apart (the United
        /// States and Canada, and ranges where the table does not separate
        /// them). Not a `blockNumberTypes` entry: blocking `fixed-line` or
        /// `mobile` blocks these.
        FixedLineOrMobile = "fixed-line-or-mobile",
        /// Free to the caller.
        TollFree = "toll-free",
        /// Billed at a premium: the revenue-share fraud destinations.
        PremiumRate = "premium-rate",
        /// The cost is shared between caller and callee, above a normal call.
        SharedCost = "shared-cost",
        /// Voice over IP.
        Voip = "voip",
        /// A personal number that forwards anywhere (UK 070…).
        PersonalNumber = "personal-number",
        Pager = "pager",
        /// Universal access numbers: one number for a company's sites.
        Uan = "uan",
        /// Voicemail access.
        Voicemail = "voicemail",
        /// The digits start no range of any type.
        Unknown = "unknown",
    }
}

named_enum! {
    /// How far a national number has come, as libphonenumber judges it
    /// (its patterns and possible lengths): what a dial pad needs to
    /// enable Call only for a number that can be called.
    ///
    /// ```
    /// use dialguard::{DialPolicy, Validity};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR", "DE"]}"#)?;
    /// assert_eq!(policy.check("00 54").validity(), Some(Validity::TooShort));
    /// assert_eq!(policy.check("00 54 11 4321 5678").validity(), Some(Validity::Valid));
    /// // A German mobile number, and its voicemail two digits longer.
    /// assert_eq!(policy.check("00 49 1521 5512345").validity(), Some(Validity::ValidMayContinue));
    /// assert_eq!(policy.check("00 54 11 4321 56789").validity(), Some(Validity::Invalid));
    /// assert_eq!(policy.check("00 5").validity(), None); // no calling code yet
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    #[non_exhaustive]
    pub enum Validity: as_str {
        /// No valid number yet; more digits can make one.
        TooShort = "too-short",
        /// A valid number, and no longer one starts with it.
        Valid = "valid",
        /// A valid number that is also the start of longer valid ones.
        ValidMayContinue = "valid-may-continue",
        /// No valid number is or starts with these digits (libphonenumber's
        /// `isValidNumber` is false, however it goes on).
        Invalid = "invalid",
    }
}

impl NumberType {
    /// Its bits in the tables' type sets.
    pub(crate) fn bits(self) -> TypeSet {
        TypeSet(match self {
            NumberType::FixedLine => 1 << 0,
            NumberType::Mobile => 1 << 1,
            NumberType::FixedLineOrMobile => 1 << 0 | 1 << 1,
            NumberType::TollFree => 1 << 2,
            NumberType::PremiumRate => 1 << 3,
            NumberType::SharedCost => 1 << 4,
            NumberType::Voip => 1 << 5,
            NumberType::PersonalNumber => 1 << 6,
            NumberType::Pager => 1 << 7,
            NumberType::Uan => 1 << 8,
            NumberType::Voicemail => 1 << 9,
            NumberType::Unknown => 1 << 10,
        })
    }

    /// The type named `name` (kebab-case, as [`as_str`](Self::as_str)).
    pub fn from_name(name: &str) -> Option<NumberType> {
        // A loop rather than a `match` on strings: smaller WebAssembly.
        NumberType::ALL.iter().copied().find(|t| t.as_str() == name)
    }

    /// The type libphonenumber reports for a number with these types: the
    /// first in its order (premium rate, toll free, shared cost, voip,
    /// personal, pager, UAN, voicemail, then fixed line and mobile), and
    /// unknown for numbers outside the region's general pattern.
    pub(crate) fn of(set: TypeSet) -> NumberType {
        const ORDER: [NumberType; 12] = [
            NumberType::Unknown,
            NumberType::PremiumRate,
            NumberType::TollFree,
            NumberType::SharedCost,
            NumberType::Voip,
            NumberType::PersonalNumber,
            NumberType::Pager,
            NumberType::Uan,
            NumberType::Voicemail,
            NumberType::FixedLineOrMobile,
            NumberType::FixedLine,
            NumberType::Mobile,
        ];
        let all_of = |t: &&NumberType| set.0 & t.bits().0 == t.bits().0;
        ORDER.iter().find(all_of).copied().unwrap_or(NumberType::Unknown)
    }

    /// Whether `blockNumberTypes` may name it: every type but
    /// [`NumberType::FixedLineOrMobile`], which is two.
    pub(crate) fn blockable(self) -> bool {
        self != NumberType::FixedLineOrMobile
    }
}
