//! Per-network consensus constants: one table per network ([`mainnet`], [`testnet`],
//! [`regtest`], the layout of librustzcash's `constants/`), read through
//! [`consensus_params`] once and passed down as `&ConsensusParams`. What every crate needs
//! (spacings, genesis, fund addresses) stays in `flux_primitives::network::ChainParams`.
//!
//! ```
//! use flux_consensus::params::consensus_params;
//! use flux_consensus::target::CompactTarget;
//! use flux_primitives::Network;
//!
//! let p = consensus_params(Network::Main);
//! assert_eq!(p.pow_limit_bits.to_string(), "1f07ffff");
//! // The compact limits are the full 256-bit limits' GetCompact.
//! assert_eq!(CompactTarget::from_target(p.pow_limit), p.pow_limit_bits);
//! assert_eq!(p.max_future_time_pon, 300);
//! ```

use flux_primitives::Network;

use crate::equihash::EquihashParams;
use crate::target::{CompactTarget, U256};

pub mod mainnet;
pub mod regtest;
pub mod testnet;

/// Consensus constants of one network that are not in `flux_primitives::network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsensusParams {
    /// `powLimit`, compact form.
    pub pow_limit_bits: CompactTarget,
    /// `ponLimit`, compact form.
    pub pon_limit_bits: CompactTarget,
    /// `ponStartLimit` (the first PoN difficulty window), compact form.
    pub pon_start_limit_bits: CompactTarget,
    /// `powLimit` in full (fluxd compares targets against these, not their compact forms).
    pub pow_limit: U256,
    /// `ponLimit` in full.
    pub pon_limit: U256,
    /// `ponStartLimit` in full.
    pub pon_start_limit: U256,
    /// `nPonDifficultyWindow`.
    pub pon_difficulty_window: u32,
    /// `nDigishieldAveragingWindow`.
    pub digishield_window: u32,
    /// `nDigishieldMaxAdjustDown` (percent).
    pub digishield_max_adjust_down: i64,
    /// `nDigishieldMaxAdjustUp` (percent).
    pub digishield_max_adjust_up: i64,
    /// `nZawyLWMAAveragingWindow`.
    pub lwma_window: u32,
    /// Whether min-difficulty blocks are allowed (`nPowAllowMinDifficultyBlocksAfterHeight` set).
    pub allow_min_difficulty: bool,
    /// `eh_epoch_fade_length`.
    pub eh_fade_length: u32,
    /// `nSubsidySlowStartInterval`.
    pub slow_start_interval: u32,
    /// `nSubsidyHalvingInterval`.
    pub halving_interval: u32,
    /// Blocks between PoN subsidy reductions.
    pub pon_reduction_interval: u32,
    /// Maximum number of PoN subsidy reductions.
    pub pon_max_reductions: u32,
    /// `nStartFluxnodePaymentsHeight`.
    pub fluxnode_payments_start: u32,
    /// Minimum emergency-block signatures.
    pub emergency_min_signatures: usize,
    /// The Equihash sets of the three PoW epochs (`eh_epoch_1..3_params`).
    pub equihash_epochs: [EquihashParams; 3],
    /// Checkpoints (height, display-order hash).
    pub checkpoints: &'static [(u32, &'static str)],
    /// The emergency-block keys (compressed, hex).
    pub emergency_keys: [&'static str; 4],
    /// Whether the test bypass collateral (txid ending in "DONTSET", index 0) skips the PoN
    /// block signature (testnet and regtest).
    pub bypass_collateral: bool,
    /// The one-off funding outputs (exchange, foundation, swap pool).
    pub funding: FundingSchedule,
    /// `MAX_BLOCK_SIZE`.
    pub max_block_size: usize,
    /// How far past the adjusted time a PoW block's time may be (fluxd CheckBlockHeader).
    pub max_future_time_pow: i64,
    /// How far past the adjusted time a PoN block's time may be.
    pub max_future_time_pon: i64,
}

/// The one-off funding a network's coinbase must pay (fluxd `GetExchangeFundAmount`,
/// `GetFoundationFundAmount`, `IsSwapPoolInterval`), amounts in zatoshis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingSchedule {
    /// Exchange fund: (height, amount).
    pub exchange: (u32, i64),
    /// Foundation fund: (height, amount).
    pub foundation: (u32, i64),
    /// First swap-pool height.
    pub swap_start: u32,
    /// Blocks between swap-pool payments.
    pub swap_interval: u32,
    /// Number of swap-pool payments.
    pub swap_times: u32,
    /// Each swap-pool payment.
    pub swap_amount: i64,
}

/// All limbs of a limit but the top one.
pub(crate) const F: u64 = u64::MAX;

/// A 256-bit value whose top limb is `top` and whose other limbs are `rest`.
pub(crate) const fn limbs(top: u64, rest: u64) -> U256 {
    U256([rest, rest, rest, top])
}

/// The consensus constants of `network`.
pub const fn consensus_params(network: Network) -> &'static ConsensusParams {
    match network {
        Network::Main => &mainnet::PARAMS,
        Network::Test => &testnet::PARAMS,
        Network::Regtest => &regtest::PARAMS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_limits_are_the_full_limits_compact() {
        for n in [Network::Main, Network::Test, Network::Regtest] {
            let p = consensus_params(n);
            assert_eq!(CompactTarget::from_target(p.pow_limit), p.pow_limit_bits);
            assert_eq!(CompactTarget::from_target(p.pon_limit), p.pon_limit_bits);
            assert_eq!(
                CompactTarget::from_target(p.pon_start_limit),
                p.pon_start_limit_bits
            );
        }
    }
}
