//! Errors in a policy configuration.

use alloc::{boxed::Box, string::String};

use crate::text::concat;

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
#[derive(Clone, PartialEq, Eq)]
pub struct ConfigError(Box<Details>);

/// Boxed: a pointer is cheaper to pass through every `Result` of the
/// readers than three fields (the WebAssembly shrinks by kilobytes).
#[derive(Clone, PartialEq, Eq)]
struct Details {
    kind: ConfigErrorKind,
    path: String,
    detail: String,
}

impl ConfigError {
    /// Not generic over the string types: one copy of the conversions.
    pub(crate) fn new(kind: ConfigErrorKind, path: &str, detail: &str) -> ConfigError {
        ConfigError(Box::new(Details {
            kind,
            path: path.into(),
            detail: detail.into(),
        }))
    }

    /// `unknown region "XX"`.
    pub(crate) fn unknown_region(path: &str, id: &str) -> ConfigError {
        ConfigError::new(
            ConfigErrorKind::UnknownRegion,
            path,
            &concat(&["unknown region \"", id, "\""]),
        )
    }

    pub fn kind(&self) -> ConfigErrorKind {
        self.0.kind
    }

    /// The field: `"allow[2]"`, `"homeRegion"`; empty for the whole config.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// What is wrong, without the path: `unknown region "XX"`.
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// `path: detail`, or the detail alone for the whole config.
    pub fn message(&self) -> String {
        if self.0.path.is_empty() {
            self.0.detail.clone()
        } else {
            concat(&[self.0.path.as_str(), ": ", self.0.detail.as_str()])
        }
    }
}

impl core::fmt::Debug for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ConfigError")
            .field("kind", &self.0.kind)
            .field("path", &self.0.path)
            .field("detail", &self.0.detail)
            .finish()
    }
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for ConfigError {}
