//! Mainnet consensus constants (fluxd `chainparams.cpp`, `CMainParams`/`CTestNetParams`/
//! `CRegTestParams` at RunOnFlux/fluxd `2dfb5046b81c482914b93fa1caa0a7254c80bf64`).

use flux_primitives::amount::COIN;

use super::{limbs, ConsensusParams, FundingSchedule, F};
use crate::equihash::EquihashParams;
use crate::target::CompactTarget;

/// Checkpoints (height, display-order hash), fluxd `chainparams.cpp`.
pub const CHECKPOINTS: [(u32, &str); 25] = [
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

/// The mainnet parameters.
pub const PARAMS: ConsensusParams = ConsensusParams {
    pow_limit_bits: CompactTarget::from_consensus(0x1f07ffff),
    pon_limit_bits: CompactTarget::from_consensus(0x200fffff),
    pon_start_limit_bits: CompactTarget::from_consensus(0x1f0bffff),
    pon_difficulty_window: 30,
    digishield_window: 17,
    digishield_max_adjust_down: 32,
    digishield_max_adjust_up: 16,
    lwma_window: 60,
    allow_min_difficulty: false,
    eh_fade_length: 11,
    slow_start_interval: 5000,
    halving_interval: 655_350,
    pon_reduction_interval: 1_051_200,
    pon_max_reductions: 20,
    fluxnode_payments_start: 560_000,
    emergency_min_signatures: 2,
    pow_limit: limbs(0x0007_ffff_ffff_ffff, F),
    pon_limit: limbs(0x0fff_ffff_ffff_ffff, F),
    pon_start_limit: limbs(0x000b_ffff_ffff_ffff, F),
    equihash_epochs: [
        EquihashParams::ZCASH_200_9,
        EquihashParams::ZELPROOF_144_5,
        EquihashParams::ZELHASH_125_4,
    ],
    checkpoints: &CHECKPOINTS,
    emergency_keys: [
        "025ee73f72d6996f94fe6ec9fac3f9ba6dcb947ed46dfbda530fc73ff99c667a4e",
        "026f4281124d10eb90589831bac405d715ad79051ac5243d21c322d2abf2fd81e2",
        "03083d65c2f57cfe4d1c34eb575bd9d836f5111dd0de86405d48211bf42ea30403",
        "03674c29f348124e998fd838228a3ff050ca26fe0c13ad98698585cbbf796b461e",
    ],
    bypass_collateral: false,
    funding: FundingSchedule {
        exchange: (836_274, 7_500_000 * COIN),
        foundation: (836_994, 2_500_000 * COIN),
        swap_start: 837_714,
        swap_interval: 21_600,
        swap_times: 10,
        swap_amount: 22_000_000 * COIN,
    },
    max_block_size: 2_000_000,
    max_future_time_pow: 360,
    max_future_time_pon: 300,
};
