//! fluxd's JSON-RPC error codes (`RPCErrorCode`, RunOnFlux/fluxd `src/rpc/protocol.h`), so a
//! program can match [`crate::Error::Rpc`] by name.
//!
//! ```
//! use flux_client::rpc::codes;
//! let e = flux_client::Error::Rpc { method: "getblock".into(), code: -8, message: "x".into() };
//! assert!(matches!(e, flux_client::Error::Rpc { code: codes::INVALID_PARAMETER, .. }));
//! ```

/// −32600: the request is not a JSON-RPC request (HTTP 400).
pub const INVALID_REQUEST: i64 = -32600;
/// −32601: no such method (HTTP 404).
pub const METHOD_NOT_FOUND: i64 = -32601;
/// −32602: invalid parameters.
pub const INVALID_PARAMS: i64 = -32602;
/// −32603: internal error.
pub const INTERNAL_ERROR: i64 = -32603;
/// −32700: the body is not JSON.
pub const PARSE_ERROR: i64 = -32700;
/// −1: an exception in the command (also the usage text for wrong parameter counts).
pub const MISC_ERROR: i64 = -1;
/// −2: refused in safe mode.
pub const FORBIDDEN_BY_SAFE_MODE: i64 = -2;
/// −3: a parameter of the wrong JSON type.
pub const TYPE_ERROR: i64 = -3;
/// −4: a wallet error.
pub const WALLET_ERROR: i64 = -4;
/// −5: invalid address or key; also "not found" for blocks and transactions.
pub const INVALID_ADDRESS_OR_KEY: i64 = -5;
/// −6: not enough funds in the wallet.
pub const WALLET_INSUFFICIENT_FUNDS: i64 = -6;
/// −7: out of memory.
pub const OUT_OF_MEMORY: i64 = -7;
/// −8: invalid, missing or duplicate parameter (e.g. block height out of range).
pub const INVALID_PARAMETER: i64 = -8;
/// −9: not connected to the network.
pub const CLIENT_NOT_CONNECTED: i64 = -9;
/// −10: still in initial block download (fluxnode lists throw it).
pub const CLIENT_IN_INITIAL_DOWNLOAD: i64 = -10;
/// −20: database error.
pub const DATABASE_ERROR: i64 = -20;
/// −22: the raw data does not deserialize ("TX decode failed").
pub const DESERIALIZATION_ERROR: i64 = -22;
/// −25: general verification error ("Missing inputs").
pub const VERIFY_ERROR: i64 = -25;
/// −26: rejected by network rules (`"<rejectcode>: <reason>"`).
pub const VERIFY_REJECTED: i64 = -26;
/// −27: the transaction is already in the block chain.
pub const VERIFY_ALREADY_IN_CHAIN: i64 = -27;
/// −28: the node is still warming up (loading the block index); retry later.
pub const IN_WARMUP: i64 = -28;
