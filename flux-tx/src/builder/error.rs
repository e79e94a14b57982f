//! Why the typed builder refuses.

use flux_primitives::address::AddressKind;
use flux_primitives::{Amount, Network};

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
    /// [`ChangePosition::At`](super::ChangePosition::At) past the end of the outputs.
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
