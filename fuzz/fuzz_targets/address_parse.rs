//! Address parsing: never panics; whatever parses prints back to a string that parses to
//! the same address, on every network it is valid for.
#![no_main]

use flux_primitives::{Address, Network};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(addr) = s.parse::<Address>() {
        let text = addr.to_string();
        assert_eq!(text.parse::<Address>().unwrap(), addr);
        // Base58 strings print back exactly; Bech32 may differ only in letter case.
        assert_eq!(text.to_lowercase(), s.to_lowercase());
        if let Some(script) = addr.script_pubkey() {
            assert!(addr.hash160().is_some());
            let _ = Address::from_script(&script, addr.network());
        }
    }
    for n in Network::ALL {
        if let Ok(a) = Address::from_str_for_network(s, n) {
            assert_eq!(a.network(), n);
            assert!(a.is_valid_for_network(n));
        }
    }
});
