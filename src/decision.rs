//! The result of checking a dial: a verdict, a stable reason, and the
//! explanation (which prefix, code, regions and rule decided it).

use alloc::vec::Vec;
use core::ops::Range;

use serde::Serialize;

use crate::allow::Rule;
use crate::data::{Region, RegionSet, MAX_DIGITS};
use crate::dial::Tokens;
use crate::dialing::{Dialing, Digits, ReadingAt, ReadingKind};
use crate::number_type::{NumberType, Validity};
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
    /// The deciding reading's prefix, as indices in the dial string.
    pub(crate) prefix: Option<(u16, u16)>,
    /// The deciding reading's destination in E.164 form (`+`, the calling
    /// code, the national number), when its digits are made up (Ireland's
    /// `048` is `+44 28`) or it is the reading's own dial string.
    judged: [u8; 1 + MAX_DIGITS],
    judged_len: u8,
    /// Where the national number is: in the tokens, or (`national_made`)
    /// in `judged`.
    national: (u16, u16),
    national_made: bool,
    pub(crate) calling_code: Option<u16>,
    pub(crate) reading: Option<ReadingAt>,
    /// The deciding reading read a national number of the home region.
    pub(crate) national_format: bool,
    pub(crate) regions: RegionSet,
    pub(crate) rule: Option<Rule>,
    pub(crate) can_be_allowed: Option<bool>,
    pub(crate) position: Option<u16>,
    pub(crate) number_type: Option<NumberType>,
    pub(crate) validity: Option<Validity>,
}

impl Decision {
    pub(crate) fn new(reason: Reason) -> Decision {
        Decision {
            reason,
            tokens: Tokens::new(),
            dial_len: 0,
            post_dial_len: None,
            prefix: None,
            judged: [0; 1 + MAX_DIGITS],
            judged_len: 0,
            national: (0, 0),
            national_made: false,
            calling_code: None,
            reading: None,
            national_format: false,
            regions: RegionSet::default(),
            rule: None,
            can_be_allowed: None,
            position: None,
            number_type: None,
            validity: None,
        }
    }

    pub fn verdict(&self) -> Verdict {
        self.reason.verdict()
    }

    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Keeps where the deciding reading's national number is (after a
    /// calling code of `code_len` digits): in the dial string, or made up;
    /// and its E.164 form when the reading's own dial string is that
    /// (`e164`) or the digits are made up.
    pub(crate) fn set_judged(&mut self, dialing: &Dialing, digits: Digits, code_len: usize, e164: bool) {
        if let (Digits::Tokens(from, to), false) = (digits, e164) {
            self.national = (from.saturating_add(code_len as u16).min(to), to);
            self.national_made = false;
            return;
        }
        let mut judged = [0u8; 1 + MAX_DIGITS];
        judged[0] = b'+';
        let mut buf = [0; MAX_DIGITS];
        let digits_of = dialing.digits(digits, self.tokens.as_slice(), &mut buf);
        for (slot, &d) in judged.iter_mut().skip(1).zip(digits_of) {
            *slot = d;
        }
        let len = 1 + digits_of.len();
        self.judged = judged;
        self.judged_len = len as u8;
        self.national = ((1 + code_len).min(len) as u16, len as u16);
        self.national_made = true;
    }

    /// The national digits of [`Self::set_judged`].
    pub(crate) fn national_digits(&self) -> &[u8] {
        let (from, to) = (usize::from(self.national.0), usize::from(self.national.1));
        match self.national_made {
            true => self.judged.get(from..to),
            false => self.tokens.as_slice().get(from..to),
        }
        .unwrap_or(&[])
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
        self.prefix
            .filter(|(start, end)| start < end)
            .map(|(start, end)| usize::from(start)..usize::from(end))
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

    /// The national number after the calling code, once the code is
    /// decided: the digits the deciding reading judged (Ireland's `048
    /// 9012 3456` is Northern Ireland's `28 9012 3456`).
    pub fn national_number(&self) -> Option<&str> {
        self.calling_code?;
        core::str::from_utf8(self.national_digits()).ok()
    }

    /// Which reading decided, when it is not the plain one (an
    /// international prefix, or a national number after the trunk
    /// prefix): a star code that carries a number, a carrier code, a
    /// prefix or access code of the home region's dialing procedures.
    ///
    /// ```
    /// use dialguard::{DialPolicy, ReadingKind, Verdict};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["CA"]}"#)?;
    /// let d = policy.check("*72 011 44 20 7946 0000"); // call forwarding to London
    /// assert_eq!(d.verdict(), Verdict::Blocked);
    /// let reading = d.reading().unwrap();
    /// assert_eq!((reading.kind(), reading.code()), (ReadingKind::StarCode, "*72"));
    /// assert_eq!(reading.dial_string(), "011442079460000");
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn reading(&self) -> Option<Reading<'_>> {
        let r = self.reading?;
        let dial_string = match r.carried {
            Some((from, to)) => self.text(from, to),
            None => core::str::from_utf8(self.judged.get(..usize::from(self.judged_len))?).ok()?,
        };
        Some(Reading {
            kind: r.kind,
            code: self.text(r.code.0, r.code.1),
            code_start: usize::from(r.code.0),
            dial_string,
        })
    }

    /// Whether the deciding reading read the dial in national format, as a
    /// number of the home region's calling code (`judgeNationalDialing`):
    /// from the US, `1 876 555 0123` is judged as a call to Jamaica.
    ///
    /// ```
    /// use dialguard::{DialPolicy, Verdict};
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "judgeNationalDialing": true}"#)?;
    /// let d = policy.check("1 876 555 0123");
    /// assert_eq!((d.verdict(), d.national_format()), (Verdict::Blocked, true));
    /// assert!(!policy.check("011 1 876 555 0123").national_format());
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn national_format(&self) -> bool {
        self.national_format
    }

    /// What follows the number and is not judged: DTMF digits with `,`
    /// (pause), `;` (wait) and `x` (extension) markers.
    pub fn post_dial(&self) -> Option<&str> {
        self.post_dial_len
            .map(|len| self.text(self.dial_len, self.dial_len + len))
    }

    /// The allow entry that allowed the dial (`"AR"`, `"+44"`, `"+1876"`).
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_ref().map(|rule| rule.entry.as_str())
    }

    /// The place of [`rule`](Self::rule) in the policy's normalized allow
    /// list ([`DialPolicy::config`](crate::DialPolicy::config)'s `allow`).
    ///
    /// ```
    /// use dialguard::DialPolicy;
    ///
    /// let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["ar", "+44"]}"#)?;
    /// let d = policy.check("+44 20 7946 0000");
    /// assert_eq!((d.rule(), d.rule_index()), (Some("+44"), Some(1)));
    /// assert_eq!(policy.config().allow[1], "+44");
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn rule_index(&self) -> Option<usize> {
        self.rule.map(|rule| rule.index)
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
    /// assert_eq!(policy.check("+371 21").number_type(), Some(NumberType::Mobile));
    /// assert_eq!(policy.check("+371 2").number_type(), None); // 23… has numbers of no type
    /// assert_eq!(policy.check("+371 2301 2345").number_type(), Some(NumberType::Unknown));
    /// # Ok::<(), dialguard::ConfigError>(())
    /// ```
    pub fn number_type(&self) -> Option<NumberType> {
        self.number_type
    }

    /// How far the national number has come, as libphonenumber judges it
    /// (see [`Validity`]): for every dial whose calling code is decided, and
    /// for the national dials that `judgeNationalDialing` types. A dial pad
    /// enables Call for an allowed dial once it is `valid` (or
    /// `valid-may-continue`), and says "keep dialing" while it is
    /// `too-short`.
    pub fn validity(&self) -> Option<Validity> {
        self.validity
    }
}

/// Which reading of a dial decided it (see [`Decision::reading`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Reading<'a> {
    kind: ReadingKind,
    code: &'a str,
    code_start: usize,
    dial_string: &'a str,
}

impl<'a> Reading<'a> {
    pub fn kind(&self) -> ReadingKind {
        self.kind
    }

    /// The code read, as dialed: `"*72"`, `"1010288"`, `"01"`, `"048"`.
    pub fn code(&self) -> &'a str {
        self.code
    }

    /// Where [`code`](Self::code) is in the decision's
    /// [`dial_string`](Decision::dial_string).
    pub fn code_range(&self) -> Range<usize> {
        self.code_start..self.code_start + self.code.len()
    }

    /// What the reading judged, as a dial of its own: the dial a star or
    /// carrier code carries, the national number after a national prefix
    /// that stays within the home region, or the E.164 form
    /// (`"+442890123456"`) of the destination a prefix or access code
    /// reaches. An E.164 form, checked again, gets the same verdict; a
    /// carried dial or a national number is read in its place
    /// (docs/contract.md §4 step 10).
    pub fn dial_string(&self) -> &'a str {
        self.dial_string
    }
}

/// The JSON and JavaScript form of a decision.
pub(crate) mod form {
    use alloc::string::String;
    use alloc::vec::Vec;

    use serde::Serialize;

    use crate::data::Region;
    use crate::number_type::{NumberType, Validity};
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
        /// How far the national number has come, as libphonenumber judges
        /// it: "too-short", "valid", "valid-may-continue", "invalid".
        #[serde(skip_serializing_if = "Option::is_none")]
        pub validity: Option<Validity>,
        /// true when the dial was read in national format, as a number of the
        /// home region's calling code (`judgeNationalDialing`): "1 876 555
        /// 0123" from the US, judged as a call to Jamaica.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub national_format: Option<bool>,
        /// Which reading decided, when it is not the plain one: a star code
        /// that carries a number, a carrier code, a prefix or access code of
        /// the home region's dialing procedures.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reading: Option<Reading<'a>>,
    }

    /// The JSON and JavaScript form of a [`super::Reading`].
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
    pub(crate) struct Reading<'a> {
        pub kind: crate::dialing::ReadingKind,
        /// The code read, as dialed: "*72", "1010288", "01", "048".
        pub code: &'a str,
        /// What the reading judged, as a dial of its own: the dial a star or
        /// carrier code carries, the national number after a national prefix
        /// that stays within the home region, or the E.164 form
        /// ("+442890123456") of the destination a prefix or access code
        /// reaches.
        pub dial_string: &'a str,
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
            validity: self.validity,
            national_format: self.national_format.then_some(true),
            reading: self.reading().map(|r| form::Reading {
                kind: r.kind,
                code: r.code,
                dial_string: r.dial_string,
            }),
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
            .field("validity", &self.validity())
            .field("reading", &self.reading())
            .field("national_format", &self.national_format)
            .finish()
    }
}
