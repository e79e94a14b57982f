#![no_main]
//! Any block that decodes re-encodes to the same bytes; nothing panics, checks included.
use flux_consensus::block::Block;
use flux_consensus::check::{check_block, CheckContext};
use flux_primitives::Network;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(block) = Block::from_bytes(data) {
        assert_eq!(block.to_bytes(), data);
        let _ = block.hash();
        let _ = check_block(&block, &CheckContext { height: Some(2_020_000), ..CheckContext::new(Network::Main) });
    }
});
