//! Compact targets and chain work against fluxd's `arith_uint256` unit vectors, real
//! chainwork/difficulty printed by fluxd's RPC, and values computed independently in Python.

use flux_consensus::json::header_json;
use flux_consensus::target::{
    difficulty, from_compact, from_compact_raw, pow_work, to_compact, PON_WORK, U256,
};
use flux_primitives::Network;
use proptest::prelude::*;
use serde_json::Value;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn u256_hex(s: &str) -> U256 {
    let mut b = [0u8; 32];
    b.copy_from_slice(&hex::decode(s).unwrap());
    b.reverse();
    U256::from_le_bytes(b)
}

/// fluxd `src/test/arith_uint256_tests.cpp` `bignum_SetCompact` (commit 2dfb5046b8):
/// (compact, GetHex of the value, negative, overflow, GetCompact of the value).
#[test]
fn set_compact_matches_fluxd_unit_vectors() {
    let zero = "0000000000000000000000000000000000000000000000000000000000000000";
    let cases: &[(u32, &str, bool, bool, Option<u32>)] = &[
        (0x00000000, zero, false, false, Some(0)),
        (0x00123456, zero, false, false, Some(0)),
        (0x01003456, zero, false, false, Some(0)),
        (0x02000056, zero, false, false, Some(0)),
        (0x03000000, zero, false, false, Some(0)),
        (0x04000000, zero, false, false, Some(0)),
        (0x00923456, zero, false, false, Some(0)),
        (0x01803456, zero, false, false, Some(0)),
        (0x02800056, zero, false, false, Some(0)),
        (0x03800000, zero, false, false, Some(0)),
        (0x04800000, zero, false, false, Some(0)),
        (
            0x01123456,
            "0000000000000000000000000000000000000000000000000000000000000012",
            false,
            false,
            Some(0x01120000),
        ),
        (
            0x01fedcba,
            "000000000000000000000000000000000000000000000000000000000000007e",
            true,
            false,
            None,
        ),
        (
            0x02123456,
            "0000000000000000000000000000000000000000000000000000000000001234",
            false,
            false,
            Some(0x02123400),
        ),
        (
            0x03123456,
            "0000000000000000000000000000000000000000000000000000000000123456",
            false,
            false,
            Some(0x03123456),
        ),
        (
            0x04123456,
            "0000000000000000000000000000000000000000000000000000000012345600",
            false,
            false,
            Some(0x04123456),
        ),
        (
            0x04923456,
            "0000000000000000000000000000000000000000000000000000000012345600",
            true,
            false,
            None,
        ),
        (
            0x05009234,
            "0000000000000000000000000000000000000000000000000000000092340000",
            false,
            false,
            Some(0x05009234),
        ),
        (
            0x20123456,
            "1234560000000000000000000000000000000000000000000000000000000000",
            false,
            false,
            Some(0x20123456),
        ),
    ];
    for &(bits, hex_value, negative, overflow, compact) in cases {
        let (v, n, o) = from_compact_raw(bits);
        assert_eq!(v.to_hex(), hex_value, "{bits:08x}");
        assert_eq!((n, o), (negative, overflow), "{bits:08x}");
        if let Some(c) = compact {
            assert_eq!(to_compact(v), c, "{bits:08x}");
        }
        // The consensus decoder refuses zero and negative values.
        assert_eq!(from_compact(bits).is_ok(), !v.is_zero() && !n, "{bits:08x}");
    }
    assert!(from_compact_raw(0xff123456).2);
    assert!(from_compact(0xff123456).is_err());
    // "Make sure that we don't generate compacts with the 0x00800000 bit set".
    assert_eq!(to_compact(U256::from_u64(0x80)), 0x02008000);
}

#[test]
fn overflow_boundaries() {
    // Overflow is size > 34, or a 2-byte word above size 33, or a 3-byte word above 32.
    assert!(!from_compact_raw(0x220000ff).2);
    assert!(from_compact_raw(0x230000ff).2);
    assert!(!from_compact_raw(0x2100ffff).2);
    assert!(from_compact_raw(0x2200ffff).2);
    assert!(!from_compact_raw(0x20ffffff & 0xff7fffff).2);
    assert!(from_compact_raw(0x21010000).2);
    // Zero word never overflows nor is negative.
    assert_eq!(from_compact_raw(0xff800000), (U256::ZERO, false, false));
}

fn any_u256() -> impl Strategy<Value = U256> {
    (any::<[u64; 4]>(), 0u32..256).prop_map(|(l, shift)| U256(l).shift_right(shift))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// GetCompact keeps the top 3 significant bytes: decoding gives the value truncated.
    #[test]
    fn compact_round_trip_truncates(v in any_u256()) {
        let c = to_compact(v);
        let (back, negative, overflow) = from_compact_raw(c);
        prop_assert!(!negative && !overflow);
        prop_assert!(back <= v);
        // At most the bytes below the compact's 3-byte mantissa are lost.
        let size = c >> 24;
        let lost = v.wrapping_sub(back);
        prop_assert!(lost.bits() <= 8 * size.saturating_sub(3));
        // A normalized compact round-trips exactly.
        prop_assert_eq!(to_compact(back), c);
    }

    /// Work is 2^256 / (target + 1): work * (target + 1) <= 2^256 < (work + 1) * (target + 1).
    #[test]
    fn work_is_floor_of_2_256_over_target_plus_1(
        // Positive compacts only (sign bit 0x00800000 clear), so that few cases are rejected.
        bits in (3u32..=0x20, 1u32..0x80_0000).prop_map(|(size, mantissa)| (size << 24) | mantissa)
    ) {
        prop_assume!(from_compact(bits).is_ok());
        let t = from_compact(bits).unwrap();
        let w = pow_work(bits);
        let t1 = t.wrapping_add(U256::ONE);
        // w * (t+1) computed mod 2^256 must equal 2^256 - r with 0 <= r < t+1 (wrapping),
        // i.e. -(w * (t+1)) mod 2^256 < t + 1 (or zero).
        let neg = U256::ZERO.wrapping_sub(w.wrapping_mul(t1));
        prop_assert!(neg < t1);
    }
}

/// 2^256 // (target + 1) computed with Python integers for the bits of real blocks.
#[test]
fn work_of_known_bits() {
    for (bits, work) in [
        (
            0x1f07ffff,
            "0000000000000000000000000000000000000000000000000000000000002000",
        ),
        (
            0x1d2ee03b,
            "0000000000000000000000000000000000000000000000000000000005761311",
        ),
        (
            0x1d00ffff,
            "0000000000000000000000000000000000000000000000000000000100010001",
        ),
        (
            0x200f0f0f,
            "0000000000000000000000000000000000000000000000000000000000000011",
        ),
    ] {
        assert_eq!(pow_work(bits).to_hex(), work, "{bits:08x}");
    }
    assert_eq!(pow_work(0x04923456), U256::ZERO);
    assert_eq!(pow_work(0), U256::ZERO);
}

fn rpc_blocks() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!("data/rpc_blocks.json")).unwrap();
    v["blocks"].as_array().unwrap().clone()
}

/// fluxd's chainwork: +2^40 per PoN block from 2,019,999 to 2,020,000 and on to 2,996,914.
#[test]
fn chainwork_of_real_pon_blocks() {
    let b = rpc_blocks();
    let cw = |i: usize| u256_hex(b[i]["chainwork"].as_str().unwrap());
    assert_eq!(cw(0).wrapping_add(PON_WORK), cw(1));
    let blocks = b[2]["height"].as_u64().unwrap() - b[0]["height"].as_u64().unwrap();
    assert_eq!(cw(0).wrapping_add(PON_WORK.wrapping_mul_u64(blocks)), cw(2));
}

/// `difficulty` as fluxd's getblock prints it, for PoW and PoN blocks: both divide the
/// powLimit, not the PoN limit (rpc/blockchain.cpp GetDifficultyINTERNAL).
#[test]
fn difficulty_matches_fluxd_rpc() {
    for b in rpc_blocks() {
        let bits = u32::from_str_radix(b["bits"].as_str().unwrap(), 16).unwrap();
        let want = b["difficulty"].as_f64().unwrap();
        let got = difficulty(bits, 0x1f07ffff);
        assert!(
            (got - want).abs() <= want * 1e-15,
            "{bits:08x}: {got} vs {want}"
        );
    }
}

#[test]
fn header_json_difficulty_of_real_pon_block() {
    let v: Value = serde_json::from_str(include_str!("data/blocks.json")).unwrap();
    let hex_block = v["vectors"][3]["hex"].as_str().unwrap();
    let block = flux_consensus::block::Block::from_hex(hex_block).unwrap();
    let j = header_json(&block.header, Network::Main, Some(2_020_000));
    assert_eq!(j.tail.bits, "1f0bffff");
    assert_eq!(j.tail.difficulty, 0.6666662428108759);
}
