//! fluxd's `asm` text (`ScriptToAsmStr` in `core_write.cpp`) and a parser for it.
//!
//! Rendering rules, as fluxd applies them:
//! - a push of at most 4 bytes (including `OP_0`) prints as the decimal value of the
//!   bytes read as a `CScriptNum` without a minimality check (`01 05` and `55` both print
//!   `5`; `02 0000` prints `0`);
//! - a longer push prints as lowercase hex;
//! - other opcodes print their [`Opcode::name`] (`OP_DUP`, `1`..`16`, `-1`, `OP_NOP2`,
//!   `OP_UNKNOWN`);
//! - a truncated push ends the text with `[error]`;
//! - for a scriptSig (`fAttemptSighashDecode`), a push longer than 4 bytes that is a
//!   strictly DER-encoded signature with a defined hash type prints as the signature hex
//!   followed by the hash type (`[ALL]`, `[NONE|ANYONECANPAY]`...), unless the script starts
//!   with `OP_RETURN` or is longer than 10 000 bytes.

use super::builder::{script_num_value, Builder};
use super::instruction::{Instruction, Instructions};
use super::opcodes::Opcode;
use super::ScriptBuf;
use crate::Error;

/// fluxd's `MAX_SCRIPT_SIZE`.
pub const MAX_SCRIPT_SIZE: usize = 10_000;

/// fluxd's asm for a scriptPubKey (no sighash decoding).
pub fn to_asm(script: &[u8]) -> String {
    render(script, false)
}

/// fluxd's asm for a scriptSig (signatures show their sighash type, e.g. `[ALL]`).
pub fn to_asm_sig(script: &[u8]) -> String {
    render(script, true)
}

fn render(script: &[u8], decode_sighash: bool) -> String {
    let unspendable =
        script.first() == Some(&Opcode::OP_RETURN.0) || script.len() > MAX_SCRIPT_SIZE;
    let decode_sighash = decode_sighash && !unspendable;
    let mut out = String::new();
    for ins in Instructions::new(script) {
        if !out.is_empty() {
            out.push(' ');
        }
        match ins {
            Err(_) => {
                out.push_str("[error]");
                break;
            }
            Ok(Instruction::Op(op)) => out.push_str(op.name()),
            Ok(Instruction::Push { data, .. }) if data.len() <= 4 => {
                out.push_str(&script_num_value(data).to_string());
            }
            Ok(Instruction::Push { data, .. }) => match sighash_suffix(data, decode_sighash) {
                Some((sig, name)) => {
                    out.push_str(&hex::encode(sig));
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                }
                None => out.push_str(&hex::encode(data)),
            },
        }
    }
    out
}

/// fluxd's `mapSigHashTypes`.
fn sighash_name(byte: u8) -> Option<&'static str> {
    Some(match byte {
        0x01 => "ALL",
        0x81 => "ALL|ANYONECANPAY",
        0x02 => "NONE",
        0x82 => "NONE|ANYONECANPAY",
        0x03 => "SINGLE",
        0x83 => "SINGLE|ANYONECANPAY",
        _ => return None,
    })
}

fn sighash_suffix(data: &[u8], decode: bool) -> Option<(&[u8], &'static str)> {
    if !decode || !is_valid_signature_encoding(data) {
        return None;
    }
    let (&hash_type, sig) = data.split_last()?;
    sighash_name(hash_type).map(|name| (sig, name))
}

/// fluxd's `IsValidSignatureEncoding` (BIP66 strict DER plus one hash-type byte).
pub fn is_valid_signature_encoding(sig: &[u8]) -> bool {
    let at = |i: usize| sig.get(i).copied().unwrap_or(0);
    let len = sig.len();
    if !(9..=73).contains(&len) || at(0) != 0x30 || usize::from(at(1)) != len - 3 {
        return false;
    }
    let len_r = usize::from(at(3));
    if 5 + len_r >= len {
        return false;
    }
    let len_s = usize::from(at(5 + len_r));
    if len_r + len_s + 7 != len {
        return false;
    }
    if at(2) != 0x02 || len_r == 0 || at(4) & 0x80 != 0 {
        return false;
    }
    if len_r > 1 && at(4) == 0x00 && at(5) & 0x80 == 0 {
        return false;
    }
    if at(len_r + 4) != 0x02 || len_s == 0 || at(len_r + 6) & 0x80 != 0 {
        return false;
    }
    !(len_s > 1 && at(len_r + 6) == 0x00 && at(len_r + 7) & 0x80 == 0)
}

/// Parses asm text back into a script.
///
/// Accepts fluxd's output for scripts with minimal pushes (`to_asm(from_asm(s)) == s`) and
/// a few conveniences:
/// - opcode names with or without `OP_` (`OP_DUP`, `DUP`, `OP_CHECKLOCKTIMEVERIFY`);
/// - decimal numbers, pushed as fluxd's `CScript << int64` would (`OP_0`, `OP_1NEGATE`,
///   `OP_1`..`OP_16`, else minimal `CScriptNum` bytes), limited to 4-byte values;
/// - hex (an even number of digits, more than 8 so it cannot be mistaken for a number, or
///   with a `0x` prefix), pushed minimally, optionally with a `[ALL]`-style sighash suffix.
///
/// Asm is not a faithful encoding: `01 05` and `55` both print `5`, and a 4-byte push is
/// printed as a number, so `from_asm` returns the minimal encoding. A 10-digit token such
/// as `1234567890` could be a number or a 5-byte push printed as hex; it is read as a
/// number (write `0x1234567890` for the push).
pub fn from_asm(asm: &str) -> Result<ScriptBuf, Error> {
    let mut builder = Builder::new();
    let mut offset = 0usize;
    for token in asm.split(' ') {
        let token_offset = offset;
        offset += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let bad = |reason: String| Error::InvalidScript {
            offset: token_offset,
            reason,
        };
        if token == "[error]" {
            return Err(bad("asm marks a truncated push ([error])".into()));
        }
        if let Some(op) = Opcode::from_name(token).filter(|_| token.starts_with("OP_")) {
            builder = builder.push_opcode(op);
            continue;
        }
        if let Some(n) = parse_decimal(token) {
            if (-0x7fff_ffff..=0x7fff_ffff).contains(&n) {
                builder = builder.push_int(n);
                continue;
            }
            // Too big for a 4-byte number: fluxd printed it as the hex of a longer push.
            if token.starts_with('-') || token.len() <= 8 {
                return Err(bad(format!("number {token} does not fit in 4 bytes")));
            }
        }
        let (hex_part, sighash) = match token.split_once('[') {
            Some((h, rest)) => {
                let name = rest
                    .strip_suffix(']')
                    .ok_or_else(|| bad(format!("unterminated sighash suffix in {token:?}")))?;
                let byte = (0u8..=0xff)
                    .find(|&b| sighash_name(b) == Some(name))
                    .ok_or_else(|| bad(format!("unknown sighash type {name:?}")))?;
                (h, Some(byte))
            }
            None => (token, None),
        };
        let explicit = hex_part.strip_prefix("0x");
        let digits = explicit.unwrap_or(hex_part);
        if explicit.is_none() && digits.len() <= 8 && sighash.is_none() {
            if let Some(op) = Opcode::from_name(token) {
                builder = builder.push_opcode(op);
                continue;
            }
            return Err(bad(format!("unknown token {token:?}")));
        }
        let mut data =
            hex::decode(digits).map_err(|e| bad(format!("invalid hex push {token:?}: {e}")))?;
        data.extend(sighash);
        builder = builder.push_slice(&data);
    }
    Ok(builder.into_script())
}

/// `-?[0-9]+` without leading zeros, as `%d` prints; `None` if it is not such a number.
fn parse_decimal(token: &str) -> Option<i64> {
    let digits = token.strip_prefix('-').unwrap_or(token);
    if digits.is_empty()
        || digits.len() > 10
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    token.parse().ok()
}
