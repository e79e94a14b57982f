//! Typed methods against the fluxd double (real mainnet blocks and transactions) and
//! against fluxd's own JSON of a real block.
#![cfg(feature = "http")]

mod support;

use flux_client::rpc::method::Method;
use flux_client::rpc::methods::{self, SendOutcome};
use flux_client::rpc::request::params;
use flux_client::rpc::{codes, Auth, Client};
use flux_client::Error;
use flux_primitives::hash::{BlockHash, Txid};
use support::double::{Double, DoubleAuth};

const PON_2020000: &str = "d09e1b336b3c5988ec984e39b81036f00d5468946cfa3f0bb1af8afe6d2defbb";

fn client(d: &Double) -> Client {
    Client::builder(d.url()).auth(Auth::None).build().unwrap()
}

#[tokio::test]
async fn blocks_and_headers_are_decoded_locally() {
    let d = Double::start(DoubleAuth::None);
    let c = client(&d);
    let hash: BlockHash = PON_2020000.parse().unwrap();
    assert_eq!(c.get_block_count().await.unwrap(), 2_020_000);
    assert_eq!(c.get_best_block_hash().await.unwrap(), hash);
    assert_eq!(c.get_block_hash(2_020_000).await.unwrap(), hash);

    let by_height = c.get_block(2_020_000u32).await.unwrap();
    let by_hash = c.get_block(hash).await.unwrap();
    assert_eq!(by_height, by_hash);
    assert_eq!(by_hash.hash(), hash);
    assert!(by_hash.header.is_pon());

    let header = c.get_block_header(hash).await.unwrap();
    assert_eq!(header, by_hash.header);
    let prev = c.get_block_header(header.prev_block).await.unwrap();
    assert_eq!(prev.hash(), header.prev_block);

    let info = c.get_block_verbose(2_020_000u32).await.unwrap();
    assert_eq!(info.hash, hash);
    assert_eq!(info.tx.len(), by_hash.transactions.len());

    // fluxd's verbosity-2 HTTP 500 on this block does not touch the raw path.
    let e = c
        .call("getblock", params(&(PON_2020000, 2)).unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(codes::MISC_ERROR));
}

#[tokio::test]
async fn transactions_raw_and_sent() {
    let d = Double::start(DoubleAuth::None);
    let c = client(&d);
    let txid: Txid = "aa7a8ce2dcc58c6873f501d698b534ee4eacd62e6c8a27b1ddaca9eedbf5de63"
        .parse()
        .unwrap();
    let tx = c.get_raw_transaction(txid).await.unwrap();
    assert_eq!(tx.txid(), txid);
    let e = c.get_raw_transaction(Txid::ZERO).await.unwrap_err();
    assert!(e.is_not_found());

    // In a block: "already in chain" is an outcome carrying the txid, not an error.
    assert_eq!(
        c.send_transaction(&tx).await.unwrap(),
        SendOutcome::AlreadyInChain { txid }
    );
    // Not in a block: accepted, and accepted again from the mempool.
    let start: Txid = "a89fcfa77810e5b6bae6a4be065d8db9f0aa7a11bedce37b9ddf91372fe0fa4e"
        .parse()
        .unwrap();
    let start_tx = c.get_raw_transaction(start).await.unwrap();
    let bytes = start_tx.to_bytes();
    assert_eq!(
        c.send_raw_transaction(&bytes).await.unwrap(),
        SendOutcome::Accepted { txid: start }
    );
    assert_eq!(c.send_raw_transaction(&bytes).await.unwrap().txid(), start);

    // Bytes that do not decode never reach the node.
    let before = d.log().len();
    let e = c
        .send_raw_transaction(b"not a transaction")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "invalid_input");
    assert_eq!(d.log().len(), before);
}

#[tokio::test]
async fn fluxnode_list_falls_back_to_listfluxnodes() {
    let d = Double::start(DoubleAuth::None);
    let entry = r#"[{"collateral": "COutPoint(7159f1edf3f000b69c21b7f6b2ff89a778c85e959a80d2d0cbbaa8c071ad8411, 0)",
        "txhash": "7159f1edf3f000b69c21b7f6b2ff89a778c85e959a80d2d0cbbaa8c071ad8411", "outidx": "0",
        "ip": "65.109.80.137", "network": "ipv4", "added_height": 1000, "confirmed_height": 1002,
        "last_confirmed_height": 2996879, "last_paid_height": 0, "tier": "STRATUS",
        "payment_address": "t1dkS1uUafWWHeCpGgdQN3gStAN5W4nMdG7", "pubkey": "04ab",
        "activesince": "1790794762", "lastpaid": 0, "amount": "40000.00", "rank": 0}]"#;
    {
        let mut st = d.state.lock().unwrap();
        st.no_deterministic_list = true;
        st.canned.insert("listfluxnodes".into(), entry.into());
    }
    let c = client(&d);
    let list = c.fluxnode_list(None).await.unwrap();
    assert_eq!(list[0].outidx, 0);
    assert_eq!(list[0].activesince, 1_790_794_762);
    assert_eq!(list[0].lastpaid, 0);
    assert_eq!(list[0].amount.unwrap().to_zat(), 4_000_000_000_000);
    assert_eq!(d.log(), ["viewdeterministicfluxnodelist", "listfluxnodes"]);
}

#[tokio::test]
async fn exact_amounts_and_decode_errors_name_the_method() {
    let d = Double::start(DoubleAuth::None);
    {
        let mut st = d.state.lock().unwrap();
        st.canned.insert(
            "getblockchaininfo".into(),
            format!(
                r#"{{"chain": "main", "blocks": 2020000, "headers": 2020000, "bestblockhash": "{PON_2020000}",
                "difficulty": 0.66, "verificationprogress": 1, "chainwork": "00", "pruned": false,
                "valuePools": [{{"id": "sapling", "monitored": true, "chainValue": 43999999.99999999}}]}}"#
            ),
        );
        st.canned
            .insert("getmininginfo".into(), r#"{"blocks": "many"}"#.into());
    }
    let c = client(&d);
    let info = c.get_blockchain_info().await.unwrap();
    assert_eq!(
        info.value_pools[0].chain_value.unwrap().to_zat(),
        4_399_999_999_999_999
    );
    let e = c.get_mining_info().await.unwrap_err();
    assert!(
        matches!(&e, Error::Decode { method, .. } if method == "getmininginfo"),
        "{e}"
    );
    let info = c.get_info().await.unwrap();
    assert_eq!(info.relayfee.to_zat(), 100);
}

/// fluxd's own getblock verbosity-2 JSON of mainnet block 2 996 879: every transaction
/// reads as `TxInfo`, its txid is the one flux-tx computes from the raw bytes, and every
/// output's exact value equals fluxd's `valueZat`.
#[test]
fn fluxd_json_of_a_real_block_reads_exactly() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/fluxd_json_block_2996879.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let m = methods::decode_raw_transaction(&[]);
    let mut outputs = 0;
    for t in v["txs"].as_array().unwrap() {
        let raw = serde_json::value::RawValue::from_string(t["fluxd_json"].to_string()).unwrap();
        let info = m.decode(&raw).unwrap();
        let tx =
            flux_tx::Transaction::from_bytes(&hex::decode(t["hex"].as_str().unwrap()).unwrap())
                .unwrap();
        assert_eq!(info.txid, tx.txid());
        for o in &info.vout {
            assert_eq!(Some(o.value.to_zat()), o.value_zat);
            outputs += 1;
        }
        if info.version >= 5 {
            assert!(info.kind.as_deref().unwrap().contains("fluxnode"));
            assert!(info.txhash.is_some() && info.outidx.is_some());
        }
    }
    assert!(outputs >= 4);
}
