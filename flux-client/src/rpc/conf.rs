//! `flux.conf`: the RPC settings a client needs, and fluxd's default ports and cookie paths.

use std::path::{Path, PathBuf};

use flux_primitives::Network;

use super::Auth;
use crate::Error;

/// fluxd's default RPC port for a network (`chainparamsbase.cpp`): 16124 on mainnet, 26124
/// on testnet and regtest.
///
/// ```
/// use flux_client::rpc::conf::default_port;
/// use flux_primitives::Network;
/// assert_eq!(default_port(Network::Main), 16124);
/// assert_eq!(default_port(Network::Regtest), 26124);
/// ```
pub fn default_port(network: Network) -> u16 {
    match network {
        Network::Main => 16124,
        Network::Test | Network::Regtest => 26124,
    }
}

/// The sub-directory of the data directory fluxd uses for a network (`testnet4`,
/// `regtest`; none on mainnet); the cookie file lives there.
///
/// ```
/// use flux_client::rpc::conf::network_subdir;
/// assert_eq!(network_subdir(flux_primitives::Network::Test), Some("testnet4"));
/// ```
pub fn network_subdir(network: Network) -> Option<&'static str> {
    match network {
        Network::Main => None,
        Network::Test => Some("testnet4"),
        Network::Regtest => Some("regtest"),
    }
}

/// The RPC settings of a `flux.conf`.
///
/// ```
/// use flux_client::rpc::conf::FluxConf;
/// let c = FluxConf::parse("rpcuser=u\nrpcpassword=p\ntestnet=1\n# rpcport=1\n");
/// assert_eq!(c.network, flux_primitives::Network::Test);
/// assert_eq!(c.rpc_url(), "http://127.0.0.1:26124");
/// ```
#[derive(Clone)]
pub struct FluxConf {
    /// `rpcuser`.
    pub rpcuser: Option<String>,
    /// `rpcpassword` (zeroized on drop, never printed).
    pub rpcpassword: Option<zeroize::Zeroizing<String>>,
    /// `rpcport`.
    pub rpcport: Option<u16>,
    /// `rpcconnect` (the host the CLI connects to; default 127.0.0.1).
    pub rpcconnect: Option<String>,
    /// `testnet=1` / `regtest=1` (mainnet otherwise).
    pub network: Network,
    /// The directory the file was read from (the data directory, where the cookie is).
    pub dir: Option<PathBuf>,
}

/// An empty file: no credentials, and mainnet, because fluxd reads a `flux.conf` without
/// `testnet=1` or `regtest=1` as mainnet.
impl Default for FluxConf {
    fn default() -> Self {
        FluxConf {
            rpcuser: None,
            rpcpassword: None,
            rpcport: None,
            rpcconnect: None,
            network: Network::Main,
            dir: None,
        }
    }
}

impl std::fmt::Debug for FluxConf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FluxConf")
            .field("rpcuser", &self.rpcuser)
            .field(
                "rpcpassword",
                &self.rpcpassword.as_ref().map(|_| "<password>"),
            )
            .field("rpcport", &self.rpcport)
            .field("rpcconnect", &self.rpcconnect)
            .field("network", &self.network)
            .field("dir", &self.dir)
            .finish()
    }
}

/// fluxd's `InterpretBool`: an empty value is true, otherwise the leading integer.
fn interpret_bool(v: &str) -> bool {
    let digits: String = v
        .trim()
        .chars()
        .enumerate()
        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && (*c == '-' || *c == '+')))
        .map(|(_, c)| c)
        .collect();
    v.trim().is_empty() || digits.parse::<i64>().is_ok_and(|n| n != 0)
}

impl FluxConf {
    /// Parses the text of a `flux.conf` (`key=value` lines, `#` comments; the last value of
    /// a repeated key wins, as in fluxd; unknown keys are ignored). fluxd refuses to start
    /// with both `testnet` and `regtest`; here regtest wins.
    ///
    /// ```
    /// let c = flux_client::rpc::conf::FluxConf::parse("rpcport=1234\nrpcconnect=10.0.0.2");
    /// assert_eq!(c.rpc_url(), "http://10.0.0.2:1234");
    /// ```
    pub fn parse(text: &str) -> FluxConf {
        let mut c = FluxConf::default();
        let (mut testnet, mut regtest) = (false, false);
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            match key {
                "rpcuser" => c.rpcuser = Some(value.to_owned()),
                "rpcpassword" => c.rpcpassword = Some(zeroize::Zeroizing::new(value.to_owned())),
                "rpcport" => c.rpcport = value.parse().ok(),
                "rpcconnect" => c.rpcconnect = Some(value.to_owned()),
                "testnet" => testnet = interpret_bool(value),
                "regtest" => regtest = interpret_bool(value),
                _ => {}
            }
        }
        c.network = if regtest {
            Network::Regtest
        } else if testnet {
            Network::Test
        } else {
            Network::Main
        };
        c
    }

    /// Reads and parses a `flux.conf` file (at most 1 MiB).
    ///
    /// ```
    /// assert!(flux_client::rpc::conf::FluxConf::read("/nonexistent/flux.conf").is_err());
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<FluxConf, Error> {
        use std::io::Read;
        let path = path.as_ref();
        let what = format!("--conf {}", path.display());
        let file = std::fs::File::open(path).map_err(|e| Error::input(&what, e))?;
        let mut text = zeroize::Zeroizing::new(String::new());
        file.take(1 << 20)
            .read_to_string(&mut text)
            .map_err(|e| Error::input(&what, e))?;
        let mut conf = FluxConf::parse(&text);
        conf.dir = path.parent().map(Path::to_path_buf);
        Ok(conf)
    }

    /// The port: `rpcport`, else the network's default.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::conf::FluxConf::parse("").port(), 16124);
    /// ```
    pub fn port(&self) -> u16 {
        self.rpcport.unwrap_or_else(|| default_port(self.network))
    }

    /// `http://<rpcconnect or 127.0.0.1>:<port>`.
    ///
    /// ```
    /// assert_eq!(flux_client::rpc::conf::FluxConf::parse("regtest=1").rpc_url(), "http://127.0.0.1:26124");
    /// ```
    pub fn rpc_url(&self) -> String {
        let host = self.rpcconnect.as_deref().unwrap_or("127.0.0.1");
        if host.contains(':') && !host.starts_with('[') {
            format!("http://[{host}]:{}", self.port())
        } else {
            format!("http://{host}:{}", self.port())
        }
    }

    /// The cookie file fluxd writes when no `rpcpassword` is set: `<dir>/[testnet4/|regtest/].cookie`.
    ///
    /// ```
    /// let mut c = flux_client::rpc::conf::FluxConf::parse("testnet=1");
    /// c.dir = Some("/d".into());
    /// assert_eq!(c.cookie_path().unwrap(), std::path::Path::new("/d/testnet4/.cookie"));
    /// ```
    pub fn cookie_path(&self) -> Option<PathBuf> {
        let mut p = self.dir.clone()?;
        if let Some(sub) = network_subdir(self.network) {
            p.push(sub);
        }
        p.push(".cookie");
        Some(p)
    }

    /// The credentials the file implies: `rpcuser`/`rpcpassword` when both are set, else
    /// the cookie file beside it.
    ///
    /// ```
    /// let c = flux_client::rpc::conf::FluxConf::parse("rpcuser=u\nrpcpassword=p");
    /// assert!(matches!(c.auth(), flux_client::rpc::Auth::UserPass { .. }));
    /// ```
    pub fn auth(&self) -> Auth {
        match (&self.rpcuser, &self.rpcpassword) {
            (Some(u), Some(p)) => Auth::user_pass(u.clone(), p.as_str()),
            _ => self.cookie_path().map(Auth::CookieFile).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bools_as_fluxd_reads_them() {
        assert!(interpret_bool(""));
        assert!(interpret_bool("1"));
        assert!(!interpret_bool("0"));
        assert!(!interpret_bool("no"));
        assert_eq!(FluxConf::parse("testnet=0").network, Network::Main);
        assert_eq!(
            FluxConf::parse("testnet=1\nregtest=1").network,
            Network::Regtest
        );
    }

    #[test]
    fn last_value_wins_and_comments_are_cut() {
        let c = FluxConf::parse("rpcuser=a\nrpcuser=b # note\n  rpcport = 99 \n");
        assert_eq!(c.rpcuser.as_deref(), Some("b"));
        assert_eq!(c.port(), 99);
        assert!(!format!("{:?}", FluxConf::parse("rpcpassword=hunter2")).contains("hunter2"));
    }
}
