//! Arbitrary JSON specifications for `flux tx build` and `flux fluxnode start`: never a
//! panic, only typed errors; what builds, decodes back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if let Ok(b) = flux_tx::builder::build_from_spec(&v) {
        let bytes = b.tx.to_bytes();
        assert_eq!(flux_tx::Transaction::from_bytes(&bytes).expect("built tx decodes"), b.tx);
    }
    if let Ok((_, tx)) = flux_tx::fluxnode_sign::start_from_spec(&v) {
        assert!(flux_tx::Transaction::from_bytes(&tx.to_bytes()).is_ok());
    }
});
