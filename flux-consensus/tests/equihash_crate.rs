//! Differential test: our verifier and the `equihash` crate must agree on valid/invalid for
//! every (200,9) and (48,5) case (the crate's own sets; it cannot do the "ZelProof" ones).
//! Cases: the genesis solutions and thousands of mutations of them, plus random garbage.

use flux_consensus::equihash::{verify, EquihashParams};
use rand::{rngs::StdRng, Rng, SeedableRng};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn header_parts(hex_str: &str, sol_at: usize) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let b = hex::decode(hex_str).unwrap();
    let sol_len = if sol_at == 143 { 1344 } else { 36 };
    (
        b[..108].to_vec(),
        b[108..140].to_vec(),
        b[sol_at..sol_at + sol_len].to_vec(),
    )
}

fn genesis_main() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let v: serde_json::Value = serde_json::from_str(include_str!("data/blocks.json")).unwrap();
    header_parts(v["vectors"][0]["hex"].as_str().unwrap(), 143)
}

fn regtest() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut hdr = String::from("04000000");
    hdr += &"00".repeat(32);
    hdr += "3aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794";
    hdr += &"00".repeat(32);
    hdr += &hex::encode(1_296_688_602u32.to_le_bytes());
    hdr += "0f0f0f20";
    hdr += "16";
    hdr += &"00".repeat(31);
    hdr += "24";
    hdr += "02853a9dd062e2356909a0d2b9f0e4873dbf092edd3f00eea317e21222d1f2c414b926ee";
    header_parts(&hdr, 141)
}

fn unpack(sol: &[u8], bits: usize) -> Vec<u32> {
    (0..sol.len() * 8 / bits)
        .map(|i| {
            (0..bits).fold(0u32, |acc, b| {
                let bit = i * bits + b;
                (acc << 1) | u32::from((sol[bit / 8] >> (7 - bit % 8)) & 1)
            })
        })
        .collect()
}

fn pack(idx: &[u32], bits: usize) -> Vec<u8> {
    let mut out = vec![0u8; idx.len() * bits / 8];
    for (i, &v) in idx.iter().enumerate() {
        for b in 0..bits {
            if (v >> (bits - 1 - b)) & 1 == 1 {
                let bit = i * bits + b;
                out[bit / 8] |= 1 << (7 - bit % 8);
            }
        }
    }
    out
}

fn mutate(rng: &mut StdRng, sol: &[u8], bits: usize) -> Vec<u8> {
    let mut idx = unpack(sol, bits);
    let n = idx.len();
    match rng.gen_range(0..6) {
        0 => {
            let mut s = sol.to_vec();
            let i = rng.gen_range(0..s.len());
            s[i] ^= 1 << rng.gen_range(0..8);
            return s;
        }
        1 => {
            // swap two sibling subtrees at a random level: only the order rule breaks
            let level = rng.gen_range(0..n.trailing_zeros());
            let size = 1 << level;
            let start = rng.gen_range(0..n / (2 * size)) * 2 * size;
            for j in 0..size {
                idx.swap(start + j, start + size + j);
            }
        }
        2 => {
            let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
            idx.swap(a, b);
        }
        3 => {
            let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
            idx[a] = idx[b];
        }
        4 => {
            let a = rng.gen_range(0..n);
            idx[a] = rng.gen_range(0..(1u32 << bits));
        }
        _ => {
            // re-pack unchanged: must stay valid
        }
    }
    pack(&idx, bits)
}

fn agree(p: EquihashParams, input: &[u8], nonce: &[u8], sol: &[u8]) -> bool {
    let ours = verify(p, input, nonce, sol).unwrap();
    let theirs = equihash::is_valid_solution(p.n, p.k, input, nonce, sol).is_ok();
    assert_eq!(
        ours,
        theirs,
        "disagreement on ({},{}) solution {}",
        p.n,
        p.k,
        hex::encode(sol)
    );
    ours
}

fn run(p: EquihashParams, parts: (Vec<u8>, Vec<u8>, Vec<u8>), cases: usize, seed: u64) {
    let (input, nonce, sol) = parts;
    let bits = (p.collision_bits() + 1) as usize;
    let mut rng = StdRng::seed_from_u64(seed);
    assert!(agree(p, &input, &nonce, &sol));
    let mut valid = 0;
    for i in 0..cases {
        let candidate = if i % 10 == 9 {
            (0..sol.len()).map(|_| rng.gen()).collect()
        } else {
            mutate(&mut rng, &sol, bits)
        };
        // also vary the nonce now and then: the unchanged solution must then fail
        let mut n2 = nonce.clone();
        if i % 17 == 0 {
            n2[rng.gen_range(0..32)] ^= 1;
        }
        valid += usize::from(agree(p, &input, &n2, &candidate));
    }
    assert!(valid > 0, "no valid case among the mutations");
}

#[test]
fn agrees_with_equihash_crate_on_200_9() {
    run(EquihashParams::ZCASH_200_9, genesis_main(), 5_000, 1);
}

#[test]
fn agrees_with_equihash_crate_on_48_5() {
    run(EquihashParams::ZCASH_48_5, regtest(), 30_000, 2);
}
