//! A JSON writer that produces exactly what JavaScript's `JSON.stringify(value)` does, so
//! that a signature over the text verifies on FluxOS.
//!
//! - Object keys: JavaScript's property order: keys that are array indices (`"0"`, `"17"`,
//!   canonical decimal below 2³²−1) first in ascending numeric order, then the others in
//!   insertion order (serde_json's `preserve_order` keeps it).
//! - Numbers: as JavaScript's `Number.prototype.toString`: shortest round-trip digits,
//!   plain notation for 1e-7 < |x| < 1e21, exponent form (`1e+21`, `1.5e-7`) outside it,
//!   `-0` as `0`; integers beyond 2⁵³ are first rounded to a double, as JS would.
//! - Strings: only `"`, `\`, and U+0000–U+001F are escaped (`\b \f \n \r \t`, others as
//!   `\u00xx`); everything else, U+2028/U+2029 included, is written raw. Lone surrogates
//!   (possible only in UTF-16 input, see [`write_js_string_utf16`]) are written `\udxxx`.

use serde_json::Value;

/// `JSON.stringify(value)` with no indentation.
pub fn to_js_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            out.push_str(&js_number(x));
        }
        Value::String(s) => write_js_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(v, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut index_keys: Vec<(u32, &String, &Value)> = Vec::new();
            let mut other_keys: Vec<(&String, &Value)> = Vec::new();
            for (k, v) in map {
                match array_index(k) {
                    Some(i) => index_keys.push((i, k, v)),
                    None => other_keys.push((k, v)),
                }
            }
            index_keys.sort_by_key(|(i, _, _)| *i);
            out.push('{');
            let ordered = index_keys
                .into_iter()
                .map(|(_, k, v)| (k, v))
                .chain(other_keys);
            for (n, (k, v)) in ordered.enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_js_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

/// A canonical array index: `"0"` or digits without a leading zero, below 2³²−1.
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || key.len() > 10 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if key.len() > 1 && key.starts_with('0') {
        return None;
    }
    key.parse::<u64>()
        .ok()
        .filter(|&i| i < u64::from(u32::MAX))
        .and_then(|i| u32::try_from(i).ok())
}

/// JavaScript's `String(x)` for a number, as `JSON.stringify` writes it (`null` for NaN and
/// infinities).
pub fn js_number(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    if x < 0.0 {
        return format!("-{}", js_number(-x));
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde±x".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1; // value = 0.digits × 10^n
    if k <= n && n <= 21 {
        let mut s = digits;
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
        s
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e >= 0 { '+' } else { '-' };
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() {
            format!("{first}e{sign}{}", e.abs())
        } else {
            format!("{first}.{rest}e{sign}{}", e.abs())
        }
    }
}

/// Writes a quoted, escaped JS string.
pub fn write_js_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        push_escaped(u32::from(c), Some(c), out);
    }
    out.push('"');
}

/// Writes a quoted JS string given as UTF-16 code units, escaping lone surrogates as
/// `JSON.stringify` does (ES2019 well-formed stringify).
pub fn write_js_string_utf16(units: &[u16], out: &mut String) {
    out.push('"');
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => push_escaped(u32::from(c), Some(c), out),
            Err(e) => push_escaped(u32::from(e.unpaired_surrogate()), None, out),
        }
    }
    out.push('"');
}

fn push_escaped(code: u32, c: Option<char>, out: &mut String) {
    match (code, c) {
        (0x22, _) => out.push_str("\\\""),
        (0x5c, _) => out.push_str("\\\\"),
        (0x08, _) => out.push_str("\\b"),
        (0x0c, _) => out.push_str("\\f"),
        (0x0a, _) => out.push_str("\\n"),
        (0x0d, _) => out.push_str("\\r"),
        (0x09, _) => out.push_str("\\t"),
        (0..=0x1f, _) | (_, None) => out.push_str(&format!("\\u{code:04x}")),
        (_, Some(c)) => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_ecmascript_number_to_string() {
        // Expected strings are ECMAScript's Number::toString results (ECMA-262 §6.1.6.1.20).
        for (x, s) in [
            (1.0, "1"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (-2.5e25, "-2.5e+25"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (f64::NAN, "null"),
        ] {
            assert_eq!(js_number(x), s, "{x:e}");
        }
    }
}
