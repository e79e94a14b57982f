//! What every command returns, and how it reaches the terminal.
//!
//! The contract scripts rely on: the result is one JSON document on stdout; a failure is
//! exit code 1 with `{"error": {"kind": ..., "message": ...}}` on stderr; a command that
//! verifies something exits 0 when it holds and 2 when it was checked and does not.

use std::io::Read;

use serde_json::Value;

/// A failed command: a machine-readable `kind` and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// Stable, snake_case category (`invalid_argument`, `invalid_input`, `io`, ...).
    pub kind: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

impl CliError {
    /// A bad flag value or a combination of flags that does not make sense.
    pub fn argument(message: impl Into<String>) -> Self {
        CliError {
            kind: "invalid_argument",
            message: message.into(),
        }
    }

    /// Input that was read but is malformed (bad hex, bad key, bad transaction...).
    pub fn input(err: impl std::fmt::Display) -> Self {
        CliError {
            kind: "invalid_input",
            message: err.to_string(),
        }
    }

    /// A library error, under the library's own stable code ([`flux_zelid::Error::kind`],
    /// [`flux_primitives::Error::kind`]).
    pub fn library(kind: &'static str, err: impl std::fmt::Display) -> Self {
        CliError {
            kind,
            message: err.to_string(),
        }
    }

    /// The JSON written to stderr.
    pub fn to_json(&self) -> Value {
        serde_json::json!({ "error": { "kind": self.kind, "message": self.message } })
    }
}

impl From<flux_primitives::Error> for CliError {
    fn from(e: flux_primitives::Error) -> Self {
        CliError::library(e.kind(), e)
    }
}

impl From<flux_zelid::Error> for CliError {
    fn from(e: flux_zelid::Error) -> Self {
        CliError::library(e.kind(), e)
    }
}

/// A successful command: the JSON to print and, for verifying commands, whether the thing
/// checked holds (`Some(false)` makes the exit code 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Printed on stdout.
    pub json: Value,
    /// `None` for commands that do not verify anything.
    pub verified: Option<bool>,
    /// Exact text to print instead of `json` (e.g. the canonical JSON FluxOS signs, which
    /// must not be re-serialized or pretty-printed).
    pub raw: Option<String>,
}

impl Outcome {
    /// A plain result.
    pub fn value(json: Value) -> Self {
        Outcome {
            json,
            verified: None,
            raw: None,
        }
    }

    /// A result printed verbatim.
    pub fn text(raw: String) -> Self {
        Outcome {
            json: Value::Null,
            verified: None,
            raw: Some(raw),
        }
    }

    /// The result of a check.
    pub fn verdict(json: Value, holds: bool) -> Self {
        Outcome {
            json,
            verified: Some(holds),
            raw: None,
        }
    }

    /// The process exit code for this outcome.
    pub fn exit_code(&self) -> i32 {
        match self.verified {
            Some(false) => 2,
            _ => 0,
        }
    }
}

/// The result type of every command.
pub type CmdResult = Result<Outcome, CliError>;

/// Resolves an argument that may be `-` (read all of stdin) into its text, trimmed of
/// surrounding whitespace.
pub fn arg_or_stdin(arg: &str) -> Result<String, CliError> {
    if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| CliError {
                kind: "io",
                message: format!("cannot read stdin: {e}"),
            })?;
        Ok(s.trim().to_string())
    } else {
        Ok(arg.trim().to_string())
    }
}

/// Like [`arg_or_stdin`], but a value that names an existing file is read from that file
/// (for JSON specs given as `spec.json`).
pub fn arg_file_or_stdin(arg: &str) -> Result<String, CliError> {
    let path = std::path::Path::new(arg);
    if arg != "-" && !arg.trim_start().starts_with('{') && path.is_file() {
        std::fs::read_to_string(path).map_err(|e| CliError {
            kind: "io",
            message: format!("cannot read {arg}: {e}"),
        })
    } else {
        arg_or_stdin(arg)
    }
}

/// Decodes a hex argument, naming it in the error.
pub fn parse_hex(what: &str, s: &str) -> Result<Vec<u8>, CliError> {
    hex::decode(s.trim()).map_err(|e| CliError::input(format!("{what} is not valid hex: {e}")))
}
