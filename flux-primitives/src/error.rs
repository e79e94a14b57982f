//! The one error type of this crate.

use thiserror::Error;

use crate::network::Network;

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
        /// The lengths allowed.
        expected: Expected,
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
    #[error(
        "bad base58check checksum: expected {}, found {}",
        hex::encode(expected),
        hex::encode(found)
    )]
    BadChecksum {
        /// Checksum computed from the payload.
        expected: [u8; 4],
        /// Checksum carried by the string.
        found: [u8; 4],
    },
    /// A bech32 string was malformed.
    #[error("invalid bech32 {what}: {problem}")]
    InvalidBech32 {
        /// What the string was meant to be.
        what: &'static str,
        /// What was wrong.
        problem: Bech32Problem,
    },

    // ---- amounts -----------------------------------------------------------------------
    /// An amount was negative or above MAX_MONEY (in zatoshis; wide enough for any
    /// product or sum that overflowed).
    #[error("amount out of range: {zat} zatoshis is outside 0..=MAX_MONEY")]
    AmountOutOfRange {
        /// The amount, in zatoshis.
        zat: i128,
    },
    /// A sum of amounts left 0..=MAX_MONEY when adding the item at `index`.
    #[error("amount out of range: the sum exceeds MAX_MONEY at item {index}")]
    AmountSumOutOfRange {
        /// Index of the item whose addition left the range.
        index: usize,
    },
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
    /// A name (address kind, message magic, ...) that is not one of the names the type has.
    #[error("unknown {what} {name:?} (expected one of: {expected})")]
    UnknownName {
        /// What the name was meant to be.
        what: &'static str,
        /// The name given.
        name: String,
        /// The names accepted, comma-separated.
        expected: &'static str,
    },
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
        expected: Network,
        /// The network the string belongs to.
        found: Network,
    },
    /// A secret key was zero or not below the curve order.
    #[error("invalid secret key: zero or not below the secp256k1 curve order")]
    InvalidSecretKey,
    /// A WIF's compression flag (the byte after the key) was not 0x01.
    #[error("invalid WIF: compression flag must be 0x01, found 0x{flag:02x}")]
    WifCompressionFlag {
        /// The byte found.
        flag: u8,
    },
    /// A public key whose first byte does not fit its length (0x02/0x03 for 33 bytes,
    /// 0x04 for 65).
    #[error("invalid public key: prefix byte 0x{prefix:02x} does not fit a {len}-byte key")]
    PublicKeyPrefix {
        /// The first byte.
        prefix: u8,
        /// The key's length.
        len: usize,
    },
    /// A public key encoding that is not a point on secp256k1.
    #[error("invalid public key: not a point on secp256k1")]
    PublicKeyNotOnCurve,
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
    Bip32(Bip32Problem),
    /// A BIP39 mnemonic was invalid.
    #[error("invalid mnemonic: {0}")]
    InvalidMnemonic(MnemonicProblem),
    /// A script cannot be expressed as an address (only P2PKH and P2SH scripts can).
    #[error("script has no address form: only P2PKH and P2SH scripts have addresses")]
    NoAddressForScript,

    // ---- message signatures --------------------------------------------------------------
    /// A message signature that cannot be parsed, or that does not verify
    /// ([`crate::message::Error`]).
    #[error(transparent)]
    Message(#[from] crate::message::Error),

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
    ScriptBuild(ScriptBuildProblem),
}

impl Error {
    /// A stable snake_case code for the variant, for programs and other languages to match
    /// on (the CLI's `{"error":{"kind"}}`, flux-wasm's errors). It never changes for a
    /// variant; new variants get new codes.
    ///
    /// ```
    /// use flux_primitives::Address;
    ///
    /// let err = "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfG".parse::<Address>().unwrap_err();
    /// assert_eq!(err.kind(), "bad_checksum");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::UnexpectedEof { .. } => "unexpected_eof",
            Error::TrailingBytes { .. } => "trailing_bytes",
            Error::NonCanonicalCompactSize { .. } => "non_canonical_compact_size",
            Error::CompactSizeTooLarge { .. } => "compact_size_too_large",
            Error::CountExceedsInput { .. } => "count_exceeds_input",
            Error::InvalidField { .. } => "invalid_field",
            Error::InvalidHex { .. } => "invalid_hex",
            Error::InvalidLength { .. } => "invalid_length",
            Error::InvalidBase58Character { .. } => "invalid_base58_character",
            Error::BadChecksum { .. } => "bad_checksum",
            Error::InvalidBech32 { .. } => "invalid_bech32",
            Error::AmountOutOfRange { .. } => "amount_out_of_range",
            Error::AmountSumOutOfRange { .. } => "amount_out_of_range",
            Error::InvalidAmount { .. } => "invalid_amount",
            Error::UnknownNetwork(_) => "unknown_network",
            Error::UnknownUpgrade(_) => "unknown_upgrade",
            Error::UnknownName { .. } => "unknown_name",
            Error::UnknownPrefix { .. } => "unknown_prefix",
            Error::WrongNetwork { .. } => "wrong_network",
            Error::InvalidSecretKey => "invalid_secret_key",
            Error::WifCompressionFlag { .. } => "invalid_wif",
            Error::PublicKeyPrefix { .. } | Error::PublicKeyNotOnCurve => "invalid_public_key",
            Error::InvalidDerivationPath { .. } => "invalid_derivation_path",
            Error::Bip32(_) => "bip32",
            Error::InvalidMnemonic(_) => "invalid_mnemonic",
            Error::NoAddressForScript => "no_address_for_script",
            Error::Message(e) => e.kind(),
            Error::InvalidScript { .. } => "invalid_script",
            Error::ScriptBuild(_) => "script_build",
        }
    }
}

/// The lengths a value may have, in [`Error::InvalidLength`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// Exactly this many.
    Exactly(usize),
    /// One of two lengths (33 or 65 for public keys).
    Either(usize, usize),
    /// Between these, inclusive.
    Range(usize, usize),
    /// At least this many.
    AtLeast(usize),
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Exactly(n) => write!(f, "{n}"),
            Expected::Either(a, b) => write!(f, "{a} or {b}"),
            Expected::Range(a, b) => write!(f, "{a} to {b}"),
            Expected::AtLeast(n) => write!(f, "at least {n}"),
        }
    }
}

/// Why a bech32 string was refused, in [`Error::InvalidBech32`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Bech32Problem {
    /// Not a bech32 string with a valid checksum (mixed case, bad characters, no
    /// separator, checksum mismatch).
    Malformed,
    /// The padding bits after the data are not zero.
    NonZeroPadding,
}

impl std::fmt::Display for Bech32Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Bech32Problem::Malformed => "not a bech32 string with a valid checksum",
            Bech32Problem::NonZeroPadding => "non-zero padding bits",
        })
    }
}

/// What made a BIP32 operation impossible, in [`Error::Bip32`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Bip32Problem {
    /// A child would be deeper than 255.
    DepthOverflow,
    /// A depth-0 key with a non-zero parent fingerprint or child number.
    RootWithParent,
    /// The derived tweak is not below the curve order, or the child key is zero or the
    /// point at infinity (BIP32: skip to the next index).
    InvalidChild,
    /// The seed gives a master key that is zero or not below the curve order.
    InvalidMasterKey,
    /// A hardened child was asked of an extended public key.
    HardenedFromPublic {
        /// The child index, without the hardened bit.
        index: u32,
    },
    /// An extended public key was given where a private one is needed.
    NotPrivate,
    /// An extended private key was given where a public one is needed.
    NotPublic,
    /// Private key data does not start with 0x00.
    PrivateKeyPrefix,
}

impl std::fmt::Display for Bip32Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bip32Problem::DepthOverflow => f.write_str("depth would exceed 255"),
            Bip32Problem::RootWithParent => {
                f.write_str("a depth-0 key must have a zero parent fingerprint and child number")
            }
            Bip32Problem::InvalidChild => {
                f.write_str("derived key is invalid (probability 2^-127): use the next index")
            }
            Bip32Problem::InvalidMasterKey => f.write_str("seed gives an invalid master key"),
            Bip32Problem::HardenedFromPublic { index } => write!(
                f,
                "cannot derive hardened child {index}' from an extended public key"
            ),
            Bip32Problem::NotPrivate => {
                f.write_str("this is an extended public key, not a private one")
            }
            Bip32Problem::NotPublic => {
                f.write_str("this is an extended private key; give the public one")
            }
            Bip32Problem::PrivateKeyPrefix => {
                f.write_str("private key data must start with a 0x00 byte")
            }
        }
    }
}

/// Why a BIP39 mnemonic was refused, in [`Error::InvalidMnemonic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MnemonicProblem {
    /// The word count is not 12, 15, 18, 21 or 24.
    WordCount(usize),
    /// The word at this index is not in the English list.
    UnknownWord(usize),
    /// The entropy has a bit count BIP39 does not allow.
    EntropyBits(usize),
    /// The checksum bits do not match.
    Checksum,
    /// The words fit more than one language.
    AmbiguousLanguage,
}

impl std::fmt::Display for MnemonicProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MnemonicProblem::WordCount(n) => {
                write!(f, "word count {n} is not 12, 15, 18, 21 or 24")
            }
            MnemonicProblem::UnknownWord(i) => write!(f, "word {i} is not in the word list"),
            MnemonicProblem::EntropyBits(n) => write!(f, "{n} bits of entropy"),
            MnemonicProblem::Checksum => f.write_str("the checksum does not match"),
            MnemonicProblem::AmbiguousLanguage => f.write_str("the words fit several languages"),
        }
    }
}

/// Why a script could not be built, in [`Error::ScriptBuild`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScriptBuildProblem {
    /// A public key that is not 33 or 65 bytes (`index` within a multisig, `None` for P2PK).
    KeyLength {
        /// Position of the key in a multisig.
        index: Option<usize>,
        /// Its length.
        len: usize,
    },
    /// A multisig whose counts break `1 <= m <= n <= 20`.
    MultisigCounts {
        /// Signatures required.
        m: usize,
        /// Keys given.
        n: usize,
    },
    /// OP_RETURN data longer than fluxd relays.
    OpReturnTooLong {
        /// Data length.
        len: usize,
        /// The relay limit.
        max: usize,
    },
}

impl std::fmt::Display for ScriptBuildProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptBuildProblem::KeyLength { index: None, len } => {
                write!(f, "P2PK key must be 33 or 65 bytes, got {len}")
            }
            ScriptBuildProblem::KeyLength {
                index: Some(i),
                len,
            } => write!(f, "multisig key {i} must be 33 or 65 bytes, got {len}"),
            ScriptBuildProblem::MultisigCounts { m, n } => {
                write!(f, "multisig needs 1 <= m <= n <= 20, got {m}-of-{n}")
            }
            ScriptBuildProblem::OpReturnTooLong { len, max } => {
                write!(
                    f,
                    "OP_RETURN data is {len} bytes; fluxd relays at most {max}"
                )
            }
        }
    }
}
