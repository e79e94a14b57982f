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
    /// A number the failing party gave with its error: fluxd's RPC code for `rpc`, the HTTP
    /// status for `http` (printed as `"code"` when present).
    pub code: Option<i64>,
}

impl CliError {
    /// A bad flag value or a combination of flags that does not make sense.
    pub fn argument(message: impl Into<String>) -> Self {
        CliError {
            kind: "invalid_argument",
            message: message.into(),
            code: None,
        }
    }

    /// Input that was read but is malformed (bad hex, bad key, bad transaction...).
    pub fn input(err: impl std::fmt::Display) -> Self {
        CliError {
            kind: "invalid_input",
            message: err.to_string(),
            code: None,
        }
    }

    /// A library error, under the library's own stable code ([`flux_zelid::Error::kind`],
    /// [`flux_primitives::Error::kind`]).
    pub fn library(kind: &'static str, err: impl std::fmt::Display) -> Self {
        CliError {
            kind,
            message: err.to_string(),
            code: None,
        }
    }

    /// The JSON written to stderr: `{"error": {"kind", "message"}}`, plus `"code"` when the
    /// error carries one.
    pub fn to_json(&self) -> Value {
        let mut error = serde_json::json!({ "kind": self.kind, "message": self.message });
        if let (Some(code), Some(obj)) = (self.code, error.as_object_mut()) {
            obj.insert("code".into(), code.into());
        }
        serde_json::json!({ "error": error })
    }
}

impl From<flux_primitives::Error> for CliError {
    fn from(e: flux_primitives::Error) -> Self {
        CliError::library(e.kind(), e)
    }
}

/// flux-tx's errors print under flux-tx's own code (`invalid_spec`, `insufficient_funds`,
/// `wrong_network`, `unexpected_eof`, ...), not a generic `invalid_input`.
impl From<flux_tx::Error> for CliError {
    fn from(e: flux_tx::Error) -> Self {
        CliError::library(e.kind(), e)
    }
}

impl From<flux_consensus::Error> for CliError {
    fn from(e: flux_consensus::Error) -> Self {
        CliError::library(e.kind(), e)
    }
}

/// A node's or the client's failure: `flux rpc` prints fluxd's RPC code (`rpc`) or the HTTP
/// status (`http`) as `code`.
impl From<flux_client::Error> for CliError {
    fn from(e: flux_client::Error) -> Self {
        CliError {
            code: e.code(),
            ..CliError::library(e.kind(), &e)
        }
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
    /// The result as a JSON value (printed when `raw` is `None`).
    pub json: Value,
    /// `None` for commands that do not verify anything.
    pub verified: Option<bool>,
    /// Exact text to print instead of `json` (e.g. the canonical JSON FluxOS signs, which
    /// must not be re-serialized or pretty-printed, or a library's typed view, whose
    /// fluxd-style amounts (`0.50000000`) keep their text only when serialized straight to
    /// text while `json` holds them as `f64`).
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

    /// A result that a library returns as a typed view: printed exactly as the view
    /// serializes itself.
    pub fn view(view: &impl serde::Serialize) -> Result<Self, CliError> {
        let failed = |e: serde_json::Error| {
            CliError::library("internal", format!("cannot serialize the result: {e}"))
        };
        Ok(Outcome {
            json: serde_json::to_value(view).map_err(failed)?,
            verified: None,
            raw: Some(serde_json::to_string_pretty(view).map_err(failed)?),
        })
    }

    /// The result of a check.
    pub fn verdict(json: Value, holds: bool) -> Self {
        Outcome {
            json,
            verified: Some(holds),
            raw: None,
        }
    }

    /// What goes to stdout.
    pub fn render(&self) -> String {
        match &self.raw {
            Some(raw) => raw.clone(),
            None => serde_json::to_string_pretty(&self.json).unwrap_or_default(),
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

/// Writes to stdout. A reader that went away (`flux ... | head -1` closes the pipe) is
/// not an error of ours: the rest of the output is dropped and the exit code stays the
/// command's. Rust ignores SIGPIPE, so the write fails with `BrokenPipe` instead of
/// killing the process, and `println!` would panic on it; this does not.
pub fn write_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes to stderr, ignoring a closed stream as [`write_stdout`] does.
pub fn write_stderr(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// The result type of every command.
pub type CmdResult = Result<Outcome, CliError>;

/// Prints a library view type as the command's result ([`Outcome::view`]).
pub fn print_view(view: &impl serde::Serialize) -> CmdResult {
    Outcome::view(view)
}

/// Prints a library verdict type; `holds` decides the exit code (0 or 2).
pub fn verdict_view(view: &impl serde::Serialize, holds: bool) -> CmdResult {
    let mut outcome = Outcome::view(view)?;
    outcome.verified = Some(holds);
    Ok(outcome)
}

/// Milliseconds since the Unix epoch, now: the one place the tool reads the clock (the
/// libraries take the time as an argument).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Resolves an argument that may be `-` (read all of stdin) into its text, trimmed of
/// surrounding whitespace.
pub fn arg_or_stdin(arg: &str) -> Result<String, CliError> {
    if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| CliError::library("io", format!("cannot read stdin: {e}")))?;
        Ok(s.trim().to_string())
    } else {
        Ok(arg.trim().to_string())
    }
}

/// A JSON argument: `-` reads stdin, text starting with `{` or `[` is the JSON itself, and
/// anything else is a file to read (for specs given as `spec.json`). A file that does not
/// exist is reported as such (`missing_file`), not as JSON that does not parse.
pub fn arg_file_or_stdin(arg: &str) -> Result<String, CliError> {
    let t = arg.trim_start();
    if arg == "-" || t.starts_with('{') || t.starts_with('[') {
        return arg_or_stdin(arg);
    }
    let path = std::path::Path::new(arg);
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CliError::library(
            "missing_file",
            format!("no such file: {arg} (give a file, the JSON itself, or - to read stdin)"),
        ),
        _ => CliError::library("io", format!("cannot read {arg}: {e}")),
    })
}

/// Message text from an argument, exactly as given, or from stdin (`-`) with one trailing
/// newline (`\n` or `\r\n`) dropped: what `echo` adds is not part of the message, and
/// nothing else is trimmed, so `"hello "` and `"hello"` sign differently.
pub fn message_or_stdin(arg: &str) -> Result<String, CliError> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::library("io", format!("cannot read stdin: {e}")))?;
    if s.ends_with("\r\n") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('\n') {
        s.truncate(s.len() - 1);
    }
    Ok(s)
}

/// Decodes a hex argument (surrounding whitespace and a `0x`/`0X` prefix allowed), naming
/// it in the error.
pub fn parse_hex(what: &str, s: &str) -> Result<Vec<u8>, CliError> {
    let t = s.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    hex::decode(t).map_err(|e| CliError::input(format!("{what} is not valid hex: {e}")))
}
