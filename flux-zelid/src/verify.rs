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

/// The outcome of checking a message signature, as `flux message verify` prints it: who
/// signed (recovered even when the signature is not the expected signer's, when a key can
/// be recovered at all), and why it is not valid.
///
/// ```
/// use flux_zelid::{HeaderRule, Magic, MessageVerdict, Signer};
///
/// let sig = "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=";
/// let phrase = b"1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b";
/// let right = Signer::parse("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W").unwrap();
/// let v = MessageVerdict::check(Magic::Bitcoin, phrase, sig, &right, HeaderRule::Strict).unwrap();
/// assert!(v.valid);
/// // FluxOS's negative vector: another ZelID claims the same signature.
/// let wrong = Signer::parse("1CbErtneaX2QVyUfwU7JGB7VzvPgrgc3uC").unwrap();
/// let v = MessageVerdict::check(Magic::Bitcoin, phrase, sig, &wrong, HeaderRule::Strict).unwrap();
/// assert!(!v.valid);
/// assert_eq!(v.recovered_address.as_deref(), Some("1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MessageVerdict {
    /// Whether the signature is the signer's.
    pub valid: bool,
    /// The recovered public key (compact signatures only).
    pub recovered_public_key: Option<PublicKey>,
    /// The recovered signer: the key's `1…` ZelID, or the Ethereum address.
    pub recovered_address: Option<String>,
    /// The magic the message was hashed under (`bitcoin`, `zelcash`, `custom`).
    pub magic: &'static str,
    /// Why not, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl MessageVerdict {
    /// Checks `signature` over `message` against `signer` ([`verify_with`]). A signature
    /// that was checked and does not hold is `Ok` with `valid: false`; unusable input
    /// (bad base64, wrong length, a header the rule refuses) is `Err`.
    pub fn check(
        magic: Magic<'_>,
        message: &[u8],
        signature: &str,
        signer: &Signer,
        rule: HeaderRule,
    ) -> Result<Self, Error> {
        match verify_with(magic, message, signature, signer, rule) {
            Ok(r) => {
                let key = match r {
                    Recovered::Key(k) => Some(k),
                    Recovered::Ethereum(_) => None,
                };
                Ok(MessageVerdict {
                    valid: true,
                    recovered_public_key: key,
                    recovered_address: Some(r.zelid()),
                    magic: magic.name(),
                    reason: None,
                })
            }
            Err(e) if e.is_verdict() => {
                // Still say who signed, when a compact signature recovers a key at all.
                let recovered = MessageSignature::from_base64(signature, rule)
                    .ok()
                    .and_then(|s| s.recover(magic, message).ok());
                Ok(MessageVerdict {
                    valid: false,
                    recovered_public_key: recovered,
                    recovered_address: recovered.map(|k| Address::zelid(&k).to_string()),
                    magic: magic.name(),
                    reason: Some(e.to_string()),
                })
            }
            Err(e) => Err(e),
        }
    }
}

/// A message signed with a private key, as `flux message sign` prints it: the base64
/// signature and every way of naming the signer.
///
/// ```
/// use flux_zelid::{Magic, PrivateKey, SignedMessage};
///
/// let key: PrivateKey = "KyL927pfsyZnJhFq5gQGy5eWq9tRYuAppRGiLjvBJGMvMwCqWYmv".parse().unwrap();
/// let s = SignedMessage::sign(&key, Magic::Bitcoin, b"hello");
/// assert_eq!(s.address, s.zelid);
/// assert!(flux_zelid::verify_message(Magic::Bitcoin, b"hello", &s.signature, &s.zelid.to_string()).is_ok());
/// let z = SignedMessage::sign(&key, Magic::Zelcash, b"hello");
/// assert_eq!(z.address, z.flux_address);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SignedMessage {
    /// The signature, base64.
    pub signature: String,
    /// The address a verifier checks it against: the ZelID under the Bitcoin magic
    /// (ZelID, FluxOS), the Flux address under the Zelcash magic (fluxd `verifymessage`).
    pub address: Address,
    /// The signer's public key.
    pub public_key: PublicKey,
    /// The signer's `1…` ZelID.
    pub zelid: Address,
    /// The signer's mainnet `t1…` address.
    pub flux_address: Address,
    /// The magic (`bitcoin`, `zelcash`, `custom`).
    pub magic: &'static str,
    /// Whether the signature's header declares a compressed key (the key's form).
    pub compressed: bool,
}

impl SignedMessage {
    /// Signs `message` under `magic` with `key` (RFC 6979).
    pub fn sign(key: &flux_primitives::PrivateKey, magic: Magic<'_>, message: &[u8]) -> Self {
        let sig = flux_primitives::message::sign(key, magic, message);
        let public_key = key.public_key();
        let zelid = Address::zelid(&public_key);
        // The mainnet form whatever the key's network, as `flux message sign` has always
        // printed it (a message signature does not depend on the network).
        let flux_address = Address::p2pkh(&public_key, flux_primitives::Network::Main);
        SignedMessage {
            signature: sig.to_base64(),
            address: match magic {
                Magic::Zelcash => flux_address,
                _ => zelid,
            },
            public_key,
            zelid,
            flux_address,
            magic: magic.name(),
            compressed: key.compressed(),
        }
    }
}
