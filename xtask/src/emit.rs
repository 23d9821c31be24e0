//! Builds the crate's data tables and renders them as Rust source.
//!
//! The layout is documented in the generated file itself; `src/data/mod.rs`
//! is its only reader. Variable-length lists are stored flat with a `STARTS`
//! array of n + 1 offsets (list i is `ITEMS[STARTS[i]..STARTS[i + 1]]`),
//! which keeps the shipped WebAssembly small.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::automaton::Pattern;
use crate::metadata::Territory;
use crate::{idd, number_types, procedures, ranges, unicode, Source};

/// Child tag while flattening range tries: the child is an inner node, not
/// a set.
const NODE: u16 = 0x8000;
/// A region without a national prefix.
const NONE: u8 = 0xFF;

/// The index of `set` in `sets`, added if new.
fn set_id(sets: &mut Vec<Vec<u8>>, set: Vec<u8>) -> usize {
    sets.iter().position(|s| *s == set).unwrap_or_else(|| {
        sets.push(set);
        sets.len() - 1
    })
}

/// English names and search aliases, keyed by ISO code or "+800".
pub struct Names(BTreeMap<String, (String, Vec<String>)>);

impl Names {
    pub fn parse(tsv: &str) -> Result<Names, String> {
        let mut map = BTreeMap::new();
        for (n, line) in tsv
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        {
            let mut cols = line.split('\t');
            let (Some(key), Some(name)) = (cols.next(), cols.next()) else {
                return Err(format!("regions.tsv:{}: expected id<TAB>name<TAB>aliases", n + 1));
            };
            let aliases = cols
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            if map.insert(key.to_string(), (name.to_string(), aliases)).is_some() {
                return Err(format!("regions.tsv:{}: {key} listed twice", n + 1));
            }
        }
        Ok(Names(map))
    }

    fn get(&self, t: &Territory) -> Result<&(String, Vec<String>), String> {
        let key = if t.id == "001" {
            format!("+{}", t.calling_code)
        } else {
            t.id.clone()
        };
        self.0
            .get(&key)
            .ok_or_else(|| format!("regions.tsv has no row for {key}"))
    }
}

/// The texts of the project's own tables (see [`procedures`]), and the
/// emergency numbers of each region (libphonenumber's short-number
/// metadata).
pub struct OwnTables {
    pub procedures: String,
    pub territories: String,
    pub emergency: BTreeMap<String, String>,
}

pub fn render(
    source: &Source,
    all: &[Territory],
    names: &Names,
    decimal_digits: &str,
    own: &OwnTables,
) -> Result<String, String> {
    // Regions by ISO code, then the non-geographic codes by calling code.
    let mut territories: Vec<&Territory> = all.iter().collect();
    territories.sort_by_key(|t| (t.id == "001", t.id.clone(), t.calling_code));
    let region_count = territories.iter().filter(|t| t.id != "001").count();
    for pair in territories[..region_count].windows(2) {
        if pair[0].id == pair[1].id {
            return Err(format!("region {} appears twice", pair[0].id));
        }
    }
    if territories
        .iter()
        .any(|t| t.id != "001" && (t.id.len() != 2 || !t.id.bytes().all(|b| b.is_ascii_uppercase())))
    {
        return Err("a territory id is neither ISO alpha-2 nor 001".into());
    }
    let index_of = |t: &Territory| territories.iter().position(|u| std::ptr::eq(*u, t)).unwrap_or(0);

    // Calling codes, each with its territories, main first.
    let mut codes: BTreeMap<u16, Vec<&Territory>> = BTreeMap::new();
    for t in &territories {
        codes.entry(t.calling_code).or_default().push(t);
    }
    for (code, members) in codes.iter_mut() {
        if members.len() > 1 {
            let mains: Vec<usize> = (0..members.len()).filter(|&i| members[i].main_for_code).collect();
            let [main] = mains[..] else {
                return Err(format!("+{code} is shared but has {} main territories", mains.len()));
            };
            let main = members.remove(main);
            members.insert(0, main);
        }
    }

    // Range tries, and the candidate sets their leaves and nodes point to.
    let mut sets: Vec<Vec<u8>> = vec![Vec::new()];
    let mut nodes: Vec<([u16; 10], u16)> = Vec::new();
    let mut node_index = NodeIndex::default();
    let mut code_ranges = Vec::new();
    for members in codes.values() {
        // A code of its own needs no trie: its one territory owns it all.
        if members.len() == 1 {
            code_ranges.push(0);
            continue;
        }
        let global: Vec<u8> = members.iter().map(|t| index_of(t) as u8).collect();
        let trie = ranges::build(members)?;
        code_ranges.push(flatten(&trie, &global, &mut nodes, &mut node_index, &mut sets)?);
        // Addresses are only meaningful while this trie is alive.
        node_index.by_address.clear();
    }

    // Number-type tries, one per calling code, and where each territory's
    // example numbers are decided in them (for the catalog).
    let mut type_table = number_types::Table::new();
    let mut type_tries = BTreeMap::new();
    for (&code, members) in &codes {
        let trie = number_types::Builder::new(members)?.build()?;
        type_table.push(trie.clone());
        type_tries.insert(code, trie);
    }
    let mut region_types = String::new();
    for t in &territories {
        for desc in &t.types {
            let example = desc
                .example
                .as_deref()
                .ok_or_else(|| format!("{}: a type without an example", t.id))?;
            region_types.push(char::from(b'a' + desc.kind as u8));
            region_types.push_str(number_types::example_range(&type_tries[&t.calling_code], example));
        }
        region_types.push('\n');
    }

    // International prefixes, deduplicated by pattern.
    let mut patterns: Vec<(String, Vec<idd::Sequence>)> = Vec::new();
    let mut preferred: Vec<String> = Vec::new();
    let mut region_idd = Vec::new();
    for t in &territories[..region_count] {
        let pattern = t
            .international_prefix
            .clone()
            .ok_or_else(|| format!("{}: no internationalPrefix", t.id))?;
        let p = match patterns.iter().position(|(p, _)| *p == pattern) {
            Some(p) => p,
            None => {
                let sequences = idd::expand(&pattern)?;
                patterns.push((pattern.clone(), sequences));
                patterns.len() - 1
            }
        };
        let literals: Vec<String> = patterns[p].1.iter().flat_map(|s| idd::literals(s)).collect();
        let pref = match &t.preferred_international_prefix {
            Some(pref) => pref.replace('~', ""),
            None => literals
                .first()
                .cloned()
                .ok_or_else(|| format!("{}: empty internationalPrefix", t.id))?,
        };
        if !literals.contains(&pref) {
            return Err(format!("{}: preferred prefix {pref} is not matched by {pattern}", t.id));
        }
        let q = preferred.iter().position(|x| *x == pref).unwrap_or_else(|| {
            preferred.push(pref);
            preferred.len() - 1
        });
        region_idd.push((p, q));
    }

    // Emergency numbers, in the same digit-class patterns.
    let mut region_emergency = Vec::new();
    for t in &territories[..region_count] {
        region_emergency.push(match own.emergency.get(&t.id) {
            Some(pattern) => match patterns.iter().position(|(p, _)| p == pattern) {
                Some(p) => p,
                None => {
                    patterns.push((pattern.clone(), idd::expand(pattern)?));
                    patterns.len() - 1
                }
            },
            None => usize::from(NONE),
        });
    }

    // Names and aliases: a line per territory, "Name|alias|alias".
    let mut name_text = String::new();
    for t in &territories {
        let (name, aliases) = names.get(t)?;
        let mut line = vec![name.clone()];
        line.extend(aliases.iter().cloned());
        if name.contains(" & ") {
            line.push(name.replace(" & ", " and "));
        }
        if let Some(rest) = name.strip_prefix("St. ") {
            line.push(format!("Saint {}", rest.replace(" & ", " and ")));
        }
        if line.iter().any(|n| n.contains(['|', '\n'])) {
            return Err(format!("{}: a name or alias contains | or a line break", t.id));
        }
        name_text.push_str(&line.join("|"));
        name_text.push('\n');
    }

    // Territories in the order a person sorts their names: accents folded.
    let mut name_order: Vec<usize> = (0..territories.len()).collect();
    name_order.sort_by_cached_key(|&i| {
        names
            .get(territories[i])
            .map(|(name, _)| unicode::sort_key(name))
            .unwrap_or_default()
    });

    // National (trunk) prefixes, deduplicated; NONE where there is none.
    let mut national_prefixes: Vec<String> = Vec::new();
    let mut region_national = Vec::new();
    for t in &territories[..region_count] {
        region_national.push(match &t.national_prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                national_prefixes.iter().position(|x| x == p).unwrap_or_else(|| {
                    national_prefixes.push(p.clone());
                    national_prefixes.len() - 1
                })
            }
            Some(p) => return Err(format!("{}: nationalPrefix {p:?} is not digits", t.id)),
            None => usize::from(NONE),
        });
    }

    // Lengths: the longest local number of each region, the shortest
    // number of each calling code.
    let local_max: Vec<u32> = territories[..region_count].iter().map(|t| t.longest_local()).collect();
    let min_lengths: Vec<u32> = codes
        .values()
        .map(|members| members.iter().map(|t| t.lengths().trailing_zeros()).min().unwrap_or(0))
        .collect();

    // The project's own tables.
    let region_index = |id: &str| territories[..region_count].iter().position(|t| t.id == id);
    let (procedures, star_codes) = procedures::parse(&own.procedures, &|id| region_index(id).is_some(), &|code| {
        codes.contains_key(&code)
    })?;
    let owns = |id: &str, code: u16, leading: &str| {
        let Some(t) = region_index(id)
            .map(|i| territories[i])
            .filter(|t| t.calling_code == code)
        else {
            return false;
        };
        t.types.iter().any(|desc| {
            Pattern::new(&desc.pattern).is_ok_and(|p| {
                p.start().is_ok_and(|start| {
                    let state = leading.bytes().fold(start, |s, b| p.next(s, b));
                    p.completions(state) != 0
                })
            })
        })
    };
    let territory_rows = procedures::parse_territories(&own.territories, &owns)?;

    let digit_zeros = unicode::decimal_digit_zeros(decimal_digits)?;
    let fold = unicode::latin_fold();

    // Render.
    let mut w = String::new();
    let _ = write!(
        w,
        "// @generated by `cargo xtask gen-data` from libphonenumber {version}\n\
         // PhoneNumberMetadata.xml (Apache-2.0, (c) Google; see data/libphonenumber/LICENSE;\n\
         // sha256 {sha})\n\
         // and xtask/regions.tsv. Do not edit by hand: regenerate, and commit the result;\n\
         // `cargo xtask gen-data --check` fails while this file is stale.\n\
         \n\
         //! Numbering tables, read through `super`.\n\
         \n\
         /// Data source, as `dataVersion` reports it.\n\
         pub const DATA_VERSION: &str = \"libphonenumber {version}\";\n\n",
        version = source.version,
        sha = source.sha256,
    );
    let _ = writeln!(
        w,
        "/// Territories are the {region_count} regions sorted by ISO code, then the\n\
         /// {} non-geographic calling codes (region \"001\") sorted by code.\n\
         pub const REGION_COUNT: usize = {region_count};\n\
         pub const TERRITORY_COUNT: usize = {};\n",
        territories.len() - region_count,
        territories.len()
    );
    let ids: String = territories[..region_count].iter().map(|t| t.id.as_str()).collect();
    string(
        &mut w,
        "ISO 3166-1 alpha-2 code of each region, two letters each.",
        "REGION_IDS",
        &ids,
    );
    string(
        &mut w,
        "A line per territory: its English short name (CLDR), then search aliases\n\
         /// (\"USA\", \"UK\", ...), separated by `|`.",
        "NAMES",
        &name_text,
    );
    array(
        &mut w,
        "Territories sorted by name, accents folded.",
        "NAME_ORDER",
        "u8",
        &name_order,
    );

    // Calling codes in bytes: the low byte of each, and where each next 256
    // starts (codes are below 1000).
    let code_list: Vec<u16> = codes.keys().copied().collect();
    let code_low: Vec<u16> = code_list.iter().map(|c| c % 256).collect();
    let code_pages: Vec<usize> = (1..4)
        .map(|page| code_list.iter().take_while(|&&c| c < page * 256).count())
        .collect();
    if code_list.iter().any(|&c| c >= 1024) || code_list.len() > 256 {
        return Err("calling codes no longer fit CALLING_CODE_LOW".into());
    }
    array(
        &mut w,
        "Assigned calling codes, ascending, modulo 256.",
        "CALLING_CODE_LOW",
        "u8",
        &code_low,
    );
    array(
        &mut w,
        "Index in CALLING_CODE_LOW of the first code of at least 256, 512 and 768.",
        "CALLING_CODE_PAGES",
        "u8",
        &code_pages,
    );
    let mut code_main = Vec::new();
    let mut shared = Vec::new();
    for (i, members) in codes.values().enumerate() {
        code_main.push(index_of(members[0]));
        if members.len() > 1 {
            let set: Vec<u8> = members.iter().map(|t| index_of(t) as u8).collect();
            let root = code_ranges[i];
            if root & NODE == 0 {
                return Err(format!("+{}: a shared code without a range trie", code_list[i]));
            }
            shared.push(format!("({i}, {}, {})", set_id(&mut sets, set), root & !NODE));
        }
    }
    array(
        &mut w,
        "Main territory of each calling code (the only one, unless it is shared).",
        "CODE_MAIN",
        "u8",
        &code_main,
    );
    array(
        &mut w,
        "The shared calling codes (index in CALLING_CODE_LOW), each with its territories\n\
         /// (a set, main territory first) and the root of the range trie that tells them\n\
         /// apart (a RANGE_NODES index).",
        "SHARED_CODES",
        "(u8, u8, u8)",
        &shared,
    );

    // Range-trie children in a byte: a node is flattened after its
    // children, so an inner child is a short way back; sets come after.
    let leaf_from = nodes
        .iter()
        .enumerate()
        .flat_map(|(i, (children, _))| {
            children
                .iter()
                .filter(|&&c| c & NODE != 0)
                .map(move |&c| i - usize::from(c & !NODE))
        })
        .max()
        .unwrap_or(1);
    if leaf_from + sets.len() > 256 || nodes.len() > 256 {
        return Err("range tries no longer fit RANGE_NODES' bytes".into());
    }
    let child_byte = |i: usize, entry: u16| {
        if entry & NODE != 0 {
            i - usize::from(entry & !NODE) - 1
        } else {
            leaf_from + usize::from(entry)
        }
    };
    let _ = writeln!(
        w,
        "/// A `RANGE_NODES` child below this is an inner node that many places back,\n\
         /// less one; from this on, it is the candidate set (an index in SET_STARTS)\n\
         /// less this.\n\
         pub const LEAF_FROM: u8 = {leaf_from};\n"
    );
    let _ = writeln!(
        w,
        "/// Range-trie nodes over national digits, one child per digit 0-9; prefixes\n\
         /// are expanded (up to {} digits) while several territories can own them;\n\
         /// identical subtrees are stored once.\n\
         pub static RANGE_NODES: [[u8; 10]; {}] = [",
        ranges::MAX_DEPTH,
        nodes.len()
    );
    for (i, (children, _)) in nodes.iter().enumerate() {
        let _ = writeln!(w, "    {:?},", children.map(|c| child_byte(i, c)));
    }
    let _ = writeln!(w, "];\n");
    let node_sets: Vec<u16> = nodes.iter().map(|(_, s)| *s).collect();
    array(
        &mut w,
        "Candidate set of each node's own prefix (the union below it).",
        "RANGE_NODE_SET",
        "u8",
        &node_sets,
    );
    // Sets back to back, found through their starts.
    let mut set_bytes = Vec::new();
    let mut set_starts = vec![0];
    for set in &sets {
        set_bytes.extend(set.iter().copied());
        set_starts.push(set_bytes.len());
    }
    array(
        &mut w,
        "Territory sets (candidates, the members of shared codes), main territory\n\
         /// first; set 0 is the empty set.",
        "SETS",
        "u8",
        &set_bytes,
    );
    if set_bytes.len() > 255 {
        return Err("sets no longer fit SET_STARTS' bytes".into());
    }
    array(
        &mut w,
        "Set i is `SETS[SET_STARTS[i]..SET_STARTS[i + 1]]`.",
        "SET_STARTS",
        "u8",
        &set_starts,
    );

    let _ = writeln!(
        w,
        "/// Number-type bits: {}, then unknown (bit {}).",
        crate::metadata::NUMBER_TYPES
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{i} {t}"))
            .collect::<Vec<_>>()
            .join(", "),
        crate::metadata::NUMBER_TYPES.len()
    );
    let serialized = type_table.serialize()?;
    array(
        &mut w,
        "The leaves that number-type values name: each one's type set, and (in\n\
         /// `TYPE_LENGTHS`) at which depths below it numbers are complete (bit r: r\n\
         /// more digits). A node's own set is a leaf of length bit 0.",
        "TYPE_SETS",
        "u16",
        &type_table.palette.iter().map(|l| l.set).collect::<Vec<_>>(),
    );
    array(
        &mut w,
        "See `TYPE_SETS`.",
        "TYPE_LENGTHS",
        "u32",
        &type_table.palette.iter().map(|l| l.lengths).collect::<Vec<_>>(),
    );
    let _ = writeln!(
        w,
        "/// Nodes in `TYPE_BITS`, and bits of a node number in a reference.\n\
         pub const TYPE_NODES: usize = {};\n\
         pub const TYPE_REF_BITS: u32 = {};\n\
         /// Bits of a node's run-boundary mask.\n\
         pub const TYPE_MASK_BITS: u32 = {};\n",
        serialized.nodes,
        serialized.ref_bits,
        number_types::MASK_BITS,
    );
    array(
        &mut w,
        "How many value symbols have a code of each length (0 to 15 bits), canonical\n\
         /// Huffman.",
        "TYPE_CODE_COUNTS",
        "u8",
        &serialized.code_counts,
    );
    array(
        &mut w,
        "The value symbols in code order: a `TYPE_SETS` index (a leaf), then\n\
         /// `TYPE_SETS.len()` for a new node and one more for a reference.",
        "TYPE_CODE_SYMBOLS",
        "u16",
        &serialized.code_symbols,
    );
    array(
        &mut w,
        "Number-type tries over national digits, one per calling code, in code order,\n\
         /// as bits (least significant first in each byte), read front to back. Each\n\
         /// trie is a value: a Huffman-coded symbol, then for a new node its run\n\
         /// boundaries (`TYPE_MASK_BITS` bits: bit k - 1 set when digit k has another\n\
         /// child than k - 1), one bit for whether its own type set follows (as a\n\
         /// value), and one value per run of equal children; for a reference, the\n\
         /// number of a node met before (`TYPE_REF_BITS`, in the order met). A leaf says\n\
         /// every number below of one of its lengths is complete and of its type set,\n\
         /// and no other is: exactly libphonenumber's types and possible lengths.",
        "TYPE_BITS",
        "u8",
        &serialized.bits,
    );
    string(
        &mut w,
        "A line per territory: each of its number types as a letter (`a` + its type\n\
         /// bit) and the leading digits at which its example number is decided.",
        "REGION_TYPES",
        &region_types,
    );

    // Lengths rather than offsets: they fit a byte.
    let mut classes = Vec::new();
    let mut sequence_lens = Vec::new();
    let mut pattern_lens = Vec::new();
    for (_, sequences) in &patterns {
        for seq in sequences {
            classes.extend(seq.iter().copied());
            sequence_lens.push(seq.len());
        }
        pattern_lens.push(sequences.len());
    }
    if sequence_lens.iter().chain(&pattern_lens).any(|&n| n > 255) || patterns.len() >= usize::from(NONE) {
        return Err("digit patterns no longer fit their bytes".into());
    }
    array(
        &mut w,
        "Finite digit patterns (international prefixes, emergency numbers) as\n\
         /// digit-class sequences: a class is a mask with bit d set when digit d matches.",
        "PATTERN_CLASSES",
        "u16",
        &classes,
    );
    array(
        &mut w,
        "Length of each sequence in PATTERN_CLASSES, in order.",
        "PATTERN_SEQUENCE_LENS",
        "u8",
        &sequence_lens,
    );
    array(
        &mut w,
        "Number of sequences of each pattern, in order.",
        "PATTERN_LENS",
        "u8",
        &pattern_lens,
    );
    let idd_pattern: Vec<usize> = region_idd.iter().map(|r| r.0).collect();
    array(
        &mut w,
        "International prefix pattern of each region.",
        "REGION_IDD_PATTERN",
        "u8",
        &idd_pattern,
    );
    array(
        &mut w,
        "Emergency number pattern of each region (ShortNumberMetadata.xml); 255: none.",
        "REGION_EMERGENCY_PATTERN",
        "u8",
        &region_emergency,
    );
    let _ = writeln!(w, "/// Preferred international prefixes (`~` removed).");
    let _ = writeln!(
        w,
        "pub static PREFERRED_IDDS: [&str; {}] = {preferred:?};\n",
        preferred.len()
    );
    let idd_pref: Vec<usize> = region_idd.iter().map(|r| r.1).collect();
    array(
        &mut w,
        "Preferred international prefix of each region.",
        "REGION_PREFERRED_IDD",
        "u8",
        &idd_pref,
    );

    let _ = writeln!(w, "/// National (trunk) prefixes: \"0\", \"1\", \"8\", ...");
    let _ = writeln!(
        w,
        "pub static NATIONAL_PREFIXES: [&str; {}] = {national_prefixes:?};\n",
        national_prefixes.len()
    );
    array(
        &mut w,
        "National prefix of each region (index in NATIONAL_PREFIXES); 255: none.",
        "REGION_NATIONAL_PREFIX",
        "u8",
        &region_national,
    );
    array(
        &mut w,
        "Code point of digit zero of every run of ten Unicode decimal digits (Nd;\n\
         /// the Unicode version is in xtask/decimal-digits.txt).",
        "DIGIT_ZEROS",
        "u32",
        &digit_zeros,
    );
    array(
        &mut w,
        "The longest local number of each region (dialed without its area code;\n\
         /// libphonenumber's localOnly lengths), or 0.",
        "REGION_LOCAL_MAX",
        "u8",
        &local_max,
    );
    array(
        &mut w,
        "The fewest national digits of a number of each calling code.",
        "CODE_MIN_LENGTH",
        "u8",
        &min_lengths,
    );
    let _ = writeln!(
        w,
        "/// Dialing procedures libphonenumber does not carry (xtask/procedures.tsv, in\n\
         /// service): kind (0 carrier code, 1 international prefix, 2 national prefix,\n\
         /// 3 cross-border access), the code's digit classes (bit d: digit d; none: no\n\
         /// code), the class the next digit must be in (0: any), for cross-border the\n\
         /// calling code and national digits it reaches (else 0 and \"\"), and the home\n\
         /// regions that dial it.\n\
         pub type ProcedureRow = (u8, &'static [u16], u16, u16, &'static str, &'static [u8]);\n\
         pub static PROCEDURES: [ProcedureRow; {}] = [",
        procedures.len()
    );
    for p in &procedures {
        let regions: Vec<usize> = p.regions.iter().filter_map(|r| region_index(r)).collect();
        let (to_code, to_digits) = p.to.clone().unwrap_or_default();
        let _ = writeln!(
            w,
            "    ({}, &{:?}, {}, {to_code}, {to_digits:?}, &{regions:?}),",
            p.kind as u8, p.code, p.next
        );
    }
    let _ = writeln!(w, "];\n");
    let _ = writeln!(
        w,
        "/// Star codes that carry a number (xtask/procedures.tsv, star-code rows), with\n\
         /// the home regions whose PBXs and carriers dial them.\n\
         pub static STAR_CODES: [(&str, &[u8]); {}] = [",
        star_codes.len()
    );
    for star in &star_codes {
        let regions: Vec<usize> = star.regions.iter().filter_map(|r| region_index(r)).collect();
        let _ = writeln!(w, "    ({:?}, &{regions:?}),", star.code);
    }
    let _ = writeln!(w, "];\n");
    let _ = writeln!(
        w,
        "/// Ranges filed under one region that serve a territory of their own\n\
         /// (xtask/territories.tsv): calling code, national digits, the territory's\n\
         /// name, the region it is filed under.\n\
         pub static TERRITORIES: [(u16, &str, &str, u8); {}] = [",
        territory_rows.len()
    );
    for t in &territory_rows {
        let region = region_index(&t.filed_under).unwrap_or(0);
        let _ = writeln!(w, "    ({}, {:?}, {:?}, {region}),", t.code, t.leading, t.name);
    }
    let _ = writeln!(w, "];\n");
    let _ = writeln!(w, "/// First code point of `LATIN_FOLD`.");
    let _ = writeln!(w, "pub const LATIN_FOLD_FIRST: u32 = {:#x};", unicode::FOLD_FIRST);
    let fold_text: String = fold
        .iter()
        .map(|&b| {
            if b == 0 {
                "\\0".to_string()
            } else {
                (b as char).to_string()
            }
        })
        .collect();
    let _ = writeln!(
        w,
        "/// Lowercase ASCII letter of each of U+{:04X}..=U+{:04X} for search (0: none).",
        unicode::FOLD_FIRST,
        unicode::FOLD_LAST
    );
    let _ = writeln!(w, "pub static LATIN_FOLD: &[u8; {}] = b\"{fold_text}\";", fold.len());
    Ok(w)
}

/// Nodes already flattened: shared subtrees are visited once, and equal
/// ones stored once.
#[derive(Default)]
struct NodeIndex {
    by_address: HashMap<*const ranges::Node, u16>,
    by_content: HashMap<([u16; 10], u16), u16>,
}

/// Appends a trie to `nodes`, mapping candidates to global territory
/// indices and storing identical subtrees once; returns its `RANGE_NODES`
/// child entry.
fn flatten(
    node: &ranges::Node,
    global: &[u8],
    nodes: &mut Vec<([u16; 10], u16)>,
    node_index: &mut NodeIndex,
    sets: &mut Vec<Vec<u8>>,
) -> Result<u16, String> {
    if let Some(&entry) = node_index.by_address.get(&(node as *const ranges::Node)) {
        return Ok(entry);
    }
    let mut set_index = |local: &[usize]| -> Result<u16, String> {
        let i = set_id(sets, local.iter().map(|&i| global[i]).collect());
        u16::try_from(i)
            .ok()
            .filter(|&i| i < NODE)
            .ok_or_else(|| "too many candidate sets".to_string())
    };
    match node {
        ranges::Node::Leaf(local) => set_index(local),
        ranges::Node::Inner { all, children } => {
            let own = set_index(all)?;
            let mut entries = [0; 10];
            for (entry, child) in entries.iter_mut().zip(children.iter()) {
                *entry = flatten(child, global, nodes, node_index, sets)?;
            }
            let key = (entries, own);
            let index = match node_index.by_content.get(&key) {
                Some(&i) => i,
                None => {
                    let i = u16::try_from(nodes.len())
                        .ok()
                        .filter(|&i| i < NODE)
                        .ok_or("too many range nodes")?;
                    nodes.push(key);
                    node_index.by_content.insert(key, i);
                    i
                }
            };
            node_index.by_address.insert(node as *const ranges::Node, NODE | index);
            Ok(NODE | index)
        }
    }
}

fn array<T: std::fmt::Display>(w: &mut String, doc: &str, name: &str, ty: &str, items: &[T]) {
    for line in doc.lines().filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches("/// ");
        let _ = writeln!(w, "/// {line}");
    }
    let _ = writeln!(w, "pub static {name}: [{ty}; {}] = [", items.len());
    let mut line = String::from("   ");
    for item in items {
        let text = format!(" {item},");
        if line.len() + text.len() > 99 {
            let _ = writeln!(w, "{line}");
            line = String::from("   ");
        }
        line.push_str(&text);
    }
    if !line.trim().is_empty() {
        let _ = writeln!(w, "{line}");
    }
    let _ = writeln!(w, "];\n");
}

fn string(w: &mut String, doc: &str, name: &str, text: &str) {
    let _ = writeln!(w, "/// {doc}");
    let _ = writeln!(w, "pub static {name}: &str = {text:?};\n");
}
