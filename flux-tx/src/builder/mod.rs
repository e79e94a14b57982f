//! Building and signing v4 (Sapling-format, transparent) transactions.
//!
//! [`TxBuilder`] is the typed builder: inputs with the coins they spend and the keys that sign
//! them ([`Input`]: P2PKH, P2PK, P2SH multisig with partial signing), outputs in the caller's
//! order, change at an explicit place ([`ChangePosition`], by default before any OP_RETURN
//! output because FluxOS reads an app payment's memo from the last output), a fixed fee or a
//! fee rate per kB as fluxd counts it ([`FeeRate`]), the branch id and expiry height from the
//! upgrade table, fluxd's relay policy ([`Policy`]: dust, one OP_RETURN of at most 80 bytes,
//! standard output scripts) and a network check on every key and address.
//!
//! [`build_from_spec`] is the JSON adapter `flux tx build` uses.
//!
//! ```
//! use flux_primitives::{Address, Amount, Network, PrivateKey};
//! use flux_tx::builder::{Input, TxBuilder};
//! use flux_tx::OutPoint;
//!
//! let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
//! let coin = OutPoint::new(flux_primitives::hash::Txid::from_bytes([7; 32]), 0);
//! let to: Address = "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY".parse().unwrap();
//! let me = Address::p2pkh(&key.public_key(), Network::Main);
//! let built = TxBuilder::new(Network::Main)
//!     .height(2_100_001)
//!     .input(Input::p2pkh(coin, Amount::from_zat(150_000_000).unwrap(), key))
//!     .unwrap()
//!     .pay(&to, Amount::from_zat(100_000_000).unwrap())
//!     .unwrap()
//!     .op_return(b"invoice 42")
//!     .change_to(&me)
//!     .unwrap()
//!     .fee(Amount::from_zat(10_000).unwrap())
//!     .build()
//!     .unwrap();
//! assert!(built.complete);
//! // Change went before the OP_RETURN, which stays last.
//! assert_eq!(built.change_index, Some(1));
//! let tx = built.tx.as_standard().unwrap();
//! assert_eq!(tx.outputs[1].value, 49_990_000);
//! assert_eq!(tx.outputs[2].script_pubkey.as_bytes()[0], 0x6a);
//! assert_eq!(tx.expiry_height, 2_100_021);
//! ```

mod error;
mod fee;
mod input;
mod outputs;
mod policy;
mod spec;

pub use error::BuildError;
pub use fee::FeeRate;
pub use input::Input;
pub use outputs::{address_script, ChangePosition};
pub use policy::{dust_threshold, Policy};
pub use spec::build_from_spec;

use flux_primitives::network::upgrade::Upgrade;
use flux_primitives::{Amount, BranchId, Network, ScriptBuf};

use crate::transaction::{StandardTx, TxFormat};
use crate::transparent::{TxIn, TxOut};
use crate::Error;
use fee::Fee;
use input::Checked;
use policy::check_standard_outputs;

/// fluxd's default expiry delta (`DEFAULT_TX_EXPIRY_DELTA`, `main.h`): a transaction built for
/// the block at height `h` expires after block `h + 20`.
pub const DEFAULT_EXPIRY_DELTA: u32 = 20;
/// fluxd's `TX_EXPIRY_HEIGHT_THRESHOLD`: expiry heights must be below it.
pub const TX_EXPIRY_HEIGHT_THRESHOLD: u32 = 500_000_000;

/// A built transaction.
///
/// ```
/// use flux_primitives::{Address, Amount, Network, PrivateKey};
/// use flux_tx::builder::{Input, TxBuilder};
/// use flux_tx::OutPoint;
///
/// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
/// let to = Address::p2pkh(&key.public_key(), Network::Main);
/// let built = TxBuilder::new(Network::Main)
///     .input(Input::p2pkh(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), Amount::ONE_FLUX, key)).unwrap()
///     .pay(&to, Amount::from_zat(99_990_000).unwrap()).unwrap()
///     .build().unwrap();
/// assert!(built.complete);
/// assert_eq!(built.fee, Some(Amount::from_zat(10_000).unwrap()));
/// assert_eq!(built.change_index, None);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Built {
    /// The transaction (v4).
    pub tx: crate::Transaction,
    /// True when every input carries enough signatures.
    pub complete: bool,
    /// What the transaction pays the miner (inputs minus outputs); `None` when the outputs
    /// exceed the inputs (a partial transaction others complete).
    pub fee: Option<Amount>,
    /// Index of the change output, if one was written.
    pub change_index: Option<usize>,
}

/// The typed transaction builder (see the [module documentation](self) for an example).
///
/// Methods that can refuse (a key or address of another network, a key that does not fit
/// its coin) return `Result<TxBuilder, Error>`, so a chain reads with `?`.
#[derive(Debug, Clone)]
pub struct TxBuilder {
    network: Network,
    height: Option<u32>,
    branch_id: Option<BranchId>,
    expiry_height: Option<u32>,
    lock_time: u32,
    inputs: Vec<Checked>,
    outputs: Vec<TxOut>,
    fee: Option<Fee>,
    change: Option<ScriptBuf>,
    change_position: ChangePosition,
    policy: Policy,
    allow_unbalanced: bool,
}

impl TxBuilder {
    /// An empty builder for `network`: no inputs or outputs, lock time 0, the branch id of
    /// the network's latest upgrade and no expiry until [`TxBuilder::height`] says otherwise,
    /// [`Policy::Standard`], change before any OP_RETURN.
    ///
    /// ```
    /// use flux_primitives::Network;
    /// let b = flux_tx::builder::TxBuilder::new(Network::Test);
    /// assert_eq!(b.network(), Network::Test);
    /// ```
    pub fn new(network: Network) -> TxBuilder {
        TxBuilder {
            network,
            height: None,
            branch_id: None,
            expiry_height: None,
            lock_time: 0,
            inputs: Vec::new(),
            outputs: Vec::new(),
            fee: None,
            change: None,
            change_position: ChangePosition::default(),
            policy: Policy::default(),
            allow_unbalanced: false,
        }
    }

    /// The network every key and address must belong to.
    ///
    /// ```
    /// use flux_primitives::Network;
    /// assert_eq!(flux_tx::builder::TxBuilder::new(Network::Main).network(), Network::Main);
    /// ```
    pub fn network(&self) -> Network {
        self.network
    }

    /// The height of the block the transaction is built for (the chain tip + 1): the
    /// signatures commit to the branch id of the upgrade active there, and the transaction
    /// expires after `height + 20` ([`DEFAULT_EXPIRY_DELTA`], as fluxd's
    /// `CreateNewContextualCMutableTransaction`), unless set otherwise.
    ///
    /// ```
    /// use flux_primitives::{Network, Upgrade};
    /// use flux_tx::builder::TxBuilder;
    /// let b = TxBuilder::new(Network::Main).height(2_100_001);
    /// assert_eq!(b.branch_id_used(), Upgrade::branch_id_at(Network::Main, 2_100_001));
    /// ```
    pub fn height(mut self, height: u32) -> TxBuilder {
        self.height = Some(height);
        self
    }

    /// An explicit consensus branch id (instead of the one [`TxBuilder::height`] implies).
    ///
    /// ```
    /// use flux_primitives::{BranchId, Network};
    /// use flux_tx::builder::TxBuilder;
    /// let id = BranchId::from_consensus(0x76b8_09bb);
    /// assert_eq!(TxBuilder::new(Network::Main).branch_id(id).branch_id_used(), id);
    /// ```
    pub fn branch_id(mut self, branch_id: BranchId) -> TxBuilder {
        self.branch_id = Some(branch_id);
        self
    }

    /// An explicit expiry height (0 = never expires).
    ///
    /// ```
    /// use flux_primitives::Network;
    /// let b = flux_tx::builder::TxBuilder::new(Network::Main).expiry_height(0);
    /// # let _ = b;
    /// ```
    pub fn expiry_height(mut self, expiry_height: u32) -> TxBuilder {
        self.expiry_height = Some(expiry_height);
        self
    }

    /// `nLockTime` (default 0).
    ///
    /// ```
    /// use flux_primitives::Network;
    /// let b = flux_tx::builder::TxBuilder::new(Network::Main).lock_time(2_000_000);
    /// # let _ = b;
    /// ```
    pub fn lock_time(mut self, lock_time: u32) -> TxBuilder {
        self.lock_time = lock_time;
        self
    }

    /// The branch id the signatures will commit to: the explicit one, else the one active
    /// at [`TxBuilder::height`], else that of the network's latest upgrade.
    ///
    /// ```
    /// use flux_primitives::Network;
    /// use flux_primitives::network::upgrade::FLUX_BRANCH_ID;
    /// assert_eq!(flux_tx::builder::TxBuilder::new(Network::Main).branch_id_used(), FLUX_BRANCH_ID);
    /// ```
    pub fn branch_id_used(&self) -> BranchId {
        match (self.branch_id, self.height) {
            (Some(b), _) => b,
            (None, Some(h)) => Upgrade::branch_id_at(self.network, h),
            (None, None) => latest_branch_id(self.network),
        }
    }

    /// Lets the outputs and fee exceed the inputs (and, without change, the inputs exceed
    /// outputs + fee): for a partial transaction signed `ANYONECANPAY` that others complete
    /// by adding inputs. Off by default: the builder refuses such transactions.
    ///
    /// ```
    /// use flux_primitives::{Address, Amount, Network};
    /// use flux_tx::builder::TxBuilder;
    ///
    /// let to: Address = "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY".parse().unwrap();
    /// let b = TxBuilder::new(Network::Main).pay(&to, Amount::ONE_FLUX).unwrap();
    /// assert_eq!(b.clone().build().unwrap_err().kind(), "insufficient_funds");
    /// let built = b.allow_unbalanced().build().unwrap();
    /// assert_eq!(built.fee, None);
    /// ```
    pub fn allow_unbalanced(mut self) -> TxBuilder {
        self.allow_unbalanced = true;
        self
    }

    /// The expiry height: explicit, else `height + 20`, else 0.
    fn expiry(&self) -> Result<u32, BuildError> {
        let expiry = match (self.expiry_height, self.height) {
            (Some(e), _) => e,
            (None, Some(h)) => h.saturating_add(DEFAULT_EXPIRY_DELTA),
            (None, None) => 0,
        };
        if expiry >= TX_EXPIRY_HEIGHT_THRESHOLD {
            return Err(BuildError::ExpiryOutOfRange { expiry });
        }
        Ok(expiry)
    }

    /// The unsigned transaction with `outputs`.
    fn unsigned(&self, outputs: Vec<TxOut>, expiry_height: u32) -> StandardTx {
        let mut tx = StandardTx::new(TxFormat::Sapling);
        tx.lock_time = self.lock_time;
        tx.expiry_height = expiry_height;
        tx.inputs = self
            .inputs
            .iter()
            .map(|i| TxIn {
                prevout: i.outpoint,
                script_sig: ScriptBuf::new(),
                sequence: i.sequence,
            })
            .collect();
        tx.outputs = outputs;
        tx
    }

    /// Builds and signs. Every input with keys is signed (partially for a multisig input
    /// with fewer than m keys); inputs without keys are left unsigned and
    /// [`Built::complete`] is false.
    ///
    /// ```
    /// use flux_primitives::{Address, Amount, Network, PrivateKey};
    /// use flux_tx::builder::{Input, TxBuilder};
    /// use flux_tx::OutPoint;
    ///
    /// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
    /// let to: Address = "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY".parse().unwrap();
    /// // 50 zatoshis to a P2PKH script is dust (below 54): fluxd would not relay it.
    /// let e = TxBuilder::new(Network::Main)
    ///     .input(Input::p2pkh(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), Amount::ONE_FLUX, key)).unwrap()
    ///     .pay(&to, Amount::from_zat(50).unwrap()).unwrap()
    ///     .build().unwrap_err();
    /// assert_eq!(e.kind(), "dust");
    /// ```
    pub fn build(&self) -> Result<Built, Error> {
        let branch_id = self.branch_id_used();
        let expiry_height = self.expiry()?;
        let total_in = Amount::checked_sum(self.inputs.iter().map(|i| i.coin.amount))?;
        let total_out = Amount::checked_sum(
            self.outputs
                .iter()
                .map(|o| Amount::from_zat(o.value).unwrap_or(Amount::MAX_MONEY)),
        )?;
        let short = |fee: Amount| BuildError::InsufficientFunds {
            inputs: total_in,
            outputs: total_out,
            fee,
        };

        let mut outputs = self.outputs.clone();
        let mut change_index = None;
        match (self.fee, &self.change) {
            (None, Some(_)) => return Err(BuildError::FeeRequired.into()),
            (Some(fee), Some(change_script)) => {
                let at = self.change_index(&outputs)?;
                let mut change = TxOut {
                    value: 0,
                    script_pubkey: change_script.clone(),
                };
                let fee = match fee {
                    Fee::Fixed(a) => a,
                    Fee::Rate(rate) => {
                        let mut with_change = outputs.clone();
                        with_change.push(change.clone());
                        rate.fee_for(self.signed_size(&with_change)?)
                    }
                };
                let spend = total_out.checked_add(fee).ok_or_else(|| short(fee))?;
                let value = total_in.checked_sub(spend).ok_or_else(|| short(fee))?;
                change.value = value.to_zat();
                let dust = self.policy == Policy::Standard
                    && value < dust_threshold(&change, FeeRate::MIN_RELAY);
                if value > Amount::ZERO && !dust {
                    outputs.insert(at, change);
                    change_index = Some(at);
                }
            }
            (Some(Fee::Fixed(fee)), None) => {
                if !self.allow_unbalanced {
                    let spend = total_out.checked_add(fee).ok_or_else(|| short(fee))?;
                    if spend > total_in {
                        return Err(short(fee).into());
                    }
                    if spend < total_in {
                        return Err(BuildError::FeeMismatch {
                            inputs: total_in,
                            outputs: total_out,
                            fee,
                        }
                        .into());
                    }
                }
            }
            (Some(Fee::Rate(rate)), None) => {
                if !self.allow_unbalanced {
                    let required = rate.fee_for(self.signed_size(&outputs)?);
                    let fee = total_in
                        .checked_sub(total_out)
                        .ok_or_else(|| short(required))?;
                    if fee < required {
                        return Err(BuildError::FeeTooLow { fee, required }.into());
                    }
                }
            }
            (None, None) => {
                if !self.allow_unbalanced && total_out > total_in {
                    return Err(short(Amount::ZERO).into());
                }
            }
        }
        if self.policy == Policy::Standard {
            check_standard_outputs(&outputs)?;
        }
        let paid_out = Amount::checked_sum(
            outputs
                .iter()
                .filter_map(|o| Amount::from_zat(o.value).ok()),
        )?;
        let fee = total_in.checked_sub(paid_out);

        let mut tx = self.unsigned(outputs, expiry_height);
        let complete = self.sign(&mut tx, branch_id)?;
        Ok(Built {
            tx: crate::Transaction::Standard(tx),
            complete,
            fee,
            change_index,
        })
    }
}

/// The branch id of the latest upgrade scheduled on `network` (Flux's shared id when none
/// activates, as on regtest without `-nuparams`).
fn latest_branch_id(network: Network) -> BranchId {
    Upgrade::ALL
        .iter()
        .rev()
        .find(|u| u.activation_height(network).is_some() && **u != Upgrade::Base)
        .map_or(flux_primitives::network::upgrade::FLUX_BRANCH_ID, |u| {
            u.branch_id()
        })
}
