//! `flux key ...`: generate, inspect and derive private keys.

use clap::{Args, Subcommand};

use flux_primitives::keys::{DerivationPath, ExtendedPrivKey, Mnemonic, PrivateKey};
use flux_primitives::Network;

use crate::output::{arg_or_stdin, parse_hex, print_view, CliError, CmdResult};

/// Private-key commands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate a new random private key.
    New {
        /// Network of the WIF and address: main, test or regtest.
        #[arg(long, default_value = "main")]
        network: Network,
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
        network: Option<Network>,
    },
    /// Derive a BIP32 key from a seed, a BIP39 mnemonic or an extended private key.
    Derive(DeriveArgs),
}

/// Arguments of `flux key derive`.
#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["seed", "mnemonic", "xprv"])))]
pub struct DeriveArgs {
    /// BIP32 seed as hex (16 to 64 bytes, `0x` prefix allowed), or `-` for stdin.
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
    path: DerivationPath,
    /// Network of the output keys: main, test or regtest (default: main, or the
    /// network of --xprv).
    #[arg(long)]
    network: Option<Network>,
}

/// Runs a `flux key` command.
pub fn run(cmd: KeyCommand) -> CmdResult {
    match cmd {
        KeyCommand::New {
            network,
            uncompressed,
        } => {
            let key = PrivateKey::generate(!uncompressed, network);
            print_view(&key.info().with_wif(&key))
        }
        KeyCommand::Inspect { wif, network } => {
            let text = arg_or_stdin(&wif)?;
            let key = match network {
                Some(n) => PrivateKey::from_wif_for_network(&text, n)?,
                None => PrivateKey::from_wif(&text)?,
            };
            print_view(&key.info())
        }
        KeyCommand::Derive(args) => derive(args),
    }
}

fn derive(args: DeriveArgs) -> CmdResult {
    if args.passphrase.is_some() && args.mnemonic.is_none() {
        return Err(CliError::argument(
            "--passphrase only applies to --mnemonic",
        ));
    }
    // Seeds and mnemonics carry no network: mainnet unless --network says otherwise.
    let network = args.network.unwrap_or(Network::Main);
    let root = if let Some(seed) = &args.seed {
        let seed = parse_hex("--seed", &arg_or_stdin(seed)?)?;
        ExtendedPrivKey::new_master(&seed, network)?
    } else if let Some(words) = &args.mnemonic {
        let m = Mnemonic::parse(&arg_or_stdin(words)?)?;
        m.to_master_key(args.passphrase.as_deref().unwrap_or(""), network)?
    } else if let Some(x) = &args.xprv {
        let key = ExtendedPrivKey::from_base58(&arg_or_stdin(x)?)?;
        match args.network {
            Some(n) => key.for_network(n)?,
            None => key,
        }
    } else {
        // clap's `source` group requires one of the three.
        return Err(CliError::argument(
            "give one of --seed, --mnemonic or --xprv",
        ));
    };
    let key = root.derive(&args.path)?;
    print_view(&key.info(&args.path))
}
