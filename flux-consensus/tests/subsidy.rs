//! Subsidy and payouts against fluxd's own unit-test numbers (gtest/test_pon.cpp, spec 11.2)
//! and the schedule table of spec 6.

use flux_consensus::subsidy::{
    block_subsidy, fluxnode_payout, funding_at, is_swap_pool_height, min_dev_fund, payouts, Fund,
    Tier,
};
use flux_primitives::Network::{self, Main, Regtest, Test};
// On wasm32 (scripts/wasm-test.sh) these tests run under wasm-bindgen-test, in Node and in
// Chromium.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const COIN: i64 = 100_000_000;

fn flux(s: &str) -> i64 {
    flux_primitives::Amount::from_flux_str(s).unwrap().to_zat()
}

#[test]
fn pon_schedule_matches_fluxd_tests() {
    // (years since activation, subsidy, cumulus, nimbus, stratus, dev fund)
    let table = [
        (0, "14", "1", "3.5", "9", "0.5"),
        (1, "12.6", "0.9", "3.15", "8.1", "0.45"),
        (2, "11.34", "0.81", "2.835", "7.29", "0.405"),
        (3, "10.206", "0.729", "2.5515", "6.561", "0.3645"),
        (4, "9.1854", "0.6561", "2.29635", "5.9049", "0.32805"),
        (5, "8.26686", "0.59049", "2.066715", "5.31441", "0.295245"),
        (
            10,
            "4.88149815",
            "0.34867843",
            "1.22037453",
            "3.13810595",
            "0.17433924",
        ),
        (
            20,
            "1.70207313",
            "0.12157665",
            "0.42551828",
            "1.09418986",
            "0.06078834",
        ),
        (
            35,
            "1.70207313",
            "0.12157665",
            "0.42551828",
            "1.09418986",
            "0.06078834",
        ),
    ];
    for (years, s, c, n, st, dev) in table {
        for h in [
            2_020_000 + years * 1_051_200,
            2_020_000 + (years + 1) * 1_051_200 - 1,
        ] {
            let p = payouts(Main, h);
            assert_eq!(p.subsidy.to_zat(), flux(s), "subsidy at {h}");
            assert_eq!(p.cumulus.to_zat(), flux(c), "cumulus at {h}");
            assert_eq!(p.nimbus.to_zat(), flux(n), "nimbus at {h}");
            assert_eq!(p.stratus.to_zat(), flux(st), "stratus at {h}");
            assert_eq!(p.dev_fund.to_zat(), flux(dev), "dev fund at {h}");
            assert_eq!(p.producer.to_zat(), 0);
        }
    }
}

#[test]
fn pow_schedule_mainnet() {
    assert_eq!(block_subsidy(Main, 1).to_zat(), 13_020_000 * COIN);
    assert_eq!(block_subsidy(Main, 2).to_zat(), 6_000_000); // 0.03 * 2
    assert_eq!(block_subsidy(Main, 2499).to_zat(), flux("74.97"));
    assert_eq!(block_subsidy(Main, 2500).to_zat(), flux("75.03"));
    assert_eq!(block_subsidy(Main, 4999).to_zat(), 150 * COIN);
    assert_eq!(block_subsidy(Main, 5000).to_zat(), 150 * COIN);
    assert_eq!(block_subsidy(Main, 657_849).to_zat(), 150 * COIN);
    assert_eq!(block_subsidy(Main, 657_850).to_zat(), 75 * COIN);
    assert_eq!(block_subsidy(Main, 1_313_199).to_zat(), 75 * COIN);
    assert_eq!(block_subsidy(Main, 1_313_200).to_zat(), flux("37.5"));
    assert_eq!(block_subsidy(Main, 2_019_999).to_zat(), flux("37.5"));
    assert_eq!(block_subsidy(Main, 2_020_000).to_zat(), 14 * COIN);
}

#[test]
fn pow_tier_payouts_mainnet() {
    let rows = [
        (559_999, "0", "0", "0"),
        (560_000, "5.625", "9.375", "22.5"),
        (657_849, "5.625", "9.375", "22.5"),
        (657_850, "2.8125", "4.6875", "11.25"),
        (835_553, "2.8125", "4.6875", "11.25"),
        (835_554, "5.625", "9.375", "22.5"),
        (1_313_199, "5.625", "9.375", "22.5"),
        (1_313_200, "2.8125", "4.6875", "11.25"),
        (2_019_999, "2.8125", "4.6875", "11.25"),
    ];
    for (h, c, n, s) in rows {
        assert_eq!(
            fluxnode_payout(Main, h, Tier::Cumulus).to_zat(),
            flux(c),
            "{h}"
        );
        assert_eq!(
            fluxnode_payout(Main, h, Tier::Nimbus).to_zat(),
            flux(n),
            "{h}"
        );
        assert_eq!(
            fluxnode_payout(Main, h, Tier::Stratus).to_zat(),
            flux(s),
            "{h}"
        );
        assert_eq!(min_dev_fund(Main, h).to_zat(), 0);
    }
    assert_eq!(payouts(Main, 1_313_200).producer.to_zat(), flux("18.75"));
}

#[test]
fn other_networks() {
    // Regtest: PoN from genesis, reduced every 100 blocks counted from height -1.
    assert_eq!(block_subsidy(Regtest, 1).to_zat(), 13_020_000 * COIN);
    assert_eq!(block_subsidy(Regtest, 98).to_zat(), 14 * COIN);
    assert_eq!(block_subsidy(Regtest, 99).to_zat(), flux("12.6"));
    assert_eq!(block_subsidy(Regtest, 5000).to_zat(), flux("4.88149815")); // 10 reductions at most
                                                                           // Testnet: no slow start, PoN at 800 with a 525 600-block year.
    assert_eq!(block_subsidy(Test, 2).to_zat(), 150 * COIN);
    assert_eq!(block_subsidy(Test, 799).to_zat(), 150 * COIN);
    assert_eq!(block_subsidy(Test, 800).to_zat(), 14 * COIN);
    assert_eq!(block_subsidy(Test, 800 + 525_600).to_zat(), flux("12.6"));
}

#[test]
fn one_off_funding() {
    let f = funding_at(Main, 836_274);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].fund, Fund::Exchange);
    assert_eq!(f[0].address, "t3PMbbA5YBMrjSD3dD16SSdXKuKovwmj6tS");
    assert_eq!(f[0].amount.to_zat(), 7_500_000 * COIN);
    assert_eq!(
        funding_at(Main, 836_994)[0].amount.to_zat(),
        2_500_000 * COIN
    );
    let swaps: Vec<u32> = (800_000..1_100_000)
        .filter(|&h| is_swap_pool_height(Main, h))
        .collect();
    assert_eq!(swaps.len(), 10);
    assert_eq!(swaps[0], 837_714);
    assert_eq!(*swaps.last().unwrap(), 1_032_114);
    assert_eq!(
        funding_at(Main, 1_032_114)[0].amount.to_zat(),
        22_000_000 * COIN
    );
    // Regtest: all three at height 10.
    let r: Vec<Fund> = funding_at(Regtest, 10).iter().map(|f| f.fund).collect();
    assert_eq!(r, [Fund::Exchange, Fund::Foundation, Fund::SwapPool]);
    assert!(funding_at(Network::Test, 4101).is_empty());
}

/// Regtest height 1 pays the 13,020,000 FLUX premine while PoN is already active, so the tier
/// share `subsidy * base / 14 COIN` overflowed int64 (a panic in debug builds, found through
/// `flux chain subsidy 1 --network regtest`). The share is now exact.
#[test]
fn regtest_premine_tier_shares_do_not_overflow() {
    let premine = 13_020_000 * COIN;
    for (tier, base) in [
        (Tier::Cumulus, COIN),
        (Tier::Nimbus, 350_000_000),
        (Tier::Stratus, 900_000_000),
    ] {
        let expected =
            i64::try_from(i128::from(premine) * i128::from(base) / i128::from(14 * COIN)).unwrap();
        assert_eq!(
            fluxnode_payout(Regtest, 1, tier).to_zat(),
            expected,
            "{tier:?}"
        );
    }
    // Stratus gets 9/14 of the premine: 8,370,000 FLUX.
    assert_eq!(
        fluxnode_payout(Regtest, 1, Tier::Stratus).to_zat(),
        8_370_000 * COIN
    );
}
