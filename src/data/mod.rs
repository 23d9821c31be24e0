//! Typed access to the generated numbering tables (`tables.rs`).
//!
//! Every read goes through `get`, so a corrupt table yields "nothing" rather
//! than a panic; the data tests check that nothing is ever missing.

#[rustfmt::skip]
mod tables;

use alloc::vec::Vec;

pub use tables::DATA_VERSION;

use crate::number_type::Validity;
use crate::wire::{Reader, Writer};
use tables::*;

/// A region (ISO 3166-1 alpha-2, such as `AR`) or one of the non-geographic
/// calling codes (+800, +881, ...), which libphonenumber calls region `001`.
///
/// ```
/// use dialguard::Region;
///
/// let jamaica = Region::from_id("jm").unwrap();
/// assert_eq!(jamaica.id(), "JM");
/// assert_eq!(jamaica.name(), "Jamaica");
/// assert_eq!(jamaica.calling_code(), 1);
/// assert_eq!(jamaica.international_prefix(), Some("011"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Region(u8);

/// A region is its ISO code (`"AR"`), or `"001"` for a non-geographic code.
impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl Region {
    /// Every region, sorted by ISO code, then the non-geographic codes.
    pub fn all() -> impl ExactSizeIterator<Item = Region> + Clone {
        (0..TERRITORY_COUNT as u8).map(Region)
    }

    /// Every region in the order of their names ("Åland Islands" after
    /// "Afghanistan").
    pub(crate) fn by_name() -> impl Iterator<Item = Region> {
        NAME_ORDER.iter().map(|&i| Region(i))
    }

    /// The geographic region with this ISO 3166-1 alpha-2 code, any case.
    pub fn from_id(id: &str) -> Option<Region> {
        let [a, b] = <[u8; 2]>::try_from(id.as_bytes()).ok()?;
        let key = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        let ids = REGION_IDS.as_bytes();
        let (mut lo, mut hi) = (0, REGION_COUNT);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = [*ids.get(2 * mid)?, *ids.get(2 * mid + 1)?];
            match at.cmp(&key) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(Region(mid as u8)),
            }
        }
        None
    }

    /// The region of a non-geographic calling code (`800`, `881`, ...).
    pub fn non_geographic(code: u16) -> Option<Region> {
        Region::all().skip(REGION_COUNT).find(|r| r.calling_code() == code)
    }

    /// The region at a position of [`Region::all`].
    pub(crate) fn from_index(index: usize) -> Option<Region> {
        u8::try_from(index)
            .ok()
            .filter(|&i| usize::from(i) < TERRITORY_COUNT)
            .map(Region)
    }

    /// Its position in [`Region::all`] (and in the catalog, `regions()`).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// ISO 3166-1 alpha-2 code, or `"001"` for a non-geographic code.
    pub fn id(self) -> &'static str {
        let i = self.index();
        if self.is_geographic() {
            REGION_IDS.get(2 * i..2 * i + 2).unwrap_or("")
        } else {
            "001"
        }
    }

    /// `false` for the non-geographic codes (+800, +881, ...).
    pub fn is_geographic(self) -> bool {
        self.index() < REGION_COUNT
    }

    /// English short name (CLDR): "Argentina", "Côte d’Ivoire",
    /// "International Networks".
    pub fn name(self) -> &'static str {
        self.names().next().unwrap_or("")
    }

    /// The name, then the search aliases ("USA", "UK", "Holy See", ...).
    pub(crate) fn names(self) -> impl Iterator<Item = &'static str> {
        // By hand: `lines` and `split` (even with a closure) cost the
        // WebAssembly more, and a `char` pattern would bring in memchr.
        let mut rest = Some(NAME_LINES.line(self.index())).filter(|l| !l.is_empty());
        core::iter::from_fn(move || {
            let text = rest?;
            match text.bytes().position(|b| b == b'|') {
                Some(i) => {
                    rest = text.get(i + 1..);
                    text.get(..i)
                }
                None => {
                    rest = None;
                    Some(text)
                }
            }
        })
    }

    /// The calling code, as a number: 54 for Argentina.
    pub fn calling_code(self) -> u16 {
        self.code().map_or(0, CallingCode::value)
    }

    pub(crate) fn code(self) -> Option<CallingCode> {
        // Each territory has one calling code: of its own, or shared.
        for &(code, members, _) in &SHARED_CODES {
            if RegionSet::of(members).contains(self) {
                return Some(CallingCode(code));
            }
        }
        let code = CODE_MAIN.iter().position(|&main| main == self.0)?;
        Some(CallingCode(code as u8))
    }

    /// The international prefix this region prefers ("00", "011"; RU's
    /// "8~10" without the wait); `None` for non-geographic codes.
    pub fn international_prefix(self) -> Option<&'static str> {
        let i = REGION_PREFERRED_IDD.get(self.index())?;
        PREFERRED_IDDS.get(usize::from(*i)).copied()
    }

    /// The trunk prefix of national dialing ("0" in the UK, "1" in the
    /// US, "8" in Russia); `None` where there is none (Italy).
    pub fn national_prefix(self) -> Option<&'static str> {
        let i = REGION_NATIONAL_PREFIX.get(self.index())?;
        NATIONAL_PREFIXES.get(usize::from(*i)).copied()
    }

    /// Every international prefix the region uses, as digit-class sequences.
    pub(crate) fn international_prefix_pattern(self) -> Option<DigitPattern> {
        REGION_IDD_PATTERN.get(self.index()).map(|&p| DigitPattern(p))
    }

    /// The region's emergency numbers (libphonenumber's short-number
    /// metadata: `911`, `112`, `000`), as digit-class sequences.
    pub(crate) fn emergency_numbers(self) -> Option<DigitPattern> {
        REGION_EMERGENCY_PATTERN
            .get(self.index())
            .filter(|&&p| p != 0xFF)
            .map(|&p| DigitPattern(p))
    }

    /// The most digits of a local number, dialed without its area code
    /// (libphonenumber's `localOnly` lengths); 0 where there are none.
    pub(crate) fn longest_local(self) -> usize {
        REGION_LOCAL_MAX.get(self.index()).map_or(0, |&n| usize::from(n))
    }

    /// The dialing procedures of the region that libphonenumber does not
    /// carry (`xtask/procedures.tsv`), in the table's order.
    pub(crate) fn procedures(self) -> impl Iterator<Item = Procedure> {
        PROCEDURES
            .iter()
            .filter(move |p| p.5.contains(&self.0))
            .map(|&(kind, code, next, to_code, to_digits, _)| Procedure {
                kind: ProcedureKind::from_index(kind).unwrap_or(ProcedureKind::ServiceCode),
                code: code.to_vec(),
                next,
                to: CallingCode::from_value(to_code).map(|c| (c, to_digits.as_bytes().to_vec())),
            })
    }
}

/// What follows a dialing procedure's code (docs/contract.md §4 step 5 C).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ProcedureKind {
    /// Carrier selection, dial-around, override: a dial of its own follows.
    CarrierCode,
    /// An international prefix the numbering data lacks: a calling code follows.
    InternationalPrefix,
    /// A national prefix the numbering data lacks (or none at all): a
    /// national number of the home region follows.
    NationalPrefix,
    /// A national access code that reaches another calling code.
    CrossBorder,
    /// A vertical service code dialed without a star (NANP rotary `11XX`):
    /// a dial of its own follows, as after the star code.
    ServiceCode,
}

/// One dialing procedure of a home region. Owned, not borrowed from the
/// table: a compiled policy carries its home region's procedures.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Procedure {
    pub kind: ProcedureKind,
    /// Digit classes (bit d: digit d); empty for "no prefix at all".
    pub code: Vec<u16>,
    /// The class the digit after the code must be in; 0: any.
    pub next: u16,
    /// Cross-border: the calling code and the national digits (ASCII) the
    /// rest follows.
    pub to: Option<(CallingCode, Vec<u8>)>,
}

impl ProcedureKind {
    /// In the order of the procedures table's (and a compiled policy's)
    /// kind numbers.
    const ALL: [ProcedureKind; 5] = [
        ProcedureKind::CarrierCode,
        ProcedureKind::InternationalPrefix,
        ProcedureKind::NationalPrefix,
        ProcedureKind::CrossBorder,
        ProcedureKind::ServiceCode,
    ];

    fn from_index(n: u8) -> Option<ProcedureKind> {
        ProcedureKind::ALL.get(usize::from(n)).copied()
    }

    fn index(self) -> u8 {
        ProcedureKind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u8
    }
}

impl Procedure {
    /// Writes the procedure into a compiled policy.
    pub fn write_to(&self, w: &mut Writer) {
        w.u8(self.kind.index());
        w.classes(&self.code);
        w.varint(u32::from(self.next));
        match &self.to {
            None => w.varint(0),
            Some((code, digits)) => {
                w.varint(u32::from(code.value()));
                w.digits(digits);
            }
        }
    }

    /// `None` when the bytes name no kind (the reader is then malformed).
    pub fn read_from(r: &mut Reader<'_>) -> Option<Procedure> {
        let kind = ProcedureKind::from_index(r.u8());
        let code = r.classes();
        let next = r.class();
        let to = match r.varint() {
            0 => None,
            value => {
                let code = u16::try_from(value).ok().and_then(CallingCode::from_value);
                r.require(code.is_some());
                code.map(|code| (code, r.digits().to_vec()))
            }
        };
        r.require(kind.is_some());
        Some(Procedure {
            kind: kind?,
            code,
            next,
            to,
        })
    }
}

/// How digits meet a [`Procedure`]'s code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ProcedureMatch {
    /// The code is the first `len` digits (and the next digit, if any, fits).
    Full(usize),
    /// The digits end inside the code, or right after it where a next digit is required.
    Partial,
    None,
}

impl Procedure {
    /// How ASCII `digits` meet the code.
    pub fn find(&self, digits: &[u8]) -> ProcedureMatch {
        let in_class = |class: u16, d: u8| d.is_ascii_digit() && class & (1 << (d - b'0')) != 0;
        for (i, &class) in self.code.iter().enumerate() {
            match digits.get(i) {
                None => return ProcedureMatch::Partial,
                Some(&d) if !in_class(class, d) => return ProcedureMatch::None,
                Some(_) => {}
            }
        }
        let len = self.code.len();
        match digits.get(len) {
            _ if self.next == 0 => ProcedureMatch::Full(len),
            None => ProcedureMatch::Partial,
            Some(&d) if in_class(self.next, d) => ProcedureMatch::Full(len),
            Some(_) => ProcedureMatch::None,
        }
    }
}

impl Region {
    /// The star codes that carry a number on the region's PBXs and
    /// networks (`*72`: call forwarding to the number after it).
    pub(crate) fn star_codes(self) -> impl Iterator<Item = &'static str> {
        STAR_CODES
            .iter()
            .filter(move |(_, regions)| regions.contains(&self.0))
            .map(|&(code, _)| code)
    }
}

/// A range that the numbering data files under one region but that serves
/// a territory of its own (`xtask/territories.tsv`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FiledTerritory {
    pub code: u16,
    pub leading: &'static str,
    pub name: &'static str,
    pub filed_under: Region,
}

/// Every row of `xtask/territories.tsv`.
pub(crate) fn filed_territories() -> impl Iterator<Item = FiledTerritory> {
    TERRITORIES.iter().map(|&(code, leading, name, region)| FiledTerritory {
        code,
        leading,
        name,
        filed_under: Region(region),
    })
}

fn slice(items: &'static [u8], starts: &[u8], i: usize) -> &'static [u8] {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&a), Some(&b)) => items.get(usize::from(a)..usize::from(b)).unwrap_or(&[]),
        _ => &[],
    }
}

/// Most digits after the international prefix (E.164: 15).
pub(crate) const MAX_DIGITS: usize = 15;

/// A set of regions as bits, by region index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RegionBits([u64; 4]);

impl RegionBits {
    pub fn insert(&mut self, r: Region) {
        if let Some(word) = self.0.get_mut(r.index() / 64) {
            *word |= 1 << (r.index() % 64);
        }
    }
    pub fn contains(&self, r: Region) -> bool {
        self.0
            .get(r.index() / 64)
            .is_some_and(|w| w & (1 << (r.index() % 64)) != 0)
    }
    pub fn any(&self, set: RegionSet) -> bool {
        set.iter().any(|r| self.contains(r))
    }
}

/// A set of regions from the tables (candidates of a range, the members of
/// a calling code), in calling-code order: main region first.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct RegionSet(&'static [u8]);

impl RegionSet {
    pub fn iter(self) -> impl ExactSizeIterator<Item = Region> + Clone {
        self.0.iter().map(|&i| Region(i))
    }
    #[allow(clippy::manual_contains)]
    pub fn contains(self, r: Region) -> bool {
        // Not `<[u8]>::contains`, whose memchr is large and no faster on
        // sets this small.
        self.0.iter().any(|&i| i == r.0)
    }
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
    pub fn len(self) -> usize {
        self.0.len()
    }
    /// Set `id` of `SETS`.
    fn of(id: u8) -> RegionSet {
        RegionSet(slice(&SETS, &SET_STARTS, usize::from(id)))
    }
}

/// Assigned calling codes (all below 1000) as bits of 16 words of 64.
static CODE_BITS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let (mut i, mut page) = (0, 0);
    while i < CALLING_CODE_LOW.len() {
        while page < CALLING_CODE_PAGES.len() && i >= CALLING_CODE_PAGES[page] as usize {
            page += 1;
        }
        let code = CALLING_CODE_LOW[i] as usize + 256 * page;
        bits[code / 64] |= 1 << (code % 64);
        i += 1;
    }
    bits
};

/// Number of assigned codes in the words before each word of `CODE_BITS`.
static CODES_BEFORE_WORD: [u8; 16] = {
    let mut before = [0u8; 16];
    let mut word = 1;
    while word < 16 {
        before[word] = before[word - 1] + CODE_BITS[word - 1].count_ones() as u8;
        word += 1;
    }
    before
};

/// An assigned calling code (index into the sorted code list).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub(crate) struct CallingCode(u8);

/// What the digits after an international prefix say about the calling code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CodeMatch {
    /// This code, spelled by the first `len` digits.
    Code(CallingCode, usize),
    /// The digits are a proper prefix of some code(s).
    Partial,
    /// No code starts with these digits.
    Unassigned,
}

/// A calling code's ASCII digits ([`CallingCode::digits`]): all three
/// places, and where the code's own begin.
#[derive(Clone, Copy)]
pub(crate) struct CodeDigits([u8; 3], u8);

impl CodeDigits {
    pub fn as_bytes(&self) -> &[u8] {
        self.0.get(usize::from(self.1)..).unwrap_or(&[])
    }
}

impl CallingCode {
    pub fn all() -> impl ExactSizeIterator<Item = CallingCode> + Clone {
        (0..CALLING_CODE_LOW.len() as u8).map(CallingCode)
    }

    pub fn from_value(value: u16) -> Option<CallingCode> {
        // A bit test and a popcount: the index is the number of codes below.
        let (word, bit) = (usize::from(value / 64), value % 64);
        let bits = *CODE_BITS.get(word)?;
        if bits & (1 << bit) == 0 {
            return None;
        }
        let below = CODES_BEFORE_WORD.get(word)? + (bits & ((1 << bit) - 1)).count_ones() as u8;
        Some(CallingCode(below))
    }

    pub fn value(self) -> u16 {
        let mut value = u16::from(CALLING_CODE_LOW.get(self.index()).copied().unwrap_or(0));
        for &start in &CALLING_CODE_PAGES {
            if self.0 >= start {
                value += 256;
            }
        }
        value
    }

    /// The fewest national digits a number of this code has.
    pub fn min_length(self) -> usize {
        CODE_MIN_LENGTH.get(self.index()).map_or(0, |&n| usize::from(n))
    }

    /// Number of decimal digits (1 to 3).
    pub fn len(self) -> usize {
        match self.value() {
            0..=9 => 1,
            10..=99 => 2,
            _ => 3,
        }
    }

    /// The code's ASCII digits, without a heap string.
    pub(crate) fn digits(self) -> CodeDigits {
        let value = self.value();
        let all = [
            b'0' + (value / 100 % 10) as u8,
            b'0' + (value / 10 % 10) as u8,
            b'0' + (value % 10) as u8,
        ];
        let start = match value {
            0..=9 => 2,
            10..=99 => 1,
            _ => 0,
        };
        CodeDigits(all, start)
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    /// E.164 codes are prefix-free, so at most one code starts `digits`
    /// (ASCII digits after the international prefix).
    pub fn match_digits(digits: &[u8]) -> CodeMatch {
        let mut value = 0u16;
        for (n, &d) in digits.iter().take(3).enumerate() {
            value = value * 10 + u16::from(d.wrapping_sub(b'0'));
            if let Some(code) = CallingCode::from_value(value) {
                return CodeMatch::Code(code, n + 1);
            }
        }
        if digits.len() >= 3 {
            return CodeMatch::Unassigned;
        }
        // A proper prefix of some longer code?
        let k = digits.len();
        let partial = CallingCode::all().any(|c| {
            let len = c.len();
            len > k && c.value() / 10u16.pow((len - k) as u32) == value
        });
        if partial {
            CodeMatch::Partial
        } else {
            CodeMatch::Unassigned
        }
    }

    /// The regions of this code, main region first.
    pub fn regions(self) -> RegionSet {
        match self.shared() {
            Some(&(_, members, _)) => RegionSet::of(members),
            None => self.main_only(),
        }
    }

    /// Where a walk over national digits starts.
    pub fn ranges(self) -> RangeStep {
        match self.shared() {
            Some(&(_, _, root)) => RangeStep::Node(RangeNode(root)),
            None => RangeStep::Leaf(self.main_only()),
        }
    }

    /// A shared code's entry in `SHARED_CODES`.
    fn shared(self) -> Option<&'static (u8, u8, u8)> {
        SHARED_CODES.iter().find(|&&(code, _, _)| code == self.0)
    }

    /// The main region alone (a code's only region, unless it is shared).
    fn main_only(self) -> RegionSet {
        RegionSet(CODE_MAIN.get(self.index()..self.index() + 1).unwrap_or(&[]))
    }

    /// The regions that can own a national number starting with `national`
    /// (ASCII digits): narrowed as far as the digits go.
    pub fn candidates(self, national: &[u8]) -> RegionSet {
        self.narrow(national).0
    }

    /// [`candidates`](Self::candidates), and whether they are final: more
    /// digits cannot narrow them further.
    pub fn narrow(self, national: &[u8]) -> (RegionSet, bool) {
        let mut step = self.ranges();
        for &d in national {
            match step {
                RangeStep::Node(node) => step = node.child(d.wrapping_sub(b'0')),
                RangeStep::Leaf(_) => break,
            }
        }
        match step {
            RangeStep::Node(node) => (node.own_set(), false),
            RangeStep::Leaf(set) => (set, true),
        }
    }
}

/// A position in a calling code's range trie.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RangeStep {
    Node(RangeNode),
    /// Every number below has these candidates.
    Leaf(RegionSet),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct RangeNode(u8);

impl RangeNode {
    /// Number of range nodes: [`RangeNode::index`] is below it.
    pub const COUNT: usize = RANGE_NODES.len();

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn child(self, digit: u8) -> RangeStep {
        let entry = RANGE_NODES
            .get(self.index())
            .and_then(|c| c.get(usize::from(digit)))
            .copied()
            .unwrap_or(LEAF_FROM);
        match entry.checked_sub(LEAF_FROM) {
            Some(set) => RangeStep::Leaf(RegionSet::of(set)),
            // A node is stored after its children: `entry + 1` places back.
            None => RangeStep::Node(RangeNode(self.0.wrapping_sub(entry + 1))),
        }
    }

    /// Candidates of the prefix that ends at this node.
    pub fn own_set(self) -> RegionSet {
        RegionSet::of(RANGE_NODE_SET.get(self.index()).copied().unwrap_or(0))
    }
}

/// A set of number types: bit i is the i-th type of `TYPE_SETS`' doc
/// (fixed line 0, mobile 1, ... unknown 10), as [`crate::NumberType`] names
/// them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub(crate) struct TypeSet(pub u16);

impl TypeSet {
    /// What a corrupt table read yields: every type, so that any block
    /// applies (fail closed).
    pub const ALL: TypeSet = TypeSet(0x7FF);
    /// A string that is no number of its region (libphonenumber's
    /// `UNKNOWN`: invalid).
    pub const UNKNOWN: TypeSet = TypeSet(1 << 10);

    pub fn intersects(self, other: TypeSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// A regular subtree of a number-type trie: every string below whose length
/// (in digits after the leaf) is in `lengths` (bit r) is a complete number
/// of the types `set`; no other string below is a number. `lengths` 0: a
/// gap, or past the longest number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct TypeLeaf {
    pub set: TypeSet,
    pub lengths: u32,
}

impl TypeLeaf {
    pub const INVALID: TypeLeaf = TypeLeaf {
        set: TypeSet::UNKNOWN,
        lengths: 0,
    };
    /// What a corrupt table read yields: every type, at every length.
    const ALL: TypeLeaf = TypeLeaf {
        set: TypeSet::ALL,
        lengths: u32::MAX,
    };

    fn palette(index: u16) -> TypeLeaf {
        let index = usize::from(index);
        match (TYPE_SETS.get(index), TYPE_LENGTHS.get(index)) {
            (Some(&set), Some(&lengths)) => TypeLeaf {
                set: TypeSet(set),
                lengths,
            },
            _ => TypeLeaf::ALL,
        }
    }

    /// The leaf one digit further down.
    pub fn child(self) -> TypeLeaf {
        match self.lengths >> 1 {
            0 => TypeLeaf::INVALID,
            lengths => TypeLeaf { lengths, ..self },
        }
    }

    /// The types of the digits that reach the leaf as a complete number.
    pub fn own(self) -> Option<TypeSet> {
        (self.lengths & 1 == 1).then_some(self.set)
    }

    /// The types the digits decide: the leaf's while a number is still
    /// ahead, else none (invalid).
    pub fn decided(self) -> TypeSet {
        match self.lengths {
            0 => TypeSet::UNKNOWN,
            _ => self.set,
        }
    }
}

/// The number-type tries of every calling code (`TYPE_BITS`), decoded.
/// The tables ship them as a bit stream read front to back; a policy
/// decodes them once into this table, which is walked a digit at a time.
#[derive(Clone, Debug, Default)]
pub(crate) struct NumberTypes {
    /// Ten children per node (child d of node n at 10 n + d): a node
    /// number, or [`LEAF`] plus a leaf's index in `TYPE_SETS`.
    children: Vec<u16>,
    /// Each node's own type set (a `TYPE_SETS` index), or [`NO_SET`].
    own: Vec<u16>,
    /// The root of each calling code's trie, as a child is; none for a
    /// code a policy's table leaves out.
    roots: Vec<Option<u16>>,
}

/// A child that is a leaf: this plus a `TYPE_SETS` index.
const LEAF: u16 = 0x8000;
/// A leaf of every type: what a corrupt stream decodes to (fail closed).
const LEAF_OF_ALL: u16 = LEAF | 0x7FFF;
const NO_SET: u16 = 0xFFFF;
/// The own set of a node still being read (see [`NumberTypes::value`]).
const OPEN: u16 = 0xFFFE;
/// Deeper than any national number: a stream that nests further is corrupt.
const MAX_NESTING: usize = 24;

/// A position in a calling code's number-type trie.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TypeStep {
    /// A node number of [`NumberTypes`].
    Node(u16),
    Leaf(TypeLeaf),
}

impl NumberTypes {
    /// The tries, decoded once (by the first policy) and shared by every
    /// policy after it.
    pub fn shared() -> &'static NumberTypes {
        static DECODED: once_cell::race::OnceBox<NumberTypes> = once_cell::race::OnceBox::new();
        DECODED.get_or_init(|| alloc::boxed::Box::new(NumberTypes::decode()))
    }

    fn decode() -> NumberTypes {
        let mut types = NumberTypes {
            children: Vec::with_capacity(10 * TYPE_NODES),
            own: Vec::with_capacity(TYPE_NODES),
            roots: Vec::with_capacity(CALLING_CODE_LOW.len()),
        };
        let mut bits = Bits(0);
        for _ in 0..CALLING_CODE_LOW.len() {
            let root = types.value(&mut bits, 0);
            types.roots.push(Some(root));
        }
        types
    }

    /// Reads a value: a leaf, a reference, or a new node with its subtree.
    fn value(&mut self, bits: &mut Bits, nesting: usize) -> u16 {
        let symbol = bits.symbol();
        let leaves = TYPE_SETS.len();
        if symbol < leaves {
            return LEAF | symbol as u16;
        }
        if symbol == leaves + 1 {
            // Only a node read to its end: a reference to one still open
            // (its ancestor) would make a cycle.
            let node = bits.take(TYPE_REF_BITS);
            let done = self.own.get(node).is_some_and(|&own| own != OPEN);
            return if done { node as u16 } else { LEAF_OF_ALL };
        }
        if symbol != leaves || nesting > MAX_NESTING || self.len() >= TYPE_NODES {
            return LEAF_OF_ALL;
        }
        let node = self.len();
        self.children.extend([LEAF_OF_ALL; 10]);
        self.own.push(OPEN);
        let mask = bits.take(TYPE_MASK_BITS);
        let mut own = NO_SET;
        if bits.take(1) == 1 {
            let value = self.value(bits, nesting + 1);
            // Not a leaf: corrupt, and an index past TYPE_SETS is all types.
            own = if value & LEAF != 0 && value != LEAF_OF_ALL {
                value & !LEAF
            } else {
                OPEN - 1
            };
        }
        let mut child = self.value(bits, nesting + 1);
        for digit in 0..10 {
            if digit > 0 && mask & 1 << (digit - 1) != 0 {
                child = self.value(bits, nesting + 1);
            }
            if let Some(slot) = self.children.get_mut(10 * node + digit) {
                *slot = child;
            }
        }
        if let Some(slot) = self.own.get_mut(node) {
            *slot = own;
        }
        node as u16
    }

    fn step(entry: u16) -> TypeStep {
        if entry & LEAF != 0 {
            TypeStep::Leaf(TypeLeaf::palette(entry & !LEAF))
        } else {
            TypeStep::Node(entry)
        }
    }

    /// Where the walk of a calling code's national digits starts.
    pub fn root(&self, code: CallingCode) -> TypeStep {
        Self::step(self.roots.get(code.index()).copied().flatten().unwrap_or(LEAF_OF_ALL))
    }

    /// The step after `digit` (0-9).
    pub fn child(&self, step: TypeStep, digit: u8) -> TypeStep {
        match step {
            TypeStep::Node(node) => Self::step(
                self.children
                    .get(10 * usize::from(node) + usize::from(digit.min(9)))
                    .copied()
                    .unwrap_or(LEAF_OF_ALL),
            ),
            TypeStep::Leaf(leaf) => TypeStep::Leaf(leaf.child()),
        }
    }

    /// The type set of a node's own prefix, when it is a complete number.
    pub fn own(&self, node: u16) -> Option<TypeSet> {
        match self.own.get(usize::from(node)).copied().unwrap_or(NO_SET) {
            NO_SET => None,
            p => Some(TypeLeaf::palette(p).set),
        }
    }

    /// What ASCII national digits of `code` are: the types they decide
    /// (the leaf they reach, none past its longest number; or where they
    /// end, the own set of a complete number, though more digits could
    /// make it another), and how far the number has come. On every check:
    /// raw entries, no [`TypeStep`].
    pub fn read(&self, code: CallingCode, digits: &[u8]) -> Option<(Option<TypeSet>, Validity)> {
        let mut entry = (*self.roots.get(code.index())?)?;
        let mut below = 0;
        for (k, &d) in digits.iter().enumerate() {
            if entry & LEAF != 0 {
                below = digits.len() - k;
                break;
            }
            entry = *self
                .children
                .get(10 * usize::from(entry) + usize::from(d.wrapping_sub(b'0')))?;
        }
        if entry & LEAF == 0 {
            // A node has numbers below it (or it would be a leaf).
            return Some(match self.own(entry) {
                Some(set) if !set.intersects(TypeSet::UNKNOWN) => (Some(set), Validity::ValidMayContinue),
                own => (own, Validity::TooShort),
            });
        }
        let leaf = TypeLeaf::palette(entry & !LEAF);
        let ahead = leaf.lengths.checked_shr(below as u32).unwrap_or(0);
        let longer = ahead >> 1 != 0;
        let complete = ahead & 1 == 1 && !leaf.set.intersects(TypeSet::UNKNOWN);
        let validity = match (complete, longer) {
            (true, true) => Validity::ValidMayContinue,
            (true, false) => Validity::Valid,
            (false, true) => Validity::TooShort,
            (false, false) => Validity::Invalid,
        };
        Some((Some(if ahead == 0 { TypeSet::UNKNOWN } else { leaf.set }), validity))
    }

    /// Number of nodes: node numbers are below it.
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// The tries of `codes` alone, numbered in the order a walk from each
    /// root (codes in order, digits in order) first meets their nodes:
    /// what a compiled policy carries.
    pub fn only(&self, codes: &CodeSet) -> NumberTypes {
        let mut out = NumberTypes {
            children: Vec::new(),
            own: Vec::new(),
            roots: alloc::vec![None; self.roots.len()],
        };
        let mut renumbered = alloc::vec![NO_SET; self.len()];
        for code in CallingCode::all().filter(|&c| codes.contains(c)) {
            if let Some(&Some(root)) = self.roots.get(code.index()) {
                let root = out.copy_from(self, root, &mut renumbered);
                if let Some(slot) = out.roots.get_mut(code.index()) {
                    *slot = Some(root);
                }
            }
        }
        out
    }

    /// Copies the subtree of `entry` in `from`, once (`renumbered`: the
    /// node each of `from`'s already is here).
    fn copy_from(&mut self, from: &NumberTypes, entry: u16, renumbered: &mut [u16]) -> u16 {
        if entry & LEAF != 0 {
            return entry;
        }
        match renumbered.get(usize::from(entry)) {
            Some(&NO_SET) => {}
            Some(&done) => return done,
            None => return LEAF_OF_ALL,
        }
        let node = self.len() as u16;
        if let Some(slot) = renumbered.get_mut(usize::from(entry)) {
            *slot = node;
        }
        self.own
            .push(from.own.get(usize::from(entry)).copied().unwrap_or(NO_SET));
        self.children.extend([LEAF_OF_ALL; 10]);
        for digit in 0..10 {
            let child = from
                .children
                .get(10 * usize::from(entry) + digit)
                .copied()
                .unwrap_or(LEAF_OF_ALL);
            let child = self.copy_from(from, child, renumbered);
            if let Some(slot) = self.children.get_mut(10 * usize::from(node) + digit) {
                *slot = child;
            }
        }
        node
    }

    /// Writes the tries into a compiled policy's bytes: the codes that have
    /// one, as a count and (calling code, entry) pairs. An entry is 0 and
    /// a node first met here, written in place; 2 × a palette index + 1
    /// (a leaf); or 2 × (1 + the number of a node met before), numbered in
    /// the order they are written. A node is its own set (0, or 1 + its
    /// palette index), a mask of the digits 1-9 whose child differs from
    /// the digit before's, and those children.
    pub fn write_to(&self, w: &mut Writer) {
        let roots: Vec<(CallingCode, u16)> = CallingCode::all()
            .filter_map(|c| Some((c, (*self.roots.get(c.index())?)?)))
            .collect();
        let mut numbers = alloc::vec![u32::MAX; self.len()];
        let mut written = 0;
        w.varint(roots.len() as u32);
        for (code, root) in roots {
            w.varint(u32::from(code.value()));
            self.write_entry(w, root, &mut numbers, &mut written);
        }
    }

    fn write_entry(&self, w: &mut Writer, entry: u16, numbers: &mut [u32], written: &mut u32) {
        if entry & LEAF != 0 {
            return w.varint(u32::from(entry & !LEAF) << 1 | 1);
        }
        let node = usize::from(entry);
        match numbers.get(node) {
            Some(&n) if n != u32::MAX => return w.varint((n + 1) << 1),
            Some(_) => {}
            None => return w.varint(u32::from(LEAF_OF_ALL & !LEAF) << 1 | 1),
        }
        if let Some(slot) = numbers.get_mut(node) {
            *slot = *written;
        }
        *written += 1;
        w.varint(0);
        let own = self.own.get(node).copied().unwrap_or(NO_SET);
        w.varint(if own == NO_SET { 0 } else { u32::from(own) + 1 });
        let children = self.children.get(10 * node..10 * node + 10).unwrap_or(&[]);
        let mask = (1..children.len())
            .filter(|&d| children.get(d) != children.get(d - 1))
            .fold(0, |mask, d| mask | 1 << (d - 1));
        w.varint(mask);
        for (d, &child) in children.iter().enumerate() {
            if d == 0 || mask & 1 << (d - 1) != 0 {
                self.write_entry(w, child, numbers, written);
            }
        }
    }

    /// Reads what [`write_to`](Self::write_to) wrote, every value checked:
    /// assigned calling codes in order, palette indices in the palette,
    /// masks naming real changes, references to nodes read to their end
    /// (so no path comes back to itself), nesting at most [`MAX_NESTING`]
    /// deep: what is read is in the one form the writer gives.
    pub fn read_from(r: &mut Reader<'_>) -> NumberTypes {
        let mut types = NumberTypes {
            roots: alloc::vec![None; CALLING_CODE_LOW.len()],
            ..NumberTypes::default()
        };
        r.by_code(|r, code| {
            let root = types.read_entry(r, 0);
            if let Some(slot) = types.roots.get_mut(code.index()) {
                *slot = Some(root);
            }
        });
        types
    }

    /// An entry; once the bytes are malformed, the leaf of no type (and
    /// nothing more is read).
    fn read_entry(&mut self, r: &mut Reader<'_>, nesting: usize) -> u16 {
        let v = r.varint();
        let index = (v >> 1) as usize;
        if !r.ok() {
            return LEAF;
        }
        if v & 1 == 1 {
            r.require(index < TYPE_SETS.len());
            return LEAF | index as u16;
        }
        if v != 0 {
            let node = index - 1;
            r.require(matches!(self.own.get(node), Some(&own) if own != OPEN));
            return node as u16;
        }
        if nesting > MAX_NESTING || self.len() >= TYPE_NODES {
            r.require(false);
            return LEAF;
        }
        let node = self.len();
        self.own.push(OPEN);
        self.children.extend([LEAF_OF_ALL; 10]);
        let own = match r.varint() {
            0 => NO_SET,
            p if (p as usize) <= TYPE_SETS.len() => (p - 1) as u16,
            _ => {
                r.require(false);
                NO_SET
            }
        };
        let mask = r.varint();
        r.require(mask < 1 << 9);
        let mut child = self.read_entry(r, nesting + 1);
        for d in 0..10 {
            if d > 0 && mask & 1 << (d - 1) != 0 {
                let changed = self.read_entry(r, nesting + 1);
                // A change to the same child is another spelling.
                r.require(changed != child);
                child = changed;
            }
            if let Some(slot) = self.children.get_mut(10 * node + d) {
                *slot = child;
            }
        }
        if let Some(slot) = self.own.get_mut(node) {
            *slot = own;
        }
        node as u16
    }

    /// The calling codes whose tries the table has.
    pub fn codes(&self) -> CodeSet {
        let mut codes = CodeSet::default();
        for code in CallingCode::all() {
            if self.roots.get(code.index()).is_some_and(Option::is_some) {
                codes.insert(code);
            }
        }
        codes
    }
}

/// A set of calling codes.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub(crate) struct CodeSet([u64; 4]);

impl CodeSet {
    /// Every assigned code.
    pub fn all() -> CodeSet {
        let mut codes = CodeSet::default();
        codes.extend(CallingCode::all());
        codes
    }

    pub fn insert(&mut self, c: CallingCode) {
        if let Some(word) = self.0.get_mut(c.index() / 64) {
            *word |= 1 << (c.index() % 64);
        }
    }

    pub fn extend(&mut self, codes: impl IntoIterator<Item = CallingCode>) {
        codes.into_iter().for_each(|c| self.insert(c));
    }

    pub fn contains(&self, c: CallingCode) -> bool {
        self.0
            .get(c.index() / 64)
            .is_some_and(|w| w >> (c.index() % 64) & 1 == 1)
    }
}

/// Reads `TYPE_BITS` from a bit position on; past the end, zeros.
struct Bits(usize);

impl Bits {
    fn take(&mut self, n: u32) -> usize {
        let mut value = 0;
        for i in 0..n {
            let byte = TYPE_BITS.get(self.0 / 8).copied().unwrap_or(0);
            value |= usize::from(byte >> (self.0 % 8) & 1) << i;
            self.0 += 1;
        }
        value
    }

    /// A canonical Huffman symbol, its code read first bit first; past
    /// the longest code, one no table names (fail closed).
    fn symbol(&mut self) -> usize {
        let (mut code, mut first, mut index) = (0, 0, 0);
        for &count in TYPE_CODE_COUNTS.iter().skip(1) {
            code |= self.take(1);
            let count = usize::from(count);
            if code < first + count {
                return TYPE_CODE_SYMBOLS
                    .get(index + code - first)
                    .map_or(usize::MAX, |&s| usize::from(s));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        usize::MAX
    }
}

impl Region {
    /// Each number type the region has, with the leading digits of its
    /// example number at which the type is decided (Latvia: premium rate
    /// `"90"`… ), as `(type bit, digits)`.
    pub(crate) fn type_ranges(self) -> impl Iterator<Item = (u8, &'static str)> {
        let line = TYPE_LINES.line(self.index());
        let mut rest = line.as_bytes();
        core::iter::from_fn(move || {
            let (&letter, after) = rest.split_first()?;
            let digits = after.iter().position(|b| !b.is_ascii_digit()).unwrap_or(after.len());
            let start = line.len() - after.len();
            rest = after.get(digits..).unwrap_or(&[]);
            Some((letter.wrapping_sub(b'a'), line.get(start..start + digits).unwrap_or("")))
        })
    }
}

static NAME_LINES: Lines = Lines::new(NAMES);
static TYPE_LINES: Lines = Lines::new(REGION_TYPES);

/// A table of lines (each ended by `\n`), one per region, and where each
/// line starts, found on first use: a name search reads every region's
/// line, and finding each by a scan from the top made it quadratic.
struct Lines {
    text: &'static str,
    starts: once_cell::race::OnceBox<Vec<usize>>,
}

impl Lines {
    const fn new(text: &'static str) -> Lines {
        Lines {
            text,
            starts: once_cell::race::OnceBox::new(),
        }
    }

    /// Line `i`, without the break ("" past the last).
    fn line(&self, i: usize) -> &'static str {
        let starts = self.starts.get_or_init(|| {
            // A plain loop, as `lines` would bring `memchr` into the WebAssembly.
            let mut starts = alloc::vec![0];
            for (at, b) in self.text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(at + 1);
                }
            }
            alloc::boxed::Box::new(starts)
        });
        match (starts.get(i), starts.get(i + 1)) {
            (Some(&start), Some(&next)) => self.text.get(start..next - 1).unwrap_or(""),
            _ => "",
        }
    }
}

/// A finite set of digit strings (a region's international prefixes, its
/// emergency numbers) as digit-class sequences (bit d of a class set = digit
/// d matches).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct DigitPattern(u8);

impl DigitPattern {
    pub fn sequences(self) -> impl Iterator<Item = &'static [u16]> {
        // Lengths are stored, not offsets (they fit a byte): add them up.
        let p = usize::from(self.0);
        let mut first = 0;
        for &n in PATTERN_LENS.get(..p).unwrap_or(&[]) {
            first += usize::from(n);
        }
        let count = PATTERN_LENS.get(p).map_or(0, |&n| usize::from(n));
        let mut start = 0;
        for &n in PATTERN_SEQUENCE_LENS.get(..first).unwrap_or(&[]) {
            start += usize::from(n);
        }
        let lens = PATTERN_SEQUENCE_LENS.get(first..first + count).unwrap_or(&[]);
        lens.iter().map(move |&len| {
            let sequence = PATTERN_CLASSES.get(start..start + usize::from(len)).unwrap_or(&[]);
            start += usize::from(len);
            sequence
        })
    }
}

/// The value of a Unicode decimal digit (category Nd), ASCII or not.
pub(crate) fn decimal_digit(c: u32) -> Option<u8> {
    if (0x30..=0x39).contains(&c) {
        return Some((c - 0x30) as u8);
    }
    let block = DIGIT_ZEROS.partition_point(|&zero| zero <= c).checked_sub(1)?;
    let offset = c - DIGIT_ZEROS.get(block)?;
    (offset < 10).then_some(offset as u8)
}

/// Lowercase ASCII letter for search: ASCII letters, and Latin letters
/// with diacritics ("É" -> 'e'); `None` for anything else.
pub(crate) fn fold_letter(c: char) -> Option<u8> {
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    let i = u32::from(c).checked_sub(LATIN_FOLD_FIRST)?;
    LATIN_FOLD.get(i as usize).copied().filter(|&b| b != 0)
}

#[cfg(test)]
mod tests;
