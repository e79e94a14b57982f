//! Amounts of FLUX in zatoshis, with exact decimal strings (never floating point).
//!
//! fluxd's `CAmount` is a signed 64-bit count of zatoshis (1 FLUX = [`COIN`] zatoshis) and
//! its validity check `MoneyRange` is `0 <= v <= MAX_MONEY`. This module keeps that split
//! as two types:
//!
//! - [`Amount`] is always inside `MoneyRange` (output values, input values, fees). Building
//!   one out of range is an error, and arithmetic is checked.
//! - [`SignedAmount`] is any `CAmount` (Sapling `valueBalance`, balance deltas, or a raw
//!   wire value that has not been validated yet).
//!
//! Text forms:
//!
//! - [`Display`](core::fmt::Display) prints exactly what fluxd's RPC `ValueFromAmount`
//!   prints: integer part, a dot, eight decimals (`"1.50000000"`, `"-0.00000001"`).
//! - [`Amount::to_flux_string`] trims trailing zeros (`"1.5"`, `"1"`).
//! - [`FromStr`] is strict: plain decimal digits, at most eight of them
//!   after an optional dot; no sign, exponent, spaces or leading zeros.
//! - [`parse_fixed_point`] accepts everything fluxd's `ParseFixedPoint(s, 8)` accepts (signs,
//!   exponents, trailing zeros past the eighth decimal), for JSON values fluxd would accept.
//!
//! Serde: amounts are integers (zatoshis) by default; [`serde_flux`] (and
//! [`serde_flux_signed`]) write JSON numbers with exactly eight decimals, as fluxd's `value`
//! fields.
//!
//! ```
//! use flux_primitives::Amount;
//!
//! let a: Amount = "1.5".parse().unwrap();
//! assert_eq!(a.to_zat(), 150_000_000);
//! assert_eq!(a.to_string(), "1.50000000");
//! assert_eq!(a.to_flux_string(), "1.5");
//! assert!("1.000000001".parse::<Amount>().is_err());
//! assert!(Amount::from_zat(-1).is_err());
//! ```

use core::fmt;
use core::str::FromStr;

use crate::codec::{Decode, Encode, Reader};
use crate::Error;

/// Zatoshis per FLUX (`COIN` in fluxd's `amount.h`).
pub const COIN: i64 = 100_000_000;

/// One hundredth of a FLUX (`CENT`).
pub const CENT: i64 = 1_000_000;

/// The largest valid amount in zatoshis: 440 000 000 FLUX (`MAX_MONEY`).
pub const MAX_MONEY: i64 = 440_000_000 * COIN;

/// Number of decimals in a FLUX string.
const DECIMALS: usize = 8;

/// fluxd's `MoneyRange`: `0 <= zat <= MAX_MONEY`.
pub const fn money_range(zat: i64) -> bool {
    zat >= 0 && zat <= MAX_MONEY
}

/// A valid amount of FLUX: a count of zatoshis in `0..=MAX_MONEY` (fluxd's `MoneyRange`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    /// Nothing.
    pub const ZERO: Amount = Amount(0);
    /// One zatoshi.
    pub const ONE_ZAT: Amount = Amount(1);
    /// One FLUX (`COIN` zatoshis).
    pub const ONE_FLUX: Amount = Amount(COIN);
    /// The largest valid amount (`MAX_MONEY`).
    pub const MAX_MONEY: Amount = Amount(MAX_MONEY);

    /// An amount of `zat` zatoshis; [`Error::AmountOutOfRange`] unless `0 <= zat <= MAX_MONEY`.
    pub fn from_zat(zat: i64) -> Result<Amount, Error> {
        if money_range(zat) {
            Ok(Amount(zat))
        } else {
            Err(Error::AmountOutOfRange {
                zat: i128::from(zat),
            })
        }
    }

    /// An amount of whole FLUX; [`Error::AmountOutOfRange`] above 440 000 000.
    pub fn from_flux(flux: u64) -> Result<Amount, Error> {
        i64::try_from(flux)
            .ok()
            .and_then(|f| f.checked_mul(COIN))
            .ok_or(Error::AmountOutOfRange {
                zat: i128::from(flux) * i128::from(COIN),
            })
            .and_then(Amount::from_zat)
    }

    /// The amount in zatoshis.
    pub const fn to_zat(self) -> i64 {
        self.0
    }

    /// The same value as a [`SignedAmount`].
    pub const fn to_signed(self) -> SignedAmount {
        SignedAmount(self.0)
    }

    /// `self + rhs`, or `None` if the sum exceeds `MAX_MONEY`.
    pub fn checked_add(self, rhs: Amount) -> Option<Amount> {
        self.0
            .checked_add(rhs.0)
            .filter(|&v| money_range(v))
            .map(Amount)
    }

    /// `self - rhs`, or `None` if the difference is negative.
    pub fn checked_sub(self, rhs: Amount) -> Option<Amount> {
        self.0
            .checked_sub(rhs.0)
            .filter(|&v| money_range(v))
            .map(Amount)
    }

    /// `self * n`, or `None` if the product exceeds `MAX_MONEY`.
    pub fn checked_mul(self, n: u64) -> Option<Amount> {
        i64::try_from(n)
            .ok()
            .and_then(|n| self.0.checked_mul(n))
            .filter(|&v| money_range(v))
            .map(Amount)
    }

    /// `self / n` rounded down, or `None` for `n == 0`.
    pub fn checked_div(self, n: u64) -> Option<Amount> {
        let n = i64::try_from(n).ok().filter(|&n| n != 0)?;
        Some(Amount(self.0 / n))
    }

    /// Sums amounts the way fluxd's `GetValueOut` does: every running total must stay inside
    /// `MoneyRange`, otherwise [`Error::AmountSumOutOfRange`] naming the index that broke it.
    pub fn checked_sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Result<Amount, Error> {
        let mut total = Amount::ZERO;
        for (index, a) in amounts.into_iter().enumerate() {
            total = total
                .checked_add(a)
                .ok_or(Error::AmountSumOutOfRange { index })?;
        }
        Ok(total)
    }

    /// The shortest exact decimal form: `"1.5"`, `"1"`, `"0.00000001"`.
    pub fn to_flux_string(self) -> String {
        self.to_signed().to_flux_string()
    }

    /// Parses a decimal FLUX string strictly (see [`FromStr`]).
    pub fn from_flux_str(s: &str) -> Result<Amount, Error> {
        let zat = parse_strict_unsigned(s)?;
        Amount::from_zat(zat).map_err(|_| Error::InvalidAmount {
            input: s.to_owned(),
            reason: "above MAX_MONEY (440000000 FLUX)",
        })
    }
}

impl fmt::Display for Amount {
    /// fluxd's `ValueFromAmount`: `"<integer>.<8 decimals>"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_signed(), f)
    }
}

impl FromStr for Amount {
    type Err = Error;

    /// Strict decimal FLUX: `digits[.digits]`, at most 8 decimals, no sign, exponent,
    /// whitespace or redundant leading zero, and at most `MAX_MONEY`.
    fn from_str(s: &str) -> Result<Self, Error> {
        Amount::from_flux_str(s)
    }
}

impl TryFrom<i64> for Amount {
    type Error = Error;
    fn try_from(zat: i64) -> Result<Self, Error> {
        Amount::from_zat(zat)
    }
}

impl TryFrom<SignedAmount> for Amount {
    type Error = Error;
    fn try_from(v: SignedAmount) -> Result<Self, Error> {
        Amount::from_zat(v.0)
    }
}

impl From<Amount> for i64 {
    fn from(a: Amount) -> i64 {
        a.0
    }
}

/// On the wire an amount is a little-endian `int64`; decoding refuses values outside
/// `MoneyRange` (use [`SignedAmount`] to read a value before validating it).
impl Encode for Amount {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
    }
    fn encoded_len(&self) -> usize {
        8
    }
}

impl Decode for Amount {
    type Error = Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let offset = r.position();
        let zat = r.read_i64()?;
        Amount::from_zat(zat).map_err(|_| Error::InvalidField {
            field: "amount",
            offset,
            reason: format!("{zat} zatoshis is outside 0..={MAX_MONEY}"),
        })
    }
}

impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let zat = i64::deserialize(d)?;
        Amount::from_zat(zat).map_err(serde::de::Error::custom)
    }
}

/// Any `CAmount`: a signed count of zatoshis with no range restriction (Sapling
/// `valueBalance`, differences of balances, unvalidated wire values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SignedAmount(i64);

impl SignedAmount {
    /// Nothing.
    pub const ZERO: SignedAmount = SignedAmount(0);

    /// A signed amount of `zat` zatoshis (every `i64` is a `CAmount`).
    pub const fn from_zat(zat: i64) -> SignedAmount {
        SignedAmount(zat)
    }

    /// The value in zatoshis.
    pub const fn to_zat(self) -> i64 {
        self.0
    }

    /// fluxd's `MoneyRange` (`0 <= v <= MAX_MONEY`).
    pub const fn is_money_range(self) -> bool {
        money_range(self.0)
    }

    /// `|v| <= MAX_MONEY`, the range fluxd requires of Sapling `valueBalance`.
    pub const fn is_within_max_money(self) -> bool {
        self.0 >= -MAX_MONEY && self.0 <= MAX_MONEY
    }

    /// The value as an [`Amount`], if it is in `MoneyRange`.
    pub fn to_amount(self) -> Result<Amount, Error> {
        Amount::from_zat(self.0)
    }

    /// `self + rhs`, or `None` on `i64` overflow.
    pub fn checked_add(self, rhs: SignedAmount) -> Option<SignedAmount> {
        self.0.checked_add(rhs.0).map(SignedAmount)
    }

    /// `self - rhs`, or `None` on `i64` overflow.
    pub fn checked_sub(self, rhs: SignedAmount) -> Option<SignedAmount> {
        self.0.checked_sub(rhs.0).map(SignedAmount)
    }

    /// `self * n`, or `None` on `i64` overflow.
    pub fn checked_mul(self, n: i64) -> Option<SignedAmount> {
        self.0.checked_mul(n).map(SignedAmount)
    }

    /// `-self`, or `None` for `i64::MIN`.
    pub fn checked_neg(self) -> Option<SignedAmount> {
        self.0.checked_neg().map(SignedAmount)
    }

    /// The shortest exact decimal form: `"-1.5"`, `"1"`, `"0.00000001"`.
    pub fn to_flux_string(self) -> String {
        let full = self.to_string();
        let trimmed = full.trim_end_matches('0');
        trimmed.strip_suffix('.').unwrap_or(trimmed).to_owned()
    }
}

impl fmt::Display for SignedAmount {
    /// fluxd's `ValueFromAmount`: optional `-`, integer part, `.`, exactly 8 decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        // unsigned_abs avoids the overflow fluxd's `-amount` has for i64::MIN.
        let abs = self.0.unsigned_abs();
        let coin = COIN.unsigned_abs();
        f.pad(&format!("{sign}{}.{:08}", abs / coin, abs % coin))
    }
}

impl FromStr for SignedAmount {
    type Err = Error;

    /// Like [`Amount`]'s strict form with an optional leading `-`; the result must satisfy
    /// `|v| <= MAX_MONEY`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let zat = parse_strict_unsigned(body).map_err(|e| match e {
            Error::InvalidAmount { reason, .. } => Error::InvalidAmount {
                input: s.to_owned(),
                reason,
            },
            other => other,
        })?;
        if zat > MAX_MONEY {
            return Err(Error::InvalidAmount {
                input: s.to_owned(),
                reason: "magnitude above MAX_MONEY (440000000 FLUX)",
            });
        }
        Ok(SignedAmount(if negative { -zat } else { zat }))
    }
}

impl From<Amount> for SignedAmount {
    fn from(a: Amount) -> Self {
        SignedAmount(a.0)
    }
}

impl From<i64> for SignedAmount {
    fn from(zat: i64) -> Self {
        SignedAmount(zat)
    }
}

/// Any little-endian `int64`.
impl Encode for SignedAmount {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
    }
    fn encoded_len(&self) -> usize {
        8
    }
}

impl Decode for SignedAmount {
    type Error = Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.read_i64().map(SignedAmount)
    }
}

impl serde::Serialize for SignedAmount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SignedAmount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(SignedAmount)
    }
}

fn invalid(input: &str, reason: &'static str) -> Error {
    Error::InvalidAmount {
        input: input.to_owned(),
        reason,
    }
}

/// `digits[.digits]` with at most 8 decimals, no sign; returns zatoshis (may exceed
/// MAX_MONEY but never overflows: the integer part is limited to 11 digits).
fn parse_strict_unsigned(s: &str) -> Result<i64, Error> {
    if s.is_empty() {
        return Err(invalid(s, "empty string"));
    }
    if s.starts_with(['-', '+']) {
        return Err(invalid(s, "signs are not allowed"));
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(bad) = s.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(invalid(
            s,
            match bad {
                'e' | 'E' => "exponents are not allowed",
                c if c.is_whitespace() => "whitespace is not allowed",
                _ => "only decimal digits and one '.' are allowed",
            },
        ));
    }
    if int_part.is_empty() {
        return Err(invalid(s, "missing digits before '.'"));
    }
    if int_part.len() > 1 && int_part.starts_with('0') {
        return Err(invalid(s, "redundant leading zero"));
    }
    let frac = match frac_part {
        None => "",
        Some("") => return Err(invalid(s, "missing digits after '.'")),
        Some(f) if f.contains('.') => return Err(invalid(s, "more than one '.'")),
        Some(f) if f.len() > DECIMALS => return Err(invalid(s, "more than 8 decimals")),
        Some(f) => f,
    };
    // 9 integer digits is the most a valid amount has; 10 (plus 8 decimals) stays below
    // i64::MAX while still letting the caller report "above MAX_MONEY" for larger input.
    if int_part.len() > 10 {
        return Err(invalid(s, "above MAX_MONEY (440000000 FLUX)"));
    }
    let mut zat: i64 = 0;
    let padded = frac.bytes().chain(core::iter::repeat(b'0')).take(DECIMALS);
    for digit in int_part.bytes().chain(padded) {
        zat = zat * 10 + i64::from(digit - b'0');
    }
    Ok(zat)
}

/// fluxd's `ParseFixedPoint(s, 8)`: a JSON-number-like decimal (optional `-`, no leading
/// zeros, optional fraction, optional exponent) converted exactly to zatoshis.
///
/// Accepts `"1.1e-1"`, `"-0.1"`, `"1.10000000000000000"`; refuses values that are not a whole
/// number of zatoshis and magnitudes of 10^10 FLUX or more. No range check beyond that: apply
/// [`money_range`] (as fluxd's `AmountFromValue` does) when the value must be an [`Amount`].
pub fn parse_fixed_point(s: &str) -> Result<i64, Error> {
    // Largest mantissa that cannot overflow when any decimal digit is appended.
    const UPPER_BOUND: i64 = 999_999_999_999_999_999;
    let err = |reason| invalid(s, reason);
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    let at = |i: usize| bytes.get(i).copied();
    let is_digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());

    let mut mantissa: i64 = 0;
    // Zeros seen but not yet multiplied in: trailing zeros become exponent instead of
    // mantissa digits, so "1.10000000000000000" does not overflow.
    let mut trailing_zeros: i64 = 0;
    let mut push_digit = |c: u8, mantissa: &mut i64| -> Result<(), Error> {
        if c == b'0' {
            trailing_zeros += 1;
            return Ok(());
        }
        for _ in 0..=trailing_zeros {
            if *mantissa > UPPER_BOUND / 10 {
                return Err(invalid(s, "too many significant digits"));
            }
            *mantissa *= 10;
        }
        *mantissa += i64::from(c - b'0');
        trailing_zeros = 0;
        Ok(())
    };

    let negative = at(pos) == Some(b'-');
    if negative {
        pos += 1;
    }
    match at(pos) {
        Some(b'0') => pos += 1,
        Some(b'1'..=b'9') => {
            while let Some(c) = at(pos).filter(u8::is_ascii_digit) {
                push_digit(c, &mut mantissa)?;
                pos += 1;
            }
        }
        Some(_) => return Err(err("expected a digit")),
        None => return Err(err("empty number")),
    }
    let mut point_offset: i64 = 0;
    if at(pos) == Some(b'.') {
        pos += 1;
        if !is_digit(at(pos)) {
            return Err(err("missing digits after '.'"));
        }
        while let Some(c) = at(pos).filter(u8::is_ascii_digit) {
            push_digit(c, &mut mantissa)?;
            pos += 1;
            point_offset += 1;
        }
    }
    let mut exponent: i64 = 0;
    if matches!(at(pos), Some(b'e' | b'E')) {
        pos += 1;
        let exp_negative = at(pos) == Some(b'-');
        if matches!(at(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        if !is_digit(at(pos)) {
            return Err(err("missing exponent digits"));
        }
        while let Some(c) = at(pos).filter(u8::is_ascii_digit) {
            if exponent > UPPER_BOUND / 10 {
                return Err(err("exponent too large"));
            }
            exponent = exponent * 10 + i64::from(c - b'0');
            pos += 1;
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if pos != bytes.len() {
        return Err(err("unexpected characters after the number"));
    }
    // Bounded above, so these cannot overflow.
    let shift = exponent - point_offset + trailing_zeros + DECIMALS as i64;
    if shift < 0 {
        return Err(err("more than 8 decimals"));
    }
    if shift >= 18 {
        return Err(err("magnitude of 10^10 FLUX or more"));
    }
    if negative {
        mantissa = -mantissa;
    }
    for _ in 0..shift {
        if !(-(UPPER_BOUND / 10)..=UPPER_BOUND / 10).contains(&mantissa) {
            return Err(err("magnitude of 10^10 FLUX or more"));
        }
        mantissa *= 10;
    }
    if !(-UPPER_BOUND..=UPPER_BOUND).contains(&mantissa) {
        return Err(err("magnitude of 10^10 FLUX or more"));
    }
    Ok(mantissa)
}

/// Serde helpers that write an [`Amount`] as a JSON number with exactly eight decimals, the
/// way fluxd prints `value` fields (`0.10000000`, `5.62500000`), and read any number or
/// numeric string fluxd's `AmountFromValue` accepts, without going through `f64`.
///
/// Use with `#[serde(with = "flux_primitives::amount::serde_flux")]`.
///
/// The number is emitted through `serde_json`'s `RawValue`, so the exact text survives only
/// with `serde_json` serializers; other formats see a string-typed raw value. Reading is
/// exact from JSON text; from an already-parsed `serde_json::Value` it is as exact as the
/// `f64` inside the value (fine up to 15 significant digits).
pub mod serde_flux {
    use super::{Amount, SignedAmount};
    use serde::{Deserializer, Serializer};

    /// Writes `amount` as a JSON number with 8 decimals.
    pub fn serialize<S: Serializer>(amount: &Amount, s: S) -> Result<S::Ok, S::Error> {
        super::serde_flux_signed::serialize(&amount.to_signed(), s)
    }

    /// Reads a JSON number (or numeric string) of FLUX, exactly, within `MoneyRange`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        let v: SignedAmount = super::serde_flux_signed::deserialize(d)?;
        Amount::try_from(v).map_err(serde::de::Error::custom)
    }
}

/// [`serde_flux`] for [`SignedAmount`] (e.g. `valueBalance`), without the `MoneyRange` check.
pub mod serde_flux_signed {
    use super::{parse_fixed_point, SignedAmount};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    /// Writes `amount` as a JSON number with 8 decimals.
    pub fn serialize<S: Serializer>(amount: &SignedAmount, s: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(amount.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }

    /// Reads a JSON number or numeric string of FLUX exactly (fluxd's `ParseFixedPoint`).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SignedAmount, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get().trim();
        let number = if text.starts_with('"') {
            serde_json::from_str::<String>(text).map_err(serde::de::Error::custom)?
        } else {
            text.to_owned()
        };
        parse_fixed_point(&number)
            .map(SignedAmount::from_zat)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_matches_value_from_amount() {
        assert_eq!(Amount::ONE_FLUX.to_string(), "1.00000000");
        assert_eq!(SignedAmount::from_zat(-1).to_string(), "-0.00000001");
        assert_eq!(
            SignedAmount::from_zat(i64::MIN).to_string(),
            "-92233720368.54775808"
        );
        assert_eq!(Amount::MAX_MONEY.to_flux_string(), "440000000");
    }
}
