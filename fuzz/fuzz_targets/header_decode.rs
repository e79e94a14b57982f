#![no_main]
//! Any header that decodes re-encodes to the same bytes.
use flux_consensus::header::BlockHeader;
use flux_primitives::codec::{decode_exact, encode_to_vec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = decode_exact::<BlockHeader>(data) {
        assert_eq!(encode_to_vec(&h), data);
        let _ = h.hash();
    }
});
