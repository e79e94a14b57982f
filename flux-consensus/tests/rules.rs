//! Height rules against the tables of spec 3.5, 4.7 and 1.6.

use flux_consensus::equihash::EquihashParams as P;
use flux_consensus::rules::*;
use flux_primitives::Network::{Main, Regtest, Test};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn mainnet_equihash_epochs_with_fade() {
    let cases: &[(u32, &[P])] = &[
        (0, &[P::ZCASH_200_9]),
        (125_099, &[P::ZCASH_200_9]),
        (125_100, &[P::ZELPROOF_144_5, P::ZCASH_200_9]),
        (125_110, &[P::ZELPROOF_144_5, P::ZCASH_200_9]),
        (125_111, &[P::ZELPROOF_144_5]),
        (372_499, &[P::ZELPROOF_144_5]),
        (372_500, &[P::ZELHASH_125_4, P::ZELPROOF_144_5]),
        (372_510, &[P::ZELHASH_125_4, P::ZELPROOF_144_5]),
        (372_511, &[P::ZELHASH_125_4]),
        (2_019_999, &[P::ZELHASH_125_4]),
        (2_020_000, &[]),
    ];
    for (h, want) in cases {
        assert_eq!(allowed_equihash(Main, *h), *want, "height {h}");
    }
    assert_eq!(allowed_equihash(Test, 139), [P::ZCASH_48_5]);
    assert_eq!(allowed_equihash(Test, 500), [P::ZCASH_48_5]);
    assert_eq!(allowed_equihash(Test, 800), []);
    assert!(any_equihash_size_allowed(Test, 320) && !any_equihash_size_allowed(Test, 321));
}

#[test]
fn versions_and_kinds() {
    assert_eq!(version_violation(Main, 2_019_999, 4), None);
    assert_eq!(
        version_violation(Main, 2_019_999, 100),
        Some("premature-pon-block")
    );
    assert_eq!(version_violation(Main, 2_020_000, 4), Some("not-pon-block"));
    assert_eq!(version_violation(Main, 2_020_000, 100), None);
    assert_eq!(version_violation(Main, 5, 3), Some("bad-version"));
    // regtest: PoN from height 1, genesis exempt
    assert_eq!(block_kind(Regtest, 0), BlockKind::Pow);
    assert_eq!(block_kind(Regtest, 1), BlockKind::Pon);
    assert_eq!(block_kind(Test, 799), BlockKind::Pow);
    assert_eq!(block_kind(Test, 800), BlockKind::Pon);
}

#[test]
fn branch_ids_and_checkpoints() {
    use flux_primitives::Upgrade;
    assert_eq!(Upgrade::branch_id_at(Main, 124_999).to_consensus(), 0);
    assert_eq!(
        Upgrade::branch_id_at(Main, 125_000).to_consensus(),
        0x76b809bb
    );
    assert_eq!(Upgrade::branch_id_at(Regtest, 1_000_000).to_consensus(), 0);
    assert_eq!(
        checkpoint(Main, 2_020_500).unwrap().to_string(),
        "af2a1bd59c61f64860b4b45bd65358743fda40d8420564b58c39df45be7da97c"
    );
    assert_eq!(checkpoint(Main, 0).unwrap(), Main.params().genesis_hash);
    assert_eq!(checkpoint(Test, 0).unwrap(), Test.params().genesis_hash);
    assert_eq!(
        checkpoint(Regtest, 0).unwrap(),
        Regtest.params().genesis_hash
    );
    assert!(MAINNET_CHECKPOINTS
        .iter()
        .all(|(h, _)| checkpoint(Main, *h).is_some()));
    assert!(checkpoint(Main, 1).is_none());
    let r = height_rules(Main, 2_020_000);
    assert_eq!(r.block_kind, BlockKind::Pon);
    assert!(r.equihash.is_empty());
    assert_eq!(r.branch_id, "76b809bb");
}
