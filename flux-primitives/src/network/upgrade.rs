//! The network-upgrade table (fluxd `consensus/upgrades.cpp`, `chainparams.cpp`).
//!
//! ```
//! use flux_primitives::network::{upgrade::Upgrade, Network};
//!
//! let u = Upgrade::current(Network::Main, 2_020_000);
//! assert_eq!(u, Upgrade::Pon);
//! assert_eq!(u.branch_id().to_string(), "76b809bb");
//! assert_eq!(Upgrade::branch_id_at(Network::Main, 124_999).to_consensus(), 0);
//! assert_eq!(Upgrade::Kamata.activation_height(Network::Main), Some(558_000));
//! ```

use core::fmt;
use core::str::FromStr;

use super::{block_hash_const, Network};
use crate::hash::BlockHash;
use crate::Error;

/// The consensus branch id every Flux upgrade after Sprout uses (Zcash's Sapling id).
pub const FLUX_BRANCH_ID: BranchId = BranchId(0x76b8_09bb);

/// A consensus branch id: the 32-bit value a ZIP-143/243 signature hash commits to, so that
/// a signature is valid in one epoch only.
///
/// Displayed as 8 lowercase hex digits (as fluxd's `getblockchaininfo` and Zebra show it);
/// parsed from hex (with or without `0x`) or from an upgrade's name, which gives that
/// upgrade's branch id.
///
/// ```
/// use flux_primitives::network::upgrade::{BranchId, Upgrade, FLUX_BRANCH_ID};
///
/// let b: BranchId = "0x76b809bb".parse().unwrap();
/// assert_eq!(b, FLUX_BRANCH_ID);
/// assert_eq!(b.to_string(), "76b809bb");
/// assert_eq!("PON".parse::<BranchId>().unwrap(), Upgrade::Pon.branch_id());
/// assert_eq!(BranchId::from_consensus(0).to_string(), "00000000");
/// assert!("76b809bbff".parse::<BranchId>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct BranchId(u32);

impl BranchId {
    /// Sprout's branch id (0): legacy signature hashes do not commit to one.
    pub const SPROUT: BranchId = BranchId(0);

    /// The branch id with this consensus value.
    pub const fn from_consensus(value: u32) -> BranchId {
        BranchId(value)
    }

    /// The consensus value (what the signature hash's personalization carries, little
    /// endian).
    pub const fn to_consensus(self) -> u32 {
        self.0
    }
}

impl From<u32> for BranchId {
    fn from(value: u32) -> Self {
        BranchId(value)
    }
}

impl From<BranchId> for u32 {
    fn from(b: BranchId) -> Self {
        b.0
    }
}

impl fmt::Display for BranchId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

impl fmt::LowerHex for BranchId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl FromStr for BranchId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        let digits = t
            .strip_prefix("0x")
            .or_else(|| t.strip_prefix("0X"))
            .unwrap_or(t);
        if !digits.is_empty() && digits.len() <= 8 && digits.bytes().all(|b| b.is_ascii_hexdigit())
        {
            if let Ok(v) = u32::from_str_radix(digits, 16) {
                return Ok(BranchId(v));
            }
        }
        t.parse::<Upgrade>()
            .map(Upgrade::branch_id)
            .map_err(|_| Error::UnknownName {
                what: "branch id",
                name: s.to_string(),
                expected: "up to 8 hex digits (0x optional) or a network upgrade name",
            })
    }
}

crate::serde_str::serde_via_str!(BranchId);

/// One network upgrade, in fluxd's index order. The "current" upgrade at a height is the
/// highest-index one that is active there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upgrade {
    /// Index 0: Sprout, always active.
    Base,
    /// Index 1: the test dummy, never active on any Flux network.
    TestDummy,
    /// Index 2: LWMA difficulty, branch id 0x76b809bb.
    Lwma,
    /// Index 3: Equihash 144,5.
    Equihash144_5,
    /// Index 4: Acadia (Overwinter and Sapling at once).
    Acadia,
    /// Index 5: Kamiooka (ZelHash 125,4).
    Kamiooka,
    /// Index 6: Kamata (deterministic fluxnodes, tx version 5).
    Kamata,
    /// Index 7: Flux (rebrand).
    Flux,
    /// Index 8: Halving (collateral migration).
    Halving,
    /// Index 9: P2SHNodes (fluxnode tx version 6).
    P2shNodes,
    /// Index 10: Proof of Node.
    Pon,
}

impl Upgrade {
    /// Every upgrade in index order.
    pub const ALL: [Upgrade; 11] = [
        Upgrade::Base,
        Upgrade::TestDummy,
        Upgrade::Lwma,
        Upgrade::Equihash144_5,
        Upgrade::Acadia,
        Upgrade::Kamiooka,
        Upgrade::Kamata,
        Upgrade::Flux,
        Upgrade::Halving,
        Upgrade::P2shNodes,
        Upgrade::Pon,
    ];

    /// fluxd's index of this upgrade.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The name fluxd's RPC shows.
    pub const fn name(self) -> &'static str {
        match self {
            Upgrade::Base => "Base",
            Upgrade::TestDummy => "Test dummy",
            Upgrade::Lwma => "LWMA",
            Upgrade::Equihash144_5 => "Equihash 144/5",
            Upgrade::Acadia => "Acadia",
            Upgrade::Kamiooka => "Kamiooka",
            Upgrade::Kamata => "Kamata",
            Upgrade::Flux => "Flux",
            Upgrade::Halving => "Halving",
            Upgrade::P2shNodes => "P2SHNodes",
            Upgrade::Pon => "PON",
        }
    }

    /// The consensus branch id of this upgrade's epoch.
    pub const fn branch_id(self) -> BranchId {
        match self {
            Upgrade::Base => BranchId::SPROUT,
            Upgrade::TestDummy => BranchId(0x7473_6554),
            _ => FLUX_BRANCH_ID,
        }
    }

    /// The protocol version a peer needs once this upgrade is the current epoch.
    pub const fn protocol_version(self, network: Network) -> u32 {
        match self {
            Upgrade::Base | Upgrade::TestDummy | Upgrade::Lwma | Upgrade::Equihash144_5 => 170_002,
            Upgrade::Acadia => match network {
                Network::Regtest => 170_006,
                _ => 170_007,
            },
            Upgrade::Kamiooka => 170_012,
            Upgrade::Kamata => 170_016,
            Upgrade::Flux => 170_017,
            Upgrade::Halving => 170_018,
            Upgrade::P2shNodes => 170_019,
            Upgrade::Pon => 170_020,
        }
    }

    /// fluxd's raw activation height: `-1` means "never" (`NO_ACTIVATION_HEIGHT`). Kept
    /// because some fluxd helpers compare against it without checking for `-1` (see
    /// [`Upgrade::pon_helper_active`]).
    pub const fn activation_height_raw(self, network: Network) -> i64 {
        const NEVER: i64 = -1;
        let (main, test) = match self {
            Upgrade::Base => return 0,
            Upgrade::TestDummy => return NEVER,
            Upgrade::Lwma => (125_000, 70),
            Upgrade::Equihash144_5 => (125_100, 140),
            Upgrade::Acadia => (250_000, 210),
            Upgrade::Kamiooka => (372_500, 280),
            Upgrade::Kamata => (558_000, 350),
            Upgrade::Flux => (835_554, 420),
            Upgrade::Halving => (1_076_532, 520),
            Upgrade::P2shNodes => (1_549_500, 600),
            Upgrade::Pon => (2_020_000, 800),
        };
        match network {
            Network::Main => main,
            Network::Test => test,
            Network::Regtest => NEVER,
        }
    }

    /// The first height at which this upgrade is active, or `None` if it never activates.
    pub const fn activation_height(self, network: Network) -> Option<u32> {
        let h = self.activation_height_raw(network);
        if h < 0 {
            None
        } else {
            Some(h as u32)
        }
    }

    /// True when this upgrade is active at `height` (`height >= activation`).
    pub const fn is_active(self, network: Network, height: u32) -> bool {
        match self.activation_height(network) {
            Some(h) => height >= h,
            None => false,
        }
    }

    /// fluxd's `IsPONActive(height)`: `height >= activationHeight(PON)` **without** the
    /// "never" check, so on regtest (activation `-1`) it is true from genesis
    /// **[quirk, spec 2.1]**. Use this where fluxd uses that helper (block version, PoN
    /// difficulty and subsidy, dev-fund payout, emergency blocks), and
    /// [`Upgrade::is_active`] where fluxd uses `NetworkUpgradeActive`.
    pub const fn pon_helper_active(network: Network, height: u32) -> bool {
        height as i64 >= Upgrade::Pon.activation_height_raw(network)
    }

    /// The current epoch at `height`: the highest-index active upgrade.
    pub fn current(network: Network, height: u32) -> Upgrade {
        Upgrade::ALL
            .iter()
            .rev()
            .copied()
            .find(|u| u.is_active(network, height))
            .unwrap_or(Upgrade::Base)
    }

    /// The consensus branch id at `height` (what a signature hash commits to).
    pub fn branch_id_at(network: Network, height: u32) -> BranchId {
        Upgrade::current(network, height).branch_id()
    }

    /// The next upgrade that activates after `height`, if one is scheduled.
    pub fn next_after(network: Network, height: u32) -> Option<(Upgrade, u32)> {
        Upgrade::ALL
            .iter()
            .filter_map(|&u| u.activation_height(network).map(|h| (u, h)))
            .filter(|&(_, h)| h > height)
            .min_by_key(|&(_, h)| h)
    }

    /// The mainnet block hash fluxd pins for this upgrade's activation block
    /// (`hashActivationBlock`), where one is set.
    pub fn activation_block_hash(self, network: Network) -> Option<BlockHash> {
        if network != Network::Main {
            return None;
        }
        let hex = match self {
            Upgrade::Acadia => "0000001d65fa78f2f6c172a51b5aca59ee1927e51f728647fca21b180becfe59",
            Upgrade::Kamiooka => "00000052e2ac144c2872ff641c646e41dac166ac577bc9b0837f501aba19de4a",
            Upgrade::Kamata => "000000a33d38f37f586b843a9c8cf6d1ff1269e6114b34604cabcd14c44268d4",
            Upgrade::Flux => "000000ce99aa6765bdaae673cdf41f661ff20a116eb6f2fe0843488d8061f193",
            Upgrade::Halving => "000000111f8643ce24d9753dbc324220877299075a8a6102da61ef4460296325",
            Upgrade::P2shNodes => {
                "00000009f9178347f3dea495a089400050c3388e07f9c871fb1ebddcab1f8044"
            }
            _ => return None,
        };
        Some(block_hash_const(hex))
    }
}

impl fmt::Display for Upgrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Upgrade {
    type Err = Error;
    /// Accepts fluxd's RPC names, case-insensitively (`"PON"`, `"p2shnodes"`, `"Equihash 144/5"`).
    fn from_str(s: &str) -> Result<Self, Error> {
        Upgrade::ALL
            .iter()
            .copied()
            .find(|u| u.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::UnknownUpgrade(s.to_string()))
    }
}

crate::serde_str::serde_via_str!(Upgrade);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainnet_epochs_by_height() {
        let n = Network::Main;
        assert_eq!(Upgrade::current(n, 0), Upgrade::Base);
        assert_eq!(Upgrade::current(n, 124_999), Upgrade::Base);
        assert_eq!(Upgrade::current(n, 125_000), Upgrade::Lwma);
        assert_eq!(Upgrade::current(n, 125_100), Upgrade::Equihash144_5);
        assert_eq!(Upgrade::current(n, 249_999), Upgrade::Equihash144_5);
        assert_eq!(Upgrade::current(n, 250_000), Upgrade::Acadia);
        assert_eq!(Upgrade::current(n, 1_549_499), Upgrade::Halving);
        assert_eq!(Upgrade::current(n, 1_549_500), Upgrade::P2shNodes);
        assert_eq!(Upgrade::current(n, 2_019_999), Upgrade::P2shNodes);
        assert_eq!(Upgrade::current(n, u32::MAX), Upgrade::Pon);
        assert_eq!(Upgrade::branch_id_at(n, 124_999), BranchId::SPROUT);
        assert_eq!(Upgrade::branch_id_at(n, 125_000), FLUX_BRANCH_ID);
    }

    #[test]
    fn testnet_and_regtest() {
        assert_eq!(Upgrade::current(Network::Test, 800), Upgrade::Pon);
        assert_eq!(Upgrade::current(Network::Test, 799), Upgrade::P2shNodes);
        assert_eq!(Upgrade::current(Network::Regtest, 1_000_000), Upgrade::Base);
        assert_eq!(Upgrade::Acadia.protocol_version(Network::Regtest), 170_006);
        // The IsPONActive quirk: PoN "active" on regtest from genesis, though never activated.
        assert!(Upgrade::pon_helper_active(Network::Regtest, 0));
        assert!(!Upgrade::Pon.is_active(Network::Regtest, 0));
        assert!(!Upgrade::pon_helper_active(Network::Main, 2_019_999));
        assert!(Upgrade::pon_helper_active(Network::Main, 2_020_000));
    }

    #[test]
    fn names_parse_and_next() {
        for u in Upgrade::ALL {
            assert_eq!(u.name().parse::<Upgrade>().unwrap(), u);
        }
        assert_eq!("pon".parse::<Upgrade>().unwrap(), Upgrade::Pon);
        assert_eq!(
            Upgrade::next_after(Network::Main, 2_000_000),
            Some((Upgrade::Pon, 2_020_000))
        );
        assert_eq!(Upgrade::next_after(Network::Main, 2_020_000), None);
        assert!(Upgrade::Kamata
            .activation_block_hash(Network::Main)
            .is_some());
    }
}
