//! The result of checking a dial: a verdict, a stable reason, and the
//! explanation (which prefix, code, regions and rule decided it).

use alloc::vec::Vec;

use crate::allow::AllowEntry;
use crate::data::{Region, RegionSet};
use crate::dial::Tokens;
use crate::reason::{Reason, Verdict};

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
        self.prefix_start
            .map(|start| self.text(start, self.code_start))
            .filter(|p| !p.is_empty())
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
        self.calling_code.map(|_| self.text(self.national_start, self.dial_len))
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
            .finish()
    }
}
