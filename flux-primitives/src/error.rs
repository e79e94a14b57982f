//! The one error type of this crate.

use thiserror::Error;

/// Everything that can go wrong in `flux-primitives`: malformed bytes, strings, keys,
/// addresses and scripts. Each variant says what was wrong and, for byte input, where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    // ---- codec -------------------------------------------------------------------------
    /// The input ended before a value was complete.
    #[error(
        "unexpected end of input at offset {offset}: needed {needed} bytes, {remaining} remain"
    )]
    UnexpectedEof {
        /// Offset at which the read started.
        offset: usize,
        /// Bytes the read needed.
        needed: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A whole-buffer decode finished with bytes left over.
    #[error("{remaining} trailing bytes after the value, at offset {offset}")]
    TrailingBytes {
        /// Offset of the first unread byte.
        offset: usize,
        /// Number of unread bytes.
        remaining: usize,
    },
    /// A `CompactSize` used more bytes than its value needs (fluxd: "non-canonical ReadCompactSize()").
    #[error("non-canonical CompactSize {value} at offset {offset}")]
    NonCanonicalCompactSize {
        /// Offset of the prefix byte.
        offset: usize,
        /// The value it encoded.
        value: u64,
    },
    /// A `CompactSize` above 0x02000000 (fluxd: "ReadCompactSize(): size too large").
    #[error("CompactSize {value} at offset {offset} is larger than the 0x02000000 limit")]
    CompactSizeTooLarge {
        /// Offset of the prefix byte.
        offset: usize,
        /// The value it encoded.
        value: u64,
    },
    /// An element count that the remaining bytes cannot possibly hold.
    #[error("count {count} at offset {offset} cannot fit in the {remaining} remaining bytes")]
    CountExceedsInput {
        /// Offset of the count.
        offset: usize,
        /// The count read.
        count: u64,
        /// Bytes that were left after the count.
        remaining: usize,
    },
    /// A field held a value the format does not allow.
    #[error("invalid {field} at offset {offset}: {reason}")]
    InvalidField {
        /// Name of the field.
        field: &'static str,
        /// Offset at which the field starts.
        offset: usize,
        /// What was wrong with it.
        reason: String,
    },

    // ---- text encodings ------------------------------------------------------------------
    /// A hex string was malformed.
    #[error("invalid hex in {what}: {reason}")]
    InvalidHex {
        /// What the hex was meant to be.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A value had the wrong number of bytes.
    #[error("{what} must be {expected} bytes, got {actual}")]
    InvalidLength {
        /// What the value is.
        what: &'static str,
        /// The required length (or a description of the allowed lengths).
        expected: String,
        /// The length found.
        actual: usize,
    },
    /// A base58 string contained a character outside the alphabet.
    #[error("invalid base58 character {character:?} at position {position}")]
    InvalidBase58Character {
        /// The offending character.
        character: char,
        /// Its position in the string.
        position: usize,
    },
    /// A base58check string's checksum did not match.
    #[error("bad base58check checksum: expected {expected}, found {found}")]
    BadChecksum {
        /// Checksum computed from the payload (hex).
        expected: String,
        /// Checksum carried by the string (hex).
        found: String,
    },
    /// A bech32 string was malformed.
    #[error("invalid bech32: {0}")]
    InvalidBech32(String),

    // ---- amounts -----------------------------------------------------------------------
    /// An amount was negative, above MAX_MONEY, or an arithmetic result left that range.
    #[error("amount out of range: {0}")]
    AmountOutOfRange(String),
    /// A decimal FLUX string could not be parsed exactly.
    #[error("invalid amount {input:?}: {reason}")]
    InvalidAmount {
        /// The string given.
        input: String,
        /// Why it was refused.
        reason: &'static str,
    },

    // ---- networks ----------------------------------------------------------------------
    /// A network name was not `main`, `test` or `regtest`.
    #[error("unknown network {0:?} (expected main, test or regtest)")]
    UnknownNetwork(String),
    /// A network upgrade name was not recognized.
    #[error("unknown network upgrade {0:?}")]
    UnknownUpgrade(String),

    // ---- keys and addresses --------------------------------------------------------------
    /// A version prefix (address, WIF or extended key) belongs to no known type.
    #[error("unknown {what} prefix {prefix}")]
    UnknownPrefix {
        /// What kind of string was being parsed.
        what: &'static str,
        /// The prefix bytes found (hex) or HRP.
        prefix: String,
    },
    /// A string was valid for another network than the one required.
    #[error("{what} is for {found} but {expected} was required")]
    WrongNetwork {
        /// What kind of string it was.
        what: &'static str,
        /// The network required.
        expected: String,
        /// The network the string belongs to.
        found: String,
    },
    /// A secret key was zero or not below the curve order.
    #[error("invalid secret key: {0}")]
    InvalidSecretKey(String),
    /// A public key was not a valid curve point encoding.
    #[error("invalid public key: {0}")]
    InvalidPublicKey(String),
    /// A BIP32 derivation path could not be parsed.
    #[error("invalid derivation path {path:?}: {reason}")]
    InvalidDerivationPath {
        /// The path given.
        path: String,
        /// Why it was refused.
        reason: String,
    },
    /// A BIP32 operation was impossible (hardened child of a public key, depth overflow,
    /// an invalid child key).
    #[error("BIP32: {0}")]
    Bip32(String),
    /// A BIP39 mnemonic was invalid.
    #[error("invalid mnemonic: {0}")]
    InvalidMnemonic(String),
    /// A script cannot be expressed as an address.
    #[error("script has no address form: {0}")]
    NoAddressForScript(String),

    // ---- message signatures --------------------------------------------------------------
    /// Text that should be base64 is not.
    #[error("{what} is not valid base64: {reason}")]
    InvalidBase64 {
        /// What the text was meant to be.
        what: &'static str,
        /// What the decoder said.
        reason: String,
    },
    /// The header byte (first byte) of a compact signature is outside the accepted range.
    #[error("signature header byte {byte} is outside {allowed}")]
    SignatureHeader {
        /// The header byte found.
        byte: u8,
        /// The range the header rule accepts.
        allowed: &'static str,
    },
    /// r or s is zero or not below the curve order, or no public key can be recovered.
    #[error("signature does not recover a public key: {reason}")]
    SignatureUnrecoverable {
        /// What secp256k1 said.
        reason: String,
    },
    /// The signature is well formed, but was made by another key.
    #[error("signature was made by {recovered}, not by {expected}")]
    WrongSigner {
        /// The signer expected (address or hex key).
        expected: String,
        /// The signer recovered, written the same way.
        recovered: String,
    },
    /// The signature recovers the expected key, but its header declares the other
    /// serialization (compressed vs uncompressed), whose key id differs.
    #[error("signature header says {header} key but {expected} is the {other} key's")]
    CompressionMismatch {
        /// The signer expected.
        expected: String,
        /// `compressed` or `uncompressed`, from the header byte.
        header: &'static str,
        /// The other form.
        other: &'static str,
    },
    /// A message signature was checked against an address that does not commit to a key
    /// (fluxd: "Address does not refer to key").
    #[error("address {address} does not refer to a key ({kind}), so it cannot sign messages")]
    NotAKeyAddress {
        /// The address.
        address: String,
        /// Its kind.
        kind: crate::address::AddressKind,
    },

    // ---- script ------------------------------------------------------------------------
    /// A script could not be parsed into operations.
    #[error("invalid script at offset {offset}: {reason}")]
    InvalidScript {
        /// Offset of the offending opcode.
        offset: usize,
        /// What was wrong.
        reason: String,
    },
    /// A script could not be built with the given parts.
    #[error("cannot build script: {0}")]
    ScriptBuild(String),
}
