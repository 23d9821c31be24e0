//! How a policy reads a dial (docs/contract.md §4 steps 4 to 10): the lead,
//! every reading a PBX may give the number, and the most restrictive of
//! them.
//!
//! A reading ends in a [`Judgement`]; [`Readings`] keeps the one that
//! decides. The readings of a dial are bounded: at most three carried dials
//! per `*` or `#`, each with at most one reading per procedure of the home
//! region and the national ones; carried dials hold no `*` or `#`, and a
//! carrier code is followed by no other, so nothing nests further.

use alloc::{vec, vec::Vec};

use crate::config::PolicyConfig;
use crate::data::{CallingCode, Procedure, ProcedureKind, ProcedureMatch, RangeNode, RangeStep, Region, MAX_DIGITS};
use crate::dial::{EXT, PAUSE, WAIT};
use crate::prefix::{Literals, PrefixMatch, PrefixSet};
use crate::reason::{Reason, Verdict};
use crate::rules::{Rules, Walk};
use crate::wire::{Reader, Writer};

named_enum! {
    /// Which reading of a dial decided it, when it is not the plain one
    /// (an international prefix, or a national number after the home
    /// region's trunk prefix).
    pub enum ReadingKind: as_str {
        /// A star or hash code (`*72`, `**21*`) that carries a number.
        StarCode = "star-code",
        /// A carrier selection, dial-around or override code (`101XXXX`).
        CarrierCode = "carrier-code",
        /// An international prefix the numbering data lacks (NANP `01`,
        /// operator-assisted).
        InternationalPrefix = "international-prefix",
        /// A national prefix the numbering data lacks (NANP `0`,
        /// operator-assisted).
        NationalPrefix = "national-prefix",
        /// A national access code that reaches another calling code
        /// (Ireland `048`: Northern Ireland).
        CrossBorder = "cross-border",
    }
}

/// The reading parameters of a compiled policy.
#[derive(Clone, Debug)]
pub(crate) struct Dialing {
    pub prefixes: PrefixSet,
    pub access_codes: Literals,
    pub feature_codes: Literals,
    pub plus_is_international: bool,
    pub enabled: bool,
    /// The home region's carrier codes, international prefixes and
    /// cross-border access codes (its national prefixes are `national`'s).
    pub procedures: Vec<Procedure>,
    /// The digits their codes can start with, bit d for digit d: most dials
    /// start with none of them.
    pub procedure_starts: u16,
    /// Set when national-format dials are judged (`judgeNationalDialing`).
    pub national: Option<National>,
    /// The home region's emergency numbers: never held up or blocked.
    pub emergency: PrefixSet,
    /// Their lengths, bit n for n digits: most dials need no look-up.
    pub emergency_lengths: u16,
}

/// National-format dials of the home region (docs/contract.md §4 step 5 D).
#[derive(Clone, Debug)]
pub(crate) struct National {
    pub home: Region,
    pub code: CallingCode,
    /// The trunk prefix ("1", "0", "8" in ASCII), perhaps empty (Italy has
    /// none).
    pub trunk: Vec<u8>,
    /// The national prefixes of the procedures table (NANP `0`).
    pub prefixes: Vec<Procedure>,
    /// National numbers are dialed with no prefix too (the region has no
    /// trunk prefix, or the table says so).
    pub bare: bool,
    longest_local: usize,
    /// [`OWN_HOME`], [`CROSS_BELOW`] and [`HOME_HERE`] of each range node of
    /// the home code.
    nodes: Vec<u8>,
}

/// Fewest digits of a national number that is typed: more than any short
/// code.
const MIN_TYPED: usize = 7;

/// Tokens an emergency number and an access code before it fit in (the
/// numbers have at most six digits: a test checks the data); longer dials
/// skip the look-up.
pub(crate) const MAX_EMERGENCY: usize = 12;

/// The home region can own numbers that start with the node's digits.
const OWN_HOME: u8 = 1;
/// Some longer prefix can be owned by other regions only.
const CROSS_BELOW: u8 = 2;
/// The home region has a number that ends at the node.
const HOME_HERE: u8 = 4;
/// Not worked out yet (while the flags are built).
const UNSET: u8 = 0x80;

impl National {
    /// The home region's national format, from the numbering data; `None`
    /// for a region of no calling code.
    pub fn of(home: Region) -> Option<National> {
        let trunk = home.national_prefix().unwrap_or("").as_bytes().to_vec();
        let mut prefixes = Vec::new();
        let mut bare = trunk.is_empty();
        for p in home.procedures().filter(|p| p.kind == ProcedureKind::NationalPrefix) {
            if p.code.is_empty() {
                bare = true;
            } else {
                prefixes.push(p);
            }
        }
        National::new(home, trunk, prefixes, bare, home.longest_local())
    }

    /// From its parts (derived by [`of`](Self::of), or read from a compiled
    /// policy); the range flags are worked out from the home code's ranges.
    fn new(
        home: Region,
        trunk: Vec<u8>,
        prefixes: Vec<Procedure>,
        bare: bool,
        longest_local: usize,
    ) -> Option<National> {
        let code = home.code()?;
        let mut national = National {
            home,
            code,
            trunk,
            prefixes,
            bare,
            longest_local,
            nodes: vec![UNSET; RangeNode::COUNT],
        };
        if let RangeStep::Node(root) = code.ranges() {
            national.flags(root);
        }
        Some(national)
    }

    /// Writes what [`of`](Self::of) derived (the home code and flags follow
    /// from the home region).
    fn write_to(&self, w: &mut Writer) {
        w.varint(self.home.index() as u32);
        w.digits(&self.trunk);
        write_procedures(w, &self.prefixes);
        w.u8(u8::from(self.bare));
        w.varint(self.longest_local as u32);
    }

    fn read_from(r: &mut Reader<'_>) -> Option<National> {
        let home = Region::from_index(r.varint() as usize).filter(|h| h.is_geographic());
        let trunk = r.digits().to_vec();
        let prefixes = read_procedures(r);
        let bare = r.flag();
        let longest_local = r.varint() as usize;
        r.require(longest_local <= MAX_DIGITS);
        let national = home.and_then(|home| National::new(home, trunk, prefixes, bare, longest_local));
        r.require(national.is_some());
        national
    }

    /// The trunk prefix as text (its digits are ASCII).
    pub fn trunk_text(&self) -> &str {
        core::str::from_utf8(&self.trunk).unwrap_or("")
    }

    /// The most digits a local number has: a bare dial is national only
    /// when longer.
    pub fn longest_local(&self) -> usize {
        self.longest_local
    }

    /// The flags of a range node, worked out once (range tries share nodes).
    fn flags(&mut self, node: RangeNode) -> u8 {
        let known = self.nodes.get(node.index()).copied().unwrap_or(0);
        if known != UNSET {
            return known;
        }
        let mut flags = if node.own_set().contains(self.home) {
            OWN_HOME
        } else {
            0
        };
        let mut home_below = false;
        for digit in 0..10 {
            let (set, below) = match node.child(digit) {
                RangeStep::Leaf(set) => (set, 0),
                RangeStep::Node(child) => (child.own_set(), self.flags(child)),
            };
            home_below |= set.contains(self.home);
            if below & CROSS_BELOW != 0 || (!set.is_empty() && !set.contains(self.home)) {
                flags |= CROSS_BELOW;
            }
        }
        if flags & OWN_HOME != 0 && !home_below {
            flags |= HOME_HERE;
        }
        if let Some(slot) = self.nodes.get_mut(node.index()) {
            *slot = flags;
        }
        flags
    }

    /// After the trunk prefix or a national prefix of the procedures
    /// (NANP `0`), the digits start a national number that crosses a
    /// border: some of its first digits belong to other regions only (`1
    /// 876…` from the US: Jamaica). Any of them, so that more digits never
    /// take it back. Not a national number dialed bare, nor after a prefix
    /// whose number stays home: `*67 1 415…` would read as Guam's `671`,
    /// and `*82 810…` from Russia as `8 2810…`.
    fn crosses(&self, digits: &[u8]) -> bool {
        let after = |len: usize| {
            let number = digits.get(len..).unwrap_or(&[]);
            (1..=number.len()).any(|n| self.owner(number.get(..n).unwrap_or(&[])) == Owner::Others)
        };
        (!self.trunk.is_empty() && digits.starts_with(&self.trunk) && after(self.trunk.len()))
            || self
                .prefixes
                .iter()
                .any(|p| matches!(p.find(digits), ProcedureMatch::Full(len) if after(len)))
    }

    /// Who can own a national number starting with `digits`.
    fn owner(&self, digits: &[u8]) -> Owner {
        let mut step = self.code.ranges();
        for &d in digits {
            match step {
                RangeStep::Node(node) => step = node.child(d.wrapping_sub(b'0')),
                RangeStep::Leaf(_) => break,
            }
        }
        let (set, flags) = match step {
            RangeStep::Leaf(set) => (set, 0),
            RangeStep::Node(node) => (node.own_set(), self.nodes.get(node.index()).copied().unwrap_or(0)),
        };
        if set.is_empty() {
            Owner::Nobody
        } else if !set.contains(self.home) {
            Owner::Others
        } else if flags & CROSS_BELOW != 0 && flags & HOME_HERE == 0 {
            Owner::Undecided
        } else {
            Owner::Home
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Owner {
    /// No region of the home code: not a number of it.
    Nobody,
    /// Regions other than the home region only: it crosses a border.
    Others,
    /// The home region, or both while the digits do not decide.
    Home,
    Undecided,
}

/// Where a reading's judged digits are: in the dial's tokens, or made up
/// (a cross-border code's destination and the rest). Kept as the recipe,
/// not the digits, so that a judgement stays small to copy.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Digits {
    /// Tokens `from..end` of the dial.
    Tokens(u16, u16),
    /// Calling code `to`, the national digits of procedure `head` of the
    /// policy's (none: [`NO_HEAD`]), then tokens `from..end` (at most 15
    /// digits in all: longer is malformed before).
    Made {
        to: CallingCode,
        head: u8,
        from: u16,
        end: u16,
    },
}

/// [`Digits::Made`] with no national digits before the tokens.
const NO_HEAD: u8 = u8::MAX;

/// What a policy derived from its home region's numbering data: its
/// international prefixes (when the configuration lists none: the home
/// region's), emergency numbers, procedures and national format. The
/// compiled policy carries them so that loading it needs no numbering
/// tables ([`Dialing::write_derived`]).
pub(crate) struct Derived {
    pub prefixes: PrefixSet,
    pub emergency: PrefixSet,
    /// The home region's procedures but its national prefixes (`national`'s).
    pub procedures: Vec<Procedure>,
    pub national: Option<National>,
}

impl Derived {
    fn read_from(r: &mut Reader<'_>) -> Derived {
        let prefixes = PrefixSet::read_from(r);
        let emergency = PrefixSet::read_from(r);
        let procedures = read_procedures(r);
        let national = match r.flag() {
            true => National::read_from(r),
            false => None,
        };
        Derived {
            prefixes,
            emergency,
            procedures,
            national,
        }
    }
}

fn write_procedures(w: &mut Writer, procedures: &[Procedure]) {
    w.varint(procedures.len() as u32);
    for p in procedures {
        p.write_to(w);
    }
}

/// At most 255 procedures: a cross-border reading names the one it made
/// its digits with by a `u8` index ([`Digits::Made`]), [`NO_HEAD`] for none.
fn read_procedures(r: &mut Reader<'_>) -> Vec<Procedure> {
    let count = r.count();
    r.require(count <= usize::from(NO_HEAD));
    (0..count.min(usize::from(NO_HEAD)))
        .filter_map(|_| Procedure::read_from(r))
        .collect()
}

impl Dialing {
    /// The dialing parameters of a configuration (validated, or read from
    /// a compiled policy) and what was derived for it.
    pub fn new(config: &PolicyConfig, derived: Derived) -> Dialing {
        let Derived {
            prefixes,
            emergency,
            procedures,
            national,
        } = derived;
        Dialing {
            procedure_starts: procedures
                .iter()
                .fold(0, |starts, p| starts | p.code.first().copied().unwrap_or(0x3FF)),
            prefixes,
            access_codes: Literals::new(&config.access_codes),
            feature_codes: Literals::new(&config.feature_codes),
            plus_is_international: config.plus_is_international,
            enabled: config.enabled,
            procedures,
            national,
            emergency_lengths: emergency.lengths(),
            emergency,
        }
    }

    /// Writes what was [`Derived`]; [`read`](Self::read) reads it back.
    pub fn write_derived(&self, w: &mut Writer) {
        self.prefixes.write_to(w);
        self.emergency.write_to(w);
        write_procedures(w, &self.procedures);
        w.u8(u8::from(self.national.is_some()));
        if let Some(national) = &self.national {
            national.write_to(w);
        }
    }

    /// The dialing parameters of a compiled policy: its configuration's,
    /// and what [`write_derived`](Self::write_derived) wrote.
    pub fn read(config: &PolicyConfig, r: &mut Reader<'_>) -> Dialing {
        Dialing::new(config, Derived::read_from(r))
    }
}

impl Dialing {
    /// The digits of `digits`, made up in `buf` where they need to be.
    pub fn digits<'a>(&self, digits: Digits, t: &'a [u8], buf: &'a mut [u8; MAX_DIGITS]) -> &'a [u8] {
        match digits {
            Digits::Tokens(start, end) => t.get(usize::from(start)..usize::from(end)).unwrap_or(&[]),
            Digits::Made { to, head, from, end } => {
                let code = to.digits();
                let head = self
                    .procedures
                    .get(usize::from(head))
                    .and_then(|p| p.to.as_ref())
                    .map_or(&b""[..], |(_, digits)| &digits[..]);
                let rest = t.get(usize::from(from)..usize::from(end)).unwrap_or(&[]);
                let mut len = 0;
                for (slot, &d) in buf.iter_mut().zip(code.as_bytes().iter().chain(head).chain(rest)) {
                    *slot = d;
                    len += 1;
                }
                buf.get(..len).unwrap_or(&[])
            }
        }
    }
}

/// A reading other than the plain one, for the Decision.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadingAt {
    pub kind: ReadingKind,
    /// The code read, as token indices.
    pub code: (u16, u16),
    /// A carried dial (star and carrier codes), as token indices; `None`:
    /// the reading's own dial is its E.164 form.
    pub carried: Option<(u16, u16)>,
}

/// One reading's outcome, and for the deciding one where its parts are.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Judgement {
    pub reason: Reason,
    /// The token at which a malformed dial goes wrong (its index: the
    /// caller, which has the input, finds its UTF-16 offset again).
    pub fault_at: Option<u16>,
    pub can_be_allowed: Option<bool>,
    /// An incomplete or allowed reading that cannot be a number yet: it
    /// holds up no other, and an allowed one decides only when no other
    /// reading is left undecided (docs/contract.md §4 step 10).
    pub short: bool,
    pub reading: Option<ReadingAt>,
    /// The international or national prefix, as token indices.
    pub prefix: Option<(u16, u16)>,
    /// The digits after the prefix, judged as a calling code and a number.
    pub digits: Option<Digits>,
    /// Once the digits spell a calling code: it, and how many digits spell
    /// it (small: a judgement is copied as it is returned).
    pub code: Option<(CallingCode, u8)>,
    /// A national number within the home region that is typed: its tokens.
    pub typed: Option<(u16, u16)>,
    /// Read as a national number of the home region (step 5 D).
    pub national: bool,
}

impl Judgement {
    #[inline]
    fn new(reason: Reason, reading: Option<ReadingAt>) -> Judgement {
        Judgement {
            reason,
            fault_at: None,
            can_be_allowed: None,
            short: false,
            reading,
            prefix: None,
            digits: None,
            code: None,
            typed: None,
            national: false,
        }
    }

    fn malformed(reason: Reason, token: usize) -> Judgement {
        let mut j = Judgement::new(reason, None);
        j.fault_at = Some(token as u16);
        j
    }

    fn incomplete(reason: Reason, can_be_allowed: bool, short: bool, reading: Option<ReadingAt>) -> Judgement {
        let mut j = Judgement::new(reason, reading);
        j.can_be_allowed = Some(can_be_allowed);
        j.short = short;
        j
    }

    /// Its place in docs/contract.md §4 step 10: lower decides.
    #[inline]
    fn rank(&self) -> u8 {
        match self.reason.verdict() {
            Verdict::Malformed => 0,
            Verdict::Blocked => 1,
            Verdict::Incomplete if !self.short => 2,
            Verdict::Allowed if !self.short => 3,
            Verdict::NotInternational => 4,
            Verdict::Incomplete => 5,
            Verdict::Allowed => 6,
        }
    }
}

/// The readings of a dial seen so far, and the one that decides.
struct Readings {
    /// How many there were.
    count: usize,
    /// The deciding reading so far, and its rank ([`NO_RANK`]: none yet).
    decided: Judgement,
    rank: u8,
    /// Some reading is allowed, or is incomplete and can still become a
    /// dial that is placed.
    can_be_placed: bool,
}

/// [`Readings::rank`] before any reading.
const NO_RANK: u8 = u8::MAX;

impl Readings {
    #[inline]
    fn push(&mut self, j: Judgement) {
        self.count += 1;
        match j.reason.verdict() {
            Verdict::Incomplete => self.can_be_placed |= j.can_be_allowed != Some(false),
            Verdict::Allowed => self.can_be_placed = true,
            _ => {}
        }
        let rank = j.rank();
        if rank < self.rank {
            self.decided = j;
            self.rank = rank;
        }
    }
}

/// The dial's parts, as token indices: `[lead][number][#][post-dial]`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Parts {
    pub number_start: usize,
    /// Before the send key and the post-dial.
    pub number_end: usize,
    pub post_dial_start: usize,
}

/// What judging one dial reads besides the dialing parameters.
struct Scope<'a> {
    rules: &'a Rules,
    t: &'a [u8],
}

/// A dial being judged, and its readings so far.
struct Context<'a> {
    scope: Scope<'a>,
    readings: Readings,
}

/// A dial's lead (docs/contract.md §4 step 4), as [`Dialing::lead_end`]
/// reads it.
struct Lead {
    /// Where the number starts.
    end: usize,
    /// An access code was read.
    access: bool,
    /// The last code read was a listed feature code.
    after_feature: bool,
}

impl Dialing {
    /// docs/contract.md §4 steps 4 to 10 over the tokens `t` of a dial
    /// (steps 1 to 3). A `plain` dial (digits, perhaps after a `+`) skips
    /// what cannot apply. The reason is exact but for which rule allowed a
    /// dial ([`Reason::RegionAllowed`] stands for all of them) and
    /// [`Reason::UnassignedRange`], which the policy's explanation works out.
    pub fn judge(&self, rules: &Rules, t: &[u8], plain: bool, parts: &mut Parts) -> Judgement {
        let Lead {
            end: number_start,
            access,
            after_feature,
        } = self.lead_end(t);
        *parts = Parts {
            number_start,
            number_end: t.len(),
            post_dial_start: t.len(),
        };
        if !plain {
            if let Some((reason, token)) = self.post_dial(t, parts) {
                return Judgement::malformed(reason, token);
            }
        }
        let (start, end) = (parts.number_start, parts.number_end);
        let number = t.get(start..end).unwrap_or(&[]);
        let scope = Scope { rules, t };
        if number.first() == Some(&b'+') {
            // One reading: no access, feature, star or emergency code starts
            // with `+`. The common dial, first.
            return self.plain_reading(&scope, start, end);
        }
        let access_coming = !access && !number.is_empty() && self.access_codes.extends_to_longer(number);
        if access_coming || self.feature_codes.extends_to_longer(number) {
            // Still an access or feature code in the making: nothing is read
            // yet.
            return Judgement::incomplete(Reason::IncompletePrefix, true, true, None);
        }
        let star = matches!(number.first(), Some(&(b'*' | b'#')));
        // An emergency number, as the number or as the whole dial (911 on a
        // PBX whose outside line is 9), is a call within the home region.
        let is_emergency =
            |digits: &[u8]| self.emergency_lengths & (1 << digits.len()) != 0 && self.emergency.exact(digits);
        if end <= MAX_EMERGENCY && (is_emergency(number) || is_emergency(t.get(..end).unwrap_or(&[]))) {
            // A PBX places an emergency call before anything else: no other
            // reading of its digits blocks it or holds it up.
            return Judgement::new(
                match self.national {
                    Some(_) => Reason::Domestic,
                    None => Reason::NoInternationalPrefix,
                },
                None,
            );
        }
        // One reading only (digits that no procedure code and no national
        // format can read): nothing to combine.
        let first = number.first().map_or(0, |&d| 1u16 << (d.wrapping_sub(b'0') & 15));
        if !star && self.procedure_starts & first == 0 && self.national.is_none() {
            return self.emergency_coming(self.plain_reading(&scope, start, end), t, start, end);
        }
        let mut cx = Context {
            scope,
            readings: Readings {
                count: 0,
                decided: Judgement::new(
                    match star {
                        true => Reason::FeatureCode,
                        false => Reason::NoInternationalPrefix,
                    },
                    None,
                ),
                rank: NO_RANK,
                can_be_placed: false,
            },
        };
        if star {
            self.star_readings(&mut cx, start, end, after_feature);
        } else {
            self.number_readings(&mut cx, start, end, None, Nesting::All);
        }
        // With no reading at all, the first judgement stands.
        let mut j = cx.readings.decided;
        if j.reason.verdict() == Verdict::Incomplete {
            // A star code can always go on to one that carries nothing
            // (`#00`), unless a reading already holds it up for good.
            j.can_be_allowed = Some(cx.readings.can_be_placed || (star && j.short));
        } else if star && j.reason.verdict() == Verdict::NotInternational {
            // A star code: what it carries is not international.
            j.reason = Reason::FeatureCode;
        }
        self.emergency_coming(j, t, start, end)
    }

    /// While the number at `start..end`, or the whole dial, is still a
    /// proper prefix of an emergency number, no reading blocks it yet, and
    /// none says it cannot go on to a call (Uzbekistan's `00` is its
    /// international prefix and the start of its emergency `003`).
    fn emergency_coming(&self, mut j: Judgement, t: &[u8], start: usize, end: usize) -> Judgement {
        // Held up: blocked, or incomplete and unable to be allowed (only an
        // incomplete judgement says whether it can be). Some emergency
        // number is longer than the number: the common dial is not, and
        // skips the look-up.
        let blocked = j.reason.verdict() == Verdict::Blocked;
        if !(blocked || j.can_be_allowed == Some(false))
            || self.emergency_lengths >> end.saturating_sub(start).min(15) <= 1
        {
            return j;
        }
        let coming = |digits: &[u8]| self.emergency.find(digits).extends;
        if !(coming(t.get(start..end).unwrap_or(&[])) || coming(t.get(..end).unwrap_or(&[]))) {
            return j;
        }
        if blocked {
            return Judgement::incomplete(Reason::IncompleteNumber, true, true, j.reading);
        }
        j.can_be_allowed = Some(true);
        j
    }

    /// Step 4: listed feature codes (as often as they come) and at most one
    /// access code, with the pauses right after it, in any order — `*67 9
    /// 011…` on a PBX where `*67` comes first must not hide the number.
    fn lead_end(&self, t: &[u8]) -> Lead {
        let mut lead = Lead {
            end: 0,
            access: false,
            after_feature: false,
        };
        if self.access_codes.is_empty() && self.feature_codes.is_empty() {
            // Most policies: nothing to strip.
            return lead;
        }
        loop {
            let rest = t.get(lead.end..).unwrap_or(&[]);
            match self.access_codes.longest_match(rest).filter(|_| !lead.access) {
                Some(len) => {
                    lead.access = true;
                    lead.after_feature = false;
                    lead.end = skip_pauses(t, lead.end + len);
                }
                None => match self.feature_codes.longest_match(rest) {
                    Some(len) => {
                        lead.end += len;
                        lead.after_feature = true;
                    }
                    None => return lead,
                },
            }
        }
    }

    /// Step 4 for a dial with more than digits: post-dial, the send key,
    /// stray symbols. Returns what is malformed, and at which token.
    fn post_dial(&self, t: &[u8], parts: &mut Parts) -> Option<(Reason, usize)> {
        let rest = t.get(parts.number_start..).unwrap_or(&[]);
        if let Some(i) = rest.iter().position(|&b| matches!(b, PAUSE | WAIT | EXT)) {
            parts.number_end = parts.number_start + i;
            parts.post_dial_start = parts.number_end;
        }
        // The send key ends a dial; it is not dialed (but a lone `#` is a
        // code of its own).
        if parts.number_end > parts.number_start + 1 && t.get(parts.number_end - 1) == Some(&b'#') {
            parts.number_end -= 1;
        }
        let number = t.get(parts.number_start..parts.number_end).unwrap_or(&[]);
        if number.is_empty() && parts.post_dial_start < t.len() {
            // Post-dial digits after nothing (or only a feature code) would
            // reach the network unjudged.
            return Some((Reason::MisplacedPostDial, parts.post_dial_start));
        }
        if matches!(number.first(), Some(&(b'*' | b'#'))) {
            // A PBX dials a star code, pauses, then the number it acts on:
            // what follows would escape the rule.
            if parts.post_dial_start < t.len() {
                return Some((Reason::MisplacedPostDial, parts.post_dial_start));
            }
            return None;
        }
        let i = number.iter().position(|&b| b == b'*' || b == b'#')?;
        Some((Reason::MisplacedSymbol, parts.number_start + i))
    }

    /// Step 5 A: the dials a star or hash code may carry, each judged as a
    /// dial of its own; `after_feature` when a listed feature code comes
    /// right before the number.
    fn star_readings(&self, cx: &mut Context<'_>, start: usize, end: usize, after_feature: bool) {
        let t = cx.scope.t;
        let number = t.get(start..end).unwrap_or(&[]);
        for (q, &b) in number.iter().enumerate() {
            if b != b'*' && b != b'#' {
                continue;
            }
            let digits = number
                .get(q + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            // After a 2- or 3-digit vertical service code; after a
            // separator: any but the number's first token, which starts a
            // service code, unless a `+` follows it (a number's start,
            // never a code's: `*+44…`), a listed feature code comes before
            // it (`*67*011 44…` is read as it is with `*67` unlisted:
            // listing a code strips it, not the separator after it), or
            // more digits than a service code has follow it and start a
            // dial abroad (`*011 44…`, `*1 876…`: a PBX or trunk that drops
            // the `*` dials the rest; GSM's `*002*` and `*004#` stay codes).
            let separator = q > 0
                || after_feature
                || number.get(q + 1) == Some(&b'+')
                || (digits > 3 && self.starts_a_dial(number.get(q + 1..q + 1 + digits).unwrap_or(&[])));
            for skip in [3, 4, 1] {
                let carried = if skip == 1 { separator } else { digits >= skip - 1 };
                if carried {
                    self.carried_dial(cx, start, start + q + skip, end);
                }
            }
        }
    }

    /// The digits start with what makes them a dial abroad: an
    /// international prefix, a code of the home region's dialing
    /// procedures but a service code (which a carried dial does not read),
    /// or a national dial that crosses a border ([`National::crosses`]).
    fn starts_a_dial(&self, digits: &[u8]) -> bool {
        self.prefixes.find(digits).longest.is_some()
            || self
                .procedures
                .iter()
                .any(|p| p.kind != ProcedureKind::ServiceCode && matches!(p.find(digits), ProcedureMatch::Full(_)))
            || self.national.as_ref().is_some_and(|nat| nat.crosses(digits))
    }

    /// A dial carried by a star code from token `from` to the next `*` or
    /// `#` (or `end`), judged as a dial of its own: with its own access
    /// code and without, then its readings. Nothing carried: a feature code
    /// of its own.
    fn carried_dial(&self, cx: &mut Context<'_>, code_start: usize, from: usize, end: usize) {
        let t = cx.scope.t;
        let until = t
            .get(from..end)
            .unwrap_or(&[])
            .iter()
            .position(|&b| b == b'*' || b == b'#')
            .map_or(end, |i| from + i);
        let reading = ReadingAt {
            kind: ReadingKind::StarCode,
            code: (code_start as u16, from as u16),
            carried: Some((from as u16, until as u16)),
        };
        if from >= until {
            cx.readings.push(Judgement::new(Reason::FeatureCode, Some(reading)));
            return;
        }
        let rest = t.get(from..until).unwrap_or(&[]);
        if self.access_codes.extends_to_longer(rest) {
            cx.readings.push(Judgement::incomplete(
                Reason::IncompletePrefix,
                true,
                true,
                Some(reading),
            ));
            return;
        }
        match self.access_codes.longest_match(rest) {
            Some(len) => {
                let after = skip_pauses(t, from + len).min(until);
                self.carried_readings(cx, after, until, reading, Nesting::Carriers);
                // Without a pause after it, perhaps no access code at all:
                // a carrier's star code dials on what its PBX's would strip
                // (`*72 00 44…` behind outside line 0 forwards to London).
                if after == from + len {
                    self.carried_readings(cx, from, until, reading, Nesting::Carriers);
                }
            }
            None => self.carried_readings(cx, from, until, reading, Nesting::Carriers),
        }
    }

    /// The readings of a dial carried by a star or carrier code: with none,
    /// it is not international.
    fn carried_readings(&self, cx: &mut Context<'_>, start: usize, end: usize, reading: ReadingAt, codes: Nesting) {
        let count = cx.readings.count;
        self.number_readings(cx, start, end, Some(reading), codes);
        if cx.readings.count == count {
            cx.readings
                .push(Judgement::new(Reason::NoInternationalPrefix, Some(reading)));
        }
    }

    /// Step 5 B to D: the readings of a number of digits (perhaps after a
    /// `+`) at tokens `start..end`. `outer` is the star or carrier code that
    /// carries it, if any (a carrier code is followed by no other).
    fn number_readings(
        &self,
        cx: &mut Context<'_>,
        start: usize,
        end: usize,
        outer: Option<ReadingAt>,
        codes: Nesting,
    ) {
        let digits = cx.scope.t.get(start..end).unwrap_or(&[]);
        // B: the international prefix.
        if digits.first() == Some(&b'+') {
            if self.plus_is_international {
                let j = self.international(&cx.scope, (start, start + 1), end, outer);
                cx.readings.push(j);
            }
            return;
        }
        let found = self.prefixes.find(digits);
        if found.extends {
            let can = !self.enabled || cx.scope.rules.allows_anything() || self.prefixes.escapes(digits);
            cx.readings
                .push(Judgement::incomplete(Reason::IncompletePrefix, can, true, outer));
        } else if let Some(len) = found.longest {
            let j = self.international(&cx.scope, (start, start + len), end, outer);
            cx.readings.push(j);
        }
        // C: the home region's procedures.
        let mut touched = false;
        let first = digits.first().map_or(0, |&d| 1u16 << (d.wrapping_sub(b'0') & 15));
        let procedures = match self.procedure_starts & first {
            0 => &[][..],
            _ => &self.procedures[..],
        };
        for (index, p) in procedures.iter().enumerate() {
            // Most codes part at the first digit: the cheap test first.
            if p.code.first().is_some_and(|&class| class & first == 0) || !codes.allows(p.kind) {
                continue;
            }
            let len = match p.find(digits) {
                ProcedureMatch::None => continue,
                ProcedureMatch::Partial => None,
                ProcedureMatch::Full(len) => Some(len),
            };
            touched = true;
            let code_end = start + len.unwrap_or(digits.len());
            let reading = chain(outer, kind_of(p.kind), (start, code_end), Some((code_end, end)));
            match (len, p.kind, p.to.as_ref()) {
                (Some(_), ProcedureKind::CarrierCode, _) if code_end < end => {
                    self.carried_readings(cx, code_end, end, reading, Nesting::None);
                }
                (Some(_), ProcedureKind::ServiceCode, _) if code_end < end => {
                    self.carried_readings(cx, code_end, end, reading, Nesting::Carriers);
                }
                (Some(_), ProcedureKind::InternationalPrefix, _) => {
                    let reading = ReadingAt {
                        carried: None,
                        ..reading
                    };
                    let j = self.international(&cx.scope, (start, code_end), end, Some(reading));
                    cx.readings.push(j);
                }
                (Some(_), ProcedureKind::CrossBorder, Some(&(to, _))) => {
                    let reading = ReadingAt {
                        carried: None,
                        ..reading
                    };
                    let head = u8::try_from(index).unwrap_or(NO_HEAD);
                    let j = self.made_international(
                        &cx.scope,
                        Some((start, code_end)),
                        to,
                        head,
                        code_end,
                        end,
                        Some(reading),
                    );
                    cx.readings.push(j);
                }
                // A code not yet whole, or with nothing after it yet.
                _ => cx.readings.push(Judgement::incomplete(
                    Reason::IncompletePrefix,
                    true,
                    true,
                    Some(reading),
                )),
            }
        }
        // D: national format, where no international prefix or procedure
        // code reads the digits.
        if let Some(national) = &self.national {
            if found.longest.is_none() && !found.extends && !touched {
                self.national_readings(cx, national, start, end, outer);
            }
        }
    }

    /// Step 5 D: the national readings of digits at `start..end`.
    fn national_readings(
        &self,
        cx: &mut Context<'_>,
        nat: &National,
        start: usize,
        end: usize,
        outer: Option<ReadingAt>,
    ) {
        let digits = cx.scope.t.get(start..end).unwrap_or(&[]);
        let trunk = &nat.trunk[..];
        let mut prefixed = false;
        if !trunk.is_empty() {
            if digits.starts_with(trunk) {
                prefixed = true;
                let after = start + trunk.len();
                self.national(cx, nat, Some((start, after)), after, end, outer);
            } else if trunk.starts_with(digits) {
                prefixed = true;
                cx.readings
                    .push(Judgement::incomplete(Reason::IncompleteNumber, true, true, outer));
            }
        }
        for p in &nat.prefixes {
            let len = match p.find(digits) {
                ProcedureMatch::None => continue,
                ProcedureMatch::Partial => None,
                ProcedureMatch::Full(len) => Some(len),
            };
            prefixed = true;
            let code_end = start + len.unwrap_or(digits.len());
            let reading = chain(outer, ReadingKind::NationalPrefix, (start, code_end), None);
            match len {
                Some(_) => self.national(cx, nat, Some((start, code_end)), code_end, end, Some(reading)),
                None => cx.readings.push(Judgement::incomplete(
                    Reason::IncompleteNumber,
                    true,
                    true,
                    Some(reading),
                )),
            }
        }
        if prefixed {
            return;
        }
        if nat.bare && digits.len() > nat.longest_local {
            self.national(cx, nat, None, start, end, outer);
        } else {
            // A local number (no longer than the longest), or a dial within
            // the home region that is no national number at all.
            cx.readings.push(Judgement::new(Reason::Domestic, outer));
        }
    }

    /// A national number of the home region at tokens `from..end`, after
    /// `prefix` if there is one.
    #[allow(clippy::too_many_arguments)]
    fn national(
        &self,
        cx: &mut Context<'_>,
        nat: &National,
        prefix: Option<(usize, usize)>,
        from: usize,
        end: usize,
        reading: Option<ReadingAt>,
    ) {
        let n = cx.scope.t.get(from..end).unwrap_or(&[]);
        let short = n.len() < nat.code.min_length();
        let owner = nat.owner(n);
        // Across a border, or (after a prefix) no number of the code.
        let abroad = owner == Owner::Others || (owner == Owner::Nobody && prefix.is_some());
        let mut j = if abroad {
            self.made_international(&cx.scope, prefix, nat.code, NO_HEAD, from, end, reading)
        } else {
            // Within the home region a reading's own dial is the national
            // number, as the NANP (the one home with national prefixes of
            // the table) dials it without a prefix.
            let reading = reading.map(|r| ReadingAt {
                carried: r.carried.or(Some((from as u16, end as u16))),
                ..r
            });
            match owner {
                // Short codes and emergency numbers are in no range.
                Owner::Nobody | Owner::Others => Judgement::new(Reason::Domestic, reading),
                Owner::Undecided => Judgement::incomplete(Reason::IncompleteNumber, true, short, reading),
                // Short codes and emergency numbers (`112`, `000`, `116111`)
                // are no national numbers of any type.
                Owner::Home if n.len() < MIN_TYPED => Judgement::new(Reason::Domestic, reading),
                Owner::Home => {
                    let mut j = match cx.scope.rules.walk_national(n) {
                        Some(Walk::TypeBlocked) => Judgement::new(Reason::NumberTypeBlocked, reading),
                        Some(Walk::Incomplete { can_be_allowed, .. }) => {
                            Judgement::incomplete(Reason::IncompleteNumber, can_be_allowed, short, reading)
                        }
                        _ => Judgement::new(Reason::Domestic, reading),
                    };
                    j.typed = Some((from as u16, end as u16));
                    j
                }
            }
        };
        j.national = true;
        cx.readings.push(j);
    }

    /// An international reading: a calling code and a number at tokens
    /// `prefix.1..end`.
    #[inline(always)]
    fn international(
        &self,
        cx: &Scope<'_>,
        prefix: (usize, usize),
        end: usize,
        reading: Option<ReadingAt>,
    ) -> Judgement {
        if end.saturating_sub(prefix.1) > MAX_DIGITS {
            return Judgement::malformed(Reason::TooLong, prefix.1 + MAX_DIGITS);
        }
        self.destination(cx, Some(prefix), Digits::Tokens(prefix.1 as u16, end as u16), reading)
    }

    /// An international reading whose digits are made up: calling code
    /// `to`, national digits `head`, then the tokens `from..end`.
    #[allow(clippy::too_many_arguments)]
    fn made_international(
        &self,
        cx: &Scope<'_>,
        prefix: Option<(usize, usize)>,
        to: CallingCode,
        head: u8,
        from: usize,
        end: usize,
        reading: Option<ReadingAt>,
    ) -> Judgement {
        let head_len = self
            .procedures
            .get(usize::from(head))
            .and_then(|p| p.to.as_ref())
            .map_or(0, |(_, digits)| digits.len());
        let made = to.len() + head_len;
        if made + end.saturating_sub(from) > MAX_DIGITS {
            let first_too_many = from + MAX_DIGITS.saturating_sub(made);
            return Judgement::malformed(Reason::TooLong, first_too_many);
        }
        let digits = Digits::Made {
            to,
            head,
            from: from as u16,
            end: end as u16,
        };
        self.destination(cx, prefix, digits, reading)
    }

    /// Steps 6 to 9 for the digits of an international reading.
    #[inline(always)]
    fn destination(
        &self,
        cx: &Scope<'_>,
        prefix: Option<(usize, usize)>,
        digits: Digits,
        reading: Option<ReadingAt>,
    ) -> Judgement {
        let mut buf = [0; MAX_DIGITS];
        let judged = match digits {
            Digits::Tokens(from, to) => cx.t.get(usize::from(from)..usize::from(to)).unwrap_or(&[]),
            made => self.digits(made, cx.t, &mut buf),
        };
        let (walk, code) = cx.rules.walk(judged);
        let national = judged.len().saturating_sub(code.map_or(0, |(_, len)| len));
        let short = code.is_none_or(|(c, _)| national < c.min_length());
        let mut j = Judgement::new(Reason::RegionAllowed, reading);
        j.prefix = prefix.map(|(a, b)| (a as u16, b as u16));
        j.digits = Some(digits);
        j.code = code.map(|(c, len)| (c, len as u8));
        j.reason = match walk {
            Walk::Allowed => {
                j.short = short;
                Reason::RegionAllowed
            }
            Walk::Blocked => Reason::NotAllowed,
            Walk::TypeBlocked => Reason::NumberTypeBlocked,
            Walk::Unassigned => Reason::UnassignedCode,
            Walk::Incomplete {
                can_be_allowed,
                in_code,
            } => {
                j.can_be_allowed = Some(can_be_allowed);
                j.short = in_code || short;
                if in_code {
                    Reason::IncompleteCode
                } else {
                    Reason::IncompleteNumber
                }
            }
        };
        if !self.enabled {
            j.reason = Reason::ProtectionDisabled;
            j.can_be_allowed = None;
            j.short = false;
        }
        j
    }

    /// The one reading of a dial that no star code, procedure of the home
    /// region, national format or emergency number can read otherwise: its
    /// international prefix, or none. The common case, with nothing to
    /// combine.
    #[inline(always)]
    fn plain_reading(&self, cx: &Scope<'_>, start: usize, end: usize) -> Judgement {
        let digits = cx.t.get(start..end).unwrap_or(&[]);
        if digits.first() == Some(&b'+') {
            return match self.plus_is_international {
                true => self.international(cx, (start, start + 1), end, None),
                false => Judgement::new(Reason::NoInternationalPrefix, None),
            };
        }
        match self.prefixes.find(digits) {
            found if found.extends => {
                let can = !self.enabled || cx.rules.allows_anything() || self.prefixes.escapes(digits);
                Judgement::incomplete(Reason::IncompletePrefix, can, true, None)
            }
            PrefixMatch { longest: Some(len), .. } => self.international(cx, (start, start + len), end, None),
            _ => Judgement::new(Reason::NoInternationalPrefix, None),
        }
    }
}

/// Which codes may carry a dial at a point: a star or service code is
/// followed by no other, a carrier code by no code at all, so that readings
/// nest no further.
#[derive(Clone, Copy)]
enum Nesting {
    All,
    Carriers,
    None,
}

impl Nesting {
    fn allows(self, kind: ProcedureKind) -> bool {
        match kind {
            ProcedureKind::ServiceCode => matches!(self, Nesting::All),
            ProcedureKind::CarrierCode => !matches!(self, Nesting::None),
            _ => true,
        }
    }
}

/// The reading kind of a procedure.
fn kind_of(kind: ProcedureKind) -> ReadingKind {
    match kind {
        ProcedureKind::ServiceCode => ReadingKind::StarCode,
        ProcedureKind::CarrierCode => ReadingKind::CarrierCode,
        ProcedureKind::InternationalPrefix => ReadingKind::InternationalPrefix,
        ProcedureKind::NationalPrefix => ReadingKind::NationalPrefix,
        ProcedureKind::CrossBorder => ReadingKind::CrossBorder,
    }
}

/// A reading of a code at token indices `code` (carrying `carried`), within
/// `outer` if any: a chain (a star code carrying a carrier code) is the
/// outer kind, its code read up to the inner one's end.
fn chain(
    outer: Option<ReadingAt>,
    kind: ReadingKind,
    code: (usize, usize),
    carried: Option<(usize, usize)>,
) -> ReadingAt {
    let carried = carried.map(|(a, b)| (a as u16, b as u16));
    match outer {
        Some(o) => ReadingAt {
            code: (o.code.0, code.1 as u16),
            carried,
            ..o
        },
        None => ReadingAt {
            kind,
            code: (code.0 as u16, code.1 as u16),
            carried,
        },
    }
}

fn skip_pauses(t: &[u8], mut at: usize) -> usize {
    while matches!(t.get(at), Some(&(PAUSE | WAIT))) {
        at += 1;
    }
    at
}
