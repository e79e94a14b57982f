//! Runnable programs that show the Flux Rust SDK, one per kind of user; see `src/bin/`.
#![forbid(unsafe_code)]
