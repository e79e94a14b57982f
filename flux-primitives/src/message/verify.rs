//! Checking a compact signature against the key or address that should have made it.
//!
//! One public-key recovery and one HASH160 comparison, as fluxd's `verifymessage`: the
//! other serialization is only hashed after a mismatch, to say why it failed.

use super::Error;
use super::{Magic, MessageSignature};
use crate::address::{Address, AddressKind};
use crate::keys::PublicKey;

/// The key id (HASH160 of a public key) that a message signer's address commits to.
///
/// Only P2PKH (`t1…`/`tm…`) and ZelID (`1…`) addresses refer to a key. fluxd answers
/// "Address does not refer to key" for P2SH; shielded addresses cannot sign either. Both
/// give [`Error::NotAKeyAddress`].
pub fn signing_key_id(address: &Address) -> Result<[u8; 20], Error> {
    match (address.kind(), address.hash160()) {
        (AddressKind::P2pkh | AddressKind::Zelid, Some(id)) => Ok(id),
        (kind, _) => Err(Error::NotAKeyAddress {
            address: address.to_string(),
            kind,
        }),
    }
}

impl MessageSignature {
    /// Checks this signature over `message` (under `magic`) against a P2PKH or ZelID
    /// address and returns the recovered key.
    ///
    /// Errors: [`Error::NotAKeyAddress`] for P2SH and shielded addresses,
    /// [`Error::Unrecoverable`], [`Error::CompressionMismatch`] when the key is
    /// right but the header declares the other form, [`Error::WrongSigner`] otherwise (the
    /// recovered signer is written as an address of the same kind and network).
    pub fn verify_address(
        &self,
        magic: Magic<'_>,
        message: &[u8],
        address: &Address,
    ) -> Result<PublicKey, Error> {
        let key_id = signing_key_id(address)?;
        let recovered = self.recover(magic, message)?;
        if recovered.hash160() == key_id {
            return Ok(recovered);
        }
        let other = recovered.with_compression(!recovered.compressed());
        if other.hash160() == key_id {
            return Err(compression_mismatch(address.to_string(), &recovered));
        }
        let recovered_address = match address.kind() {
            AddressKind::Zelid => Address::zelid(&recovered),
            _ => Address::p2pkh(&recovered, address.network()),
        };
        Err(Error::WrongSigner {
            expected: address.to_string(),
            recovered: recovered_address.to_string(),
        })
    }

    /// Checks this signature over `message` (under `magic`) against a public key: the
    /// recovered key must be the same point in the same form (fluxd compares key ids, and
    /// the two forms have different ones). Returns the recovered key.
    ///
    /// Errors: [`Error::Unrecoverable`], [`Error::CompressionMismatch`],
    /// [`Error::WrongSigner`].
    pub fn verify_public_key(
        &self,
        magic: Magic<'_>,
        message: &[u8],
        key: &PublicKey,
    ) -> Result<PublicKey, Error> {
        let recovered = self.recover(magic, message)?;
        if recovered == *key {
            Ok(recovered)
        } else if recovered.inner() == key.inner() {
            Err(compression_mismatch(key.to_string(), &recovered))
        } else {
            Err(Error::WrongSigner {
                expected: key.to_string(),
                recovered: recovered.to_string(),
            })
        }
    }
}

fn compression_mismatch(expected: String, recovered: &PublicKey) -> Error {
    let (header, other) = if recovered.compressed() {
        ("compressed", "uncompressed")
    } else {
        ("uncompressed", "compressed")
    };
    Error::CompressionMismatch {
        expected,
        header,
        other,
    }
}
