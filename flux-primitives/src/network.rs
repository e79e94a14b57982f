//! The three Flux networks and their chain parameters (fluxd `chainparams.cpp`).
//!
//! ```
//! use flux_primitives::network::Network;
//!
//! let net: Network = "main".parse().unwrap();
//! assert_eq!(net.params().default_p2p_port, 16125);
//! assert_eq!(net.params().bip44_coin_type, 19167);
//! assert_eq!(net.to_string(), "main");
//! ```

use core::fmt;
use core::str::FromStr;

use crate::hash::BlockHash;
use crate::Error;

/// A Flux network, named as fluxd's RPC `chain` field names it.
///
/// There is deliberately no `Default`: a forgotten network must not quietly mean mainnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Network {
    /// Mainnet.
    Main,
    /// Testnet.
    Test,
    /// Regression-test network.
    Regtest,
}

/// Base58 version prefixes and Bech32 human-readable parts of a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefixes {
    /// P2PKH address version (`t1` / `tm`).
    pub p2pkh: [u8; 2],
    /// P2SH address version (`t3` / `t2`).
    pub p2sh: [u8; 2],
    /// WIF secret key version.
    pub wif: u8,
    /// BIP32 extended public key version.
    pub xpub: [u8; 4],
    /// BIP32 extended private key version.
    pub xprv: [u8; 4],
    /// Sprout payment address version (`zc` / `zt`).
    pub sprout_address: [u8; 2],
    /// Sprout viewing key version.
    pub sprout_viewing_key: [u8; 3],
    /// Sprout spending key version.
    pub sprout_spending_key: [u8; 2],
    /// Sapling payment address HRP.
    pub sapling_address_hrp: &'static str,
    /// Sapling full viewing key HRP.
    pub sapling_fvk_hrp: &'static str,
    /// Sapling incoming viewing key HRP.
    pub sapling_ivk_hrp: &'static str,
    /// Sapling extended spending key HRP.
    pub sapling_extended_spending_key_hrp: &'static str,
}

/// Everything fixed about a network that is not the upgrade table
/// (for that see [`crate::network::upgrade`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainParams {
    /// The network these parameters belong to.
    pub network: Network,
    /// P2P message start (magic) bytes, in wire order.
    pub magic: [u8; 4],
    /// Default P2P port.
    pub default_p2p_port: u16,
    /// Default JSON-RPC port.
    pub default_rpc_port: u16,
    /// BIP44 coin type.
    pub bip44_coin_type: u32,
    /// Genesis block hash.
    pub genesis_hash: BlockHash,
    /// Genesis block time (also the origin of PoN slots).
    pub genesis_time: u32,
    /// Base58 and Bech32 prefixes.
    pub prefixes: Prefixes,
    /// Dev-fund (PoN era) address.
    pub dev_fund_address: &'static str,
    /// Exchange-fund one-off funding address.
    pub exchange_fund_address: &'static str,
    /// Foundation-fund one-off funding address.
    pub foundation_fund_address: &'static str,
    /// Swap-pool one-off funding address.
    pub swap_pool_address: &'static str,
    /// PoW target spacing in seconds.
    pub pow_target_spacing: u32,
    /// PoN target spacing (slot length) in seconds.
    pub pon_target_spacing: u32,
    /// Ticker as fluxd's code names it.
    pub ticker: &'static str,
    /// Whether fluxd enforces standardness policy (`fRequireStandard`).
    pub require_standard: bool,
}

// Only evaluated at compile time on constants below: a bad literal fails the build.
#[allow(clippy::indexing_slicing)]
const fn hash(display_hex: &str) -> BlockHash {
    // const-evaluable hex decoding of a 64-character display-order hash.
    let s = display_hex.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        let hi = nibble(s[2 * i]);
        let lo = nibble(s[2 * i + 1]);
        out[31 - i] = (hi << 4) | lo;
        i += 1;
    }
    BlockHash(out)
}

#[allow(clippy::panic)]
const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => panic!("bad hex in a chain-parameter constant"),
    }
}

/// Declares a display-order hash constant checked at compile time.
pub(crate) const fn block_hash_const(display_hex: &str) -> BlockHash {
    hash(display_hex)
}

const MAIN: ChainParams = ChainParams {
    network: Network::Main,
    magic: [0x24, 0xe9, 0x27, 0x64],
    default_p2p_port: 16125,
    default_rpc_port: 16124,
    bip44_coin_type: 19167,
    genesis_hash: hash("00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444"),
    genesis_time: 1_516_980_000,
    prefixes: Prefixes {
        p2pkh: [0x1c, 0xb8],
        p2sh: [0x1c, 0xbd],
        wif: 0x80,
        xpub: [0x04, 0x88, 0xb2, 0x1e],
        xprv: [0x04, 0x88, 0xad, 0xe4],
        sprout_address: [0x16, 0x9a],
        sprout_viewing_key: [0xa8, 0xab, 0xd3],
        sprout_spending_key: [0xab, 0x36],
        sapling_address_hrp: "za",
        sapling_fvk_hrp: "zviewa",
        sapling_ivk_hrp: "zivka",
        sapling_extended_spending_key_hrp: "secret-extended-key-main",
    },
    dev_fund_address: "t3hPu1YDeGUCp8m7BQCnnNUmRMJBa5RadyA",
    exchange_fund_address: "t3PMbbA5YBMrjSD3dD16SSdXKuKovwmj6tS",
    foundation_fund_address: "t3XjYMBvwxnXVv9jqg4CgokZ3f7kAoXPQL8",
    swap_pool_address: "t3ThbWogDoAjGuS6DEnmN1GWJBRbVjSUK4T",
    pow_target_spacing: 120,
    pon_target_spacing: 30,
    ticker: "ZEL",
    require_standard: true,
};

const TEST_PREFIXES: Prefixes = Prefixes {
    p2pkh: [0x1d, 0x25],
    p2sh: [0x1c, 0xba],
    wif: 0xef,
    xpub: [0x04, 0x35, 0x87, 0xcf],
    xprv: [0x04, 0x35, 0x83, 0x94],
    sprout_address: [0x16, 0xb6],
    sprout_viewing_key: [0xa8, 0xac, 0x0c],
    sprout_spending_key: [0xac, 0x08],
    sapling_address_hrp: "ztestacadia",
    sapling_fvk_hrp: "zviewtestacadia",
    sapling_ivk_hrp: "zivktestacadia",
    sapling_extended_spending_key_hrp: "secret-extended-key-test",
};

const TEST: ChainParams = ChainParams {
    network: Network::Test,
    magic: [0xfa, 0x1a, 0xf9, 0xbf],
    default_p2p_port: 26125,
    default_rpc_port: 26124,
    bip44_coin_type: 1,
    genesis_hash: hash("0042202a64a929fc25cc10e68615ddbe38007b1b40da08acd3f530f83c79b9d1"),
    genesis_time: 1_582_228_940,
    prefixes: TEST_PREFIXES,
    dev_fund_address: "t2GoxS2SRmLQDnTyWePHjKD3izvFsKUAjrH",
    exchange_fund_address: "tmRucHD85zgSigtA4sJJBDbPkMUJDcw5XDE",
    foundation_fund_address: "tmRucHD85zgSigtA4sJJBDbPkMUJDcw5XDE",
    swap_pool_address: "tmRucHD85zgSigtA4sJJBDbPkMUJDcw5XDE",
    pow_target_spacing: 60,
    pon_target_spacing: 30,
    ticker: "TESTFLUX",
    require_standard: true,
};

const REGTEST: ChainParams = ChainParams {
    network: Network::Regtest,
    magic: [0xaa, 0xe8, 0x3f, 0x5f],
    default_p2p_port: 26126,
    default_rpc_port: 26124,
    bip44_coin_type: 1,
    genesis_hash: hash("01998760a88dc2b5715f69d2f18c1d90e0b604612242d9099eaff3048dd1e0ce"),
    genesis_time: 1_296_688_602,
    prefixes: Prefixes {
        sapling_address_hrp: "zregtestsapling",
        sapling_fvk_hrp: "zviewregtestsapling",
        sapling_ivk_hrp: "zivkregtestsapling",
        sapling_extended_spending_key_hrp: "secret-extended-key-regtest",
        ..TEST_PREFIXES
    },
    dev_fund_address: "t2GoxS2SRmLQDnTyWePHjKD3izvFsKUAjrH",
    exchange_fund_address: "tmRucHD85zgSigtA4sJJBDbPkMUJDcw5XDE",
    foundation_fund_address: "t2DFGpj2tciojsGKKrGVwQ92hUwAxWQQgJ9",
    swap_pool_address: "t2Dsexh4v5g2dpL2LLCsR1p9TshMm63jSBM",
    pow_target_spacing: 120,
    pon_target_spacing: 30,
    ticker: "REG",
    require_standard: false,
};

impl Network {
    /// All networks, mainnet first.
    pub const ALL: [Network; 3] = [Network::Main, Network::Test, Network::Regtest];

    /// The chain parameters of this network.
    pub const fn params(self) -> &'static ChainParams {
        match self {
            Network::Main => &MAIN,
            Network::Test => &TEST,
            Network::Regtest => &REGTEST,
        }
    }

    /// The name fluxd uses (`main`, `test`, `regtest`).
    pub const fn name(self) -> &'static str {
        match self {
            Network::Main => "main",
            Network::Test => "test",
            Network::Regtest => "regtest",
        }
    }

    /// The network whose P2PKH or P2SH version bytes are `prefix`. Testnet and regtest share
    /// their transparent prefixes, so a testnet prefix answers [`Network::Test`].
    pub fn from_transparent_prefix(prefix: [u8; 2]) -> Option<(Network, bool)> {
        Network::ALL.iter().find_map(|&n| {
            let p = &n.params().prefixes;
            if p.p2pkh == prefix {
                Some((n, false))
            } else if p.p2sh == prefix {
                Some((n, true))
            } else {
                None
            }
        })
    }

    /// True when `other` uses the same base58 prefixes (testnet and regtest do).
    pub fn shares_base58_prefixes_with(self, other: Network) -> bool {
        self == other || (self != Network::Main && other != Network::Main)
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Network {
    type Err = Error;
    /// Accepts fluxd's names and the common aliases `mainnet`, `testnet`, `flux`,
    /// `fluxtestnet`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "main" | "mainnet" | "flux" => Ok(Network::Main),
            "test" | "testnet" | "fluxtestnet" => Ok(Network::Test),
            "regtest" => Ok(Network::Regtest),
            _ => Err(Error::UnknownNetwork(s.to_string())),
        }
    }
}

crate::serde_str::serde_via_str!(Network);

pub mod upgrade;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for n in Network::ALL {
            assert_eq!(n.to_string().parse::<Network>().unwrap(), n);
            assert_eq!(n.params().network, n);
        }
        assert!("bitcoin".parse::<Network>().is_err());
    }

    #[test]
    fn genesis_hashes_match_spec() {
        assert_eq!(
            Network::Main.params().genesis_hash.to_string(),
            "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444"
        );
        assert_eq!(
            Network::Regtest.params().genesis_hash.to_string(),
            "01998760a88dc2b5715f69d2f18c1d90e0b604612242d9099eaff3048dd1e0ce"
        );
    }

    #[test]
    fn transparent_prefix_lookup() {
        assert_eq!(
            Network::from_transparent_prefix([0x1c, 0xb8]),
            Some((Network::Main, false))
        );
        assert_eq!(
            Network::from_transparent_prefix([0x1c, 0xba]),
            Some((Network::Test, true))
        );
        assert_eq!(Network::from_transparent_prefix([0x00, 0x00]), None);
    }
}
