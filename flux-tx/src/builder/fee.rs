//! Fees: a fixed fee or a rate per kB as fluxd applies it, and the signed size a rate is
//! applied to.

use flux_primitives::script::classify::p2pk_key;
use flux_primitives::Amount;

use super::input::{Checked, Plan};
use super::{BuildError, TxBuilder};
use crate::transparent::TxOut;

/// Largest signature a signature script holds: a low-S DER signature (at most 71 bytes) and
/// the hash-type byte. Fee rates are applied to sizes with signatures this long, so the fee
/// never falls below the rate whatever length the real signatures have.
pub(super) const MAX_SIG_LEN: usize = 72;
/// The P2PKH scriptSig of a compressed key, used to size an input signed later.
const P2PKH_SCRIPT_SIG_LEN: usize = 1 + MAX_SIG_LEN + 1 + 33;

/// A fee rate in zatoshis per 1000 bytes, applied as fluxd's `CFeeRate::GetFee` does.
///
/// ```
/// use flux_primitives::Amount;
/// use flux_tx::builder::FeeRate;
///
/// let rate = FeeRate::per_kb(Amount::from_zat(1_000).unwrap());
/// assert_eq!(rate.fee_for(226).to_zat(), 226);
/// // fluxd: a non-zero rate never gives a zero fee; it gives the rate itself.
/// assert_eq!(FeeRate::per_kb(Amount::from_zat(100).unwrap()).fee_for(5).to_zat(), 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FeeRate(i64);

impl FeeRate {
    /// fluxd's default minimum relay fee (`DEFAULT_MIN_RELAY_TX_FEE`, 100 zatoshis per kB),
    /// which also defines dust.
    ///
    /// ```
    /// assert_eq!(flux_tx::builder::FeeRate::MIN_RELAY.to_per_kb().to_zat(), 100);
    /// ```
    pub const MIN_RELAY: FeeRate = FeeRate(100);

    /// A rate of `amount` per 1000 bytes.
    ///
    /// ```
    /// use flux_primitives::Amount;
    /// let r = flux_tx::builder::FeeRate::per_kb(Amount::ONE_ZAT);
    /// assert_eq!(r.to_per_kb(), Amount::ONE_ZAT);
    /// ```
    pub const fn per_kb(amount: Amount) -> FeeRate {
        FeeRate(amount.to_zat())
    }

    /// The rate per 1000 bytes.
    ///
    /// ```
    /// use flux_primitives::Amount;
    /// assert_eq!(flux_tx::builder::FeeRate::default().to_per_kb(), Amount::ZERO);
    /// ```
    pub fn to_per_kb(self) -> Amount {
        // Only `per_kb` and the constants make rates: always an Amount.
        Amount::from_zat(self.0).unwrap_or(Amount::ZERO)
    }

    /// The fee for `size` bytes: `rate * size / 1000` rounded down, but the rate itself when
    /// that is zero and the rate is not (fluxd's `GetFee`); at most `MAX_MONEY`.
    ///
    /// ```
    /// use flux_primitives::Amount;
    /// let r = flux_tx::builder::FeeRate::per_kb(Amount::from_zat(100).unwrap());
    /// assert_eq!(r.fee_for(182).to_zat(), 18);
    /// ```
    pub fn fee_for(self, size: usize) -> Amount {
        let per_k = i128::from(self.0);
        let mut fee = per_k * size as i128 / 1000;
        if fee == 0 && per_k > 0 {
            fee = per_k;
        }
        let capped = fee.min(i128::from(flux_primitives::amount::MAX_MONEY));
        Amount::from_zat(capped as i64).unwrap_or(Amount::MAX_MONEY)
    }
}

/// The fee, fixed or per kB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fee {
    Fixed(Amount),
    Rate(FeeRate),
}

impl Checked {
    /// The scriptSig's length once signed (with the largest signatures), for fee rates.
    pub(super) fn signed_script_sig_len(&self, index: usize) -> Result<usize, BuildError> {
        Ok(match &self.plan {
            Plan::Single { p2pk: true, .. } => 1 + MAX_SIG_LEN,
            Plan::Single { signing, .. } => 1 + MAX_SIG_LEN + 1 + signing.pubkey.len(),
            Plan::Multisig { redeem, m, .. } => 1 + m * (1 + MAX_SIG_LEN) + push_len(redeem.len()),
            Plan::Unsigned => {
                let script = &self.coin.script_pubkey;
                if script.p2pkh_hash().is_some() {
                    P2PKH_SCRIPT_SIG_LEN
                } else if p2pk_key(script.as_bytes()).is_some() {
                    1 + MAX_SIG_LEN
                } else {
                    return Err(BuildError::UnknownInputSize { input: index });
                }
            }
        })
    }
}

/// Length of a push of `n` bytes as fluxd writes it.
fn push_len(n: usize) -> usize {
    n + match n {
        0..=75 => 1,
        76..=0xff => 2,
        0x100..=0xffff => 3,
        _ => 5,
    }
}

/// Length of a `CompactSize` for `n`.
fn compact_size_len(n: usize) -> usize {
    match n {
        0..=252 => 1,
        253..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

impl TxBuilder {
    /// A fixed fee.
    ///
    /// ```
    /// use flux_primitives::{Amount, Network};
    /// let b = flux_tx::builder::TxBuilder::new(Network::Main).fee(Amount::from_zat(10_000).unwrap());
    /// # let _ = b;
    /// ```
    pub fn fee(mut self, fee: Amount) -> TxBuilder {
        self.fee = Some(Fee::Fixed(fee));
        self
    }

    /// A fee rate per kB, applied (fluxd's `GetFee`) to the size of the signed transaction
    /// with the largest signatures.
    ///
    /// ```
    /// use flux_primitives::{Amount, Network};
    /// use flux_tx::builder::{FeeRate, TxBuilder};
    /// let b = TxBuilder::new(Network::Main).fee_rate(FeeRate::per_kb(Amount::from_zat(1_000).unwrap()));
    /// # let _ = b;
    /// ```
    pub fn fee_rate(mut self, rate: FeeRate) -> TxBuilder {
        self.fee = Some(Fee::Rate(rate));
        self
    }

    /// The size of the signed transaction (largest signatures) with `outputs`.
    pub(super) fn signed_size(&self, outputs: &[TxOut]) -> Result<usize, BuildError> {
        let mut size = self.unsigned(outputs.to_vec(), 0).encoded_len();
        for (i, input) in self.inputs.iter().enumerate() {
            let len = input.signed_script_sig_len(i)?;
            // The empty scriptSig's one length byte is already counted.
            size += len + compact_size_len(len) - 1;
        }
        Ok(size)
    }
}
