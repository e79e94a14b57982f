//! Script text forms fluxd's RPC shows: `ScriptToAsmStr` (with optional signature
//! hash-type decoding, for scriptSigs) and the output classification of
//! `ScriptPubKeyToJSON` (type, required signatures, addresses).

use flux_primitives::hash::{hash160, sha256d};
use flux_primitives::Network;

use crate::script::{p2pk_key, parse_multisig, parse_pushes};

/// fluxd's `GetOpName`.
pub fn op_name(op: u8) -> &'static str {
    const NAMES: [(u8, &str); 101] = [
        (0x00, "0"),
        (0x4c, "OP_PUSHDATA1"),
        (0x4d, "OP_PUSHDATA2"),
        (0x4e, "OP_PUSHDATA4"),
        (0x4f, "-1"),
        (0x50, "OP_RESERVED"),
        (0x51, "1"),
        (0x52, "2"),
        (0x53, "3"),
        (0x54, "4"),
        (0x55, "5"),
        (0x56, "6"),
        (0x57, "7"),
        (0x58, "8"),
        (0x59, "9"),
        (0x5a, "10"),
        (0x5b, "11"),
        (0x5c, "12"),
        (0x5d, "13"),
        (0x5e, "14"),
        (0x5f, "15"),
        (0x60, "16"),
        (0x61, "OP_NOP"),
        (0x62, "OP_VER"),
        (0x63, "OP_IF"),
        (0x64, "OP_NOTIF"),
        (0x65, "OP_VERIF"),
        (0x66, "OP_VERNOTIF"),
        (0x67, "OP_ELSE"),
        (0x68, "OP_ENDIF"),
        (0x69, "OP_VERIFY"),
        (0x6a, "OP_RETURN"),
        (0x6b, "OP_TOALTSTACK"),
        (0x6c, "OP_FROMALTSTACK"),
        (0x6d, "OP_2DROP"),
        (0x6e, "OP_2DUP"),
        (0x6f, "OP_3DUP"),
        (0x70, "OP_2OVER"),
        (0x71, "OP_2ROT"),
        (0x72, "OP_2SWAP"),
        (0x73, "OP_IFDUP"),
        (0x74, "OP_DEPTH"),
        (0x75, "OP_DROP"),
        (0x76, "OP_DUP"),
        (0x77, "OP_NIP"),
        (0x78, "OP_OVER"),
        (0x79, "OP_PICK"),
        (0x7a, "OP_ROLL"),
        (0x7b, "OP_ROT"),
        (0x7c, "OP_SWAP"),
        (0x7d, "OP_TUCK"),
        (0x7e, "OP_CAT"),
        (0x7f, "OP_SUBSTR"),
        (0x80, "OP_LEFT"),
        (0x81, "OP_RIGHT"),
        (0x82, "OP_SIZE"),
        (0x83, "OP_INVERT"),
        (0x84, "OP_AND"),
        (0x85, "OP_OR"),
        (0x86, "OP_XOR"),
        (0x87, "OP_EQUAL"),
        (0x88, "OP_EQUALVERIFY"),
        (0x89, "OP_RESERVED1"),
        (0x8a, "OP_RESERVED2"),
        (0x8b, "OP_1ADD"),
        (0x8c, "OP_1SUB"),
        (0x8d, "OP_2MUL"),
        (0x8e, "OP_2DIV"),
        (0x8f, "OP_NEGATE"),
        (0x90, "OP_ABS"),
        (0x91, "OP_NOT"),
        (0x92, "OP_0NOTEQUAL"),
        (0x93, "OP_ADD"),
        (0x94, "OP_SUB"),
        (0x95, "OP_MUL"),
        (0x96, "OP_DIV"),
        (0x97, "OP_MOD"),
        (0x98, "OP_LSHIFT"),
        (0x99, "OP_RSHIFT"),
        (0x9a, "OP_BOOLAND"),
        (0x9b, "OP_BOOLOR"),
        (0x9c, "OP_NUMEQUAL"),
        (0x9d, "OP_NUMEQUALVERIFY"),
        (0x9e, "OP_NUMNOTEQUAL"),
        (0x9f, "OP_LESSTHAN"),
        (0xa0, "OP_GREATERTHAN"),
        (0xa1, "OP_LESSTHANOREQUAL"),
        (0xa2, "OP_GREATERTHANOREQUAL"),
        (0xa3, "OP_MIN"),
        (0xa4, "OP_MAX"),
        (0xa5, "OP_WITHIN"),
        (0xa6, "OP_RIPEMD160"),
        (0xa7, "OP_SHA1"),
        (0xa8, "OP_SHA256"),
        (0xa9, "OP_HASH160"),
        (0xaa, "OP_HASH256"),
        (0xab, "OP_CODESEPARATOR"),
        (0xac, "OP_CHECKSIG"),
        (0xad, "OP_CHECKSIGVERIFY"),
        (0xae, "OP_CHECKMULTISIG"),
        (0xaf, "OP_CHECKMULTISIGVERIFY"),
    ];
    const NOPS: [&str; 10] = [
        "OP_NOP1",
        "OP_CHECKLOCKTIMEVERIFY",
        "OP_NOP3",
        "OP_NOP4",
        "OP_NOP5",
        "OP_NOP6",
        "OP_NOP7",
        "OP_NOP8",
        "OP_NOP9",
        "OP_NOP10",
    ];
    if (0xb0..=0xb9).contains(&op) {
        return NOPS
            .get(usize::from(op - 0xb0))
            .copied()
            .unwrap_or("OP_UNKNOWN");
    }
    NAMES
        .iter()
        .find(|(o, _)| *o == op)
        .map_or("OP_UNKNOWN", |(_, n)| n)
}

/// One parsed operation: opcode and pushed data (for pushes).
type Op<'a> = (u8, Option<&'a [u8]>);

/// The operations of a script, and whether it parsed to the end.
fn ops(script: &[u8]) -> (Vec<Op<'_>>, bool) {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&op) = script.get(i) {
        i += 1;
        let len = match op {
            0x01..=0x4b => usize::from(op),
            0x4c => match script.get(i) {
                Some(&l) => {
                    i += 1;
                    usize::from(l)
                }
                None => return (out, false),
            },
            0x4d => match script.get(i..i + 2) {
                Some(b) => {
                    i += 2;
                    usize::from(u16::from_le_bytes([
                        b.first().copied().unwrap_or(0),
                        b.get(1).copied().unwrap_or(0),
                    ]))
                }
                None => return (out, false),
            },
            0x4e => match script
                .get(i..i + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
            {
                Some(b) => {
                    i += 4;
                    u32::from_le_bytes(b) as usize
                }
                None => return (out, false),
            },
            0x00 => {
                out.push((op, Some(&[][..])));
                continue;
            }
            _ => {
                out.push((op, None));
                continue;
            }
        };
        match i.checked_add(len).and_then(|end| script.get(i..end)) {
            Some(data) => {
                out.push((op, Some(data)));
                i += len;
            }
            None => return (out, false),
        }
    }
    (out, true)
}

/// `CScriptNum(vch, false).getint()` for at most 4 bytes.
fn script_num(data: &[u8]) -> i64 {
    let mut v: i64 = 0;
    for (k, b) in data.iter().enumerate() {
        v |= i64::from(*b) << (8 * k);
    }
    if let Some(&last) = data.last() {
        if last & 0x80 != 0 {
            let bits = 8 * data.len() - 1;
            v &= !(1i64 << bits);
            v = -v;
        }
    }
    v.clamp(i64::from(i32::MIN), i64::from(i32::MAX))
}

/// BIP66 strict DER plus a defined hash type (fluxd `CheckSignatureEncoding` with STRICTENC).
fn is_strict_signature(sig: &[u8]) -> bool {
    let n = sig.len();
    if !(9..=73).contains(&n) {
        return false;
    }
    let g = |i: usize| sig.get(i).copied().unwrap_or(0);
    if g(0) != 0x30 || usize::from(g(1)) != n - 3 {
        return false;
    }
    let len_r = usize::from(g(3));
    if 5 + len_r >= n {
        return false;
    }
    let len_s = usize::from(g(5 + len_r));
    if len_r + len_s + 7 != n {
        return false;
    }
    if g(2) != 0x02 || len_r == 0 || g(4) & 0x80 != 0 {
        return false;
    }
    if len_r > 1 && g(4) == 0 && g(5) & 0x80 == 0 {
        return false;
    }
    if g(len_r + 4) != 0x02 || len_s == 0 || g(len_r + 6) & 0x80 != 0 {
        return false;
    }
    if len_s > 1 && g(len_r + 6) == 0 && g(len_r + 7) & 0x80 == 0 {
        return false;
    }
    let ht = g(n - 1) & !0x80;
    (1..=3).contains(&ht)
}

fn sighash_suffix(t: u8) -> &'static str {
    match t {
        0x01 => "[ALL]",
        0x81 => "[ALL|ANYONECANPAY]",
        0x02 => "[NONE]",
        0x82 => "[NONE|ANYONECANPAY]",
        0x03 => "[SINGLE]",
        0x83 => "[SINGLE|ANYONECANPAY]",
        _ => "",
    }
}

/// fluxd's `ScriptToAsmStr(script, attempt_sighash_decode)`.
pub fn to_asm(script: &[u8], attempt_sighash_decode: bool) -> String {
    let (parsed, ok) = ops(script);
    let unspendable = script.first() == Some(&0x6a) || script.len() > 10_000;
    let mut parts: Vec<String> = Vec::with_capacity(parsed.len() + 1);
    for (op, data) in parsed {
        let s = match data {
            Some(d) if d.len() <= 4 => script_num(d).to_string(),
            Some(d) => {
                if attempt_sighash_decode && !unspendable && is_strict_signature(d) {
                    let (body, last) = d.split_at(d.len() - 1);
                    let suffix = sighash_suffix(last.first().copied().unwrap_or(0));
                    if suffix.is_empty() {
                        hex::encode(d)
                    } else {
                        format!("{}{suffix}", hex::encode(body))
                    }
                } else {
                    hex::encode(d)
                }
            }
            None => op_name(op).to_string(),
        };
        parts.push(s);
    }
    if !ok {
        parts.push("[error]".into());
    }
    parts.join(" ")
}

/// Base58check of a 2-byte prefix and a 20-byte hash (a transparent address).
pub fn encode_address(prefix: [u8; 2], hash: &[u8; 20]) -> String {
    let mut v = Vec::with_capacity(26);
    v.extend_from_slice(&prefix);
    v.extend_from_slice(hash);
    let check = sha256d(&v);
    v.extend_from_slice(check.get(..4).unwrap_or_default());
    bs58::encode(v).into_string()
}

/// The output classification fluxd's RPC shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptClass {
    /// `pubkey`, `pubkeyhash`, `scripthash`, `multisig`, `nulldata` or `nonstandard`.
    pub kind: &'static str,
    /// Signatures required (absent for nulldata/nonstandard).
    pub req_sigs: Option<usize>,
    /// Addresses (absent for nulldata/nonstandard).
    pub addresses: Vec<String>,
}

/// Classifies a scriptPubKey as fluxd's `Solver`/`ExtractDestinations`.
pub fn classify(script: &[u8], network: Network) -> ScriptClass {
    let pre = network.params().prefixes;
    let none = |kind| ScriptClass {
        kind,
        req_sigs: None,
        addresses: Vec::new(),
    };
    let sb = flux_primitives::ScriptBuf::from_bytes(script.to_vec());
    if let Some(h) = sb.p2sh_hash() {
        return ScriptClass {
            kind: "scripthash",
            req_sigs: Some(1),
            addresses: vec![encode_address(pre.p2sh, &h)],
        };
    }
    if let Some(h) = sb.p2pkh_hash() {
        return ScriptClass {
            kind: "pubkeyhash",
            req_sigs: Some(1),
            addresses: vec![encode_address(pre.p2pkh, &h)],
        };
    }
    if let Some(k) = p2pk_key(script) {
        return ScriptClass {
            kind: "pubkey",
            req_sigs: Some(1),
            addresses: vec![encode_address(pre.p2pkh, &hash160(k))],
        };
    }
    if let Some((m, keys)) = parse_multisig(script) {
        if m >= 1 {
            return ScriptClass {
                kind: "multisig",
                req_sigs: Some(m),
                addresses: keys
                    .iter()
                    .map(|k| encode_address(pre.p2pkh, &hash160(k)))
                    .collect(),
            };
        }
    }
    if let Some((&0x6a, rest)) = script.split_first() {
        if parse_pushes(rest).is_some() {
            return none("nulldata");
        }
    }
    none("nonstandard")
}
