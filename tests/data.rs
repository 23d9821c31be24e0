//! The generated tables against libphonenumber's XML, read independently.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use dialguard::{regions, DialPolicy, Region};

/// Candidate regions of a number as dialguard reports them.
fn candidates(code: u16, national: &str) -> Vec<String> {
    let policy = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "sharedCodes": "by-region"}"#).unwrap();
    let d = policy.check(&format!("+{code}{national}"));
    assert_eq!(d.calling_code(), Some(code), "+{code} {national}: {d:?}");
    d.regions().map(|r| r.id().to_string()).collect()
}

#[test]
fn counts() {
    let all: Vec<Region> = regions().collect();
    assert_eq!(all.len(), 254);
    assert_eq!(all.iter().filter(|r| r.is_geographic()).count(), 245);
    let non_geographic: Vec<u16> = all
        .iter()
        .filter(|r| !r.is_geographic())
        .map(|r| r.calling_code())
        .collect();
    assert_eq!(non_geographic, [800, 808, 870, 878, 881, 882, 883, 888, 979]);
    assert!(all.iter().filter(|r| !r.is_geographic()).all(|r| r.id() == "001"));
    let codes: BTreeSet<u16> = all.iter().map(|r| r.calling_code()).collect();
    assert_eq!(codes.len(), 215);
    for id in ["AC", "TA", "XK"] {
        assert!(Region::from_id(id).is_some(), "{id}");
    }
    // Same set of territories as the XML.
    let xml: BTreeSet<(String, u16)> = support::territories()
        .into_iter()
        .map(|t| (t.id, t.calling_code))
        .collect();
    let ours: BTreeSet<(String, u16)> = all.iter().map(|r| (r.id().to_string(), r.calling_code())).collect();
    assert_eq!(ours, xml);
}

#[test]
fn shared_codes_list_their_main_region_first() {
    let mut by_code: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
    for r in regions() {
        if r.is_geographic() {
            by_code.entry(r.calling_code()).or_default().push(r.id());
        }
    }
    let shared: Vec<u16> = by_code.iter().filter(|(_, v)| v.len() > 1).map(|(&c, _)| c).collect();
    assert_eq!(shared, [1, 7, 39, 44, 47, 61, 212, 262, 290, 358, 590, 599]);
    let mains = ["US", "RU", "IT", "GB", "NO", "AU", "MA", "RE", "SH", "FI", "GP", "CW"];
    for (code, main) in shared.iter().zip(mains) {
        let members = candidates(*code, "");
        assert_eq!(members[0], main, "+{code}");
        assert_eq!(members.len(), by_code[code].len(), "+{code}");
        let r = Region::from_id(main).unwrap();
        let others: BTreeSet<&str> = r.shared_with().map(|r| r.id()).collect();
        assert_eq!(others.len() + 1, members.len());
    }
}

/// libphonenumber identifies a region within a shared code by its
/// territory leadingDigits if it has them, else by its number patterns;
/// every region it could identify must be among dialguard's candidates.
#[test]
fn example_numbers_land_in_their_candidates() {
    let territories = support::territories();
    let mut by_code: BTreeMap<u16, Vec<&support::Territory>> = BTreeMap::new();
    for t in &territories {
        by_code.entry(t.calling_code).or_default().push(t);
    }
    let mut checked = 0;
    for t in &territories {
        for desc in &t.types {
            let (ty, Some(example)) = (&desc.tag, &desc.example) else {
                continue;
            };
            let identified: Vec<&str> = by_code[&t.calling_code]
                .iter()
                .filter(|u| match &u.leading_digits {
                    Some(ld) => support::prefix_match(ld, example),
                    None => u.types.iter().any(|d| support::full_match(&d.pattern, example)),
                })
                .map(|u| u.id.as_str())
                .collect();
            let ours = candidates(t.calling_code, example);
            for id in &identified {
                assert!(
                    ours.iter().any(|o| o == id),
                    "{} {ty} +{} {example}: {id} not in {ours:?}",
                    t.id,
                    t.calling_code
                );
            }
            if identified.contains(&t.id.as_str()) {
                checked += 1;
            }
        }
    }
    // 1,144 example numbers; the rest belong to territories that
    // libphonenumber identifies by leadingDigits the example lacks.
    assert!(checked > 1000, "only {checked} example numbers identified");
}

#[test]
fn every_geographic_nanp_area_code_has_exactly_one_region() {
    let nanp: Vec<support::Territory> = support::territories()
        .into_iter()
        .filter(|t| t.calling_code == 1)
        .collect();
    let mut geographic = 0;
    for area in 200..=999 {
        let area = area.to_string();
        let owners: Vec<&str> = nanp
            .iter()
            .filter(|t| match &t.leading_digits {
                Some(ld) => support::prefix_match(ld, &area),
                None => t
                    .types
                    .iter()
                    .any(|d| d.tag == "fixedLine" && support::partial_match(&d.pattern, &area)),
            })
            .map(|t| t.id.as_str())
            .collect();
        if owners.is_empty() {
            continue;
        }
        geographic += 1;
        // A whole number of the area code belongs to one region...
        assert_eq!(candidates(1, &format!("{area}5550123")), owners, "area code {area}");
        // ...and so does the area code itself, but for 310, where Canada
        // and the US both have 7-digit 310-xxxx numbers.
        let expected = if area == "310" { vec!["US", "CA"] } else { owners };
        assert_eq!(candidates(1, &area), expected, "area code {area}");
    }
    assert!(geographic > 400, "{geographic} geographic area codes");
    // Canada's area codes are disjoint from the US ones.
    let ca = Region::from_id("CA").unwrap().leading_digits();
    let us: BTreeSet<String> = Region::from_id("US").unwrap().leading_digits().into_iter().collect();
    let ca_only: Vec<&String> = ca.iter().filter(|p| !us.contains(*p)).collect();
    assert!(ca_only.len() >= 40, "{ca_only:?}");
    assert!(ca_only.iter().any(|p| *p == "416") && !us.contains("416"));
}

#[test]
fn international_prefixes_are_the_language_of_the_pattern() {
    for t in support::territories() {
        let Some(pattern) = &t.international_prefix else {
            continue;
        };
        let region = Region::from_id(&t.id).unwrap();
        let mut ours = region.international_prefixes();
        assert_eq!(
            ours.first().map(String::as_str),
            region.international_prefix(),
            "{}",
            t.id
        );
        ours.sort();
        assert_eq!(ours, support::language(pattern), "{} {pattern}", t.id);
    }
    let literal = |id| Region::from_id(id).unwrap().international_prefixes();
    assert_eq!(literal("MX"), ["00", "09"]);
    assert_eq!(literal("US"), ["011"]);
    assert_eq!(literal("CN").len(), 2101);
    assert!(literal("AU").starts_with(&["0011".to_string()]) && literal("AU").contains(&"0015".to_string()));
    assert_eq!(Region::from_id("RU").unwrap().international_prefix(), Some("810"));
}

#[test]
fn names() {
    for r in regions() {
        assert!(!r.name().is_empty(), "{}", r.id());
    }
    let name = |id| Region::from_id(id).unwrap().name();
    assert_eq!(name("AR"), "Argentina");
    assert_eq!(name("CW"), "Curaçao");
    assert_eq!(name("VA"), "Vatican City");
    assert_eq!(Region::non_geographic(882).unwrap().name(), "International Networks");
}

#[test]
fn leading_digits_of_shared_regions() {
    let ld = |id| Region::from_id(id).unwrap().leading_digits();
    assert_eq!(ld("JM"), ["658", "876"]);
    assert_eq!(ld("KZ"), ["7"]);
    assert_eq!(ld("VA"), ["06698"]);
    assert!(ld("AR").is_empty());
    assert!(ld("DO").contains(&"809".to_string()));
}

/// The crate's name of an XML number type.
fn type_name(tag: &str) -> &'static str {
    match tag {
        "fixedLine" => "fixed-line",
        "mobile" => "mobile",
        "tollFree" => "toll-free",
        "premiumRate" => "premium-rate",
        "sharedCost" => "shared-cost",
        "voip" => "voip",
        "personalNumber" => "personal-number",
        "pager" => "pager",
        "uan" => "uan",
        "voicemail" => "voicemail",
        _ => panic!("type {tag}"),
    }
}

/// Numbers of a type, as the XML's own patterns say (read again with the
/// regex crate): each example number, and numbers made from it by varying
/// its last one to three digits that the type's pattern still matches at
/// one of its possible lengths.
fn numbers_of(t: &support::Territory, desc: &support::NumberTypeDesc, seed: &mut u64) -> Vec<String> {
    let Some(example) = &desc.example else {
        return Vec::new();
    };
    let mut out = vec![example.clone()];
    for _ in 0..40 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let k = 1 + (*seed >> 40) as usize % 3;
        let tail: String = (0..k)
            .map(|i| char::from(b'0' + ((*seed >> (8 * i + 8)) % 10) as u8))
            .collect();
        let n = format!("{}{tail}", &example[..example.len().saturating_sub(k)]);
        if desc.lengths.contains(&n.len()) && support::full_match(&desc.pattern, &n) && !out.contains(&n) {
            out.push(n);
        }
    }
    // libphonenumber types a number of a leadingDigits territory by it only
    // within its leading digits.
    out.retain(|n| t.leading_digits.as_ref().is_none_or(|ld| support::prefix_match(ld, n)));
    out
}

/// Fail closed, against the XML read independently: a number that a type's
/// pattern matches is never allowed while that type is blocked, in an
/// allowed destination, and its numberType is that type (fixed-line and
/// mobile numbers may be both, where the table does not tell them apart).
#[test]
fn numbers_of_a_blocked_type_are_never_allowed() {
    let territories = support::territories();
    let allow: Vec<String> = regions()
        .map(|r| match r.is_geographic() {
            true => format!("\"{}\"", r.id()),
            false => format!("\"+{}\"", r.calling_code()),
        })
        .collect();
    let policy = |blocked: &str| {
        let json = format!(
            r#"{{"internationalPrefixes": ["00"], "allow": [{}], "sharedCodes": "by-region", "blockNumberTypes": [{blocked}]}}"#,
            allow.join(",")
        );
        DialPolicy::from_json(&json).unwrap()
    };
    let open = policy("");
    let mut blocking = BTreeMap::new();
    let mut checked = 0;
    let mut typed_otherwise = Vec::new();
    let mut seed = 11;
    for t in &territories {
        for desc in &t.types {
            let name = type_name(&desc.tag);
            let blocks = blocking.entry(name).or_insert_with(|| policy(&format!("\"{name}\"")));
            for n in numbers_of(t, desc, &mut seed) {
                let dial = format!("+{}{n}", t.calling_code);
                let d = blocks.check(&dial);
                assert_ne!(
                    d.verdict(),
                    dialguard::Verdict::Allowed,
                    "{} {name} {dial}: {d:?}",
                    t.id
                );
                checked += 1;
                let told = open.check(&dial).number_type().map(|t| t.as_str());
                let fits = match name {
                    "fixed-line" | "mobile" => told == Some(name) || told == Some("fixed-line-or-mobile"),
                    _ => told == Some(name),
                };
                if !fits {
                    typed_otherwise.push(format!("{} {name} {dial}: {told:?}", t.id));
                }
            }
        }
    }
    assert!(checked > 30_000, "only {checked} numbers");
    assert!(
        typed_otherwise.is_empty(),
        "{} of {checked}: {typed_otherwise:#?}",
        typed_otherwise.len()
    );
}
