//! Per-network consensus constants this crate needs (fluxd `chainparams.cpp`, spec 1.7).

use flux_primitives::Network;

use crate::target::CompactTarget;

/// Consensus constants of one network that are not in `flux_primitives::network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsensusParams {
    /// The network.
    pub network: Network,
    /// Easiest PoW target, compact form.
    pub pow_limit_bits: CompactTarget,
    /// Easiest PoN target, compact form.
    pub pon_limit_bits: CompactTarget,
    /// PoN target for the first difficulty window, compact form.
    pub pon_start_limit_bits: CompactTarget,
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
}

const MAIN: ConsensusParams = ConsensusParams {
    network: Network::Main,
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
};

const TEST: ConsensusParams = ConsensusParams {
    network: Network::Test,
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
};

const REGTEST: ConsensusParams = ConsensusParams {
    network: Network::Regtest,
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
};

/// The consensus constants of `network`.
pub const fn consensus_params(network: Network) -> &'static ConsensusParams {
    match network {
        Network::Main => &MAIN,
        Network::Test => &TEST,
        Network::Regtest => &REGTEST,
    }
}
