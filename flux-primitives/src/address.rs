//! Flux addresses: transparent P2PKH (`t1`/`tm`) and P2SH (`t3`/`t2`), the Bitcoin-style
//! `1...` P2PKH addresses ZelID uses, Sapling (Bech32) and Sprout (`zc`/`zt`) payment
//! addresses.
//!
//! Testnet and regtest share every Base58 prefix, so a `tm`/`t2`/`zt` address parses as
//! [`Network::Test`]; [`Address::from_str_for_network`] accepts it for regtest too and
//! reports regtest. Sapling HRPs differ per network (`za`, `ztestacadia`,
//! `zregtestsapling`), so Sapling addresses name their network exactly.
//!
//! ```
//! use flux_primitives::address::{Address, AddressKind};
//! use flux_primitives::Network;
//!
//! let a: Address = "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF".parse().unwrap();
//! assert_eq!(a.kind(), AddressKind::P2pkh);
//! assert_eq!(a.network(), Network::Main);
//! assert_eq!(
//!     hex::encode(a.script_pubkey().unwrap().as_bytes()),
//!     "76a91465a16059864a2fdbc7c99a4723a8395bc6f188eb88ac"
//! );
//! assert!(Address::from_str_for_network("t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF", Network::Test).is_err());
//! ```

use core::fmt;
use core::str::FromStr;

use bech32::primitives::decode::{CheckedHrpstring, UncheckedHrpstring};
use bech32::{Bech32, Bech32m, Fe32, Hrp};

use crate::hash::hash160;
use crate::keys::PublicKey;
use crate::{base58, Bech32Problem, Error, Expected, Network, ScriptBuf};

/// Version byte of the Bitcoin-mainnet P2PKH addresses that ZelID identities use.
pub const ZELID_VERSION: u8 = 0x00;
/// Length of a Sapling payment address: diversifier (11) ‖ pk_d (32).
pub const SAPLING_LEN: usize = 43;
/// Length of a Sprout payment address: a_pk (32) ‖ pk_enc (32).
pub const SPROUT_LEN: usize = 64;

/// What an address pays to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AddressKind {
    /// Pay to public-key hash (`t1` / `tm`).
    P2pkh,
    /// Pay to script hash (`t3` / `t2`).
    P2sh,
    /// A ZelID: Bitcoin-style P2PKH (`1...`, version 0x00).
    Zelid,
    /// A Sapling shielded payment address.
    Sapling,
    /// A Sprout shielded payment address.
    Sprout,
}

impl AddressKind {
    /// The lower-case name (`p2pkh`, `p2sh`, `zelid`, `sapling`, `sprout`).
    pub const fn name(self) -> &'static str {
        match self {
            AddressKind::P2pkh => "p2pkh",
            AddressKind::P2sh => "p2sh",
            AddressKind::Zelid => "zelid",
            AddressKind::Sapling => "sapling",
            AddressKind::Sprout => "sprout",
        }
    }
}

impl fmt::Display for AddressKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AddressKind {
    type Err = Error;

    /// The inverse of [`AddressKind::name`] (any case).
    ///
    /// ```
    /// use flux_primitives::AddressKind;
    ///
    /// assert_eq!("p2sh".parse::<AddressKind>().unwrap(), AddressKind::P2sh);
    /// assert_eq!(AddressKind::Zelid.to_string().parse::<AddressKind>().unwrap(), AddressKind::Zelid);
    /// assert!("p2wpkh".parse::<AddressKind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        [
            AddressKind::P2pkh,
            AddressKind::P2sh,
            AddressKind::Zelid,
            AddressKind::Sapling,
            AddressKind::Sprout,
        ]
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(s))
        .ok_or_else(|| Error::UnknownName {
            what: "address kind",
            name: s.to_string(),
            expected: "p2pkh, p2sh, zelid, sapling, sprout",
        })
    }
}

crate::serde_str::serde_via_str!(AddressKind);

/// Everything an address says about itself, as `flux address inspect` prints it.
///
/// ```
/// use flux_primitives::Address;
///
/// let a: Address = "t1T8yaLVhNqxA5KJcmiqqFN88e8DNp2PBfF".parse().unwrap();
/// let info = a.info();
/// assert_eq!(info.kind, flux_primitives::AddressKind::P2pkh);
/// assert_eq!(info.script_pubkey.as_deref().map(|s| &s[..6]), Some("76a914"));
/// assert_eq!(serde_json::to_value(&info).unwrap()["network"], "main");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AddressInfo {
    /// The address, re-encoded.
    pub address: Address,
    /// Its network.
    pub network: Network,
    /// What it pays to.
    pub kind: AddressKind,
    /// HASH160 (hex) of the key or script, for transparent kinds.
    pub hash160: Option<String>,
    /// The scriptPubKey (hex) that pays it, for transparent kinds.
    pub script_pubkey: Option<String>,
    /// The shielded payload (hex), for Sapling and Sprout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// The bytes an address carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Payload {
    /// HASH160 of a public key.
    P2pkh([u8; 20]),
    /// HASH160 of a redeem script.
    P2sh([u8; 20]),
    /// HASH160 of a public key, shown with Bitcoin's version byte.
    Zelid([u8; 20]),
    /// Diversifier ‖ pk_d.
    Sapling([u8; SAPLING_LEN]),
    /// a_pk ‖ pk_enc.
    Sprout([u8; SPROUT_LEN]),
}

/// A Flux, ZelID, Sapling or Sprout address and the network it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Address {
    network: Network,
    payload: Payload,
}

impl Address {
    /// An address from its parts.
    pub fn new(network: Network, payload: Payload) -> Self {
        Address { network, payload }
    }

    /// The P2PKH address of `key` (its form, compressed or not, decides the hash).
    pub fn p2pkh(key: &PublicKey, network: Network) -> Self {
        Self::new(network, Payload::P2pkh(key.hash160()))
    }

    /// The P2SH address of a redeem script.
    pub fn p2sh(redeem_script: &ScriptBuf, network: Network) -> Self {
        Self::new(network, Payload::P2sh(hash160(redeem_script.as_bytes())))
    }

    /// The ZelID (`1...`) of `key`. ZelIDs belong to no Flux network; they report
    /// [`Network::Main`], the network FluxOS identities are used on.
    pub fn zelid(key: &PublicKey) -> Self {
        Self::new(Network::Main, Payload::Zelid(key.hash160()))
    }

    /// What the address pays to.
    pub fn kind(&self) -> AddressKind {
        match self.payload {
            Payload::P2pkh(_) => AddressKind::P2pkh,
            Payload::P2sh(_) => AddressKind::P2sh,
            Payload::Zelid(_) => AddressKind::Zelid,
            Payload::Sapling(_) => AddressKind::Sapling,
            Payload::Sprout(_) => AddressKind::Sprout,
        }
    }

    /// The network (testnet for the prefixes testnet and regtest share, unless chosen
    /// with [`Self::from_str_for_network`]).
    pub fn network(&self) -> Network {
        self.network
    }

    /// The address described: network, kind, HASH160 and scriptPubKey (transparent
    /// kinds), payload (shielded kinds).
    ///
    /// ```
    /// use flux_primitives::Address;
    ///
    /// let z: Address = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap();
    /// assert_eq!(z.info().kind.name(), "zelid");
    /// ```
    pub fn info(&self) -> AddressInfo {
        let payload = match self.payload {
            Payload::Sapling(b) => Some(hex::encode(b)),
            Payload::Sprout(b) => Some(hex::encode(b)),
            _ => None,
        };
        AddressInfo {
            address: *self,
            network: self.network,
            kind: self.kind(),
            hash160: self.hash160().map(hex::encode),
            script_pubkey: self.script_pubkey().map(|s| hex::encode(s.as_bytes())),
            payload,
        }
    }

    /// The payload.
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// The 20-byte hash of a transparent or ZelID address.
    pub fn hash160(&self) -> Option<[u8; 20]> {
        match self.payload {
            Payload::P2pkh(h) | Payload::P2sh(h) | Payload::Zelid(h) => Some(h),
            Payload::Sapling(_) | Payload::Sprout(_) => None,
        }
    }

    /// The scriptPubKey that pays this address (transparent and ZelID kinds only).
    pub fn script_pubkey(&self) -> Option<ScriptBuf> {
        match &self.payload {
            Payload::P2pkh(h) | Payload::Zelid(h) => Some(ScriptBuf::p2pkh(h)),
            Payload::P2sh(h) => Some(ScriptBuf::p2sh(h)),
            Payload::Sapling(_) | Payload::Sprout(_) => None,
        }
    }

    /// The address a P2PKH or P2SH scriptPubKey pays, on `network`.
    pub fn from_script(script: &ScriptBuf, network: Network) -> Result<Self, Error> {
        if let Some(h) = script.p2pkh_hash() {
            Ok(Self::new(network, Payload::P2pkh(h)))
        } else if let Some(h) = script.p2sh_hash() {
            Ok(Self::new(network, Payload::P2sh(h)))
        } else {
            Err(Error::NoAddressForScript)
        }
    }

    /// True when the string form is valid on `network` (ZelIDs are valid everywhere).
    pub fn is_valid_for_network(&self, network: Network) -> bool {
        match self.payload {
            Payload::Zelid(_) => true,
            Payload::Sapling(_) => self.network == network,
            _ => self.network.shares_base58_prefixes_with(network),
        }
    }

    /// Parses an address and requires it to be valid on `network`
    /// ([`Error::WrongNetwork`] otherwise). The result reports `network`.
    pub fn from_str_for_network(s: &str, network: Network) -> Result<Self, Error> {
        let addr: Address = s.parse()?;
        if !addr.is_valid_for_network(network) {
            return Err(Error::WrongNetwork {
                what: "address",
                expected: network,
                found: addr.network,
            });
        }
        Ok(Self::new(network, addr.payload))
    }

    fn from_base58_payload(data: &[u8]) -> Result<Self, Error> {
        let prefix2: Option<[u8; 2]> = data.get(..2).and_then(|p| p.try_into().ok());
        let sprout_network = |p: [u8; 2]| {
            Network::ALL
                .into_iter()
                .find(|n| n.params().prefixes.sprout_address == p)
        };
        let known_prefix = prefix2.is_some_and(|p| {
            Network::from_transparent_prefix(p).is_some() || sprout_network(p).is_some()
        });
        let wrong_length = |expected: usize| Error::InvalidLength {
            what: "address payload",
            expected: Expected::Exactly(expected),
            actual: data.len(),
        };
        match (data.len(), prefix2) {
            (22, Some(p)) => {
                if let Some((network, is_p2sh)) = Network::from_transparent_prefix(p) {
                    let hash = array(data.get(2..))?;
                    let payload = if is_p2sh {
                        Payload::P2sh(hash)
                    } else {
                        Payload::P2pkh(hash)
                    };
                    return Ok(Self::new(network, payload));
                }
            }
            (21, _) if data.first() == Some(&ZELID_VERSION) => {
                return Ok(Self::new(
                    Network::Main,
                    Payload::Zelid(array(data.get(1..))?),
                ));
            }
            (66, Some(p)) => {
                if let Some(network) = sprout_network(p) {
                    return Ok(Self::new(network, Payload::Sprout(array(data.get(2..))?)));
                }
            }
            _ => {}
        }
        if known_prefix {
            let expected = if prefix2.and_then(sprout_network).is_some() {
                66
            } else {
                22
            };
            return Err(wrong_length(expected));
        }
        Err(Error::UnknownPrefix {
            what: "address",
            prefix: hex::encode(data.get(..2).unwrap_or(data)),
        })
    }

    fn from_sapling(s: &str, network: Network) -> Result<Self, Error> {
        let checked = CheckedHrpstring::new::<Bech32>(s).map_err(|_| Error::InvalidBech32 {
            what: "Sapling address",
            problem: Bech32Problem::Malformed,
        })?;
        let data = checked.data_part_ascii_no_checksum();
        // 43 bytes are 344 bits: 69 five-bit groups with one padding bit, which must be 0.
        if data.len() != 69 {
            return Err(Error::InvalidLength {
                what: "Sapling address data (5-bit groups)",
                expected: Expected::Exactly(69),
                actual: data.len(),
            });
        }
        let last = data
            .last()
            .and_then(|&c| Fe32::from_char(c.into()).ok())
            .map(|f| f.to_u8())
            .unwrap_or(1);
        if last & 1 != 0 {
            return Err(Error::InvalidBech32 {
                what: "Sapling address",
                problem: Bech32Problem::NonZeroPadding,
            });
        }
        let bytes: Vec<u8> = checked.byte_iter().collect();
        let arr: [u8; SAPLING_LEN] =
            bytes
                .as_slice()
                .try_into()
                .map_err(|_| Error::InvalidLength {
                    what: "Sapling address",
                    expected: Expected::Exactly(SAPLING_LEN),
                    actual: bytes.len(),
                })?;
        Ok(Self::new(network, Payload::Sapling(arr)))
    }
}

fn array<const N: usize>(bytes: Option<&[u8]>) -> Result<[u8; N], Error> {
    let bytes = bytes.unwrap_or_default();
    bytes.try_into().map_err(|_| Error::InvalidLength {
        what: "address payload",
        expected: Expected::Exactly(N),
        actual: bytes.len(),
    })
}

fn sapling_network(hrp: &Hrp) -> Option<Network> {
    Network::ALL
        .into_iter()
        .find(|n| hrp.to_lowercase() == n.params().prefixes.sapling_address_hrp)
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefixes = &self.network.params().prefixes;
        let with_prefix =
            |prefix: &[u8], body: &[u8]| base58::encode_check(&[prefix, body].concat());
        let s = match &self.payload {
            Payload::P2pkh(h) => with_prefix(&prefixes.p2pkh, h),
            Payload::P2sh(h) => with_prefix(&prefixes.p2sh, h),
            Payload::Zelid(h) => with_prefix(&[ZELID_VERSION], h),
            Payload::Sprout(b) => with_prefix(&prefixes.sprout_address, b),
            Payload::Sapling(b) => {
                let hrp = Hrp::parse(prefixes.sapling_address_hrp).map_err(|_| fmt::Error)?;
                bech32::encode_lower::<Bech32>(hrp, b).map_err(|_| fmt::Error)?
            }
        };
        f.write_str(&s)
    }
}

impl FromStr for Address {
    type Err = Error;
    /// Parses any address kind of any network.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bech = UncheckedHrpstring::new(s).ok();
        if let Some(network) = bech.as_ref().and_then(|b| sapling_network(&b.hrp())) {
            return Self::from_sapling(s, network);
        }
        match base58::decode_check(s) {
            Ok(data) => Self::from_base58_payload(&data),
            Err(e) => {
                // A well-formed Bech32/Bech32m string of another coin: say so.
                if let Some(b) = bech {
                    if CheckedHrpstring::new::<Bech32>(s).is_ok()
                        || CheckedHrpstring::new::<Bech32m>(s).is_ok()
                    {
                        return Err(Error::UnknownPrefix {
                            what: "Bech32 address",
                            prefix: b.hrp().to_string(),
                        });
                    }
                }
                Err(e)
            }
        }
    }
}

crate::serde_str::serde_via_str!(Address);
