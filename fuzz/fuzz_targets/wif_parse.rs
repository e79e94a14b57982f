//! WIF parsing: never panics; whatever parses re-encodes to the same string.
#![no_main]

use flux_primitives::keys::PrivateKey;
use flux_primitives::Network;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key) = PrivateKey::from_wif(s) {
        assert_eq!(key.to_wif(), s);
        let _ = key.public_key();
    }
    for n in Network::ALL {
        if let Ok(key) = PrivateKey::from_wif_for_network(s, n) {
            assert_eq!(key.network(), n);
            assert_eq!(key.to_wif(), s);
        }
    }
});
