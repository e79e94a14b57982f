//! `flux`: the Flux SDK on the command line. JSON on stdout, errors as JSON on stderr
//! (usage errors as clap's help text, for people).
//!
//! Exit codes: 0 success (and, for verifying commands, "it holds"); 1 error; 2 "checked,
//! and it does not hold". A closed stdout (`flux ... | head -1`) ends the program quietly.
#![forbid(unsafe_code)]

mod cmd;
mod help;
mod output;

use clap::{Parser, Subcommand};

use output::CmdResult;

/// The Flux SDK command-line tool.
#[derive(Debug, Parser)]
#[command(name = "flux", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Private keys: generate, inspect, derive (BIP32/BIP39).
    #[command(subcommand)]
    Key(cmd::key::KeyCommand),
    /// Addresses: inspect any Flux, ZelID, Sapling or Sprout address.
    #[command(subcommand)]
    Address(cmd::address::AddressCommand),
    /// Message signatures: sign and verify (Bitcoin or Zelcash magic).
    #[command(subcommand)]
    Message(cmd::message::MessageCommand),
    /// ZelID sign-in: login phrases, login verification, zelidauth headers.
    #[command(subcommand)]
    Zelid(cmd::zelid::ZelidCommand),
    /// Transactions: decode, build and sign, signature hashes, verify inputs.
    #[command(subcommand)]
    Tx(cmd::tx::TxCommand),
    /// Fluxnode transactions: build and sign START, verify START/CONFIRM signatures.
    #[command(subcommand)]
    Fluxnode(cmd::fluxnode::FluxnodeCommand),
    /// Blocks of either era: decode, verify.
    #[command(subcommand)]
    Block(cmd::block::BlockCommand),
    /// fluxd JSON-RPC: call, batch, block, tx, send, check.
    Rpc(cmd::rpc::RpcArgs),
    /// Block headers: decode.
    #[command(subcommand)]
    Header(cmd::header::HeaderCommand),
    /// Equihash: verify a solution under any Flux parameter set.
    #[command(subcommand)]
    Equihash(cmd::equihash::EquihashCommand),
    /// Height rules: subsidy and payouts, upgrades.
    #[command(subcommand)]
    Chain(cmd::chain::ChainCommand),
    /// FluxOS app specifications: format, validate, price and sign exactly as FluxOS does;
    /// register through a node.
    #[command(subcommand)]
    App(cmd::app::AppCommand),
    /// FluxOS's REST API: log in, GET any route (the envelope unwrapped).
    #[command(subcommand)]
    Os(cmd::os::OsCommand),
    /// Show what the SDK does, step by step, on real mainnet data built into the binary.
    Demo(cmd::demo::DemoArgs),
}

fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Command::Key(c) => cmd::key::run(c),
        Command::Address(c) => cmd::address::run(c),
        Command::Message(c) => cmd::message::run(c),
        Command::Zelid(c) => cmd::zelid::run(c),
        Command::Tx(c) => cmd::tx::run(c),
        Command::Fluxnode(c) => cmd::fluxnode::run(c),
        Command::Block(c) => cmd::block::run(c),
        Command::Rpc(c) => cmd::rpc::run(c),
        Command::Header(c) => cmd::header::run(c),
        Command::Equihash(c) => cmd::equihash::run(c),
        Command::Chain(c) => cmd::chain::run(c),
        Command::App(c) => cmd::app::run(c),
        Command::Os(c) => cmd::os::run(c),
        Command::Demo(a) => cmd::demo::run(a),
    }
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version go to stdout and exit 0. Every other parse failure is a
            // usage error: clap's readable message and usage line on stderr, exit 1 (clap's
            // own code, 2, means "checked and does not hold" here).
            let code = if e.use_stderr() { 1 } else { 0 };
            // Printing can only fail on a closed stream; there is nobody left to tell.
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match run(cli) {
        Ok(outcome) => {
            output::write_stdout(&format!("{}\n", outcome.render()));
            outcome.exit_code()
        }
        Err(err) => {
            output::write_stderr(&format!("{}\n", err.to_json()));
            1
        }
    };
    std::process::exit(code);
}
