//! BIP32 hierarchical deterministic keys: master keys from seeds, hardened and normal
//! child derivation, fingerprints, `xprv`/`xpub` serialization and derivation paths.
//!
//! Flux mainnet uses Bitcoin's version bytes (`xprv`/`xpub`); testnet and regtest share
//! `tprv`/`tpub`. Wallets use BIP44 paths `m/44'/19167'/account'/change/index`.
//!
//! ```
//! use flux_primitives::keys::{DerivationPath, ExtendedPrivKey};
//! use flux_primitives::Network;
//!
//! // BIP32 test vector 1.
//! let seed = hex::decode("000102030405060708090a0b0c0d0e0f").unwrap();
//! let master = ExtendedPrivKey::new_master(&seed, Network::Main).unwrap();
//! let path: DerivationPath = "m/0'/1".parse().unwrap();
//! let child = master.derive(&path).unwrap();
//! assert_eq!(child.to_string(), "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs");
//! ```

use core::fmt;
use core::str::FromStr;

use hmac::{Hmac, Mac};
use secp256k1::{Scalar, SecretKey};
use sha2::Sha512;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::{PrivateKey, PublicKey};
use crate::hash::hash160;
use crate::{base58, Bip32Problem, Error, Expected, Network};

/// Index at and above which a child is hardened.
pub const HARDENED: u32 = 0x8000_0000;

/// Length of a serialized extended key (before Base58Check).
const SERIALIZED_LEN: usize = 78;

/// One step of a derivation path: a normal or hardened child index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChildNumber {
    /// A child derivable from the public key (index below 2^31).
    Normal(u32),
    /// A child that needs the private key (index below 2^31, written with `'` or `h`).
    Hardened(u32),
}

impl ChildNumber {
    /// The child from its 32-bit wire index (hardened at and above 2^31).
    pub fn from_index(index: u32) -> Self {
        if index >= HARDENED {
            ChildNumber::Hardened(index - HARDENED)
        } else {
            ChildNumber::Normal(index)
        }
    }

    /// The 32-bit index as serialized and hashed. Indexes above 2^31 - 1 are masked, as
    /// the constructors and the path parser never produce them.
    pub fn to_index(self) -> u32 {
        match self {
            ChildNumber::Normal(i) => i & !HARDENED,
            ChildNumber::Hardened(i) => (i & !HARDENED) | HARDENED,
        }
    }

    /// True for a hardened child.
    pub fn is_hardened(self) -> bool {
        matches!(self, ChildNumber::Hardened(_))
    }
}

impl fmt::Display for ChildNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChildNumber::Normal(i) => write!(f, "{i}"),
            ChildNumber::Hardened(i) => write!(f, "{i}'"),
        }
    }
}

impl FromStr for ChildNumber {
    type Err = Error;

    /// One path step: `N` (normal) or `N'`/`Nh`/`NH` (hardened), N below 2^31; the
    /// inverse of `Display`.
    ///
    /// ```
    /// use flux_primitives::keys::ChildNumber;
    ///
    /// assert_eq!("19167'".parse::<ChildNumber>().unwrap(), ChildNumber::Hardened(19167));
    /// assert_eq!("0".parse::<ChildNumber>().unwrap(), ChildNumber::Normal(0));
    /// assert!("2147483648".parse::<ChildNumber>().is_err());
    /// assert!("m/0".parse::<ChildNumber>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().parse::<DerivationPath>()?.steps() {
            [one] if !s.contains('/') => Ok(*one),
            _ => Err(Error::InvalidDerivationPath {
                path: s.to_string(),
                reason: "a child number is one step".to_string(),
            }),
        }
    }
}

/// A derivation path such as `m/44'/19167'/0'/0/0`. Hardened steps may be written with
/// `'`, `h` or `H`; the leading `m` is optional (a path without it reads the same), and
/// is relative to whatever key it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DerivationPath(Vec<ChildNumber>);

impl DerivationPath {
    /// The steps.
    pub fn steps(&self) -> &[ChildNumber] {
        &self.0
    }

    /// A path from steps.
    pub fn from_steps(steps: Vec<ChildNumber>) -> Self {
        DerivationPath(steps)
    }

    /// The BIP44 path `m/44'/coin'/account'/change/index` for `network`'s coin type.
    pub fn bip44(network: Network, account: u32, change: u32, index: u32) -> Self {
        DerivationPath(vec![
            ChildNumber::Hardened(44),
            ChildNumber::Hardened(network.params().bip44_coin_type),
            ChildNumber::Hardened(account & !HARDENED),
            ChildNumber::Normal(change & !HARDENED),
            ChildNumber::Normal(index & !HARDENED),
        ])
    }
}

impl fmt::Display for DerivationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("m")?;
        for c in &self.0 {
            write!(f, "/{c}")?;
        }
        Ok(())
    }
}

impl FromStr for DerivationPath {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: String| Error::InvalidDerivationPath {
            path: s.to_string(),
            reason,
        };
        let trimmed = s.trim();
        let body = match trimmed {
            "m" | "M" | "" => return Ok(DerivationPath::default()),
            _ => trimmed
                .strip_prefix("m/")
                .or_else(|| trimmed.strip_prefix("M/"))
                .unwrap_or(trimmed),
        };
        let mut steps = Vec::new();
        for (n, part) in body.split('/').enumerate() {
            let (digits, hardened) = match part.strip_suffix(['\'', 'h', 'H']) {
                Some(d) => (d, true),
                None => (part, false),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(format!("step {} ({part:?}) is not a number", n + 1)));
            }
            let index: u32 = digits
                .parse()
                .ok()
                .filter(|&i| i < HARDENED)
                .ok_or_else(|| {
                    bad(format!(
                        "step {} ({part:?}) is not below 2^31 (write hardened steps as N')",
                        n + 1
                    ))
                })?;
            steps.push(if hardened {
                ChildNumber::Hardened(index)
            } else {
                ChildNumber::Normal(index)
            });
            if steps.len() > 255 {
                return Err(bad("more than 255 steps".to_string()));
            }
        }
        Ok(DerivationPath(steps))
    }
}

/// The accessors extended private and public keys share, all read from their [`Header`].
macro_rules! header_accessors {
    () => {
        /// The network of the version bytes.
        pub fn network(&self) -> Network {
            self.header.network
        }

        /// The same key with another network's version bytes.
        pub fn with_network(mut self, network: Network) -> Self {
            self.header.network = network;
            self
        }

        /// Depth: 0 for a master key.
        pub fn depth(&self) -> u8 {
            self.header.depth
        }

        /// The child number this key was derived at (0 for a master key).
        pub fn child_number(&self) -> ChildNumber {
            ChildNumber::from_index(self.header.child_number)
        }

        /// The first four bytes of the parent's key id.
        pub fn parent_fingerprint(&self) -> [u8; 4] {
            self.header.parent_fingerprint
        }
    };
}

/// The fields shared by extended private and public keys.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Zeroize)]
struct Header {
    #[zeroize(skip)]
    network: Network,
    depth: u8,
    parent_fingerprint: [u8; 4],
    child_number: u32,
    chain_code: [u8; 32],
}

impl Header {
    fn child(
        &self,
        parent_fingerprint: [u8; 4],
        index: u32,
        chain_code: [u8; 32],
    ) -> Result<Self, Error> {
        let depth = self
            .depth
            .checked_add(1)
            .ok_or(Error::Bip32(Bip32Problem::DepthOverflow))?;
        Ok(Header {
            network: self.network,
            depth,
            parent_fingerprint,
            child_number: index,
            chain_code,
        })
    }

    fn serialize(&self, version: [u8; 4], key: &[u8; 33]) -> String {
        let mut out = Vec::with_capacity(SERIALIZED_LEN);
        out.extend_from_slice(&version);
        out.push(self.depth);
        out.extend_from_slice(&self.parent_fingerprint);
        out.extend_from_slice(&self.child_number.to_be_bytes());
        out.extend_from_slice(&self.chain_code);
        out.extend_from_slice(key);
        let s = base58::encode_check(&out);
        out.zeroize();
        s
    }

    /// Parses the 78 bytes; returns the header, whether the version is a private one, and
    /// the 33 key bytes.
    fn parse(s: &str) -> Result<(Header, bool, [u8; 33]), Error> {
        let mut data = base58::decode_check(s)?;
        let parsed = Self::parse_bytes(&data);
        data.zeroize();
        parsed
    }

    fn parse_bytes(data: &[u8]) -> Result<(Header, bool, [u8; 33]), Error> {
        let bytes: &[u8; SERIALIZED_LEN] = data.try_into().map_err(|_| Error::InvalidLength {
            what: "extended key",
            expected: Expected::Exactly(SERIALIZED_LEN),
            actual: data.len(),
        })?;
        let (version, rest) = bytes.split_at(4);
        // The length is checked above, so the splits below cannot fail; a failure would
        // still be reported as a wrong length rather than panic.
        let truncated = || Error::InvalidLength {
            what: "extended key",
            expected: Expected::Exactly(SERIALIZED_LEN),
            actual: data.len(),
        };
        let (&depth, rest) = rest.split_first().ok_or_else(truncated)?;
        let (fp, rest) = rest.split_at(4);
        let (child, rest) = rest.split_at(4);
        let (chain_code, key) = rest.split_at(32);
        let (network, private) = Network::ALL
            .into_iter()
            .find_map(|n| {
                let p = &n.params().prefixes;
                if version == p.xprv {
                    Some((n, true))
                } else if version == p.xpub {
                    Some((n, false))
                } else {
                    None
                }
            })
            .ok_or_else(|| Error::UnknownPrefix {
                what: "extended key",
                prefix: hex::encode(version),
            })?;
        let to_arr = |b: &[u8]| -> Result<[u8; 4], Error> { b.try_into().map_err(|_| truncated()) };
        let header = Header {
            network,
            depth,
            parent_fingerprint: to_arr(fp)?,
            child_number: u32::from_be_bytes(to_arr(child)?),
            chain_code: chain_code.try_into().map_err(|_| truncated())?,
        };
        if depth == 0 && (header.parent_fingerprint != [0; 4] || header.child_number != 0) {
            return Err(Error::Bip32(Bip32Problem::RootWithParent));
        }
        let key: [u8; 33] = key.try_into().map_err(|_| truncated())?;
        Ok((header, private, key))
    }
}

fn fingerprint_of(public: &secp256k1::PublicKey) -> [u8; 4] {
    let h = hash160(&public.serialize());
    [h[0], h[1], h[2], h[3]]
}

/// HMAC-SHA512, split into the 32-byte tweak (IL) and the chain code (IR).
fn hmac_sha512(key: &[u8], parts: &[&[u8]]) -> ([u8; 32], [u8; 32]) {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here; the fallback
    // to an empty-key MAC is never taken.
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha512> as Mac>::new(&Default::default()));
    for p in parts {
        mac.update(p);
    }
    let out = mac.finalize().into_bytes();
    let mut il = [0u8; 32];
    let mut ir = [0u8; 32];
    let (l, r) = out.split_at(32);
    il.copy_from_slice(l);
    ir.copy_from_slice(r);
    (il, ir)
}

fn tweak(il: &[u8; 32]) -> Result<Scalar, Error> {
    Scalar::from_be_bytes(*il).map_err(|_| Error::Bip32(Bip32Problem::InvalidChild))
}

/// A BIP32 extended private key (`xprv...` on mainnet, `tprv...` on testnet and regtest).
#[derive(Clone, PartialEq, Eq)]
pub struct ExtendedPrivKey {
    header: Header,
    secret: SecretKey,
}

impl ExtendedPrivKey {
    /// The master key of `seed` (BIP32 allows 16 to 64 bytes; longer seeds are accepted
    /// too, as BIP39 and most libraries do not restrict them further).
    pub fn new_master(seed: &[u8], network: Network) -> Result<Self, Error> {
        if seed.len() < 16 || seed.len() > 64 {
            return Err(Error::InvalidLength {
                what: "BIP32 seed",
                expected: Expected::Range(16, 64),
                actual: seed.len(),
            });
        }
        let (mut il, ir) = hmac_sha512(b"Bitcoin seed", &[seed]);
        let secret =
            SecretKey::from_slice(&il).map_err(|_| Error::Bip32(Bip32Problem::InvalidMasterKey));
        il.zeroize();
        Ok(ExtendedPrivKey {
            header: Header {
                network,
                depth: 0,
                parent_fingerprint: [0; 4],
                child_number: 0,
                chain_code: ir,
            },
            secret: secret?,
        })
    }

    /// Derives the child at `child` (hardened or normal).
    pub fn derive_child(&self, child: ChildNumber) -> Result<Self, Error> {
        self.derive_step(child, true)
    }

    /// One derivation step. The parent's public key (an EC multiplication, the step's main
    /// cost) is created only when needed: for a normal child's HMAC, or for the child's
    /// parent fingerprint when the caller keeps the child (`fingerprint`). Along a path the
    /// intermediate keys' fingerprints are never read, so `m/44'/19167'/0'/0/0` creates two
    /// public keys instead of five.
    fn derive_step(&self, child: ChildNumber, fingerprint: bool) -> Result<Self, Error> {
        let index = child.to_index();
        let parent_pub = (fingerprint || !child.is_hardened())
            .then(|| secp256k1::PublicKey::from_secret_key_global(&self.secret));
        let (mut il, ir) = match parent_pub.filter(|_| !child.is_hardened()) {
            Some(parent_pub) => hmac_sha512(
                &self.header.chain_code,
                &[&parent_pub.serialize(), &index.to_be_bytes()],
            ),
            None => {
                let mut sk = self.secret.secret_bytes();
                let r = hmac_sha512(
                    &self.header.chain_code,
                    &[&[0u8], &sk, &index.to_be_bytes()],
                );
                sk.zeroize();
                r
            }
        };
        let t = tweak(&il);
        il.zeroize();
        let secret = self
            .secret
            .add_tweak(&t?)
            .map_err(|_| Error::Bip32(Bip32Problem::InvalidChild))?;
        Ok(ExtendedPrivKey {
            // An intermediate key's fingerprint is overwritten by the next step's.
            header: self.header.child(
                parent_pub.map_or([0; 4], |p| fingerprint_of(&p)),
                index,
                ir,
            )?,
            secret,
        })
    }

    /// Derives along `path`, starting from this key.
    pub fn derive(&self, path: &DerivationPath) -> Result<Self, Error> {
        let mut key = self.clone();
        let last = path.steps().len().saturating_sub(1);
        for (i, &c) in path.steps().iter().enumerate() {
            key = key.derive_step(c, i == last)?;
        }
        Ok(key)
    }

    /// This key read as a key of `network`. Testnet and regtest share version bytes, so a
    /// `tprv` may be either and takes `network`; a key of the other family is
    /// [`Error::WrongNetwork`].
    ///
    /// ```
    /// use flux_primitives::keys::ExtendedPrivKey;
    /// use flux_primitives::Network;
    ///
    /// let seed = [1u8; 32];
    /// let test = ExtendedPrivKey::new_master(&seed, Network::Test).unwrap();
    /// assert_eq!(test.clone().for_network(Network::Regtest).unwrap().network(), Network::Regtest);
    /// assert!(test.for_network(Network::Main).is_err());
    /// ```
    pub fn for_network(self, network: Network) -> Result<Self, Error> {
        if self.network().shares_base58_prefixes_with(network) {
            Ok(self.with_network(network))
        } else {
            Err(Error::WrongNetwork {
                what: "extended private key",
                expected: network,
                found: self.network(),
            })
        }
    }

    /// The extended public key.
    pub fn to_extended_pub(&self) -> ExtendedPubKey {
        ExtendedPubKey {
            header: self.header,
            public: secp256k1::PublicKey::from_secret_key_global(&self.secret),
        }
    }

    /// The private key, compressed (BIP32 keys always use the compressed form).
    pub fn private_key(&self) -> PrivateKey {
        PrivateKey::new(self.secret, true, self.header.network)
    }

    /// The compressed public key.
    pub fn public_key(&self) -> PublicKey {
        self.to_extended_pub().public_key()
    }

    header_accessors!();

    /// The first four bytes of this key's id (HASH160 of the compressed public key).
    pub fn fingerprint(&self) -> [u8; 4] {
        self.to_extended_pub().fingerprint()
    }

    /// The chain code.
    pub fn chain_code(&self) -> [u8; 32] {
        self.header.chain_code
    }

    /// Parses an extended private key of any network.
    pub fn from_base58(s: &str) -> Result<Self, Error> {
        let (header, private, mut key) = Header::parse(s)?;
        if !private {
            return Err(Error::Bip32(Bip32Problem::NotPrivate));
        }
        let parsed = match key {
            [0, ref secret @ ..] => {
                SecretKey::from_slice(secret).map_err(|_| Error::InvalidSecretKey)
            }
            _ => Err(Error::Bip32(Bip32Problem::PrivateKeyPrefix)),
        };
        key.zeroize();
        Ok(ExtendedPrivKey {
            header,
            secret: parsed?,
        })
    }
}

impl Zeroize for ExtendedPrivKey {
    fn zeroize(&mut self) {
        self.header.zeroize();
        self.secret.non_secure_erase();
        core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for ExtendedPrivKey {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for ExtendedPrivKey {}

impl fmt::Display for ExtendedPrivKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key = [0u8; 33];
        if let Some(dst) = key.get_mut(1..) {
            dst.copy_from_slice(&self.secret.secret_bytes());
        }
        let s = self
            .header
            .serialize(self.header.network.params().prefixes.xprv, &key);
        key.zeroize();
        f.write_str(&s)
    }
}

impl fmt::Debug for ExtendedPrivKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtendedPrivKey")
            .field("network", &self.header.network)
            .field("depth", &self.header.depth)
            .field("child_number", &self.child_number())
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl FromStr for ExtendedPrivKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_base58(s)
    }
}

/// A BIP32 extended public key (`xpub...` on mainnet, `tpub...` on testnet and regtest).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtendedPubKey {
    header: Header,
    public: secp256k1::PublicKey,
}

impl ExtendedPubKey {
    /// Derives a normal child. A hardened child needs the private key:
    /// [`Error::Bip32`].
    pub fn derive_child(&self, child: ChildNumber) -> Result<Self, Error> {
        if child.is_hardened() {
            return Err(Error::Bip32(Bip32Problem::HardenedFromPublic {
                index: child.to_index() & !HARDENED,
            }));
        }
        let index = child.to_index();
        let (il, ir) = hmac_sha512(
            &self.header.chain_code,
            &[&self.public.serialize(), &index.to_be_bytes()],
        );
        let public = self
            .public
            .add_exp_tweak(secp256k1::SECP256K1, &tweak(&il)?)
            .map_err(|_| Error::Bip32(Bip32Problem::InvalidChild))?;
        Ok(ExtendedPubKey {
            header: self.header.child(fingerprint_of(&self.public), index, ir)?,
            public,
        })
    }

    /// Derives along `path` (normal steps only), starting from this key.
    pub fn derive(&self, path: &DerivationPath) -> Result<Self, Error> {
        let mut key = *self;
        for &c in path.steps() {
            key = key.derive_child(c)?;
        }
        Ok(key)
    }

    /// The compressed public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::new(self.public, true)
    }

    header_accessors!();

    /// The first four bytes of this key's id.
    pub fn fingerprint(&self) -> [u8; 4] {
        fingerprint_of(&self.public)
    }

    /// The chain code.
    pub fn chain_code(&self) -> [u8; 32] {
        self.header.chain_code
    }

    /// Parses an extended public key of any network.
    pub fn from_base58(s: &str) -> Result<Self, Error> {
        let (header, private, key) = Header::parse(s)?;
        if private {
            return Err(Error::Bip32(Bip32Problem::NotPublic));
        }
        let public = PublicKey::from_slice(&key)?;
        Ok(ExtendedPubKey {
            header,
            public: *public.inner(),
        })
    }
}

impl fmt::Display for ExtendedPubKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header.serialize(
            self.header.network.params().prefixes.xpub,
            &self.public.serialize(),
        ))
    }
}

impl fmt::Debug for ExtendedPubKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExtendedPubKey({self})")
    }
}

impl FromStr for ExtendedPubKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_base58(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parsing() {
        let p: DerivationPath = "m/44'/19167h/0H/0/5".parse().unwrap();
        assert_eq!(p.to_string(), "m/44'/19167'/0'/0/5");
        assert_eq!(p, DerivationPath::bip44(Network::Main, 0, 0, 5));
        assert_eq!("0/3".parse::<DerivationPath>().unwrap().steps().len(), 2);
        assert!("m".parse::<DerivationPath>().unwrap().steps().is_empty());
        for bad in [
            "m/",
            "m//1",
            "m/x",
            "m/1''",
            "m/2147483648",
            "m/-1",
            "m/1/ 2",
            "n/1",
        ] {
            assert!(
                matches!(
                    bad.parse::<DerivationPath>(),
                    Err(Error::InvalidDerivationPath { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn hardened_from_public_is_refused() {
        let seed = [7u8; 32];
        let xpub = ExtendedPrivKey::new_master(&seed, Network::Main)
            .unwrap()
            .to_extended_pub();
        assert!(matches!(
            xpub.derive_child(ChildNumber::Hardened(0)),
            Err(Error::Bip32(_))
        ));
    }
}
