//! fluxd's relay policy on outputs: standard scripts, dust, one OP_RETURN of at most 80
//! bytes.

use flux_primitives::codec::Encode;
use flux_primitives::script::{Instruction, Opcode, ScriptBuf, ScriptClass, MAX_OP_RETURN_RELAY};
use flux_primitives::Amount;

use super::{BuildError, FeeRate, TxBuilder};
use crate::transparent::TxOut;

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

impl TxBuilder {
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
}

/// fluxd's `IsStandardTx` rules on outputs: standard scripts (bare multisig of at most 3
/// keys), OP_RETURN data of at most 80 bytes and one such output at most, no dust.
pub(super) fn check_standard_outputs(outputs: &[TxOut]) -> Result<(), BuildError> {
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
