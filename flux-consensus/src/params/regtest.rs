//! Regtest consensus constants (fluxd `chainparams.cpp`, `CMainParams`/`CTestNetParams`/
//! `CRegTestParams` at RunOnFlux/fluxd `2dfb5046b81c482914b93fa1caa0a7254c80bf64`).

use flux_primitives::amount::COIN;

use super::{limbs, ConsensusParams, FundingSchedule, F};
use crate::equihash::EquihashParams;
use crate::target::CompactTarget;

/// The regtest parameters.
pub const PARAMS: ConsensusParams = ConsensusParams {
    pow_limit_bits: CompactTarget::from_consensus(0x200f0f0f),
    pon_limit_bits: CompactTarget::from_consensus(0x200f0f0f),
    pon_start_limit_bits: CompactTarget::from_consensus(0x207fffff),
    pon_difficulty_window: 60,
    digishield_window: 17,
    digishield_max_adjust_down: 0,
    digishield_max_adjust_up: 0,
    lwma_window: 60,
    allow_min_difficulty: true,
    eh_fade_length: 11,
    slow_start_interval: 0,
    halving_interval: 150,
    pon_reduction_interval: 100,
    pon_max_reductions: 10,
    fluxnode_payments_start: 100,
    emergency_min_signatures: 1,
    pow_limit: limbs(0x0f0f_0f0f_0f0f_0f0f, 0x0f0f_0f0f_0f0f_0f0f),
    pon_limit: limbs(0x0f0f_0f0f_0f0f_0f0f, 0x0f0f_0f0f_0f0f_0f0f),
    pon_start_limit: limbs(0x7fff_ffff_ffff_ffff, F),
    equihash_epochs: [
        EquihashParams::ZCASH_48_5,
        EquihashParams::ZCASH_48_5,
        EquihashParams::ZELHASH_125_4,
    ],
    checkpoints: &[(
        0,
        "01998760a88dc2b5715f69d2f18c1d90e0b604612242d9099eaff3048dd1e0ce",
    )],
    emergency_keys: super::testnet::TEST_EMERGENCY_KEYS,
    bypass_collateral: true,
    funding: FundingSchedule {
        exchange: (10, 3_000_000 * COIN),
        foundation: (10, 2_500_000 * COIN),
        swap_start: 10,
        swap_interval: 10,
        swap_times: 5,
        swap_amount: 2_100_000 * COIN,
    },
    max_block_size: 2_000_000,
    max_future_time_pow: 360,
    max_future_time_pon: 300,
};
