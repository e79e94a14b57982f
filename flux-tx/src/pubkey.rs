//! Public keys inside fluxnode transactions, with fluxd's `CPubKey` serialization quirks.
//!
//! fluxd reads a `CPubKey` as a `CompactSize` length and that many bytes (a length above 65
//! skips the bytes and leaves an invalid key), but writes back as many bytes as the first
//! byte implies (`02`/`03` -> 33, `04`/`06`/`07` -> 65, anything else -> 0). When the two
//! disagree, fluxd's re-serialization (which the txid is computed from) differs from the
//! received bytes. [`WirePubKey`] keeps the received bytes, so decoding and encoding round
//! trip exactly, and [`WirePubKey::fluxd_bytes`] gives fluxd's form.

use flux_primitives::codec::{write_compact_size, write_var_bytes, Reader};

use crate::Error;

/// Largest key fluxd keeps (an uncompressed key); longer ones are skipped.
const MAX_PUBKEY_LEN: usize = 65;

/// A public key field as received on the wire (`CompactSize` length + bytes).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct WirePubKey(Vec<u8>);

impl WirePubKey {
    /// Wraps key bytes (33 compressed or 65 uncompressed for a valid key).
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        WirePubKey(bytes)
    }

    /// The bytes as received.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The key bytes fluxd keeps and re-serializes (see the module documentation). Where the
    /// length prefix was shorter than the first byte implies, fluxd would read uninitialized
    /// memory; zero bytes stand in for it **[ambiguous in the reference]**.
    pub fn fluxd_bytes(&self) -> Vec<u8> {
        if self.0.len() > MAX_PUBKEY_LEN {
            return Vec::new();
        }
        let want = match self.0.first() {
            Some(2 | 3) => 33,
            Some(4 | 6 | 7) => 65,
            _ => 0,
        };
        let mut v: Vec<u8> = self.0.iter().copied().take(want).collect();
        v.resize(want, 0);
        v
    }

    /// True when fluxd re-serializes this key exactly as received.
    pub fn is_canonical(&self) -> bool {
        self.fluxd_bytes() == self.0
    }

    /// True for a 33-byte key starting with 02 or 03 (fluxd `IsCompressed` on a valid key).
    pub fn is_compressed(&self) -> bool {
        self.0.len() == 33 && matches!(self.0.first(), Some(2 | 3))
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(WirePubKey(r.read_var_bytes()?.to_vec()))
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        write_var_bytes(out, &self.0);
    }

    pub(crate) fn write_fluxd(&self, out: &mut Vec<u8>) {
        let b = self.fluxd_bytes();
        write_compact_size(out, b.len() as u64);
        out.extend_from_slice(&b);
    }
}

impl core::fmt::Debug for WirePubKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "WirePubKey({})", hex::encode(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fluxd_length_rules() {
        let k = WirePubKey::from_bytes([&[2u8][..], &[7; 32]].concat());
        assert!(k.is_canonical() && k.is_compressed());
        // A 65-byte prefix on a key starting with 02: fluxd keeps 33 bytes.
        let long = WirePubKey::from_bytes([&[2u8][..], &[7; 64]].concat());
        assert_eq!(long.fluxd_bytes().len(), 33);
        assert!(!long.is_canonical());
        // An unknown first byte: fluxd writes an empty key.
        assert!(WirePubKey::from_bytes(vec![5; 33]).fluxd_bytes().is_empty());
        // Longer than 65: skipped.
        assert!(WirePubKey::from_bytes(vec![4; 70]).fluxd_bytes().is_empty());
    }
}
