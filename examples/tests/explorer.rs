//! Runs the explorer example and checks what it prints against the published chain: block
//! hashes and txids as fluxd reports them, every check passing (only the PoN block
//! signature, which needs the producer's key, left unchecked), and the payouts of block
//! 2,020,000 equal to what its real coinbase paid.

mod common;

use serde_json::Value;

fn run() -> Value {
    common::run_json(env!("CARGO_BIN_EXE_explorer"), &[])
}

fn vector(id: &str) -> Value {
    let v: Value = serde_json::from_str(include_str!("../data/blocks.json")).unwrap();
    v["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone()
}

/// Names of the checks with `result`.
fn with_result(checks: &Value, result: &str) -> Vec<String> {
    checks
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] == result)
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn genesis_is_fluxds_genesis_and_passes_every_check() {
    let out = run();
    let g = &out["genesis"];
    let v = vector("genesis-mainnet");
    assert_eq!(g["summary"]["hash"], v["hash"]);
    assert_eq!(g["summary"]["height"], 0);
    assert_eq!(g["summary"]["tx_count"], 1);
    // The genesis coinbase is the only transaction: the merkle root is its txid.
    assert_eq!(g["summary"]["tx"][0], g["summary"]["merkleroot"]);
    assert!(with_result(&g["checks"], "fail").is_empty(), "{g}");
    assert!(with_result(&g["checks"], "skipped").is_empty(), "{g}");
    for name in ["equihash", "proof_of_work", "merkle_root", "checkpoint"] {
        assert!(with_result(&g["checks"], "pass").contains(&name.to_string()));
    }
    assert_eq!(g["valid"], true);
    assert_eq!(g["complete"], true);
}

#[test]
fn last_pow_header_has_its_published_hash_and_a_valid_zelhash_solution() {
    let out = run();
    let h = &out["last_pow_header"];
    let v = vector("pow-header-2019999");
    assert_eq!(h["summary"]["hash"], v["hash"]);
    assert_eq!(h["summary"]["era"], "proof-of-work (equihash)");
    assert_eq!(
        with_result(&h["checks"], "pass"),
        ["version", "equihash", "proof_of_work", "time"]
    );
    // ZelHash: Equihash (125,4), the set mainnet used since Kamiooka.
    assert!(h["checks"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("(125,4)"));
}

#[test]
fn first_pon_block_matches_fluxd_and_its_coinbase() {
    let out = run();
    let b = &out["first_pon_block"];
    let v = vector("pon-block-2020000");
    let s = &b["summary"];
    assert_eq!(s["hash"], v["hash"]);
    assert_eq!(s["tx"], v["txids"], "fluxd's txids, in block order");
    assert_eq!(s["tx_count"], 8);
    assert_eq!(s["era"], "proof-of-node");
    assert_eq!(s["type"], "PON");
    assert_eq!(s["previousblockhash"], vector("pow-header-2019999")["hash"]);

    // Every check passes, in chain context, with payees and fees given; only the block
    // signature needs a key the data does not have.
    assert!(with_result(&b["checks"], "fail").is_empty(), "{b}");
    assert_eq!(with_result(&b["checks"], "skipped"), ["block_signature"]);
    let passed = with_result(&b["checks"], "pass");
    for name in [
        "pon_eligibility",
        "merkle_root",
        "fluxnode_payouts",
        "coinbase_value",
        "prev_block",
        "difficulty",
        "time_past",
    ] {
        assert!(passed.contains(&name.to_string()), "{name}");
    }
    assert_eq!(b["valid"], true);

    // The payouts by rule are what fluxd's coinbase paid: output 0 is the dev fund plus the
    // block's fees, outputs 1-3 the cumulus, nimbus and stratus tiers.
    let rpc: Value = serde_json::from_str(include_str!("../data/coinbase_2020000.json")).unwrap();
    let vout: Vec<i64> = rpc["coinbase"]["vout"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["valueSat"].as_i64().unwrap())
        .collect();
    let rule = &b["payouts"]["rule"];
    assert_eq!(rule["cumulus"], vout[1]);
    assert_eq!(rule["nimbus"], vout[2]);
    assert_eq!(rule["stratus"], vout[3]);
    // Fees: the one input the block spends (its value from fluxd's spent index) minus the
    // outputs of the transaction spending it.
    let block = flux_consensus::block::Block::from_hex(v["hex"].as_str().unwrap()).unwrap();
    let spender = block.transactions[1].as_standard().unwrap();
    assert_eq!(
        block.transactions[1].txid().to_string(),
        rpc["spentInputs"][0]["txid"].as_str().unwrap()
    );
    let fees = rpc["spentInputs"][0]["valueSat"].as_i64().unwrap()
        - spender.outputs.iter().map(|o| o.value).sum::<i64>();
    assert_eq!(vout[0], rule["dev_fund"].as_i64().unwrap() + fees);
    let reason = b["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "coinbase_value")
        .unwrap()["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.contains(&format!("fees {fees} (given)")), "{reason}");
    assert_eq!(
        rule["subsidy"].as_i64().unwrap() + fees,
        vout.iter().sum::<i64>(),
        "the coinbase pays exactly subsidy + fees"
    );
    assert_eq!(rule["producer"], 0, "a PoN producer keeps nothing but fees");
}
