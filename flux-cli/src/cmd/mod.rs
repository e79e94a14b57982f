//! One module per command group. Each exposes a clap `Subcommand` (or `Args`) type and a
//! `run` function returning [`crate::output::CmdResult`].

pub mod address;
pub mod app;
pub mod block;
pub mod chain;
pub mod demo;
pub mod equihash;
pub mod fluxnode;
pub mod header;
pub mod key;
pub mod message;
pub mod os;
pub mod rpc;
pub mod tx;
pub mod zelid;
