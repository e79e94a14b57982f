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
//! assert!(parse_decimal("1e-8").is_err());
//! ```

use flux_primitives::amount::COIN;
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

/// Parses a decimal FLUX token (`-?digits[.digits]`, at most 8 significant decimals; more
/// decimals only when they are zeros) into zatoshis, exactly.
///
/// ```
/// use flux_client::rpc::amount::parse_decimal;
/// assert_eq!(parse_decimal("1000.00").unwrap(), 100_000_000_000);
/// assert_eq!(parse_decimal("0.00000001").unwrap(), 1);
/// assert!(parse_decimal("0.000000001").is_err());
/// ```
pub fn parse_decimal(token: &str) -> Result<i64, AmountError> {
    let (negative, body) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(token, "not a plain decimal number"));
    }
    let mut zat: i64 = 0;
    for b in int.bytes() {
        zat = zat
            .checked_mul(10)
            .and_then(|z| z.checked_add(i64::from(b - b'0')))
            .ok_or_else(|| err(token, "too large"))?;
    }
    zat = zat
        .checked_mul(COIN)
        .ok_or_else(|| err(token, "too large"))?;
    if let Some(frac) = frac {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(token, "not a plain decimal number"));
        }
        let (kept, rest) = frac.split_at(frac.len().min(8));
        if rest.bytes().any(|b| b != b'0') {
            return Err(err(token, "more than 8 decimals"));
        }
        let mut f: i64 = 0;
        for b in kept.bytes() {
            f = f * 10 + i64::from(b - b'0');
        }
        for _ in kept.len()..8 {
            f *= 10;
        }
        zat = zat.checked_add(f).ok_or_else(|| err(token, "too large"))?;
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
    use flux_primitives::amount::MAX_MONEY;

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "",
            "-",
            ".",
            "1.",
            ".5",
            "1e8",
            "1E-8",
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
