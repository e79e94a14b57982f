//! The `nBits` a block must carry, from the headers before it (spec 5.1-5.7): DigiShield,
//! Zawy's LWMA, LWMA3, the resets and the ramp around the Equihash upgrades, testnet's
//! min-difficulty blocks and the Proof-of-Node retarget, dispatched as fluxd's
//! `GetNextWorkRequiredByFork` does.
//!
//! All target arithmetic has fluxd's `arith_uint256` semantics (wrapping `+`/`*`,
//! truncating `/`); where fluxd multiplies by a 64-bit value that lands on the `uint32_t`
//! overload the factor is truncated to 32 bits, as in the ZelHash ramp.
//!
//! ```
//! use flux_consensus::difficulty::{next_work_required, HeaderRecord};
//! use flux_consensus::target::CompactTarget;
//! use flux_primitives::Network;
//!
//! // The first 30 PoN blocks use ponStartLimit whatever came before.
//! let bits = CompactTarget::from_consensus(0x1d2ee03b);
//! let prev = [HeaderRecord { height: 2_019_999, time: 1_761_415_068, bits }];
//! assert_eq!(next_work_required(Network::Main, 2_020_000, &prev[..]).unwrap().to_string(), "1f0bffff");
//! ```

use flux_primitives::{Network, Upgrade};

use serde::Serialize;

pub use crate::header_chain::{HeaderChain, HeaderRecord};
use crate::params::consensus_params;
use crate::target::{CompactTarget, U256};
use crate::Error;

/// LWMA's future-time limit used to clamp negative solve times.
const LWMA_FTL: i64 = 360;
/// Number of blocks in the median-time-past.
pub const MEDIAN_TIME_SPAN: u32 = 11;

/// `nPowTargetSpacing` in seconds (from `flux_primitives`' chain parameters).
fn pow_spacing(network: Network) -> i64 {
    i64::from(network.params().pow_target_spacing)
}

/// How many headers before `height` (ending at `height - 1`) [`next_work_required`] may
/// read: 61 for PoW heights (LWMA window plus one; DigiShield needs 28), the PoN window
/// for PoN heights. Fewer suffice near genesis.
pub fn headers_needed(network: Network, height: u32) -> u32 {
    let n = if Upgrade::pon_helper_active(network, height) {
        consensus_params(network).pon_difficulty_window
    } else {
        consensus_params(network).lwma_window + 1
    };
    n.min(height)
}

/// Looks up headers by (possibly negative) height: below genesis there is nothing, which
/// fluxd sees as a null `pprev`; a missing header at a real height is the caller's error.
struct Lookup<'a, C: HeaderChain + ?Sized> {
    chain: &'a C,
    what: &'static str,
}

impl<C: HeaderChain + ?Sized> Lookup<'_, C> {
    fn at(&self, height: i64) -> Result<Option<HeaderRecord>, Error> {
        let Ok(h) = u32::try_from(height) else {
            return Ok(None);
        };
        match self.chain.record(h) {
            Some(r) => Ok(Some(r)),
            None => Err(Error::MissingHeader {
                height: h,
                what: self.what,
            }),
        }
    }

    fn need(&self, height: i64) -> Result<HeaderRecord, Error> {
        self.at(height)?.ok_or(Error::MissingHeader {
            height: 0,
            what: self.what,
        })
    }

    /// `GetMedianTimePast` of the block at `height`: the median of its time and up to ten
    /// before it (fewer near genesis).
    fn median_time_past(&self, height: i64) -> Result<i64, Error> {
        let mut times = Vec::with_capacity(MEDIAN_TIME_SPAN as usize);
        for back in 0..i64::from(MEDIAN_TIME_SPAN) {
            match self.at(height - back)? {
                Some(r) => times.push(i64::from(r.time)),
                None => break,
            }
        }
        times.sort_unstable();
        Ok(times.get(times.len() / 2).copied().unwrap_or(0))
    }
}

/// The target a compact value decodes to, ignoring the sign and overflow flags as fluxd's
/// PoW code does (`SetCompact` without flags).
fn target(bits: CompactTarget) -> U256 {
    bits.target_raw().0
}

/// `nBits` required for the block at `height` whose predecessors `prev` supplies, when the
/// block's own time is not known (fluxd's callers that pass no block; testnet's
/// min-difficulty rule is then not applied).
pub fn next_work_required<C: HeaderChain + ?Sized>(
    network: Network,
    height: u32,
    prev: &C,
) -> Result<CompactTarget, Error> {
    next_work_required_for_block(network, height, prev, None)
}

/// `GetNextWorkRequiredByFork`: `nBits` required for the block at `height` with time
/// `block_time` (used by testnet's and regtest's min-difficulty rule), from the headers
/// before it.
pub fn next_work_required_for_block<C: HeaderChain + ?Sized>(
    network: Network,
    height: u32,
    prev: &C,
    block_time: Option<u32>,
) -> Result<CompactTarget, Error> {
    let p = consensus_params(network);
    if height == 0 {
        return Ok(p.pow_limit_bits);
    }
    let last_height = i64::from(height) - 1;
    if Upgrade::pon_helper_active(network, height) {
        let look = Lookup {
            chain: prev,
            what: "the PoN difficulty",
        };
        return pon_next(network, &look, last_height);
    }
    let look = Lookup {
        chain: prev,
        what: "the PoW difficulty",
    };
    pow_next(network, &look, last_height, block_time)
}

/// fluxd's `eh_epoch_N_end()`: activation + fade − 1 (computed like fluxd's unsigned
/// arithmetic, which gives the same value for "never" = −1).
fn epoch_end(network: Network, upgrade: Upgrade) -> i64 {
    upgrade.activation_height_raw(network) + i64::from(consensus_params(network).eh_fade_length) - 1
}

/// `GetNextWorkRequired` (spec 5.1).
fn pow_next<C: HeaderChain + ?Sized>(
    network: Network,
    look: &Lookup<'_, C>,
    last_height: i64,
    block_time: Option<u32>,
) -> Result<CompactTarget, Error> {
    let p = consensus_params(network);
    let limit_bits = p.pow_limit_bits;
    let last = look.need(last_height)?;

    // Reset to powLimit for 61 blocks after the Equihash 144,5 fade window.
    let e1 = epoch_end(network, Upgrade::Equihash144_5);
    if last_height >= e1 && last_height < e1 + 61 {
        return Ok(limit_bits);
    }
    // Ramp after the ZelHash fade window: LWMA3's target plus (e2 + 61 − last)/32 of it,
    // the multiplier truncated to uint32 and the sum wrapping [quirk].
    let e2 = epoch_end(network, Upgrade::Kamiooka);
    if last_height >= e2 && last_height < e2 + 64 {
        let full = target(lwma3(network, look, last_height)?);
        let step = full.shift_right(5);
        let mult = (e2 + 61 - last_height) as u64 as u32;
        let mut next = full.wrapping_add(step.wrapping_mul_u64(u64::from(mult)));
        if next > p.pow_limit {
            next = p.pow_limit;
        }
        return Ok(CompactTarget::from_target(next));
    }
    // Testnet and regtest: a block more than two spacings after its parent may be easy.
    if p.allow_min_difficulty {
        if let Some(t) = block_time {
            if i64::from(t) > i64::from(last.time) + 2 * pow_spacing(network) {
                return Ok(limit_bits);
            }
        }
    }
    // The 17-block walk of every PoW algorithm: too short a chain gives powLimit.
    let window = i64::from(p.digishield_window);
    let first_height = last_height - window;
    if first_height < 0 {
        return Ok(limit_bits);
    }
    let mut total = U256::ZERO;
    for h in (first_height + 1)..=last_height {
        total = total.wrapping_add(target(look.need(h)?.bits));
    }
    let avg = total.div_u64(window as u64);

    let height = last_height + 1;
    if height < Upgrade::Lwma.activation_height_raw(network) {
        Ok(digishield(
            network,
            avg,
            look.median_time_past(last_height)?,
            look.median_time_past(first_height)?,
        ))
    } else if height < Upgrade::Acadia.activation_height_raw(network) {
        lwma(network, look, last_height)
    } else {
        lwma3(network, look, last_height)
    }
}

/// DigiShield v3 retarget from the 17-block average target and the two median times
/// (`DigishieldCalculateNextWorkRequired`, spec 5.2).
pub fn digishield(network: Network, avg: U256, last_mtp: i64, first_mtp: i64) -> CompactTarget {
    let p = consensus_params(network);
    digishield_with(
        DigishieldParams {
            window: i64::from(p.digishield_window),
            spacing: pow_spacing(network),
            max_adjust_up: p.digishield_max_adjust_up,
            max_adjust_down: p.digishield_max_adjust_down,
            pow_limit: p.pow_limit,
        },
        avg,
        last_mtp,
        first_mtp,
    )
}

/// DigiShield's parameters, separate so the inherited Zcash vectors can be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigishieldParams {
    /// Averaging window in blocks.
    pub window: i64,
    /// Target spacing in seconds.
    pub spacing: i64,
    /// Maximum adjustment up (percent).
    pub max_adjust_up: i64,
    /// Maximum adjustment down (percent).
    pub max_adjust_down: i64,
    /// Easiest target.
    pub pow_limit: U256,
}

/// DigiShield with explicit parameters.
pub fn digishield_with(
    p: DigishieldParams,
    avg: U256,
    last_mtp: i64,
    first_mtp: i64,
) -> CompactTarget {
    let span = p.window * p.spacing;
    let min = span * (100 - p.max_adjust_up) / 100;
    let max = span * (100 + p.max_adjust_down) / 100;
    // Rust's `/` truncates toward zero like C++'s.
    let mut actual = span + (last_mtp - first_mtp - span) / 4;
    if actual < min {
        actual = min;
    }
    if actual > max {
        actual = max;
    }
    let mut next = avg
        .div_u64(span as u64)
        .wrapping_mul_u64(u64::from(actual as u32));
    if next > p.pow_limit {
        next = p.pow_limit;
    }
    CompactTarget::from_target(next)
}

/// Zawy's LWMA (`LWMACalculateNextWorkRequired`, spec 5.3).
fn lwma<C: HeaderChain + ?Sized>(
    network: Network,
    look: &Lookup<'_, C>,
    last_height: i64,
) -> Result<CompactTarget, Error> {
    let p = consensus_params(network);
    let t_spacing = pow_spacing(network);
    let n = i64::from(p.lwma_window);
    let k = n * (n + 1) * t_spacing / 2;
    if last_height <= n {
        // fluxd asserts here; no network reaches it.
        return Err(Error::LwmaChainTooShort {
            height: last_height,
            window: n,
        });
    }
    let mut sum = U256::ZERO;
    let mut t: i64 = 0;
    let mut prev_time = i64::from(look.need(last_height - n)?.time);
    for (j, h) in ((last_height - n + 1)..=last_height).enumerate() {
        let b = look.need(h)?;
        let time = i64::from(b.time);
        let solvetime = (time - prev_time).clamp(-LWMA_FTL, 6 * t_spacing);
        prev_time = time;
        t += solvetime * (j as i64 + 1);
        sum = sum.wrapping_add(target(b.bits).div_u64((k * n) as u64));
    }
    if t < k / 10 {
        t = k / 10;
    }
    let mut next = sum.wrapping_mul(U256::from_u64(t as u64));
    if next > p.pow_limit {
        next = p.pow_limit;
    }
    Ok(CompactTarget::from_target(next))
}

/// LWMA3 (`Lwma3CalculateNextWorkRequired`, spec 5.4).
fn lwma3<C: HeaderChain + ?Sized>(
    network: Network,
    look: &Lookup<'_, C>,
    last_height: i64,
) -> Result<CompactTarget, Error> {
    let p = consensus_params(network);
    let t_spacing = pow_spacing(network);
    let n = i64::from(p.lwma_window);
    let k = n * (n + 1) * t_spacing / 2;
    let lim = p.pow_limit;
    if last_height < n {
        return Ok(CompactTarget::from_target(lim));
    }
    let mut prev_ts = i64::from(look.need(last_height - n)?.time);
    let mut sum = U256::ZERO;
    let mut last_target = U256::ZERO;
    let mut t: i64 = 0;
    for (j, h) in ((last_height - n + 1)..=last_height).enumerate() {
        let b = look.need(h)?;
        let time = i64::from(b.time);
        let this_ts = if time > prev_ts { time } else { prev_ts + 1 };
        let solvetime = (6 * t_spacing).min(this_ts - prev_ts);
        prev_ts = this_ts;
        t += solvetime * (j as i64 + 1);
        let tg = target(b.bits);
        sum = sum.wrapping_add(tg.div_u64((k * n) as u64));
        last_target = tg;
    }
    let mut next = sum.wrapping_mul(U256::from_u64(t as u64));
    let high = last_target.wrapping_mul_u64(150).div_u64(100);
    let low = last_target.wrapping_mul_u64(67).div_u64(100);
    if next > high {
        next = high;
    }
    if low > next {
        next = low;
    }
    if next > lim {
        next = lim;
    }
    Ok(CompactTarget::from_target(next))
}

/// `GetNextPONWorkRequired` (spec 5.7).
fn pon_next<C: HeaderChain + ?Sized>(
    network: Network,
    look: &Lookup<'_, C>,
    last_height: i64,
) -> Result<CompactTarget, Error> {
    let p = consensus_params(network);
    let start_bits = p.pon_start_limit_bits;
    let activation = Upgrade::Pon.activation_height_raw(network);
    let window = i64::from(p.pon_difficulty_window);
    let height = last_height + 1;
    if height < activation {
        return Ok(look.need(last_height)?.bits);
    }
    if height < activation + window {
        return Ok(start_bits);
    }
    let first_height = last_height - (window - 1);
    if first_height < activation || first_height < 0 {
        return Ok(start_bits);
    }
    let last = look.need(last_height)?;
    let first = look.need(first_height)?;
    let target_span = (window - 1) * i64::from(network.params().pon_target_spacing);
    let actual = (i64::from(last.time) - i64::from(first.time))
        .max(target_span * 4 / 5)
        .min(target_span * 5 / 4);
    let (old, negative, overflow) = last.bits.target_raw();
    if negative || overflow || old.is_zero() {
        return Ok(p.pon_limit_bits);
    }
    let mut next = old
        .div_u64(target_span as u64)
        .wrapping_mul_u64(u64::from(actual as u32));
    if next > p.pon_limit || next.is_zero() {
        next = p.pon_limit;
    }
    Ok(CompactTarget::from_target(next))
}

/// The work required of the next block, as `flux chain next-bits` prints it:
/// `{"height", "bits", "target"}` (the target as fluxd's 64-hex-digit `GetHex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextWork {
    /// Height of the block the work is for (the newest previous header's height + 1).
    pub height: u32,
    /// Its required `nBits`.
    pub bits: CompactTarget,
    /// The target `bits` encodes (as fluxd's PoW code reads it: without sign or overflow).
    pub target: U256,
}

/// `GetNextWorkRequired` for the block after `prev` (consecutive headers, oldest first,
/// as [`HeaderRecord::list_from_json`] reads them); `block_time` is the candidate block's
/// time, which testnet's and regtest's minimum-difficulty rule needs. With no headers the
/// block is the genesis block. Every era is covered: DigiShield, LWMA, LWMA3, the resets and
/// the ZelHash ramp, testnet minimum difficulty and Proof of Node.
///
/// ```
/// use flux_consensus::difficulty::next_work;
/// use flux_consensus::header_chain::HeaderRecord;
/// use flux_primitives::Network;
///
/// let prev = HeaderRecord::list_from_json(r#"[{"height": 2019999, "time": 1761415068, "bits": "1d2ee03b"}]"#).unwrap();
/// let next = next_work(Network::Main, &prev, None).unwrap();
/// assert_eq!((next.height, next.bits.to_string()), (2_020_000, "1f0bffff".to_string()));
/// assert_eq!(
///     serde_json::to_value(next).unwrap()["target"],
///     "000bffff00000000000000000000000000000000000000000000000000000000"
/// );
/// ```
pub fn next_work(
    network: Network,
    prev: &[HeaderRecord],
    block_time: Option<u32>,
) -> Result<NextWork, Error> {
    let height = match prev.last() {
        Some(last) => last.height.checked_add(1).ok_or(Error::TooManyHeaders {
            count: prev.len(),
            tip_height: last.height,
        })?,
        None => 0,
    };
    let bits = next_work_required_for_block(network, height, prev, block_time)?;
    Ok(NextWork {
        height,
        bits,
        target: target(bits),
    })
}

/// `GetMedianTimePast` of the block at `height`, from the headers `chain` holds.
pub fn median_time_past<C: HeaderChain + ?Sized>(chain: &C, height: u32) -> Result<i64, Error> {
    Lookup {
        chain,
        what: "the median time past",
    }
    .median_time_past(i64::from(height))
}
