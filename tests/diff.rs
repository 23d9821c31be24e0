//! Preview before save (docs/contract.md §2 item 5).

use dialguard::{DialPolicy, Verdict};

fn policy(json: &str) -> DialPolicy {
    DialPolicy::from_json(json).unwrap()
}

fn ids(regions: &[dialguard::Region]) -> Vec<&'static str> {
    regions.iter().map(|r| r.id()).collect()
}

#[test]
fn together_gains_the_whole_code_and_says_what_it_drags_in() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["AR"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["CA", "GB"]}"#);
    let diff = saved.diff(&proposed, None);
    let gained: Vec<(u16, usize, usize)> = diff
        .gained
        .iter()
        .map(|d| (d.calling_code, d.regions.len(), d.leading_digits.len()))
        .collect();
    assert_eq!(gained, [(1, 25, 0), (44, 4, 0)]);
    assert_eq!(diff.lost.len(), 1);
    assert_eq!(
        (diff.lost[0].calling_code, ids(&diff.lost[0].regions)),
        (54, vec!["AR"])
    );
    let effects: Vec<(&str, u16, usize)> = diff
        .side_effects
        .iter()
        .map(|s| (s.region.id(), s.calling_code, s.also_allows.len()))
        .collect();
    assert_eq!(effects, [("CA", 1, 24), ("GB", 44, 3)]);
    assert!(diff.call_log.is_none());
}

#[test]
fn by_region_gains_ranges() {
    let saved = policy(r#"{"homeRegion": "US", "allow": ["US"], "sharedCodes": "by-region"}"#);
    let proposed = policy(r#"{"homeRegion": "US", "allow": ["US", "JM"], "sharedCodes": "by-region"}"#);
    let diff = saved.diff(&proposed, None);
    assert_eq!(diff.gained.len(), 1);
    assert_eq!(diff.gained[0].calling_code, 1);
    assert_eq!(ids(&diff.gained[0].regions), ["JM"]);
    assert_eq!(diff.gained[0].leading_digits, ["658", "876"]);
    assert!(diff.lost.is_empty() && diff.side_effects.is_empty());
}

#[test]
fn by_region_shared_ranges_are_grouped_by_owners() {
    let saved = policy(r#"{"homeRegion": "MX", "sharedCodes": "by-region"}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["CA"], "sharedCodes": "by-region"}"#);
    let diff = saved.diff(&proposed, None);
    let groups: Vec<Vec<&str>> = diff.gained.iter().map(|d| ids(&d.regions)).collect();
    assert!(groups.contains(&vec!["CA"]), "{groups:?}");
    assert!(groups.contains(&vec!["US", "CA"]), "{groups:?}");
    let ca = diff.gained.iter().find(|d| ids(&d.regions) == ["CA"]).unwrap();
    assert!(ca.leading_digits.contains(&"416".to_string()) && !ca.leading_digits.contains(&"212".to_string()));
    let shared = diff.gained.iter().find(|d| ids(&d.regions) == ["US", "CA"]).unwrap();
    assert!(shared.leading_digits.contains(&"833".to_string()));
    // 8001 is the Dominican Republic's (leadingDigits 8001), so 800 splits.
    assert!(shared.leading_digits.contains(&"8002".to_string()));
}

#[test]
fn call_log() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["AR"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["AR", "US"], "sharedCodes": "by-region"}"#);
    let log = [
        "00 54 11 1234 5678",
        "00 1 212 555 0123",
        "00 1 876 555 0123",
        "+1 212 555 0123",
        "5551234",
    ];
    let diff = saved.diff(&proposed, Some(&log));
    let call_log = diff.call_log.unwrap();
    assert_eq!((call_log.total, call_log.changed), (5, 2));
    let items: Vec<(&str, Verdict, Verdict)> = call_log
        .items
        .iter()
        .map(|i| (i.dialed.as_str(), i.before, i.after))
        .collect();
    assert_eq!(
        items,
        [
            ("00 1 212 555 0123", Verdict::Blocked, Verdict::Allowed),
            ("+1 212 555 0123", Verdict::Blocked, Verdict::Allowed),
        ]
    );
}

#[test]
fn typed_national_numbers_dialed_bare_are_a_change_of_their_own() {
    // Protection off, then on with toll-free blocked: from Canada,
    // 800 555 0123 dialed with neither the trunk prefix nor 0 is typed too
    // (a bare dial is national once longer than a local number).
    let types = r#""homeRegion": "CA", "judgeNationalDialing": true, "blockNumberTypes": ["toll-free"]"#;
    let saved = policy(&format!(r#"{{"enabled": false, {types}}}"#));
    let proposed = policy(&format!("{{{types}}}"));
    let diff = saved.diff(&proposed, None);
    let bare = diff
        .changes
        .iter()
        .find(|c| c.kind == dialguard::ChangeKind::NationalFormat && c.dialed.is_empty())
        .expect("a change for dials without a prefix");
    assert_eq!(
        (bare.before.verdict, bare.after.verdict),
        (Verdict::NotInternational, Verdict::Blocked)
    );
    assert_eq!(
        (saved.verdict(&bare.example), proposed.verdict(&bare.example)),
        (Verdict::NotInternational, Verdict::Blocked)
    );
    assert_eq!(proposed.verdict("8445550123"), Verdict::Blocked);
}

#[test]
fn a_code_being_typed_is_a_change_where_one_policy_has_it() {
    // Japan's carrier codes (00[3-8]X before 010) leave 0049 undecided,
    // where 00 49 was Germany.
    let allow = r#""internationalPrefixes": ["00"], "allow": ["DE", "FR", "KZ"]"#;
    let saved = policy(&format!("{{{allow}}}"));
    let proposed = policy(&format!(r#"{{"homeRegion": "JP", {allow}}}"#));
    let diff = saved.diff(&proposed, None);
    let typing = diff
        .changes
        .iter()
        .find(|c| c.kind == dialguard::ChangeKind::DialingProcedure && c.after.verdict == Verdict::Incomplete)
        .expect("a change for the carrier code being typed");
    assert_eq!(typing.before.verdict, Verdict::Allowed);
    assert_eq!(
        (saved.verdict(&typing.example), proposed.verdict(&typing.example)),
        (Verdict::Allowed, Verdict::Incomplete)
    );
    assert_eq!(
        (saved.verdict("0049"), proposed.verdict("0049")),
        (Verdict::Allowed, Verdict::Incomplete)
    );
    // The whole code alone, though no dial after it changes (found by the
    // exactness property: `0049` was in no change).
    let saved =
        policy(r#"{"internationalPrefixes": ["00"], "plusIsInternational": false, "allow": ["DE", "LV", "+44"]}"#);
    let proposed = policy(
        r#"{"internationalPrefixes": ["00"], "plusIsInternational": false, "allow": ["DE", "LV", "+44"], "homeRegion": "JP", "judgeNationalDialing": true}"#,
    );
    let diff = saved.diff(&proposed, None);
    assert!(
        diff.changes
            .iter()
            .any(|c| c.dialed == "00[3-8]X" && c.after.verdict == Verdict::Incomplete),
        "{:#?}",
        diff.changes
    );
}

#[test]
fn a_code_spelled_by_a_dial_through_another_prefix_is_a_change() {
    // Germany's carrier codes (010xy) read `010 44 8` as carrier 01044 and a
    // national 8, where 010 was only an international prefix (found by the
    // exactness property: no change covered `010448`).
    let allow = r#""internationalPrefixes": ["010"], "allow": ["+44870"]"#;
    let saved = policy(&format!("{{{allow}}}"));
    let proposed = policy(&format!(r#"{{"homeRegion": "DE", {allow}}}"#));
    assert_eq!(
        (saved.verdict("010448"), proposed.verdict("010448")),
        (Verdict::Incomplete, Verdict::NotInternational)
    );
    let diff = saved.diff(&proposed, None);
    let change = diff
        .changes
        .iter()
        .find(|c| c.dialed == "010[1-9]X" && c.before.verdict == Verdict::Incomplete)
        .unwrap_or_else(|| panic!("no change for 010448 in {:#?}", diff.changes));
    assert_eq!(change.kind, dialguard::ChangeKind::DialingProcedure);
    assert_eq!(change.after.verdict, Verdict::NotInternational);
    assert_eq!(
        (saved.verdict(&change.example), proposed.verdict(&change.example)),
        (Verdict::Incomplete, Verdict::NotInternational)
    );
}

#[test]
fn no_change_no_diff() {
    let a = policy(r#"{"homeRegion": "MX", "allow": ["AR", "CA"]}"#);
    let b = policy(r#"{"homeRegion": "MX", "allow": ["ca", "AR"]}"#);
    let diff = a.diff(&b, Some(&[]));
    assert!(diff.gained.is_empty() && diff.lost.is_empty() && diff.side_effects.is_empty());
    assert_eq!(diff.call_log.map(|c| (c.total, c.changed)), Some((0, 0)));
}

#[test]
fn turning_protection_off_gains_everything() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["AR"]}"#);
    let off = policy(r#"{"homeRegion": "MX", "allow": ["AR"], "enabled": false}"#);
    let diff = saved.diff(&off, None);
    assert_eq!(diff.gained.len(), 214);
    assert!(diff.gained.iter().all(|d| d.leading_digits.is_empty()));
    assert_eq!(off.diff(&saved, None).lost.len(), 214);
}

#[test]
fn diff_of_every_region_is_fast_enough() {
    let all: Vec<String> = dialguard::regions()
        .filter(|r| r.is_geographic())
        .map(|r| format!("\"{}\"", r.id()))
        .collect();
    let everything = policy(&format!(
        r#"{{"homeRegion": "MX", "allow": [{}], "sharedCodes": "by-region"}}"#,
        all.join(",")
    ));
    let nothing = policy(r#"{"homeRegion": "MX", "sharedCodes": "by-region"}"#);
    let start = std::time::Instant::now();
    let diff = nothing.diff(&everything, None);
    assert!(start.elapsed().as_secs() < 5);
    assert!(diff.gained.len() >= 206);
}

/// (types, calling code, regions) of the changes a type block makes, that
/// become blocked (`lost`) or allowed.
fn tiers(diff: &dialguard::PolicyDiff, lost: bool) -> Vec<(Vec<&'static str>, u16, Vec<&'static str>)> {
    let mut out: Vec<_> = diff
        .changes
        .iter()
        .filter(|c| !c.number_types.is_empty() && (c.after.verdict == Verdict::Blocked) == lost)
        .map(|c| {
            let types = c.number_types.iter().map(|t| t.as_str()).collect();
            (types, c.calling_code.unwrap(), ids(&c.regions))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn blocking_a_type_loses_its_tier_and_no_destination() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["LV", "AR"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["LV", "AR"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, Some(&["+371 90 123 456", "+371 2123 4567"]));
    assert!(diff.gained.is_empty() && diff.lost.is_empty(), "{diff:?}");
    assert!(tiers(&diff, false).is_empty());
    assert_eq!(
        tiers(&diff, true),
        [
            (vec!["premium-rate"], 54, vec!["AR"]),
            (vec!["premium-rate"], 371, vec!["LV"])
        ]
    );
    assert_eq!(
        diff.summary.number_types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["premium-rate"]
    );
    let log = diff.call_log.as_ref().unwrap();
    assert_eq!((log.changed, log.items[0].dialed.as_str()), (1, "+371 90 123 456"));
    // And back.
    let back = proposed.diff(&saved, None);
    assert_eq!(tiers(&back, false), tiers(&diff, true));
}

#[test]
fn allowing_a_region_with_a_type_blocked_gains_the_rest() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["AR", "LV"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, None);
    assert_eq!(diff.gained.len(), 1);
    assert_eq!(ids(&diff.summary.opened), ["LV"]);
    // Premium rate stays blocked: no change says otherwise.
    assert!(diff
        .changes
        .iter()
        .all(|c| proposed.check(&c.example).number_type() != Some(dialguard::NumberType::PremiumRate)));
    assert!(proposed.verdict("+371 90 123 456") == Verdict::Blocked);
}

#[test]
fn an_entry_with_national_digits_gains_the_types_it_covers() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["GB"], "blockNumberTypes": ["premium-rate"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["GB", "+449"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, None);
    assert!(diff.gained.is_empty());
    let gained = tiers(&diff, false);
    assert!(
        !gained.is_empty()
            && gained
                .iter()
                .all(|(types, code, _)| types == &["premium-rate"] && *code == 44),
        "{gained:?}"
    );
    assert!(diff
        .changes
        .iter()
        .all(|c| c.leading_digits.iter().all(|l| l.starts_with('9'))));
}

/// By region, allowing Guernsey allows the United Kingdom's numbers in the
/// ranges the two share: the preview says so, with the ranges.
#[test]
fn shared_ranges_are_a_side_effect() {
    let saved = DialPolicy::from_json(r#"{"homeRegion": "FR", "allow": ["DE"], "sharedCodes": "by-region"}"#).unwrap();
    let proposed =
        DialPolicy::from_json(r#"{"homeRegion": "FR", "allow": ["DE", "GG"], "sharedCodes": "by-region"}"#).unwrap();
    let diff = saved.diff(&proposed, None);
    let effect = diff
        .side_effects
        .iter()
        .find(|e| e.region.id() == "GG")
        .expect("a side effect");
    assert_eq!(effect.calling_code, 44);
    assert!(effect.also_allows.iter().any(|r| r.id() == "GB"));
    assert!(
        effect.leading_digits.iter().any(|r| r == "70"),
        "{:?}",
        effect.leading_digits
    );
    // Saved again as it is, nothing is new.
    assert!(proposed.diff(&proposed, None).side_effects.is_empty());
}

/// The diff is exact, both ways, over random pairs of policies (every field
/// varied) and random dials of every kind: every dial judged differently is
/// covered by a reported change, and every change's example is judged as
/// reported.
mod exact {
    use dialguard::{Change, ChangeKind, DialPolicy};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    const HOMES: [&str; 10] = ["MX", "US", "GB", "IT", "IE", "DE", "AU", "JP", "CA", "RU"];
    const REGIONS: [&str; 22] = [
        "AR", "CA", "US", "JM", "DO", "GB", "GG", "JE", "RU", "KZ", "IT", "VA", "SM", "MX", "AU", "CX", "DE", "LV",
        "FR", "MA", "EH", "BR",
    ];
    const CODES: [&str; 9] = [
        "+44", "+1876", "+1809", "+881", "+7", "+39066", "+44870", "+1900", "+979",
    ];
    const PREFIXES: [&str; 8] = ["00", "09", "011", "0011", "010", "810", "001", "0"];
    const TYPES: [&str; 8] = [
        "premium-rate",
        "shared-cost",
        "personal-number",
        "unknown",
        "toll-free",
        "mobile",
        "fixed-line",
        "voip",
    ];

    /// A policy configuration as JSON fields.
    #[derive(Clone, Debug)]
    struct Draft {
        enabled: bool,
        home: Option<&'static str>,
        prefixes: Option<Vec<&'static str>>,
        plus: bool,
        access: Vec<&'static str>,
        feature: Vec<&'static str>,
        letters: bool,
        allow: Vec<&'static str>,
        by_region: bool,
        national: bool,
        types: Vec<&'static str>,
    }

    impl Draft {
        fn json(&self) -> String {
            let list = |items: &[&str]| items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(",");
            let mut fields = vec![
                format!("\"enabled\": {}", self.enabled),
                format!("\"plusIsInternational\": {}", self.plus),
                format!("\"accessCodes\": [{}]", list(&self.access)),
                format!("\"featureCodes\": [{}]", list(&self.feature)),
                format!("\"keypadLetters\": {}", self.letters),
                format!("\"allow\": [{}]", list(&self.allow)),
                format!(
                    "\"sharedCodes\": \"{}\"",
                    if self.by_region { "by-region" } else { "together" }
                ),
                format!("\"blockNumberTypes\": [{}]", list(&self.types)),
            ];
            if let Some(home) = self.home {
                fields.push(format!("\"homeRegion\": \"{home}\""));
                fields.push(format!("\"judgeNationalDialing\": {}", self.national));
            }
            if let Some(prefixes) = &self.prefixes {
                fields.push(format!("\"internationalPrefixes\": [{}]", list(prefixes)));
            }
            format!("{{{}}}", fields.join(", "))
        }
    }

    fn config() -> impl Strategy<Value = Draft> {
        (
            prop::bool::weighted(0.9),
            prop::option::weighted(0.85, prop::sample::select(HOMES.to_vec())),
            prop::option::weighted(0.4, prop::sample::subsequence(PREFIXES.to_vec(), 1..3)),
            prop::bool::weighted(0.85),
            prop::sample::subsequence(vec!["9", "8", "99"], 0..2),
            prop::sample::subsequence(vec!["*67", "*82", "#31#"], 0..2),
            prop::bool::weighted(0.2),
            (
                prop::sample::subsequence(REGIONS.to_vec(), 0..6),
                prop::sample::subsequence(CODES.to_vec(), 0..2),
            ),
            any::<bool>(),
            any::<bool>(),
            prop::sample::subsequence(TYPES.to_vec(), 0..3),
        )
            .prop_map(
                |(
                    enabled,
                    home,
                    prefixes,
                    plus,
                    access,
                    feature,
                    letters,
                    (regions, codes),
                    by_region,
                    national,
                    types,
                )| {
                    let prefixes = if home.is_none() {
                        Some(prefixes.unwrap_or_else(|| vec!["00"]))
                    } else {
                        prefixes
                    };
                    Draft {
                        enabled,
                        home,
                        prefixes,
                        plus,
                        access,
                        feature,
                        letters,
                        allow: regions.into_iter().chain(codes).collect(),
                        by_region,
                        national,
                        types,
                    }
                },
            )
    }

    /// A second configuration: the first with one to three fields changed,
    /// as an admin edits one.
    fn edited(base: Draft) -> impl Strategy<Value = (Draft, Draft)> {
        (config(), prop::sample::subsequence((0..11).collect::<Vec<u8>>(), 1..4)).prop_map(move |(other, fields)| {
            let mut next = base.clone();
            for f in fields {
                match f {
                    0 => next.enabled = other.enabled,
                    1 => next.home = other.home,
                    2 => next.prefixes = other.prefixes.clone(),
                    3 => next.plus = other.plus,
                    4 => next.access = other.access.clone(),
                    5 => next.feature = other.feature.clone(),
                    6 => next.letters = other.letters,
                    7 => next.allow = other.allow.clone(),
                    8 => next.by_region = other.by_region,
                    9 => next.national = other.national,
                    _ => next.types = other.types.clone(),
                }
            }
            if next.home.is_none() && next.prefixes.is_none() {
                next.prefixes = Some(vec!["00"]);
            }
            (base.clone(), next)
        })
    }

    /// Dials of every kind, from what either configuration reads.
    fn dials(a: &Draft, b: &Draft, seed: &[u32]) -> Vec<String> {
        let mut leads: Vec<&str> = vec!["", "", "", "*72", "*67", "1172"];
        leads.extend(a.access.iter().chain(&b.access).chain(&a.feature).chain(&b.feature));
        let mut fronts: Vec<&str> = vec![
            "+", "+", "00", "011", "", "", "0", "1", "01", "1010288", "10288", "048", "0549", "0033010", "01033", "8",
        ];
        for c in [a, b] {
            fronts.extend(c.prefixes.iter().flatten());
        }
        let codes = [
            "1", "1876", "1809", "1212", "1416", "1684", "1900", "7", "77", "39", "3906698", "378", "44", "4420",
            "44909", "447", "44870", "441481", "52", "5255", "54", "61", "6189164", "262", "269", "590", "881", "979",
            "999", "371", "37190", "49", "49900", "212", "2125288", "55", "", "8", "35",
        ];
        let tails = ["", "", "", "", ",,12", "x12", "#", "FLOWERS"];
        let mut pick = seed.iter().copied().cycle();
        let mut next = |n: usize| pick.next().unwrap_or(0) as usize % n;
        let mut out = Vec::new();
        for _ in 0..120 {
            let lead = leads[next(leads.len())];
            let front = fronts[next(fronts.len())];
            let code = codes[next(codes.len())];
            let digits: String = (0..next(12)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let tail = tails[next(tails.len())];
            out.push(format!("{lead}{front}{code}{digits}{tail}"));
        }
        // Every prefix of a few of them: verdicts while typing.
        for i in 0..6 {
            let dial = out[i].clone();
            for end in 1..dial.len() {
                if dial.is_char_boundary(end) {
                    out.push(dial[..end].to_string());
                }
            }
        }
        out
    }

    /// Whether `pattern` (digits, `X`, `[2-9]`, `[0136]`) occurs in `text`,
    /// or `text` is the start of it (a dial being typed).
    fn occurs(pattern: &str, text: &str) -> bool {
        let mut classes: Vec<Vec<char>> = Vec::new();
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            match c {
                'X' => classes.push(('0'..='9').collect()),
                '[' => {
                    let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                    let b = inner.as_bytes();
                    if b.len() == 3 && b[1] == b'-' {
                        classes.push((b[0] as char..=b[2] as char).collect());
                    } else {
                        classes.push(inner.chars().collect());
                    }
                }
                c => classes.push(vec![c]),
            }
        }
        let text: Vec<char> = text.chars().collect();
        let typing = !text.is_empty()
            && text.len() < classes.len()
            && text.iter().zip(&classes).all(|(c, class)| class.contains(c));
        typing
            || (0..=text.len()).any(|at| {
                classes.len() <= text.len() - at
                    && classes
                        .iter()
                        .enumerate()
                        .all(|(i, class)| class.contains(&text[at + i]))
            })
    }

    /// The digits a decision's reading judged: calling code and national
    /// number, or the digits after its prefix.
    fn judged(d: &dialguard::Decision) -> Option<String> {
        match (d.calling_code(), d.national_number()) {
            (Some(code), national) => Some(format!("{code}{}", national.unwrap_or(""))),
            (None, _) => {
                let range = d.prefix_range()?;
                Some(
                    d.dial_string()
                        .get(range.end..)?
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect(),
                )
            }
        }
    }

    /// `text` without the feature codes and the one access code it starts with.
    fn after_leads<'t>(mut text: &'t str, (access, feature): (&[&str], &[&str])) -> &'t str {
        let mut stripped = false;
        loop {
            if let Some(rest) = access.iter().filter(|_| !stripped).find_map(|l| text.strip_prefix(l)) {
                stripped = true;
                text = rest.trim_start_matches(',');
            } else if let Some(rest) = feature.iter().find_map(|l| text.strip_prefix(l)) {
                text = rest;
            } else {
                return text;
            }
        }
    }

    fn covers(
        change: &Change,
        dial: &str,
        before: &dialguard::Decision,
        after: &dialguard::Decision,
        leads: (&[&str], &[&str]),
    ) -> bool {
        // The dials, and the dials a reading carries (after a star code).
        let carried = [before, after].map(|d| d.reading().map_or("", |r| r.dial_string()));
        let canonical: Vec<String> = [before.dial_string(), after.dial_string(), dial, carried[0], carried[1]]
            .iter()
            .flat_map(|s| {
                let s: String = s
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || "+*#,".contains(*c))
                    .collect();
                [after_leads(&s, leads).to_string(), s]
            })
            .collect();
        match change.kind {
            ChangeKind::Destination => {
                let code = change.dialed.trim_start_matches('+');
                let ranges: Vec<String> = match change.leading_digits.as_slice() {
                    [] => vec![code.to_string()],
                    ld => ld.iter().map(|l| format!("{code}{l}")).collect(),
                };
                [before, after].iter().filter_map(|d| judged(d)).any(|j| {
                    ranges
                        .iter()
                        .any(|r| j.starts_with(r.as_str()) || r.starts_with(j.as_str()))
                })
            }
            ChangeKind::NationalNumber => [before, after].iter().filter_map(|d| d.national_number()).any(|n| {
                change
                    .leading_digits
                    .iter()
                    .any(|l| n.starts_with(l.as_str()) || l.starts_with(n))
            }),
            ChangeKind::KeypadLetters => dial.chars().any(|c| c.is_ascii_alphabetic()),
            _ => canonical.iter().any(|c| occurs(&change.dialed, c)),
        }
    }

    #[test]
    fn every_changed_dial_is_covered_and_every_example_changes() {
        let mut runner = TestRunner::new(Config {
            cases: 3000,
            failure_persistence: None,
            ..Config::default()
        });
        let pair = config().prop_flat_map(edited);
        let figures = std::cell::Cell::new((0usize, 0usize, 0usize, 0usize));
        runner
            .run(&(pair, prop::collection::vec(any::<u32>(), 64)), |((a, b), seed)| {
                let before =
                    DialPolicy::from_json(&a.json()).map_err(|e| TestCaseError::fail(format!("{}: {e}", a.json())))?;
                let after =
                    DialPolicy::from_json(&b.json()).map_err(|e| TestCaseError::fail(format!("{}: {e}", b.json())))?;
                let diff = before.diff(&after, None);
                for change in &diff.changes {
                    prop_assert_eq!(
                        (before.verdict(&change.example), after.verdict(&change.example)),
                        (change.before.verdict, change.after.verdict),
                        "{} -> {}: {:?}",
                        a.json(),
                        b.json(),
                        change
                    );
                }
                let mut changed = 0;
                let access: Vec<&str> = a.access.iter().chain(&b.access).copied().collect();
                let feature: Vec<&str> = a.feature.iter().chain(&b.feature).copied().collect();
                for dial in dials(&a, &b, &seed) {
                    let (x, y) = (before.check(&dial), after.check(&dial));
                    if x.verdict() == y.verdict() {
                        continue;
                    }
                    changed += 1;
                    prop_assert!(
                        diff.changes
                            .iter()
                            .any(|c| covers(c, &dial, &x, &y, (&access, &feature))),
                        "{:?}: {:?} -> {:?} is in no change of\n{}\n{}\n{:#?}",
                        dial,
                        x,
                        y,
                        a.json(),
                        b.json(),
                        diff.changes
                    );
                }
                let (pairs, changes, dials, with) = figures.get();
                figures.set((
                    pairs + 1,
                    changes + diff.changes.len(),
                    dials + changed,
                    with + usize::from(!diff.changes.is_empty()),
                ));
                Ok(())
            })
            .unwrap();
        let figures = figures.get();
        eprintln!(
            "diff exactness: {} pairs ({} with changes), {} changes reported, {} changed dials covered",
            figures.0, figures.3, figures.1, figures.2
        );
        assert!(figures.0 >= 1000 && figures.3 > figures.0 / 2);
    }
}
