//! 256-bit targets: a small unsigned integer with C++ `arith_uint256` semantics (wrapping
//! `+`, `*`; truncating `/`), Bitcoin's compact "nBits" form, and chain work (spec 3.7, 4.8).
//!
//! ```
//! use flux_consensus::target::{U256, from_compact, to_compact};
//!
//! let t = from_compact(0x1f07ffff).unwrap();
//! assert_eq!(to_compact(t), 0x1f07ffff);
//! assert!(from_compact(0x04923456).is_err()); // negative
//! ```

use crate::Error;

/// An unsigned 256-bit integer, little-endian 64-bit limbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct U256(pub [u64; 4]);

/// Serialized as fluxd's `GetHex`: 64 hex digits, most significant first.
impl serde::Serialize for U256 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl PartialOrd for U256 {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for U256 {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
}

impl U256 {
    /// Zero.
    pub const ZERO: U256 = U256([0; 4]);
    /// One.
    pub const ONE: U256 = U256([1, 0, 0, 0]);
    /// 2^256 − 1.
    pub const MAX: U256 = U256([u64::MAX; 4]);

    /// From a u64.
    pub const fn from_u64(v: u64) -> U256 {
        U256([v, 0, 0, 0])
    }

    /// From 32 little-endian bytes (a hash in internal order read as a number).
    pub fn from_le_bytes(b: [u8; 32]) -> U256 {
        let mut limbs = [0u64; 4];
        for (l, chunk) in limbs.iter_mut().zip(b.chunks_exact(8)) {
            let mut a = [0u8; 8];
            a.copy_from_slice(chunk);
            *l = u64::from_le_bytes(a);
        }
        U256(limbs)
    }

    /// To 32 little-endian bytes.
    pub fn to_le_bytes(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (chunk, l) in out.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&l.to_le_bytes());
        }
        out
    }

    /// 64 hex digits, most significant first (fluxd's `GetHex`).
    pub fn to_hex(self) -> String {
        let mut b = self.to_le_bytes();
        b.reverse();
        hex::encode(b)
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.0 == [0; 4]
    }

    /// Number of significant bits.
    pub fn bits(self) -> u32 {
        for i in (0..4).rev() {
            let l = self.0.get(i).copied().unwrap_or(0);
            if l != 0 {
                return 64 * i as u32 + 64 - l.leading_zeros();
            }
        }
        0
    }

    /// Wrapping addition.
    pub fn wrapping_add(self, o: U256) -> U256 {
        let mut out = [0u64; 4];
        let mut carry = false;
        for (i, slot) in out.iter_mut().enumerate() {
            let (s1, c1) = self.limb(i).overflowing_add(o.limb(i));
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *slot = s2;
            carry = c1 || c2;
        }
        U256(out)
    }

    /// Wrapping subtraction.
    pub fn wrapping_sub(self, o: U256) -> U256 {
        self.wrapping_add(o.bit_not().wrapping_add(U256::ONE))
    }

    /// Bitwise not.
    pub fn bit_not(self) -> U256 {
        U256([!self.0[0], !self.0[1], !self.0[2], !self.0[3]])
    }

    fn limb(&self, i: usize) -> u64 {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// Wrapping multiplication by a u64.
    pub fn wrapping_mul_u64(self, m: u64) -> U256 {
        let mut out = [0u64; 4];
        let mut carry: u128 = 0;
        for (i, slot) in out.iter_mut().enumerate() {
            let p = u128::from(self.limb(i)) * u128::from(m) + carry;
            *slot = p as u64;
            carry = p >> 64;
        }
        U256(out)
    }

    /// Wrapping multiplication.
    pub fn wrapping_mul(self, o: U256) -> U256 {
        let mut out = [0u64; 4];
        for i in 0..4 {
            let mut carry: u128 = 0;
            for j in 0..(4 - i) {
                let idx = i + j;
                let cur = out.get(idx).copied().unwrap_or(0);
                let p = u128::from(self.limb(i)) * u128::from(o.limb(j)) + u128::from(cur) + carry;
                if let Some(s) = out.get_mut(idx) {
                    *s = p as u64;
                }
                carry = p >> 64;
            }
        }
        U256(out)
    }

    /// Shift left (bits ≥ 256 give zero).
    pub fn shift_left(self, s: u32) -> U256 {
        if s >= 256 {
            return U256::ZERO;
        }
        let (w, b) = ((s / 64) as usize, s % 64);
        let mut out = [0u64; 4];
        for (i, slot) in out.iter_mut().enumerate() {
            if i < w {
                continue;
            }
            let lo = self.limb(i - w);
            let carry = if b > 0 && i > w {
                self.limb(i - w - 1) >> (64 - b)
            } else {
                0
            };
            *slot = (lo << b) | carry;
        }
        U256(out)
    }

    /// Shift right.
    pub fn shift_right(self, s: u32) -> U256 {
        if s >= 256 {
            return U256::ZERO;
        }
        let (w, b) = ((s / 64) as usize, s % 64);
        let mut out = [0u64; 4];
        for (i, slot) in out.iter_mut().enumerate() {
            let hi = self.limb(i + w);
            let carry = if b > 0 {
                self.limb(i + w + 1) << (64 - b)
            } else {
                0
            };
            *slot = (hi >> b) | carry;
        }
        U256(out)
    }

    /// Truncating division; division by zero gives `None` (fluxd throws).
    pub fn checked_div(self, d: U256) -> Option<U256> {
        if d.is_zero() {
            return None;
        }
        let mut q = U256::ZERO;
        let mut r = U256::ZERO;
        for i in (0..self.bits()).rev() {
            r = r.shift_left(1);
            if (self.limb((i / 64) as usize) >> (i % 64)) & 1 == 1 {
                r.0[0] |= 1;
            }
            if r >= d {
                r = r.wrapping_sub(d);
                if let Some(l) = q.0.get_mut((i / 64) as usize) {
                    *l |= 1 << (i % 64);
                }
            }
        }
        Some(q)
    }

    /// Truncating division by a u64 (zero divisor gives zero).
    pub fn div_u64(self, d: u64) -> U256 {
        self.checked_div(U256::from_u64(d)).unwrap_or_default()
    }

    /// The low 64 bits.
    pub fn low_u64(self) -> u64 {
        self.0[0]
    }
}

/// Decodes a compact target (`SetCompact`), refusing negative, zero and overflowing values
/// as every consensus caller does.
pub fn from_compact(bits: u32) -> Result<U256, Error> {
    let (value, negative, overflow) = from_compact_raw(bits);
    let reason = if negative {
        "negative"
    } else if overflow {
        "overflows 256 bits"
    } else if value.is_zero() {
        "zero"
    } else {
        return Ok(value);
    };
    Err(Error::InvalidCompactTarget { bits, reason })
}

/// `SetCompact` exactly: the value and the negative and overflow flags.
pub fn from_compact_raw(bits: u32) -> (U256, bool, bool) {
    let size = bits >> 24;
    let mut word = bits & 0x007f_ffff;
    // For small sizes the flags look at the word after the shift, as fluxd's does.
    let value = if size <= 3 {
        word >>= 8 * (3 - size);
        U256::from_u64(u64::from(word))
    } else {
        U256::from_u64(u64::from(word)).shift_left(8 * (size - 3))
    };
    let negative = word != 0 && (bits & 0x0080_0000) != 0;
    let overflow =
        word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
    (value, negative, overflow)
}

/// Encodes a target in compact form (`GetCompact`, non-negative).
pub fn to_compact(v: U256) -> u32 {
    let mut size = v.bits().div_ceil(8);
    let mut compact = if size <= 3 {
        (v.low_u64() << (8 * (3 - size))) as u32
    } else {
        v.shift_right(8 * (size - 3)).low_u64() as u32
    };
    if compact & 0x0080_0000 != 0 {
        compact >>= 8;
        size += 1;
    }
    compact | (size << 24)
}

/// Work of a PoW block with this target: `2^256 / (target + 1)` (`GetBlockProof`);
/// zero for an invalid target.
pub fn pow_work(bits: u32) -> U256 {
    match from_compact(bits) {
        // (~target / (target + 1)) + 1 == 2^256 / (target + 1)
        Ok(t) => t
            .bit_not()
            .checked_div(t.wrapping_add(U256::ONE))
            .unwrap_or_default()
            .wrapping_add(U256::ONE),
        Err(_) => U256::ZERO,
    }
}

/// Work of any PoN block: a constant 2^40.
pub const PON_WORK: U256 = U256([1 << 40, 0, 0, 0]);

/// fluxd's `GetDifficulty`: how many times harder `bits` is than `limit_bits` (both compact),
/// computed in floating point as fluxd does.
pub fn difficulty(bits: u32, limit_bits: u32) -> f64 {
    let shift_of = |b: u32| (b >> 24) & 0xff;
    let mut n_shift = shift_of(bits);
    let limit_shift = shift_of(limit_bits);
    let mut d = f64::from(limit_bits & 0x00ff_ffff) / f64::from((bits & 0x00ff_ffff).max(1));
    while n_shift < limit_shift {
        d *= 256.0;
        n_shift += 1;
    }
    while n_shift > limit_shift {
        d /= 256.0;
        n_shift -= 1;
    }
    d
}

/// A compact target, fluxd's `nBits`: shown as 8 hex digits, as fluxd's `"bits"`.
///
/// ```
/// use flux_consensus::target::CompactTarget;
///
/// let bits: CompactTarget = "1f07ffff".parse().unwrap();
/// assert_eq!(bits.to_consensus(), 0x1f07ffff);
/// assert_eq!(bits.to_string(), "1f07ffff");
/// assert_eq!(CompactTarget::from_target(bits.target().unwrap()), bits);
/// assert_eq!(serde_json::to_string(&bits).unwrap(), r#""1f07ffff""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CompactTarget(u32);

impl CompactTarget {
    /// The compact value as serialized in a header.
    pub const fn from_consensus(bits: u32) -> CompactTarget {
        CompactTarget(bits)
    }

    /// The `u32` written in a header.
    pub const fn to_consensus(self) -> u32 {
        self.0
    }

    /// `GetCompact` of a target.
    pub fn from_target(target: U256) -> CompactTarget {
        CompactTarget(to_compact(target))
    }

    /// The target, refusing negative, zero and overflowing encodings (see [`from_compact`]).
    pub fn target(self) -> Result<U256, Error> {
        from_compact(self.0)
    }

    /// `SetCompact` exactly: the value and the negative and overflow flags.
    pub fn target_raw(self) -> (U256, bool, bool) {
        from_compact_raw(self.0)
    }
}

impl core::fmt::Display for CompactTarget {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

impl core::fmt::LowerHex for CompactTarget {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::LowerHex::fmt(&self.0, f)
    }
}

impl core::str::FromStr for CompactTarget {
    type Err = Error;

    /// Up to 8 hex digits, with or without `0x`, as fluxd prints and reads `"bits"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let digits = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(s);
        if digits.is_empty() || digits.len() > 8 {
            return Err(Error::InvalidCompactTargetText { len: digits.len() });
        }
        u32::from_str_radix(digits, 16)
            .map(CompactTarget)
            .map_err(|_| Error::InvalidCompactTargetText { len: digits.len() })
    }
}

impl From<u32> for CompactTarget {
    fn from(bits: u32) -> Self {
        CompactTarget(bits)
    }
}

impl From<CompactTarget> for u32 {
    fn from(bits: CompactTarget) -> Self {
        bits.0
    }
}

impl serde::Serialize for CompactTarget {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CompactTarget {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl flux_primitives::codec::Encode for CompactTarget {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
    }

    fn encoded_len(&self) -> usize {
        4
    }
}

impl flux_primitives::codec::Decode for CompactTarget {
    type Error = flux_primitives::Error;

    fn decode(r: &mut flux_primitives::codec::Reader<'_>) -> Result<Self, flux_primitives::Error> {
        r.read_u32().map(CompactTarget)
    }
}
