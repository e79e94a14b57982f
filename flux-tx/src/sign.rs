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
use serde_json::Value;

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
        .ok_or_else(|| Error::spec("prevouts", "must be an array"))?;
    arr.iter()
        .enumerate()
        .map(|(i, p)| {
            let script = p
                .get("script_pubkey")
                .or_else(|| p.get("scriptPubKey"))
                .and_then(Value::as_str)
                .and_then(|s| hex::decode(s).ok())
                .ok_or_else(|| {
                    Error::spec(format!("prevouts[{i}].script_pubkey"), "hex required")
                })?;
            let amount = p
                .get("amount")
                .or_else(|| p.get("valueSat"))
                .and_then(Value::as_i64)
                .and_then(|zat| Amount::from_zat(zat).ok())
                .ok_or_else(|| {
                    Error::spec(
                        format!("prevouts[{i}].amount"),
                        "zatoshis within MoneyRange required",
                    )
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
/// more element (the dummy) must lie under them. On failure the message says which keys
/// signed and whose signatures are missing, so a partially signed input can be completed.
fn check_multisig(
    ctx: &InputCtx<'_, '_, '_>,
    m: usize,
    keys: &[Vec<u8>],
    stack: &[Vec<u8>],
) -> Result<(), String> {
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
    let mut strangers = 0usize;
    for sig in stack.iter().filter(|s| !s.is_empty()) {
        match (0..keys.len()).find(|&k| keys.get(k).is_some_and(|key| verifies(sig, key))) {
            Some(k) if !signed.contains(&k) => signed.push(k),
            Some(_) => {}
            None => strangers += 1,
        }
    }
    signed.sort_unstable();
    let list = |ks: &mut dyn Iterator<Item = usize>| {
        ks.filter_map(|k| {
            keys.get(k)
                .map(|key| format!("key {k} ({})", hex::encode(key)))
        })
        .collect::<Vec<_>>()
        .join(", ")
    };
    let n = keys.len();
    let mut why = format!(
        "{m}-of-{n} multisig: {} of {m} required signatures",
        signed.len()
    );
    if !signed.is_empty() {
        why += &format!("; signed by {}", list(&mut signed.iter().copied()));
    }
    if signed.len() < m {
        let missing = list(&mut (0..n).filter(|k| !signed.contains(k)));
        why += &format!("; missing {} more from {missing}", m - signed.len());
    } else {
        why += "; but not as CHECKMULTISIG reads them (order, count or placeholders)";
    }
    if strangers > 0 {
        why += &format!("; {strangers} signature(s) match no key");
    }
    let placeholders = stack.iter().skip(1).filter(|s| s.is_empty()).count();
    if placeholders > 0 {
        why += &format!("; {placeholders} empty placeholder(s) where signatures go");
    }
    Err(why)
}

/// Verifies every transparent input of `tx` against the outputs it spends. Each result is
/// the script type on success or why it failed.
pub fn verify_inputs(
    tx: &StandardTx,
    spent: &[SpentOutput],
    branch_id: BranchId,
) -> Result<Vec<Result<&'static str, String>>, Error> {
    if spent.len() != tx.inputs.len() {
        return Err(Error::spec(
            "prevouts",
            format!("{} given for {} inputs", spent.len(), tx.inputs.len()),
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
) -> Result<&'static str, String> {
    let pushes = stack_pushes(script_sig).ok_or("scriptSig is not push-only")?;
    let sb = &out.script_pubkey;
    let spk = sb.as_bytes();
    if let Some(h) = sb.p2pkh_hash() {
        let [sig, key] = pushes.as_slice() else {
            return Err("P2PKH scriptSig must be <sig> <pubkey>".into());
        };
        if hash160(key) != h {
            return Err("public key does not hash to the P2PKH address".into());
        }
        return if check_signature(cache, i, spk, out.amount, branch, sig, key) {
            Ok("pubkeyhash")
        } else {
            Err("signature does not verify".into())
        };
    }
    if let Some(key) = p2pk_key(spk) {
        let [sig] = pushes.as_slice() else {
            return Err("P2PK scriptSig must be <sig>".into());
        };
        return if check_signature(cache, i, spk, out.amount, branch, sig, &key) {
            Ok("pubkey")
        } else {
            Err("signature does not verify".into())
        };
    }
    if let Some(h) = sb.p2sh_hash() {
        let Some((redeem, rest)) = pushes.split_last() else {
            return Err("P2SH scriptSig is empty".into());
        };
        if hash160(redeem) != h {
            return Err("redeem script does not hash to the P2SH address".into());
        }
        let (m, keys) = multisig_keys(redeem).ok_or("redeem script is not a multisig script")?;
        check_multisig(
            &InputCtx {
                cache,
                index: i,
                script_code: redeem,
                amount: out.amount,
                branch_id: branch,
            },
            m,
            &keys,
            rest,
        )?;
        return Ok("scripthash");
    }
    if let Some((m, keys)) = multisig_keys(spk) {
        check_multisig(
            &InputCtx {
                cache,
                index: i,
                script_code: spk,
                amount: out.amount,
                branch_id: branch,
            },
            m,
            &keys,
            &pushes,
        )?;
        return Ok("multisig");
    }
    Err("unsupported scriptPubKey type".into())
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
        .ok_or_else(|| Error::spec("transactions", "nothing to combine"))?;
    let mut out = first.clone();
    let cache = SighashCache::new(first);
    let mut complete = true;
    for (i, redeem) in redeems.iter().enumerate() {
        let Some(redeem) = redeem else { continue };
        let amount = amounts.get(i).copied().unwrap_or(Amount::ZERO);
        let (m, _) = multisig_keys(redeem)
            .ok_or_else(|| Error::spec(format!("redeem_scripts[{i}]"), "not a multisig script"))?;
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
