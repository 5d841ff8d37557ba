//! Answering requests: files of the site from memory (with the live script injected into HTML),
//! the server's own script, and the server-sent events stream. tiny_http is blocking, so a few
//! worker threads take requests in turn; an events stream holds its connection open, so each gets
//! a thread of its own, up to [`MAX_STREAMS`], and costs nothing but a blocked thread between
//! events.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::inject;
use super::route::{Route, route};
use super::state::{Live, Snapshot};

/// Open pages that may listen at once; more get 503 and their browser retries later.
const MAX_STREAMS: usize = 64;
/// A comment sent on an idle stream this often, so that a closed page is noticed and its thread
/// freed.
const KEEPALIVE: Duration = Duration::from_secs(15);
const LIVE_SCRIPT: &str = include_str!("live.js");

/// Counts open event streams.
#[derive(Default)]
pub struct Streams {
    open: AtomicUsize,
}

/// Answers one request. Errors writing to a client that went away are of no interest.
pub fn handle(request: Request, live: &Arc<Live>, streams: &Arc<Streams>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(with_header(text(405, "only GET and HEAD are served\n"), "Allow", "GET, HEAD"));
        return;
    }
    match route(request.url()) {
        Route::Events { since } => {
            let last_event =
                request.headers().iter().find(|h| h.field.equiv("Last-Event-ID")).map(|h| h.value.to_string());
            stream_events(request, last_event.or(since), live.clone(), streams.clone());
        }
        Route::LiveScript => {
            let _ = request.respond(bytes(200, LIVE_SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8"));
        }
        Route::File { key, path } => {
            let _ = request.respond(file(&key, &path, &live.current()));
        }
        Route::Refused => {
            let _ = request.respond(text(400, "bad request: the path is malformed or leaves the site\n"));
        }
    }
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

/// The site file `key`, from the last good build: injected if HTML, a redirect if `key` is a
/// folder named without its trailing slash, the site's 404 page if there is no such file. A page
/// that a template fails to render is answered with its error over an empty page.
fn file(key: &str, path: &str, snapshot: &Snapshot) -> Answer {
    let Some(site) = &snapshot.site else {
        let placeholder = bytes(503, inject::placeholder(snapshot), "text/html; charset=utf-8");
        return with_header(placeholder, "Retry-After", "1");
    };
    let base_url = site.base_url();
    match site.get(key) {
        Some(Ok(content)) => {
            let body =
                if key.ends_with(".html") { inject::page(content, snapshot, base_url) } else { content.to_vec() };
            return bytes(200, body, content_type(key));
        }
        Some(Err(error)) => return bytes(500, inject::unrenderable(error, snapshot), "text/html; charset=utf-8"),
        None => {}
    }
    if site.contains(&format!("{key}/index.html")) {
        return with_header(text(302, "found\n"), "Location", &format!("{path}/"));
    }
    match site.get("404.html") {
        Some(Ok(page)) => bytes(404, inject::page(page, snapshot, base_url), "text/html; charset=utf-8"),
        _ => text(404, "not found\n"),
    }
}

/// Content types of what a site holds; anything else is served as bytes.
fn content_type(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Adds a header. Names are ours and values ASCII (request paths arrive percent-encoded), so none
/// is refused in practice; one that is would be left out rather than fail the answer.
fn with_header(response: Answer, name: &str, value: &str) -> Answer {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

fn bytes(status: u16, body: Vec<u8>, content_type: &str) -> Answer {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    let response = with_header(response, "Content-Type", content_type);
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, message: &str) -> Answer {
    bytes(status, message.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

/// Takes the connection over for a stream of server-sent events, on a thread of its own. A page
/// that missed a state (its token differs from the current one) is told of the current state
/// at once.
fn stream_events(request: Request, since: Option<String>, live: Arc<Live>, streams: Arc<Streams>) {
    if streams.open.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.open.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(with_header(text(503, "too many open pages\n"), "Retry-After", "5"));
        return;
    }
    let spawned = std::thread::Builder::new().name("dossier-events".into()).spawn(move || {
        let receiver = live.subscribe();
        let current = live.current();
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                    Connection: close\r\n\r\nretry: 1000\n\n";
        let mut result = writer.write_all(head.as_bytes());
        if since.is_some_and(|since| since != current.token) {
            result = result.and_then(|()| writer.write_all(event(&current).as_bytes()));
        }
        while result.is_ok() {
            result = writer.flush().and_then(|()| match receiver.recv_timeout(KEEPALIVE) {
                Ok(snapshot) => writer.write_all(event(&snapshot).as_bytes()),
                Err(RecvTimeoutError::Timeout) => writer.write_all(b": keepalive\n\n"),
                Err(RecvTimeoutError::Disconnected) => Err(std::io::ErrorKind::BrokenPipe.into()),
            });
        }
        streams.open.fetch_sub(1, Ordering::SeqCst);
    });
    if spawned.is_err() {
        super::complain(format_args!("dossier serve: cannot start a thread for an events stream"));
    }
}

/// `reload` when the build succeeded; `errors` with the overlay's HTML when it failed.
fn event(snapshot: &Snapshot) -> String {
    let (name, data) = if snapshot.errors.is_empty() {
        ("reload", snapshot.token.clone())
    } else {
        ("errors", inject::overlay(&snapshot.errors))
    };
    let data: String = data.split('\n').map(|line| format!("data: {line}\n")).collect();
    format!("id: {}\nevent: {name}\n{data}\n", snapshot.token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn events_carry_the_token_and_multiline_data_line_by_line() {
        let ok = Snapshot { token: "a-1".into(), site: None, errors: Arc::new(Vec::new()) };
        assert_eq!(event(&ok), "id: a-1\nevent: reload\ndata: a-1\n\n");
        let error = Diagnostic::error("site.toml", "bad\nthing");
        let broken = Snapshot { token: "a-2".into(), site: None, errors: Arc::new(vec![error]) };
        let event = event(&broken);
        assert!(event.starts_with("id: a-2\nevent: errors\ndata: <div id=\"dossier-overlay\""), "{event}");
        assert!(event.lines().skip(2).all(|line| line.is_empty() || line.starts_with("data: ")), "{event}");
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("articles/x/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.1f2e3d4c.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search/terms/3.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
