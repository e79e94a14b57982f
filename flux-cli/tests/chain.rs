//! `flux chain` against spec 6.2 / fluxd test numbers.

mod common;

fn flux(args: &[&str]) -> serde_json::Value {
    let r = common::run(args, None);
    assert_eq!(r.code, 0, "{}", r.stderr_text);
    r.stdout
}

#[test]
fn subsidy_fields() {
    let v = flux(&["chain", "subsidy", "3071200"]);
    assert_eq!(v["subsidy"], 1_260_000_000i64);
    assert_eq!(v["cumulus"], 90_000_000);
    assert_eq!(v["nimbus"], 315_000_000);
    assert_eq!(v["stratus"], 810_000_000);
    assert_eq!(v["dev_fund"], 45_000_000);
    let v = flux(&["chain", "subsidy", "800", "--network", "test"]);
    assert_eq!(v["subsidy"], 1_400_000_000i64);
}

#[test]
fn upgrade_fields() {
    let v = flux(&["chain", "upgrade", "125105"]);
    assert_eq!(v["branch_id"], "76b809bb");
    assert_eq!(v["equihash"], serde_json::json!(["144,5", "200,9"]));
}
