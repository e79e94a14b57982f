//! The addresses a message signature can be checked against: ZelIDs (`1…`), Flux
//! P2PKH t-addresses (`t1…` mainnet, `tm…` testnet/regtest) and Ethereum ZelIDs (`0x…`).
//!
//! Base58check is decoded here with a few lines over `bs58` and flux-primitives' SHA-256d
//! until flux-primitives' own address module is used.

use flux_primitives::hash::sha256d;

use crate::ethereum::EthAddress;
use crate::Error;

/// Version byte of a ZelID: Bitcoin's mainnet P2PKH.
pub(crate) const ZELID_VERSION: [u8; 1] = [0x00];
const FLUX_MAIN_P2PKH: [u8; 2] = [0x1c, 0xb8];
const FLUX_TEST_P2PKH: [u8; 2] = [0x1d, 0x25];
const FLUX_MAIN_P2SH: [u8; 2] = [0x1c, 0xbd];
const FLUX_TEST_P2SH: [u8; 2] = [0x1c, 0xba];

/// Which family a key address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAddressKind {
    /// `1…`: a ZelID (Bitcoin P2PKH encoding of the key id).
    ZelId,
    /// `t1…`: Flux mainnet P2PKH.
    FluxMainnet,
    /// `tm…`: Flux testnet/regtest P2PKH.
    FluxTestnet,
}

impl KeyAddressKind {
    /// The base58check version prefix.
    pub fn version(self) -> &'static [u8] {
        match self {
            KeyAddressKind::ZelId => &ZELID_VERSION,
            KeyAddressKind::FluxMainnet => &FLUX_MAIN_P2PKH,
            KeyAddressKind::FluxTestnet => &FLUX_TEST_P2PKH,
        }
    }
}

/// A base58check address that commits to a key id (HASH160 of a public key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyAddress {
    kind: KeyAddressKind,
    key_id: [u8; 20],
    text: String,
}

impl KeyAddress {
    /// Parses a `1…`, `t1…` or `tm…` address.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Address {
            address: text.to_string(),
            reason: reason.to_string(),
        };
        let payload = base58check_decode(text).map_err(|r| bad(&r))?;
        let (kind, id) = match payload.len() {
            21 => match payload.split_first() {
                Some((0x00, id)) => (KeyAddressKind::ZelId, id),
                _ => return Err(bad("version byte is not 0x00 (a ZelID)")),
            },
            22 => {
                let (version, id) = payload.split_at(2);
                if version == FLUX_MAIN_P2PKH {
                    (KeyAddressKind::FluxMainnet, id)
                } else if version == FLUX_TEST_P2PKH {
                    (KeyAddressKind::FluxTestnet, id)
                } else if version == FLUX_MAIN_P2SH || version == FLUX_TEST_P2SH {
                    return Err(Error::NotAKeyAddress {
                        address: text.to_string(),
                    });
                } else {
                    return Err(bad("unknown 2-byte version prefix"));
                }
            }
            n => return Err(bad(&format!("payload is {n} bytes, expected 21 or 22"))),
        };
        let mut key_id = [0u8; 20];
        key_id.copy_from_slice(id);
        Ok(KeyAddress {
            kind,
            key_id,
            text: text.to_string(),
        })
    }

    /// Its family.
    pub fn kind(&self) -> KeyAddressKind {
        self.kind
    }

    /// The key id it commits to.
    pub fn key_id(&self) -> &[u8; 20] {
        &self.key_id
    }

    /// The address text as parsed.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Whom a signature is expected from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Signer {
    /// A ZelID or Flux P2PKH address.
    Address(KeyAddress),
    /// A public key, in the serialization it was given in.
    PublicKey(crate::SignerKey),
    /// An Ethereum address (`0x…` ZelID).
    Ethereum(EthAddress),
}

impl Signer {
    /// Reads `0x…` as an Ethereum address, 66 or 130 hex characters as a public key, and
    /// anything else as a base58check key address.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let t = text.trim();
        if t.starts_with("0x") || t.starts_with("0X") {
            return EthAddress::parse(t).map(Signer::Ethereum);
        }
        if (t.len() == 66 || t.len() == 130) && t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return crate::SignerKey::from_hex(t).map(Signer::PublicKey);
        }
        KeyAddress::parse(t).map(Signer::Address)
    }

    /// How the signer is written.
    pub fn describe(&self) -> String {
        match self {
            Signer::Address(a) => a.as_str().to_string(),
            Signer::PublicKey(k) => k.to_hex(),
            Signer::Ethereum(e) => e.to_checksum_string(),
        }
    }
}

pub(crate) fn base58check_decode(text: &str) -> Result<Vec<u8>, String> {
    let raw = bs58::decode(text)
        .into_vec()
        .map_err(|e| format!("not base58: {e}"))?;
    if raw.len() < 5 {
        return Err(format!("{} bytes is too short for base58check", raw.len()));
    }
    let (payload, checksum) = raw.split_at(raw.len() - 4);
    if sha256d(payload).get(..4) != Some(checksum) {
        return Err("bad base58check checksum".to_string());
    }
    Ok(payload.to_vec())
}

pub(crate) fn base58check_encode(version: &[u8], payload: &[u8]) -> String {
    let mut data = Vec::with_capacity(version.len() + payload.len() + 4);
    data.extend_from_slice(version);
    data.extend_from_slice(payload);
    let check = sha256d(&data);
    data.extend_from_slice(check.get(..4).unwrap_or_default());
    bs58::encode(data).into_string()
}

/// Decodes a WIF private key (any version byte: 0x80 mainnet, 0xef testnet) into the secret
/// and whether its public key is used compressed (the `0x01` suffix).
pub fn parse_wif(text: &str) -> Result<(secp256k1::SecretKey, bool), Error> {
    let bad = |reason: String| Error::PrivateKey { reason };
    let payload = base58check_decode(text.trim()).map_err(bad)?;
    let (compressed, body) = match payload.len() {
        33 => (false, payload.get(1..33)),
        34 if payload.get(33) == Some(&1) => (true, payload.get(1..33)),
        n => {
            return Err(bad(format!(
                "WIF payload is {n} bytes, expected 33 or 34 ending in 0x01"
            )))
        }
    };
    let secret = secp256k1::SecretKey::from_slice(body.unwrap_or_default())
        .map_err(|e| bad(e.to_string()))?;
    Ok((secret, compressed))
}
