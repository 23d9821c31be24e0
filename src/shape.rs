//! Reading a policy configuration's shape (docs/contract.md §3) from any
//! self-describing serde format: JSON text, JavaScript values. The one
//! reader of a [`PolicyConfig`]: keys, types, a key given twice.
//!
//! Every value is asked for as whatever it is (`deserialize_any`) and its
//! kind is judged here, so that each error is typed where it is found, in
//! this crate's words, with its path: no format's or JavaScript engine's
//! text is read or passed on (they word the same mistake differently).

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::config::{item_path, PolicyConfig, SharedCodes};
use crate::error::{ConfigError, ConfigErrorKind};
use crate::text::concat;

/// The keys of a policy's JSON form, in the order of its fields.
pub(crate) const KEYS: [&str; 11] = [
    "enabled",
    "homeRegion",
    "internationalPrefixes",
    "plusIsInternational",
    "accessCodes",
    "featureCodes",
    "keypadLetters",
    "allow",
    "sharedCodes",
    "judgeNationalDialing",
    "blockNumberTypes",
];

/// What a value is, in the words of an error.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
}

impl Kind {
    fn words(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::List => "a list",
            Kind::Object => "an object",
        }
    }
}

/// A value of a policy's key, as far as a policy can hold it.
enum Value {
    Bool(bool),
    Str(String),
    /// A list, each item a string or the kind it was instead.
    List(Vec<Result<String, Kind>>),
    Other(Kind),
}

impl Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Bool(_) => Kind::Boolean,
            Value::Str(_) => Kind::String,
            Value::List(_) => Kind::List,
            Value::Other(kind) => *kind,
        }
    }
}

/// The first error found while the format gives its values, with its path.
/// A format's own error (JSON syntax) is the format's, and reported by the
/// caller; where the format cannot give a value that was asked for, the
/// value's path and what was expected there are known here.
#[derive(Default)]
struct Reading {
    error: RefCell<Option<ConfigError>>,
    /// The value being read, for an error the format raises there.
    at: RefCell<Option<(usize, Option<usize>)>>,
}

impl Reading {
    fn fail<E: de::Error>(&self, error: ConfigError) -> E {
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(error);
        }
        // Never shown: the caller reports the error above instead.
        E::custom("policy shape")
    }
}

/// Why a policy could not be read.
pub(crate) enum Failure<E> {
    /// Its shape is wrong: the error, as found.
    Policy(ConfigError),
    /// The format raised an error of its own (JSON syntax), `at` a value
    /// that was being read (what it should have been, and where).
    Format { error: E, at: Option<ConfigError> },
}

/// Reads a policy's shape from `deserializer`, then its fields.
pub(crate) fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PolicyConfig, Failure<D::Error>> {
    let reading = Reading::default();
    match deserializer.deserialize_any(Top(&reading)) {
        Ok(entries) => config(entries).map_err(Failure::Policy),
        Err(error) => Err(match reading.error.take() {
            Some(e) => Failure::Policy(e),
            None => Failure::Format {
                error,
                at: reading.at.take().map(|(key, index)| unreadable(key, index)),
            },
        }),
    }
}

/// The error for a value at `KEYS[key]` (item `index`) that a format could
/// not give: of no kind a policy holds.
fn unreadable(key: usize, index: Option<usize>) -> ConfigError {
    let name = KEYS.get(key).copied().unwrap_or("");
    let (path, expected) = match index {
        Some(i) => (item_path(name, i), "a string"),
        None => (String::from(name), expected(key)),
    };
    ConfigError::new(
        ConfigErrorKind::WrongType,
        &path,
        &concat(&["expected ", expected, ", got a value of another kind"]),
    )
}

/// What the key at `KEYS[key]` holds, in the words of an error.
fn expected(key: usize) -> &'static str {
    match KEYS.get(key).copied() {
        Some("enabled" | "plusIsInternational" | "keypadLetters" | "judgeNationalDialing") => "true or false",
        Some("homeRegion") => "a string",
        Some("sharedCodes") => r#""together" or "by-region""#,
        _ => "a list of strings",
    }
}

/// The fields of a policy from its keys' values.
fn config(entries: Vec<(usize, Value)>) -> Result<PolicyConfig, ConfigError> {
    let mut config = PolicyConfig::default();
    for (key, value) in entries {
        let name = KEYS.get(key).copied().unwrap_or("");
        let wrong = |kind: Kind| {
            ConfigError::new(
                ConfigErrorKind::WrongType,
                name,
                &concat(&["expected ", expected(key), ", got ", kind.words()]),
            )
        };
        let flag = |value: Value| match value {
            Value::Bool(b) => Ok(b),
            other => Err(wrong(other.kind())),
        };
        let strings = |value: Value| match value {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    item.map_err(|kind| {
                        ConfigError::new(
                            ConfigErrorKind::WrongType,
                            &item_path(name, i),
                            &concat(&["expected a string, got ", kind.words()]),
                        )
                    })
                })
                .collect::<Result<Vec<String>, ConfigError>>(),
            other => Err(wrong(other.kind())),
        };
        match name {
            "enabled" => config.enabled = flag(value)?,
            "homeRegion" => {
                config.home_region = match value {
                    Value::Str(s) => Some(s),
                    Value::Other(Kind::Null) => None,
                    other => return Err(wrong(other.kind())),
                }
            }
            "internationalPrefixes" => {
                config.international_prefixes = match value {
                    Value::Other(Kind::Null) => None,
                    other => Some(strings(other)?),
                }
            }
            "plusIsInternational" => config.plus_is_international = flag(value)?,
            "accessCodes" => config.access_codes = strings(value)?,
            "featureCodes" => config.feature_codes = strings(value)?,
            "keypadLetters" => config.keypad_letters = flag(value)?,
            "allow" => config.allow = strings(value)?,
            "sharedCodes" => {
                config.shared_codes = match value {
                    Value::Str(s) if s == "together" => SharedCodes::Together,
                    Value::Str(s) if s == "by-region" => SharedCodes::ByRegion,
                    Value::Str(_) => {
                        return Err(ConfigError::new(
                            ConfigErrorKind::InvalidValue,
                            name,
                            r#"must be "together" or "by-region""#,
                        ))
                    }
                    other => return Err(wrong(other.kind())),
                }
            }
            "judgeNationalDialing" => config.judge_national_dialing = flag(value)?,
            _ => config.block_number_types = strings(value)?,
        }
    }
    Ok(config)
}

/// The whole configuration: an object, read by its keys.
struct Top<'r>(&'r Reading);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Vec<(usize, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a policy object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(usize, Value)> = Vec::new();
        loop {
            *self.0.at.borrow_mut() = None;
            let Some(name) = map.next_key::<String>()? else {
                break;
            };
            let Some(key) = KEYS.iter().position(|k| *k == name) else {
                return Err(self.0.fail(ConfigError::new(
                    ConfigErrorKind::UnknownKey,
                    &name,
                    &crate::error::unknown_key_detail(),
                )));
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(self
                    .0
                    .fail(ConfigError::new(ConfigErrorKind::DuplicateKey, &name, "given twice")));
            }
            *self.0.at.borrow_mut() = Some((key, None));
            let value = map.next_value_seed(Field { reading: self.0, key })?;
            entries.push((key, value));
        }
        Ok(entries)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.not_a_policy(Kind::List))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Boolean))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Number))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Number))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Number))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::String))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Null))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(self.not_a_policy(Kind::Object))
    }
}

impl Top<'_> {
    fn not_a_policy<E: de::Error>(&self, kind: Kind) -> E {
        self.0.fail(ConfigError::new(
            ConfigErrorKind::WrongType,
            "",
            &concat(&["expected a policy object, got ", kind.words()]),
        ))
    }
}

/// The value of the key at `KEYS[key]`: whatever it is, judged later.
struct Field<'r> {
    reading: &'r Reading,
    key: usize,
}

impl<'de> DeserializeSeed<'de> for Field<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Field<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(expected(self.key))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            *self.reading.at.borrow_mut() = Some((self.key, Some(items.len())));
            let item = Item {
                reading: self.reading,
                key: self.key,
                index: items.len(),
            };
            match seq.next_element_seed(item)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Value, A::Error> {
        // Not read on: a policy has no objects within.
        let name = KEYS.get(self.key).copied().unwrap_or("");
        Err(self.reading.fail(ConfigError::new(
            ConfigErrorKind::WrongType,
            name,
            &concat(&["expected ", expected(self.key), ", got an object"]),
        )))
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Other(Kind::Number))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Other(Kind::Number))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Other(Kind::Number))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(String::from(s)))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Other(Kind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Other(Kind::Null))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Other(Kind::Object))
    }
}

/// An item of a list: a string, or the kind it is instead.
struct Item<'r> {
    reading: &'r Reading,
    key: usize,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for Item<'_> {
    type Value = Result<String, Kind>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Item<'_> {
    /// A list or an object in a list: not read on, so that no nesting
    /// costs the reader more than this.
    fn nested<E: de::Error>(&self, kind: Kind) -> E {
        let name = KEYS.get(self.key).copied().unwrap_or("");
        self.reading.fail(ConfigError::new(
            ConfigErrorKind::WrongType,
            &item_path(name, self.index),
            &concat(&["expected a string, got ", kind.words()]),
        ))
    }
}

impl<'de> Visitor<'de> for Item<'_> {
    type Value = Result<String, Kind>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.nested(Kind::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.nested(Kind::Object))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err(Kind::Boolean))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err(Kind::Number))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err(Kind::Number))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err(Kind::Number))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Ok(String::from(s)))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Ok(s))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Kind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Kind::Null))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Ok(Err(Kind::Object))
    }
}
