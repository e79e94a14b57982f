//! The few script shapes signing and verification need: P2PKH, P2SH, P2PK and bare
//! m-of-n multisig, plus reading and writing pushes.

/// Splits a push-only script into its pushed data; `None` if it contains any other opcode
/// or is malformed.
pub fn parse_pushes(script: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < script.len() {
        let op = *script.get(i)?;
        i += 1;
        let len = match op {
            0x00 => 0,
            0x01..=0x4b => usize::from(op),
            0x4c => {
                let l = usize::from(*script.get(i)?);
                i += 1;
                l
            }
            0x4d => {
                let l = u16::from_le_bytes([*script.get(i)?, *script.get(i + 1)?]);
                i += 2;
                usize::from(l)
            }
            0x4e => {
                let b: [u8; 4] = script.get(i..i + 4)?.try_into().ok()?;
                i += 4;
                u32::from_le_bytes(b) as usize
            }
            0x4f => {
                out.push(vec![0x81]);
                continue;
            }
            0x51..=0x60 => {
                out.push(vec![op - 0x50]);
                continue;
            }
            _ => return None,
        };
        let data = script.get(i..i.checked_add(len)?)?;
        i += len;
        out.push(data.to_vec());
    }
    Some(out)
}

/// Appends a minimal push of `data` (as fluxd's `CScript << vector`).
pub fn push_data(out: &mut Vec<u8>, data: &[u8]) {
    match data.len() {
        0..=0x4b => out.push(data.len() as u8),
        0x4c..=0xff => {
            out.push(0x4c);
            out.push(data.len() as u8);
        }
        0x100..=0xffff => {
            out.push(0x4d);
            out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        }
        _ => {
            out.push(0x4e);
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        }
    }
    out.extend_from_slice(data);
}

/// A standard multisig script `OP_m <key>... OP_n OP_CHECKMULTISIG`: (m, keys).
pub fn parse_multisig(script: &[u8]) -> Option<(usize, Vec<Vec<u8>>)> {
    let (&first, rest) = script.split_first()?;
    let (&last, rest) = rest.split_last()?;
    let (&n_op, body) = rest.split_last()?;
    if last != 0xae || !(0x51..=0x60).contains(&first) || !(0x51..=0x60).contains(&n_op) {
        return None;
    }
    let m = usize::from(first - 0x50);
    let n = usize::from(n_op - 0x50);
    let keys = parse_pushes(body)?;
    if keys.len() != n || m > n || keys.iter().any(|k| k.len() != 33 && k.len() != 65) {
        return None;
    }
    Some((m, keys))
}

/// Builds `OP_m <keys> OP_n OP_CHECKMULTISIG`.
pub fn multisig(m: usize, keys: &[Vec<u8>]) -> Vec<u8> {
    let mut s = vec![0x50 + m as u8];
    for k in keys {
        push_data(&mut s, k);
    }
    s.push(0x50 + keys.len() as u8);
    s.push(0xae);
    s
}

/// The key of a P2PK script `<33|65-byte key> OP_CHECKSIG`.
pub fn p2pk_key(script: &[u8]) -> Option<&[u8]> {
    match script {
        [33, key @ .., 0xac] if key.len() == 33 => Some(key),
        [65, key @ .., 0xac] if key.len() == 65 => Some(key),
        _ => None,
    }
}
