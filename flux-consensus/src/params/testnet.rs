//! Testnet consensus constants (fluxd `chainparams.cpp`, `CMainParams`/`CTestNetParams`/
//! `CRegTestParams` at RunOnFlux/fluxd `2dfb5046b81c482914b93fa1caa0a7254c80bf64`).

use flux_primitives::amount::COIN;

use super::{limbs, ConsensusParams, FundingSchedule, F};
use crate::equihash::EquihashParams;
use crate::target::CompactTarget;

/// The emergency-block keys of testnet and regtest (compressed, hex).
pub const TEST_EMERGENCY_KEYS: [&str; 4] = [
    "029a1c55fa7e69dd99087f7ca799797052ae21327b94159e60b8cc5704eb188583",
    "023c806b01f35a18b42b08f23f5c7e8490801a7da8fd6f6e77708d9f26f22c423e",
    "02615c78e21078c21a63cb21cc4d29eaa148d97c3dcbe7be5d9d4dda4e969bb05a",
    "033d301dc7ef7ab653da36da1285063ea9be1448d601e3c9f99185476b9d4ae1d1",
];

/// The testnet parameters.
pub const PARAMS: ConsensusParams = ConsensusParams {
    pow_limit_bits: CompactTarget::from_consensus(0x200effff),
    pon_limit_bits: CompactTarget::from_consensus(0x200fffff),
    pon_start_limit_bits: CompactTarget::from_consensus(0x207fffff),
    pon_difficulty_window: 60,
    digishield_window: 17,
    digishield_max_adjust_down: 32,
    digishield_max_adjust_up: 16,
    lwma_window: 60,
    allow_min_difficulty: true,
    eh_fade_length: 10,
    slow_start_interval: 1,
    halving_interval: 655_350,
    pon_reduction_interval: 525_600,
    pon_max_reductions: 20,
    fluxnode_payments_start: 350,
    emergency_min_signatures: 2,
    pow_limit: limbs(0x0eff_ffff_ffff_ffff, F),
    pon_limit: limbs(0x0fff_ffff_ffff_ffff, F),
    pon_start_limit: limbs(0x7fff_ffff_ffff_ffff, F),
    equihash_epochs: [EquihashParams::ZCASH_48_5; 3],
    checkpoints: &[
        (
            0,
            "0042202a64a929fc25cc10e68615ddbe38007b1b40da08acd3f530f83c79b9d1",
        ),
        (
            320,
            "0237bf16aba912b0c68933809a7e7fe9553ddff1bc0782d2463fc5d161af1c46",
        ),
    ],
    emergency_keys: TEST_EMERGENCY_KEYS,
    bypass_collateral: true,
    funding: FundingSchedule {
        exchange: (4100, 7_500_000 * COIN),
        foundation: (4200, 2_500_000 * COIN),
        swap_start: 4300,
        swap_interval: 100,
        swap_times: 10,
        swap_amount: 2_200_000 * COIN,
    },
    max_block_size: 2_000_000,
    max_future_time_pow: 360,
    max_future_time_pon: 300,
};
