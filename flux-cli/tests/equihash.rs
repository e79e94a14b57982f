//! `flux equihash verify` on the spec 11.3 ZelHash vector.

mod common;

const INPUT: &str = "04000000440490b04957a28debc304562d91075669082a9948ce743b2e6c00a5612405003aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794000000000000000000000000000000000000000000000000000000000000000000105e5fffff071f";
const SOL: &str = "0a6d644dc08baa970fd7ced58f675c1d3b5cf35db55d4fb306546a67abaadac6b9d7dab3b5bb34875d51a66fd578bea3ca422b18";

fn run(sol: &str) -> (i32, serde_json::Value) {
    let nonce = "00".repeat(32);
    let args = [
        "equihash",
        "verify",
        "--n",
        "125",
        "--k",
        "4",
        "--input",
        INPUT,
        "--nonce",
        &nonce,
        "--solution",
        sol,
    ];
    let ran = common::run(&args, None);
    (ran.code, ran.stdout)
}

#[test]
fn zelhash_valid_invalid_and_wrong_size() {
    let (code, v) = run(SOL);
    assert_eq!((code, v["valid"].clone()), (0, serde_json::json!(true)));
    let bad = format!("{}19", &SOL[..SOL.len() - 2]);
    let (code, v) = run(&bad);
    assert_eq!((code, v["valid"].clone()), (2, serde_json::json!(false)));
    assert_eq!(run(&SOL[..100]).0, 1);
}
