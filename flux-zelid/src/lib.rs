//! # flux-zelid
//!
//! ZelID sign-in, message signatures, zelidauth headers and FluxOS app messages.
//!
//! - [`verify_message`], [`Signer`]: one call that checks a signature given as text against a
//!   `1…` ZelID, a `t1…`/`tm…` address, a public key or a `0x…` address; the compact
//!   signature core ([`Magic`], [`MessageSignature`], [`sign_message`]) is
//!   [`flux_primitives::message`], re-exported here;
//! - [`ethereum`]: EIP-191 `personal_sign` for `0x…` ZelIDs, EIP-55 addresses;
//! - [`phrase`]: FluxOS login phrases and their windows;
//! - [`header`]: the `zelidauth` header, JSON and URL-encoded;
//! - [`login`]: a backend verifier (issue phrase, log in, authenticate) over a pluggable store;
//! - [`privilege`]: user / admin / Flux team / app-owner levels.
//!
//! App registration and update messages live in `flux_client::app::message`.
//!
//! ```
//! use flux_zelid::{verify_message, Magic};
//!
//! // A real ZelID login from FluxOS's test suite.
//! let ok = verify_message(
//!     Magic::Bitcoin,
//!     b"1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b",
//!     "H7xcWjpSt8jiAaPbkUsfY3ZutJJmI35MWkGsgWBj/fJHfk7ZKRoggzigdaESLGMDMb2MHlxAapr1sMYDbJkL/H4=",
//!     "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W",
//! );
//! assert!(ok.is_ok());
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod error;
pub mod ethereum;
pub mod header;
mod id;
pub mod login;
pub mod phrase;
pub mod privilege;
mod signer;
mod verify;

pub use error::{Error, EthAddressProblem, HeaderProblem, PhraseProblem, Scheme, ZelIdProblem};
pub use id::ZelId;
pub use signer::Signer;
pub use verify::{
    verify_compact, verify_ethereum, verify_message, verify_with, MessageVerdict, Recovered,
    SignedMessage,
};

/// The message-signature core, from flux-primitives.
pub use flux_primitives::message;
pub use flux_primitives::message::{
    sign as sign_message, sign_digest, HeaderRule, Magic, MessageSignature,
};
pub use flux_primitives::{Address, PrivateKey, PublicKey};
