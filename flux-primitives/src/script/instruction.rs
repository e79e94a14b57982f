//! Splitting script bytes into instructions, exactly as fluxd's `CScript::GetOp` does.

use super::opcodes::Opcode;
use crate::Error;

/// One parsed script element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instruction<'a> {
    /// A data push: `OP_0`, a direct push (`0x01..=0x4b`) or `OP_PUSHDATA1/2/4`.
    /// `opcode` records the encoding so the bytes can be rebuilt exactly.
    Push {
        /// The push opcode (`0x00..=0x4e`).
        opcode: Opcode,
        /// The pushed bytes.
        data: &'a [u8],
    },
    /// Any other opcode (including `OP_1NEGATE`, `OP_1`..`OP_16` and undefined bytes).
    Op(Opcode),
}

impl<'a> Instruction<'a> {
    /// The opcode byte of this instruction.
    pub fn opcode(&self) -> Opcode {
        match *self {
            Instruction::Push { opcode, .. } | Instruction::Op(opcode) => opcode,
        }
    }

    /// The pushed bytes, for a push.
    pub fn push_data(&self) -> Option<&'a [u8]> {
        match *self {
            Instruction::Push { data, .. } => Some(data),
            Instruction::Op(_) => None,
        }
    }

    /// Appends the instruction's bytes (opcode, length field, data) to `out`.
    ///
    /// A push whose data does not fit its opcode's length field (only possible for a
    /// hand-made `Instruction`) is written with the smallest `OP_PUSHDATA` that fits.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match *self {
            Instruction::Op(op) => out.push(op.0),
            Instruction::Push { opcode, data } => {
                let len = data.len();
                match opcode.0 {
                    n @ 0x00..=0x4b if usize::from(n) == len => out.push(n),
                    0x4c if len <= 0xff => {
                        out.push(0x4c);
                        out.push(len as u8);
                    }
                    0x4d if len <= 0xffff => {
                        out.push(0x4d);
                        out.extend_from_slice(&(len as u16).to_le_bytes());
                    }
                    0x4e if u32::try_from(len).is_ok() => {
                        out.push(0x4e);
                        out.extend_from_slice(&(len as u32).to_le_bytes());
                    }
                    _ => super::builder::write_push_header(out, len),
                }
                out.extend_from_slice(data);
            }
        }
    }

    /// True if a push uses the encoding fluxd's `CheckMinimalPush` (MINIMALDATA) requires;
    /// always true for non-push opcodes.
    pub fn is_minimal_push(&self) -> bool {
        let Instruction::Push { opcode, data } = *self else {
            return true;
        };
        match data {
            [] => opcode == Opcode::OP_0,
            [b @ 1..=16] => Some(opcode) == Opcode::from_small_int(*b as i8),
            [0x81] => opcode == Opcode::OP_1NEGATE,
            _ if data.len() <= 75 => usize::from(opcode.0) == data.len(),
            _ if data.len() <= 255 => opcode == Opcode::OP_PUSHDATA1,
            _ if data.len() <= 65535 => opcode == Opcode::OP_PUSHDATA2,
            _ => true,
        }
    }
}

/// Iterator over a script's instructions. Yields `Err` once (with the offset of the
/// truncated push) and then stops, like fluxd's `GetOp` returning false.
#[derive(Clone, Debug)]
pub struct Instructions<'a> {
    script: &'a [u8],
    pos: usize,
    failed: bool,
}

impl<'a> Instructions<'a> {
    /// Starts at the beginning of `script`.
    pub fn new(script: &'a [u8]) -> Self {
        Instructions {
            script,
            pos: 0,
            failed: false,
        }
    }

    /// Offset of the next instruction.
    pub fn position(&self) -> usize {
        self.pos
    }

    fn truncated(
        &mut self,
        offset: usize,
        reason: String,
    ) -> Option<Result<Instruction<'a>, Error>> {
        self.failed = true;
        self.pos = self.script.len();
        Some(Err(Error::InvalidScript { offset, reason }))
    }
}

impl<'a> Iterator for Instructions<'a> {
    type Item = Result<Instruction<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let start = self.pos;
        let opcode = Opcode(*self.script.get(start)?);
        let rest = self.script.get(start + 1..).unwrap_or_default();
        let (len_bytes, len) = match opcode.0 {
            n @ 0x00..=0x4b => (0, usize::from(n)),
            0x4c..=0x4e => {
                let width = match opcode.0 {
                    0x4c => 1,
                    0x4d => 2,
                    _ => 4,
                };
                let Some(field) = rest.get(..width) else {
                    return self.truncated(
                        start,
                        format!(
                            "{} needs a {width}-byte length, {} bytes remain",
                            opcode.name(),
                            rest.len()
                        ),
                    );
                };
                let mut le = [0u8; 8];
                le.get_mut(..width)
                    .unwrap_or_default()
                    .copy_from_slice(field);
                // A u32 length always fits in u64; saturate on 16-bit targets.
                let len = usize::try_from(u64::from_le_bytes(le)).unwrap_or(usize::MAX);
                (width, len)
            }
            _ => {
                self.pos = start + 1;
                return Some(Ok(Instruction::Op(opcode)));
            }
        };
        let body = rest.get(len_bytes..).unwrap_or_default();
        let Some(data) = body.get(..len) else {
            return self.truncated(
                start,
                format!("push of {len} bytes but only {} bytes remain", body.len()),
            );
        };
        self.pos = start + 1 + len_bytes + len;
        Some(Ok(Instruction::Push { opcode, data }))
    }
}

impl core::iter::FusedIterator for Instructions<'_> {}
