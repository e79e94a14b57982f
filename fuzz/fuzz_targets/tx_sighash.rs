//! Arbitrary transactions, inputs, hash types and branch ids: the signature hash never
//! panics (errors are fine).
#![no_main]

use flux_primitives::BranchId;
use flux_tx::sighash::{SighashCache, SighashType, SignedInput};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((params, tx_bytes)) = data.split_at_checked(9) else { return };
    let Ok(tx) = flux_tx::Transaction::from_bytes(tx_bytes) else { return };
    let Some(std) = tx.as_standard() else { return };
    let index = usize::from(params[0]);
    let hash_type = SighashType::from_consensus(u32::from_le_bytes([
        params[1], params[2], params[3], params[4],
    ]));
    let branch = BranchId::from_consensus(u32::from_le_bytes([
        params[5], params[6], params[7], params[8],
    ]));
    let cache = SighashCache::new(std);
    let _ = cache.signature_hash(
        SignedInput::Input { index, script_code: &params[..], amount: i64::from(params[0]) },
        hash_type,
        branch,
    );
    let _ = cache.signature_hash(SignedInput::NoInput, hash_type, branch);
});
