//! The region catalog: listing, search, prefix suggestions.

use dialguard::{regions, search_regions, suggest_prefixes, Region};

fn search(query: &str, limit: Option<usize>) -> Vec<&'static str> {
    search_regions(query, limit).into_iter().map(|r| r.id()).collect()
}

#[test]
fn exact_codes_first() {
    assert_eq!(search("AR", Some(1)), ["AR"]);
    assert_eq!(search("ar", None)[0], "AR");
    assert_eq!(search("54", None), ["AR"]);
    assert_eq!(search("+54", None), ["AR"]);
    assert_eq!(search(" + 7 ", None), ["RU", "KZ"]);
    let nanp = search("+1", None);
    assert_eq!(nanp.len(), 25);
    assert_eq!(nanp[0], "US");
    assert_eq!(search("881", None), ["001"]);
    // No +35, so the codes that start with 35: 350 to 359, Åland beside Finland.
    let codes = search("+35", None);
    assert_eq!(codes.len(), 11);
    assert_eq!((codes[0], codes[9], codes[10]), ("GI", "AX", "BG"));
    // An exact code comes before the codes that merely start with it.
    assert_eq!(&search("+7", None)[..2], ["RU", "KZ"]);
    let starting_with_2 = regions()
        .filter(|r| r.calling_code().to_string().starts_with('2'))
        .count();
    assert_eq!(search("+2", None).len(), starting_with_2);
}

#[test]
fn names_aliases_accents_and_punctuation() {
    assert_eq!(search("curacao", None), ["CW"]);
    assert_eq!(search("CURAÇAO", None), ["CW"]);
    assert_eq!(search("cote d'ivoire", None), ["CI"]);
    assert_eq!(search("ivory", None), ["CI"]);
    assert_eq!(search("usa", Some(1)), ["US"]);
    assert_eq!(search("uk", Some(2)), ["GB", "UA"]);
    assert_eq!(search("holy see", None), ["VA"]);
    assert_eq!(search("st kitts", None), ["KN"]);
    assert_eq!(search("saint kitts", None), ["KN"]);
    assert_eq!(search("antigua and", None), ["AG"]);
    assert_eq!(search("reunion", None), ["RE"]);
    assert_eq!(search("turkey", None), ["TR"]);
    assert_eq!(search("satellite", None), ["001", "001", "001"]);
}

#[test]
fn ranking() {
    // Name prefix, then word prefix, then substring.
    let guinea = search("guinea", None);
    assert_eq!(guinea[0], "GN");
    assert!(guinea.iter().position(|&r| r == "GW") < guinea.iter().position(|&r| r == "PG"));
    let kong = search("kong", None);
    assert_eq!(kong, ["HK"]);
    let is = search("is", None);
    let at = |id| is.iter().position(|&r| r == id).unwrap();
    assert!(
        at("IL") < at("KY"),
        "Israel starts with it, Cayman Islands has a word that does"
    );
    assert!(at("KY") < at("TN"), "Tunisia only contains it");
    assert_eq!(search("zzz", None), Vec::<&str>::new());
    assert_eq!(search("", None).len(), 254);
    assert_eq!(search("", Some(5)).len(), 5);
}

#[test]
fn suggestions() {
    assert_eq!(suggest_prefixes("MX").unwrap(), ["00", "09"]);
    assert_eq!(suggest_prefixes("us").unwrap(), ["011"]);
    assert_eq!(suggest_prefixes("RU").unwrap(), ["810"]);
    let au = suggest_prefixes("AU").unwrap();
    assert_eq!(&au[..3], ["0011", "0014", "0015"]);
    assert_eq!(au.len(), 16);
    let cn = suggest_prefixes("CN").unwrap();
    assert_eq!((cn[0].as_str(), cn.len()), ("00", 2101));
    let err = suggest_prefixes("XX").unwrap_err();
    assert_eq!(err.message(), r#"homeRegion: unknown region "XX""#);
}

#[test]
fn region_info() {
    let ca = Region::from_id("CA").unwrap();
    let shared: Vec<&str> = ca.shared_with().map(|r| r.id()).collect();
    assert_eq!(shared.len(), 24);
    assert_eq!(shared[0], "US");
    assert!(ca.leading_digits().contains(&"416".to_string()));
    let ar = Region::from_id("AR").unwrap();
    assert_eq!(ar.shared_with().count(), 0);
    assert!(ar.leading_digits().is_empty());
    for r in regions() {
        assert_eq!(r.international_prefix().is_some(), r.is_geographic(), "{}", r.id());
    }
}

#[test]
fn number_types_of_a_region() {
    use dialguard::NumberType::*;
    let types = |id| {
        Region::from_id(id)
            .unwrap()
            .number_types()
            .iter()
            .map(|t| (t.number_type, t.prefix))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        types("LV"),
        [
            (FixedLine, "6"),
            (Mobile, "21"),
            (TollFree, "80"),
            (PremiumRate, "90"),
            (SharedCost, "81")
        ]
    );
    assert!(types("GB").contains(&(PersonalNumber, "70")));
    let iprs = Region::non_geographic(979).unwrap().number_types();
    assert_eq!(iprs.len(), 1);
    assert_eq!(iprs[0].number_type, PremiumRate);
    // A prefix of each region's ranges reaches its type (in a policy that
    // reaches every calling code: protection off).
    let policy = dialguard::DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "enabled": false}"#).unwrap();
    for r in dialguard::regions() {
        for t in r.number_types() {
            let d = policy.check(&format!("+{}{}", r.calling_code(), t.prefix));
            let told = d.number_type();
            let fits = told == Some(t.number_type)
                || (matches!(t.number_type, FixedLine | Mobile) && told == Some(FixedLineOrMobile));
            assert!(fits, "{} {:?} {}: {told:?}", r.id(), t.number_type, t.prefix);
        }
    }
}
