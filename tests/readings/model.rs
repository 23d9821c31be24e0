//! What the model knows: numbering facts from libphonenumber's XML and the
//! procedures table (read by the tests' own readers), and a policy as the
//! test wrote it, with the engine policies built from it.

use std::collections::HashMap;
use std::sync::OnceLock;

use dialguard::DialPolicy;
use serde_json::{json, Value};

use crate::support::procedures::{procedures, Procedure};
use crate::support::{language, territories, Territory};

pub struct Facts {
    pub territories: Vec<Territory>,
    pub procedures: Vec<Procedure>,
    /// Each region's emergency numbers (ShortNumberMetadata.xml).
    pub emergency: HashMap<String, crate::support::Dfa>,
    by_id: HashMap<String, usize>,
    members: HashMap<u16, Vec<usize>>,
    /// The shortest national number of each calling code.
    shortest: HashMap<u16, usize>,
    /// Each territory's international prefixes as literal strings.
    idd: Vec<OnceLock<Vec<String>>>,
}

impl Facts {
    pub fn get() -> &'static Facts {
        static FACTS: OnceLock<Facts> = OnceLock::new();
        FACTS.get_or_init(|| {
            let territories = territories();
            let mut by_id = HashMap::new();
            let mut members: HashMap<u16, Vec<usize>> = HashMap::new();
            let mut shortest: HashMap<u16, usize> = HashMap::new();
            for (i, t) in territories.iter().enumerate() {
                if t.id != "001" {
                    by_id.insert(t.id.clone(), i);
                }
                members.entry(t.calling_code).or_default().push(i);
                let s = shortest.entry(t.calling_code).or_insert(usize::MAX);
                *s = (*s).min(t.shortest());
            }
            let idd = territories.iter().map(|_| OnceLock::new()).collect();
            Facts {
                territories,
                procedures: procedures(),
                emergency: crate::support::emergency_numbers(),
                by_id,
                members,
                shortest,
                idd,
            }
        })
    }

    pub fn territory(&self, id: &str) -> &Territory {
        &self.territories[self.by_id[id]]
    }

    /// The territories of a calling code.
    pub fn members(&self, code: u16) -> impl Iterator<Item = &Territory> {
        self.members[&code].iter().map(|&i| &self.territories[i])
    }

    pub fn shortest(&self, code: u16) -> usize {
        self.shortest[&code]
    }

    /// The literal international prefixes of a territory (its
    /// internationalPrefix pattern's language).
    pub fn international_prefixes(&self, t: &Territory) -> &[String] {
        let i = self.by_id[&t.id];
        self.idd[i].get_or_init(|| t.international_prefix.as_deref().map(language).unwrap_or_default())
    }

    /// The calling code that starts `digits` (E.164 codes are prefix-free)
    /// and the national digits after it.
    pub fn split_code<'a>(&self, digits: &'a str) -> Option<(u16, &'a str)> {
        (1..=3.min(digits.len())).find_map(|len| {
            let code: u16 = digits[..len].parse().ok()?;
            self.members.contains_key(&code).then(|| (code, &digits[len..]))
        })
    }
}

/// A policy as the test wrote it.
#[derive(Clone, Debug)]
pub struct Policy {
    pub home: Option<String>,
    /// `internationalPrefixes` when given (else the home region's).
    pub prefixes: Option<Vec<String>>,
    pub plus: bool,
    pub access: Vec<String>,
    pub features: Vec<String>,
    pub allow: Vec<String>,
    pub by_region: bool,
    pub national: bool,
    pub types: Vec<String>,
    pub enabled: bool,
}

impl Policy {
    /// A policy's JSON read by the test (defaults as in §3).
    pub fn from_json(text: &str) -> Policy {
        let config: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let strings = |key: &str| -> Vec<String> {
            config[key]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().expect("a string").to_string()).collect())
                .unwrap_or_default()
        };
        let flag = |key: &str, default: bool| config[key].as_bool().unwrap_or(default);
        Policy {
            home: config["homeRegion"].as_str().map(str::to_string),
            prefixes: config
                .get("internationalPrefixes")
                .map(|_| strings("internationalPrefixes")),
            plus: flag("plusIsInternational", true),
            access: strings("accessCodes"),
            features: strings("featureCodes"),
            allow: strings("allow"),
            by_region: config["sharedCodes"] == "by-region",
            national: flag("judgeNationalDialing", false),
            types: strings("blockNumberTypes"),
            enabled: flag("enabled", true),
        }
    }

    pub fn config(&self) -> Value {
        let mut config = json!({
            "enabled": self.enabled,
            "plusIsInternational": self.plus,
            "accessCodes": self.access,
            "featureCodes": self.features,
            "allow": self.allow,
            "sharedCodes": self.shared_codes(),
            "judgeNationalDialing": self.national,
            "blockNumberTypes": self.types,
        });
        if let Some(home) = &self.home {
            config["homeRegion"] = json!(home);
        }
        if let Some(prefixes) = &self.prefixes {
            config["internationalPrefixes"] = json!(prefixes);
        }
        config
    }

    fn shared_codes(&self) -> &'static str {
        if self.by_region {
            "by-region"
        } else {
            "together"
        }
    }

    /// The same destinations for `+` dials only: a `+` dial has exactly one
    /// reading, so the engine's judgement of it is the base the readings of
    /// every other dial reduce to.
    fn judge_config(&self) -> Value {
        json!({
            "enabled": self.enabled,
            "internationalPrefixes": ["00"],
            "allow": self.allow,
            "sharedCodes": self.shared_codes(),
            "blockNumberTypes": self.types,
        })
    }

    /// Domestic typing (§4 step 5 D): the home code's numbers typed as an
    /// international number of it, never as `unknown`. The policy's entries
    /// with national digits of the home code stay explicit (§3: they win
    /// over a type block). None when no type can block.
    fn typing_config(&self, code: u16) -> Option<Value> {
        let types: Vec<&String> = self.types.iter().filter(|t| *t != "unknown").collect();
        if types.is_empty() || !self.enabled {
            return None;
        }
        let whole = format!("+{code}");
        let mut allow = vec![whole.clone()];
        allow.extend(self.allow.iter().filter(|a| a.starts_with(&whole)).cloned());
        Some(json!({"homeRegion": self.home.as_ref()?, "allow": allow, "blockNumberTypes": types}))
    }
}

/// A policy and the engine policies that judge its readings.
pub struct Model {
    pub policy: Policy,
    pub json: String,
    pub engine: DialPolicy,
    /// Judges the E.164 form of a reading.
    pub judge: DialPolicy,
    /// Types a domestic reading.
    pub typing: Option<DialPolicy>,
    pub home: Option<&'static Territory>,
    /// The international prefixes in force.
    pub prefixes: Vec<String>,
}

fn build(config: &Value) -> DialPolicy {
    DialPolicy::from_json(&config.to_string()).unwrap_or_else(|e| panic!("{config}: {e}"))
}

impl Model {
    pub fn new(policy: Policy) -> Model {
        let facts = Facts::get();
        let home = policy.home.as_deref().map(|h| facts.territory(h));
        let prefixes = match (&policy.prefixes, home) {
            (Some(p), _) => p.clone(),
            (None, Some(h)) => facts.international_prefixes(h).to_vec(),
            (None, None) => Vec::new(),
        };
        let json = policy.config().to_string();
        Model {
            engine: build(&policy.config()),
            judge: build(&policy.judge_config()),
            typing: home
                .and_then(|h| policy.typing_config(h.calling_code))
                .as_ref()
                .map(build),
            json,
            home,
            prefixes,
            policy,
        }
    }
}
