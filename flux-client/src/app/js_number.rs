//! JavaScript's number <-> text conversions, written out so that Rust prints and reads numbers
//! exactly as FluxOS (Node.js) does.
//!
//! FluxOS signs and hashes `JSON.stringify` text and quotes prices with `String(x)`, so a
//! number printed differently (`1.0` for `1`, `1e21` for `1e+21`, `0.000001` vs `1e-6`) is a
//! different signature. These follow ECMA-262 `Number::toString` (§6.1.6.1.20),
//! `StringToNumber` (§7.1.4.1.1) and `Number.prototype.toFixed` (§21.1.3.3).

/// `String(x)` / `Number.prototype.toString()` for a JavaScript number.
///
/// Shortest digits that read back to the same double (Rust's `{:e}` gives exactly those),
/// laid out by JavaScript's rules: plain notation for exponents −7 < e < 21, otherwise
/// `d.ddde±n`.
///
/// ```
/// use flux_client::app::js_number::to_js_string;
/// assert_eq!(to_js_string(1.0), "1");
/// assert_eq!(to_js_string(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(to_js_string(1e21), "1e+21");
/// assert_eq!(to_js_string(0.000001), "0.000001");
/// assert_eq!(to_js_string(1e-7), "1e-7");
/// assert_eq!(to_js_string(-0.0), "0");
/// assert_eq!(to_js_string(f64::NAN), "NaN");
/// ```
pub fn to_js_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if x < 0.0 {
        return format!("-{}", to_js_string(-x));
    }
    let (digits, n) = shortest_digits(x);
    let k = digits.len() as i32;
    let mut out = String::with_capacity(digits.len() + 8);
    if k <= n && n <= 21 {
        out.push_str(&digits);
        for _ in 0..(n - k) {
            out.push('0');
        }
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        for _ in 0..(-n) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        let e = n - 1;
        out.push(if e >= 0 { '+' } else { '-' });
        out.push_str(&e.unsigned_abs().to_string());
    }
    out
}

/// The shortest round-trip decimal digits of a finite positive `x` and the exponent `n` such
/// that `x = 0.d1d2…dk × 10^n` (ECMA-262's `s`, `k`, `n`).
fn shortest_digits(x: f64) -> (String, i32) {
    // `{:e}` prints the shortest digits that round-trip, as `d.ddde<exp>`.
    let text = format!("{x:e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_end_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    (digits.to_string(), exp + 1)
}

/// JavaScript's `StringToNumber`: what `Number("…")` gives for a string.
///
/// Surrounding JavaScript white space is ignored; the empty string is 0; `0x`/`0o`/`0b`
/// integer literals (no sign) and `Infinity` are accepted; anything else that is not a decimal
/// literal is `NaN`. Decimal literals are rounded correctly, like every JS engine.
///
/// ```
/// use flux_client::app::js_number::string_to_number;
/// assert_eq!(string_to_number(" 31050 "), 31050.0);
/// assert_eq!(string_to_number("0x7A69"), 31337.0);
/// assert_eq!(string_to_number(""), 0.0);
/// assert_eq!(string_to_number("1e3"), 1000.0);
/// assert_eq!(string_to_number("1."), 1.0);
/// assert!(string_to_number("12px").is_nan());
/// assert!(string_to_number("-0x10").is_nan());
/// ```
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_whitespace);
    if t.is_empty() {
        return 0.0;
    }
    let bytes = t.as_bytes();
    if bytes.len() > 2 && bytes.first() == Some(&b'0') {
        let radix = match bytes.get(1) {
            Some(b'x' | b'X') => Some(16),
            Some(b'o' | b'O') => Some(8),
            Some(b'b' | b'B') => Some(2),
            _ => None,
        };
        if let Some(radix) = radix {
            return parse_radix_integer(t.get(2..).unwrap_or(""), radix);
        }
    }
    let (sign, unsigned) = match bytes.first() {
        Some(b'-') => (-1.0, t.get(1..).unwrap_or("")),
        Some(b'+') => (1.0, t.get(1..).unwrap_or("")),
        _ => (1.0, t),
    };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_str_unsigned_decimal_literal(unsigned) {
        return f64::NAN;
    }
    // The grammar was checked above, so Rust's (correctly rounding) parser sees only forms it
    // reads the same way JavaScript does.
    match unsigned.parse::<f64>() {
        Ok(v) => sign * v,
        Err(_) => f64::NAN,
    }
}

/// `StrUnsignedDecimalLiteral` without `Infinity`: `1`, `1.`, `1.5`, `.5`, each with an
/// optional `e[+-]digits`.
fn is_str_unsigned_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        frac_digits = i - frac_start;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// A `0x`/`0o`/`0b` literal's digits, rounded to the nearest double like JavaScript does for
/// integers of any length.
fn parse_radix_integer(digits: &str, radix: u32) -> f64 {
    if digits.is_empty() {
        return f64::NAN;
    }
    let bits_per_digit = match radix {
        16 => 4,
        8 => 3,
        _ => 1,
    };
    // Keep the top 128 significant bits; fold every bit below them into a sticky bit so that
    // the single u128 -> f64 rounding is the same as rounding the whole integer.
    let mut acc: u128 = 0;
    let mut acc_bits: u32 = 0;
    let mut dropped_bits: u64 = 0;
    let mut sticky = false;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else {
            return f64::NAN;
        };
        if acc_bits == 0 && d == 0 {
            continue;
        }
        let needed = if acc_bits == 0 {
            32 - d.leading_zeros()
        } else {
            bits_per_digit
        };
        if acc_bits + needed <= 128 {
            acc = (acc << needed) | u128::from(d);
            acc_bits += needed;
        } else {
            // Shift in what fits, remember the rest as "dropped" (scaled later).
            let fit = 128 - acc_bits;
            let keep = d >> (needed - fit);
            let lost = d & ((1u32 << (needed - fit)) - 1);
            if fit > 0 {
                acc = (acc << fit) | u128::from(keep);
                acc_bits = 128;
            }
            sticky |= lost != 0;
            dropped_bits += u64::from(needed - fit);
        }
    }
    if sticky {
        acc |= 1;
    }
    let value = acc as f64;
    if dropped_bits == 0 {
        return value;
    }
    if dropped_bits > 2000 {
        return f64::INFINITY;
    }
    // Exact scaling by a power of two (overflow gives Infinity, as in JavaScript).
    let mut v = value;
    let mut left = dropped_bits;
    while left > 0 {
        let step = left.min(512);
        v *= 2f64.powi(step as i32);
        left -= step;
    }
    v
}

/// JavaScript's `StrWhiteSpaceChar`: WhiteSpace (incl. U+FEFF and every `Zs`) and
/// LineTerminator. Differs from [`char::is_whitespace`] (U+0085, U+FEFF).
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{A}' | '\u{B}' | '\u{C}' | '\u{D}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// `x.toFixed(digits)` for `|x| < 1e21` (larger values print as [`to_js_string`]).
///
/// JavaScript rounds the exact binary value, half away from zero on an exact tie
/// (`(0.125).toFixed(2)` is `"0.13"`, `(1.005).toFixed(2)` is `"1.00"`).
///
/// ```
/// use flux_client::app::js_number::to_fixed;
/// assert_eq!(to_fixed(0.99, 2), "0.99");
/// assert_eq!(to_fixed(1.0, 2), "1.00");
/// assert_eq!(to_fixed(0.125, 2), "0.13");
/// assert_eq!(to_fixed(1.005, 2), "1.00");
/// assert_eq!(to_fixed(-0.5, 0), "-1");
/// ```
pub fn to_fixed(x: f64, digits: usize) -> String {
    if !x.is_finite() || x.abs() >= 1e21 {
        return to_js_string(x);
    }
    let negative = x < 0.0;
    // 1100 places hold every finite double's exact expansion (at most 1074 fraction digits).
    let exact = format!("{:.1100}", x.abs());
    let (int_part, frac_part) = exact.split_once('.').unwrap_or((exact.as_str(), ""));
    let keep = frac_part.get(..digits).unwrap_or(frac_part);
    let rest = frac_part.get(digits..).unwrap_or("");
    // Round half up on the exact decimal expansion.
    let round_up = rest.as_bytes().first().is_some_and(|&d| d >= b'5');
    let mut all: Vec<u8> = int_part.bytes().chain(keep.bytes()).collect();
    if round_up {
        let mut i = all.len();
        loop {
            if i == 0 {
                all.insert(0, b'1');
                break;
            }
            i -= 1;
            if let Some(d) = all.get_mut(i) {
                if *d == b'9' {
                    *d = b'0';
                } else {
                    *d += 1;
                    break;
                }
            }
        }
    }
    let split = all.len() - keep.len();
    let (i, f) = all.split_at(split);
    let mut out = String::new();
    // JavaScript keeps the sign of any negative x, even when it rounds to zero ("-0.00").
    if negative {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(i).unwrap_or("0"));
    if digits > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(f).unwrap_or(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_to_string_layouts() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (100.0, "100"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e-6, "0.000001"),
            (1.5e-6, "0.0000015"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (0.1, "0.1"),
            (0.06, "0.06"),
            (68.41, "68.41"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (9007199254740993.0, "9007199254740992"),
            (0.000001234, "0.000001234"),
            (22000.0, "22000"),
            (2.2, "2.2"),
        ];
        for (x, s) in cases {
            assert_eq!(to_js_string(*x), *s, "{x:e}");
        }
    }

    #[test]
    fn string_to_number_forms() {
        let cases: &[(&str, f64)] = &[
            ("0", 0.0),
            ("  12  ", 12.0),
            ("\u{FEFF}7\u{3000}", 7.0),
            ("+5", 5.0),
            ("-5.5", -5.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e-9", 1e-9),
            ("1E3", 1000.0),
            ("0x10", 16.0),
            ("0X1f", 31.0),
            ("0o17", 15.0),
            ("0b101", 5.0),
            ("Infinity", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("1e400", f64::INFINITY),
            ("031050", 31050.0),
        ];
        for (s, x) in cases {
            assert_eq!(string_to_number(s), *x, "{s:?}");
        }
        for s in [
            "abc", "1e", ".", "+", "-0x1", "0x", "inf", "NaN", "nan", "1_000", "1 2", "0x1g",
            "infinity", "\u{85}1",
        ] {
            assert!(string_to_number(s).is_nan(), "{s:?}");
        }
        assert!(string_to_number("-0").is_sign_negative());
    }

    #[test]
    fn radix_integers_round_like_js() {
        // 2^53 + 1 rounds to even: 9007199254740992.
        assert_eq!(string_to_number("0x20000000000001"), 9007199254740992.0);
        // 2^53 + 3 rounds up to 2^53 + 4.
        assert_eq!(string_to_number("0x20000000000003"), 9007199254740996.0);
        // Longer than 128 bits: 2^200 + 1 -> 2^200.
        let long = format!("0x1{}1", "0".repeat(49));
        assert_eq!(string_to_number(&long), 2f64.powi(200));
        let huge = format!("0x{}", "f".repeat(300));
        assert_eq!(string_to_number(&huge), f64::INFINITY);
    }

    #[test]
    fn to_fixed_matches_js() {
        assert_eq!(to_fixed(0.99, 2), "0.99");
        assert_eq!(to_fixed(2.0, 2), "2.00");
        assert_eq!(to_fixed(0.005, 2), "0.01");
        assert_eq!(to_fixed(0.995, 2), "0.99");
        assert_eq!(to_fixed(-0.001, 2), "-0.00");
        assert_eq!(to_fixed(99.999, 2), "100.00");
        assert_eq!(to_fixed(2.5, 0), "3");
    }
}
