//! Arbitrary bytes as FluxOS answers: the envelope reader (under any HTTP status), the
//! gateway's `fluxnode` header, the login answer, `zelidauth` headers and every typed read
//! return a value or a typed error, never panic; an error envelope's text stays bounded.
#![no_main]

use flux_client::fluxos::envelope::unwrap_envelope;
use flux_client::fluxos::{
    AppLocation, DeploymentInformation, ExplorerUtxo, FluxInfo, GlobalApp, NodeAddress,
    PermanentMessage, PriceQuote, Session,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for status in [200u16, 401, 500, 504] {
        match unwrap_envelope("/fuzz", status, data) {
            Ok(raw) => {
                let text = raw.get();
                let _ = serde_json::from_str::<FluxInfo>(text);
                let _ = serde_json::from_str::<Vec<GlobalApp>>(text);
                let _ = serde_json::from_str::<Vec<AppLocation>>(text);
                let _ = serde_json::from_str::<DeploymentInformation>(text).map(|d| d.epochs());
                let _ = serde_json::from_str::<PriceQuote>(text).map(|q| q.flux_number());
                let _ = serde_json::from_str::<Vec<PermanentMessage>>(text);
                let _ = serde_json::from_str::<Vec<ExplorerUtxo>>(text);
                let _ = Session::from_verify_login(text, "http://127.0.0.1:16127");
            }
            Err(e) => {
                assert!(!e.kind().is_empty());
                // Messages are capped (1 KiB of the node's text, plus the route and a label).
                assert!(e.to_string().len() < 4 * 1024, "{}", e.to_string().len());
                let _ = e.try_another_node();
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(node) = NodeAddress::from_fluxnode_header(text) {
            assert!(node.port != 0);
            assert!(node.gateway_url().ends_with(".node.api.runonflux.io"));
        }
        if let Ok(s) = Session::from_zelidauth(text) {
            assert_eq!(Session::from_zelidauth(&s.zelidauth()).as_ref(), Ok(&s));
        }
    }
});
