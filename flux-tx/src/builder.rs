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

use flux_primitives::address::{Address, AddressKind};
use flux_primitives::codec::Encode;
use flux_primitives::hash::hash160;
use flux_primitives::network::upgrade::Upgrade;
use flux_primitives::script::classify::{multisig_keys, p2pk_key};
use flux_primitives::script::{Builder, Instruction, Opcode, ScriptClass, MAX_OP_RETURN_RELAY};
use flux_primitives::{Amount, BranchId, Network, PrivateKey, ScriptBuf};
use serde_json::Value;

use crate::sighash::{SighashCache, SighashType};
use crate::sign::{p2pkh_script_sig, p2sh_multisig_script_sig, sign_input, SpentOutput};
use crate::spec::Fields;
use crate::transaction::{StandardTx, TxFormat};
use crate::transparent::{OutPoint, TxIn, TxOut};
use crate::Error;

/// fluxd's MAX_MONEY in zatoshis (440 million FLUX), the largest amount a field may hold.
const MAX_MONEY: u64 = flux_primitives::amount::MAX_MONEY as u64;
/// fluxd's default expiry delta (`DEFAULT_TX_EXPIRY_DELTA`, `main.h`): a transaction built for
/// the block at height `h` expires after block `h + 20`.
pub const DEFAULT_EXPIRY_DELTA: u32 = 20;
/// fluxd's `TX_EXPIRY_HEIGHT_THRESHOLD`: expiry heights must be below it.
pub const TX_EXPIRY_HEIGHT_THRESHOLD: u32 = 500_000_000;
/// Largest signature a signature script holds: a low-S DER signature (at most 71 bytes) and
/// the hash-type byte. Fee rates are applied to sizes with signatures this long, so the fee
/// never falls below the rate whatever length the real signatures have.
const MAX_SIG_LEN: usize = 72;
/// The P2PKH scriptSig of a compressed key, used to size an input signed later.
const P2PKH_SCRIPT_SIG_LEN: usize = 1 + MAX_SIG_LEN + 1 + 33;

/// Why the builder refuses: a key or address of another network, a key that cannot sign
/// the coin it is given for, amounts that do not add up, or an output fluxd would not relay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A key of another network (a testnet WIF in a mainnet transaction, or the reverse).
    #[error("input {input}: a {found} key cannot sign a {expected} transaction")]
    KeyNetwork {
        /// The input the key was given for.
        input: usize,
        /// The builder's network.
        expected: Network,
        /// The key's network.
        found: Network,
    },
    /// An address of another network.
    #[error("a {found} address cannot be paid by a {expected} transaction")]
    AddressNetwork {
        /// The builder's network.
        expected: Network,
        /// The address's network.
        found: Network,
    },
    /// A shielded address or a ZelID where a transparent (P2PKH or P2SH) address is needed.
    #[error("a {kind} address is not a transparent (P2PKH or P2SH) address")]
    NotTransparent {
        /// What the address is.
        kind: AddressKind,
    },
    /// A signature hash type other than ALL, NONE or SINGLE (optionally |ANYONECANPAY).
    #[error("input {input}: signature hash type {sighash:#x} is not ALL, NONE or SINGLE (optionally |ANYONECANPAY)")]
    NonStandardSighash {
        /// The input.
        input: usize,
        /// The hash type given.
        sighash: u32,
    },
    /// The key is not the one the spent P2PKH or P2PK script pays.
    #[error("input {input}: the key is not the one its P2PKH or P2PK script pays")]
    KeyNotForScript {
        /// The input.
        input: usize,
    },
    /// More than one key for a single-key (P2PKH or P2PK) coin.
    #[error("input {input}: {count} keys for a single-key script (a multisig coin needs its redeem script)")]
    TooManyKeys {
        /// The input.
        input: usize,
        /// How many keys were given.
        count: usize,
    },
    /// The spent script is not the P2SH of the redeem script given.
    #[error("input {input}: the spent script is not the P2SH of the redeem script")]
    RedeemScriptMismatch {
        /// The input.
        input: usize,
    },
    /// The redeem script is not a standard m-of-n multisig script.
    #[error("input {input}: the redeem script is not a standard m-of-n multisig script")]
    NotMultisig {
        /// The input.
        input: usize,
    },
    /// A key that is not one of the redeem script's.
    #[error("input {input}: key {key} is not in the redeem script")]
    KeyNotInRedeemScript {
        /// The input.
        input: usize,
        /// Index of the key among those given for the input.
        key: usize,
    },
    /// The same multisig key twice.
    #[error("input {input}: key {key} is given twice")]
    DuplicateKey {
        /// The input.
        input: usize,
        /// Index of the repeated key among those given for the input.
        key: usize,
    },
    /// The inputs do not cover the outputs and the fee.
    #[error("inputs {inputs} FLUX cannot pay outputs {outputs} FLUX + fee {fee} FLUX")]
    InsufficientFunds {
        /// Sum of the inputs.
        inputs: Amount,
        /// Sum of the outputs (change not counted).
        outputs: Amount,
        /// The fee.
        fee: Amount,
    },
    /// Without change, inputs minus outputs must be the fee exactly (anything more would go
    /// to the miner).
    #[error("inputs {inputs} FLUX minus outputs {outputs} FLUX is not the fee {fee} FLUX; give a change address")]
    FeeMismatch {
        /// Sum of the inputs.
        inputs: Amount,
        /// Sum of the outputs.
        outputs: Amount,
        /// The fee asked for.
        fee: Amount,
    },
    /// Without change, inputs minus outputs is below what the fee rate asks.
    #[error(
        "the fee {fee} FLUX is below the {required} FLUX the fee rate asks for this transaction"
    )]
    FeeTooLow {
        /// Inputs minus outputs.
        fee: Amount,
        /// What the fee rate requires.
        required: Amount,
    },
    /// Change was asked for without a fee or fee rate.
    #[error("change needs a fee or a fee rate")]
    FeeRequired,
    /// A fee rate needs the size of every input's signature script, and this input's cannot
    /// be known (no keys and a script that is neither P2PKH nor P2PK).
    #[error("input {input}: the size of its signature script is unknown, so a fee rate cannot be applied (give a fixed fee)")]
    UnknownInputSize {
        /// The input.
        input: usize,
    },
    /// [`ChangePosition::At`] past the end of the outputs.
    #[error("change position {at} is past the {outputs} outputs")]
    ChangePosition {
        /// The position asked for.
        at: usize,
        /// How many outputs there are without change.
        outputs: usize,
    },
    /// An expiry height fluxd refuses (`TX_EXPIRY_HEIGHT_THRESHOLD`).
    #[error("expiry height {expiry} is not below 500000000")]
    ExpiryOutOfRange {
        /// The expiry height.
        expiry: u32,
    },
    /// An output below fluxd's dust threshold (policy: not relayed).
    #[error("output {output}: {amount} FLUX is dust (fluxd relays at least {threshold} FLUX to this script)")]
    Dust {
        /// The output's index.
        output: usize,
        /// Its value.
        amount: Amount,
        /// The smallest value fluxd relays for it.
        threshold: Amount,
    },
    /// OP_RETURN data longer than fluxd relays (`MAX_OP_RETURN_RELAY`).
    #[error("output {output}: OP_RETURN data of {len} bytes; fluxd relays at most {max}")]
    OpReturnTooLarge {
        /// The output's index.
        output: usize,
        /// The data's length.
        len: usize,
        /// fluxd's limit.
        max: usize,
    },
    /// More than one OP_RETURN output (fluxd relays one at most).
    #[error("{count} OP_RETURN outputs; fluxd relays at most one")]
    MultipleOpReturn {
        /// How many there are.
        count: usize,
    },
    /// An output script fluxd does not relay (`IsStandard`).
    #[error("output {output}: not a standard script fluxd relays (P2PKH, P2SH, P2PK, multisig of at most 3 keys, OP_RETURN)")]
    NonStandardOutput {
        /// The output's index.
        output: usize,
    },
}

impl BuildError {
    /// A stable, snake_case code for the variant.
    ///
    /// ```
    /// use flux_tx::builder::BuildError;
    /// assert_eq!(BuildError::FeeRequired.kind(), "fee_required");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            BuildError::KeyNetwork { .. } | BuildError::AddressNetwork { .. } => "wrong_network",
            BuildError::NotTransparent { .. } => "not_transparent",
            BuildError::NonStandardSighash { .. } => "non_standard_sighash",
            BuildError::KeyNotForScript { .. } => "key_not_for_script",
            BuildError::TooManyKeys { .. } => "too_many_keys",
            BuildError::RedeemScriptMismatch { .. } => "redeem_script_mismatch",
            BuildError::NotMultisig { .. } => "not_multisig",
            BuildError::KeyNotInRedeemScript { .. } => "key_not_in_redeem_script",
            BuildError::DuplicateKey { .. } => "duplicate_key",
            BuildError::InsufficientFunds { .. } => "insufficient_funds",
            BuildError::FeeMismatch { .. } => "fee_mismatch",
            BuildError::FeeTooLow { .. } => "fee_too_low",
            BuildError::FeeRequired => "fee_required",
            BuildError::UnknownInputSize { .. } => "unknown_input_size",
            BuildError::ChangePosition { .. } => "change_position",
            BuildError::ExpiryOutOfRange { .. } => "expiry_out_of_range",
            BuildError::Dust { .. } => "dust",
            BuildError::OpReturnTooLarge { .. } => "op_return_too_large",
            BuildError::MultipleOpReturn { .. } => "multiple_op_return",
            BuildError::NonStandardOutput { .. } => "non_standard_output",
        }
    }
}

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

/// fluxd's dust threshold of an output at `min_relay` (`CTxOut::GetDustThreshold`): three
/// times the fee for the output and the 148-byte input that would spend it; zero for an
/// unspendable (OP_RETURN) script.
///
/// ```
/// use flux_primitives::ScriptBuf;
/// use flux_tx::builder::{dust_threshold, FeeRate};
/// use flux_tx::TxOut;
///
/// let out = TxOut { value: 0, script_pubkey: ScriptBuf::p2pkh(&[0; 20]) };
/// assert_eq!(dust_threshold(&out, FeeRate::MIN_RELAY).to_zat(), 54);
/// ```
pub fn dust_threshold(output: &TxOut, min_relay: FeeRate) -> Amount {
    if output.script_pubkey.is_unspendable() {
        return Amount::ZERO;
    }
    let fee = min_relay.fee_for(output.encoded_len() + 148);
    fee.checked_mul(3).unwrap_or(Amount::MAX_MONEY)
}

/// Which relay rules the builder applies besides consensus.
///
/// ```
/// use flux_tx::builder::Policy;
/// assert_eq!(Policy::default(), Policy::Standard);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// fluxd's default relay policy (`IsStandardTx`): standard output scripts, no dust
    /// output (at [`FeeRate::MIN_RELAY`]), at most one OP_RETURN output with at most 80
    /// bytes of data. Change below the dust threshold is left to the fee, as fluxd's wallet
    /// does.
    #[default]
    Standard,
    /// Consensus only: the builder writes what it is asked for (for tests and for nodes
    /// run with other relay settings).
    ConsensusOnly,
}

/// Where the change output goes.
///
/// ```
/// use flux_tx::builder::ChangePosition;
/// assert_eq!(ChangePosition::default(), ChangePosition::BeforeOpReturn);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangePosition {
    /// Before the first OP_RETURN output, or last when there is none: a memo stays the last
    /// output, where FluxOS reads an app payment's registration hash.
    #[default]
    BeforeOpReturn,
    /// After every other output.
    Last,
    /// At this index among the outputs (0 = first; the number of outputs = last).
    At(usize),
}

/// The fee, fixed or per kB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fee {
    Fixed(Amount),
    Rate(FeeRate),
}

/// A key of an input with its public key, created once.
#[derive(Debug, Clone)]
struct SigningKey {
    key: PrivateKey,
    /// The public key as the scriptSig and redeem script serialize it.
    pubkey: Vec<u8>,
}

impl SigningKey {
    fn new(key: PrivateKey) -> Self {
        let pubkey = key.public_key().to_bytes();
        SigningKey { key, pubkey }
    }
}

/// One input: the outpoint, the coin it spends (script and value), and the keys that sign
/// it (none, one for P2PKH/P2PK, or those of a P2SH multisig you hold: partial signing).
///
/// ```
/// use flux_primitives::{Amount, PrivateKey, ScriptBuf};
/// use flux_tx::builder::Input;
/// use flux_tx::sighash::SighashType;
/// use flux_tx::OutPoint;
///
/// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
/// let input = Input::p2pkh(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 3), Amount::ONE_FLUX, key)
///     .sighash(SighashType::ALL_ANYONECANPAY)
///     .sequence(0xffff_fffe);
/// assert_eq!(input.coin().amount, Amount::ONE_FLUX);
/// assert!(input.coin().script_pubkey.p2pkh_hash().is_some());
/// ```
#[derive(Debug, Clone)]
pub struct Input {
    outpoint: OutPoint,
    coin: SpentOutput,
    sequence: u32,
    sighash: SighashType,
    redeem: Option<ScriptBuf>,
    keys: Vec<SigningKey>,
}

impl Input {
    /// An input spending `coin` at `outpoint`, unsigned until keys are added with
    /// [`Input::key`].
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// let input = Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), coin);
    /// assert_eq!(input.outpoint().vout, 0);
    /// ```
    pub fn spending(outpoint: OutPoint, coin: SpentOutput) -> Input {
        Input {
            outpoint,
            coin,
            sequence: u32::MAX,
            sighash: SighashType::ALL,
            redeem: None,
            keys: Vec::new(),
        }
    }

    /// A P2PKH coin of `key` (the script follows from the key's public key, compressed or
    /// not as the key says), signed by it.
    ///
    /// ```
    /// use flux_primitives::{Amount, PrivateKey};
    /// use flux_tx::builder::Input;
    /// use flux_tx::OutPoint;
    ///
    /// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
    /// let hash = key.public_key().hash160();
    /// let input = Input::p2pkh(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), Amount::ONE_FLUX, key);
    /// assert_eq!(input.coin().script_pubkey.p2pkh_hash(), Some(hash));
    /// ```
    pub fn p2pkh(outpoint: OutPoint, amount: Amount, key: PrivateKey) -> Input {
        // The public key is created once, here, and reused for the script and the scriptSig.
        let signing = SigningKey::new(key);
        let script_pubkey = ScriptBuf::p2pkh(&hash160(&signing.pubkey));
        let mut input = Input::spending(
            outpoint,
            SpentOutput {
                script_pubkey,
                amount,
            },
        );
        input.keys.push(signing);
        input
    }

    /// A P2SH multisig coin: the script is the P2SH of `redeem`. Add the keys you hold with
    /// [`Input::key`]; with fewer than m the input is partially signed and others add theirs
    /// later ([`crate::sign::combine_multisig`]).
    ///
    /// ```
    /// use flux_primitives::{Amount, PrivateKey, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::OutPoint;
    ///
    /// let keys: Vec<PrivateKey> = (1..=3u8)
    ///     .map(|b| PrivateKey::from_slice(&[b; 32], true, flux_primitives::Network::Main).unwrap())
    ///     .collect();
    /// let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    /// let refs: Vec<&[u8]> = pubs.iter().map(Vec::as_slice).collect();
    /// let redeem = ScriptBuf::multisig(2, &refs).unwrap();
    /// let input = Input::p2sh_multisig(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), Amount::ONE_FLUX, redeem)
    ///     .key(keys[0].clone());
    /// assert!(input.coin().script_pubkey.p2sh_hash().is_some());
    /// ```
    pub fn p2sh_multisig(outpoint: OutPoint, amount: Amount, redeem: ScriptBuf) -> Input {
        let script_pubkey = ScriptBuf::p2sh(&hash160(redeem.as_bytes()));
        Input::spending(
            outpoint,
            SpentOutput {
                script_pubkey,
                amount,
            },
        )
        .redeem_script(redeem)
    }

    /// The redeem script of a P2SH multisig coin (the builder checks the coin's script is its
    /// P2SH).
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2sh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// let input = Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), coin)
    ///     .redeem_script(ScriptBuf::from_bytes(vec![0x51]));
    /// # let _ = input;
    /// ```
    pub fn redeem_script(mut self, redeem: ScriptBuf) -> Input {
        self.redeem = Some(redeem);
        self
    }

    /// Adds a signing key (its public key is created here, once).
    ///
    /// ```
    /// use flux_primitives::{Amount, PrivateKey, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let key = PrivateKey::from_wif("L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW").unwrap();
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&key.public_key().hash160()), amount: Amount::ONE_FLUX };
    /// let input = Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), coin).key(key);
    /// # let _ = input;
    /// ```
    pub fn key(mut self, key: PrivateKey) -> Input {
        self.keys.push(SigningKey::new(key));
        self
    }

    /// `nSequence` (default `0xffffffff`, final).
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// let input = Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), coin).sequence(0);
    /// # let _ = input;
    /// ```
    pub fn sequence(mut self, sequence: u32) -> Input {
        self.sequence = sequence;
        self
    }

    /// The signature hash type (default ALL). `ALL|ANYONECANPAY` lets others add inputs.
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sighash::SighashType;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// let input = Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), coin).sighash(SighashType::SINGLE);
    /// # let _ = input;
    /// ```
    pub fn sighash(mut self, sighash: SighashType) -> Input {
        self.sighash = sighash;
        self
    }

    /// The outpoint spent.
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// assert_eq!(Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 4), coin).outpoint().vout, 4);
    /// ```
    pub fn outpoint(&self) -> OutPoint {
        self.outpoint
    }

    /// The coin spent (script and value).
    ///
    /// ```
    /// use flux_primitives::{Amount, ScriptBuf};
    /// use flux_tx::builder::Input;
    /// use flux_tx::sign::SpentOutput;
    /// use flux_tx::OutPoint;
    ///
    /// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[9; 20]), amount: Amount::ONE_FLUX };
    /// assert_eq!(Input::spending(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 4), coin.clone()).coin(), &coin);
    /// ```
    pub fn coin(&self) -> &SpentOutput {
        &self.coin
    }
}

/// How a checked input is signed.
#[derive(Debug, Clone)]
enum Plan {
    /// No keys: left unsigned for others.
    Unsigned,
    /// One key on a P2PKH or P2PK coin (`script_code` = the coin's script).
    Single { signing: SigningKey, p2pk: bool },
    /// P2SH multisig: the keys held, in the redeem script's order.
    Multisig {
        redeem: Vec<u8>,
        m: usize,
        keys: Vec<SigningKey>,
    },
}

/// A checked input.
#[derive(Debug, Clone)]
struct Checked {
    outpoint: OutPoint,
    coin: SpentOutput,
    sequence: u32,
    sighash: SighashType,
    plan: Plan,
}

impl Checked {
    /// The scriptSig's length once signed (with the largest signatures), for fee rates.
    fn signed_script_sig_len(&self, index: usize) -> Result<usize, BuildError> {
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

    /// Adds an input, checking it: every key belongs to the builder's network, a single key
    /// is the one its P2PKH or P2PK coin pays, a multisig coin is the P2SH of its redeem
    /// script and every key is one of the redeem script's (once), and the hash type is
    /// standard.
    ///
    /// ```
    /// use flux_primitives::{Amount, Network, PrivateKey};
    /// use flux_tx::builder::{Input, TxBuilder};
    /// use flux_tx::OutPoint;
    ///
    /// // A testnet key in a mainnet transaction is refused.
    /// let testnet = PrivateKey::from_slice(&[1; 32], true, Network::Test).unwrap();
    /// let input = Input::p2pkh(OutPoint::new(flux_primitives::hash::Txid::from_bytes([1; 32]), 0), Amount::ONE_FLUX, testnet);
    /// let e = TxBuilder::new(Network::Main).input(input).unwrap_err();
    /// assert_eq!(e.kind(), "wrong_network");
    /// ```
    pub fn input(mut self, input: Input) -> Result<TxBuilder, Error> {
        let index = self.inputs.len();
        if !input.sighash.is_standard() {
            return Err(BuildError::NonStandardSighash {
                input: index,
                sighash: input.sighash.to_consensus(),
            }
            .into());
        }
        for k in &input.keys {
            if !k.key.network().shares_base58_prefixes_with(self.network) {
                return Err(BuildError::KeyNetwork {
                    input: index,
                    expected: self.network,
                    found: k.key.network(),
                }
                .into());
            }
        }
        let script = &input.coin.script_pubkey;
        let plan = match input.redeem {
            Some(redeem) => {
                if script.p2sh_hash() != Some(hash160(redeem.as_bytes())) {
                    return Err(BuildError::RedeemScriptMismatch { input: index }.into());
                }
                let (m, pubkeys) = multisig_keys(redeem.as_bytes())
                    .ok_or(BuildError::NotMultisig { input: index })?;
                let mut placed: Vec<(usize, SigningKey)> = Vec::with_capacity(input.keys.len());
                for (k, signing) in input.keys.into_iter().enumerate() {
                    let at = pubkeys.iter().position(|p| *p == signing.pubkey).ok_or(
                        BuildError::KeyNotInRedeemScript {
                            input: index,
                            key: k,
                        },
                    )?;
                    if placed.iter().any(|(p, _)| *p == at) {
                        return Err(BuildError::DuplicateKey {
                            input: index,
                            key: k,
                        }
                        .into());
                    }
                    placed.push((at, signing));
                }
                // CHECKMULTISIG matches signatures to keys in the redeem script's order,
                // whatever order the keys were given in.
                placed.sort_by_key(|(at, _)| *at);
                Plan::Multisig {
                    redeem: redeem.into_bytes(),
                    m,
                    keys: placed.into_iter().map(|(_, k)| k).collect(),
                }
            }
            None => {
                let mut keys = input.keys.into_iter();
                match (keys.next(), keys.len()) {
                    (None, _) => Plan::Unsigned,
                    (Some(signing), 0) => {
                        let p2pk = p2pk_key(script.as_bytes()).as_ref() == Some(&signing.pubkey);
                        if !p2pk && script.p2pkh_hash() != Some(hash160(&signing.pubkey)) {
                            return Err(BuildError::KeyNotForScript { input: index }.into());
                        }
                        Plan::Single { signing, p2pk }
                    }
                    (Some(_), more) => {
                        return Err(BuildError::TooManyKeys {
                            input: index,
                            count: more + 1,
                        }
                        .into())
                    }
                }
            }
        };
        self.inputs.push(Checked {
            outpoint: input.outpoint,
            coin: input.coin,
            sequence: input.sequence,
            sighash: input.sighash,
            plan,
        });
        Ok(self)
    }

    /// The script paying `address`, which must be a transparent address of the builder's
    /// network.
    fn script_for(&self, address: &Address) -> Result<ScriptBuf, BuildError> {
        if !address.is_valid_for_network(self.network) {
            return Err(BuildError::AddressNetwork {
                expected: self.network,
                found: address.network(),
            });
        }
        match address.kind() {
            AddressKind::P2pkh | AddressKind::P2sh => {
                address.script_pubkey().ok_or(BuildError::NotTransparent {
                    kind: address.kind(),
                })
            }
            kind => Err(BuildError::NotTransparent { kind }),
        }
    }

    /// Pays `amount` to a transparent address of the builder's network (the next output).
    ///
    /// ```
    /// use flux_primitives::{Address, Amount, Network, PrivateKey};
    /// use flux_tx::builder::TxBuilder;
    ///
    /// let key = PrivateKey::from_slice(&[1; 32], true, Network::Test).unwrap();
    /// let testnet: Address = Address::p2pkh(&key.public_key(), Network::Test).to_string().parse().unwrap();
    /// let e = TxBuilder::new(Network::Main).pay(&testnet, Amount::ONE_FLUX).unwrap_err();
    /// assert_eq!(e.kind(), "wrong_network");
    /// ```
    pub fn pay(mut self, address: &Address, amount: Amount) -> Result<TxBuilder, Error> {
        let script_pubkey = self.script_for(address)?;
        self.outputs.push(TxOut {
            value: amount.to_zat(),
            script_pubkey,
        });
        Ok(self)
    }

    /// Pays `amount` to any script (the next output). Under [`Policy::Standard`] the script
    /// must be one fluxd relays.
    ///
    /// ```
    /// use flux_primitives::{Amount, Network, ScriptBuf};
    /// use flux_tx::builder::TxBuilder;
    /// let b = TxBuilder::new(Network::Main).pay_to_script(ScriptBuf::p2sh(&[7; 20]), Amount::ONE_FLUX);
    /// # let _ = b;
    /// ```
    pub fn pay_to_script(mut self, script_pubkey: ScriptBuf, amount: Amount) -> TxBuilder {
        self.outputs.push(TxOut {
            value: amount.to_zat(),
            script_pubkey,
        });
        self
    }

    /// An `OP_RETURN <data>` output of value 0 (the next output). Under [`Policy::Standard`]
    /// the data is at most 80 bytes and there is one such output at most.
    ///
    /// ```
    /// use flux_primitives::Network;
    /// use flux_tx::builder::TxBuilder;
    /// let b = TxBuilder::new(Network::Main).op_return(b"memo");
    /// # let _ = b;
    /// ```
    pub fn op_return(self, data: &[u8]) -> TxBuilder {
        self.pay_to_script(ScriptBuf::null_data(data), Amount::ZERO)
    }

    /// Change (inputs minus outputs minus fee) goes to `address`, a transparent address of
    /// the builder's network; a fee or fee rate is then required. No change output is
    /// written when the change is zero, or dust under [`Policy::Standard`] (it goes to the
    /// fee, as fluxd's wallet does).
    ///
    /// ```
    /// use flux_primitives::{Address, Network};
    /// use flux_tx::builder::TxBuilder;
    /// let zelid: Address = "1KPKzyp9VyB9ouAA4spZ48x8g32sxLVK6W".parse().unwrap();
    /// let e = TxBuilder::new(Network::Main).change_to(&zelid).unwrap_err();
    /// assert_eq!(e.kind(), "not_transparent");
    /// ```
    pub fn change_to(mut self, address: &Address) -> Result<TxBuilder, Error> {
        self.change = Some(self.script_for(address)?);
        Ok(self)
    }

    /// Change goes to `script_pubkey`.
    ///
    /// ```
    /// use flux_primitives::{Network, ScriptBuf};
    /// let b = flux_tx::builder::TxBuilder::new(Network::Main).change_to_script(ScriptBuf::p2sh(&[1; 20]));
    /// # let _ = b;
    /// ```
    pub fn change_to_script(mut self, script_pubkey: ScriptBuf) -> TxBuilder {
        self.change = Some(script_pubkey);
        self
    }

    /// Where the change output goes (default [`ChangePosition::BeforeOpReturn`]).
    ///
    /// ```
    /// use flux_primitives::Network;
    /// use flux_tx::builder::{ChangePosition, TxBuilder};
    /// let b = TxBuilder::new(Network::Main).change_position(ChangePosition::Last);
    /// # let _ = b;
    /// ```
    pub fn change_position(mut self, position: ChangePosition) -> TxBuilder {
        self.change_position = position;
        self
    }

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

    /// The relay rules to apply (default [`Policy::Standard`]).
    ///
    /// ```
    /// use flux_primitives::Network;
    /// use flux_tx::builder::{Policy, TxBuilder};
    /// let b = TxBuilder::new(Network::Main).policy(Policy::ConsensusOnly);
    /// # let _ = b;
    /// ```
    pub fn policy(mut self, policy: Policy) -> TxBuilder {
        self.policy = policy;
        self
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

    /// The size of the signed transaction (largest signatures) with `outputs`.
    fn signed_size(&self, outputs: &[TxOut]) -> Result<usize, BuildError> {
        let mut size = self.unsigned(outputs.to_vec(), 0).encoded_len();
        for (i, input) in self.inputs.iter().enumerate() {
            let len = input.signed_script_sig_len(i)?;
            // The empty scriptSig's one length byte is already counted.
            size += len + compact_size_len(len) - 1;
        }
        Ok(size)
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
                let at = match self.change_position {
                    ChangePosition::BeforeOpReturn => outputs
                        .iter()
                        .position(|o| {
                            o.script_pubkey.as_bytes().first() == Some(&Opcode::OP_RETURN.0)
                        })
                        .unwrap_or(outputs.len()),
                    ChangePosition::Last => outputs.len(),
                    ChangePosition::At(at) if at <= outputs.len() => at,
                    ChangePosition::At(at) => {
                        return Err(BuildError::ChangePosition {
                            at,
                            outputs: outputs.len(),
                        }
                        .into())
                    }
                };
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

    /// Signs every input that has keys; true when all have enough signatures.
    fn sign(&self, tx: &mut StandardTx, branch_id: BranchId) -> Result<bool, Error> {
        // One cache: every signature hash reuses the transaction-wide digests.
        let unsigned = tx.clone();
        let cache = SighashCache::new(&unsigned);
        let mut complete = true;
        for (i, input) in self.inputs.iter().enumerate() {
            let amount = input.coin.amount;
            let script_sig = match &input.plan {
                Plan::Unsigned => {
                    complete = false;
                    continue;
                }
                Plan::Single { signing, p2pk } => {
                    let code = input.coin.script_pubkey.as_bytes();
                    let sig = sign_input(
                        &cache,
                        i,
                        code,
                        amount,
                        input.sighash,
                        branch_id,
                        &signing.key,
                    )?;
                    if *p2pk {
                        Builder::new()
                            .push_slice_plain(&sig)
                            .into_script()
                            .into_bytes()
                    } else {
                        p2pkh_script_sig(&sig, &signing.pubkey)
                    }
                }
                Plan::Multisig { redeem, m, keys } => {
                    let mut sigs = Vec::with_capacity(keys.len());
                    for k in keys {
                        sigs.push(sign_input(
                            &cache,
                            i,
                            redeem,
                            amount,
                            input.sighash,
                            branch_id,
                            &k.key,
                        )?);
                    }
                    complete &= sigs.len() >= *m;
                    p2sh_multisig_script_sig(&sigs, redeem)
                }
            };
            if let Some(txin) = tx.inputs.get_mut(i) {
                txin.script_sig = ScriptBuf::from_bytes(script_sig);
            }
        }
        Ok(complete)
    }
}

/// fluxd's `IsStandardTx` rules on outputs: standard scripts (bare multisig of at most 3
/// keys), OP_RETURN data of at most 80 bytes and one such output at most, no dust.
fn check_standard_outputs(outputs: &[TxOut]) -> Result<(), BuildError> {
    let mut data_outputs = 0usize;
    for (i, out) in outputs.iter().enumerate() {
        let script = &out.script_pubkey;
        if script.as_bytes().first() == Some(&Opcode::OP_RETURN.0) {
            // Name the size problem instead of calling the script non-standard.
            if let Some(len) = null_data_len(script) {
                if len > MAX_OP_RETURN_RELAY {
                    return Err(BuildError::OpReturnTooLarge {
                        output: i,
                        len,
                        max: MAX_OP_RETURN_RELAY,
                    });
                }
            }
        }
        match script.classify() {
            ScriptClass::NonStandard => return Err(BuildError::NonStandardOutput { output: i }),
            ScriptClass::Multisig { keys, .. } if keys.len() > 3 => {
                return Err(BuildError::NonStandardOutput { output: i })
            }
            ScriptClass::NullData => data_outputs += 1,
            _ => {
                let threshold = dust_threshold(out, FeeRate::MIN_RELAY);
                if out.value < threshold.to_zat() {
                    return Err(BuildError::Dust {
                        output: i,
                        amount: Amount::from_zat(out.value).unwrap_or(Amount::ZERO),
                        threshold,
                    });
                }
            }
        }
    }
    if data_outputs > 1 {
        return Err(BuildError::MultipleOpReturn {
            count: data_outputs,
        });
    }
    Ok(())
}

/// The data length of `OP_RETURN <one push>`, if the script is that.
fn null_data_len(script: &ScriptBuf) -> Option<usize> {
    let mut ins = script.instructions();
    match (ins.next(), ins.next(), ins.next()) {
        (Some(Ok(Instruction::Op(op))), Some(Ok(Instruction::Push { data, .. })), None)
            if op == Opcode::OP_RETURN =>
        {
            Some(data.len())
        }
        _ => None,
    }
}

/// The scriptPubKey of a transparent (P2PKH or P2SH) address of `network`.
///
/// ```
/// use flux_primitives::Network;
/// let s = flux_tx::builder::address_script(Network::Main, "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY").unwrap();
/// assert!(s.p2pkh_hash().is_some());
/// assert!(flux_tx::builder::address_script(Network::Test, "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY").is_err());
/// ```
pub fn address_script(network: Network, address: &str) -> Result<ScriptBuf, Error> {
    let addr: Address = address.trim().parse()?;
    Ok(TxBuilder::new(network).script_for(&addr)?)
}

/// Builds and signs a transaction from its JSON specification (`flux tx build`): a thin
/// adapter over [`TxBuilder`] with [`Policy::ConsensusOnly`] and change last, as the spec
/// has always been read.
///
/// Spec: `network`; optional `version` (4), `locktime`, `expiry_height`, `branch_id`
/// (default: the branch id of the network's latest upgrade), `height` (then branch id and
/// a default expiry of height + 20 come from the upgrade table), `fee` + `change_address`;
/// `inputs`: `txid`, `vout`, `amount` (zatoshis), `sequence`, `sighash`, and either `wif`
/// (P2PKH of that key unless `script_pubkey` is given) or `redeem_script` + `wifs`
/// (multisig, in any order); inputs without keys stay unsigned; `outputs`: `address` +
/// `amount`, `script` (hex) + `amount`, or `data` (hex, OP_RETURN, optional `amount`).
/// With `fee` and no `change_address`, inputs minus outputs must be the fee unless an
/// input is left unsigned (a partial transaction).
///
/// ```
/// let spec = serde_json::json!({
///     "network": "main", "height": 2_100_001,
///     "inputs": [{"txid": "11".repeat(32), "vout": 0, "amount": 100_000_000,
///                 "wif": "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW"}],
///     "outputs": [{"address": "t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY", "amount": 99_990_000}],
/// });
/// let built = flux_tx::builder::build_from_spec(&spec).unwrap();
/// assert!(built.complete);
/// ```
pub fn build_from_spec(spec: &Value) -> Result<Built, Error> {
    let f = Fields::new(spec, "")?;
    f.only(&[
        "network",
        "version",
        "locktime",
        "expiry_height",
        "branch_id",
        "height",
        "inputs",
        "outputs",
        "fee",
        "change_address",
    ])?;
    let network = f.network()?;
    let version = f.opt_u64("version", 0x7fff_ffff)?.unwrap_or(4);
    if version != 4 {
        return Err(Error::spec(
            "version",
            format!("only 4 is supported, got {version}"),
        ));
    }
    let mut b = TxBuilder::new(network)
        .policy(Policy::ConsensusOnly)
        .change_position(ChangePosition::Last)
        .lock_time(f.opt_u64("locktime", u64::from(u32::MAX))?.unwrap_or(0) as u32);
    if let Some(h) = f.opt_u64("height", u64::from(u32::MAX))? {
        b = b.height(h as u32);
    }
    if let Some(id) = f.opt_u64("branch_id", u64::from(u32::MAX))? {
        b = b.branch_id(BranchId::from_consensus(id as u32));
    }
    if let Some(e) = f.opt_u64("expiry_height", u64::from(TX_EXPIRY_HEIGHT_THRESHOLD - 1))? {
        b = b.expiry_height(e as u32);
    }

    let inputs = f
        .req("inputs")?
        .as_array()
        .ok_or_else(|| Error::spec("inputs", "must be an array"))?;
    let mut any_unsigned = false;
    for (i, v) in inputs.iter().enumerate() {
        let p = format!("inputs[{i}]");
        let x = Fields::new(v, &p)?;
        x.only(&[
            "txid",
            "vout",
            "amount",
            "sequence",
            "sighash",
            "wif",
            "script_pubkey",
            "redeem_script",
            "wifs",
        ])?;
        let outpoint = OutPoint::new(x.txid("txid")?, x.u64("vout", u64::from(u32::MAX))? as u32);
        // At most MAX_MONEY, so an Amount.
        let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
        let sequence = x
            .opt_u64("sequence", u64::from(u32::MAX))?
            .unwrap_or(u64::from(u32::MAX)) as u32;
        let sighash = match x.opt_str("sighash")? {
            None => SighashType::ALL,
            Some(s) => s
                .parse::<SighashType>()
                .ok()
                .filter(|t| t.is_standard())
                .ok_or_else(|| {
                    Error::spec(
                        x.name("sighash"),
                        format!("{s:?} is not ALL, NONE, SINGLE (|ANYONECANPAY)"),
                    )
                })?,
        };
        let script = x.opt_hex("script_pubkey")?.map(ScriptBuf::from_bytes);
        let spending = |script_pubkey: ScriptBuf| {
            Input::spending(
                outpoint,
                SpentOutput {
                    script_pubkey,
                    amount,
                },
            )
        };
        let input = match (x.opt_wif("wif")?, x.opt_hex("redeem_script")?) {
            (Some(_), Some(_)) => {
                return Err(Error::spec(
                    x.name("wif"),
                    "contradicts redeem_script (use wifs)",
                ))
            }
            (Some(key), None) => {
                if x.has("wifs") {
                    return Err(Error::spec(x.name("wifs"), "only with redeem_script"));
                }
                match script {
                    Some(s) => spending(s).key(key),
                    None => Input::p2pkh(outpoint, amount, key),
                }
            }
            (None, Some(redeem)) => {
                let redeem = ScriptBuf::from_bytes(redeem);
                let mut input = match script {
                    Some(s) => spending(s).redeem_script(redeem),
                    None => Input::p2sh_multisig(outpoint, amount, redeem),
                };
                let wifs = x
                    .req("wifs")?
                    .as_array()
                    .ok_or_else(|| Error::spec(x.name("wifs"), "must be an array"))?;
                for (k, w) in wifs.iter().enumerate() {
                    let name = format!("{p}.wifs[{k}]");
                    let key = w
                        .as_str()
                        .ok_or_else(|| Error::spec(&name, "must be a string"))
                        .and_then(|s| {
                            PrivateKey::from_wif(s).map_err(|e| Error::spec(&name, e.to_string()))
                        })?;
                    input = input.key(key);
                }
                input
            }
            (None, None) => {
                if x.has("wifs") {
                    return Err(Error::spec(
                        x.name("redeem_script"),
                        "is required with wifs",
                    ));
                }
                any_unsigned = true;
                spending(script.unwrap_or_default())
            }
        };
        b = b.input(input.sequence(sequence).sighash(sighash))?;
    }

    let outputs = f
        .req("outputs")?
        .as_array()
        .ok_or_else(|| Error::spec("outputs", "must be an array"))?;
    for (i, v) in outputs.iter().enumerate() {
        let p = format!("outputs[{i}]");
        let x = Fields::new(v, &p)?;
        x.only(&["address", "script", "data", "amount"])?;
        let given = ["address", "script", "data"]
            .iter()
            .filter(|k| x.has(k))
            .count();
        if given != 1 {
            return Err(Error::spec(&p, "give exactly one of address, script, data"));
        }
        if let Some(a) = x.opt_str("address")? {
            let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
            let script = address_script(network, a)
                .map_err(|e| Error::spec(x.name("address"), e.to_string()))?;
            b = b.pay_to_script(script, amount);
        } else if let Some(s) = x.opt_hex("script")? {
            let amount = Amount::from_zat(x.u64("amount", MAX_MONEY)? as i64)?;
            b = b.pay_to_script(ScriptBuf::from_bytes(s), amount);
        } else {
            let data = x.hex("data")?;
            let amount = Amount::from_zat(x.opt_u64("amount", MAX_MONEY)?.unwrap_or(0) as i64)?;
            b = b.pay_to_script(ScriptBuf::null_data(&data), amount);
        }
    }
    let fee = f
        .opt_u64("fee", MAX_MONEY)?
        .map(|z| Amount::from_zat(z as i64))
        .transpose()?;
    if let Some(fee) = fee {
        b = b.fee(fee);
    }
    match f.opt_str("change_address")? {
        Some(addr) => {
            let script = address_script(network, addr)
                .map_err(|e| Error::spec("change_address", e.to_string()))?;
            b = b.change_to_script(script);
        }
        // Without change, a fee is checked against inputs minus outputs only when every
        // input is signed here: a partial transaction is completed by others.
        None if fee.is_some() && any_unsigned => b = b.allow_unbalanced(),
        None => {}
    }
    b.build()
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
