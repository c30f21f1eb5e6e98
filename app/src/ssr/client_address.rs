//! The address a request came from, for sign-in throttling per address.
//!
//! Without configuration it is the TCP peer. Behind a reverse proxy that peer
//! is the proxy, so everyone behind it would share one allowance; list the
//! proxies in `TRUSTED_PROXIES` and the address is read from the
//! `X-Forwarded-For` header they add. Only what trusted proxies wrote
//! counts: the header is read from the right (the entry the nearest proxy
//! added) and the first address that is not itself a trusted proxy is the
//! client. Anything further left was written by the client and could be
//! anything. (No crate: the rule and the CIDR match are a few lines.)

use std::net::IpAddr;
use std::str::FromStr;

/// An address or a network in CIDR notation (`10.0.0.0/8`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl FromStr for Network {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{s}` is not an IP address or network (like 10.0.0.0/8)"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{s}`: the prefix length must be 0 to {max}"))?,
        };
        Ok(Network { addr, prefix })
    }
}

impl Network {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            // An IPv4 client seen through an IPv6 socket.
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Parse a comma-separated list of addresses and networks.
pub fn parse_list(s: &str) -> Result<Vec<Network>, String> {
    s.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(str::parse)
        .collect()
}

/// The client's address: `peer` unless it is a trusted proxy, then the
/// right-most address in `X-Forwarded-For` that is not one.
pub fn client(peer: IpAddr, forwarded_for: &[&str], trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    // Several headers count as one list, in order.
    let entries = forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .collect::<Vec<_>>();
    for entry in entries.iter().rev() {
        let Some(ip) = parse_entry(entry) else {
            // Garbage a trusted proxy would not write: stop at what we know.
            break;
        };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or
/// `[2001:db8::1]:5678`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let e = entry.trim();
    if let Ok(ip) = e.parse() {
        return Some(ip);
    }
    if let Some(rest) = e.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    e.rsplit_once(':').and_then(|(ip, port)| {
        port.parse::<u16>().ok()?;
        ip.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_match() {
        let lan: Network = "10.0.0.0/8".parse().unwrap();
        assert!(lan.contains(ip("10.200.3.4")));
        assert!(!lan.contains(ip("11.0.0.1")));
        assert!(lan.contains(ip("::ffff:10.1.1.1")));
        let one: Network = "192.0.2.7".parse().unwrap();
        assert!(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")));
        let all: Network = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
        let v6: Network = "2001:db8::/32".parse().unwrap();
        assert!(v6.contains(ip("2001:db8:1::5")) && !v6.contains(ip("2001:db9::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        assert!("10.0.0.0/33"
            .parse::<Network>()
            .unwrap_err()
            .contains("0 to 32"));
        assert!("proxy.local"
            .parse::<Network>()
            .unwrap_err()
            .contains("not an IP"));
        assert_eq!(parse_list(" 127.0.0.1, 10.0.0.0/8 ,").unwrap().len(), 2);
        assert!(parse_list("").unwrap().is_empty());
    }

    #[test]
    fn only_what_trusted_proxies_wrote_counts() {
        let trusted = parse_list("127.0.0.1,10.0.0.0/8").unwrap();
        // No proxy configured, or a direct client: the peer.
        assert_eq!(
            client(ip("203.0.113.5"), &["1.1.1.1"], &[]),
            ip("203.0.113.5")
        );
        assert_eq!(
            client(ip("203.0.113.5"), &["1.1.1.1"], &trusted),
            ip("203.0.113.5")
        );
        // Through the proxy: the address it saw.
        assert_eq!(
            client(ip("127.0.0.1"), &["198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
        // A client that sends its own header cannot choose its address: the
        // proxy appends the real one, which is read first.
        assert_eq!(
            client(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
        // Two proxies in a row, headers split over lines, ports and brackets.
        assert_eq!(
            client(ip("10.0.0.2"), &["198.51.100.7:4711", "10.0.0.3"], &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client(ip("10.0.0.2"), &["[2001:db8::7]:443"], &trusted),
            ip("2001:db8::7")
        );
        // Nothing usable: the last address known.
        assert_eq!(client(ip("127.0.0.1"), &[], &trusted), ip("127.0.0.1"));
        assert_eq!(
            client(ip("127.0.0.1"), &["unknown"], &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            client(ip("127.0.0.1"), &["garbage, 10.0.0.9"], &trusted),
            ip("10.0.0.9")
        );
    }
}
