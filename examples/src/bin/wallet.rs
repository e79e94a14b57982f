//! A wallet from a BIP39 mnemonic to keys and addresses on every Flux network.
//!
//! `cargo run -p flux-examples --bin wallet -- [--mnemonic "words..."] [--passphrase P] [--count N]`
//!
//! Without arguments it uses Trust Wallet's published Zelcash test mnemonic (passphrase
//! "TREZOR"), whose address at m/44'/19167'/0'/0/5 is t1Trs2rNPzL4Jm24foTd89KpPWqLtLSciDY.
//! Prints JSON: per network, the account xpub and the first receiving addresses with their
//! WIFs and ZelIDs. Never use the default mnemonic for real funds.

use flux_primitives::keys::{DerivationPath, Mnemonic};
use flux_primitives::{Address, Network};
use serde_json::json;

const TRUST_WALLET_MNEMONIC: &str =
    "ripple scissors kick mammal hire column oak again sun offer wealth tomorrow wagon turn fatal";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut phrase = TRUST_WALLET_MNEMONIC.to_string();
    let mut passphrase = "TREZOR".to_string();
    let mut count = 6u32;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--mnemonic" => phrase = value,
            "--passphrase" => passphrase = value,
            "--count" => count = value.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }

    let mnemonic = Mnemonic::parse(&phrase)?;
    let mut networks = Vec::new();
    for network in Network::ALL {
        let master = mnemonic.to_master_key(&passphrase, network)?;
        let coin = network.params().bip44_coin_type;
        let account_path: DerivationPath = format!("m/44'/{coin}'/0'").parse()?;
        let account = master.derive(&account_path)?;
        let mut addresses = Vec::new();
        for index in 0..count {
            let path = DerivationPath::bip44(network, 0, 0, index);
            let key = master.derive(&path)?;
            let public = key.public_key();
            addresses.push(json!({
                "path": path.to_string(),
                "address": Address::p2pkh(&public, network).to_string(),
                "zelid": Address::zelid(&public).to_string(),
                "public_key": public.to_string(),
                "wif": key.private_key().to_wif(),
            }));
        }
        networks.push(json!({
            "network": network,
            "account_path": account_path.to_string(),
            "account_xpub": account.to_extended_pub().to_string(),
            "addresses": addresses,
        }));
    }
    let out = json!({ "words": mnemonic.word_count(), "networks": networks });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
