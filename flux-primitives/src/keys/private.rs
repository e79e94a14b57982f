//! secp256k1 private keys and their Wallet Import Format (WIF).

use core::fmt;
use core::str::FromStr;

use secp256k1::SecretKey;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::PublicKey;
use crate::{base58, Error, Expected, Network};

/// A secp256k1 private key, the form its public key takes (compressed or not) and the
/// network its WIF belongs to.
///
/// The secret is overwritten when the value is dropped, and `Debug` never shows it.
/// Mainnet WIFs start with `5` (uncompressed) or `K`/`L` (compressed); testnet and regtest
/// share version byte `0xef` (`9`/`c`), so a parsed testnet WIF reports [`Network::Test`]
/// unless parsed with [`PrivateKey::from_wif_for_network`].
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateKey {
    secret: SecretKey,
    /// The public point, created once with the key: a builder signing many inputs with one
    /// key, a wallet showing its address, a signer pushing the key into a scriptSig all read
    /// it, and each creation costs about as much as a signature.
    point: secp256k1::PublicKey,
    compressed: bool,
    network: Network,
}

impl PrivateKey {
    /// Wraps a secret key (and creates its public key, once).
    pub fn new(secret: SecretKey, compressed: bool, network: Network) -> Self {
        PrivateKey {
            point: secp256k1::PublicKey::from_secret_key_global(&secret),
            secret,
            compressed,
            network,
        }
    }

    /// A new key from the operating system's random number generator.
    pub fn generate(compressed: bool, network: Network) -> Self {
        let secret = SecretKey::new(&mut secp256k1::rand::thread_rng());
        Self::new(secret, compressed, network)
    }

    /// Builds a key from 32 big-endian secret bytes, which must be non-zero and below the
    /// curve order.
    pub fn from_slice(bytes: &[u8], compressed: bool, network: Network) -> Result<Self, Error> {
        if bytes.len() != 32 {
            return Err(Error::InvalidLength {
                what: "secret key",
                expected: Expected::Exactly(32),
                actual: bytes.len(),
            });
        }
        let secret = SecretKey::from_slice(bytes).map_err(|_| Error::InvalidSecretKey)?;
        Ok(Self::new(secret, compressed, network))
    }

    /// Parses a WIF of any network (testnet and regtest WIFs report [`Network::Test`]).
    pub fn from_wif(s: &str) -> Result<Self, Error> {
        let mut data = base58::decode_check(s)?;
        let parsed = Self::from_wif_payload(&data);
        data.zeroize();
        parsed
    }

    /// Parses a WIF and requires it to belong to `network` ([`Error::WrongNetwork`]
    /// otherwise). A testnet WIF is accepted for regtest and reported as regtest.
    pub fn from_wif_for_network(s: &str, network: Network) -> Result<Self, Error> {
        let mut key = Self::from_wif(s)?;
        if !key.network.shares_base58_prefixes_with(network) {
            return Err(Error::WrongNetwork {
                what: "WIF private key",
                expected: network,
                found: key.network,
            });
        }
        key.network = network;
        Ok(key)
    }

    // version || secret(32) || [0x01 when compressed]
    fn from_wif_payload(data: &[u8]) -> Result<Self, Error> {
        let (&version, rest) = data.split_first().ok_or(Error::InvalidLength {
            what: "WIF payload",
            expected: Expected::Either(33, 34),
            actual: 0,
        })?;
        let network = Network::ALL
            .into_iter()
            .find(|n| n.params().prefixes.wif == version)
            .ok_or_else(|| Error::UnknownPrefix {
                what: "WIF private key",
                prefix: format!("{version:02x}"),
            })?;
        let (secret, compressed) = match rest {
            [secret @ .., 0x01] if secret.len() == 32 => (secret, true),
            [.., flag] if rest.len() == 33 => {
                return Err(Error::WifCompressionFlag { flag: *flag })
            }
            secret if secret.len() == 32 => (secret, false),
            _ => {
                return Err(Error::InvalidLength {
                    what: "WIF payload",
                    expected: Expected::Either(33, 34),
                    actual: data.len(),
                })
            }
        };
        Self::from_slice(secret, compressed, network)
    }

    /// The WIF string of this key on its network.
    pub fn to_wif(&self) -> String {
        let mut payload = Vec::with_capacity(34);
        payload.push(self.network.params().prefixes.wif);
        payload.extend_from_slice(&self.secret.secret_bytes());
        if self.compressed {
            payload.push(0x01);
        }
        let s = base58::encode_check(&payload);
        payload.zeroize();
        s
    }

    /// The secret key, for signing.
    pub fn secret_key(&self) -> &SecretKey {
        &self.secret
    }

    /// The 32 secret bytes, big-endian. The caller is responsible for erasing the copy.
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.secret.secret_bytes()
    }

    /// True when the public key (and so the address) uses the 33-byte form.
    pub fn compressed(&self) -> bool {
        self.compressed
    }

    /// The network of the WIF.
    pub fn network(&self) -> Network {
        self.network
    }

    /// The same key for another network.
    pub fn with_network(mut self, network: Network) -> Self {
        self.network = network;
        self
    }

    /// The same key with the other (or the same) public-key form.
    pub fn with_compression(mut self, compressed: bool) -> Self {
        self.compressed = compressed;
        self
    }

    /// The public key, in this key's form (created when the key was, not at each call).
    pub fn public_key(&self) -> PublicKey {
        PublicKey::new(self.point, self.compressed)
    }
}

impl Zeroize for PrivateKey {
    fn zeroize(&mut self) {
        // secp256k1 has no zero secret key; its erase overwrites the bytes with a fixed
        // valid key. The fence keeps the write from being optimized away as a dead store.
        self.secret.non_secure_erase();
        core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for PrivateKey {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for PrivateKey {}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("secret", &"<redacted>")
            .field("compressed", &self.compressed)
            .field("network", &self.network)
            .finish()
    }
}

impl FromStr for PrivateKey {
    type Err = Error;
    /// Parses a WIF of any network.
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_wif(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret() {
        let key = PrivateKey::from_slice(&[0x11; 32], true, Network::Main).unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains("1111"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn zeroize_overwrites_the_secret() {
        let mut key = PrivateKey::from_slice(&[0x11; 32], true, Network::Main).unwrap();
        key.zeroize();
        assert_ne!(key.secret_bytes(), [0x11; 32]);
    }

    #[test]
    fn wif_network_rules() {
        let key = PrivateKey::from_slice(&[0x22; 32], false, Network::Regtest).unwrap();
        let wif = key.to_wif();
        assert_eq!(PrivateKey::from_wif(&wif).unwrap().network(), Network::Test);
        assert_eq!(
            PrivateKey::from_wif_for_network(&wif, Network::Regtest)
                .unwrap()
                .network(),
            Network::Regtest
        );
        assert!(matches!(
            PrivateKey::from_wif_for_network(&wif, Network::Main),
            Err(Error::WrongNetwork { .. })
        ));
    }

    #[test]
    fn bad_payloads() {
        let mut p = vec![0x80];
        p.extend_from_slice(&[0x22; 32]);
        p.push(0x02);
        assert!(matches!(
            PrivateKey::from_wif(&base58::encode_check(&p)),
            Err(Error::WifCompressionFlag { flag: 0x02 })
        ));
        p[0] = 0x81;
        p[33] = 0x01;
        assert!(matches!(
            PrivateKey::from_wif(&base58::encode_check(&p)),
            Err(Error::UnknownPrefix { .. })
        ));
        let zero = [&[0x80][..], &[0u8; 32]].concat();
        assert!(matches!(
            PrivateKey::from_wif(&base58::encode_check(&zero)),
            Err(Error::InvalidSecretKey)
        ));
        assert!(matches!(
            PrivateKey::from_wif(&base58::encode_check(&[0x80, 1, 2])),
            Err(Error::InvalidLength { .. })
        ));
    }
}
