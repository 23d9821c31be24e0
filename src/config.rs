//! The policy configuration (docs/contract.md §3) and its JSON form, by serde.
//!
//! Deserialization checks shape (keys, types); [`crate::DialPolicy::new`]
//! checks meaning (known regions, assigned codes, digit strings, sizes) and
//! normalizes.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use crate::error::{ConfigError, ConfigErrorKind};
use crate::shape::{self, Failure};
use crate::text::{concat, decimal};

/// How regions that share a calling code are judged.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum SharedCodes {
    /// Allowing one region allows its whole calling code: Canada allows
    /// every +1 number (the reference behaviour).
    #[default]
    Together,
    /// Each number is judged by the regions that can own it: Canada allows
    /// 416 but not 212 (US) or 876 (Jamaica).
    ByRegion,
}

/// A policy as an admin writes it (its JSON form has camelCase keys; an
/// unknown key is an error; every key may be left out). Build a
/// [`crate::DialPolicy`] from it.
///
/// ```
/// use dialguard::{DialPolicy, PolicyConfig, SharedCodes};
///
/// let config = PolicyConfig {
///     home_region: Some("MX".into()),
///     allow: vec!["AR".into(), "CA".into()],
///     shared_codes: SharedCodes::ByRegion,
///     ..PolicyConfig::default()
/// };
/// let policy = DialPolicy::new(config)?;
/// assert_eq!(policy.check("09 54 11 1234 5678").verdict().as_str(), "allowed");
/// # Ok::<(), dialguard::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
// `default` marks every key optional in the TypeScript declaration.
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PolicyConfig {
    /// `false` turns protection off: international dials are allowed.
    pub enabled: bool,
    /// ISO code of the PBX's region; supplies the default prefixes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "RegionCode | null"))]
    pub home_region: Option<String>,
    /// International prefixes (`"00"`, `"011"`); default: the home region's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "string[] | null"))]
    pub international_prefixes: Option<Vec<String>>,
    /// Treat a leading `+` as an international prefix.
    pub plus_is_international: bool,
    /// Outside-line codes (`"9"`) stripped from the start of a dial.
    pub access_codes: Vec<String>,
    /// Star codes (`"*67"`) stripped before the rest is judged.
    pub feature_codes: Vec<String>,
    /// Read letters as keypad digits (ITU E.161) instead of rejecting them.
    pub keypad_letters: bool,
    /// Regions (`"AR"`), calling codes (`"+44"`) or codes with national
    /// digits (`"+1876"`) that may be called.
    pub allow: Vec<String>,
    /// How shared calling codes are judged.
    pub shared_codes: SharedCodes,
    /// Judge national-format dials that reach another region of the home
    /// region's calling code (`1 876 …` from the US is Jamaica) as
    /// international. Needs a home region.
    pub judge_national_dialing: bool,
    /// Number types blocked inside allowed destinations (`"premium-rate"`,
    /// `"shared-cost"`, ...; see [`crate::NumberType`]): every type but
    /// `"fixed-line-or-mobile"`, which is two.
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Exclude<NumberType, \"fixed-line-or-mobile\">[]")
    )]
    pub block_number_types: Vec<String>,
}

impl Default for PolicyConfig {
    fn default() -> PolicyConfig {
        PolicyConfig {
            enabled: true,
            home_region: None,
            international_prefixes: None,
            plus_is_international: true,
            access_codes: Vec::new(),
            feature_codes: Vec::new(),
            keypad_letters: false,
            allow: Vec::new(),
            shared_codes: SharedCodes::Together,
            judge_national_dialing: false,
            block_number_types: Vec::new(),
        }
    }
}

/// Longest list accepted in a configuration: room for every literal
/// international prefix of any region (China has 2,101).
pub(crate) const MAX_LIST: usize = 4096;

impl PolicyConfig {
    /// The keys of the JSON form, in the order of the fields.
    ///
    /// ```
    /// assert_eq!(dialguard::PolicyConfig::keys()[..2], ["enabled", "homeRegion"]);
    /// ```
    pub fn keys() -> &'static [&'static str] {
        &shape::KEYS
    }

    /// Reads a policy from a self-describing serde format of values in
    /// memory (JavaScript values through serde-wasm-bindgen,
    /// `serde_json::Value`), its errors typed and worded by this crate,
    /// naming the field (`allow[1]: expected a string, got a number`). A
    /// value the format cannot give is of the wrong type; an error the
    /// format raises elsewhere is a [`ConfigErrorKind::Syntax`] error in
    /// its own words. Text is read with [`PolicyConfig::from_json`].
    pub fn from_deserializer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PolicyConfig, ConfigError> {
        shape::read(deserializer).map_err(|failure| match failure {
            Failure::Policy(e) | Failure::Format { at: Some(e), .. } => e,
            Failure::Format { error, at: None } => ConfigError::new(
                ConfigErrorKind::Syntax,
                "",
                &concat(&["unreadable: ", &error.to_string()]),
            ),
        })
    }

    /// Reads the JSON form (camelCase keys, docs/contract.md §3). Unknown and
    /// duplicate keys and wrong types are errors naming the field; `null`
    /// is accepted for the optional `homeRegion` and `internationalPrefixes`.
    ///
    /// ```
    /// use dialguard::PolicyConfig;
    ///
    /// let err = PolicyConfig::from_json(r#"{"allow": ["AR", 7]}"#).unwrap_err();
    /// assert_eq!(err.message(), "allow[1]: expected a string, got a number");
    /// ```
    pub fn from_json(text: &str) -> Result<PolicyConfig, ConfigError> {
        let syntax = |e: serde_json::Error| {
            ConfigError::new(
                ConfigErrorKind::Syntax,
                "",
                &concat(&["invalid JSON: ", &e.to_string()]),
            )
        };
        let mut reader = serde_json::Deserializer::from_str(text);
        let config = shape::read(&mut reader).map_err(|failure| match failure {
            Failure::Policy(e) => e,
            // Only text that is no JSON fails in serde_json's reading.
            Failure::Format { error, .. } => syntax(error),
        })?;
        reader.end().map_err(syntax)?;
        Ok(config)
    }

    /// The JSON form, the optional keys that are unset left out.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A policy within a Rust program's own serde data: read as
/// [`PolicyConfig::from_deserializer`] reads it, its error in the format's
/// type.
impl<'de> Deserialize<'de> for PolicyConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PolicyConfig, D::Error> {
        shape::read(deserializer).map_err(|failure| match failure {
            Failure::Policy(e) => serde::de::Error::custom(e),
            Failure::Format { error, .. } => error,
        })
    }
}

/// `allow[2]`.
pub(crate) fn item_path(key: &str, index: usize) -> String {
    concat(&[key, "[", &decimal(index as u64), "]"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = PolicyConfig::from_json(
            r#"{"enabled": false, "homeRegion": "mx", "internationalPrefixes": ["00", "09"],
                "plusIsInternational": false, "accessCodes": ["9"], "featureCodes": ["*67"],
                "keypadLetters": true, "allow": ["AR", "+1876"], "sharedCodes": "by-region",
                "judgeNationalDialing": true, "blockNumberTypes": ["premium-rate"]}"#,
        )
        .unwrap();
        assert_eq!(
            config,
            PolicyConfig {
                enabled: false,
                home_region: Some("mx".into()),
                international_prefixes: Some(vec!["00".into(), "09".into()]),
                plus_is_international: false,
                access_codes: vec!["9".into()],
                feature_codes: vec!["*67".into()],
                keypad_letters: true,
                allow: vec!["AR".into(), "+1876".into()],
                shared_codes: SharedCodes::ByRegion,
                judge_national_dialing: true,
                block_number_types: vec!["premium-rate".into()],
            }
        );
        assert_eq!(PolicyConfig::from_json(&config.to_json()).unwrap(), config);
    }

    #[test]
    fn the_keys_read_are_the_keys_written() {
        let full = PolicyConfig {
            home_region: Some("MX".into()),
            international_prefixes: Some(vec!["00".into()]),
            ..PolicyConfig::default()
        };
        let text = full.to_json();
        let mut at = 0;
        for key in PolicyConfig::keys() {
            // In the order of the fields, each once.
            let found = text[at..].find(&format!("\"{key}\":")).map(|i| at + i);
            assert!(found.is_some(), "{key} in {text}");
            at = found.unwrap();
        }
        let written: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(written.as_object().unwrap().len(), PolicyConfig::keys().len());
    }

    #[test]
    fn nesting_is_refused_where_it_starts() {
        let deep = ["{\"allow\": [", &"[".repeat(100_000), &"]".repeat(100_000), "]}"].concat();
        let err = PolicyConfig::from_json(&deep).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ConfigErrorKind::WrongType, "allow[0]"));
        let err = PolicyConfig::from_json(r#"{"sharedCodes": 7}"#).unwrap_err();
        assert_eq!(
            err.message(),
            r#"sharedCodes: expected "together" or "by-region", got a number"#
        );
        // Read from values in memory as from text.
        let value: serde_json::Value = serde_json::from_str(r#"{"allow": ["AR", null]}"#).unwrap();
        let err = PolicyConfig::from_deserializer(value).unwrap_err();
        assert_eq!(err.message(), "allow[1]: expected a string, got null");
    }

    #[test]
    fn defaults_and_nulls() {
        assert_eq!(PolicyConfig::from_json("{}").unwrap(), PolicyConfig::default());
        let config = PolicyConfig::from_json(r#"{"homeRegion": null, "internationalPrefixes": null}"#).unwrap();
        assert_eq!(config, PolicyConfig::default());
    }

    #[test]
    fn shape_errors_name_the_field() {
        let cases = [
            (
                "[]",
                ConfigErrorKind::WrongType,
                "",
                "expected a policy object, got a list",
            ),
            (
                "7",
                ConfigErrorKind::WrongType,
                "",
                "expected a policy object, got a number",
            ),
            (
                r#"{"enabled": "yes"}"#,
                ConfigErrorKind::WrongType,
                "enabled",
                "expected true or false, got a string",
            ),
            (
                r#"{"allow": ["AR", 7]}"#,
                ConfigErrorKind::WrongType,
                "allow[1]",
                "expected a string, got a number",
            ),
            (
                r#"{"allow": null}"#,
                ConfigErrorKind::WrongType,
                "allow",
                "expected a list of strings, got null",
            ),
            (
                r#"{"homeRegion": {"a": 1}}"#,
                ConfigErrorKind::WrongType,
                "homeRegion",
                "expected a string, got an object",
            ),
            (
                r#"{"sharedCodes": "region"}"#,
                ConfigErrorKind::InvalidValue,
                "sharedCodes",
                r#"must be "together" or "by-region""#,
            ),
            (
                r#"{"allow": [], "allow": []}"#,
                ConfigErrorKind::DuplicateKey,
                "allow",
                "given twice",
            ),
            (
                r#"{"allow": []"#,
                ConfigErrorKind::Syntax,
                "",
                "invalid JSON: EOF while parsing an object at line 1 column 12",
            ),
            (
                r#"{} {}"#,
                ConfigErrorKind::Syntax,
                "",
                "invalid JSON: trailing characters at line 1 column 4",
            ),
        ];
        for (text, kind, path, detail) in cases {
            let err = PolicyConfig::from_json(text).unwrap_err();
            assert_eq!((err.kind(), err.path(), err.detail()), (kind, path, detail), "{text}");
        }
        let err = PolicyConfig::from_json(r#"{"alow": []}"#).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ConfigErrorKind::UnknownKey, "alow"));
        assert!(err.detail().contains("allow"));
    }
}
