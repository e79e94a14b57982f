#![no_main]
//! Arbitrary previous-header sequences and heights into the difficulty rules, and arbitrary
//! compact values and 256-bit targets into the conversions: nothing may panic (fluxd
//! wraps and truncates; so must we, without overflow traps or out-of-range indexing).
//!
//! Input: network, height (raw, or an upgrade activation height plus an offset, where the
//! rules switch), header count and shape, then per header a time step and `nBits`.
use flux_consensus::difficulty::{
    digishield, headers_needed, median_time_past, next_work_required, next_work_required_for_block,
    HeaderRecord,
};
use flux_consensus::target::{
    difficulty, from_compact, from_compact_raw, pow_work, to_compact, U256,
};
use flux_primitives::{Network, Upgrade};
use libfuzzer_sys::fuzz_target;

/// Reads the input as a stream, zeros once it runs out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    fn u256(&mut self) -> U256 {
        let mut b = [0u8; 32];
        b.iter_mut().for_each(|x| *x = self.u8());
        U256::from_le_bytes(b)
    }
}

fn conversions(bits: u32, v: U256) {
    let _ = from_compact(bits);
    let (t, _, _) = from_compact_raw(bits);
    let _ = pow_work(bits);
    let _ = difficulty(bits, bits ^ 0x0100_0000);
    let _ = difficulty(bits, 0x1f07_ffff);
    // Encoding a target is idempotent: its compact form decodes to a value that encodes
    // to the same compact form.
    for x in [t, v] {
        let c = to_compact(x);
        assert_eq!(to_compact(from_compact_raw(c).0), c, "{c:#010x}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let network = match b.u8() % 3 {
        0 => Network::Main,
        1 => Network::Test,
        _ => Network::Regtest,
    };
    let mode = b.u8();
    let height = if mode & 1 == 0 {
        b.u32()
    } else {
        let upgrade = Upgrade::ALL[usize::from(mode >> 1) % Upgrade::ALL.len()];
        let base = upgrade.activation_height(network).unwrap_or(0);
        let offset = i64::from(b.u16() as i16) >> (b.u8() % 12);
        u32::try_from((i64::from(base) + offset).max(0)).unwrap_or(u32::MAX)
    };
    let shape = b.u8();
    let count = match shape & 3 {
        0 => headers_needed(network, height),
        1 => headers_needed(network, height).saturating_sub(1),
        _ => u32::from(b.u8()),
    }
    .min(height) as usize;
    let raw_bits = shape & 4 != 0;
    let mut bits = b.u32();
    let mut time = b.u32();
    let mut records = Vec::with_capacity(count);
    for i in 0..count {
        // Newest first while building; reversed below (the chain is newest last).
        let step = b.u16() as i16;
        time = time.wrapping_sub(step as i32 as u32);
        if raw_bits {
            bits = b.u32();
        } else if b.u8() & 1 == 1 {
            bits = bits.wrapping_add(u32::from(b.u8()));
        }
        records.push(HeaderRecord {
            height: height - 1 - i as u32,
            time,
            bits: flux_consensus::target::CompactTarget::from_consensus(bits),
        });
    }
    records.reverse();
    if shape & 8 != 0 && !records.is_empty() {
        // A gap: lookups must report a missing header, never index out of range.
        let i = usize::from(b.u8()) % records.len();
        records.remove(i);
    }
    let chain = &records[..];
    let _ = next_work_required(network, height, chain);
    let _ = next_work_required_for_block(network, height, chain, Some(b.u32()));
    let _ = median_time_past(chain, height.saturating_sub(1));
    let _ = digishield(
        network,
        b.u256(),
        i64::from(b.u32() as i32),
        i64::from(b.u32() as i32),
    );
    conversions(b.u32(), b.u256());
});
