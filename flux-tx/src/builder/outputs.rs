//! Outputs: payments to addresses and scripts, OP_RETURN data, and where the change goes.

use flux_primitives::address::{Address, AddressKind};
use flux_primitives::script::Opcode;
use flux_primitives::{Amount, Network, ScriptBuf};

use super::{BuildError, TxBuilder};
use crate::transparent::TxOut;
use crate::Error;

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

impl TxBuilder {
    /// Where the change output goes among `outputs` (the outputs without change).
    pub(super) fn change_index(&self, outputs: &[TxOut]) -> Result<usize, BuildError> {
        Ok(match self.change_position {
            ChangePosition::BeforeOpReturn => outputs
                .iter()
                .position(|o| o.script_pubkey.as_bytes().first() == Some(&Opcode::OP_RETURN.0))
                .unwrap_or(outputs.len()),
            ChangePosition::Last => outputs.len(),
            ChangePosition::At(at) if at <= outputs.len() => at,
            ChangePosition::At(at) => {
                return Err(BuildError::ChangePosition {
                    at,
                    outputs: outputs.len(),
                })
            }
        })
    }

    /// The script paying `address`, which must be a transparent address of the builder's
    /// network.
    pub(super) fn script_for(&self, address: &Address) -> Result<ScriptBuf, BuildError> {
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

    /// Pays `amount` to any script (the next output). Under [`Policy::Standard`](super::Policy::Standard) the script
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

    /// An `OP_RETURN <data>` output of value 0 (the next output). Under [`Policy::Standard`](super::Policy::Standard)
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
    /// written when the change is zero, or dust under [`Policy::Standard`](super::Policy::Standard) (it goes to the
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
