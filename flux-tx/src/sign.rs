//! Signing and verifying transparent inputs: P2PKH, P2PK, P2SH m-of-n multisig (with
//! partial signatures and combining) and bare multisig.
//!
//! Signatures are RFC 6979 deterministic and low-S (libsecp256k1), DER-encoded with the
//! hash-type byte appended, as fluxd's `CKey::Sign` produces them.

use flux_primitives::hash::hash160;
use flux_primitives::script::classify::{multisig_keys, p2pk_key};
use flux_primitives::script::{Builder, Instruction, Opcode};
use flux_primitives::{Amount, BranchId, PrivateKey, ScriptBuf};
use secp256k1::ecdsa::Signature;
use secp256k1::{Message, PublicKey, SECP256K1};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

use crate::error::SpecProblem;
use crate::sighash::{SighashCache, SighashType, SignedInput};
use crate::transaction::StandardTx;
use crate::Error;

/// The output an input spends: its script and value.
///
/// ```
/// use flux_primitives::{Amount, ScriptBuf};
/// use flux_tx::sign::SpentOutput;
///
/// let coin = SpentOutput {
///     script_pubkey: ScriptBuf::from_bytes(hex::decode("76a914b1fe8b9acadd38f1a1dd0e17f700f4e91a55de1088ac").unwrap()),
///     amount: Amount::from_zat(150_000_000).unwrap(),
/// };
/// assert!(coin.script_pubkey.p2pkh_hash().is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpentOutput {
    /// The scriptPubKey.
    pub script_pubkey: ScriptBuf,
    /// The value.
    pub amount: Amount,
}

/// Reads `[{"script_pubkey": hex, "amount": zat}, ...]` (also accepts `scriptPubKey` and
/// `valueSat`, as explorers name them).
pub fn prevouts_from_json(v: &Value) -> Result<Vec<SpentOutput>, Error> {
    let arr = v
        .as_array()
        .ok_or_else(|| Error::spec("prevouts", SpecProblem::NotArray))?;
    arr.iter()
        .enumerate()
        .map(|(i, p)| {
            let field = format!("prevouts[{i}].script_pubkey");
            let script = p
                .get("script_pubkey")
                .or_else(|| p.get("scriptPubKey"))
                .ok_or_else(|| Error::spec(&field, SpecProblem::Required))?
                .as_str()
                .ok_or_else(|| Error::spec(&field, SpecProblem::NotString))
                .and_then(|s| {
                    hex::decode(s).map_err(|e| Error::spec(&field, SpecProblem::NotHex(e.into())))
                })?;
            let amount = p
                .get("amount")
                .or_else(|| p.get("valueSat"))
                .and_then(Value::as_i64)
                .and_then(|zat| Amount::from_zat(zat).ok())
                .ok_or_else(|| {
                    Error::spec(format!("prevouts[{i}].amount"), SpecProblem::NotAmount)
                })?;
            Ok(SpentOutput {
                script_pubkey: ScriptBuf::from_bytes(script),
                amount,
            })
        })
        .collect()
}

/// Signs input `index` and returns the DER signature with the hash-type byte.
///
/// ```
/// use flux_primitives::{Amount, BranchId, PrivateKey};
/// use flux_tx::sighash::{SighashCache, SighashType};
/// use flux_tx::sign::{check_signature, sign_input};
/// use flux_tx::Transaction;
///
/// // A v4 transaction with one input and no outputs.
/// let hex = concat!("0400008085202f89", "01", "11111111111111111111111111111111111111111111111111111111111111110000000000ffffffff",
///     "00", "00000000", "00000000", "0000000000000000", "00", "00", "00");
/// let Transaction::Standard(tx) = Transaction::from_bytes(&hex::decode(hex).unwrap()).unwrap() else { panic!() };
/// let key = PrivateKey::from_wif("5KYZdUEo39z3FPrtuX2QbbwGnNP5zTd7yyr2SC1j299sBCnWjss").unwrap();
/// let spk = hex::decode("76a91403b7c7d6fb4d1d6d9f1ba0ec6d1a3c8d4c7d2f0588ac").unwrap();
/// let amount = Amount::from_zat(1_000).unwrap();
/// let cache = SighashCache::new(&tx);
/// let branch = BranchId::from_consensus(0x76b8_09bb);
/// let sig = sign_input(&cache, 0, &spk, amount, SighashType::ALL, branch, &key).unwrap();
/// assert_eq!(sig.last(), Some(&0x01));
/// let pubkey = key.public_key().to_bytes();
/// assert!(check_signature(&cache, 0, &spk, amount, branch, &sig, &pubkey));
/// ```
pub fn sign_input(
    cache: &SighashCache<'_>,
    index: usize,
    script_code: &[u8],
    amount: Amount,
    hash_type: SighashType,
    branch_id: BranchId,
    key: &PrivateKey,
) -> Result<Vec<u8>, Error> {
    let h = cache.signature_hash(
        SignedInput::Input {
            index,
            script_code,
            amount: amount.to_zat(),
        },
        hash_type,
        branch_id,
    )?;
    // The global context (secp256k1's `global-context` feature): building a context per
    // signature costs more than the signature itself.
    let sig = SECP256K1.sign_ecdsa(&Message::from_digest(h.to_bytes()), key.secret_key());
    let mut der = sig.serialize_der().to_vec();
    // The signature ends with the hash type's low byte (fluxd: `(unsigned char)nHashType`).
    der.push(hash_type.to_consensus() as u8);
    Ok(der)
}

/// Checks one script signature (DER ‖ hash type) by `pubkey` for input `index`.
pub fn check_signature(
    cache: &SighashCache<'_>,
    index: usize,
    script_code: &[u8],
    amount: Amount,
    branch_id: BranchId,
    sig_with_type: &[u8],
    pubkey: &[u8],
) -> bool {
    let Some((&ht, der)) = sig_with_type.split_last() else {
        return false;
    };
    let Ok(pk) = PublicKey::from_slice(pubkey) else {
        return false;
    };
    let Ok(mut sig) = Signature::from_der(der) else {
        return false;
    };
    // Consensus accepts high-S signatures (normalized before verifying); policy does not.
    sig.normalize_s();
    let Ok(h) = cache.signature_hash(
        SignedInput::Input {
            index,
            script_code,
            amount: amount.to_zat(),
        },
        SighashType::from_consensus(u32::from(ht)),
        branch_id,
    ) else {
        return false;
    };
    SECP256K1
        .verify_ecdsa(&Message::from_digest(h.to_bytes()), &sig, &pk)
        .is_ok()
}

/// What a verified input spends: the spent script's type, as fluxd's `GetTxnOutputType`
/// names it (`pubkeyhash`, `pubkey`, `scripthash`, `multisig`), with a multisig's m and n.
///
/// It serializes (and displays) as fluxd's name, the `type` that `flux tx verify` prints.
///
/// ```
/// use flux_tx::sign::InputKind;
/// let k = InputKind::ScriptHashMultisig { required: 2, keys: 3 };
/// assert_eq!(k.to_string(), "scripthash");
/// assert_eq!(serde_json::to_string(&k).unwrap(), r#""scripthash""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// P2PKH: `<sig> <pubkey>` against a key hash.
    PubKeyHash,
    /// P2PK: `<sig>` against a bare public key.
    PubKey,
    /// P2SH whose redeem script is an m-of-n multisig script.
    ScriptHashMultisig {
        /// Signatures required (m).
        required: usize,
        /// Keys in the redeem script (n).
        keys: usize,
    },
    /// A bare m-of-n multisig output.
    Multisig {
        /// Signatures required (m).
        required: usize,
        /// Keys in the script (n).
        keys: usize,
    },
}

impl InputKind {
    /// fluxd's name of the spent script's type.
    ///
    /// ```
    /// assert_eq!(flux_tx::sign::InputKind::PubKeyHash.name(), "pubkeyhash");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            InputKind::PubKeyHash => "pubkeyhash",
            InputKind::PubKey => "pubkey",
            InputKind::ScriptHashMultisig { .. } => "scripthash",
            InputKind::Multisig { .. } => "multisig",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for InputKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Why an input does not verify against the output it spends.
///
/// It serializes as its message (the `reason` that `flux tx verify` prints); match on the
/// variant, or use [`InputFailure::kind`], in programs.
///
/// ```
/// use flux_tx::sign::InputFailure;
/// assert_eq!(InputFailure::BadSignature.to_string(), "signature does not verify");
/// assert_eq!(InputFailure::BadSignature.kind(), "bad_signature");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum InputFailure {
    /// The scriptSig holds an opcode other than a push (fluxd: `SCRIPT_ERR_SIG_PUSHONLY`).
    #[error("scriptSig is not push-only")]
    NotPushOnly,
    /// A P2PKH scriptSig that is not exactly two pushes.
    #[error("P2PKH scriptSig must be <sig> <pubkey>")]
    P2pkhShape {
        /// Pushes found.
        pushes: usize,
    },
    /// The scriptSig's public key is not the one the P2PKH output pays.
    #[error("public key does not hash to the P2PKH address")]
    WrongPubKeyHash,
    /// The signature does not verify (P2PKH or P2PK).
    #[error("signature does not verify")]
    BadSignature,
    /// A P2PK scriptSig that is not exactly one push.
    #[error("P2PK scriptSig must be <sig>")]
    P2pkShape {
        /// Pushes found.
        pushes: usize,
    },
    /// A P2SH scriptSig without any push (no redeem script).
    #[error("P2SH scriptSig is empty")]
    EmptyP2sh,
    /// The redeem script is not the one the P2SH output pays.
    #[error("redeem script does not hash to the P2SH address")]
    WrongScriptHash,
    /// The redeem script is not an m-of-n multisig script (the only kind verified here).
    #[error("redeem script is not a multisig script")]
    RedeemNotMultisig,
    /// CHECKMULTISIG fails: not enough signatures, or not as it reads them.
    #[error(transparent)]
    Multisig(#[from] MultisigShortfall),
    /// A spent script this verifier does not run (neither P2PKH, P2PK, P2SH multisig nor
    /// bare multisig).
    #[error("unsupported scriptPubKey type")]
    UnsupportedScript,
}

impl InputFailure {
    /// A stable, snake_case code for the variant.
    ///
    /// ```
    /// assert_eq!(flux_tx::sign::InputFailure::UnsupportedScript.kind(), "unsupported_script");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            InputFailure::NotPushOnly => "not_push_only",
            InputFailure::P2pkhShape { .. } => "p2pkh_script_sig_shape",
            InputFailure::WrongPubKeyHash => "wrong_pubkey_hash",
            InputFailure::BadSignature => "bad_signature",
            InputFailure::P2pkShape { .. } => "p2pk_script_sig_shape",
            InputFailure::EmptyP2sh => "empty_p2sh_script_sig",
            InputFailure::WrongScriptHash => "wrong_script_hash",
            InputFailure::RedeemNotMultisig => "redeem_not_multisig",
            InputFailure::Multisig(m) if m.signed.len() < m.required => "not_enough_signatures",
            InputFailure::Multisig(_) => "multisig_order",
            InputFailure::UnsupportedScript => "unsupported_script",
        }
    }
}

impl Serialize for InputFailure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why CHECKMULTISIG fails on an input, as far as a partially signed input can be
/// completed: which keys signed, how many signatures match no key, and how many empty
/// placeholders stand where signatures go. Its message names the keys (index and hex).
///
/// ```
/// use flux_tx::sign::MultisigShortfall;
/// let s = MultisigShortfall {
///     required: 2,
///     keys: vec![vec![2; 33], vec![3; 33]],
///     signed: vec![0],
///     unmatched: 0,
///     placeholders: 0,
/// };
/// assert!(s.to_string().starts_with("2-of-2 multisig: 1 of 2 required signatures; signed by key 0 (0202"));
/// assert_eq!(s.missing(), vec![1]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MultisigShortfall {
    /// Signatures required (m).
    pub required: usize,
    /// The script's public keys, in order (n of them).
    pub keys: Vec<Vec<u8>>,
    /// Indices (into `keys`) of the keys with a valid signature in the scriptSig, ascending.
    pub signed: Vec<usize>,
    /// Signatures that verify against no key.
    pub unmatched: usize,
    /// Empty pushes (after the dummy) where signatures go.
    pub placeholders: usize,
}

impl MultisigShortfall {
    /// Indices of the keys that have not signed.
    ///
    /// ```
    /// let s = flux_tx::sign::MultisigShortfall { required: 1, keys: vec![vec![2; 33]], signed: vec![], unmatched: 0, placeholders: 0 };
    /// assert_eq!(s.missing(), vec![0]);
    /// ```
    pub fn missing(&self) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|k| !self.signed.contains(k))
            .collect()
    }

    /// `key 0 (hex), key 2 (hex)` for the keys at `indices`.
    fn list(&self, indices: &[usize]) -> String {
        indices
            .iter()
            .filter_map(|&k| {
                self.keys
                    .get(k)
                    .map(|key| format!("key {k} ({})", hex::encode(key)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for MultisigShortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.required;
        let n = self.keys.len();
        write!(
            f,
            "{m}-of-{n} multisig: {} of {m} required signatures",
            self.signed.len()
        )?;
        if !self.signed.is_empty() {
            write!(f, "; signed by {}", self.list(&self.signed))?;
        }
        if self.signed.len() < m {
            let missing = self.list(&self.missing());
            write!(f, "; missing {} more from {missing}", m - self.signed.len())?;
        } else {
            f.write_str("; but not as CHECKMULTISIG reads them (order, count or placeholders)")?;
        }
        if self.unmatched > 0 {
            write!(f, "; {} signature(s) match no key", self.unmatched)?;
        }
        if self.placeholders > 0 {
            write!(
                f,
                "; {} empty placeholder(s) where signatures go",
                self.placeholders
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for MultisigShortfall {}

/// The input being checked: cache, index, scriptCode, amount, branch id.
struct InputCtx<'c, 't, 's> {
    cache: &'c SighashCache<'t>,
    index: usize,
    script_code: &'s [u8],
    amount: Amount,
    branch_id: BranchId,
}

/// CHECKMULTISIG as fluxd runs it on `stack` (the scriptSig's pushes below the redeem
/// script): the top `m` elements are the signatures, matched to the keys in order, and one
/// more element (the dummy) must lie under them. On failure it says which keys signed and
/// whose signatures are missing, so a partially signed input can be completed.
fn check_multisig(
    ctx: &InputCtx<'_, '_, '_>,
    m: usize,
    keys: Vec<Vec<u8>>,
    stack: &[Vec<u8>],
) -> Result<(), MultisigShortfall> {
    let InputCtx {
        cache,
        index,
        script_code,
        amount,
        branch_id,
    } = *ctx;
    let verifies = |sig: &[u8], key: &[u8]| {
        check_signature(cache, index, script_code, amount, branch_id, sig, key)
    };
    let sigs = stack.len().checked_sub(m).and_then(|d| stack.get(d..));
    if let (Some(sigs), true) = (sigs, stack.len() > m) {
        let mut k = keys.iter();
        if sigs.iter().all(|s| k.any(|key| verifies(s, key))) {
            return Ok(());
        }
    }
    // Diagnose: which keys have a valid signature anywhere in the scriptSig?
    let mut signed: Vec<usize> = Vec::new();
    let mut unmatched = 0usize;
    for sig in stack.iter().filter(|s| !s.is_empty()) {
        match (0..keys.len()).find(|&k| keys.get(k).is_some_and(|key| verifies(sig, key))) {
            Some(k) if !signed.contains(&k) => signed.push(k),
            Some(_) => {}
            None => unmatched += 1,
        }
    }
    signed.sort_unstable();
    let placeholders = stack.iter().skip(1).filter(|s| s.is_empty()).count();
    Err(MultisigShortfall {
        required: m,
        keys,
        signed,
        unmatched,
        placeholders,
    })
}

/// Verifies every transparent input of `tx` against the outputs it spend (`spent`, one per
/// input, in order). Each result is what the input spends, or why it fails.
///
/// ```
/// use flux_tx::sign::{verify_inputs, InputFailure, SpentOutput};
/// use flux_primitives::{Amount, BranchId, ScriptBuf};
///
/// // A v4 transaction with one unsigned input and no outputs.
/// let hex = concat!("0400008085202f89", "01", "11111111111111111111111111111111111111111111111111111111111111110000000000ffffffff",
///     "00", "00000000", "00000000", "0000000000000000", "00", "00", "00");
/// let tx = flux_tx::Transaction::from_bytes(&hex::decode(hex).unwrap()).unwrap();
/// let coin = SpentOutput { script_pubkey: ScriptBuf::p2pkh(&[1; 20]), amount: Amount::ONE_FLUX };
/// let r = verify_inputs(tx.as_standard().unwrap(), &[coin], BranchId::from_consensus(0x76b8_09bb)).unwrap();
/// assert_eq!(r, vec![Err(InputFailure::P2pkhShape { pushes: 0 })]);
/// ```
pub fn verify_inputs(
    tx: &StandardTx,
    spent: &[SpentOutput],
    branch_id: BranchId,
) -> Result<Vec<Result<InputKind, InputFailure>>, Error> {
    if spent.len() != tx.inputs.len() {
        return Err(Error::spec(
            "prevouts",
            SpecProblem::PerInput {
                given: spent.len(),
                expected: tx.inputs.len(),
            },
        ));
    }
    let cache = SighashCache::new(tx);
    Ok(tx
        .inputs
        .iter()
        .zip(spent)
        .enumerate()
        .map(|(i, (input, out))| verify_one(&cache, i, input.script_sig.as_bytes(), out, branch_id))
        .collect())
}

fn verify_one(
    cache: &SighashCache<'_>,
    i: usize,
    script_sig: &[u8],
    out: &SpentOutput,
    branch: BranchId,
) -> Result<InputKind, InputFailure> {
    let pushes = stack_pushes(script_sig).ok_or(InputFailure::NotPushOnly)?;
    let sb = &out.script_pubkey;
    let spk = sb.as_bytes();
    if let Some(h) = sb.p2pkh_hash() {
        let [sig, key] = pushes.as_slice() else {
            return Err(InputFailure::P2pkhShape {
                pushes: pushes.len(),
            });
        };
        if hash160(key) != h {
            return Err(InputFailure::WrongPubKeyHash);
        }
        return if check_signature(cache, i, spk, out.amount, branch, sig, key) {
            Ok(InputKind::PubKeyHash)
        } else {
            Err(InputFailure::BadSignature)
        };
    }
    if let Some(key) = p2pk_key(spk) {
        let [sig] = pushes.as_slice() else {
            return Err(InputFailure::P2pkShape {
                pushes: pushes.len(),
            });
        };
        return if check_signature(cache, i, spk, out.amount, branch, sig, &key) {
            Ok(InputKind::PubKey)
        } else {
            Err(InputFailure::BadSignature)
        };
    }
    if let Some(h) = sb.p2sh_hash() {
        let Some((redeem, rest)) = pushes.split_last() else {
            return Err(InputFailure::EmptyP2sh);
        };
        if hash160(redeem) != h {
            return Err(InputFailure::WrongScriptHash);
        }
        let (m, keys) = multisig_keys(redeem).ok_or(InputFailure::RedeemNotMultisig)?;
        let n = keys.len();
        check_multisig(
            &InputCtx {
                cache,
                index: i,
                script_code: redeem,
                amount: out.amount,
                branch_id: branch,
            },
            m,
            keys,
            rest,
        )?;
        return Ok(InputKind::ScriptHashMultisig {
            required: m,
            keys: n,
        });
    }
    if let Some((m, keys)) = multisig_keys(spk) {
        let n = keys.len();
        check_multisig(
            &InputCtx {
                cache,
                index: i,
                script_code: spk,
                amount: out.amount,
                branch_id: branch,
            },
            m,
            keys,
            &pushes,
        )?;
        return Ok(InputKind::Multisig {
            required: m,
            keys: n,
        });
    }
    Err(InputFailure::UnsupportedScript)
}

/// `<sig> <pubkey>`.
pub fn p2pkh_script_sig(sig: &[u8], pubkey: &[u8]) -> Vec<u8> {
    Builder::new()
        .push_slice_plain(sig)
        .push_slice_plain(pubkey)
        .into_script()
        .into_bytes()
}

/// `OP_0 <sig>... <redeem script>`, signatures in key order.
pub fn p2sh_multisig_script_sig(sigs: &[Vec<u8>], redeem: &[u8]) -> Vec<u8> {
    sigs.iter()
        .fold(Builder::new().push_opcode(Opcode::OP_0), |b, sig| {
            b.push_slice_plain(sig)
        })
        .push_slice_plain(redeem)
        .into_script()
        .into_bytes()
}

/// The elements a push-only script leaves on the stack (`OP_1NEGATE` and `OP_1`..`OP_16`
/// as their one-byte numbers); `None` if it holds any other opcode or a truncated push.
pub fn stack_pushes(script: &[u8]) -> Option<Vec<Vec<u8>>> {
    flux_primitives::script::Instructions::new(script)
        .map(|ins| match ins.ok()? {
            Instruction::Push { data, .. } => Some(data.to_vec()),
            Instruction::Op(op) => match op.small_int()? {
                -1 => Some(vec![0x81]),
                n => Some(vec![u8::try_from(n).ok()?]),
            },
        })
        .collect()
}

/// The signatures already in a P2SH multisig scriptSig, each mapped to the index of the
/// key it verifies against (so partially signed transactions can be combined).
pub fn multisig_signatures(
    cache: &SighashCache<'_>,
    index: usize,
    redeem: &[u8],
    amount: Amount,
    branch_id: BranchId,
    script_sig: &[u8],
) -> Vec<(usize, Vec<u8>)> {
    let Some((_, keys)) = multisig_keys(redeem) else {
        return Vec::new();
    };
    let Some(pushes) = stack_pushes(script_sig) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for sig in pushes
        .iter()
        .filter(|p| p.len() > 8 && p.first() == Some(&0x30))
    {
        if let Some(k) = keys
            .iter()
            .position(|key| check_signature(cache, index, redeem, amount, branch_id, sig, key))
        {
            if !found.iter().any(|(j, _)| *j == k) {
                found.push((k, sig.clone()));
            }
        }
    }
    found.sort_by_key(|(k, _)| *k);
    found
}

/// Combines the signatures of several partially signed copies of the same transaction
/// into one scriptSig per P2SH multisig input. `redeems[i]` is the redeem script of input
/// `i` (or `None` to keep the first copy's scriptSig). Returns the combined transaction
/// and whether every multisig input now has enough signatures.
pub fn combine_multisig(
    copies: &[StandardTx],
    redeems: &[Option<Vec<u8>>],
    amounts: &[Amount],
    branch_id: BranchId,
) -> Result<(StandardTx, bool), Error> {
    let first = copies
        .first()
        .ok_or_else(|| Error::spec("transactions", SpecProblem::Required))?;
    let mut out = first.clone();
    let cache = SighashCache::new(first);
    let mut complete = true;
    for (i, redeem) in redeems.iter().enumerate() {
        let Some(redeem) = redeem else { continue };
        let amount = amounts.get(i).copied().unwrap_or(Amount::ZERO);
        let (m, _) = multisig_keys(redeem)
            .ok_or_else(|| Error::spec(format!("redeem_scripts[{i}]"), SpecProblem::NotMultisig))?;
        let mut sigs: Vec<(usize, Vec<u8>)> = Vec::new();
        for c in copies {
            let ss = c
                .inputs
                .get(i)
                .map(|x| x.script_sig.as_bytes().to_vec())
                .unwrap_or_default();
            for (k, s) in multisig_signatures(&cache, i, redeem, amount, branch_id, &ss) {
                if !sigs.iter().any(|(j, _)| *j == k) {
                    sigs.push((k, s));
                }
            }
        }
        sigs.sort_by_key(|(k, _)| *k);
        sigs.truncate(m);
        complete &= sigs.len() >= m;
        let list: Vec<Vec<u8>> = sigs.into_iter().map(|(_, s)| s).collect();
        if let Some(input) = out.inputs.get_mut(i) {
            input.script_sig = p2sh_multisig_script_sig(&list, redeem).into();
        }
    }
    Ok((out, complete))
}
