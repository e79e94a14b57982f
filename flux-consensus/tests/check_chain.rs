//! Contextual checks (previous headers) on real mainnet blocks: 2,020,000 after 2,019,999,
//! and the genesis checkpoints.

use flux_consensus::block::Block;
use flux_consensus::check::{
    check_block_in_chain, check_header_in_chain, CheckContext, PrevHeader, Status,
};
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::decode_exact;
use flux_primitives::Network;
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod common;
use common::vector;

fn parent() -> PrevHeader {
    let bytes = hex::decode(vector("pow-header-2019999")["headerHex"].as_str().unwrap()).unwrap();
    let h: BlockHeader = decode_exact(&bytes).unwrap();
    PrevHeader::from_header(&h, 2_019_999)
}

fn first_pon() -> Block {
    Block::from_hex(vector("pon-block-2020000")["hex"].as_str().unwrap()).unwrap()
}

fn result(checks: &[flux_consensus::check::Check], name: &str) -> Status {
    checks
        .iter()
        .find(|c| c.rule.name() == name)
        .unwrap()
        .status
}

#[test]
fn first_pon_block_follows_last_pow_block() {
    let block = first_pon();
    let checks = check_header_in_chain(&block.header, Network::Main, 2_020_000, &[parent()][..]);
    for name in ["checkpoint", "prev_block", "difficulty", "time_past"] {
        assert_eq!(result(&checks, name), Status::Pass, "{name}: {checks:?}");
    }
    let report = check_block_in_chain(
        &block,
        &CheckContext::new(Network::Main),
        2_020_000,
        &[parent()][..],
    );
    assert!(report.valid, "{report:?}");
}

#[test]
fn tampered_context_fails() {
    let block = first_pon();
    let mut p = parent();
    p.time = block.header.time;
    p.hash = flux_primitives::hash::BlockHash::from_bytes([7; 32]);
    let checks = check_header_in_chain(&block.header, Network::Main, 2_020_000, &[p][..]);
    assert_eq!(result(&checks, "prev_block"), Status::Fail);
    assert_eq!(result(&checks, "time_past"), Status::Fail);
    let mut h = block.header.clone();
    h.bits = flux_consensus::target::CompactTarget::from_consensus(0x200fffff);
    let checks = check_header_in_chain(&h, Network::Main, 2_020_000, &[parent()][..]);
    assert_eq!(result(&checks, "difficulty"), Status::Fail);
    assert!(checks.iter().any(|c| c.reject == Some("bad-pon-diffbits")));
    // Without the parent: the first PoN window needs no headers for its difficulty, the
    // rest is skipped; later PoN heights need the window.
    let checks = check_header_in_chain(
        &block.header,
        Network::Main,
        2_020_000,
        &[] as &[PrevHeader],
    );
    assert_eq!(result(&checks, "prev_block"), Status::Skipped);
    assert_eq!(result(&checks, "time_past"), Status::Skipped);
    assert_eq!(result(&checks, "difficulty"), Status::Pass);
    let checks = check_header_in_chain(
        &block.header,
        Network::Main,
        2_100_000,
        &[] as &[PrevHeader],
    );
    assert_eq!(result(&checks, "difficulty"), Status::Skipped);
}

#[test]
fn genesis_checkpoints() {
    let main = Block::from_hex(vector("genesis-mainnet")["hex"].as_str().unwrap()).unwrap();
    let checks = check_header_in_chain(&main.header, Network::Main, 0, &[] as &[PrevHeader]);
    assert_eq!(result(&checks, "checkpoint"), Status::Pass);
    assert_eq!(result(&checks, "difficulty"), Status::Pass);
    let checks = check_header_in_chain(&main.header, Network::Test, 0, &[] as &[PrevHeader]);
    assert_eq!(result(&checks, "checkpoint"), Status::Fail);
}
