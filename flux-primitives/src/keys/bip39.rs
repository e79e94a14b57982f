//! BIP39 mnemonics (English wordlist): validation and the seed they stand for.
//!
//! ```
//! use flux_primitives::keys::Mnemonic;
//!
//! let m: Mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
//!     .parse()
//!     .unwrap();
//! // BIP39's published vector for this phrase with passphrase "TREZOR".
//! assert_eq!(
//!     hex::encode(m.to_seed("TREZOR")),
//!     "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04"
//! );
//! ```

use core::fmt;
use core::str::FromStr;

use zeroize::Zeroize;

use super::ExtendedPrivKey;
use crate::{Error, MnemonicProblem, Network};

/// The bip39 crate's error as our own typed problem.
fn problem(e: bip39::Error) -> MnemonicProblem {
    match e {
        bip39::Error::BadWordCount(n) => MnemonicProblem::WordCount(n),
        bip39::Error::UnknownWord(i) => MnemonicProblem::UnknownWord(i),
        bip39::Error::BadEntropyBitCount(n) => MnemonicProblem::EntropyBits(n),
        bip39::Error::InvalidChecksum => MnemonicProblem::Checksum,
        bip39::Error::AmbiguousLanguages(_) => MnemonicProblem::AmbiguousLanguage,
    }
}

/// A mnemonic whose words and checksum have been checked against the English wordlist.
#[derive(Clone, PartialEq, Eq)]
pub struct Mnemonic(bip39::Mnemonic);

impl Mnemonic {
    /// Parses and validates a phrase of 12, 15, 18, 21 or 24 lower-case English words
    /// (NFKD-normalized first, as BIP39 requires), including its checksum.
    pub fn parse(phrase: &str) -> Result<Self, Error> {
        bip39::Mnemonic::parse_in(bip39::Language::English, phrase)
            .map(Mnemonic)
            .map_err(|e| Error::InvalidMnemonic(problem(e)))
    }

    /// Parses a phrase the caller has already NFKD-normalized, as [`Mnemonic::parse`] does
    /// after normalizing: the same words, checksum and errors.
    ///
    /// For hosts that bring their own Unicode normalization (JavaScript's
    /// `s.normalize("NFKD")`): a program that only calls the `_nfkd` functions does not link
    /// the normalization tables (about 90 KB of WebAssembly). Given text that is not NFKD, the
    /// result is what BIP39 gives for those exact bytes, which can differ from
    /// [`Mnemonic::parse`]'s; ASCII text is always NFKD.
    ///
    /// ```
    /// use flux_primitives::keys::Mnemonic;
    ///
    /// let words = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    /// assert_eq!(Mnemonic::parse_nfkd(words).unwrap(), Mnemonic::parse(words).unwrap());
    /// ```
    pub fn parse_nfkd(phrase: &str) -> Result<Self, Error> {
        bip39::Mnemonic::parse_in_normalized(bip39::Language::English, phrase)
            .map(Mnemonic)
            .map_err(|e| Error::InvalidMnemonic(problem(e)))
    }

    /// A new random mnemonic of `word_count` words (12, 15, 18, 21 or 24).
    pub fn generate(word_count: usize) -> Result<Self, Error> {
        let bytes = match word_count {
            12 | 15 | 18 | 21 | 24 => word_count / 3 * 4,
            n => return Err(Error::InvalidMnemonic(MnemonicProblem::WordCount(n))),
        };
        let mut entropy = [0u8; 32];
        let slice = entropy.get_mut(..bytes).unwrap_or_default();
        secp256k1::rand::RngCore::fill_bytes(&mut secp256k1::rand::thread_rng(), slice);
        let m = bip39::Mnemonic::from_entropy_in(bip39::Language::English, slice)
            .map(Mnemonic)
            .map_err(|e| Error::InvalidMnemonic(problem(e)));
        entropy.zeroize();
        m
    }

    /// The 64-byte BIP39 seed (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" ‖ passphrase).
    pub fn to_seed(&self, passphrase: &str) -> [u8; 64] {
        self.0.to_seed(passphrase)
    }

    /// The BIP32 master key of the seed with `passphrase`, for `network`.
    pub fn to_master_key(
        &self,
        passphrase: &str,
        network: Network,
    ) -> Result<ExtendedPrivKey, Error> {
        let mut seed = self.to_seed(passphrase);
        let key = ExtendedPrivKey::new_master(&seed, network);
        seed.zeroize();
        key
    }

    /// The 64-byte BIP39 seed for a passphrase the caller has already NFKD-normalized (see
    /// [`Mnemonic::parse_nfkd`]); equal to [`Mnemonic::to_seed`] for any NFKD passphrase.
    ///
    /// ```
    /// use flux_primitives::keys::Mnemonic;
    ///
    /// let m = Mnemonic::parse_nfkd("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").unwrap();
    /// assert_eq!(m.to_seed_nfkd("TREZOR"), m.to_seed("TREZOR"));
    /// // "é" as e + U+0301 is NFKD; the precomposed U+00E9 is not, and only to_seed maps it.
    /// assert_eq!(m.to_seed_nfkd("e\u{301}"), m.to_seed("\u{e9}"));
    /// ```
    pub fn to_seed_nfkd(&self, passphrase: &str) -> [u8; 64] {
        self.0.to_seed_normalized(passphrase)
    }

    /// The BIP32 master key for an NFKD passphrase ([`Mnemonic::to_seed_nfkd`]), for
    /// `network`.
    ///
    /// ```
    /// use flux_primitives::keys::Mnemonic;
    /// use flux_primitives::Network;
    ///
    /// let m = Mnemonic::parse_nfkd("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").unwrap();
    /// let a = m.to_master_key_nfkd("", Network::Main).unwrap();
    /// let b = m.to_master_key("", Network::Main).unwrap();
    /// assert_eq!(a.to_string(), b.to_string());
    /// ```
    pub fn to_master_key_nfkd(
        &self,
        passphrase: &str,
        network: Network,
    ) -> Result<ExtendedPrivKey, Error> {
        let mut seed = self.to_seed_nfkd(passphrase);
        let key = ExtendedPrivKey::new_master(&seed, network);
        seed.zeroize();
        key
    }

    /// Number of words.
    pub fn word_count(&self) -> usize {
        self.0.word_count()
    }

    /// The words, space-separated.
    pub fn phrase(&self) -> String {
        self.0.to_string()
    }
}

impl fmt::Debug for Mnemonic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mnemonic({} words, <redacted>)", self.word_count())
    }
}

impl FromStr for Mnemonic {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_mnemonics_are_refused() {
        // checksum word wrong
        assert!(Mnemonic::parse("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon").is_err());
        assert!(Mnemonic::parse("flux flux flux").is_err());
        assert!(Mnemonic::parse("").is_err());
        assert!(Mnemonic::generate(13).is_err());
        let m = Mnemonic::generate(24).unwrap();
        assert_eq!(Mnemonic::parse(&m.phrase()).unwrap(), m);
    }
}
