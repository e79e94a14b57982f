//! Equihash against the vectors of spec 11.3 (validated with fluxd's own equihash.cpp) and
//! the genesis blocks of all three networks.

use flux_consensus::equihash::{verify, EquihashParams, Invalid, Verifier};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const INPUT: &str = "04000000440490b04957a28debc304562d91075669082a9948ce743b2e6c00a5612405003aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794000000000000000000000000000000000000000000000000000000000000000000105e5fffff071f";

const ZELHASH_SOLUTIONS: [&str; 3] = [
    "0a6d644dc08baa970fd7ced58f675c1d3b5cf35db55d4fb306546a67abaadac6b9d7dab3b5bb34875d51a66fd578bea3ca422b18",
    "0c02017fa87726e1f5aafcdec72384d10fd00a9cd9e9e3ccd924442bd1f04cdaf62ac935dbd8b44fdb98ac26d4b980d41fb983db",
    "049bcc289b23d7d9063f030e15157b941f89b8f97e50568a16dd1c2980b76c7ee30e9f3ba690543f3cdb15d448e947912a6df981",
];

const SOL_144_5: &str = "0d079ce751691133b98a43a7133a6f5e557d7e2b51c9ef160c15205b611ccf631960db7a503578b3af6b14861047bdd7ed801957435a5f2d0b65632e6c8ae49f5ca39c548daf2f638f70e233efeefb15b8585aa1fee9b6a3500f7de774a25d6e51c3b907";

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

/// (input, nonce, solution) of a full PoW header.
fn split_header(header: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let input = header[..108].to_vec();
    let nonce = header[108..140].to_vec();
    let sol = match header[140] {
        0xfd => header[143..].to_vec(),
        _ => header[141..].to_vec(),
    };
    (input, nonce, sol)
}

mod common;
use common::bytes as genesis;

#[test]
fn zelhash_125_4_three_valid_solutions() {
    for s in ZELHASH_SOLUTIONS {
        assert!(verify(EquihashParams::ZELHASH_125_4, &h(INPUT), &[0u8; 32], &h(s)).unwrap());
    }
}

#[test]
fn zelhash_negative_and_without_twist() {
    let mut sol = h(ZELHASH_SOLUTIONS[0]);
    *sol.last_mut().unwrap() = 0x19;
    assert!(!verify(EquihashParams::ZELHASH_125_4, &h(INPUT), &[0u8; 32], &sol).unwrap());
    let no_twist = EquihashParams {
        twist: false,
        ..EquihashParams::ZELHASH_125_4
    };
    let v = Verifier::from_slices(no_twist, &h(INPUT), &[0u8; 32]).unwrap();
    assert_eq!(
        v.check(&h(ZELHASH_SOLUTIONS[0])).unwrap(),
        Err(Invalid::Collision { level: 1 })
    );
}

#[test]
fn zelproof_144_5() {
    let mut nonce = [0u8; 32];
    nonce[0] = 1;
    let sol = h(SOL_144_5);
    assert!(verify(EquihashParams::ZELPROOF_144_5, &h(INPUT), &nonce, &sol).unwrap());
    // The same solution under the Zcash personalization is invalid.
    let zcash = EquihashParams {
        personal: *b"ZcashPoW",
        ..EquihashParams::ZELPROOF_144_5
    };
    assert!(!verify(zcash, &h(INPUT), &nonce, &sol).unwrap());
}

#[test]
fn genesis_200_9_main_and_test() {
    for id in ["genesis-mainnet", "genesis-testnet"] {
        let block = genesis(id);
        let (input, nonce, sol) = split_header(&block[..1487]);
        assert_eq!(sol.len(), 1344);
        assert!(
            verify(EquihashParams::ZCASH_200_9, &input, &nonce, &sol).unwrap(),
            "{id}"
        );
        let mut bad = sol.clone();
        bad[100] ^= 1;
        assert!(!verify(EquihashParams::ZCASH_200_9, &input, &nonce, &bad).unwrap());
    }
}

#[test]
fn last_pow_block_125_4() {
    let header = genesis("pow-header-2019999");
    let (input, nonce, sol) = split_header(&header);
    assert!(verify(EquihashParams::ZELHASH_125_4, &input, &nonce, &sol).unwrap());
}

/// Regtest genesis header (spec 1.5): time 1296688602, bits 0x200f0f0f, nonce 0x16.
pub fn regtest_genesis_header() -> Vec<u8> {
    let mut hdr = h("04000000");
    hdr.extend([0u8; 32]);
    hdr.extend(h(
        "3aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794",
    ));
    hdr.extend([0u8; 32]);
    hdr.extend(1_296_688_602u32.to_le_bytes());
    hdr.extend(0x200f0f0fu32.to_le_bytes());
    let mut nonce = [0u8; 32];
    nonce[0] = 0x16;
    hdr.extend(nonce);
    hdr.push(36);
    hdr.extend(h(
        "02853a9dd062e2356909a0d2b9f0e4873dbf092edd3f00eea317e21222d1f2c414b926ee",
    ));
    hdr
}

#[test]
fn regtest_genesis_48_5() {
    let hdr = regtest_genesis_header();
    let (input, nonce, sol) = split_header(&hdr);
    assert!(verify(EquihashParams::ZCASH_48_5, &input, &nonce, &sol).unwrap());
    let mut hash = flux_primitives::hash::sha256d(&hdr);
    hash.reverse();
    assert_eq!(
        hex::encode(hash),
        "01998760a88dc2b5715f69d2f18c1d90e0b604612242d9099eaff3048dd1e0ce"
    );
}

#[test]
fn wrong_sizes_and_params_are_errors() {
    for p in EquihashParams::FLUXD_SETS {
        for len in [0, p.solution_len() - 1, p.solution_len() + 1] {
            assert!(verify(p, &h(INPUT), &[0u8; 32], &vec![0u8; len]).is_err());
        }
    }
    assert!(verify(
        EquihashParams::for_nk(201, 9),
        &h(INPUT),
        &[0; 32],
        &[0; 10]
    )
    .is_err());
    assert!(verify(
        EquihashParams::for_nk(200, 0),
        &h(INPUT),
        &[0; 32],
        &[0; 10]
    )
    .is_err());
    assert_eq!(
        EquihashParams::for_solution_len(52),
        Some(EquihashParams::ZELHASH_125_4)
    );
}
