//! Block subsidy, fluxnode tier payouts, dev fund and one-off funding by height (spec 6).
//!
//! All amounts are [`Amount`]s (serialized as zatoshis; 1 FLUX = 100 000 000).
//!
//! ```
//! use flux_consensus::subsidy::{block_subsidy, payouts};
//! use flux_primitives::{Amount, Network};
//!
//! assert_eq!(block_subsidy(Network::Main, 2_020_000), Amount::from_flux(14).unwrap());
//! let p = payouts(Network::Main, 2_020_000);
//! let zat = |a: Amount| a.to_zat();
//! assert_eq!(
//!     (zat(p.cumulus), zat(p.nimbus), zat(p.stratus), zat(p.dev_fund)),
//!     (100_000_000, 350_000_000, 900_000_000, 50_000_000)
//! );
//! ```

use flux_primitives::amount::COIN;
use flux_primitives::{Amount, Network, Upgrade};
use serde::Serialize;

use crate::params::consensus_params;

/// fluxd's `IsPONActive(height)` (regtest: from genesis, spec 2.1).
pub fn is_pon_height(network: Network, height: u32) -> bool {
    Upgrade::pon_helper_active(network, height)
}

/// An amount the schedule computed; every schedule value is within the money range, and
/// one outside would clamp rather than wrap.
fn amount(zat: i64) -> Amount {
    Amount::from_zat(zat.clamp(0, Amount::MAX_MONEY.to_zat())).unwrap_or(Amount::ZERO)
}

/// `GetBlockSubsidy`: the new coins a block at `height` may create (without fees and
/// one-off funding).
pub fn block_subsidy(network: Network, height: u32) -> Amount {
    amount(block_subsidy_zat(network, height))
}

fn block_subsidy_zat(network: Network, height: u32) -> i64 {
    let p = consensus_params(network);
    if height == 1 {
        return 13_020_000 * COIN;
    }
    if is_pon_height(network, height) {
        return pon_subsidy(network, height);
    }
    let h = i64::from(height);
    let slow = i64::from(p.slow_start_interval);
    if slow > 0 {
        let per_block = 150 * COIN / slow;
        if h < slow / 2 {
            return per_block * h;
        }
        if h < slow {
            return per_block * (h + 1);
        }
    }
    let halvings = (h - slow / 2) / i64::from(p.halving_interval);
    if halvings >= 64 {
        0
    } else if halvings >= 2 {
        // fluxd froze the PoW subsidy at 37.5 FLUX after the second halving.
        (150 * COIN) >> 2
    } else {
        (150 * COIN) >> halvings
    }
}

/// The PoN-era subsidy: 14 FLUX less 10 % per reduction interval since PoN activation,
/// at most `pon_max_reductions` times (regtest counts from height −1).
fn pon_subsidy(network: Network, height: u32) -> i64 {
    let p = consensus_params(network);
    let activation = Upgrade::Pon.activation_height_raw(network);
    let years = (i64::from(height) - activation) / i64::from(p.pon_reduction_interval);
    let reductions = years.clamp(0, i64::from(p.pon_max_reductions));
    (0..reductions).fold(14 * COIN, |s, _| s * 9 / 10)
}

/// Fluxnode tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Tier 1.
    Cumulus,
    /// Tier 2.
    Nimbus,
    /// Tier 3.
    Stratus,
}

impl Tier {
    /// All tiers in payout order.
    pub const ALL: [Tier; 3] = [Tier::Cumulus, Tier::Nimbus, Tier::Stratus];

    /// Lower-case name.
    pub const fn name(self) -> &'static str {
        match self {
            Tier::Cumulus => "cumulus",
            Tier::Nimbus => "nimbus",
            Tier::Stratus => "stratus",
        }
    }
}

impl core::fmt::Display for Tier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl core::str::FromStr for Tier {
    type Err = crate::Error;

    /// A tier name in any case (`cumulus`, `Nimbus`, `STRATUS`).
    ///
    /// ```
    /// use flux_consensus::subsidy::Tier;
    /// assert_eq!("Nimbus".parse::<Tier>().unwrap(), Tier::Nimbus);
    /// assert_eq!(Tier::Stratus.to_string(), "stratus");
    /// assert!("tier4".parse::<Tier>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        Tier::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s))
            .ok_or(crate::Error::UnknownTier)
    }
}

/// `GetFluxnodeSubsidy`: what a fluxnode of `tier` is paid at `height` (0 before payouts start).
pub fn fluxnode_payout(network: Network, height: u32, tier: Tier) -> Amount {
    amount(fluxnode_payout_zat(network, height, tier))
}

fn fluxnode_payout_zat(network: Network, height: u32, tier: Tier) -> i64 {
    let p = consensus_params(network);
    let subsidy = block_subsidy_zat(network, height);
    if is_pon_height(network, height) {
        let base = match tier {
            Tier::Cumulus => COIN,
            Tier::Nimbus => 350_000_000,
            Tier::Stratus => 900_000_000,
        };
        // fluxd multiplies in int64. On regtest, PoN is active from height 1, where the
        // subsidy is the 13,020,000 FLUX premine, and the product overflows int64 (undefined
        // behaviour in C++; a panic in a Rust debug build). Widening to i128 gives the exact
        // quotient, which fits in i64 for every subsidy up to MAX_MONEY; everywhere fluxd does
        // not overflow the two agree.
        let share = i128::from(subsidy) * i128::from(base) / i128::from(14 * COIN);
        return i64::try_from(share).unwrap_or(i64::MAX);
    }
    if height < p.fluxnode_payments_start {
        return 0;
    }
    let pct: f64 = match tier {
        Tier::Cumulus => 0.0375,
        Tier::Nimbus => 0.0625,
        Tier::Stratus => 0.15,
    };
    let mult: f32 = if Upgrade::Flux.is_active(network, height) {
        2.0
    } else {
        1.0
    };
    // fluxd evaluates this in double precision and truncates toward zero.
    (subsidy as f64 * (pct * f64::from(mult))) as i64
}

/// The minimum dev-fund output of a PoN block (`subsidy − Σ tiers`); 0 before PoN.
pub fn min_dev_fund(network: Network, height: u32) -> Amount {
    if !is_pon_height(network, height) {
        return Amount::ZERO;
    }
    amount(
        block_subsidy_zat(network, height)
            - Tier::ALL
                .iter()
                .map(|&t| fluxnode_payout_zat(network, height, t))
                .sum::<i64>(),
    )
}

/// Everything a block at one height pays by rule (serialized in zatoshis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Payouts {
    /// Block height.
    pub height: u32,
    /// Block subsidy.
    pub subsidy: Amount,
    /// Cumulus payout.
    pub cumulus: Amount,
    /// Nimbus payout.
    pub nimbus: Amount,
    /// Stratus payout.
    pub stratus: Amount,
    /// Minimum dev-fund output (PoN era; 0 before).
    pub dev_fund: Amount,
    /// What the block producer may keep besides fees (PoW: subsidy minus tiers; PoN: 0).
    pub producer: Amount,
}

/// The payouts of a block at `height`.
pub fn payouts(network: Network, height: u32) -> Payouts {
    let subsidy = block_subsidy(network, height);
    let cumulus = fluxnode_payout(network, height, Tier::Cumulus);
    let nimbus = fluxnode_payout(network, height, Tier::Nimbus);
    let stratus = fluxnode_payout(network, height, Tier::Stratus);
    let dev_fund = min_dev_fund(network, height);
    Payouts {
        height,
        subsidy,
        cumulus,
        nimbus,
        stratus,
        dev_fund,
        producer: amount(
            subsidy.to_zat()
                - cumulus.to_zat()
                - nimbus.to_zat()
                - stratus.to_zat()
                - dev_fund.to_zat(),
        ),
    }
}

/// Which one-off fund an output pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// Exchange fund.
    Exchange,
    /// Foundation fund.
    Foundation,
    /// Swap pool.
    SwapPool,
}

/// A one-off funding output a block must contain: exact address, exact amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Funding {
    /// Which fund.
    pub fund: Fund,
    /// Receiving address.
    pub address: &'static str,
    /// Exact amount.
    pub amount: Amount,
}

/// fluxd's `IsSwapPoolInterval`.
pub fn is_swap_pool_height(network: Network, height: u32) -> bool {
    let s = consensus_params(network).funding;
    let h = u64::from(height);
    let start = u64::from(s.swap_start);
    let interval = u64::from(s.swap_interval);
    if h < start || h > start + interval * u64::from(s.swap_times) {
        return false;
    }
    (h - start) % interval == 0 && (h - start) / interval < u64::from(s.swap_times)
}

/// The one-off funding outputs required at `height` (usually none).
pub fn funding_at(network: Network, height: u32) -> Vec<Funding> {
    let s = consensus_params(network).funding;
    let cp = network.params();
    let mut out = Vec::new();
    if height == s.exchange.0 {
        out.push(Funding {
            fund: Fund::Exchange,
            address: cp.exchange_fund_address,
            amount: amount(s.exchange.1),
        });
    }
    if height == s.foundation.0 {
        out.push(Funding {
            fund: Fund::Foundation,
            address: cp.foundation_fund_address,
            amount: amount(s.foundation.1),
        });
    }
    if is_swap_pool_height(network, height) {
        out.push(Funding {
            fund: Fund::SwapPool,
            address: cp.swap_pool_address,
            amount: amount(s.swap_amount),
        });
    }
    out
}

/// What a block at one height pays by rule, as `flux chain subsidy` prints it: the
/// network's name, the [`Payouts`] fields (in zatoshis) and the one-off funding outputs.
///
/// ```
/// use flux_consensus::subsidy::SubsidyInfo;
/// use flux_primitives::Network;
///
/// let info = SubsidyInfo::at(Network::Main, 836_274);
/// let json = serde_json::to_value(&info).unwrap();
/// assert_eq!(json["network"], "main");
/// assert_eq!(json["funding"][0]["fund"], "exchange");
/// assert_eq!(json["subsidy"], 7_500_000_000i64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubsidyInfo {
    /// Network name.
    pub network: &'static str,
    /// Block height.
    pub height: u32,
    /// Block subsidy.
    pub subsidy: Amount,
    /// Cumulus payout.
    pub cumulus: Amount,
    /// Nimbus payout.
    pub nimbus: Amount,
    /// Stratus payout.
    pub stratus: Amount,
    /// Minimum dev-fund output (PoN era; 0 before).
    pub dev_fund: Amount,
    /// What the block producer may keep besides fees.
    pub producer: Amount,
    /// One-off funding outputs required at this height.
    pub funding: Vec<Funding>,
}

impl SubsidyInfo {
    /// The payouts and funding of a block at `height`.
    pub fn at(network: Network, height: u32) -> SubsidyInfo {
        let p = payouts(network, height);
        SubsidyInfo {
            network: network.name(),
            height,
            subsidy: p.subsidy,
            cumulus: p.cumulus,
            nimbus: p.nimbus,
            stratus: p.stratus,
            dev_fund: p.dev_fund,
            producer: p.producer,
            funding: funding_at(network, height),
        }
    }
}
