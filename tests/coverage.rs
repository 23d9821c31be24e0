//! What a policy allows of each region: the settings table's reading of the
//! allow list, from the engine.

use dialguard::{Coverage, DialPolicy, Extent, Region};

fn coverage(config: &str, region: &str) -> Coverage {
    let policy = DialPolicy::from_json(config).expect(config);
    let region = Region::from_id(region).expect(region);
    policy
        .coverage()
        .into_iter()
        .find(|c| c.region == region)
        .expect("every region has a row")
}

/// (allowed, reason, by, blocked types) of a region under a policy.
fn of(config: &str, region: &str) -> (Extent, Option<&'static str>, Vec<String>, Vec<&'static str>) {
    let c = coverage(config, region);
    let blocked = c.blocked_types.iter().map(|t| t.as_str()).collect();
    (c.allowed, c.reason.map(|r| r.as_str()), c.by, blocked)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_way_an_allow_list_reaches_a_region() {
    let us = r#"{"homeRegion": "US", "allow": ["CA", "+44", "+1876"]}"#;
    let by_region = r#"{"homeRegion": "US", "allow": ["CA", "+1876"], "sharedCodes": "by-region"}"#;
    let cases = [
        (us, "CA", (Extent::All, Some("region-allowed"), strings(&["CA"]))),
        (us, "GG", (Extent::All, Some("code-allowed"), strings(&["+44"]))),
        (us, "US", (Extent::All, Some("shared-code-allowed"), strings(&["CA"]))),
        (us, "AR", (Extent::None, None, Vec::new())),
        // Canada shares toll-free 8XX, 900 and personal 5XX with the US: some of it.
        (
            by_region,
            "US",
            (Extent::Some, Some("region-allowed"), strings(&["CA"])),
        ),
        (by_region, "MX", (Extent::None, None, Vec::new())),
        // Jamaica is 876 and 658: one range of the two is some of it.
        (
            by_region,
            "JM",
            (Extent::Some, Some("range-allowed"), strings(&["+1876"])),
        ),
        (
            r#"{"homeRegion": "US", "allow": ["+1876", "+1658"], "sharedCodes": "by-region"}"#,
            "JM",
            (Extent::All, Some("range-allowed"), strings(&["+1876", "+1658"])),
        ),
        (
            r#"{"homeRegion": "US", "enabled": false}"#,
            "AR",
            (Extent::All, Some("protection-disabled"), Vec::new()),
        ),
    ];
    for (config, region, want) in cases {
        let (allowed, reason, by, blocked) = of(config, region);
        assert_eq!((allowed, reason, by), want, "{region} under {config}");
        assert!(blocked.is_empty());
    }
    // A non-geographic code is its own row.
    let policy = DialPolicy::from_json(r#"{"homeRegion": "US", "allow": ["+881"]}"#).unwrap();
    let rows: Vec<_> = policy
        .coverage()
        .into_iter()
        .filter(|c| c.allowed != Extent::None)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].region.id(),
            rows[0].calling_code,
            rows[0].reason.map(|r| r.as_str())
        ),
        ("001", 881, Some("code-allowed"))
    );
}

#[test]
fn blocked_number_types_leave_some_of_a_region() {
    let config =
        r#"{"homeRegion": "US", "allow": ["GB", "+4470"], "blockNumberTypes": ["premium-rate", "personal-number"]}"#;
    let (allowed, reason, by, blocked) = of(config, "GB");
    assert_eq!(
        (allowed, reason, by),
        (Extent::Some, Some("region-allowed"), strings(&["GB"]))
    );
    assert_eq!(blocked, ["premium-rate", "personal-number"]);
    // Protection off blocks nothing.
    let (allowed, _, _, blocked) = of(
        r#"{"homeRegion": "US", "allow": ["GB"], "blockNumberTypes": ["premium-rate"], "enabled": false}"#,
        "GB",
    );
    assert_eq!((allowed, blocked.len()), (Extent::All, 0));
}

/// docs/contract.md §4 step 7: by region, a number is allowed when an
/// allowed region can own it, so a region that shares ranges with an
/// allowed one is partly allowed, and the table says which ranges.
#[test]
fn ranges_shared_with_an_allowed_region_are_named() {
    let gg = r#"{"homeRegion": "FR", "allow": ["GG"], "sharedCodes": "by-region"}"#;
    let gb = coverage(gg, "GB");
    assert_eq!((gb.allowed, gb.by.as_slice()), (Extent::Some, &["GG".to_string()][..]));
    for range in ["70", "90"] {
        assert!(
            gb.shared_ranges.iter().any(|r| r == range),
            "{range} in {:?}",
            gb.shared_ranges
        );
    }
    // Each named range is allowed, and the region's own ranges are not.
    let policy = DialPolicy::from_json(gg).unwrap();
    for range in &gb.shared_ranges {
        let dial = format!("+44{range}{}", "1".repeat(10 - range.len()));
        assert_ne!(policy.verdict(&dial), dialguard::Verdict::Blocked, "{dial}");
    }
    assert_eq!(policy.verdict("+44 20 7946 0000"), dialguard::Verdict::Blocked);
    // Together, the whole code is allowed: no ranges to name.
    let together = coverage(r#"{"homeRegion": "FR", "allow": ["GG"]}"#, "GB");
    assert_eq!((together.allowed, together.shared_ranges.len()), (Extent::All, 0));
    // A region allowed itself has all of it.
    assert!(coverage(gg, "GG").shared_ranges.is_empty());
}

#[test]
fn one_row_per_region_in_catalog_order() {
    let policy = DialPolicy::from_json(r#"{"homeRegion": "MX", "allow": ["AR"]}"#).unwrap();
    let rows: Vec<Region> = policy.coverage().into_iter().map(|c| c.region).collect();
    assert_eq!(rows, dialguard::regions().collect::<Vec<_>>());
}

/// `reached` is the allow list's reach, number types aside: a region whose
/// premium-rate numbers are blocked is reached whole, one whose ranges are
/// shared with an allowed region only in part.
#[test]
fn reached_is_the_allow_list_without_the_types() {
    let typed = coverage(
        r#"{"homeRegion": "MX", "allow": ["GB"], "blockNumberTypes": ["premium-rate"]}"#,
        "GB",
    );
    assert_eq!((typed.allowed, typed.reached), (Extent::Some, Extent::All));
    let shared = coverage(
        r#"{"homeRegion": "FR", "allow": ["GG"], "sharedCodes": "by-region"}"#,
        "GB",
    );
    assert_eq!((shared.allowed, shared.reached), (Extent::Some, Extent::Some));
    let range = coverage(r#"{"homeRegion": "MX", "allow": ["+447"]}"#, "GB");
    assert_eq!(range.reached, Extent::Some);
    let none = coverage(r#"{"homeRegion": "MX", "allow": ["AR"]}"#, "GB");
    assert_eq!(none.reached, Extent::None);
}
