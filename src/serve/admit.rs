//! Which requests the preview answers at all, decided from the request line and headers alone,
//! before anything is looked up or read. The preview only ever answers a browser's GET or HEAD
//! for its own address:
//!
//! - the Host (or the authority of an absolute request target) must name this server: `localhost`
//!   or an IP address, with the port it listens on. Any other name is how DNS rebinding reaches a
//!   server on the loopback address: a page on `evil.com` whose name is made to resolve to
//!   127.0.0.1 sends `Host: evil.com`. An IP address cannot be rebound, so every one is accepted
//!   (the bound address, `127.0.0.1`, `[::1]`, and the machine's own address when listening on
//!   all of them). HTTP/1.1 requires a Host; HTTP/1.0 clients, which may omit it, are not
//!   browsers.
//! - only GET and HEAD, and without a body: a body is never read, so its announced length costs
//!   nothing.

use std::net::IpAddr;

use hyper::body::Body;
use hyper::header::HOST;
use hyper::http::uri::Authority;
use hyper::{Method, Request, StatusCode, Version};

/// Why a request is not answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// HTTP/1.1 without a Host header, or with more than one.
    NoHost,
    /// A Host that is not this server's.
    OtherHost,
    /// A method other than GET and HEAD.
    Method,
    /// A request that carries a body.
    Body,
}

impl Refusal {
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::NoHost => StatusCode::BAD_REQUEST,
            Refusal::OtherHost => StatusCode::MISDIRECTED_REQUEST,
            Refusal::Method => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::Body => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            Refusal::NoHost => "bad request: one Host header is required\n",
            Refusal::OtherHost => "misdirected request: this preview answers only for localhost or an IP address\n",
            Refusal::Method => "only GET and HEAD are served\n",
            Refusal::Body => "requests with a body are not accepted\n",
        }
    }
}

/// Whether `request`, arriving at `port`, is one the preview answers.
pub fn screen(request: &Request<impl Body>, port: u16) -> Result<(), Refusal> {
    check_host(request, port)?;
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return Err(Refusal::Method);
    }
    if !request.body().is_end_stream() {
        return Err(Refusal::Body);
    }
    Ok(())
}

fn check_host<B>(request: &Request<B>, port: u16) -> Result<(), Refusal> {
    let mut hosts = request.headers().get_all(HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (_, Some(_)) => return Err(Refusal::NoHost),
        (Some(host), None) => Some(host.to_str().map_err(|_| Refusal::OtherHost)?),
        (None, None) => None,
    };
    if let Some(target) = request.uri().authority() {
        // An absolute request target names the host itself; a Host beside it must agree.
        return match host {
            Some(host) if host != target.as_str() => Err(Refusal::OtherHost),
            _ => names_this_server(target.as_str(), port).then_some(()).ok_or(Refusal::OtherHost),
        };
    }
    match host {
        Some(host) => names_this_server(host, port).then_some(()).ok_or(Refusal::OtherHost),
        None if request.version() == Version::HTTP_10 => Ok(()),
        None => Err(Refusal::NoHost),
    }
}

/// Whether `authority` (`host[:port]`) is `localhost` or an IP address with `port` (which a
/// browser leaves out only when it is 80).
fn names_this_server(authority: &str, port: u16) -> bool {
    let Ok(authority) = authority.parse::<Authority>() else { return false };
    if authority.as_str().contains('@') || authority.port_u16().unwrap_or(80) != port {
        return false;
    }
    let host = authority.host();
    let address = host.strip_prefix('[').and_then(|host| host.strip_suffix(']')).unwrap_or(host);
    host.eq_ignore_ascii_case("localhost") || address.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, target: &str, version: Version, headers: &[(&str, &str)]) -> Request<String> {
        let mut builder = Request::builder().method(method).uri(target).version(version);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(String::new()).expect("a test request")
    }

    fn get(headers: &[(&str, &str)]) -> Request<String> {
        request("GET", "/", Version::HTTP_11, headers)
    }

    #[test]
    fn this_servers_names_with_its_port_are_answered() {
        for host in ["127.0.0.1:8000", "localhost:8000", "LocalHost:8000", "[::1]:8000", "192.168.1.20:8000"] {
            assert_eq!(screen(&get(&[("host", host)]), 8000), Ok(()), "{host}");
        }
        assert_eq!(screen(&get(&[("host", "localhost")]), 80), Ok(()), "port 80 may be left out");
    }

    #[test]
    fn other_names_and_ports_are_misdirected() {
        for host in [
            "evil.com:8000",
            "evil.com",
            "localhost.evil.com:8000",
            "127.0.0.1.nip.io:8000",
            "localhost:8001",
            "127.0.0.1",
            "[::1]",
            "user@localhost:8000",
            "",
        ] {
            assert_eq!(screen(&get(&[("host", host)]), 8000), Err(Refusal::OtherHost), "{host}");
        }
        let absolute = request("GET", "http://evil.com:8000/", Version::HTTP_11, &[("host", "127.0.0.1:8000")]);
        assert_eq!(screen(&absolute, 8000), Err(Refusal::OtherHost));
    }

    #[test]
    fn http_1_1_needs_exactly_one_host() {
        assert_eq!(screen(&get(&[]), 8000), Err(Refusal::NoHost));
        let twice = get(&[("host", "localhost:8000"), ("host", "evil.com:8000")]);
        assert_eq!(screen(&twice, 8000), Err(Refusal::NoHost));
        assert_eq!(screen(&request("GET", "/", Version::HTTP_10, &[]), 8000), Ok(()));
    }

    #[test]
    fn only_get_and_head_are_answered() {
        let host = [("host", "localhost:8000")];
        assert_eq!(screen(&request("HEAD", "/", Version::HTTP_11, &host), 8000), Ok(()));
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
            assert_eq!(screen(&request(method, "/", Version::HTTP_11, &host), 8000), Err(Refusal::Method));
        }
    }

    #[test]
    fn a_body_is_refused() {
        let with_body = Request::builder()
            .uri("/")
            .header("host", "localhost:8000")
            .body(String::from("x"))
            .expect("a test request");
        assert_eq!(screen(&with_body, 8000), Err(Refusal::Body));
    }
}
