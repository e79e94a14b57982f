//! `flux key ...`: generate, inspect and derive private keys.

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use flux_primitives::keys::{DerivationPath, ExtendedPrivKey, Mnemonic, PrivateKey};
use flux_primitives::{Address, Network};

use crate::output::{arg_or_stdin, parse_hex, CliError, CmdResult, Outcome};

/// Private-key commands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a new random private key.
    New {
        /// Network of the WIF and address: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: String,
        /// Use the 65-byte public key form (and its different address).
        #[arg(long)]
        uncompressed: bool,
    },
    /// Describe a WIF private key: network, public key, addresses.
    Inspect {
        /// The WIF, or `-` to read it from stdin.
        wif: String,
        /// Require the WIF to belong to this network (a testnet WIF is also a regtest WIF).
        #[arg(long)]
        network: Option<String>,
    },
    /// Derive a BIP32 key from a seed, a BIP39 mnemonic or an extended private key.
    Derive(DeriveArgs),
}

/// Arguments of `flux key derive`.
#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["seed", "mnemonic", "xprv"])))]
pub struct DeriveArgs {
    /// BIP32 seed as hex (16 to 64 bytes), or `-` for stdin.
    #[arg(long)]
    seed: Option<String>,
    /// BIP39 mnemonic (English words), or `-` for stdin.
    #[arg(long)]
    mnemonic: Option<String>,
    /// BIP39 passphrase (only with --mnemonic).
    #[arg(long)]
    passphrase: Option<String>,
    /// Extended private key to derive from (the path is relative to it), or `-` for stdin.
    #[arg(long)]
    xprv: Option<String>,
    /// Derivation path such as m/44'/19167'/0'/0/0 (`h` also marks hardened steps).
    #[arg(long)]
    path: String,
    /// Network of the output keys: main, test or regtest (default: main, or the
    /// network of --xprv).
    #[arg(long)]
    network: Option<String>,
}

/// Runs a `flux key` command.
pub fn run(cmd: KeyCommand) -> CmdResult {
    match cmd {
        KeyCommand::New {
            network,
            uncompressed,
        } => {
            let network = parse_network(&network)?;
            let key = PrivateKey::generate(!uncompressed, network);
            let mut out = describe(&key);
            if let Some(obj) = out.as_object_mut() {
                obj.insert("wif".into(), json!(key.to_wif()));
            }
            Ok(Outcome::value(out))
        }
        KeyCommand::Inspect { wif, network } => {
            let text = arg_or_stdin(&wif)?;
            let key = match network {
                Some(n) => PrivateKey::from_wif_for_network(&text, parse_network(&n)?),
                None => PrivateKey::from_wif(&text),
            }?;
            Ok(Outcome::value(describe(&key)))
        }
        KeyCommand::Derive(args) => derive(args),
    }
}

fn parse_network(s: &str) -> Result<Network, CliError> {
    s.parse::<Network>()
        .map_err(|e| CliError::argument(e.to_string()))
}

/// Everything public about a key (never the WIF: callers add it when they mean to show it).
fn describe(key: &PrivateKey) -> Value {
    let public = key.public_key();
    json!({
        "network": key.network(),
        "compressed": key.compressed(),
        "public_key": public.to_string(),
        "hash160": hex::encode(public.hash160()),
        "address": Address::p2pkh(&public, key.network()).to_string(),
        "zelid": Address::zelid(&public).to_string(),
    })
}

fn derive(args: DeriveArgs) -> CmdResult {
    if args.passphrase.is_some() && args.mnemonic.is_none() {
        return Err(CliError::argument(
            "--passphrase only applies to --mnemonic",
        ));
    }
    let path: DerivationPath = args
        .path
        .parse()
        .map_err(|e: flux_primitives::Error| CliError::argument(e.to_string()))?;
    let network = args.network.as_deref().map(parse_network).transpose()?;
    let root = if let Some(seed) = &args.seed {
        let seed = parse_hex("--seed", &arg_or_stdin(seed)?)?;
        ExtendedPrivKey::new_master(&seed, network.unwrap_or_default())?
    } else if let Some(words) = &args.mnemonic {
        let m = Mnemonic::parse(&arg_or_stdin(words)?)?;
        m.to_master_key(
            args.passphrase.as_deref().unwrap_or(""),
            network.unwrap_or_default(),
        )?
    } else if let Some(x) = &args.xprv {
        let key = ExtendedPrivKey::from_base58(&arg_or_stdin(x)?)?;
        match network {
            Some(n) if !key.network().shares_base58_prefixes_with(n) => {
                return Err(CliError::input(format!(
                    "--xprv is a {} key but --network is {n}",
                    key.network()
                )))
            }
            Some(n) => key.with_network(n),
            None => key,
        }
    } else {
        return Err(CliError::argument(
            "give one of --seed, --mnemonic or --xprv",
        ));
    };
    let key = root.derive(&path)?;
    let private = key.private_key();
    let mut out = describe(&private);
    if let Some(obj) = out.as_object_mut() {
        obj.insert("path".into(), json!(path.to_string()));
        obj.insert("depth".into(), json!(key.depth()));
        obj.insert("child_number".into(), json!(key.child_number().to_string()));
        obj.insert("fingerprint".into(), json!(hex::encode(key.fingerprint())));
        obj.insert(
            "parent_fingerprint".into(),
            json!(hex::encode(key.parent_fingerprint())),
        );
        obj.insert("xprv".into(), json!(key.to_string()));
        obj.insert("xpub".into(), json!(key.to_extended_pub().to_string()));
        obj.insert("wif".into(), json!(private.to_wif()));
    }
    Ok(Outcome::value(out))
}
