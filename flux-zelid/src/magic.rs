//! Message magics and the digest a compact message signature signs.
//!
//! Digest = SHA-256d( CompactSize(len(magic)) ‖ magic ‖ CompactSize(len(msg)) ‖ msg ), as in
//! fluxd's `signmessage` and bitcoinjs-message's `magicHash`.

use flux_primitives::codec::write_compact_size;
use flux_primitives::hash::Sha256dWriter;

/// Which "Signed Message" text is prefixed before hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Magic {
    /// `"Bitcoin Signed Message:\n"`: ZelID logins, `zelidauth`, app messages, SSP wallet
    /// messages. FluxOS verifies only this one.
    #[default]
    Bitcoin,
    /// `"Zelcash Signed Message:\n"`: fluxd `signmessage`/`verifymessage`, fluxnode START,
    /// CONFIRM and benchmark signatures.
    Zelcash,
}

impl Magic {
    /// The magic text without its length byte.
    pub fn text(self) -> &'static str {
        match self {
            Magic::Bitcoin => "Bitcoin Signed Message:\n",
            Magic::Zelcash => "Zelcash Signed Message:\n",
        }
    }

    /// Its lower-case name, as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Magic::Bitcoin => "bitcoin",
            Magic::Zelcash => "zelcash",
        }
    }

    /// Parses `bitcoin` or `zelcash` (any case).
    pub fn from_name(name: &str) -> Option<Magic> {
        match name.to_ascii_lowercase().as_str() {
            "bitcoin" => Some(Magic::Bitcoin),
            "zelcash" => Some(Magic::Zelcash),
            _ => None,
        }
    }

    /// The 32-byte digest a compact signature over `message` signs under this magic.
    pub fn digest(self, message: &[u8]) -> [u8; 32] {
        let mut prefix = Vec::with_capacity(4 + 26);
        write_compact_size(&mut prefix, self.text().len() as u64);
        prefix.extend_from_slice(self.text().as_bytes());
        write_compact_size(&mut prefix, message.len() as u64);
        let mut h = Sha256dWriter::new();
        h.write(&prefix);
        h.write(message);
        h.finish()
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
}
