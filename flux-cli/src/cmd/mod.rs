//! One module per command group. Each exposes a clap `Subcommand` (or `Args`) type and a
//! `run` function returning [`crate::output::CmdResult`].

pub mod address;
pub mod block;
pub mod chain;
pub mod equihash;
pub mod header;
pub mod demo;
pub mod fluxnode;
pub mod key;
pub mod tx;
pub mod message;
pub mod zelid;
