//! Text helpers: decimals and concatenation with a loop each, rather than
//! the `format!` machinery at every call site (the WebAssembly has the
//! machinery, for serde's messages, but not a copy of its setup per message).

use alloc::string::String;

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(slot) = digits.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// The parts one after the other: `[..].concat()` without the length
/// precomputation that costs the WebAssembly more than it saves here.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Serializes a calling code as its digits (`"54"`): how the JSON and
/// JavaScript forms spell calling codes, never as numbers.
pub(crate) fn serialize_code<S: serde::Serializer>(code: &u16, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&decimal(u64::from(*code)))
}

/// `n` in decimal.
pub(crate) fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal() {
        for n in [0, 7, 10, 54, 1876, u64::MAX] {
            assert_eq!(super::decimal(n), n.to_string());
        }
    }
}
