//! Answering requests: files of the site from memory (with the live script injected into HTML),
//! the server's own script, and the server-sent events stream, for the requests that `admit`
//! lets through. Pages are rendered on the runtime's blocking threads, a bounded pool, so that
//! rendering never holds up the threads that move bytes; an events stream is a task that sleeps
//! between events, and at most [`MAX_STREAMS`] are open at once.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http_body_util::{Channel, Either, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};

use super::admit::{self, Refusal};
use super::inject;
use super::route::{Route, route};
use super::state::{Live, Snapshot};
use crate::urls;

/// Open pages that may listen at once; more get 503 and their browser retries later.
const MAX_STREAMS: usize = 64;
/// A comment sent on an idle stream this often, so that a closed page is noticed and its slot
/// freed.
const KEEPALIVE: Duration = Duration::from_secs(15);
const LIVE_SCRIPT: &str = include_str!("live.js");
const HTML: &str = "text/html; charset=utf-8";

/// A whole answer, or an events stream fed as events come.
pub type Body = Either<Full<Bytes>, Channel<Bytes>>;
type Answer = Response<Body>;

/// What every request is answered from: the state shown, the port listened on (which a request's
/// Host must name) and the count of open event streams.
pub struct Answers {
    live: Arc<Live>,
    port: u16,
    streams: Arc<AtomicUsize>,
}

impl Answers {
    pub fn new(live: Arc<Live>, port: u16) -> Answers {
        Answers { live, port, streams: Arc::new(AtomicUsize::new(0)) }
    }

    /// Answers one request; errors writing to a client that went away are hyper's to drop.
    pub async fn answer(self: Arc<Self>, request: Request<Incoming>) -> Result<Answer, Infallible> {
        if let Err(refusal) = admit::screen(&request, self.port) {
            return Ok(refused(&refusal));
        }
        let target = request.uri().path_and_query().map_or("/", |target| target.as_str());
        Ok(match route(target) {
            Route::Events { since } => {
                let last_event = request.headers().get("Last-Event-ID").and_then(|value| value.to_str().ok());
                self.events(last_event.map(str::to_owned).or(since))
            }
            Route::LiveScript => {
                bytes(StatusCode::OK, LIVE_SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8")
            }
            Route::File { key, path } => {
                let live = self.live.clone();
                let rendered = tokio::task::spawn_blocking(move || file(&key, &path, &live.current())).await;
                rendered.unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "the page could not be made\n"))
            }
            Route::Refused => text(StatusCode::BAD_REQUEST, "bad request: the path is malformed or leaves the site\n"),
        })
    }

    /// A stream of server-sent events, fed by a task of its own until the page goes away. A page
    /// that missed a state (its token differs from the current one) is told of the current state
    /// at once.
    fn events(&self, since: Option<String>) -> Answer {
        let Some(slot) = StreamSlot::take(&self.streams) else {
            let busy = text(StatusCode::SERVICE_UNAVAILABLE, "too many open pages\n");
            return with_header(busy, header::RETRY_AFTER, "5");
        };
        let mut receiver = self.live.subscribe();
        let current = self.live.current();
        let mut next = String::from("retry: 1000\n\n");
        if since.is_some_and(|since| since != current.token) {
            next.push_str(&event(&current));
        }
        let (mut sender, body) = Channel::new(1);
        tokio::spawn(async move {
            let _slot = slot;
            while sender.send_data(Bytes::from(next)).await.is_ok() {
                next = match tokio::time::timeout(KEEPALIVE, receiver.recv()).await {
                    Ok(Some(snapshot)) => event(&snapshot),
                    Ok(None) => break,
                    Err(_) => String::from(": keepalive\n\n"),
                };
            }
        });
        let stream = Response::new(Either::Right(body));
        let stream = with_header(stream, header::CONTENT_TYPE, "text/event-stream");
        with_header(stream, header::CACHE_CONTROL, "no-store")
    }
}

/// One open events stream, counted while it lives.
struct StreamSlot(Arc<AtomicUsize>);

impl StreamSlot {
    /// A slot, unless [`MAX_STREAMS`] are taken.
    fn take(open: &Arc<AtomicUsize>) -> Option<StreamSlot> {
        let taken =
            open.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |open| (open < MAX_STREAMS).then_some(open + 1));
        taken.ok().map(|_| StreamSlot(open.clone()))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refused(refusal: &Refusal) -> Answer {
    let answer = text(refusal.status(), refusal.message());
    match refusal {
        Refusal::Method => with_header(answer, header::ALLOW, "GET, HEAD"),
        _ => answer,
    }
}

/// The site file `key`, from the last good build: injected if HTML, a redirect if `key` is a
/// folder named without its trailing slash, the site's 404 page if there is no such file. A page
/// that a template fails to render is answered with its error over an empty page.
fn file(key: &str, path: &str, snapshot: &Snapshot) -> Answer {
    let Some(site) = &snapshot.site else {
        let placeholder = bytes(StatusCode::SERVICE_UNAVAILABLE, inject::placeholder(snapshot), HTML);
        return with_header(placeholder, header::RETRY_AFTER, "1");
    };
    let base_url = site.base_url();
    match site.get(key) {
        Some(Ok(content)) => {
            let body =
                if key.ends_with(".html") { inject::page(content, snapshot, base_url) } else { content.to_vec() };
            return bytes(StatusCode::OK, body, content_type(key));
        }
        Some(Err(error)) => {
            return bytes(StatusCode::INTERNAL_SERVER_ERROR, inject::unrenderable(error, snapshot), HTML);
        }
        None => {}
    }
    if site.contains(&urls::file(&format!("{key}/"))) {
        return with_header(text(StatusCode::FOUND, "found\n"), header::LOCATION, &format!("{path}/"));
    }
    match site.get(urls::NOT_FOUND) {
        Some(Ok(page)) => bytes(StatusCode::NOT_FOUND, inject::page(page, snapshot, base_url), HTML),
        _ => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Content types of what a site holds; anything else is served as bytes.
fn content_type(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension.to_ascii_lowercase().as_str() {
        "html" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
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

/// Adds a header. Values are ours, or request paths (which hyper has checked to be visible
/// ASCII), so none is refused in practice; one that is would be left out rather than fail the
/// answer.
fn with_header(mut response: Answer, name: HeaderName, value: &str) -> Answer {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
}

fn bytes(status: StatusCode, body: Vec<u8>, content_type: &str) -> Answer {
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(body))));
    *response.status_mut() = status;
    let response = with_header(response, header::CONTENT_TYPE, content_type);
    let response = with_header(response, header::CACHE_CONTROL, "no-store");
    with_header(response, header::X_CONTENT_TYPE_OPTIONS, "nosniff")
}

fn text(status: StatusCode, message: &str) -> Answer {
    bytes(status, message.as_bytes().to_vec(), "text/plain; charset=utf-8")
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
