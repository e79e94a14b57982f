//! Checking a message signature, compact or Ethereum, against whoever is supposed to have
//! made it. Compact signatures are checked by flux-primitives' [`message`] module.
//!
//! [`message`]: flux_primitives::message

use flux_primitives::message::{HeaderRule, Magic, MessageSignature};
use flux_primitives::{Address, PublicKey};

use crate::ethereum::{EthAddress, EthSignature};
use crate::{Error, Signer};

/// Who a verified signature was made by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recovered {
    /// A compact signature's key (with the serialization its header declares).
    Key(PublicKey),
    /// An Ethereum `personal_sign` signer.
    Ethereum(EthAddress),
}

impl Recovered {
    /// Hex public key for compact signatures, checksummed address for Ethereum ones.
    pub fn describe(&self) -> String {
        match self {
            Recovered::Key(k) => k.to_string(),
            Recovered::Ethereum(a) => a.to_checksum_string(),
        }
    }

    /// The ZelID: `1…` for a compact signature's key, the checksummed `0x…` address for
    /// an Ethereum signer.
    pub fn zelid(&self) -> String {
        match self {
            Recovered::Key(k) => Address::zelid(k).to_string(),
            Recovered::Ethereum(a) => a.to_checksum_string(),
        }
    }
}

/// Checks a compact signature over `message` (under `magic`) against `signer`: the
/// recovered key must hash to the address, or equal the public key in the same
/// serialization. Returns the recovered key.
pub fn verify_compact(
    magic: Magic<'_>,
    message: &[u8],
    signature: &MessageSignature,
    signer: &Signer,
) -> Result<PublicKey, Error> {
    match signer {
        Signer::Address(a) => Ok(signature.verify_address(magic, message, a)?),
        Signer::PublicKey(k) => Ok(signature.verify_public_key(magic, message, k)?),
        Signer::Ethereum(a) => Err(Error::SchemeMismatch {
            scheme: crate::Scheme::Compact,
            address: a.to_checksum_string(),
        }),
    }
}

/// Checks an Ethereum `personal_sign` signature against an address.
pub fn verify_ethereum(
    message: &[u8],
    signature: &EthSignature,
    address: &EthAddress,
) -> Result<EthAddress, Error> {
    let recovered = signature.recover(message)?;
    if recovered == *address {
        Ok(recovered)
    } else {
        Err(flux_primitives::message::Error::WrongSigner {
            expected: address.to_checksum_string(),
            recovered: recovered.to_checksum_string(),
        }
        .into())
    }
}

/// The one call most callers need: checks `signature` (base64 compact, or `0x` hex for an
/// Ethereum signer) over `message` against `signer` (a `1…` ZelID, `t1…`/`tm…` address,
/// hex public key or `0x…` address). Compact headers are parsed strictly (27–34).
pub fn verify_message(
    magic: Magic<'_>,
    message: &[u8],
    signature: &str,
    signer: &str,
) -> Result<Recovered, Error> {
    let signer = Signer::parse(signer)?;
    verify_with(magic, message, signature, &signer, HeaderRule::Strict)
}

/// [`verify_message`] with a parsed signer and a chosen header rule.
pub fn verify_with(
    magic: Magic<'_>,
    message: &[u8],
    signature: &str,
    signer: &Signer,
    rule: HeaderRule,
) -> Result<Recovered, Error> {
    match signer {
        Signer::Ethereum(addr) => {
            let sig = EthSignature::parse(signature)?;
            verify_ethereum(message, &sig, addr).map(Recovered::Ethereum)
        }
        _ => {
            let sig = MessageSignature::from_base64(signature, rule)?;
            verify_compact(magic, message, &sig, signer).map(Recovered::Key)
        }
    }
}
