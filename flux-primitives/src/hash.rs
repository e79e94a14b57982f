//! Hash functions (SHA-256, SHA-256d, HASH160, personalized BLAKE2b) and hash newtypes.
//!
//! Hash newtypes such as [`Txid`] and [`BlockHash`] hold the 32 bytes in fluxd's internal
//! order (the order they are serialized and hashed in). Like fluxd's `uint256::GetHex`,
//! their `Display`, `FromStr` and serde forms show the bytes **reversed**.
//!
//! ```
//! use flux_primitives::hash::{sha256d, Txid};
//!
//! let txid: Txid = "94c7aed6b2c67f1718006684bfc3b92081a2f19d59075691b189160d6f3aa13a".parse().unwrap();
//! assert_eq!(txid.as_bytes()[0], 0x3a); // internal order is the reverse of the display
//! assert_eq!(txid.to_string(), "94c7aed6b2c67f1718006684bfc3b92081a2f19d59075691b189160d6f3aa13a");
//! assert_eq!(sha256d(b"").len(), 32);
//! ```

use sha2::{Digest, Sha256};

use crate::Error;

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// SHA-256 of SHA-256 of `data` (fluxd's `Hash`, the txid and block-hash function).
pub fn sha256d(data: &[u8]) -> [u8; 32] {
    Sha256::digest(Sha256::digest(data)).into()
}

/// RIPEMD-160 of SHA-256 of `data` (fluxd's `Hash160`, the key and script id).
pub fn hash160(data: &[u8]) -> [u8; 20] {
    use ripemd::Ripemd160;
    Ripemd160::digest(Sha256::digest(data)).into()
}

/// An incremental SHA-256d writer, for hashing a serialization without building it.
#[derive(Clone, Default)]
pub struct Sha256dWriter(Sha256);

impl Sha256dWriter {
    /// A fresh writer.
    pub fn new() -> Self {
        Self::default()
    }
    /// Feeds bytes.
    pub fn write(&mut self, data: &[u8]) {
        Digest::update(&mut self.0, data);
    }
    /// SHA-256 of the SHA-256 of everything written.
    pub fn finish(self) -> [u8; 32] {
        Sha256::digest(self.0.finalize()).into()
    }
}

/// BLAKE2b-256 with a 16-byte personalization, as used by ZIP-143/243 signature hashes.
pub fn blake2b256_personal(personal: &[u8; 16], data: &[u8]) -> [u8; 32] {
    let mut h = Blake2b256Writer::new(personal);
    h.write(data);
    h.finish()
}

/// An incremental BLAKE2b-256 writer with a 16-byte personalization.
#[derive(Clone)]
pub struct Blake2b256Writer(Blake2bVarWriter);

impl Blake2b256Writer {
    /// A writer personalized with `personal` (no key, no salt).
    pub fn new(personal: &[u8; 16]) -> Self {
        Blake2b256Writer(Blake2bVarWriter::with_len(personal, 32))
    }
    /// Feeds bytes.
    pub fn write(&mut self, data: &[u8]) {
        self.0.write(data);
    }
    /// The 32-byte digest.
    pub fn finish(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        // The writer was made for 32 bytes, so the lengths agree.
        self.0.finish_into(&mut out);
        out
    }
}

/// BLAKE2b with a variable output length (1 to 64 bytes) and a 16-byte personalization,
/// as Equihash uses. Returns `None` for an output length BLAKE2b cannot produce.
pub fn blake2b_var_personal(personal: &[u8; 16], out_len: usize, data: &[u8]) -> Option<Vec<u8>> {
    let mut h = Blake2bVarWriter::new(personal, out_len)?;
    h.write(data);
    let mut out = vec![0u8; out_len];
    h.finish_into(&mut out).then_some(out)
}

/// An incremental BLAKE2b writer with a variable output length and a personalization.
///
/// It is `Clone`, so a state that has absorbed a common prefix (an Equihash header and
/// nonce) can be copied for every suffix instead of hashing the prefix again.
#[derive(Clone)]
pub struct Blake2bVarWriter {
    core: blake2::Blake2bVarCore,
    buffer: blake2::digest::core_api::Buffer<blake2::Blake2bVarCore>,
    out_len: usize,
}

impl Blake2bVarWriter {
    /// A writer for `out_len`-byte digests (1 to 64), or `None` for any other length.
    pub fn new(personal: &[u8; 16], out_len: usize) -> Option<Self> {
        if !(1..=64).contains(&out_len) {
            return None;
        }
        Some(Self::with_len(personal, out_len))
    }

    // Internal constructor for lengths known to be valid.
    fn with_len(personal: &[u8; 16], out_len: usize) -> Self {
        Blake2bVarWriter {
            core: blake2::Blake2bVarCore::new_with_params(&[], personal, 0, out_len),
            buffer: Default::default(),
            out_len,
        }
    }

    /// Feeds bytes.
    pub fn write(&mut self, data: &[u8]) {
        use blake2::digest::core_api::UpdateCore;
        let core = &mut self.core;
        self.buffer
            .digest_blocks(data, |blocks| core.update_blocks(blocks));
    }

    /// The digest length this writer produces.
    pub fn out_len(&self) -> usize {
        self.out_len
    }

    /// Writes the digest into `out`, which must be exactly [`Self::out_len`] bytes long;
    /// returns false (writing nothing) otherwise.
    pub fn finish_into(mut self, out: &mut [u8]) -> bool {
        use blake2::digest::core_api::VariableOutputCore;
        if out.len() != self.out_len {
            return false;
        }
        let mut full = blake2::digest::Output::<blake2::Blake2bVarCore>::default();
        self.core
            .finalize_variable_core(&mut self.buffer, &mut full);
        match full.get(..self.out_len) {
            Some(digest) => {
                out.copy_from_slice(digest);
                true
            }
            None => false,
        }
    }
}

/// Decodes a hex string of exactly `N` bytes.
pub(crate) fn hex_array<const N: usize>(what: &'static str, s: &str) -> Result<[u8; N], Error> {
    let bytes = hex::decode(s).map_err(|e| Error::InvalidHex {
        what,
        reason: e.to_string(),
    })?;
    let len = bytes.len();
    bytes.try_into().map_err(|_| Error::InvalidLength {
        what,
        expected: crate::error::Expected::Exactly(N),
        actual: len,
    })
}

/// Declares a 32-byte hash newtype shown in reversed hex, like fluxd's `uint256`.
macro_rules! hash_newtype {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub [u8; 32]);

        impl $name {
            /// The all-zero value (fluxd's `uint256()` / null hash).
            pub const ZERO: $name = $name([0u8; 32]);

            /// Wraps bytes given in internal (wire) order.
            pub const fn from_bytes(bytes: [u8; 32]) -> Self {
                $name(bytes)
            }
            /// The bytes in internal (wire) order.
            pub const fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
            /// The bytes in internal (wire) order, by value.
            pub const fn to_bytes(self) -> [u8; 32] {
                self.0
            }
            /// The bytes in display order (reversed), as RPC shows them.
            pub fn to_display_bytes(self) -> [u8; 32] {
                let mut b = self.0;
                b.reverse();
                b
            }
            /// Builds the value from bytes in display order.
            pub fn from_display_bytes(mut bytes: [u8; 32]) -> Self {
                bytes.reverse();
                $name(bytes)
            }
            /// SHA-256d of `data`.
            pub fn hash(data: &[u8]) -> Self {
                $name($crate::hash::sha256d(data))
            }
            /// True for the all-zero value.
            pub fn is_zero(&self) -> bool {
                self.0 == [0u8; 32]
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let mut buf = [0u8; 64];
                // hex::encode_to_slice only fails on a wrong buffer size, which is fixed here.
                if hex::encode_to_slice(self.to_display_bytes(), &mut buf).is_err() {
                    return Err(core::fmt::Error);
                }
                f.write_str(core::str::from_utf8(&buf).map_err(|_| core::fmt::Error)?)
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}({})", stringify!($name), self)
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::hash::hex_array::<32>($what, s).map(Self::from_display_bytes)
            }
        }

        $crate::serde_str::serde_via_str!($name);

        impl $crate::codec::Encode for $name {
            fn encode(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.0);
            }
            fn encoded_len(&self) -> usize {
                32
            }
        }

        impl $crate::codec::Decode for $name {
            type Error = $crate::Error;
            fn decode(r: &mut $crate::codec::Reader<'_>) -> Result<Self, $crate::Error> {
                r.read_array().map($name)
            }
        }

        impl From<[u8; 32]> for $name {
            fn from(bytes: [u8; 32]) -> Self {
                $name(bytes)
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }
    };
}

hash_newtype!(
    /// A transaction id: SHA-256d of the transaction's id serialization.
    Txid,
    "txid"
);
hash_newtype!(
    /// A block hash: SHA-256d of the block header (PoN: without its signature).
    BlockHash,
    "block hash"
);
hash_newtype!(
    /// A merkle root or merkle tree node.
    MerkleRoot,
    "merkle root"
);
hash_newtype!(
    /// Any other 256-bit value that fluxd shows as a `uint256` (Sapling roots, PoN hashes,
    /// full-serialization hashes).
    Hash256,
    "256-bit hash"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            hex::encode(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex::encode(sha256d(b"hello")),
            "9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50"
        );
        // HASH160 of the compressed generator point (private key 1).
        let g = hex::decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
            .unwrap();
        assert_eq!(
            hex::encode(hash160(&g)),
            "751e76e8199196d454941c45d1b3a323f1433bd6"
        );
    }

    #[test]
    fn blake2b_personalization_matters() {
        let a = blake2b256_personal(b"ZcashPrevoutHash", b"");
        let b = blake2b256_personal(b"ZcashSequencHash", b"");
        assert_ne!(a, b);
        // ZIP-243: hashPrevouts of a transaction with no inputs is all zeros by rule, but the
        // BLAKE2b of the empty string under this personalization is this well-known value.
        assert_eq!(
            hex::encode(a),
            "d53a633bbecf82fe9e9484d8a0e727c73bb9e68c96e72dec30144f6a84afa136"
        );
        let v = blake2b_var_personal(b"ZcashPrevoutHash", 32, b"").unwrap();
        assert_eq!(v, a.to_vec());
        assert!(blake2b_var_personal(b"ZcashPrevoutHash", 65, b"").is_none());
    }

    #[test]
    fn hash_newtype_text_forms() {
        let s = "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444";
        let h: BlockHash = s.parse().unwrap();
        assert_eq!(h.as_bytes()[31], 0x00);
        assert_eq!(h.as_bytes()[0], 0x44);
        assert_eq!(h.to_string(), s);
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<BlockHash>(&json).unwrap(), h);
        assert!("00".parse::<BlockHash>().is_err());
        assert!("zz".repeat(32).parse::<BlockHash>().is_err());
    }
}
