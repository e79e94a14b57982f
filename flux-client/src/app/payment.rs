//! The payment that makes an app registration or update permanent (fluxos.md §6.3): the
//! required amount to the deployment address in force, change, and the message hash as the
//! **last** output's OP_RETURN, built and signed with flux-tx's [`TxBuilder`].
//!
//! FluxOS's block scanner (`explorerService.processInsight` / `processStandard`) sums what a
//! v1–v4 transaction pays the app addresses and takes the memo from the **last** output that
//! has an `asm`: every output overwrites it, so a change output after the OP_RETURN would
//! blank the memo and the payment would never be indexed (the FLUX is spent all the same).
//! The memo is the 64 ASCII characters of the hash, not its 32 bytes. A hash is indexed once.
//!
//! ```
//! use flux_client::app::payment::{AppPayment, Utxo};
//! use flux_primitives::{Amount, PrivateKey};
//!
//! let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
//! let utxos = Utxo::list_from_json(
//!     r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 150000000}]"#,
//! ).unwrap();
//! let hash = "a4d3a8f0e37e8c1c1b4ba45fcdfe16cdc5fdc2b7e45e27c92e8fdf3b1d3e6a9c";
//! let paid = AppPayment::new(hash, Amount::from_zat(60_000_000).unwrap())
//!     .unwrap()
//!     .height(2_200_000)
//!     .build(&utxos, &key)
//!     .unwrap();
//! let tx = paid.tx.as_standard().unwrap();
//! assert_eq!(paid.deployment_address.to_string(), "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX");
//! assert_eq!(tx.outputs[0].value, 60_000_000);              // the deployment address
//! assert_eq!(tx.outputs[1].value, 150_000_000 - 60_000_000 - 10_000); // change
//! assert_eq!(&tx.outputs[2].script_pubkey.as_bytes()[2..], hash.as_bytes()); // memo, last
//! ```

use flux_primitives::hash::Txid;
use flux_primitives::{Address, Amount, Network, PrivateKey};
use flux_tx::builder::{Input, TxBuilder};
use flux_tx::{OutPoint, Transaction};
use serde::{Deserialize, Serialize};

use super::params;
use super::AppError;

/// The first app payment address (`config.fluxapps.address`), paid at every height.
pub const APP_ADDRESS: &str = "t1LUs6quf7TB2zVZmexqPQdnqmrFMGZGjV6";
/// The foundation multisig (`addressMultisig`), the deployment address from
/// [`MULTISIG_HEIGHT`].
pub const APP_ADDRESS_MULTISIG: &str = "t3aGJvdtd8NR6GrnqnRuVEzH6MbrXuJFLUX";
/// The second foundation multisig (`addressMultisigB`), the deployment address from
/// [`MULTISIG_B_HEIGHT`] (today's).
pub const APP_ADDRESS_MULTISIG_B: &str = "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX";
/// Height from which [`APP_ADDRESS_MULTISIG`] is the deployment address and counts as paid
/// (`appSpecsEnforcementHeights[6]`).
pub const MULTISIG_HEIGHT: u64 = 1_300_000;
/// Height from which [`APP_ADDRESS_MULTISIG_B`] is the deployment address and counts as paid
/// (`multisigAddressChange`).
pub const MULTISIG_B_HEIGHT: u64 = 1_670_000;
/// The fee in zatoshis when none is given: 10 000 (0.0001 FLUX), what Flux wallets pay for a
/// transparent transaction, far above fluxd's relay minimum for a payment's size.
pub const DEFAULT_FEE_ZAT: i64 = 10_000;

/// The deployment address FluxOS gives at `height` (`deploymentInfoService`: the daemon's
/// height decides; [`APP_ADDRESS_MULTISIG_B`] from [`MULTISIG_B_HEIGHT`],
/// [`APP_ADDRESS_MULTISIG`] from [`MULTISIG_HEIGHT`], [`APP_ADDRESS`] before). Mainnet
/// addresses: FluxOS compares the addresses' text, so app payments exist on mainnet only.
///
/// ```
/// use flux_client::app::payment::deployment_address;
/// assert_eq!(deployment_address(2_200_000).to_string(), "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX");
/// assert_eq!(deployment_address(1_669_999).to_string(), "t3aGJvdtd8NR6GrnqnRuVEzH6MbrXuJFLUX");
/// assert_eq!(deployment_address(1_299_999).to_string(), "t1LUs6quf7TB2zVZmexqPQdnqmrFMGZGjV6");
/// ```
pub fn deployment_address(height: u64) -> Address {
    let text = if height >= MULTISIG_B_HEIGHT {
        APP_ADDRESS_MULTISIG_B
    } else if height >= MULTISIG_HEIGHT {
        APP_ADDRESS_MULTISIG
    } else {
        APP_ADDRESS
    };
    parse_mainnet(text)
}

/// True when FluxOS's scanner counts an output paying `address` in a block at `height` as
/// an app payment (its production rule; a development node also counts
/// `t1Mzja9iJcEYeW5B4m4s1tJG8M42odFZ16A`).
///
/// ```
/// use flux_client::app::payment::{counts_as_app_payment, APP_ADDRESS_MULTISIG_B};
/// let b = APP_ADDRESS_MULTISIG_B.parse().unwrap();
/// assert!(counts_as_app_payment(&b, 1_670_000));
/// assert!(!counts_as_app_payment(&b, 1_669_999));
/// ```
pub fn counts_as_app_payment(address: &Address, height: u64) -> bool {
    let is = |text: &str| *address == parse_mainnet(text);
    is(APP_ADDRESS)
        || (is(APP_ADDRESS_MULTISIG) && height >= MULTISIG_HEIGHT)
        || (is(APP_ADDRESS_MULTISIG_B) && height >= MULTISIG_B_HEIGHT)
}

/// One of this module's constant mainnet addresses.
fn parse_mainnet(text: &str) -> Address {
    // The constants above are valid mainnet addresses (the doc tests parse each); the
    // fallback is never taken.
    Address::from_str_for_network(text, Network::Main).unwrap_or_else(|_| {
        Address::new(
            Network::Main,
            flux_primitives::address::Payload::P2sh([0; 20]),
        )
    })
}

/// Why a payment cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaymentError {
    /// The hash is not FluxOS's message hash: 64 lowercase hex characters.
    #[error("the message hash must be 64 lowercase hex characters (the hash FluxOS returned), got {len} characters{}", if *.hex { "" } else { " that are not all lowercase hex" })]
    InvalidHash {
        /// Its length in characters.
        len: usize,
        /// Whether every character was lowercase hex.
        hex: bool,
    },
    /// App payments go to mainnet addresses; another network needs an explicit address.
    #[error("FluxOS's app payment addresses are mainnet addresses: on {network}, give the deployment address")]
    NoDeploymentAddress {
        /// The network asked for.
        network: Network,
    },
    /// The inputs list is not `[{"txid","vout","amount"}]`.
    #[error(
        "inputs: {reason} (expected [{{\"txid\": hex, \"vout\": n, \"amount\": zatoshis}}, ...])"
    )]
    InvalidInputs {
        /// serde's explanation, with line and column.
        reason: String,
    },
    /// No inputs to pay from.
    #[error("no inputs to pay from")]
    NoInputs,
    /// The transaction builder refused (wrong network key, insufficient funds, ...).
    #[error(transparent)]
    Build(#[from] flux_tx::Error),
}

impl PaymentError {
    /// Stable machine-readable code; the builder's own for [`PaymentError::Build`]
    /// (`wrong_network`, `insufficient_funds`, ...).
    ///
    /// ```
    /// use flux_client::app::payment::PaymentError;
    /// assert_eq!(PaymentError::NoInputs.kind(), "no_inputs");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            PaymentError::InvalidHash { .. } => "invalid_hash",
            PaymentError::NoDeploymentAddress { .. } => "no_deployment_address",
            PaymentError::InvalidInputs { .. } => "invalid_inputs",
            PaymentError::NoInputs => "no_inputs",
            PaymentError::Build(e) => e.kind(),
        }
    }
}

impl From<PaymentError> for AppError {
    fn from(e: PaymentError) -> Self {
        AppError::Payment(e)
    }
}

/// The fields of `flux app payment --inputs` ([`Utxo::list_from_json`]), as its `--help`
/// shows them.
///
/// ```
/// assert!(flux_client::app::payment::INPUTS_FIELDS.contains("vout"));
/// ```
pub const INPUTS_FIELDS: &str = "\
--inputs: a JSON array of the coins to spend, P2PKH outputs of --wif's key:
  txid     the transaction holding the coin (display hex)
  vout     its output index
  amount   its value in zatoshis
  e.g. [{\"txid\": \"4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff\", \"vout\": 0, \"amount\": 150000000}]
Other fields (as explorers give them) are ignored. Outputs, in this order: the deployment
address for --height (t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX from 1670000), change, and the
memo (the hash's 64 characters as OP_RETURN data), last, where FluxOS reads it.
Prints {\"hex\", \"txid\"}.";

/// A coin to pay from: a P2PKH output of the paying key.
///
/// ```
/// use flux_client::app::payment::Utxo;
/// let u = Utxo::list_from_json(r#"[{"txid":"11111111111111111111111111111111111111111111111111111111111111aa","vout":1,"amount":5000}]"#).unwrap();
/// assert_eq!(u[0].vout, 1);
/// assert_eq!(u[0].amount.to_zat(), 5000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Utxo {
    /// The transaction holding the coin (display hex).
    pub txid: Txid,
    /// Its output index.
    pub vout: u32,
    /// Its value in zatoshis.
    pub amount: Amount,
}

impl Utxo {
    /// Reads `[{"txid", "vout", "amount"}, ...]` (amount in zatoshis; other fields, such as
    /// an explorer's, are ignored).
    ///
    /// ```
    /// use flux_client::app::payment::Utxo;
    /// let e = Utxo::list_from_json(r#"[{"txid":"zz","vout":0,"amount":1}]"#).unwrap_err();
    /// assert_eq!(e.kind(), "invalid_inputs");
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<Utxo>, PaymentError> {
        serde_json::from_str(text).map_err(|e| PaymentError::InvalidInputs {
            reason: e.to_string(),
        })
    }

    /// The outpoint.
    ///
    /// ```
    /// use flux_client::app::payment::Utxo;
    /// let u = Utxo::list_from_json(r#"[{"txid":"11111111111111111111111111111111111111111111111111111111111111aa","vout":1,"amount":5000}]"#).unwrap();
    /// assert_eq!(u[0].outpoint().vout, 1);
    /// ```
    pub fn outpoint(&self) -> OutPoint {
        OutPoint::new(self.txid, self.vout)
    }
}

/// A payment to build: the message hash, the amount, and where and how it is paid.
///
/// ```
/// use flux_client::app::payment::AppPayment;
/// use flux_primitives::Amount;
/// let e = AppPayment::new("ABC", Amount::ONE_FLUX).unwrap_err();
/// assert_eq!(e.kind(), "invalid_hash");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPayment {
    hash: String,
    amount: Amount,
    network: Network,
    height: Option<u64>,
    fee: Amount,
    change: Option<Address>,
    to: Option<Address>,
}

/// A built payment.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PaidApp {
    /// The signed transaction: deployment address, change (if any), memo last.
    pub tx: Transaction,
    /// Where the amount goes.
    pub deployment_address: Address,
    /// The fee paid (dust change, if any, included).
    pub fee: Amount,
    /// The change returned, if there is a change output.
    pub change: Option<Amount>,
}

/// What `flux app payment` prints: `{"hex", "txid"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentView {
    /// The signed transaction, ready for `sendrawtransaction`.
    pub hex: String,
    /// Its txid.
    pub txid: String,
}

impl PaidApp {
    /// The `{"hex", "txid"}` view.
    ///
    /// ```
    /// use flux_client::app::payment::{AppPayment, Utxo};
    /// use flux_primitives::{Amount, PrivateKey};
    /// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
    /// let utxos = Utxo::list_from_json(r#"[{"txid":"11111111111111111111111111111111111111111111111111111111111111aa","vout":0,"amount":100000000}]"#).unwrap();
    /// let paid = AppPayment::new(&"ab".repeat(32), Amount::from_zat(1_000_000).unwrap()).unwrap()
    ///     .build(&utxos, &key).unwrap();
    /// let view = paid.view();
    /// assert_eq!(view.txid, paid.tx.txid().to_string());
    /// assert!(view.hex.starts_with("0400008085202f89"));
    /// ```
    pub fn view(&self) -> PaymentView {
        PaymentView {
            hex: hex::encode(self.tx.to_bytes()),
            txid: self.tx.txid().to_string(),
        }
    }
}

impl AppPayment {
    /// A payment of `amount` for the message whose hash FluxOS returned (64 lowercase hex
    /// characters), on mainnet, at the current deployment address, with [`DEFAULT_FEE_ZAT`] and
    /// change back to the paying key's P2PKH address. `amount` should be at least what
    /// [`super::price::registration_amount`] or [`super::price::update_amount`] require:
    /// underpaying spends the FLUX without registering.
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// assert!(AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).is_ok());
    /// ```
    pub fn new(hash: &str, amount: Amount) -> Result<AppPayment, PaymentError> {
        let hex = hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if hash.len() != 64 || !hex {
            return Err(PaymentError::InvalidHash {
                len: hash.chars().count(),
                hex,
            });
        }
        Ok(AppPayment {
            hash: hash.to_string(),
            amount,
            network: Network::Main,
            height: None,
            fee: Amount::from_zat(DEFAULT_FEE_ZAT).unwrap_or(Amount::ZERO),
            change: None,
            to: None,
        })
    }

    /// The network of the keys and addresses (default mainnet).
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::{Amount, Network};
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap().network(Network::Test);
    /// assert_eq!(p.deployment_address().unwrap_err().kind(), "no_deployment_address");
    /// ```
    pub fn network(mut self, network: Network) -> AppPayment {
        self.network = network;
        self
    }

    /// The height of the block the payment is built for: it picks the deployment address,
    /// the branch id the signatures commit to, and the expiry (20 blocks later).
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap().height(1_500_000);
    /// assert_eq!(p.deployment_address().unwrap().to_string(), "t3aGJvdtd8NR6GrnqnRuVEzH6MbrXuJFLUX");
    /// ```
    pub fn height(mut self, height: u64) -> AppPayment {
        self.height = Some(height);
        self
    }

    /// The fee (default [`DEFAULT_FEE_ZAT`]).
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap().fee(Amount::from_zat(2_000).unwrap());
    /// # let _ = p;
    /// ```
    pub fn fee(mut self, fee: Amount) -> AppPayment {
        self.fee = fee;
        self
    }

    /// Where change goes (default: the paying key's P2PKH address).
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap()
    ///     .change_to("t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY".parse().unwrap());
    /// # let _ = p;
    /// ```
    pub fn change_to(mut self, address: Address) -> AppPayment {
        self.change = Some(address);
        self
    }

    /// Pays `address` instead of the deployment address by height (a FluxOS on another
    /// network, or the address `/apps/deploymentinformation` returned).
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// let to: flux_primitives::Address = "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX".parse().unwrap();
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap().pay_to(to);
    /// assert_eq!(p.deployment_address().unwrap(), to);
    /// ```
    pub fn pay_to(mut self, address: Address) -> AppPayment {
        self.to = Some(address);
        self
    }

    /// The address the amount goes to: the explicit one, else the deployment address at the
    /// height (today's without one) on mainnet.
    ///
    /// ```
    /// use flux_client::app::payment::AppPayment;
    /// use flux_primitives::Amount;
    /// let p = AppPayment::new(&"0f".repeat(32), Amount::ONE_FLUX).unwrap();
    /// assert_eq!(p.deployment_address().unwrap().to_string(), "t3NryfAQLGeFs9jEoeqsxmBN2QLRaRKFLUX");
    /// ```
    pub fn deployment_address(&self) -> Result<Address, PaymentError> {
        match (self.to, self.network) {
            (Some(a), _) => Ok(a),
            (None, Network::Main) => Ok(deployment_address(self.height.unwrap_or(u64::MAX))),
            (None, network) => Err(PaymentError::NoDeploymentAddress { network }),
        }
    }

    /// Builds and signs the payment from `utxos`, P2PKH coins of `key`: outputs in this
    /// order: the deployment address, change (unless none is left), the memo. The key and
    /// every address must belong to the payment's network.
    ///
    /// ```
    /// use flux_client::app::payment::{AppPayment, Utxo};
    /// use flux_primitives::{Amount, Network, PrivateKey};
    /// // A testnet key cannot pay a mainnet app.
    /// let key = PrivateKey::from_slice(&[1; 32], true, Network::Test).unwrap();
    /// let utxos = Utxo::list_from_json(r#"[{"txid":"11111111111111111111111111111111111111111111111111111111111111aa","vout":0,"amount":100000000}]"#).unwrap();
    /// let e = AppPayment::new(&"ab".repeat(32), Amount::ONE_FLUX).unwrap().build(&utxos, &key).unwrap_err();
    /// assert_eq!(e.kind(), "wrong_network");
    /// ```
    pub fn build(&self, utxos: &[Utxo], key: &PrivateKey) -> Result<PaidApp, PaymentError> {
        if utxos.is_empty() {
            return Err(PaymentError::NoInputs);
        }
        let to = self.deployment_address()?;
        let change = match self.change {
            Some(a) => a,
            None => Address::p2pkh(&key.public_key(), self.network),
        };
        let mut b = TxBuilder::new(self.network);
        if let Some(h) = self.height {
            // Heights beyond u32 are no block height: leave the builder's defaults.
            if let Ok(h) = u32::try_from(h) {
                b = b.height(h);
            }
        }
        for u in utxos {
            b = b.input(Input::p2pkh(u.outpoint(), u.amount, key.clone()))?;
        }
        // The memo is the hash's 64 ASCII characters; the builder puts change before it, so
        // it is the last output, where FluxOS reads it.
        let built = b
            .pay(&to, self.amount)?
            .change_to(&change)?
            .op_return(self.hash.as_bytes())
            .fee(self.fee)
            .build()?;
        let change = built.change_index.and_then(|i| {
            built
                .tx
                .as_standard()
                .and_then(|t| t.outputs.get(i))
                .and_then(|o| Amount::from_zat(o.value).ok())
        });
        Ok(PaidApp {
            fee: built.fee.unwrap_or(self.fee),
            tx: built.tx,
            deployment_address: to,
            change,
        })
    }
}

// `params` holds FluxOS's other constants; the v6 enforcement height is the multisig's.
const _: () = assert!(params::SPEC_ENFORCEMENT_HEIGHTS[5].1 == MULTISIG_HEIGHT);
