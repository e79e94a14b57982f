//! Rules that depend only on the height: block kind and version range, the Equihash sets
//! allowed (with the fade window), and checkpoints.
//!
//! ```
//! use flux_consensus::rules::{allowed_equihash, BlockKind, block_kind};
//! use flux_consensus::equihash::EquihashParams;
//! use flux_primitives::Network;
//!
//! assert_eq!(block_kind(Network::Main, 2_019_999), BlockKind::Pow);
//! assert_eq!(block_kind(Network::Main, 2_020_000), BlockKind::Pon);
//! assert_eq!(
//!     allowed_equihash(Network::Main, 125_105),
//!     vec![EquihashParams::ZELPROOF_144_5, EquihashParams::ZCASH_200_9]
//! );
//! ```

use flux_primitives::hash::BlockHash;
use flux_primitives::{Network, Upgrade};
use serde::Serialize;

use crate::equihash::EquihashParams;
use crate::params::consensus_params;

/// `PON_VERSION`: headers with `nVersion >= 100` use the Proof-of-Node layout.
pub const PON_VERSION: i32 = 100;
/// `MIN_BLOCK_VERSION`.
pub const MIN_BLOCK_VERSION: i32 = 4;

/// Whether a block at a height is mined (Equihash) or produced by a fluxnode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlockKind {
    /// Equihash proof of work, `nVersion` 4..=99.
    #[serde(rename = "POW")]
    Pow,
    /// Proof of Node, `nVersion >= 100`.
    #[serde(rename = "PON")]
    Pon,
}

impl BlockKind {
    /// `"POW"` or `"PON"`, as fluxd's `getblock` prints `"type"`.
    pub const fn name(self) -> &'static str {
        match self {
            BlockKind::Pow => "POW",
            BlockKind::Pon => "PON",
        }
    }
}

impl core::fmt::Display for BlockKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl core::str::FromStr for BlockKind {
    type Err = crate::Error;

    /// `POW` or `PON` in any case.
    ///
    /// ```
    /// use flux_consensus::rules::BlockKind;
    /// assert_eq!("pon".parse::<BlockKind>().unwrap(), BlockKind::Pon);
    /// assert_eq!(BlockKind::Pow.to_string(), "POW");
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        [BlockKind::Pow, BlockKind::Pon]
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
            .ok_or(crate::Error::UnknownBlockKind)
    }
}

/// The block kind required at `height` (fluxd `IsPONActive`; regtest is PoN from height 1,
/// the genesis block being exempt).
pub fn block_kind(network: Network, height: u32) -> BlockKind {
    if height > 0 && Upgrade::pon_helper_active(network, height) {
        BlockKind::Pon
    } else {
        BlockKind::Pow
    }
}

/// Why a version is not allowed at a height, with fluxd's reject reason; `None` when it is.
pub fn version_violation(network: Network, height: u32, version: i32) -> Option<&'static str> {
    if version < MIN_BLOCK_VERSION {
        return Some("bad-version");
    }
    if height == 0 {
        return None;
    }
    match block_kind(network, height) {
        BlockKind::Pow if version >= PON_VERSION => Some("premature-pon-block"),
        BlockKind::Pon if version < PON_VERSION => Some("not-pon-block"),
        _ => None,
    }
}

/// fluxd's `validEHparameterList`: the Equihash sets a PoW block at `height` may use,
/// newest first (empty once PoN is active). Testnet's legacy exception (any size up to
/// height 320) is [`any_equihash_size_allowed`].
pub fn allowed_equihash(network: Network, height: u32) -> Vec<EquihashParams> {
    if block_kind(network, height) == BlockKind::Pon {
        return Vec::new();
    }
    let [e1, e2, e3] = consensus_params(network).equihash_epochs;
    let faded = height.saturating_sub(consensus_params(network).eh_fade_length);
    let mut list = if Upgrade::Kamiooka.is_active(network, faded) {
        vec![e3]
    } else if Upgrade::Kamiooka.is_active(network, height) {
        vec![e3, e2]
    } else if Upgrade::Equihash144_5.is_active(network, faded) {
        vec![e2]
    } else if Upgrade::Equihash144_5.is_active(network, height) {
        vec![e2, e1]
    } else {
        vec![e1]
    };
    list.dedup();
    list
}

/// Testnet accepts a solution of any supported size up to height 320 (legacy exception).
pub fn any_equihash_size_allowed(network: Network, height: u32) -> bool {
    network == Network::Test && height <= 320
}

/// Mainnet checkpoints (height, display-order hash), fluxd `chainparams.cpp`.
pub const MAINNET_CHECKPOINTS: [(u32, &str); 25] = crate::params::mainnet::CHECKPOINTS;

/// The checkpointed hash at `height`, if fluxd pins one on `network`.
pub fn checkpoint(network: Network, height: u32) -> Option<BlockHash> {
    let table = consensus_params(network).checkpoints;
    table
        .iter()
        .find(|(h, _)| *h == height)
        .and_then(|(_, s)| s.parse().ok())
}

/// Everything height-dependent about a block, as `flux chain upgrade` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeightRules {
    /// Network name.
    pub network: &'static str,
    /// Height.
    pub height: u32,
    /// Current upgrade (fluxd RPC name).
    pub upgrade: &'static str,
    /// Consensus branch id, 8 hex digits.
    pub branch_id: String,
    /// Block kind.
    pub block_kind: BlockKind,
    /// Allowed versions, as a range string.
    pub versions: &'static str,
    /// Allowed Equihash sets as "n,k".
    pub equihash: Vec<String>,
    /// The next upgrade and its height.
    pub next_upgrade: Option<(&'static str, u32)>,
    /// The checkpoint hash at this height, if any.
    pub checkpoint: Option<BlockHash>,
}

/// Collects [`HeightRules`] for a height.
pub fn height_rules(network: Network, height: u32) -> HeightRules {
    let upgrade = Upgrade::current(network, height);
    let kind = block_kind(network, height);
    HeightRules {
        network: network.name(),
        height,
        upgrade: upgrade.name(),
        branch_id: format!("{:08x}", Upgrade::branch_id_at(network, height)),
        block_kind: kind,
        versions: match (height, kind) {
            (0, _) => ">=4",
            (_, BlockKind::Pow) => "4..=99",
            (_, BlockKind::Pon) => ">=100",
        },
        equihash: allowed_equihash(network, height)
            .iter()
            .map(ToString::to_string)
            .collect(),
        next_upgrade: Upgrade::next_after(network, height).map(|(u, h)| (u.name(), h)),
        checkpoint: checkpoint(network, height),
    }
}
