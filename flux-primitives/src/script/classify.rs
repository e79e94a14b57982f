//! Output-script templates, matched exactly as fluxd's `Solver` (`script/standard.cpp`).
//!
//! fluxd's quirks that this reproduces:
//! - P2SH is exactly 23 bytes `a9 14 <20> 87`; it is checked before any template.
//! - P2PK, P2PKH and multisig match pushes by *length only*, whatever push opcode encodes
//!   them (`OP_PUSHDATA1 0x14 <20 bytes>` counts as the P2PKH hash) and whatever the key's
//!   first byte is (then no address is derived: [`ScriptClass::destinations`] is empty).
//! - Null data is `OP_RETURN` alone, or `OP_RETURN` followed by exactly one instruction
//!   carrying at most 80 bytes (`MAX_OP_RETURN_RELAY`) -- any instruction, even `OP_DUP`.
//! - A script with the multisig shape but bad counts (`m = 0`, `m > n`, `n` not the number
//!   of keys) is non-standard, yet decoderawtransaction labels it `"multisig"`
//!   ([`rpc_type`]).

use super::instruction::{Instruction, Instructions};
use super::opcodes::Opcode;
use crate::hash::hash160;

/// `MAX_OP_RETURN_RELAY` in fluxd's `standard.h`: the largest null-data push relayed.
pub const MAX_OP_RETURN_RELAY: usize = 80;

/// Largest `n` fluxd's `IsStandard` accepts for bare multisig outputs.
pub const MAX_STANDARD_BARE_MULTISIG_KEYS: usize = 3;

/// What an output script is, per fluxd's `Solver`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptClass {
    /// `<33..=65-byte push> OP_CHECKSIG`.
    PubKey {
        /// The pushed key bytes.
        key: Vec<u8>,
    },
    /// `OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG`.
    PubKeyHash {
        /// The key hash.
        hash: [u8; 20],
    },
    /// `OP_HASH160 <20> OP_EQUAL`, exactly 23 bytes.
    ScriptHash {
        /// The script hash.
        hash: [u8; 20],
    },
    /// `OP_m <keys: 33..=65-byte pushes> OP_n OP_CHECKMULTISIG` with `1 <= m <= n = #keys`.
    Multisig {
        /// Signatures required.
        m: u8,
        /// The pushed keys, in order.
        keys: Vec<Vec<u8>>,
    },
    /// `OP_RETURN [one instruction with <= 80 bytes of data]`.
    NullData,
    /// Anything else.
    NonStandard,
}

/// A destination a standard output pays, as fluxd's `ExtractDestinations` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Destination {
    /// HASH160 of a public key (`t1...` on mainnet).
    KeyHash([u8; 20]),
    /// HASH160 of a script (`t3...` on mainnet).
    ScriptHash([u8; 20]),
}

impl ScriptClass {
    /// fluxd's `GetTxnOutputType` name: `pubkey`, `pubkeyhash`, `scripthash`, `multisig`,
    /// `nulldata`, `nonstandard`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ScriptClass::PubKey { .. } => "pubkey",
            ScriptClass::PubKeyHash { .. } => "pubkeyhash",
            ScriptClass::ScriptHash { .. } => "scripthash",
            ScriptClass::Multisig { .. } => "multisig",
            ScriptClass::NullData => "nulldata",
            ScriptClass::NonStandard => "nonstandard",
        }
    }

    /// The destinations decoderawtransaction lists under `addresses`, in order: none for
    /// null data and non-standard scripts, and only keys with a valid-looking encoding
    /// (`CPubKey::IsValid`: 33 bytes starting 02/03 or 65 bytes starting 04/06/07).
    pub fn destinations(&self) -> Vec<Destination> {
        match self {
            ScriptClass::PubKeyHash { hash } => vec![Destination::KeyHash(*hash)],
            ScriptClass::ScriptHash { hash } => vec![Destination::ScriptHash(*hash)],
            ScriptClass::PubKey { key } => key_destination(key).into_iter().collect(),
            ScriptClass::Multisig { keys, .. } => {
                keys.iter().filter_map(|k| key_destination(k)).collect()
            }
            ScriptClass::NullData | ScriptClass::NonStandard => Vec::new(),
        }
    }

    /// decoderawtransaction's `reqSigs`: present only when some destination could be
    /// extracted (1, or `m` for multisig).
    pub fn req_sigs(&self) -> Option<u8> {
        if self.destinations().is_empty() {
            return None;
        }
        match self {
            ScriptClass::Multisig { m, .. } => Some(*m),
            _ => Some(1),
        }
    }

    /// fluxd's `IsStandard` for an output script: any solved type, with bare multisig
    /// limited to `n <= 3`.
    pub fn is_standard(&self) -> bool {
        match self {
            ScriptClass::NonStandard => false,
            ScriptClass::Multisig { keys, .. } => keys.len() <= MAX_STANDARD_BARE_MULTISIG_KEYS,
            _ => true,
        }
    }
}

/// `CPubKey(bytes).IsValid()`: the length the first byte announces must match.
fn key_destination(key: &[u8]) -> Option<Destination> {
    let expected = match key.first()? {
        0x02 | 0x03 => 33,
        0x04 | 0x06 | 0x07 => 65,
        _ => return None,
    };
    (key.len() == expected).then(|| Destination::KeyHash(hash160(key)))
}

/// Result of running the template matcher: the class, plus whether the multisig shape
/// matched with bad counts (which fluxd still labels `"multisig"`).
struct Solved {
    class: ScriptClass,
    bad_multisig: bool,
}

/// The key of a P2PK script `<key> OP_CHECKSIG`, as fluxd's `Solver` matches it.
///
/// ```
/// use flux_primitives::script::classify::p2pk_key;
/// let key = [2u8; 33];
/// let mut script = vec![33];
/// script.extend_from_slice(&key);
/// script.push(0xac);
/// assert_eq!(p2pk_key(&script), Some(key.to_vec()));
/// assert_eq!(p2pk_key(&[0x51]), None);
/// ```
pub fn p2pk_key(script: &[u8]) -> Option<Vec<u8>> {
    match classify(script) {
        ScriptClass::PubKey { key } => Some(key),
        _ => None,
    }
}

/// `(m, keys)` of a standard multisig script `OP_m <key>... OP_n OP_CHECKMULTISIG`, as
/// fluxd's `Solver` matches it.
///
/// ```
/// use flux_primitives::script::classify::multisig_keys;
/// // 1-of-1: OP_1 <33-byte key> OP_1 OP_CHECKMULTISIG
/// let mut script = vec![0x51, 33];
/// script.extend_from_slice(&[3u8; 33]);
/// script.extend_from_slice(&[0x51, 0xae]);
/// assert_eq!(multisig_keys(&script), Some((1, vec![vec![3u8; 33]])));
/// ```
pub fn multisig_keys(script: &[u8]) -> Option<(usize, Vec<Vec<u8>>)> {
    match classify(script) {
        ScriptClass::Multisig { m, keys } => Some((usize::from(m), keys)),
        _ => None,
    }
}

/// Classifies an output script as fluxd's `Solver` does.
pub fn classify(script: &[u8]) -> ScriptClass {
    solve(script).class
}

/// The `type` decoderawtransaction prints for this scriptPubKey (includes the `"multisig"`
/// label fluxd gives to malformed multisig shapes).
pub fn rpc_type(script: &[u8]) -> &'static str {
    let solved = solve(script);
    if solved.bad_multisig {
        "multisig"
    } else {
        solved.class.type_name()
    }
}

fn solve(script: &[u8]) -> Solved {
    let done = |class| Solved {
        class,
        bad_multisig: false,
    };
    if let [0xa9, 0x14, hash @ .., 0x87] = script {
        if let Ok(hash) = <[u8; 20]>::try_from(hash) {
            return done(ScriptClass::ScriptHash { hash });
        }
    }
    // Parse up to the first error; fluxd's matcher stops there too, and a truncated tail
    // never matches a template's end.
    let mut ops = Vec::new();
    let mut truncated = false;
    for ins in Instructions::new(script) {
        match ins {
            Ok(i) => ops.push(i),
            Err(_) => truncated = true,
        }
    }
    if !truncated {
        if let Some(class) = match_pubkey(&ops).or_else(|| match_pubkeyhash(&ops)) {
            return done(class);
        }
    }
    // The multisig template is tried before null data; its count check returns from
    // Solver directly.
    match match_multisig(&ops, truncated) {
        Some(Ok(class)) => return done(class),
        Some(Err(())) => {
            return Solved {
                class: ScriptClass::NonStandard,
                bad_multisig: true,
            }
        }
        None => {}
    }
    if is_null_data(&ops, truncated, script) {
        return done(ScriptClass::NullData);
    }
    done(ScriptClass::NonStandard)
}

fn data_len(i: &Instruction<'_>) -> usize {
    i.push_data().map_or(0, <[u8]>::len)
}

fn is_key_sized(i: &Instruction<'_>) -> bool {
    (33..=65).contains(&data_len(i))
}

fn match_pubkey(ops: &[Instruction<'_>]) -> Option<ScriptClass> {
    match ops {
        [key, Instruction::Op(Opcode::OP_CHECKSIG)] if is_key_sized(key) => {
            Some(ScriptClass::PubKey {
                key: key.push_data()?.to_vec(),
            })
        }
        _ => None,
    }
}

fn match_pubkeyhash(ops: &[Instruction<'_>]) -> Option<ScriptClass> {
    match ops {
        [Instruction::Op(Opcode::OP_DUP), Instruction::Op(Opcode::OP_HASH160), hash, Instruction::Op(Opcode::OP_EQUALVERIFY), Instruction::Op(Opcode::OP_CHECKSIG)] =>
        {
            let hash = <[u8; 20]>::try_from(hash.push_data()?).ok()?;
            Some(ScriptClass::PubKeyHash { hash })
        }
        _ => None,
    }
}

/// `None`: no match; `Some(Err)`: shape matched but counts are wrong.
fn match_multisig(ops: &[Instruction<'_>], truncated: bool) -> Option<Result<ScriptClass, ()>> {
    let small = |i: &Instruction<'_>| match i.opcode().small_int() {
        Some(n @ 0..=16) if i.opcode() != Opcode::OP_1NEGATE => u8::try_from(n).ok(),
        _ => None,
    };
    let (first, rest) = ops.split_first()?;
    let m = small(first)?;
    let key_count = rest.iter().take_while(|i| is_key_sized(i)).count();
    let (keys, tail) = rest.split_at(key_count);
    // fluxd's template needs OP_n, OP_CHECKMULTISIG, and then the end of the script.
    let [n_op, Instruction::Op(Opcode::OP_CHECKMULTISIG)] = tail else {
        return None;
    };
    let n = small(n_op)?;
    if truncated {
        return None;
    }
    if m < 1 || n < 1 || m > n || usize::from(n) != keys.len() {
        return Some(Err(()));
    }
    let keys = keys
        .iter()
        .filter_map(|k| k.push_data().map(<[u8]>::to_vec))
        .collect();
    Some(Ok(ScriptClass::Multisig { m, keys }))
}

fn is_null_data(ops: &[Instruction<'_>], truncated: bool, script: &[u8]) -> bool {
    if truncated || script.first() != Some(&Opcode::OP_RETURN.0) {
        return false;
    }
    match ops {
        [Instruction::Op(Opcode::OP_RETURN)] => true,
        [Instruction::Op(Opcode::OP_RETURN), one] => data_len(one) <= MAX_OP_RETURN_RELAY,
        _ => false,
    }
}
