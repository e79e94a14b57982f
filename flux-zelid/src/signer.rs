//! Whom a message signature is expected from: a ZelID (`1…`), a Flux P2PKH address
//! (`t1…`/`tm…`), a public key, or an Ethereum ZelID (`0x…`).

use flux_primitives::message::signing_key_id;
use flux_primitives::{Address, PublicKey};

use crate::ethereum::EthAddress;
use crate::Error;

/// Whom a signature is expected from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Signer {
    /// A ZelID or Flux P2PKH address.
    Address(Address),
    /// A public key, in the serialization it was given in.
    PublicKey(PublicKey),
    /// An Ethereum address (`0x…` ZelID).
    Ethereum(EthAddress),
}

impl Signer {
    /// Reads `0x…` as an Ethereum address, 66 or 130 hex characters as a public key, and
    /// anything else as a base58check key address. P2SH and shielded addresses are refused
    /// ([`Error::Signature`] with `NotAKeyAddress`): they cannot sign messages.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let t = text.trim();
        if t.starts_with("0x") || t.starts_with("0X") {
            return EthAddress::parse(t).map(Signer::Ethereum);
        }
        if (t.len() == 66 || t.len() == 130) && t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return PublicKey::from_hex(t)
                .map(Signer::PublicKey)
                .map_err(|source| Error::Signer {
                    text: t.to_string(),
                    source,
                });
        }
        let address: Address = t.parse().map_err(|source| Error::Signer {
            text: t.to_string(),
            source,
        })?;
        signing_key_id(&address)?;
        Ok(Signer::Address(address))
    }

    /// How the signer is written.
    pub fn describe(&self) -> String {
        match self {
            Signer::Address(a) => a.to_string(),
            Signer::PublicKey(k) => k.to_string(),
            Signer::Ethereum(e) => e.to_checksum_string(),
        }
    }
}
