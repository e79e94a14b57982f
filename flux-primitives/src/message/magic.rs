//! Message magics and the digest a compact message signature signs.

use crate::codec::write_compact_size;
use crate::hash::Sha256dWriter;

/// The "Signed Message" prefix hashed before the message.
///
/// `Custom` carries any other prefix (another coin's, a test's) as raw bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Magic<'a> {
    /// `"Bitcoin Signed Message:\n"`: ZelID logins, `zelidauth`, app messages, SSP wallet
    /// messages. FluxOS verifies only this one.
    #[default]
    Bitcoin,
    /// `"Zelcash Signed Message:\n"`: fluxd `signmessage`/`verifymessage` (fluxd kept the
    /// name after the rebrand), fluxnode START, CONFIRM and benchmark signatures.
    Zelcash,
    /// Any other prefix, without its length byte.
    Custom(&'a [u8]),
}

impl<'a> Magic<'a> {
    /// The magic bytes without their length prefix.
    pub fn bytes(self) -> &'a [u8] {
        match self {
            Magic::Bitcoin => b"Bitcoin Signed Message:\n",
            Magic::Zelcash => b"Zelcash Signed Message:\n",
            Magic::Custom(bytes) => bytes,
        }
    }

    /// Its lower-case name, as the CLI spells it (`custom` for [`Magic::Custom`]).
    pub fn name(self) -> &'static str {
        match self {
            Magic::Bitcoin => "bitcoin",
            Magic::Zelcash => "zelcash",
            Magic::Custom(_) => "custom",
        }
    }

    /// Parses `bitcoin` or `zelcash` (any case); [`str::parse`] does the same with an error.
    ///
    /// ```
    /// use flux_primitives::message::Magic;
    ///
    /// assert_eq!(Magic::from_name("Zelcash"), Some(Magic::Zelcash));
    /// ```
    pub fn from_name(name: &str) -> Option<Magic<'static>> {
        match name.to_ascii_lowercase().as_str() {
            "bitcoin" => Some(Magic::Bitcoin),
            "zelcash" => Some(Magic::Zelcash),
            _ => None,
        }
    }

    /// The 32-byte digest a compact signature over `message` signs under this magic, in
    /// internal byte order (the order secp256k1 signs).
    pub fn digest(self, message: &[u8]) -> [u8; 32] {
        let magic = self.bytes();
        // Two CompactSize prefixes (at most 9 bytes each) and the magic; the message itself
        // is streamed into the hash, never copied.
        let mut prefix = Vec::with_capacity(18 + magic.len());
        write_compact_size(&mut prefix, magic.len() as u64);
        prefix.extend_from_slice(magic);
        write_compact_size(&mut prefix, message.len() as u64);
        let mut h = Sha256dWriter::new();
        h.write(&prefix);
        h.write(message);
        h.finish()
    }
}

impl std::str::FromStr for Magic<'static> {
    type Err = crate::Error;

    /// `bitcoin` or `zelcash` (any case); a custom magic has no name to parse.
    ///
    /// ```
    /// use flux_primitives::message::Magic;
    ///
    /// assert_eq!("bitcoin".parse::<Magic>().unwrap(), Magic::Bitcoin);
    /// assert_eq!(Magic::Zelcash.to_string(), "zelcash");
    /// assert!("litecoin".parse::<Magic>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        Magic::from_name(s).ok_or_else(|| crate::Error::UnknownName {
            what: "message magic",
            name: s.to_string(),
            expected: "bitcoin, zelcash",
        })
    }
}

impl std::fmt::Display for Magic<'_> {
    /// The name ([`Magic::name`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zelcash_digest_of_hello_matches_fluxd_spec() {
        // fluxd.md §9: msg `hello`, digest in internal byte order.
        assert_eq!(
            hex::encode(Magic::Zelcash.digest(b"hello")),
            "693d32beafdae6a012a484e389a24b375a2fb05e637cad911fc374e6fe92c593"
        );
    }

    #[test]
    fn custom_magic_with_the_zelcash_text_is_the_zelcash_magic() {
        let custom = Magic::Custom(b"Zelcash Signed Message:\n");
        assert_eq!(custom.digest(b"hello"), Magic::Zelcash.digest(b"hello"));
        assert_eq!(custom.name(), "custom");
        assert_eq!(Magic::from_name("ZelCash"), Some(Magic::Zelcash));
        assert_eq!(Magic::from_name("custom"), None);
    }
}
