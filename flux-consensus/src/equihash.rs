//! Equihash proof-of-work verification for every Flux parameter set (spec 4).
//!
//! Flux used three mainnet sets: (200,9) "ZcashPoW", (144,5) "ZelProof" and ZelHash
//! (125,4) "ZelProof" with a prefix-sum twist; testnet and regtest use (48,5) "ZcashPoW".
//! The `equihash` crate cannot verify the two "ZelProof" sets, hence this verifier.
//!
//! A leaf is the `n`-bit hash of one index, kept as a 256-bit big-endian bit string. A
//! valid solution is a binary tree whose pairs collide on the next `c = n/(k+1)` bits at
//! each of the `k` levels, whose left subtree starts with the smaller index, whose indices
//! are all distinct, and whose XOR of all leaves is zero on the first `(k+1)·c` bits. This
//! is exactly fluxd's `IsValidSolution` on expanded hashes, without the expansion.
//!
//! ```
//! use flux_consensus::equihash::{EquihashParams, verify};
//!
//! let p = EquihashParams::ZELHASH_125_4;
//! assert_eq!(p.solution_len(), 52);
//! // A solution of the wrong size is an error, not a panic.
//! assert!(verify(p, &[0u8; 108], &[0u8; 32], &[0u8; 51]).is_err());
//! ```

use flux_primitives::hash::Blake2bVarWriter;
use serde::Serialize;

use crate::header::{BlockHeader, HeaderProof, HEADER_PREFIX_LEN};
use crate::Error;

/// One Equihash parameter set with the BLAKE2b personalization Flux uses for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EquihashParams {
    /// Hash output bits `n`.
    pub n: u32,
    /// Tree depth `k`.
    pub k: u32,
    /// The 8-byte personalization prefix ("ZcashPoW" or "ZelProof").
    pub personal: [u8; 8],
    /// Whether the ZelHash prefix-sum twist applies (125,4 only).
    pub twist: bool,
}

impl EquihashParams {
    /// Mainnet epoch 1 and both genesis blocks: (200,9) "ZcashPoW".
    pub const ZCASH_200_9: EquihashParams = EquihashParams::plain(200, 9, *b"ZcashPoW");
    /// Mainnet epoch 2: (144,5) "ZelProof".
    pub const ZELPROOF_144_5: EquihashParams = EquihashParams::plain(144, 5, *b"ZelProof");
    /// Mainnet epoch 3, ZelHash: (125,4) "ZelProof" with the twist.
    pub const ZELHASH_125_4: EquihashParams = EquihashParams {
        n: 125,
        k: 4,
        personal: *b"ZelProof",
        twist: true,
    };
    /// A size fluxd accepts but no Flux chain uses: (96,5) "ZcashPoW".
    pub const ZCASH_96_5: EquihashParams = EquihashParams::plain(96, 5, *b"ZcashPoW");
    /// Testnet and regtest: (48,5) "ZcashPoW".
    pub const ZCASH_48_5: EquihashParams = EquihashParams::plain(48, 5, *b"ZcashPoW");

    /// The five sets fluxd's `CheckEquihashSolution` knows, each with a distinct solution size.
    pub const FLUXD_SETS: [EquihashParams; 5] = [
        Self::ZCASH_200_9,
        Self::ZELPROOF_144_5,
        Self::ZELHASH_125_4,
        Self::ZCASH_96_5,
        Self::ZCASH_48_5,
    ];

    const fn plain(n: u32, k: u32, personal: [u8; 8]) -> Self {
        EquihashParams {
            n,
            k,
            personal,
            twist: false,
        }
    }

    /// The set Flux uses for `(n, k)`: the personalization and twist follow from the pair.
    /// Any other pair gets "ZcashPoW" and no twist (and may be refused by [`verify`]).
    pub fn for_nk(n: u32, k: u32) -> EquihashParams {
        Self::FLUXD_SETS
            .iter()
            .copied()
            .find(|p| p.n == n && p.k == k)
            .unwrap_or(EquihashParams::plain(n, k, *b"ZcashPoW"))
    }

    /// The set fluxd picks from a solution's length (`CheckEquihashSolution`), if any.
    pub fn for_solution_len(len: usize) -> Option<EquihashParams> {
        Self::FLUXD_SETS
            .iter()
            .copied()
            .find(|p| p.solution_len() == len)
    }

    /// Collision bit length `c = n/(k+1)`.
    pub const fn collision_bits(&self) -> u32 {
        self.n / (self.k + 1)
    }

    /// Number of indices in a solution, `2^k`.
    pub const fn index_count(&self) -> usize {
        1usize << self.k
    }

    /// Solution size in bytes: `2^k·(c+1)/8`.
    pub const fn solution_len(&self) -> usize {
        self.index_count() * (self.collision_bits() as usize + 1) / 8
    }

    /// Leaves per BLAKE2b digest, `512/n`.
    pub const fn leaves_per_hash(&self) -> u32 {
        512 / self.n
    }

    /// Bytes per leaf, `ceil(n/8)`.
    pub const fn leaf_bytes(&self) -> usize {
        self.n.div_ceil(8) as usize
    }

    /// BLAKE2b digest length: leaves per hash × bytes per leaf.
    pub const fn digest_len(&self) -> usize {
        self.leaves_per_hash() as usize * self.leaf_bytes()
    }

    /// The 16-byte BLAKE2b personalization: prefix ‖ LE32(n) ‖ LE32(k).
    pub fn personalization(&self) -> [u8; 16] {
        let mut p = [0u8; 16];
        p[..8].copy_from_slice(&self.personal);
        p[8..12].copy_from_slice(&self.n.to_le_bytes());
        p[12..].copy_from_slice(&self.k.to_le_bytes());
        p
    }

    /// Why this set cannot be verified, or `None` when it can.
    fn unsupported_reason(&self) -> Option<&'static str> {
        if self.k == 0 || self.k > 15 {
            return Some("k must be between 1 and 15");
        }
        if self.n == 0 || self.n > 256 {
            return Some("n must be between 1 and 256");
        }
        if self.n % (self.k + 1) != 0 {
            return Some("n must be a multiple of k+1");
        }
        let c = self.collision_bits();
        if c == 0 || c + 1 > 32 {
            return Some("collision length n/(k+1) must be between 1 and 31 bits");
        }
        if self.index_count() * (c as usize + 1) % 8 != 0 {
            return Some("solution bit length 2^k·(n/(k+1)+1) must be a whole number of bytes");
        }
        if self.leaves_per_hash() == 0 || self.digest_len() > 64 {
            return Some("n too large for one BLAKE2b digest");
        }
        if self.twist && self.digest_len() != 64 {
            return Some("the ZelHash twist needs a 64-byte digest");
        }
        None
    }
}

impl core::fmt::Display for EquihashParams {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{},{}", self.n, self.k)
    }
}

/// Why a well-formed solution is not valid (the first failing rule, in fluxd's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Invalid {
    /// A pair's hashes differ on the bits that must collide at `level` (1-based).
    Collision {
        /// Tree level, 1 = the leaves' pairs.
        level: u32,
    },
    /// A pair's left subtree does not start with the smaller index.
    OutOfOrder {
        /// Tree level, 1 = the leaves' pairs.
        level: u32,
    },
    /// An index occurs twice.
    DuplicateIndex,
    /// The XOR of all leaves is not zero on the last collision chunk.
    NonZeroRoot,
}

/// Serialized as its sentence (`"an index occurs twice"`).
impl Serialize for Invalid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl core::fmt::Display for Invalid {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Invalid::Collision { level } => write!(f, "hashes do not collide at level {level}"),
            Invalid::OutOfOrder { level } => {
                write!(f, "subtrees out of order at level {level}")
            }
            Invalid::DuplicateIndex => f.write_str("an index occurs twice"),
            Invalid::NonZeroRoot => f.write_str("the XOR of all leaves is not zero"),
        }
    }
}

/// A 256-bit big-endian bit string: bit 0 is the most significant bit of word 0.
type Bits = [u64; 4];

/// A verifier for one parameter set and one header+nonce: the BLAKE2b state after the
/// 140-byte input is computed once and cloned for every hash index.
#[derive(Clone)]
pub struct Verifier {
    params: EquihashParams,
    base: Blake2bVarWriter,
}

impl Verifier {
    /// Prepares to verify solutions of `params` for this 108-byte header prefix and
    /// 32-byte nonce (serialized order). Errors for a parameter set the verifier cannot
    /// handle.
    ///
    /// ```
    /// use flux_consensus::equihash::{EquihashParams, Verifier};
    ///
    /// let v = Verifier::new(EquihashParams::ZCASH_48_5, &[0u8; 108], &[0u8; 32]).unwrap();
    /// // A well-formed but wrong solution: a verdict, not an error.
    /// assert!(v.check(&[0u8; 36]).unwrap().is_err());
    /// ```
    pub fn new(
        params: EquihashParams,
        input: &[u8; HEADER_PREFIX_LEN],
        nonce: &[u8; 32],
    ) -> Result<Self, Error> {
        if let Some(reason) = params.unsupported_reason() {
            return Err(Error::EquihashParams {
                n: params.n,
                k: params.k,
                reason,
            });
        }
        let mut base = Blake2bVarWriter::new(&params.personalization(), params.digest_len())
            .ok_or(Error::EquihashParams {
                n: params.n,
                k: params.k,
                reason: "digest length outside 1..=64",
            })?;
        base.write(input);
        base.write(nonce);
        Ok(Verifier { params, base })
    }

    /// [`Verifier::new`] from slices, refusing an input that is not 108 bytes or a nonce
    /// that is not 32 ([`Error::EquihashInputLength`]).
    ///
    /// ```
    /// use flux_consensus::equihash::{EquihashParams, Verifier};
    /// use flux_consensus::Error;
    ///
    /// let e = Verifier::from_slices(EquihashParams::ZCASH_48_5, &[0u8; 108], &[0u8; 31]).err();
    /// assert_eq!(e, Some(Error::EquihashInputLength { what: "nonce", expected: 32, actual: 31 }));
    /// ```
    pub fn from_slices(params: EquihashParams, input: &[u8], nonce: &[u8]) -> Result<Self, Error> {
        let input: &[u8; HEADER_PREFIX_LEN] =
            input.try_into().map_err(|_| Error::EquihashInputLength {
                what: "input",
                expected: HEADER_PREFIX_LEN,
                actual: input.len(),
            })?;
        let nonce: &[u8; 32] = nonce.try_into().map_err(|_| Error::EquihashInputLength {
            what: "nonce",
            expected: 32,
            actual: nonce.len(),
        })?;
        Verifier::new(params, input, nonce)
    }

    /// The plain digest `H(g)` (before any twist).
    fn digest(&self, g: u32) -> [u8; 64] {
        let mut h = self.base.clone();
        h.write(&g.to_le_bytes());
        let mut out = [0u8; 64];
        if let Some(slot) = out.get_mut(..self.params.digest_len()) {
            h.finish_into(slot);
        }
        out
    }

    /// ZelHash: the word-wise prefix sum of `H(start..=g)` within the aligned group of 16,
    /// with the low 3 bits of each leaf's last byte cleared (spec 4.3).
    fn twisted_digest(&self, g: u32) -> [u8; 64] {
        let mut words = [0u32; 16];
        for g2 in (g & 0xFFFF_FFF0)..=g {
            let d = self.digest(g2);
            for (w, chunk) in words.iter_mut().zip(d.chunks_exact(4)) {
                let mut b = [0u8; 4];
                b.copy_from_slice(chunk);
                *w = w.wrapping_add(u32::from_le_bytes(b));
            }
        }
        let mut out = [0u8; 64];
        for (chunk, w) in out.chunks_exact_mut(4).zip(words) {
            chunk.copy_from_slice(&w.to_le_bytes());
        }
        for i in [15, 31, 47, 63] {
            if let Some(b) = out.get_mut(i) {
                *b &= 0xF8;
            }
        }
        out
    }

    /// The leaf of index `i` as a big-endian bit string, reusing the last digest when two
    /// consecutive leaves come from the same hash.
    fn leaf(&self, i: u32, cache: &mut Option<(u32, [u8; 64])>) -> Bits {
        let per = self.params.leaves_per_hash();
        let g = i / per;
        let digest = match cache {
            Some((cg, d)) if *cg == g => *d,
            _ => {
                let d = if self.params.twist {
                    self.twisted_digest(g)
                } else {
                    self.digest(g)
                };
                *cache = Some((g, d));
                d
            }
        };
        let lb = self.params.leaf_bytes();
        let start = (i % per) as usize * lb;
        let mut padded = [0u8; 32];
        if let (Some(dst), Some(src)) = (padded.get_mut(..lb), digest.get(start..start + lb)) {
            dst.copy_from_slice(src);
        }
        let mut bits = [0u64; 4];
        for (w, chunk) in bits.iter_mut().zip(padded.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *w = u64::from_be_bytes(b);
        }
        bits
    }

    /// Verifies a solution (without its CompactSize length prefix). `Ok(Ok(()))` when it
    /// is valid, `Ok(Err(reason))` when it is well formed but invalid, `Err` for a
    /// solution of the wrong size.
    pub fn check(&self, solution: &[u8]) -> Result<Result<(), Invalid>, Error> {
        let p = self.params;
        if solution.len() != p.solution_len() {
            return Err(Error::EquihashSolutionLength {
                n: p.n,
                k: p.k,
                expected: p.solution_len(),
                actual: solution.len(),
            });
        }
        let indices = decode_indices(solution, p.collision_bits() + 1);
        let mut sorted = indices.clone();
        sorted.sort_unstable();
        let has_duplicate = sorted.windows(2).any(|w| w.first() == w.get(1));

        let c = p.collision_bits();
        let masks: Vec<Bits> = (0..=p.k).map(|r| bit_range_mask(r * c, c)).collect();
        let mut cache = None;
        // Level 0: leaves with their first index; then merge pairs level by level.
        let mut nodes: Vec<(Bits, u32)> = indices
            .iter()
            .map(|&i| (self.leaf(i, &mut cache), i))
            .collect();
        let mut first_failure: Option<Invalid> = None;
        for level in 1..=p.k {
            let mask = masks.get(level as usize - 1).copied().unwrap_or_default();
            let mut next = Vec::with_capacity(nodes.len() / 2);
            for pair in nodes.chunks_exact(2) {
                let (Some(&(lh, li)), Some(&(rh, ri))) = (pair.first(), pair.get(1)) else {
                    continue;
                };
                let x = xor(lh, rh);
                if first_failure.is_none() {
                    if !is_zero_under(x, mask) {
                        first_failure = Some(Invalid::Collision { level });
                    } else if li >= ri {
                        first_failure = Some(Invalid::OutOfOrder { level });
                    }
                }
                next.push((x, li));
            }
            if first_failure.is_some() {
                break;
            }
            nodes = next;
        }
        if let Some(f) = first_failure {
            return Ok(Err(f));
        }
        if has_duplicate {
            return Ok(Err(Invalid::DuplicateIndex));
        }
        let root_mask = masks.get(p.k as usize).copied().unwrap_or_default();
        match nodes.first() {
            Some(&(root, _)) if is_zero_under(root, root_mask) => Ok(Ok(())),
            _ => Ok(Err(Invalid::NonZeroRoot)),
        }
    }
}

/// Verifies `solution` (without its length prefix) for a 108-byte header prefix `input`
/// and a 32-byte `nonce` under `params`: `Ok(true)` valid, `Ok(false)` invalid, `Err` for
/// a parameter set or solution size that cannot be checked.
pub fn verify(
    params: EquihashParams,
    input: &[u8],
    nonce: &[u8],
    solution: &[u8],
) -> Result<bool, Error> {
    Ok(Verifier::from_slices(params, input, nonce)?
        .check(solution)?
        .is_ok())
}

/// The verdict on one Equihash solution, as `flux equihash verify` prints it:
/// `{"valid", "n", "k", "personalization", "twist", "reason"}`.
///
/// ```
/// use flux_consensus::equihash::{EquihashParams, EquihashVerdict};
///
/// let v = EquihashVerdict::check(EquihashParams::ZELHASH_125_4, &[0u8; 108], &[0u8; 32], &[0u8; 52]).unwrap();
/// assert!(!v.valid);
/// let json = serde_json::to_value(&v).unwrap();
/// assert_eq!(json["personalization"], "ZelProof");
/// assert_eq!(json["reason"], "subtrees out of order at level 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EquihashVerdict {
    /// Whether the solution is valid.
    pub valid: bool,
    /// `n`.
    pub n: u32,
    /// `k`.
    pub k: u32,
    /// The 8-byte personalization prefix as text (`ZcashPoW`, `ZelProof`).
    pub personalization: String,
    /// Whether the ZelHash twist applied.
    pub twist: bool,
    /// Why it is invalid (`None` when valid).
    pub reason: Option<Invalid>,
}

impl EquihashVerdict {
    /// Verifies `solution` (without its length prefix) for a 108-byte header prefix and a
    /// 32-byte nonce in serialized order. `Err` for inputs of the wrong size or a parameter
    /// set that cannot be checked; an invalid solution is a verdict.
    pub fn check(
        params: EquihashParams,
        input: &[u8],
        nonce: &[u8],
        solution: &[u8],
    ) -> Result<EquihashVerdict, Error> {
        let result = Verifier::from_slices(params, input, nonce)?.check(solution)?;
        Ok(EquihashVerdict {
            valid: result.is_ok(),
            n: params.n,
            k: params.k,
            personalization: String::from_utf8_lossy(&params.personal).into_owned(),
            twist: params.twist,
            reason: result.err(),
        })
    }

    /// Verifies the solution of a whole PoW header; `n` and `k` follow from the solution
    /// size, as in fluxd's `CheckEquihashSolution`. A PoN header is
    /// [`Error::WrongHeaderKind`].
    ///
    /// ```
    /// use flux_consensus::block::Block;
    /// use flux_consensus::equihash::EquihashVerdict;
    ///
    /// let genesis = Block::from_hex(include_str!("../tests/data/genesis_main.hex").trim()).unwrap();
    /// let v = EquihashVerdict::of_header(&genesis.header).unwrap();
    /// assert!(v.valid && (v.n, v.k) == (200, 9));
    /// ```
    pub fn of_header(header: &BlockHeader) -> Result<EquihashVerdict, Error> {
        let HeaderProof::Pow { nonce, solution } = &header.proof else {
            return Err(Error::WrongHeaderKind { expected: "PoW" });
        };
        let params = EquihashParams::for_solution_len(solution.len()).ok_or(
            Error::EquihashUnknownSolutionSize {
                len: solution.len(),
            },
        )?;
        Self::check(params, &header.prefix_bytes(), nonce, solution)
    }
}

/// Unpacks `2^k` indices of `bits` bits each, big-endian bit order.
fn decode_indices(solution: &[u8], bits: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(solution.len() * 8 / bits.max(1) as usize);
    let mut acc: u64 = 0;
    let mut have = 0u32;
    let mask = (1u64 << bits) - 1;
    for &b in solution {
        acc = (acc << 8) | u64::from(b);
        have += 8;
        // Indices narrower than a byte (small test sets) complete more than once per byte.
        while have >= bits {
            have -= bits;
            out.push(((acc >> have) & mask) as u32);
        }
    }
    out
}

/// A mask of `len` bits starting at bit `start` of a big-endian 256-bit string.
fn bit_range_mask(start: u32, len: u32) -> Bits {
    let mut m = [0u64; 4];
    for bit in start..start.saturating_add(len).min(256) {
        if let Some(w) = m.get_mut((bit / 64) as usize) {
            *w |= 1u64 << (63 - bit % 64);
        }
    }
    m
}

fn xor(a: Bits, b: Bits) -> Bits {
    [a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]]
}

fn is_zero_under(x: Bits, mask: Bits) -> bool {
    (x[0] & mask[0]) | (x[1] & mask[1]) | (x[2] & mask[2]) | (x[3] & mask[3]) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_spec_table() {
        let sizes: Vec<(usize, usize)> = EquihashParams::FLUXD_SETS
            .iter()
            .map(|p| (p.solution_len(), p.digest_len()))
            .collect();
        assert_eq!(sizes, [(1344, 50), (100, 54), (52, 64), (68, 60), (36, 60)]);
    }

    #[test]
    fn index_unpacking() {
        // 21-bit indices 1 and 2 packed big-endian: 000000000000000000001 000000000000000000010
        let mut sol = vec![0u8; 1344];
        sol[2] = 0b0000_1000; // index 0 = 1 (bit 20)
        sol[5] = 0b1000_0000; // index 1 = 2 (bit 40; bit 41 is its lowest)
        let idx = decode_indices(&sol, 21);
        assert_eq!(idx.len(), 512);
        assert_eq!(&idx[..3], &[1, 2, 0]);
    }

    #[test]
    fn indices_narrower_than_a_byte_unpack_every_one() {
        // (48,7) has 7-bit indices: 128 of them in 112 bytes. A fuzzed solution for it used to
        // overflow a shift because only one index was taken per byte.
        let sol: Vec<u8> = (0..112u8).map(|i| i.wrapping_mul(37)).collect();
        let idx = decode_indices(&sol, 7);
        assert_eq!(idx.len(), 128);
        let mut repacked = Vec::new();
        let (mut acc, mut have) = (0u32, 0u32);
        for i in idx {
            acc = (acc << 7) | i;
            have += 7;
            while have >= 8 {
                have -= 8;
                repacked.push((acc >> have) as u8);
            }
        }
        assert_eq!(repacked, sol);
        let p = EquihashParams::for_nk(48, 7);
        let _ = verify(p, &[7u8; 108], &[1u8; 32], &sol);
    }
}
