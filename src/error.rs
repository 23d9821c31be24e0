//! Errors in a policy configuration.

use alloc::string::String;

/// What is wrong with a configuration. [`ConfigErrorKind::code`] is the
/// stable kebab-case code that JavaScript sees as `error.code`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// The text is not valid JSON.
    Syntax,
    /// A key the format does not have.
    UnknownKey,
    /// The same key twice in one object.
    DuplicateKey,
    /// A value of the wrong type (a string where a list is expected, ...).
    WrongType,
    /// A value of the right type that is not valid (`"00a"` as a prefix).
    InvalidValue,
    /// An ISO region code that libphonenumber does not know.
    UnknownRegion,
    /// A calling code that is not assigned.
    UnassignedCode,
    /// Neither `internationalPrefixes` nor `homeRegion` is given.
    MissingPrefixes,
    /// An option that needs `homeRegion` without one.
    MissingHomeRegion,
    /// A list or value over the size limits.
    TooLarge,
}

impl ConfigErrorKind {
    /// The stable kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            ConfigErrorKind::Syntax => "syntax-error",
            ConfigErrorKind::UnknownKey => "unknown-key",
            ConfigErrorKind::DuplicateKey => "duplicate-key",
            ConfigErrorKind::WrongType => "wrong-type",
            ConfigErrorKind::InvalidValue => "invalid-value",
            ConfigErrorKind::UnknownRegion => "unknown-region",
            ConfigErrorKind::UnassignedCode => "unassigned-code",
            ConfigErrorKind::MissingPrefixes => "missing-prefixes",
            ConfigErrorKind::MissingHomeRegion => "missing-home-region",
            ConfigErrorKind::TooLarge => "too-large",
        }
    }
}

/// A configuration error, naming the field it is about.
///
/// ```
/// use dialguard::{ConfigErrorKind, DialPolicy};
///
/// let err = DialPolicy::from_json(r#"{"internationalPrefixes": ["00"], "allow": ["AR", "MX", "XX"]}"#)
///     .unwrap_err();
/// assert_eq!(err.kind(), ConfigErrorKind::UnknownRegion);
/// assert_eq!(err.path(), "allow[2]");
/// assert_eq!(err.message(), r#"allow[2]: unknown region "XX""#);
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    path: String,
    detail: String,
}

impl ConfigError {
    pub(crate) fn new(kind: ConfigErrorKind, path: impl Into<String>, detail: impl Into<String>) -> ConfigError {
        ConfigError {
            kind,
            path: path.into(),
            detail: detail.into(),
        }
    }

    pub fn kind(&self) -> ConfigErrorKind {
        self.kind
    }

    /// The field: `"allow[2]"`, `"homeRegion"`; empty for the whole config.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path: `unknown region "XX"`.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// `path: detail`, or the detail alone for the whole config.
    pub fn message(&self) -> String {
        if self.path.is_empty() {
            self.detail.clone()
        } else {
            [self.path.as_str(), ": ", self.detail.as_str()].concat()
        }
    }
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for ConfigError {}
