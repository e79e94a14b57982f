//! Building scripts from opcodes, data pushes and numbers.

use super::opcodes::Opcode;
use super::ScriptBuf;

/// Writes the smallest data-push header for `len` bytes (direct push up to 75 bytes, then
/// `OP_PUSHDATA1/2/4`), as fluxd's `CScript << vector` does.
pub(crate) fn write_push_header(out: &mut Vec<u8>, len: usize) {
    if len <= 0x4b {
        out.push(len as u8);
    } else if let Ok(l) = u8::try_from(len) {
        out.extend_from_slice(&[Opcode::OP_PUSHDATA1.0, l]);
    } else if let Ok(l) = u16::try_from(len) {
        out.push(Opcode::OP_PUSHDATA2.0);
        out.extend_from_slice(&l.to_le_bytes());
    } else {
        // Scripts are far below 4 GiB; saturating keeps this total on 64-bit targets.
        let l = u32::try_from(len).unwrap_or(u32::MAX);
        out.push(Opcode::OP_PUSHDATA4.0);
        out.extend_from_slice(&l.to_le_bytes());
    }
}

/// The minimal `CScriptNum` encoding of `n`: little-endian magnitude, sign in the top bit
/// of the last byte, empty for zero (`CScriptNum::serialize`).
pub fn script_num_bytes(n: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(9);
    let mut abs = n.unsigned_abs();
    while abs > 0 {
        out.push((abs & 0xff) as u8);
        abs >>= 8;
    }
    match out.last_mut() {
        None => {}
        Some(last) if *last & 0x80 != 0 => out.push(if n < 0 { 0x80 } else { 0x00 }),
        Some(last) if n < 0 => *last |= 0x80,
        Some(_) => {}
    }
    out
}

/// Decodes a `CScriptNum` of any length up to 8 bytes without a minimality check, as
/// `CScriptNum(vch, false)` does (only used for asm, where fluxd passes at most 4 bytes).
pub(crate) fn script_num_value(bytes: &[u8]) -> i64 {
    let Some((&last, _)) = bytes.split_last() else {
        return 0;
    };
    let mut value: i64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(8) {
        value |= i64::from(b) << (8 * i);
    }
    if last & 0x80 != 0 {
        let sign_bit = 0x80i64 << (8 * (bytes.len().min(8) - 1));
        -(value & !sign_bit)
    } else {
        value
    }
}

/// Appends opcodes, pushes and numbers to a script.
///
/// ```
/// use flux_primitives::script::{Builder, Opcode};
///
/// let script = Builder::new()
///     .push_int(500_000)
///     .push_opcode(Opcode::OP_CHECKLOCKTIMEVERIFY)
///     .push_opcode(Opcode::OP_DROP)
///     .into_script();
/// assert_eq!(script.to_asm(), "500000 OP_NOP2 OP_DROP");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Builder(Vec<u8>);

impl Builder {
    /// An empty script.
    pub fn new() -> Self {
        Builder(Vec::new())
    }

    /// Appends an opcode.
    pub fn push_opcode(mut self, op: Opcode) -> Self {
        self.0.push(op.0);
        self
    }

    /// Pushes `data` with the encoding MINIMALDATA requires (fluxd's `CheckMinimalPush`):
    /// `OP_0` for empty data, `OP_1`..`OP_16`/`OP_1NEGATE` for the matching single byte,
    /// otherwise the smallest push header.
    pub fn push_slice(mut self, data: &[u8]) -> Self {
        match data {
            [] => self.0.push(Opcode::OP_0.0),
            [b @ 1..=16] => self.0.push(0x50 + b),
            [0x81] => self.0.push(Opcode::OP_1NEGATE.0),
            _ => {
                write_push_header(&mut self.0, data.len());
                self.0.extend_from_slice(data);
            }
        }
        self
    }

    /// Pushes `data` with the smallest push header and no small-integer substitution, as
    /// fluxd's `CScript << std::vector<unsigned char>` does (`[0x05]` stays `01 05`).
    pub fn push_slice_plain(mut self, data: &[u8]) -> Self {
        write_push_header(&mut self.0, data.len());
        self.0.extend_from_slice(data);
        self
    }

    /// Pushes a number as fluxd's `CScript << int64` does: `OP_1NEGATE`, `OP_0`,
    /// `OP_1`..`OP_16`, otherwise the minimal `CScriptNum` bytes.
    pub fn push_int(mut self, n: i64) -> Self {
        match i8::try_from(n).ok().and_then(Opcode::from_small_int) {
            Some(op) => self.0.push(op.0),
            None => {
                let bytes = script_num_bytes(n);
                write_push_header(&mut self.0, bytes.len());
                self.0.extend_from_slice(&bytes);
            }
        }
        self
    }

    /// Appends raw script bytes (another script, or an instruction's encoding).
    pub fn push_raw(mut self, bytes: &[u8]) -> Self {
        self.0.extend_from_slice(bytes);
        self
    }

    /// Current length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True if nothing has been appended.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The finished script.
    pub fn into_script(self) -> ScriptBuf {
        ScriptBuf::from_bytes(self.0)
    }
}
