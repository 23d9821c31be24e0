//! Errors in a policy configuration.

use alloc::boxed::Box;
use alloc::string::String;

use crate::text::concat;

named_enum! {
    /// What is wrong with a configuration. [`ConfigErrorKind::code`] is the
    /// stable kebab-case code that JavaScript sees as `error.code`.
    #[non_exhaustive]
    pub enum ConfigErrorKind: code {
        /// The text is not valid JSON.
        Syntax = "syntax-error",
        /// A key the format does not have.
        UnknownKey = "unknown-key",
        /// The same key twice in one object.
        DuplicateKey = "duplicate-key",
        /// A value of the wrong type (a string where a list is expected, ...).
        WrongType = "wrong-type",
        /// A value of the right type that is not valid (`"00a"` as a prefix).
        InvalidValue = "invalid-value",
        /// An ISO region code that libphonenumber does not know.
        UnknownRegion = "unknown-region",
        /// A calling code that is not assigned.
        UnassignedCode = "unassigned-code",
        /// Neither `internationalPrefixes` nor `homeRegion` is given.
        MissingPrefixes = "missing-prefixes",
        /// An option that needs `homeRegion` without one.
        MissingHomeRegion = "missing-home-region",
        /// A list or value over the size limits.
        TooLarge = "too-large",
        /// Bytes that are no compiled policy (`DialPolicy::from_bytes`).
        NotPolicyBytes = "not-policy-bytes",
        /// A compiled policy of another format version.
        BytesVersion = "bytes-version",
        /// A compiled policy made with other numbering data.
        DataVersion = "data-version",
        /// A compiled policy cut short.
        TruncatedBytes = "truncated-bytes",
        /// A compiled policy whose bytes were changed.
        CorruptBytes = "corrupt-bytes",
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
    /// An error of `kind` about the field at `path` (`"allow[2]"`, or
    /// empty for the whole config), `detail` saying what is wrong.
    pub fn new(kind: ConfigErrorKind, path: &str, detail: &str) -> ConfigError {
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

/// The detail of an unknown key: every key there is.
pub(crate) fn unknown_key_detail() -> String {
    concat(&["unknown key; the keys are ", &crate::PolicyConfig::keys().join(", ")])
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
