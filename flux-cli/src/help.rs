//! The long `--help` of commands that read JSON: the fields (kept beside the type that
//! reads them, in the libraries) and examples that run as written from the repository root
//! (`tests/help.rs` runs every line under "Examples").

use flux_client::app::spec::AppSpec;
use flux_consensus::check::FluxnodePayees;
use flux_consensus::header_chain::{HeaderRecord, PrevHeader};

/// `fields`, then the examples, one command a line.
fn with_examples(fields: &[&str], examples: &[String]) -> String {
    let mut out = fields.join("\n\n");
    out.push_str("\n\nExamples:\n");
    for e in examples {
        out.push_str("  ");
        out.push_str(e);
        out.push('\n');
    }
    out
}

/// Shell-quotes JSON text (which holds no `'`) for an example line.
fn quoted(json: &str) -> String {
    format!("'{json}'")
}

/// `flux app payment`.
pub fn app_payment() -> String {
    with_examples(
        &[flux_client::app::payment::INPUTS_FIELDS],
        &[format!(
            "flux app payment --hash {} --amount 0.6 --height 2200000 --wif L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW --inputs {}",
            "5501c7dd6516c3fc2e68dee8d4fdd20d92f57f8cfcdc7b4fcbad46499e43ed6f",
            quoted(r#"[{"txid": "4f1a6c61b2a9d14c2d9e27f5c03e8f1b6a5d4c3b2a19080706050403020100ff", "vout": 0, "amount": 150000000}]"#)
        )],
    )
}

/// `flux tx build`.
pub fn tx_build() -> String {
    with_examples(
        &[flux_tx::spec::TX_BUILD_FIELDS],
        &[format!(
            "flux tx build {}",
            quoted(flux_tx::spec::TX_BUILD_EXAMPLE)
        )],
    )
}

/// `flux tx verify`.
pub fn tx_verify() -> String {
    with_examples(
        &[flux_tx::spec::PREVOUTS_FIELDS],
        &["flux tx verify \"$(flux demo --data transaction.hex)\" --prevouts \"$(flux demo --data transaction.prevouts)\"".into()],
    )
}

/// `flux fluxnode start`.
pub fn fluxnode_start() -> String {
    with_examples(
        &[flux_tx::spec::FLUXNODE_START_FIELDS],
        &[format!(
            "flux fluxnode start {}",
            quoted(flux_tx::spec::FLUXNODE_START_EXAMPLE)
        )],
    )
}

/// `flux block verify`: mainnet block 2,020,000 with its parent header and the payees its
/// coinbase paid.
pub fn block_verify() -> String {
    with_examples(
        &[PrevHeader::JSON_FIELDS, FluxnodePayees::JSON_FIELDS],
        &[
            "flux block verify \"$(flux demo --data first_pon_block.hex)\" --height 2020000".into(),
            "flux block verify \"$(flux demo --data first_pon_block.hex)\" --height 2020000 --prev-headers \"[\\\"$(flux demo --data last_pow_header.headerHex)\\\"]\" --fluxnode-payees '{\"cumulus\": \"t1bZtgWNEn8bMJjkYYHEwsEeZPEgN5j4ugq\", \"nimbus\": \"t3hRb2GA5DVJsvApvUkZhvXtFzbKm62dYCe\", \"stratus\": \"t1gpSx9eqFRQXpxrPiyZmdPkKgxNqcTqvWF\"}'".into(),
        ],
    )
}

/// `flux chain next-bits`: the last PoW header of mainnet gives the first PoN block's bits.
pub fn next_bits() -> String {
    with_examples(
        &[HeaderRecord::JSON_FIELDS],
        &[
            "flux chain next-bits '[{\"height\": 2019999, \"time\": 1761415068, \"bits\": \"1d2ee03b\"}]'".into(),
            "echo '[{\"height\": 2019999, \"time\": 1761415068, \"bits\": \"1d2ee03b\"}]' | flux chain next-bits -".into(),
        ],
    )
}

/// `flux app format|validate|price|sign`.
pub fn app(command: &str, flags: &str) -> String {
    with_examples(
        &[AppSpec::JSON_FIELDS],
        &[
            format!(
                "flux app {command} {}{flags}",
                quoted(AppSpec::JSON_EXAMPLE)
            ),
            format!("flux app {command} examples/data/app_spec_e2e.json{flags}"),
        ],
    )
}

/// `flux app register`: the spec's fields; no runnable example (it needs a FluxOS node).
pub fn app_register() -> String {
    format!(
        "{}\n\nExample (against a node):\n  flux app register examples/data/app_spec_e2e.json --url http://NODE_IP:16127 --wif WIF\n",
        AppSpec::JSON_FIELDS
    )
}
