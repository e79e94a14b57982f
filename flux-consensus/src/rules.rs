//! Rules that depend only on the height: block kind and version range, the Equihash sets
//! allowed (with the fade window), the consensus branch id, and mainnet checkpoints.
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

/// The Equihash sets of the three epochs of `network`.
fn epochs(network: Network) -> [EquihashParams; 3] {
    match network {
        Network::Main => [
            EquihashParams::ZCASH_200_9,
            EquihashParams::ZELPROOF_144_5,
            EquihashParams::ZELHASH_125_4,
        ],
        Network::Test => [EquihashParams::ZCASH_48_5; 3],
        Network::Regtest => [
            EquihashParams::ZCASH_48_5,
            EquihashParams::ZCASH_48_5,
            EquihashParams::ZELHASH_125_4,
        ],
    }
}

/// fluxd's `validEHparameterList`: the Equihash sets a PoW block at `height` may use,
/// newest first (empty once PoN is active). Testnet's legacy exception (any size up to
/// height 320) is [`any_equihash_size_allowed`].
pub fn allowed_equihash(network: Network, height: u32) -> Vec<EquihashParams> {
    if block_kind(network, height) == BlockKind::Pon {
        return Vec::new();
    }
    let [e1, e2, e3] = epochs(network);
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

/// The consensus branch id at `height`.
pub fn branch_id(network: Network, height: u32) -> u32 {
    Upgrade::branch_id_at(network, height)
}

/// Mainnet checkpoints (height, display-order hash), fluxd `chainparams.cpp`.
pub const MAINNET_CHECKPOINTS: [(u32, &str); 25] = [
    (
        0,
        "00052461a5006c2e3b74ce48992a08695607912d5604c3eb8da25749b0900444",
    ),
    (
        5500,
        "0000000e7724f8bace09dd762657169c10622af4a6a8e959152cd00b9119848e",
    ),
    (
        35000,
        "000000004646dd797644b9c67aff320961e95c311b4f26985424b720d09fcaa5",
    ),
    (
        70000,
        "00000001edcf7768ed39fac55414e53a78d077b1b41fccdaf9307d7bc219626a",
    ),
    (
        94071,
        "00000005ec83876bc5288badf0971ae83ac7c6a286851f7b22a75a03e73b401a",
    ),
    (
        277649,
        "00000004a53f9271d05071a052b3738b46663f3335d14b6aea965a3cb70c0cc8",
    ),
    (
        400000,
        "000000390342f0e52443ad79b43e5d85b78bf519667aeb3aa980d76caeda0369",
    ),
    (
        530000,
        "0000004b4459ec6904e8116d178c357b0f25a7d45c5c5836ce3714791f1ed124",
    ),
    (
        600000,
        "000000dea4478401e6ab95f6d05ade810115411e95e75fab9fd94a44df4b1e1d",
    ),
    (
        700000,
        "0000000845ef03939225cc592773fd7aef54b5232fc42790c46ef6f11ee3e8d4",
    ),
    (
        800000,
        "000000451b73f495b2f6ad38bd89d15495551fc15c2078ad7af3d54d06422cc6",
    ),
    (
        900000,
        "000001e1ad2bb5e3cabb09559b6e65b871bf1d2a51bcc141ce45fc4cbd1d9cd8",
    ),
    (
        1000000,
        "0000001a80e7f30d21fb14116cd01d51e1fad8ac84cc960896f4691a57368a47",
    ),
    (
        1040000,
        "00000007f3b465bd4b0e161e43c05a3d946144330e33ea3a91cb952e6ef86b7d",
    ),
    (
        1040577,
        "000000071fe89682ac260bc0a49621344eb28ae01659c9e7ce86e3762e45f52d",
    ),
    (
        1042126,
        "0000000295e4663178fd9e533787e74206645910a2bfb61938db5f67796eaad0",
    ),
    (
        1060000,
        "0000000fd721d8d381c4b24a4f78fc036955d7a0f98d2765b8c7badad8b66c1b",
    ),
    (
        1442798,
        "0000000cc561fecb2ecfd22ba7af09450ca8cf270f407ce8b948195ff2aa0d13",
    ),
    (
        1518503,
        "0000000dba41dc84c52a3933af49d316fff49a76b49d42bd5b6d20c4e451a0ef",
    ),
    (
        1791720,
        "0000000abc7bd62a213e0dab43c9c01220b031a568fdfb5c2ef89e6b30054bdc",
    ),
    (
        2020500,
        "af2a1bd59c61f64860b4b45bd65358743fda40d8420564b58c39df45be7da97c",
    ),
    (
        2021000,
        "d2dcec473e809575e30ec2c0f400758120f5121b8268f90cdb8a7dbefe285b0d",
    ),
    (
        2021500,
        "fa98471f31ffc1366330bababc090ad5cb6bd23c25bb3b61d1e1ed07a77d6126",
    ),
    (
        2022000,
        "40a060546a56eb7fab0fd33ab3e6de834ff0d5273847d4f231a9addecfc44f61",
    ),
    (
        2029000,
        "4856dc788a973db4cc537465c9ef80288e1eb065898993d72371b1ee48c248b4",
    ),
];

/// The checkpointed hash at `height`, if fluxd pins one on `network`.
pub fn checkpoint(network: Network, height: u32) -> Option<BlockHash> {
    let table: &[(u32, &str)] = match network {
        Network::Main => &MAINNET_CHECKPOINTS,
        Network::Test => &[
            (
                0,
                "0042202a64a929fc25cc10e68615ddbe38007b1b40da08acd3f530f83c79b9d1",
            ),
            (
                320,
                "0237bf16aba912b0c68933809a7e7fe9553ddff1bc0782d2463fc5d161af1c46",
            ),
        ],
        Network::Regtest => &[(
            0,
            "01998760a88dc2b5715f69d2f18c1d90e0b604612242d9099eaff3048dd1e0ce",
        )],
    };
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
        branch_id: format!("{:08x}", branch_id(network, height)),
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
