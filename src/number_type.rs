//! Number types (SPEC section 2, item 11): what kind of line a number
//! reaches, from libphonenumber's per-type patterns.

use crate::data::TypeSet;

macro_rules! number_types {
    ($($(#[$doc:meta])* $name:ident = $text:literal, $bits:expr;)*) => {
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
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        #[non_exhaustive]
        pub enum NumberType {
            $($(#[$doc])* $name,)*
        }

        impl NumberType {
            /// Every type, in declaration order.
            pub const ALL: &'static [NumberType] = &[$(NumberType::$name,)*];

            /// The names of [`NumberType::ALL`], each after a `,`: the
            /// facade's lookup table.
            #[cfg(all(feature = "wasm", target_arch = "wasm32"))]
            pub(crate) const NAMES: &'static str = concat!($(",", $text,)*);

            /// The stable kebab-case name (`"premium-rate"`, ...), as
            /// `blockNumberTypes` and `numberType` spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(NumberType::$name => $text,)*
                }
            }


            /// Its bits in the tables' type sets.
            pub(crate) fn bits(self) -> TypeSet {
                match self {
                    $(NumberType::$name => TypeSet($bits),)*
                }
            }
        }
    };
}

number_types! {
    /// A fixed (landline) number.
    FixedLine = "fixed-line", 1 << 0;
    /// A mobile number.
    Mobile = "mobile", 1 << 1;
    /// Fixed-line and mobile numbers are not told apart (the United States
    /// and Canada, and ranges where the table does not separate them). Not
    /// a `blockNumberTypes` entry: blocking `fixed-line` or `mobile` blocks
    /// these.
    FixedLineOrMobile = "fixed-line-or-mobile", 1 << 0 | 1 << 1;
    /// Free to the caller.
    TollFree = "toll-free", 1 << 2;
    /// Billed at a premium: the revenue-share fraud destinations.
    PremiumRate = "premium-rate", 1 << 3;
    /// The cost is shared between caller and callee, above a normal call.
    SharedCost = "shared-cost", 1 << 4;
    /// Voice over IP.
    Voip = "voip", 1 << 5;
    /// A personal number that forwards anywhere (UK 070…).
    PersonalNumber = "personal-number", 1 << 6;
    Pager = "pager", 1 << 7;
    /// Universal access numbers: one number for a company's sites.
    Uan = "uan", 1 << 8;
    /// Voicemail access.
    Voicemail = "voicemail", 1 << 9;
    /// The digits start no range of any type.
    Unknown = "unknown", 1 << 10;
}

impl NumberType {
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
