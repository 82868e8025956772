//! Which address a request comes from. Behind a reverse proxy every connection comes from
//! the proxy, so the client's address is read from `X-Forwarded-For` (or `Forwarded`), but
//! only when the connection itself comes from an address in `TRUSTED_PROXIES`: anyone else
//! could write any address there to dodge a rate limit.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::state::AppState;

/// The client's address: the connection's own, unless it comes from a trusted proxy, in
/// which case the nearest address in the forwarding chain that is not a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut chain: Vec<IpAddr> = Vec::new();
    for value in headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
    {
        chain.extend(value.split(',').filter_map(|a| parse_addr(a.trim())));
    }
    if chain.is_empty() {
        for value in headers
            .get_all("forwarded")
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            for element in value.split(',') {
                for pair in element.split(';') {
                    if let Some((key, addr)) = pair.trim().split_once('=') {
                        if key.trim().eq_ignore_ascii_case("for") {
                            chain.extend(parse_addr(addr.trim().trim_matches('"')));
                        }
                    }
                }
            }
        }
    }
    // Walk back from the nearest hop: proxies we trust append what they saw.
    chain
        .into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer)
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:80`, `2001:db8::1`.
fn parse_addr(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = IpAddr::from_str(text) {
        return Some(ip);
    }
    if let Ok(addr) = SocketAddr::from_str(text) {
        return Some(addr.ip());
    }
    IpAddr::from_str(text.trim_start_matches('[').trim_end_matches(']')).ok()
}

/// The client's address, as an extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<std::sync::Arc<AppState>> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &std::sync::Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(of(parts, state)))
    }
}

/// The client's address for a request's parts.
pub fn of(parts: &Parts, state: &AppState) -> IpAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    client_ip(peer, &parts.headers, &state.config.trusted_proxies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_trusted;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let trusted = parse_trusted("10.0.0.0/8, 192.168.1.5").unwrap();
        let forwarded = headers(&[("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(
            client_ip(ip("10.1.2.3"), &forwarded, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(ip("192.168.1.5"), &forwarded, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(ip("198.51.100.9"), &forwarded, &trusted),
            ip("198.51.100.9")
        );
        assert_eq!(client_ip(ip("10.1.2.3"), &forwarded, &[]), ip("10.1.2.3"));
    }

    #[test]
    fn a_spoofed_start_of_the_chain_is_skipped() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        // The client wrote "1.1.1.1" itself; our proxy appended the address it saw.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.2")]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &chain, &trusted),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn the_forwarded_header_and_ipv6_work_too() {
        let trusted = parse_trusted("::1").unwrap();
        let h = headers(&[("forwarded", "for=\"[2001:db8::7]:4711\";proto=https")]);
        assert_eq!(client_ip(ip("::1"), &h, &trusted), ip("2001:db8::7"));
        let h = headers(&[("forwarded", "for=203.0.113.60;proto=http")]);
        assert_eq!(client_ip(ip("::1"), &h, &trusted), ip("203.0.113.60"));
    }

    #[test]
    fn a_bad_range_is_named() {
        assert!(parse_trusted("10.0.0.0/33")
            .unwrap_err()
            .contains("10.0.0.0/33"));
        assert!(parse_trusted("").unwrap().is_empty());
    }
}
