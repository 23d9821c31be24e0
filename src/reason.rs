//! Verdicts and the reasons that explain them: the vocabulary every step
//! of the decision algorithm speaks (a leaf: it depends on nothing).

named_enum! {
    /// What a policy says about a dial.
    pub enum Verdict: as_str {
        /// An international dial to an allowed destination (or protection is off).
        Allowed = "allowed",
        /// An international dial to a destination the policy does not allow.
        Blocked = "blocked",
        /// Not an international dial: the PBX's outbound routes decide.
        NotInternational = "not-international",
        /// Not decided yet: more digits are needed. See
        /// [`Decision::can_be_allowed`](crate::Decision::can_be_allowed).
        Incomplete = "incomplete",
        /// Cannot be read with certainty as a dial string (fail closed).
        Malformed = "malformed",
    }
}

macro_rules! reasons {
    ($($(#[$doc:meta])* $name:ident = $text:literal => $verdict:ident,)*) => {
        /// Why a dial got its verdict. Each reason belongs to one verdict.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[non_exhaustive]
        pub enum Reason {
            $($(#[$doc])* #[serde(rename = $text)] $name,)*
        }

        impl Reason {
            /// Every reason, in declaration order.
            pub const ALL: &'static [Reason] = &[$(Reason::$name,)*];

            /// The stable kebab-case code (`"region-allowed"`, ...).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$name => $text,)*
                }
            }

            /// Its place in [`Reason::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The verdict this reason explains.
            pub const fn verdict(self) -> Verdict {
                match self {
                    $(Reason::$name => Verdict::$verdict,)*
                }
            }
        }
    };
}

reasons! {
    /// An allowed region can own the number.
    RegionAllowed = "region-allowed" => Allowed,
    /// `"together"`: another region of the same calling code is allowed.
    SharedCodeAllowed = "shared-code-allowed" => Allowed,
    /// The whole calling code is allowed (`"+44"`).
    CodeAllowed = "code-allowed" => Allowed,
    /// An entry with national digits covers the number (`"+1876"`).
    RangeAllowed = "range-allowed" => Allowed,
    /// `enabled: false`: every international dial is allowed.
    ProtectionDisabled = "protection-disabled" => Allowed,
    /// No allow entry covers the destination.
    NotAllowed = "not-allowed" => Blocked,
    /// No calling code starts with the digits after the prefix.
    UnassignedCode = "unassigned-code" => Blocked,
    /// `"by-region"`: no region of the calling code owns these digits.
    UnassignedRange = "unassigned-range" => Blocked,
    /// `blockNumberTypes`: the number can only be of a blocked type
    /// (premium rate, ...).
    NumberTypeBlocked = "number-type-blocked" => Blocked,
    /// The dial does not start with an international prefix.
    NoInternationalPrefix = "no-international-prefix" => NotInternational,
    /// A star or hash code that is not a listed feature code.
    FeatureCode = "feature-code" => NotInternational,
    /// `judgeNationalDialing`: a national-format dial within the home region.
    Domestic = "domestic" => NotInternational,
    /// The digits may still become an international prefix (or a longer one).
    IncompletePrefix = "incomplete-prefix" => Incomplete,
    /// The calling code is not decided yet.
    IncompleteCode = "incomplete-code" => Incomplete,
    /// `"by-region"` or a national-digit entry: the region is not decided yet.
    IncompleteNumber = "incomplete-number" => Incomplete,
    /// Over 256 UTF-16 units, or over 15 digits after the prefix.
    TooLong = "too-long" => Malformed,
    /// A letter, symbol, control, bidi or unpaired surrogate character.
    InvalidCharacter = "invalid-character" => Malformed,
    /// A `+` anywhere but at the start.
    MisplacedPlus = "misplaced-plus" => Malformed,
    /// A `*` or `#` inside the number.
    MisplacedSymbol = "misplaced-symbol" => Malformed,
    /// A pause, wait or extension with no number before it.
    MisplacedPostDial = "misplaced-post-dial" => Malformed,
    /// A `tel:`/`sip:` URI with no number or bad percent-encoding.
    InvalidUri = "invalid-uri" => Malformed,
    /// Never given by the engine: a binding's answer when it cannot read
    /// the engine's with certainty (the WebAssembly facade's check record,
    /// say), so that it fails closed.
    InternalError = "internal-error" => Malformed,
}
