//! Inputs: the coins spent, the keys that sign them (P2PKH, P2PK, P2SH multisig with
//! partial signing), their checks and their signing.

use flux_primitives::hash::hash160;
use flux_primitives::script::classify::{multisig_keys, p2pk_key};
use flux_primitives::script::Builder;
use flux_primitives::{Amount, BranchId, PrivateKey, ScriptBuf};

use super::{BuildError, TxBuilder};
use crate::sighash::{SighashCache, SighashType};
use crate::sign::{p2pkh_script_sig, p2sh_multisig_script_sig, sign_input, SpentOutput};
use crate::transaction::StandardTx;
use crate::transparent::OutPoint;
use crate::Error;

/// A key of an input with its public key, created once.
#[derive(Debug, Clone)]
pub(super) struct SigningKey {
    pub(super) key: PrivateKey,
    /// The public key as the scriptSig and redeem script serialize it.
    pub(super) pubkey: Vec<u8>,
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
pub(super) enum Plan {
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
pub(super) struct Checked {
    pub(super) outpoint: OutPoint,
    pub(super) coin: SpentOutput,
    pub(super) sequence: u32,
    pub(super) sighash: SighashType,
    pub(super) plan: Plan,
}

impl TxBuilder {
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

    /// Signs every input that has keys; true when all have enough signatures.
    pub(super) fn sign(&self, tx: &mut StandardTx, branch_id: BranchId) -> Result<bool, Error> {
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
