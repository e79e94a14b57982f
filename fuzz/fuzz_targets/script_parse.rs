//! Script parsing, classification and asm: never panic; a script that parses is rebuilt
//! byte for byte from its instructions; asm parses back to a script with the same asm.
#![no_main]

use flux_primitives::script::ScriptBuf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let script = ScriptBuf::from_bytes(data.to_vec());
    let mut rebuilt = Vec::new();
    let mut failed = false;
    for ins in script.instructions() {
        match ins {
            Ok(i) => i.encode(&mut rebuilt),
            Err(_) => failed = true,
        }
    }
    if failed {
        assert!(data.starts_with(&rebuilt));
    } else {
        assert_eq!(rebuilt, data);
    }
    let class = script.classify();
    let _ = class.destinations();
    let _ = class.req_sigs();
    let _ = class.is_standard();
    let _ = script.rpc_type();
    let _ = script.is_push_only();
    let _ = script.has_minimal_pushes();
    let asm = script.to_asm();
    let _ = script.to_asm_sig();
    if !failed && !asm.contains("OP_UNKNOWN") {
        let back = ScriptBuf::from_asm(&asm).expect("fluxd asm of a parsable script parses");
        assert_eq!(back.to_asm(), asm);
    }
    if let Ok(text) = core::str::from_utf8(data) {
        let _ = ScriptBuf::from_asm(text);
    }
});
