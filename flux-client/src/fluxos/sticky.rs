//! Sticking to the node that issued a login phrase.
//!
//! A phrase lives only in the database of the node that issued it (15 min), so behind the
//! round-robin gateway `api.runonflux.io` the `/id/verifylogin` that follows may land on
//! another node and fail. The gateway names the node that answered in a `fluxnode` response
//! header (`server78_65.109.38.84`, `…:16127` or `…_16127`); FluxOS's web UI reads it and
//! sends the rest of the login to that node's own name under the gateway,
//! `https://65-109-38-84-16127.node.api.runonflux.io` (`fluxos-frontend`
//! `src/utils/stickyBackend.js`). This module does the same.

use std::net::Ipv4Addr;

/// FluxOS's default API port, assumed when the `fluxnode` header names no port.
pub const DEFAULT_API_PORT: u16 = 16127;

/// The public gateway's host name.
pub const GATEWAY_HOST: &str = "api.runonflux.io";

/// One FluxOS node's API address.
///
/// ```
/// use flux_client::fluxos::sticky::NodeAddress;
/// let node = NodeAddress::from_fluxnode_header("server78_65.109.38.84:16137").unwrap();
/// assert_eq!(node.gateway_url(), "https://65-109-38-84-16137.node.api.runonflux.io");
/// assert_eq!(node.direct_url(), "http://65.109.38.84:16137");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeAddress {
    /// The node's IPv4 address.
    pub ip: Ipv4Addr,
    /// Its API port.
    pub port: u16,
}

impl NodeAddress {
    /// Reads a `fluxnode` header value: the first dotted IPv4 address in it, and the port
    /// after it when a `:` or `_` and digits follow (else 16127). `None` when there is no
    /// address (or an octet or port is out of range).
    ///
    /// ```
    /// use flux_client::fluxos::sticky::NodeAddress;
    /// let n = NodeAddress::from_fluxnode_header("server78_65.109.38.84").unwrap();
    /// assert_eq!(n.port, 16127);
    /// assert_eq!(NodeAddress::from_fluxnode_header("server78_65.109.38.84_16147").unwrap().port, 16147);
    /// assert!(NodeAddress::from_fluxnode_header("no address").is_none());
    /// ```
    pub fn from_fluxnode_header(value: &str) -> Option<NodeAddress> {
        let b = value.as_bytes();
        let mut start = 0;
        while start < b.len() {
            if let Some((ip, end)) = ipv4_at(b, start) {
                let port = port_after(b, end).unwrap_or(Some(DEFAULT_API_PORT))?;
                return Some(NodeAddress { ip, port });
            }
            start += 1;
        }
        None
    }

    /// The node's name under the gateway: `https://a-b-c-d-PORT.node.api.runonflux.io`.
    ///
    /// ```
    /// use flux_client::fluxos::sticky::NodeAddress;
    /// let n = NodeAddress { ip: [1, 2, 3, 4].into(), port: 16127 };
    /// assert_eq!(n.gateway_url(), "https://1-2-3-4-16127.node.api.runonflux.io");
    /// ```
    pub fn gateway_url(&self) -> String {
        let [a, b, c, d] = self.ip.octets();
        format!("https://{a}-{b}-{c}-{d}-{}.node.{GATEWAY_HOST}", self.port)
    }

    /// The node itself: `http://a.b.c.d:PORT`.
    ///
    /// ```
    /// use flux_client::fluxos::sticky::NodeAddress;
    /// let n = NodeAddress { ip: [1, 2, 3, 4].into(), port: 16127 };
    /// assert_eq!(n.direct_url(), "http://1.2.3.4:16127");
    /// ```
    pub fn direct_url(&self) -> String {
        format!("http://{}:{}", self.ip, self.port)
    }
}

/// How a client follows the `fluxnode` header after `/id/loginphrase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sticky {
    /// [`Sticky::Gateway`] when the base URL's host is `api.runonflux.io`, else
    /// [`Sticky::Off`] (a node's own URL needs no stickiness).
    #[default]
    Auto,
    /// Continue at [`NodeAddress::gateway_url`].
    Gateway,
    /// Continue at [`NodeAddress::direct_url`] (plain HTTP to the node's port).
    Direct,
    /// Ignore the header.
    Off,
}

impl Sticky {
    /// Where to continue after a phrase from `base_host` whose answer carried `fluxnode`
    /// (`None`: stay at the base URL).
    ///
    /// ```
    /// use flux_client::fluxos::sticky::Sticky;
    /// let to = Sticky::Auto.follow("api.runonflux.io", Some("server1_65.109.38.84:16127"));
    /// assert_eq!(to.as_deref(), Some("https://65-109-38-84-16127.node.api.runonflux.io"));
    /// assert_eq!(Sticky::Auto.follow("65.109.38.84", Some("server1_65.109.38.84:16127")), None);
    /// ```
    pub fn follow(self, base_host: &str, fluxnode: Option<&str>) -> Option<String> {
        let mode = match self {
            Sticky::Auto if base_host.eq_ignore_ascii_case(GATEWAY_HOST) => Sticky::Gateway,
            Sticky::Auto => Sticky::Off,
            other => other,
        };
        let node = NodeAddress::from_fluxnode_header(fluxnode?)?;
        match mode {
            Sticky::Gateway => Some(node.gateway_url()),
            Sticky::Direct => Some(node.direct_url()),
            Sticky::Auto | Sticky::Off => None,
        }
    }
}

/// A dotted IPv4 address starting exactly at `i` (not preceded by a digit), and its end.
fn ipv4_at(b: &[u8], i: usize) -> Option<(Ipv4Addr, usize)> {
    if i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut octets = [0u8; 4];
    let mut pos = i;
    for (n, octet) in octets.iter_mut().enumerate() {
        if n > 0 {
            if b.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        let (value, end) = digits(b, pos, 3)?;
        *octet = u8::try_from(value).ok()?;
        pos = end;
    }
    Some((Ipv4Addr::from(octets), pos))
}

/// The port after an address: `Some(Some(p))`, `Some(None)` for an out-of-range port, and
/// `None` when no `:`/`_` + digits follow.
fn port_after(b: &[u8], end: usize) -> Option<Option<u16>> {
    if !matches!(b.get(end), Some(b':' | b'_')) {
        return None;
    }
    let (value, _) = digits(b, end + 1, 5)?;
    Some(u16::try_from(value).ok().filter(|p| *p != 0))
}

/// 1..=`max` decimal digits at `i`: their value and the index after them.
fn digits(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut pos = i;
    while pos < i + max {
        match b.get(pos) {
            Some(d) if d.is_ascii_digit() => {
                value = value * 10 + u32::from(d - b'0');
                pos += 1;
            }
            _ => break,
        }
    }
    (pos > i).then_some((value, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_forms() {
        let n = NodeAddress::from_fluxnode_header("server78_65.109.38.84:16127").unwrap();
        assert_eq!(n.ip, Ipv4Addr::new(65, 109, 38, 84));
        assert_eq!(n.port, 16127);
        assert_eq!(
            NodeAddress::from_fluxnode_header("65.109.38.84")
                .unwrap()
                .port,
            16127
        );
        assert!(NodeAddress::from_fluxnode_header("server78_300.1.1.1").is_none());
        assert!(NodeAddress::from_fluxnode_header("1.2.3.4:99999").is_none());
        assert!(NodeAddress::from_fluxnode_header("").is_none());
        assert!(NodeAddress::from_fluxnode_header("1.2.3").is_none());
        // Hostile: long text without an address is scanned in bounded time.
        assert!(NodeAddress::from_fluxnode_header(&"a1.".repeat(100_000)).is_none());
    }

    #[test]
    fn follow_modes() {
        let h = Some("server1_10.0.0.1_16137");
        assert_eq!(
            Sticky::Direct.follow("localhost", h).as_deref(),
            Some("http://10.0.0.1:16137")
        );
        assert_eq!(Sticky::Off.follow(GATEWAY_HOST, h), None);
        assert_eq!(Sticky::Gateway.follow("x", None), None);
        assert_eq!(
            Sticky::Auto.follow("API.RUNONFLUX.IO", h).as_deref(),
            Some("https://10-0-0-1-16137.node.api.runonflux.io")
        );
    }
}
