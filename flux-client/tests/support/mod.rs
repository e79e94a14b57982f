//! Shared test support: the in-process fluxd double.
pub mod double;
