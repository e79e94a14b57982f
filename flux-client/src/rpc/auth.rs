//! Credentials: user and password, or fluxd's cookie file (re-read when the node restarts).

use std::path::PathBuf;

use zeroize::Zeroizing;

/// How the client authenticates (HTTP basic auth).
///
/// A cookie file is kept as a path: fluxd writes a new cookie each time it starts, so the
/// client reads it when it first needs it and again (once) when the node answers 401.
///
/// ```
/// use flux_client::rpc::Auth;
/// let a = Auth::user_pass("rpcuser", "secret");
/// assert!(!format!("{a:?}").contains("secret"));
/// ```
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum Auth {
    /// No credentials (a proxy that adds them, or a test double).
    #[default]
    None,
    /// `rpcuser` / `rpcpassword`.
    UserPass {
        /// The user.
        user: String,
        /// The password (zeroized on drop, never printed).
        password: Zeroizing<String>,
    },
    /// The path of fluxd's `.cookie` file (`__cookie__:<hex>`).
    CookieFile(PathBuf),
}

impl Auth {
    /// User and password.
    ///
    /// ```
    /// let a = flux_client::rpc::Auth::user_pass("u", "p");
    /// ```
    pub fn user_pass(user: impl Into<String>, password: impl Into<String>) -> Auth {
        Auth::UserPass {
            user: user.into(),
            password: Zeroizing::new(password.into()),
        }
    }

    /// A cookie file.
    ///
    /// ```
    /// let a = flux_client::rpc::Auth::cookie_file("/home/flux/.flux/.cookie");
    /// ```
    pub fn cookie_file(path: impl Into<PathBuf>) -> Auth {
        Auth::CookieFile(path.into())
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("Auth::None"),
            Auth::UserPass { user, .. } => write!(f, "Auth::UserPass({user:?}, <password>)"),
            Auth::CookieFile(p) => write!(f, "Auth::CookieFile({p:?})"),
        }
    }
}

/// A user and a password for one request.
#[derive(Clone)]
pub struct Credentials {
    /// The user.
    pub user: String,
    /// The password (zeroized on drop).
    pub password: Zeroizing<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({:?}, <password>)", self.user)
    }
}

/// Parses a cookie file's text: its first line, split at the first `:`.
///
/// ```
/// use flux_client::rpc::auth::parse_cookie;
/// let c = parse_cookie("__cookie__:abc:def\n").unwrap();
/// assert_eq!((c.user.as_str(), c.password.as_str()), ("__cookie__", "abc:def"));
/// assert!(parse_cookie("nocolon").is_err());
/// ```
pub fn parse_cookie(text: &str) -> Result<Credentials, &'static str> {
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    let (user, password) = line
        .split_once(':')
        .ok_or("the cookie file has no `user:password` line")?;
    Ok(Credentials {
        user: user.to_owned(),
        password: Zeroizing::new(password.to_owned()),
    })
}

/// Reads and parses a cookie file.
///
/// ```
/// let e = flux_client::rpc::auth::read_cookie(std::path::Path::new("/nonexistent/.cookie"));
/// assert!(e.is_err());
/// ```
pub fn read_cookie(path: &std::path::Path) -> Result<Credentials, String> {
    // A cookie is one short line; refuse to read a huge file into memory.
    use std::io::Read;
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut text = Zeroizing::new(String::new());
    file.take(4096)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_cookie(&text).map_err(|e| format!("{}: {e}", path.display()))
}
