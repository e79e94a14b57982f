//! Script opcodes and the names fluxd prints for them (`GetOpName` in `script/script.cpp`).
//!
//! fluxd prints `OP_0`, `OP_1NEGATE` and `OP_1`..`OP_16` as numbers (`0`, `-1`, `1`..`16`),
//! prints `0xb1` as `OP_NOP2` (its alias `OP_CHECKLOCKTIMEVERIFY` is never printed),
//! `0xff` as `OP_INVALIDOPCODE`, and every undefined byte as `OP_UNKNOWN`.

use core::fmt;

/// One script opcode byte.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Opcode(pub u8);

macro_rules! opcodes {
    ($($name:ident = $value:literal => $text:literal,)*) => {
        impl Opcode {
            $(
                #[doc = concat!("`", stringify!($name), "` (", stringify!($value), ").")]
                pub const $name: Opcode = Opcode($value);
            )*
        }

        /// fluxd's `GetOpName`; `None` for bytes it calls `OP_UNKNOWN`.
        const fn defined_name(byte: u8) -> Option<&'static str> {
            match byte {
                $($value => Some($text),)*
                _ => None,
            }
        }

        /// Every defined opcode and the name it is parsed from in asm (`OP_` form).
        const ALL: &[(u8, &str)] = &[$(($value, stringify!($name)),)*];
    };
}

opcodes! {
    OP_0 = 0x00 => "0",
    OP_PUSHDATA1 = 0x4c => "OP_PUSHDATA1",
    OP_PUSHDATA2 = 0x4d => "OP_PUSHDATA2",
    OP_PUSHDATA4 = 0x4e => "OP_PUSHDATA4",
    OP_1NEGATE = 0x4f => "-1",
    OP_RESERVED = 0x50 => "OP_RESERVED",
    OP_1 = 0x51 => "1",
    OP_2 = 0x52 => "2",
    OP_3 = 0x53 => "3",
    OP_4 = 0x54 => "4",
    OP_5 = 0x55 => "5",
    OP_6 = 0x56 => "6",
    OP_7 = 0x57 => "7",
    OP_8 = 0x58 => "8",
    OP_9 = 0x59 => "9",
    OP_10 = 0x5a => "10",
    OP_11 = 0x5b => "11",
    OP_12 = 0x5c => "12",
    OP_13 = 0x5d => "13",
    OP_14 = 0x5e => "14",
    OP_15 = 0x5f => "15",
    OP_16 = 0x60 => "16",
    OP_NOP = 0x61 => "OP_NOP",
    OP_VER = 0x62 => "OP_VER",
    OP_IF = 0x63 => "OP_IF",
    OP_NOTIF = 0x64 => "OP_NOTIF",
    OP_VERIF = 0x65 => "OP_VERIF",
    OP_VERNOTIF = 0x66 => "OP_VERNOTIF",
    OP_ELSE = 0x67 => "OP_ELSE",
    OP_ENDIF = 0x68 => "OP_ENDIF",
    OP_VERIFY = 0x69 => "OP_VERIFY",
    OP_RETURN = 0x6a => "OP_RETURN",
    OP_TOALTSTACK = 0x6b => "OP_TOALTSTACK",
    OP_FROMALTSTACK = 0x6c => "OP_FROMALTSTACK",
    OP_2DROP = 0x6d => "OP_2DROP",
    OP_2DUP = 0x6e => "OP_2DUP",
    OP_3DUP = 0x6f => "OP_3DUP",
    OP_2OVER = 0x70 => "OP_2OVER",
    OP_2ROT = 0x71 => "OP_2ROT",
    OP_2SWAP = 0x72 => "OP_2SWAP",
    OP_IFDUP = 0x73 => "OP_IFDUP",
    OP_DEPTH = 0x74 => "OP_DEPTH",
    OP_DROP = 0x75 => "OP_DROP",
    OP_DUP = 0x76 => "OP_DUP",
    OP_NIP = 0x77 => "OP_NIP",
    OP_OVER = 0x78 => "OP_OVER",
    OP_PICK = 0x79 => "OP_PICK",
    OP_ROLL = 0x7a => "OP_ROLL",
    OP_ROT = 0x7b => "OP_ROT",
    OP_SWAP = 0x7c => "OP_SWAP",
    OP_TUCK = 0x7d => "OP_TUCK",
    OP_CAT = 0x7e => "OP_CAT",
    OP_SUBSTR = 0x7f => "OP_SUBSTR",
    OP_LEFT = 0x80 => "OP_LEFT",
    OP_RIGHT = 0x81 => "OP_RIGHT",
    OP_SIZE = 0x82 => "OP_SIZE",
    OP_INVERT = 0x83 => "OP_INVERT",
    OP_AND = 0x84 => "OP_AND",
    OP_OR = 0x85 => "OP_OR",
    OP_XOR = 0x86 => "OP_XOR",
    OP_EQUAL = 0x87 => "OP_EQUAL",
    OP_EQUALVERIFY = 0x88 => "OP_EQUALVERIFY",
    OP_RESERVED1 = 0x89 => "OP_RESERVED1",
    OP_RESERVED2 = 0x8a => "OP_RESERVED2",
    OP_1ADD = 0x8b => "OP_1ADD",
    OP_1SUB = 0x8c => "OP_1SUB",
    OP_2MUL = 0x8d => "OP_2MUL",
    OP_2DIV = 0x8e => "OP_2DIV",
    OP_NEGATE = 0x8f => "OP_NEGATE",
    OP_ABS = 0x90 => "OP_ABS",
    OP_NOT = 0x91 => "OP_NOT",
    OP_0NOTEQUAL = 0x92 => "OP_0NOTEQUAL",
    OP_ADD = 0x93 => "OP_ADD",
    OP_SUB = 0x94 => "OP_SUB",
    OP_MUL = 0x95 => "OP_MUL",
    OP_DIV = 0x96 => "OP_DIV",
    OP_MOD = 0x97 => "OP_MOD",
    OP_LSHIFT = 0x98 => "OP_LSHIFT",
    OP_RSHIFT = 0x99 => "OP_RSHIFT",
    OP_BOOLAND = 0x9a => "OP_BOOLAND",
    OP_BOOLOR = 0x9b => "OP_BOOLOR",
    OP_NUMEQUAL = 0x9c => "OP_NUMEQUAL",
    OP_NUMEQUALVERIFY = 0x9d => "OP_NUMEQUALVERIFY",
    OP_NUMNOTEQUAL = 0x9e => "OP_NUMNOTEQUAL",
    OP_LESSTHAN = 0x9f => "OP_LESSTHAN",
    OP_GREATERTHAN = 0xa0 => "OP_GREATERTHAN",
    OP_LESSTHANOREQUAL = 0xa1 => "OP_LESSTHANOREQUAL",
    OP_GREATERTHANOREQUAL = 0xa2 => "OP_GREATERTHANOREQUAL",
    OP_MIN = 0xa3 => "OP_MIN",
    OP_MAX = 0xa4 => "OP_MAX",
    OP_WITHIN = 0xa5 => "OP_WITHIN",
    OP_RIPEMD160 = 0xa6 => "OP_RIPEMD160",
    OP_SHA1 = 0xa7 => "OP_SHA1",
    OP_SHA256 = 0xa8 => "OP_SHA256",
    OP_HASH160 = 0xa9 => "OP_HASH160",
    OP_HASH256 = 0xaa => "OP_HASH256",
    OP_CODESEPARATOR = 0xab => "OP_CODESEPARATOR",
    OP_CHECKSIG = 0xac => "OP_CHECKSIG",
    OP_CHECKSIGVERIFY = 0xad => "OP_CHECKSIGVERIFY",
    OP_CHECKMULTISIG = 0xae => "OP_CHECKMULTISIG",
    OP_CHECKMULTISIGVERIFY = 0xaf => "OP_CHECKMULTISIGVERIFY",
    OP_NOP1 = 0xb0 => "OP_NOP1",
    OP_NOP2 = 0xb1 => "OP_NOP2",
    OP_NOP3 = 0xb2 => "OP_NOP3",
    OP_NOP4 = 0xb3 => "OP_NOP4",
    OP_NOP5 = 0xb4 => "OP_NOP5",
    OP_NOP6 = 0xb5 => "OP_NOP6",
    OP_NOP7 = 0xb6 => "OP_NOP7",
    OP_NOP8 = 0xb7 => "OP_NOP8",
    OP_NOP9 = 0xb8 => "OP_NOP9",
    OP_NOP10 = 0xb9 => "OP_NOP10",
    OP_INVALIDOPCODE = 0xff => "OP_INVALIDOPCODE",
}

impl Opcode {
    /// `OP_CHECKLOCKTIMEVERIFY` (BIP65), the same byte as `OP_NOP2`; fluxd prints it as
    /// `OP_NOP2`.
    pub const OP_CHECKLOCKTIMEVERIFY: Opcode = Opcode::OP_NOP2;
    /// `OP_FALSE`, the same byte as `OP_0`.
    pub const OP_FALSE: Opcode = Opcode::OP_0;
    /// `OP_TRUE`, the same byte as `OP_1`.
    pub const OP_TRUE: Opcode = Opcode::OP_1;

    /// The opcode byte.
    pub const fn to_u8(self) -> u8 {
        self.0
    }

    /// The name fluxd prints (`GetOpName`): `OP_DUP`, `0`, `-1`, `16`, `OP_NOP2`,
    /// `OP_UNKNOWN` for undefined bytes.
    pub const fn name(self) -> &'static str {
        match defined_name(self.0) {
            Some(name) => name,
            None => "OP_UNKNOWN",
        }
    }

    /// True for bytes fluxd knows (everything but `0x01..=0x4b` data pushes, `0xba..=0xfe`).
    pub const fn is_defined(self) -> bool {
        defined_name(self.0).is_some()
    }

    /// True for opcodes that carry data (`0x00..=0x4e`: `OP_0`, direct pushes and
    /// `OP_PUSHDATA1/2/4`).
    pub const fn is_push_data(self) -> bool {
        self.0 <= Opcode::OP_PUSHDATA4.0
    }

    /// The small integer of `OP_0`, `OP_1NEGATE` and `OP_1`..`OP_16`.
    pub const fn small_int(self) -> Option<i8> {
        match self.0 {
            0x00 => Some(0),
            0x4f => Some(-1),
            // 0x51..=0x60 is 1..=16, which always fits in i8.
            b @ 0x51..=0x60 => Some((b - 0x50) as i8),
            _ => None,
        }
    }

    /// `OP_1`..`OP_16` for `n` in `1..=16`, `OP_0` for 0, `OP_1NEGATE` for -1.
    pub const fn from_small_int(n: i8) -> Option<Opcode> {
        match n {
            0 => Some(Opcode::OP_0),
            -1 => Some(Opcode::OP_1NEGATE),
            // 1..=16 plus 0x50 stays below 0x61.
            1..=16 => Some(Opcode(0x50 + n as u8)),
            _ => None,
        }
    }

    /// Looks an opcode up by its `OP_` name (`OP_DUP`, `OP_CHECKLOCKTIMEVERIFY`,
    /// `OP_FALSE`, `OP_TRUE`), with or without the `OP_` prefix.
    pub fn from_name(name: &str) -> Option<Opcode> {
        let bare = name.strip_prefix("OP_").unwrap_or(name);
        match bare {
            "CHECKLOCKTIMEVERIFY" => return Some(Opcode::OP_CHECKLOCKTIMEVERIFY),
            "FALSE" => return Some(Opcode::OP_FALSE),
            "TRUE" => return Some(Opcode::OP_TRUE),
            _ => {}
        }
        ALL.iter()
            .find(|(_, n)| n.strip_prefix("OP_") == Some(bare))
            .map(|&(b, _)| Opcode(b))
    }
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0x01..=0x4b => write!(f, "OP_PUSHBYTES_{}", self.0),
            _ if self.is_defined() => match ALL.iter().find(|(b, _)| *b == self.0) {
                Some((_, n)) => f.write_str(n),
                None => write!(f, "Opcode({:#04x})", self.0),
            },
            _ => write!(f, "OP_UNKNOWN({:#04x})", self.0),
        }
    }
}

impl From<u8> for Opcode {
    fn from(b: u8) -> Self {
        Opcode(b)
    }
}
