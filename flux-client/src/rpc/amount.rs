//! Amounts read exactly from fluxd's decimal tokens, never through `f64`.
//!
//! fluxd prints amounts as JSON numbers with 8 decimals (`37.50000000`) and some fluxnode
//! fields as `FormatMoney` strings (`"1000.00"`). Parsing those through `f64` gives a wrong
//! zatoshi count for about 12 % of 8-decimal amounts between 10 M and 90 M FLUX, so the
//! deserializers here take the token's text (serde_json's `RawValue`) and parse the digits.
//!
//! ```
//! use flux_client::rpc::amount::parse_decimal;
//! assert_eq!(parse_decimal("439999999.99999999").unwrap(), 43_999_999_999_999_999);
//! assert_eq!(parse_decimal("-0.5").unwrap(), -50_000_000);
//! assert!(parse_decimal("1e-9").is_err());
//! ```

use flux_primitives::{Amount, SignedAmount};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// Why a token is not an exact amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("amount {token:?}: {reason}")]
pub struct AmountError {
    /// The token as received (cut to 40 characters).
    pub token: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

fn err(token: &str, reason: &'static str) -> AmountError {
    AmountError {
        token: token.chars().take(40).collect(),
        reason,
    }
}

/// Parses a decimal FLUX token into zatoshis, exactly: `-?digits[.digits][e[+-]digits]`.
///
/// fluxd prints 8 decimals (`37.50000000`) and `FormatMoney` strings (`"1000.00"`); relays
/// written in JavaScript print `0.5` or `1e-7`. Any of these is read digit by digit (never
/// through `f64`); a value that is not a whole number of zatoshis is refused.
///
/// ```
/// use flux_client::rpc::amount::parse_decimal;
/// assert_eq!(parse_decimal("1000.00").unwrap(), 100_000_000_000);
/// assert_eq!(parse_decimal("0.00000001").unwrap(), 1);
/// assert_eq!(parse_decimal("1e-7").unwrap(), 10);
/// assert!(parse_decimal("0.000000001").is_err());
/// ```
pub fn parse_decimal(token: &str) -> Result<i64, AmountError> {
    const NOT_DECIMAL: &str = "not a plain decimal number";
    let (negative, body) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(err(token, NOT_DECIMAL));
            }
            let magnitude: i32 = digits.parse().map_err(|_| err(token, NOT_DECIMAL))?;
            if magnitude > 40 {
                return Err(err(token, "exponent out of range"));
            }
            (
                m,
                if e.starts_with('-') {
                    -magnitude
                } else {
                    magnitude
                },
            )
        }
        None => (body, 0),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) if !f.is_empty() => (i, f),
        Some(_) => return Err(err(token, NOT_DECIMAL)),
        None => (mantissa, ""),
    };
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(err(token, NOT_DECIMAL));
    }
    // value = digits × 10^(8 + exponent − decimals)
    let shift = 8 + exponent - i32::try_from(frac.len()).map_err(|_| err(token, "too long"))?;
    let digits = int.bytes().chain(frac.bytes());
    let total = int.len() + frac.len();
    let keep = if shift >= 0 {
        total
    } else {
        let drop = usize::try_from(-shift).map_err(|_| err(token, "too long"))?;
        if drop > total {
            // Everything is below one zatoshi: only zero is exact.
            if int.bytes().chain(frac.bytes()).any(|b| b != b'0') {
                return Err(err(token, "more than 8 decimals"));
            }
            0
        } else {
            total - drop
        }
    };
    let mut zat: i64 = 0;
    for (i, b) in digits.enumerate() {
        if i < keep {
            zat = zat
                .checked_mul(10)
                .and_then(|z| z.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| err(token, "too large"))?;
        } else if b != b'0' {
            return Err(err(token, "more than 8 decimals"));
        }
    }
    for _ in 0..shift.max(0) {
        zat = zat.checked_mul(10).ok_or_else(|| err(token, "too large"))?;
    }
    Ok(if negative { -zat } else { zat })
}

/// The text of a JSON number token, or the contents of a JSON string.
fn token_text(raw: &RawValue) -> Result<std::borrow::Cow<'_, str>, String> {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| e.to_string())
    } else {
        Ok(std::borrow::Cow::Borrowed(text))
    }
}

/// Parses a raw JSON token (number or string) as a signed amount.
///
/// ```
/// use flux_client::rpc::amount::signed_from_raw;
/// let raw = serde_json::value::RawValue::from_string("-1.25000000".into()).unwrap();
/// assert_eq!(signed_from_raw(&raw).unwrap().to_zat(), -125_000_000);
/// ```
pub fn signed_from_raw(raw: &RawValue) -> Result<SignedAmount, AmountError> {
    let text = token_text(raw).map_err(|_| err(raw.get(), "not a JSON number or string"))?;
    parse_decimal(text.trim()).map(SignedAmount::from_zat)
}

/// Parses a raw JSON token (number or string) as an amount in `0..=MAX_MONEY`.
///
/// ```
/// use flux_client::rpc::amount::amount_from_raw;
/// let raw = serde_json::value::RawValue::from_string("\"12500.00\"".into()).unwrap();
/// assert_eq!(amount_from_raw(&raw).unwrap().to_zat(), 1_250_000_000_000);
/// ```
pub fn amount_from_raw(raw: &RawValue) -> Result<Amount, AmountError> {
    let signed = signed_from_raw(raw)?;
    Amount::try_from(signed).map_err(|_| err(raw.get(), "outside 0..=MAX_MONEY"))
}

/// serde `deserialize_with` for an [`Amount`] field.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Out { #[serde(deserialize_with = "flux_client::rpc::amount::de_amount")] value: flux_primitives::Amount }
/// let o: Out = serde_json::from_str(r#"{"value": 89999999.99999999}"#).unwrap();
/// assert_eq!(o.value.to_zat(), 8_999_999_999_999_999);
/// ```
pub fn de_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    amount_from_raw(&raw).map_err(D::Error::custom)
}

/// serde `deserialize_with` for a [`SignedAmount`] field.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Out { #[serde(deserialize_with = "flux_client::rpc::amount::de_signed")] delta: flux_primitives::SignedAmount }
/// let o: Out = serde_json::from_str(r#"{"delta": -0.00000001}"#).unwrap();
/// assert_eq!(o.delta.to_zat(), -1);
/// ```
pub fn de_signed<'de, D: Deserializer<'de>>(d: D) -> Result<SignedAmount, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    signed_from_raw(&raw).map_err(D::Error::custom)
}

/// serde `deserialize_with` for an optional [`Amount`] field (use with `#[serde(default)]`;
/// `null` reads as `None`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Out {
///     #[serde(default, deserialize_with = "flux_client::rpc::amount::de_opt_amount")]
///     amount: Option<flux_primitives::Amount>,
/// }
/// let o: Out = serde_json::from_str(r#"{}"#).unwrap();
/// assert_eq!(o.amount, None);
/// ```
pub fn de_opt_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    if raw.get() == "null" {
        return Ok(None);
    }
    amount_from_raw(&raw).map(Some).map_err(D::Error::custom)
}

/// serde `deserialize_with` for an optional [`SignedAmount`] field (use with
/// `#[serde(default)]`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Out {
///     #[serde(default, deserialize_with = "flux_client::rpc::amount::de_opt_signed")]
///     delta: Option<flux_primitives::SignedAmount>,
/// }
/// let o: Out = serde_json::from_str(r#"{"delta": 1.5}"#).unwrap();
/// assert_eq!(o.delta.unwrap().to_zat(), 150_000_000);
/// ```
pub fn de_opt_signed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SignedAmount>, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    if raw.get() == "null" {
        return Ok(None);
    }
    signed_from_raw(&raw).map(Some).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flux_primitives::amount::{COIN, MAX_MONEY};

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "",
            "-",
            ".",
            "1.",
            ".5",
            "1e",
            "1e+",
            "1e-9",
            "1e1000",
            "1e30",
            "--1",
            "1.5e-8",
            "Infinity",
            "+1",
            "0x10",
            "1.2.3",
            " 1",
            "NaN",
            "1.000000001",
            "99999999999999999999",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn accepts_fluxd_shapes() {
        assert_eq!(parse_decimal("0").unwrap(), 0);
        assert_eq!(parse_decimal("37.50000000").unwrap(), 3_750_000_000);
        assert_eq!(parse_decimal("1.0000000000").unwrap(), COIN);
        assert_eq!(parse_decimal("440000000.00000000").unwrap(), MAX_MONEY);
        // JavaScript relays (FluxOS) print small and round values with exponents.
        assert_eq!(parse_decimal("1e-8").unwrap(), 1);
        assert_eq!(parse_decimal("1E-8").unwrap(), 1);
        assert_eq!(parse_decimal("2.5e-7").unwrap(), 25);
        assert_eq!(parse_decimal("4.4e8").unwrap(), MAX_MONEY);
        assert_eq!(parse_decimal("1e+2").unwrap(), 100 * COIN);
        assert_eq!(parse_decimal("0e-30").unwrap(), 0);
        assert_eq!(parse_decimal("-1e-6").unwrap(), -100);
    }

    #[test]
    fn f64_would_be_wrong_here() {
        // 43_999_999_999_999_999 zat through f64 becomes 44_000_000_000_000_000.
        let token = "439999999.99999999";
        assert_eq!(parse_decimal(token).unwrap(), 43_999_999_999_999_999);
        let via_f64 = (token.parse::<f64>().unwrap() * 1e8).round() as i64;
        assert_ne!(via_f64, 43_999_999_999_999_999);
    }

    #[test]
    fn range_is_checked_for_amount() {
        let raw = RawValue::from_string("440000000.00000001".into()).unwrap();
        assert!(amount_from_raw(&raw).is_err());
        let raw = RawValue::from_string("-1.0".into()).unwrap();
        assert!(amount_from_raw(&raw).is_err());
        assert_eq!(signed_from_raw(&raw).unwrap().to_zat(), -COIN);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Every 8-decimal token up to MAX_MONEY parses to exactly its zatoshis, as a JSON
        /// number inside an object, as fluxd sends it.
        #[test]
        fn every_8_decimal_token_is_exact(zat in 0i64..=MAX_MONEY) {
            let token = format!("{}.{:08}", zat / COIN, zat % COIN);
            proptest::prop_assert_eq!(parse_decimal(&token).unwrap(), zat);
            #[derive(serde::Deserialize)]
            struct V {
                #[serde(deserialize_with = "de_amount")]
                value: Amount,
            }
            let v: V = serde_json::from_str(&format!("{{\"value\": {token}}}")).unwrap();
            proptest::prop_assert_eq!(v.value.to_zat(), zat);
        }
    }
}
