//! Every conversion between JavaScript values and the core's types, in one
//! place: the policy configuration in (serde-wasm-bindgen), results out
//! (serde-wasm-bindgen: plain objects and arrays, absent fields left out),
//! errors as JavaScript `Error`s (js-sys). In the check and admin builds
//! only: the light build crosses numbers and text in memory, its refusals
//! of compiled bytes too (`record::write_refusal`).

use dialguard::{ConfigError, ConfigErrorKind, PolicyConfig};
use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Reads a policy configuration from a plain JavaScript object.
///
/// The object is copied first with `structuredClone`, which runs each
/// getter once and refuses functions, symbols and proxies: what is read is
/// plain data that no script can change or make throw halfway. The core's
/// reader reads the copy by its own enumerable keys (an unknown one is an
/// error), never from its prototype: a polluted `Object.prototype.allow`
/// allows nothing. Anything but a plain object (an array, a `Map`, a class
/// instance) is the wrong type. Every error is the core's, typed where it
/// is found: no JavaScript engine's words reach it, so it reads the same
/// in every engine.
pub fn policy_config(value: JsValue) -> Result<PolicyConfig, ConfigError> {
    let not_data = || {
        ConfigError::new(
            ConfigErrorKind::WrongType,
            "",
            "a policy must be plain data: no functions, symbols, class instances or getters that throw",
        )
    };
    if !is_plain_object(&value).map_err(|_| not_data())? {
        let detail = ["expected a policy object, got ", kind_of(&value)].concat();
        return Err(ConfigError::new(ConfigErrorKind::WrongType, "", &detail));
    }
    let copy = structured_clone(&value).map_err(|_| not_data())?;
    PolicyConfig::from_deserializer(serde_wasm_bindgen::Deserializer::from(copy)).map_err(|e| match e.kind() {
        // JavaScript values have no syntax: what serde-wasm-bindgen could
        // not give at all is no plain data.
        ConfigErrorKind::Syntax => not_data(),
        _ => e,
    })
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = structuredClone)]
    fn structured_clone(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// An object whose prototype is `Object.prototype` (of any realm) or null.
fn is_plain_object(value: &JsValue) -> Result<bool, JsValue> {
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Ok(false);
    }
    let proto = Reflect::get_prototype_of(value)?;
    Ok(proto.is_null() || Reflect::get_prototype_of(&proto)?.is_null())
}

/// How a configuration's error names a JavaScript value's type.
fn kind_of(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if Array::is_array(value) {
        "a list"
    } else if value.is_function() {
        "a function"
    } else {
        "an object of another kind"
    }
}

/// A configuration error as a JavaScript `Error` named `DialguardError`,
/// with its stable `code`, the `path` of the field and the `detail` (the
/// message without the path).
pub fn dialguard_error(e: &ConfigError) -> JsValue {
    let error = js_sys::Error::new(&e.message());
    error.set_name("DialguardError");
    // Setting a property of a new object cannot fail.
    let _ = Reflect::set(&error, &"code".into(), &e.kind().code().into());
    let _ = Reflect::set(&error, &"path".into(), &e.path().into());
    let _ = Reflect::set(&error, &"detail".into(), &e.detail().into());
    error.into()
}

/// An error for a call that is in the admin build only.
#[cfg(not(feature = "admin"))]
pub fn admin_only(what: &str) -> JsValue {
    let message = [
        what,
        " is in the admin build: call init({ admin: true }) rather than init()",
    ]
    .concat();
    js_sys::Error::new(&message).into()
}

/// A result as plain JavaScript objects and arrays.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(value).map_err(JsValue::from)
}

/// The strings of a JavaScript array; a TypeError names the first item that
/// is not one.
#[cfg(feature = "admin")]
pub fn strings(array: &Array, what: &str) -> Result<Vec<String>, JsValue> {
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        match item.as_string() {
            Some(s) => out.push(s),
            None => {
                let message = [what, "[", &i.to_string(), "] is not a string"].concat();
                return Err(js_sys::TypeError::new(&message).into());
            }
        }
    }
    Ok(out)
}
