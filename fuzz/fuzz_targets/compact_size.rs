//! CompactSize decoding: never panics, and whatever decodes re-encodes to the same bytes.
#![no_main]

use flux_primitives::codec::{encode_to_vec, CompactSize, Decode, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = Reader::new(data);
    if let Ok(value) = CompactSize::decode(&mut r) {
        let consumed = r.position();
        assert_eq!(encode_to_vec(&value), data[..consumed]);
    }
    let _ = Reader::new(data).read_var_bytes();
    let _ = Reader::new(data).read_vec::<u32>(4);
});
