//! Message signatures as fluxd's `signmessage`/`verifymessage`, bitcoinjs-message, ZelID
//! and FluxOS make them (fluxd spec §9).
//!
//! digest = SHA-256d( CompactSize(len magic) ‖ magic ‖ CompactSize(len msg) ‖ msg ), signed
//! as a 65-byte compact recoverable signature whose header byte is
//! `27 + recovery id (+ 4 when the signer's key is compressed)`. A signature is checked by
//! recovering the public key and comparing its HASH160 with the address's key id.
//!
//! ```
//! use flux_primitives::message::{HeaderRule, Magic, MessageSignature};
//! use flux_primitives::Address;
//!
//! // A real ZelID login from FluxOS's test suite.
//! let sig = MessageSignature::from_base64(
//!     "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=",
//!     HeaderRule::Strict,
//! )
//! .unwrap();
//! let zelid: Address = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap();
//! let phrase = b"1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b";
//! assert!(sig.verify_address(Magic::Bitcoin, phrase, &zelid).is_ok());
//! assert!(sig.verify_address(Magic::Zelcash, phrase, &zelid).is_err());
//! ```

mod error;
mod magic;
mod signature;
mod verify;

pub use error::Error;
pub use magic::Magic;
pub use signature::{sign, sign_digest, HeaderRule, MessageSignature};
pub use verify::signing_key_id;
