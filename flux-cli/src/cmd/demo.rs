//! `flux demo`: the first thing a new user runs. It walks through what the SDK does on real
//! mainnet data compiled into the binary, one step at a time, and prints each step's result.

use serde_json::json;

use flux_primitives::{hash::sha256d, Network, Upgrade};

use crate::output::{CmdResult, Outcome};

/// Runs the demo.
pub fn run() -> CmdResult {
    let mut steps = Vec::new();
    let main = Network::Main.params();
    steps.push(json!({
        "step": "network parameters",
        "network": Network::Main,
        "genesis_hash": main.genesis_hash,
        "p2p_port": main.default_p2p_port,
        "current_upgrade_at_2020000": Upgrade::current(Network::Main, 2_020_000),
        "branch_id_at_2020000": format!("{:08x}", Upgrade::branch_id_at(Network::Main, 2_020_000)),
    }));
    steps.push(json!({
        "step": "sha256d",
        "input": "hello",
        "sha256d": hex::encode(sha256d(b"hello")),
    }));
    Ok(Outcome::value(json!({ "demo": steps })))
}
