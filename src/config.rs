//! The policy configuration (SPEC section 3) and its JSON form.
//!
//! This module checks shape (keys, types); [`crate::DialPolicy::new`] checks
//! meaning (known regions, assigned codes, digit strings) and normalizes.

use alloc::{string::String, vec::Vec};

use crate::error::{ConfigError, ConfigErrorKind};
use crate::json::{self, Reader};
use crate::text::{concat, decimal};

/// How regions that share a calling code are judged.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize, serde::Serialize),
    serde(rename_all = "kebab-case")
)]
pub enum SharedCodes {
    /// Allowing one region allows its whole calling code: Canada allows
    /// every +1 number (the reference behaviour).
    #[default]
    Together,
    /// Each number is judged by the regions that can own it: Canada allows
    /// 416 but not 212 (US) or 876 (Jamaica).
    ByRegion,
}

impl SharedCodes {
    pub fn as_str(self) -> &'static str {
        match self {
            SharedCodes::Together => "together",
            SharedCodes::ByRegion => "by-region",
        }
    }
}

/// A policy as an admin writes it. Build a [`crate::DialPolicy`] from it.
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
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize, serde::Serialize),
    serde(rename_all = "camelCase", deny_unknown_fields, default)
)]
pub struct PolicyConfig {
    /// `false` turns protection off: international dials are allowed.
    pub enabled: bool,
    /// ISO code of the PBX's region; supplies the default prefixes.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub home_region: Option<String>,
    /// International prefixes (`"00"`, `"011"`); default: the home region's.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
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
    /// international. Needs `home_region`.
    pub judge_national_dialing: bool,
    /// Number types blocked inside allowed destinations (`"premium-rate"`,
    /// `"shared-cost"`, ...; see [`crate::NumberType`]).
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
/// The detail of a list over [`MAX_LIST`], written out (a test checks it).
const TOO_LONG: &str = "at most 4096 entries";

impl PolicyConfig {
    /// Reads the JSON form (camelCase keys, SPEC section 3). Unknown and
    /// duplicate keys and wrong types are errors naming the field; `null`
    /// is accepted for the optional `homeRegion` and `internationalPrefixes`.
    ///
    /// ```
    /// use dialguard::PolicyConfig;
    ///
    /// let err = PolicyConfig::from_json(r#"{"allow": "AR"}"#).unwrap_err();
    /// assert_eq!(err.message(), "allow: expected a list of strings, got a string");
    /// ```
    pub fn from_json(text: &str) -> Result<PolicyConfig, ConfigError> {
        json::check(text)?;
        let mut reader = Reader::new(text);
        if !reader.at(b'{') {
            return Err(ConfigError::new(
                ConfigErrorKind::WrongType,
                "",
                "a policy must be a JSON object",
            ));
        }
        let mut config = PolicyConfig::default();
        let mut seen: Vec<String> = Vec::new();
        reader.members(&mut |r, key| {
            if seen.contains(&key) {
                return Err(ConfigError::new(ConfigErrorKind::DuplicateKey, &key, "given twice"));
            }
            let key = key.as_str();
            match key {
                "enabled" => config.enabled = boolean(r, key)?,
                "homeRegion" => config.home_region = optional(r, |r| string(r, key))?,
                "internationalPrefixes" => config.international_prefixes = optional(r, |r| strings(r, key))?,
                "plusIsInternational" => config.plus_is_international = boolean(r, key)?,
                "accessCodes" => config.access_codes = strings(r, key)?,
                "featureCodes" => config.feature_codes = strings(r, key)?,
                "keypadLetters" => config.keypad_letters = boolean(r, key)?,
                "judgeNationalDialing" => config.judge_national_dialing = boolean(r, key)?,
                "allow" => config.allow = strings(r, key)?,
                "blockNumberTypes" => config.block_number_types = strings(r, key)?,
                "sharedCodes" => {
                    config.shared_codes = match string(r, key)?.as_str() {
                        "together" => SharedCodes::Together,
                        "by-region" => SharedCodes::ByRegion,
                        _ => {
                            return Err(ConfigError::new(
                                ConfigErrorKind::InvalidValue,
                                key,
                                r#"must be "together" or "by-region""#,
                            ))
                        }
                    }
                }
                _ => return Err(ConfigError::new(ConfigErrorKind::UnknownKey, key, UNKNOWN_KEY)),
            }
            seen.push(key.into());
            Ok(())
        })?;
        Ok(config)
    }

    /// The JSON form, every key present but the optional ones that are unset.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"enabled\":");
        out.push_str(bool_text(self.enabled));
        if let Some(home) = &self.home_region {
            out.push_str(",\"homeRegion\":");
            json::push_string(&mut out, home);
        }
        if let Some(prefixes) = &self.international_prefixes {
            push_list(&mut out, "internationalPrefixes", prefixes);
        }
        out.push_str(",\"plusIsInternational\":");
        out.push_str(bool_text(self.plus_is_international));
        push_list(&mut out, "accessCodes", &self.access_codes);
        push_list(&mut out, "featureCodes", &self.feature_codes);
        out.push_str(",\"keypadLetters\":");
        out.push_str(bool_text(self.keypad_letters));
        push_list(&mut out, "allow", &self.allow);
        out.push_str(",\"sharedCodes\":");
        json::push_string(&mut out, self.shared_codes.as_str());
        out.push_str(",\"judgeNationalDialing\":");
        out.push_str(bool_text(self.judge_national_dialing));
        push_list(&mut out, "blockNumberTypes", &self.block_number_types);
        out.push('}');
        out
    }
}

/// The detail of an unknown key: every key, in the order of the fields of
/// [`PolicyConfig`] (one text rather than a list joined at run time).
const UNKNOWN_KEY: &str = "unknown key; the keys are enabled, homeRegion, internationalPrefixes, \
    plusIsInternational, accessCodes, featureCodes, keypadLetters, allow, sharedCodes, judgeNationalDialing, \
    blockNumberTypes";

fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn push_list(out: &mut String, key: &str, items: &[String]) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::push_string(out, item);
    }
    out.push(']');
}

/// "expected a string, got a number", about the value `r` is at.
fn wrong_type(path: &str, expected: &str, r: &mut Reader<'_>) -> ConfigError {
    let detail = concat(&["expected ", expected, ", got ", r.type_name()]);
    ConfigError::new(ConfigErrorKind::WrongType, path, &detail)
}

fn boolean(r: &mut Reader<'_>, key: &str) -> Result<bool, ConfigError> {
    match r.boolean()? {
        Some(b) => Ok(b),
        None => Err(wrong_type(key, "true or false", r)),
    }
}

fn string(r: &mut Reader<'_>, key: &str) -> Result<String, ConfigError> {
    match r.string()? {
        Some(s) => Ok(s),
        None => Err(wrong_type(key, "a string", r)),
    }
}

fn strings(r: &mut Reader<'_>, key: &str) -> Result<Vec<String>, ConfigError> {
    if !r.at(b'[') {
        return Err(wrong_type(key, "a list of strings", r));
    }
    let mut items = Vec::new();
    let mut count = 0;
    // The first item that is not a string; a list too long is reported first.
    let mut wrong = None;
    r.items(&mut |r, i| {
        count += 1;
        match r.string()? {
            Some(s) => items.push(s),
            None => {
                if wrong.is_none() {
                    wrong = Some(wrong_type(&item_path(key, i), "a string", r));
                }
                r.skip(json::MEMBER_DEPTH + 1)?;
            }
        }
        Ok(())
    })?;
    if count > MAX_LIST {
        return Err(ConfigError::new(ConfigErrorKind::TooLarge, key, TOO_LONG));
    }
    match wrong {
        Some(err) => Err(err),
        None => Ok(items),
    }
}

fn optional<T>(
    r: &mut Reader<'_>,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T, ConfigError>,
) -> Result<Option<T>, ConfigError> {
    if r.null()? {
        Ok(None)
    } else {
        read(r).map(Some)
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
    fn too_long_names_the_limit() {
        assert_eq!(TOO_LONG, alloc::format!("at most {MAX_LIST} entries"));
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
            ("[]", ConfigErrorKind::WrongType, "", "a policy must be a JSON object"),
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
