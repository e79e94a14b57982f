//! Any bytes: decoding never panics, and every accepted transaction re-encodes to exactly
//! the bytes it was decoded from; fluxd's normalized form decodes to the same txid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(tx) = flux_tx::Transaction::from_bytes(data) {
        assert_eq!(tx.to_bytes(), data);
        let again = flux_tx::Transaction::from_bytes(&tx.to_fluxd_bytes()).expect("fluxd form decodes");
        assert_eq!(again.txid(), tx.txid());
        let _ = flux_tx::json::to_json(&tx, flux_primitives::Network::Main);
    }
});
