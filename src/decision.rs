//! The result of checking a dial: a verdict, a stable reason, and the
//! explanation (which prefix, code, regions and rule decided it).

use alloc::vec::Vec;
use core::ops::Range;

use serde::Serialize;

use crate::allow::AllowEntry;
use crate::data::{Region, RegionSet};
use crate::dial::Tokens;
use crate::number_type::NumberType;
use crate::reason::{Reason, Verdict};
use crate::text::decimal;

/// The decision for one dial. Fields that do not apply are `None`.
///
/// ```
/// use dialguard::{DialPolicy, Verdict};
///
/// let policy = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "allow": ["AR"]}"#)?;
/// let d = policy.check("00 54 11 4321-5678");
/// assert_eq!(d.verdict(), Verdict::Allowed);
/// assert_eq!(d.reason().as_str(), "region-allowed");
/// assert_eq!(d.dial_string(), "00541143215678");
/// assert_eq!(d.prefix(), Some("00"));
/// assert_eq!(d.calling_code(), Some(54));
/// assert_eq!(d.regions().map(|r| r.id()).collect::<Vec<_>>(), ["AR"]);
/// assert_eq!(d.national_number(), Some("1143215678"));
/// assert_eq!(d.rule(), Some("AR"));
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct Decision {
    pub(crate) reason: Reason,
    /// The dial string, then the post-dial.
    pub(crate) tokens: Tokens,
    pub(crate) dial_len: u16,
    pub(crate) post_dial_len: Option<u16>,
    /// Where the prefix, the calling code and the national number start in
    /// the dial string, when they were reached.
    pub(crate) prefix_start: Option<u16>,
    pub(crate) code_start: u16,
    pub(crate) national_start: u16,
    pub(crate) calling_code: Option<u16>,
    pub(crate) regions: RegionSet,
    pub(crate) rule: Option<AllowEntry>,
    pub(crate) can_be_allowed: Option<bool>,
    pub(crate) position: Option<u16>,
    pub(crate) number_type: Option<NumberType>,
}

impl Decision {
    pub(crate) fn new(reason: Reason) -> Decision {
        Decision {
            reason,
            tokens: Tokens::new(),
            dial_len: 0,
            post_dial_len: None,
            prefix_start: None,
            code_start: 0,
            national_start: 0,
            calling_code: None,
            regions: RegionSet::default(),
            rule: None,
            can_be_allowed: None,
            position: None,
            number_type: None,
        }
    }

    pub fn verdict(&self) -> Verdict {
        self.reason.verdict()
    }

    pub fn reason(&self) -> Reason {
        self.reason
    }

    fn text(&self, from: u16, to: u16) -> &str {
        self.tokens
            .as_slice()
            .get(usize::from(from)..usize::from(to))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The canonical digits the PBX should dial: access and feature codes
    /// (with the pauses after an access code, which the outside line may
    /// need), prefix and number, `+` kept; separators, the send key and the
    /// post-dial removed. Empty when malformed. Checking it again gives the
    /// same verdict.
    pub fn dial_string(&self) -> &str {
        self.text(0, self.dial_len)
    }

    /// The international prefix that matched: `"+"`, `"00"`, `"011"`; for a
    /// national-format dial judged cross-border (`judgeNationalDialing`),
    /// the national prefix it starts with, if any (`"1"`, `"8"`).
    pub fn prefix(&self) -> Option<&str> {
        self.prefix_range().map(|r| self.text(r.start as u16, r.end as u16))
    }

    /// Where [`prefix`](Self::prefix) is in [`dial_string`](Self::dial_string),
    /// for a UI that shows the parts of a dial (and a binding that passes
    /// positions rather than strings).
    pub fn prefix_range(&self) -> Option<Range<usize>> {
        self.prefix_start
            .filter(|&start| start < self.code_start)
            .map(|start| usize::from(start)..usize::from(self.code_start))
    }

    /// The destination's calling code (54 for Argentina), once decided.
    pub fn calling_code(&self) -> Option<u16> {
        self.calling_code
    }

    /// The regions that can own the number, narrowed by the digits so far,
    /// main region first. Empty when no calling code is decided.
    pub fn regions(&self) -> impl ExactSizeIterator<Item = Region> + Clone + '_ {
        self.regions.iter()
    }

    /// The digits after the calling code, once the code is decided.
    pub fn national_number(&self) -> Option<&str> {
        self.national_number_range()
            .map(|r| self.text(r.start as u16, r.end as u16))
    }

    /// Where [`national_number`](Self::national_number) is in
    /// [`dial_string`](Self::dial_string): it ends the dial string.
    pub fn national_number_range(&self) -> Option<Range<usize>> {
        self.calling_code
            .map(|_| usize::from(self.national_start)..usize::from(self.dial_len))
    }

    /// What follows the number and is not judged: DTMF digits with `,`
    /// (pause), `;` (wait) and `x` (extension) markers.
    pub fn post_dial(&self) -> Option<&str> {
        self.post_dial_len
            .map(|len| self.text(self.dial_len, self.dial_len + len))
    }

    /// The allow entry that allowed the dial (`"AR"`, `"+44"`, `"+1876"`).
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_ref().map(AllowEntry::as_str)
    }

    /// For an incomplete dial: whether some continuation is allowed. A dial
    /// pad shows red as soon as this is `false`.
    pub fn can_be_allowed(&self) -> Option<bool> {
        self.can_be_allowed
    }

    /// For a malformed dial: the UTF-16 offset of the offending character
    /// in the input.
    pub fn position(&self) -> Option<usize> {
        self.position.map(usize::from)
    }

    /// The type of the number (premium rate, mobile, ...), once the digits
    /// decide it: every number that starts with them is of this type, or
    /// they are a complete number of it. Given for every dial whose calling
    /// code is decided, whatever its verdict, and for the national dials
    /// within the home region that `judgeNationalDialing` types.
    ///
    /// ```
    /// use dialguard::{DialPolicy, NumberType, Verdict};
    ///
    /// let policy = DialPolicy::from_json(
    ///     r#"{"internationalPrefixes": ["00"], "allow": ["LV"], "blockNumberTypes": ["premium-rate"]}"#,
    /// )?;
    /// let d = policy.check("+371 90 123 456");
    /// assert_eq!(d.verdict(), Verdict::Blocked);
    /// assert_eq!(d.reason().as_str(), "number-type-blocked");
    /// assert_eq!(d.number_type(), Some(NumberType::PremiumRate));
    /// assert_eq!(policy.check("+371 2").number_type(), Some(NumberType::Mobile));
    /// assert_eq!(policy.check("+371").number_type(), None); // not decided yet
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn number_type(&self) -> Option<NumberType> {
        self.number_type
    }
}

/// The JSON and JavaScript form of a decision.
pub(crate) mod form {
    use alloc::string::String;
    use alloc::vec::Vec;

    use serde::Serialize;

    use crate::data::Region;
    use crate::number_type::NumberType;
    use crate::reason::{Reason, Verdict};

    /// The JSON and JavaScript form of a [`Decision`] (docs/contract.md §5): the
    /// fields that apply, camelCase, the calling code as digits.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
    pub(crate) struct Decision<'a> {
        pub verdict: Verdict,
        pub reason: Reason,
        /// The canonical digits to dial ("+" kept, pauses after an access code
        /// kept, separators and post-dial removed); "" when malformed. Checking
        /// it again gives the same verdict.
        pub dial_string: &'a str,
        /// The international prefix that matched: "+", "00", "011"; for a
        /// national-format dial judged cross-border, its national prefix ("1",
        /// "8"), if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub prefix: Option<&'a str>,
        /// The destination's calling code, digits only: "54".
        #[serde(skip_serializing_if = "Option::is_none")]
        pub calling_code: Option<String>,
        /// The regions that can own the number, narrowed by the digits so far,
        /// main region first.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "RegionCode[]"))]
        pub regions: Option<Vec<Region>>,
        /// The digits after the calling code.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub national_number: Option<&'a str>,
        /// What follows the number and is not judged: digits with "," (pause),
        /// ";" (wait) and "x" (extension).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub post_dial: Option<&'a str>,
        /// For "incomplete": whether some continuation can still be allowed.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub can_be_allowed: Option<bool>,
        /// For "malformed": the UTF-16 index of the offending character.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub position: Option<usize>,
        /// For "allowed": the allow entry that allowed it ("AR", "+44", "+1876").
        #[serde(skip_serializing_if = "Option::is_none")]
        pub rule: Option<&'a str>,
        /// The number's type ("premium-rate", "mobile", ...), once the digits
        /// decide it.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub number_type: Option<NumberType>,
    }
}

impl Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        form::Decision {
            verdict: self.verdict(),
            reason: self.reason,
            dial_string: self.dial_string(),
            prefix: self.prefix(),
            calling_code: self.calling_code.map(|c| decimal(u64::from(c))),
            regions: self.calling_code.map(|_| self.regions().collect()),
            national_number: self.national_number(),
            post_dial: self.post_dial(),
            can_be_allowed: self.can_be_allowed,
            position: self.position(),
            rule: self.rule(),
            number_type: self.number_type,
        }
        .serialize(s)
    }
}

impl core::fmt::Debug for Decision {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let regions: Vec<&str> = self.regions().map(Region::id).collect();
        f.debug_struct("Decision")
            .field("verdict", &self.verdict())
            .field("reason", &self.reason.as_str())
            .field("dial_string", &self.dial_string())
            .field("prefix", &self.prefix())
            .field("calling_code", &self.calling_code)
            .field("regions", &regions)
            .field("national_number", &self.national_number())
            .field("post_dial", &self.post_dial())
            .field("rule", &self.rule())
            .field("can_be_allowed", &self.can_be_allowed)
            .field("position", &self.position)
            .field("number_type", &self.number_type())
            .finish()
    }
}
