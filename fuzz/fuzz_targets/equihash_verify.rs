#![no_main]
//! Arbitrary parameters and solutions: errors or verdicts, never a panic.
use flux_consensus::equihash::{verify, EquihashParams};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (n, k, rest) = (u32::from(data[0]), u32::from(data[1] % 16), &data[2..]);
    let input = [7u8; 108];
    let nonce = [1u8; 32];
    let _ = verify(EquihashParams::for_nk(n, k), &input, &nonce, rest);
    // also every real set against the same bytes
    let p = EquihashParams::FLUXD_SETS[usize::from(data[0]) % 5];
    let _ = verify(p, &input, &nonce, rest);
});
