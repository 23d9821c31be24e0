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

/// (type, calling code, regions) of a diff's type tiers.
fn tiers(tiers: &[dialguard::TypeTier]) -> Vec<(&'static str, u16, Vec<&'static str>)> {
    tiers
        .iter()
        .map(|t| (t.number_type.as_str(), t.calling_code, ids(&t.regions)))
        .collect()
}

#[test]
fn blocking_a_type_loses_its_tier_and_no_destination() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["LV", "AR"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["LV", "AR"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, Some(&["+371 90 123 456", "+371 2123 4567"]));
    assert!(diff.gained.is_empty() && diff.lost.is_empty(), "{diff:?}");
    assert!(diff.types_gained.is_empty());
    assert_eq!(
        tiers(&diff.types_lost),
        [("premium-rate", 54, vec!["AR"]), ("premium-rate", 371, vec!["LV"])]
    );
    let log = diff.call_log.unwrap();
    assert_eq!((log.changed, log.items[0].dialed.as_str()), (1, "+371 90 123 456"));
    // And back.
    let back = proposed.diff(&saved, None);
    assert_eq!(tiers(&back.types_gained), tiers(&diff.types_lost));
}

#[test]
fn allowing_a_region_gains_its_tiers() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["AR"], "blockNumberTypes": ["premium-rate"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["AR", "LV"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, None);
    assert_eq!(diff.gained.len(), 1);
    assert_eq!(
        tiers(&diff.types_gained),
        [
            ("fixed-line", 371, vec!["LV"]),
            ("mobile", 371, vec!["LV"]),
            ("toll-free", 371, vec!["LV"]),
            ("shared-cost", 371, vec!["LV"]),
        ]
    );
    assert!(diff.types_lost.is_empty());
}

#[test]
fn an_entry_with_national_digits_gains_the_types_it_covers() {
    let saved = policy(r#"{"homeRegion": "MX", "allow": ["GB"], "blockNumberTypes": ["premium-rate"]}"#);
    let proposed = policy(r#"{"homeRegion": "MX", "allow": ["GB", "+449"], "blockNumberTypes": ["premium-rate"]}"#);
    let diff = saved.diff(&proposed, None);
    assert!(diff.gained.is_empty());
    assert_eq!(
        tiers(&diff.types_gained),
        [("premium-rate", 44, vec!["GB", "GG", "IM", "JE"])]
    );
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
