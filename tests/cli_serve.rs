//! `dossier serve`: the real binary on an ephemeral port, driven over plain TCP on the loopback
//! address. It serves the site with the live script, refuses paths that leave the site, tells
//! open pages to reload after an edit, and after a broken edit keeps serving the last good site
//! with the errors shown over it, until the edit is fixed. Hostile requests (huge announced
//! bodies, slow clients, other hosts) neither stop it nor starve it. Every wait polls with a
//! deadline; the server is killed at the end.

mod editor_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use editor_support::{DEADLINE, Site, dossier, eventually, run};

const ARTICLE: &str = "content/articles/viet-nam-bac-cao-buoc-apt32.md";
const SIDECAR: &str = "content/articles/viet-nam-bac-cao-buoc-apt32.yaml";
const ARTICLE_PAGE: &str = "/articles/viet-nam-bac-cao-buoc-apt32/";

/// A running `dossier serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts the server on a port the system picks, and waits until it serves the built site.
    fn start(site: &Site) -> Server {
        Server::launch(site, Log::Read, &[])
    }

    /// Starts the server with `extra` arguments after the usual ones.
    fn start_with(site: &Site, extra: &[&str]) -> Server {
        Server::launch(site, Log::Read, extra)
    }

    fn launch(site: &Site, log: Log, extra: &[&str]) -> Server {
        let mut child = dossier()
            .args(["serve", "--port", "0", "--root", site.root.to_str().unwrap()])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting dossier serve");
        let lines = lines_of(child.stdout.take().expect("the server's stdout"), log);
        let mut server = Server { child, port: 0 };
        let url = wait_for_line(&lines, "serving ");
        server.port = url.rsplit(':').next().and_then(|port| port.trim_end_matches('/').parse().ok()).expect("a port");
        eventually("the first build", || (server.get("/").0 == 200).then_some(()));
        server
    }

    /// `GET path` over HTTP/1.0 (so the body is never chunked): the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let response = self.raw(&format!("GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.host()));
        let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body).to_owned();
        (status, body)
    }

    /// The Host a browser sends for the server's address.
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `request` as it is and reads the whole answer.
    fn raw(&self, request: &str) -> String {
        answer(self.send(request), DEADLINE)
    }

    /// Connects and sends `request` as it is, returning the open connection.
    fn send(&self, request: &str) -> TcpStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connecting to the server");
        stream.write_all(request.as_bytes()).expect("sending a request");
        stream
    }

    /// Asserts that the server is alive and answers a page at once: the answer must come before
    /// the client gives up after [`PROMPTLY`], where a starved server would leave it waiting.
    fn assert_answers_promptly(&mut self) {
        let request = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", self.host());
        let response = answer(self.send(&request), PROMPTLY);
        assert!(response.starts_with("HTTP/1.1 200 OK") && response.contains("</html>"), "{response}");
        assert!(self.is_running());
    }

    /// Opens the events stream as a page does, and returns its lines once the server has
    /// answered (from then on, the page is subscribed).
    fn events(&self, since: Option<&str>) -> Receiver<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connecting to the server");
        let query = since.map(|token| format!("?since={token}")).unwrap_or_default();
        let request = format!("GET /__dossier/events{query} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host());
        stream.write_all(request.as_bytes()).expect("opening the events stream");
        let lines = lines_of(stream, Log::Read);
        wait_for_line(&lines, "retry:");
        lines
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("the server's status").is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long a client waits for a page before it calls the server starved: the second the issue
/// asks for, far more than a page takes (tens of milliseconds), far less than the server's own
/// timeouts, which a starved request would wait out.
const PROMPTLY: Duration = Duration::from_secs(1);

/// Reads from `stream` until the server closes it, or for at most `patience` without a byte; a
/// connection the server resets ends the answer too.
fn answer(mut stream: TcpStream, patience: Duration) -> String {
    stream.set_read_timeout(Some(patience)).expect("a read timeout");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// What to do with the server's log.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Log {
    /// Read it to its end, so that it never fills the pipe.
    Read,
    /// Close the pipe once the server has said where it listens.
    CloseAfterAddress,
}

/// The lines of `source`, read on a thread of their own so that waiting for one has a deadline.
fn lines_of(source: impl Read + Send + 'static, log: Log) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(source).lines().map_while(Result::ok) {
            let address = line.starts_with("serving ");
            let _ = sender.send(line);
            if address && log == Log::CloseAfterAddress {
                break;
            }
        }
    });
    receiver
}

/// Waits for the next line that starts with `prefix`, skipping others.
fn wait_for_line(lines: &Receiver<String>, prefix: &str) -> String {
    let started = Instant::now();
    loop {
        let left = DEADLINE.saturating_sub(started.elapsed());
        match lines.recv_timeout(left) {
            Ok(line) if line.starts_with(prefix) => return line,
            Ok(_) => {}
            Err(_) => panic!("gave up waiting for a line starting with {prefix:?}"),
        }
    }
}

/// Gives the site a `templates/` folder holding one template. The folder appears whole (made
/// aside, then renamed), as a checkout would make it.
fn add_templates(site: &Site, name: &str, template: &str) {
    let staging = site.path(".templates");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join(name), template).unwrap();
    std::fs::rename(&staging, site.path("templates")).unwrap();
}

/// Waits for the next event called `name` (`reload` or `errors`) and returns its data. Others
/// are skipped: one save may make the watcher see two changes, and so two rebuilds.
fn event(events: &Receiver<String>, name: &str) -> String {
    loop {
        let (event, data) = next_event(events);
        if event == name {
            return data;
        }
    }
}

/// Waits for the next event: its name and its data.
fn next_event(events: &Receiver<String>) -> (String, String) {
    let event = wait_for_line(events, "event: ");
    let mut data = Vec::new();
    while let Some(part) = wait_for_line(events, "").strip_prefix("data: ") {
        data.push(part.to_owned());
    }
    (event.trim_start_matches("event: ").to_owned(), data.join("\n"))
}

#[test]
fn pages_are_served_with_the_live_script_and_only_pages() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains(r#"<script src="/__dossier/live.js" data-token=""#), "{home}");
    assert!(server.get(ARTICLE_PAGE).1.contains("không có cơ sở"));
    assert!(server.get("/__dossier/live.js").1.contains("new EventSource"));
    let redirect = server.raw("GET /actors HTTP/1.0\r\n\r\n");
    assert!(redirect.contains(" 302 Found") && redirect.contains("\r\nLocation: /actors/\r\n"), "{redirect}");
    let (status, missing) = server.get("/articles/khong-co/");
    assert_eq!(status, 404);
    assert!(missing.contains("Không tìm thấy trang") && missing.contains("href=\"/assets/style."), "{missing}");
    for escape in ["/../site.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "//etc/passwd", "/..\\site.toml", "/x%00"] {
        let (status, body) = server.get(escape);
        assert!(status == 400 || status == 404, "{escape}: {status}");
        assert!(!body.contains("title =") && !body.contains("root:"), "{escape} leaked: {body}");
    }
}

#[test]
fn the_open_web_files_are_served_as_a_build_writes_them() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let (status, sitemap) = server.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(sitemap.contains(&format!("<loc>https://dossier.example.org{ARTICLE_PAGE}</loc>")), "{sitemap}");
    assert!(server.get("/robots.txt").1.contains("Sitemap: https://dossier.example.org/sitemap.xml"));
    let (status, citations) = server.get("/data/citations.json");
    assert_eq!(status, 200);
    assert!(citations.contains("\"type\": \"article-newspaper\""), "{citations}");
}

#[test]
fn the_live_script_is_never_in_a_build() {
    let site = Site::copy("site");
    let out = site.path("public");
    let output = run(&["build", "--root", site.root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    for path in site.listing().iter().filter(|path| path.starts_with("public/")) {
        assert!(!std::fs::read(site.path(path)).unwrap().windows(10).any(|w| w == b"__dossier/"), "{path}");
    }
}

#[test]
fn an_edit_reloads_open_pages() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let events = server.events(None);
    site.edit(ARTICLE, "title: Cáo buộc Việt Nam", "title: Bác bỏ cáo buộc Việt Nam");
    event(&events, "reload");
    assert!(server.get(ARTICLE_PAGE).1.contains("Bác bỏ cáo buộc Việt Nam"));
    // A page served before a rebuild that connects after it is told at once.
    let late = server.events(Some("an-older-state"));
    event(&late, "reload");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_with_the_errors_over_it_until_fixed() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    let events = server.events(None);
    site.edit(SIDECAR, "about: apt32\n    date: 2020-04-22", "about: apt-32\n    date: 2020-04-22");
    let overlay = event(&events, "errors");
    let location = "content/articles/viet-nam-bac-cao-buoc-apt32.yaml:8:12";
    assert!(overlay.contains(location) && overlay.contains("unknown actor `apt-32`"), "{overlay}");

    let (status, page) = server.get(ARTICLE_PAGE);
    assert_eq!(status, 200, "the last good page is still served");
    assert!(page.contains("không có cơ sở") && page.contains(r#"id="dossier-overlay""#), "{page}");
    assert!(page.contains(location), "{page}");
    assert!(server.is_running());

    site.edit(SIDECAR, "about: apt-32", "about: apt32");
    event(&events, "reload");
    let (status, page) = server.get(ARTICLE_PAGE);
    assert_eq!(status, 200);
    assert!(!page.contains("dossier-overlay"), "{page}");
}

// Regression: the server printed its log with `println!`, which panics when stdout is closed, so
// `dossier serve | head -1` died at the first rebuild.
#[test]
fn a_closed_log_does_not_stop_the_server() {
    let site = Site::copy("site");
    let mut server = Server::launch(&site, Log::CloseAfterAddress, &[]);
    let events = server.events(None);
    site.edit(ARTICLE, "title: Cáo buộc Việt Nam", "title: Bác bỏ cáo buộc Việt Nam");
    event(&events, "reload");
    site.edit(ARTICLE, "title: Bác bỏ cáo buộc Việt Nam", "title: Cáo buộc Việt Nam");
    event(&events, "reload");
    assert!(server.is_running());
}

#[test]
fn a_theme_edit_rerenders_and_a_template_error_shows_like_a_content_error() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let events = server.events(None);
    add_templates(
        &site,
        "404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Trang riêng</p>{% endblock main %}",
    );
    event(&events, "reload");
    assert!(server.get("/khong-co/").1.contains("Trang riêng"));

    site.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}{{ unclosed {% endblock main %}");
    let overlay = event(&events, "errors");
    assert!(overlay.contains("templates/404.html"), "{overlay}");
    assert!(server.get("/khong-co/").1.contains("Trang riêng"), "the last good 404 page is still served");
}

#[test]
fn an_added_article_is_served_and_a_removed_one_is_gone() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let added = "content/articles/bai-them.md";
    let page = "/articles/bai-them/";
    site.write(added, &site.read(ARTICLE).replace("title: Cáo buộc Việt Nam", "title: Một bài thêm vào"));
    site.write("content/articles/bai-them.yaml", &site.read(SIDECAR));
    let (_, body) =
        eventually("the added article's page", || Some(server.get(page)).filter(|(status, _)| *status == 200));
    assert!(body.contains("Một bài thêm vào"), "{body}");

    std::fs::remove_file(site.path("content/articles/bai-them.yaml")).unwrap();
    std::fs::remove_file(site.path(added)).unwrap();
    eventually("the removed article's page to go", || (server.get(page).0 == 404).then_some(()));
    assert_eq!(server.get(ARTICLE_PAGE).0, 200);
}

// Pages are rendered when asked for, so a template that fails on some pages only is found by
// rendering every page in the background after the reload: it must still reach the overlay.
#[test]
fn a_template_error_on_some_pages_only_is_shown_after_the_reload() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let events = server.events(None);
    let template = "{% extends \"base.html\" %}{% block main %}<p>Tác nhân riêng</p>\
                    {% if actor.chip.name == \"FireEye\" %}{{ actor.no_such_field.deeper }}{% endif %}{% endblock main %}";
    add_templates(&site, "actor.html", template);

    let overlay = event(&events, "errors");
    assert!(overlay.contains("templates/actor.html") && overlay.contains("no_such_field"), "{overlay}");
    let (status, page) = server.get("/actors/fireeye/");
    assert_eq!(status, 200, "the last good site is served");
    assert!(page.contains(r#"id="dossier-overlay""#) && page.contains("<h1>FireEye</h1>"), "{page}");
    // A save that does not fix the template keeps the errors up instead of reloading without them.
    site.edit(ARTICLE, "title: Cáo buộc Việt Nam", "title: Bác bỏ cáo buộc Việt Nam");
    let (name, overlay) = next_event(&events);
    assert_eq!(name, "errors", "{overlay}");

    site.write("templates/actor.html", &template.replace("actor.no_such_field.deeper", "actor.chip.name"));
    event(&events, "reload");
    let (status, page) =
        eventually("the fixed page", || Some(server.get("/actors/fireeye/")).filter(|(s, _)| *s == 200));
    assert!(page.contains("Tác nhân riêng") && !page.contains("dossier-overlay"), "{status}: {page}");
}

/// Whether the server closed `stream` (or reset it) before `patience` ran out without a byte.
fn closed_by_server(mut stream: TcpStream, patience: Duration) -> bool {
    stream.set_read_timeout(Some(patience)).expect("a read timeout");
    let mut buffer = [0; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(error) => return error.kind() == std::io::ErrorKind::ConnectionReset,
        }
    }
}

// Regression: tiny_http allocated a request body by its announced length when it dropped it, so
// `Content-Length: 1000000000000` aborted the process, and 18446744073709551615 killed one worker
// thread per request until the port was dead.
#[test]
fn huge_announced_bodies_neither_stop_nor_wear_out_the_server() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    for length in ["1000000000000", "18446744073709551615"] {
        for method in ["GET", "POST"] {
            // More requests than the server has threads of any kind.
            for _ in 0..8 {
                let head = format!("{method} / HTTP/1.1\r\nHost: {}\r\nContent-Length: {length}\r\n", server.host());
                let response = server.raw(&format!("{head}\r\nabc"));
                assert!(response.starts_with("HTTP/1.1 4"), "{method} with {length}: {response}");
            }
        }
        server.assert_answers_promptly();
    }
}

// Regression: four connections announcing a 100 kB body and sending 3 bytes held all four
// workers, and no page was answered while they held on.
#[test]
fn slow_clients_do_not_starve_the_server() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    let host = server.host();
    let slow_bodies: Vec<TcpStream> = (0..16)
        .map(|_| server.send(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100000\r\n\r\nabc")))
        .collect();
    let endless_heads: Vec<TcpStream> =
        (0..16).map(|_| server.send(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: a"))).collect();
    server.assert_answers_promptly();

    // The body is refused as soon as it is announced, not waited for.
    for stream in slow_bodies {
        let response = answer(stream, PROMPTLY);
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    }
    // A head that never ends is cut off by the server rather than left to hold its place.
    for stream in endless_heads {
        assert!(closed_by_server(stream, DEADLINE), "the server kept a head that never ends open");
    }
    server.assert_answers_promptly();
}

// Regression: there was no Host check, so `Host: evil.com` got pages and the event stream: any
// web page whose name is made to resolve to 127.0.0.1 (DNS rebinding) could read the preview.
#[test]
fn other_hosts_get_neither_pages_nor_events() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    let port = server.port;
    for target in ["/", ARTICLE_PAGE, "/__dossier/events", "/__dossier/live.js", "http://evil.com/"] {
        for host in ["evil.com".to_owned(), format!("evil.com:{port}"), format!("localhost.evil.com:{port}")] {
            let response = server.raw(&format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n"));
            assert!(response.starts_with("HTTP/1.1 421"), "{target} for {host}: {response}");
            assert!(!response.contains("<html") && !response.contains("retry:"), "{target} for {host}: {response}");
        }
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let response = server.raw(&format!("GET {ARTICLE_PAGE} HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert!(response.starts_with("HTTP/1.1 200 OK") && response.contains("không có cơ sở"), "{host}: {response}");
    }
    let without_host = server.raw("GET / HTTP/1.1\r\n\r\n");
    assert!(without_host.starts_with("HTTP/1.1 400"), "{without_host}");
    server.assert_answers_promptly();
}

#[test]
fn requests_with_a_body_or_another_method_are_refused() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    let host = server.host();
    let post = server.raw(&format!("POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"));
    assert!(post.starts_with("HTTP/1.1 405") && post.contains("\r\nAllow: GET, HEAD\r\n"), "{post}");
    let get_with_body = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"));
    assert!(get_with_body.starts_with("HTTP/1.1 413"), "{get_with_body}");
    let chunked =
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    let chunked = server.raw(&chunked);
    assert!(chunked.starts_with("HTTP/1.1 413"), "{chunked}");
    server.assert_answers_promptly();
}

// Event streams stay open by design, so their number is bounded apart from other requests: past
// the bound a page is told to come back later, and pages still load.
#[test]
fn open_pages_past_the_limit_are_turned_away_and_pages_still_load() {
    let site = Site::copy("site");
    let mut server = Server::start(&site);
    let request = format!("GET /__dossier/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.host());
    let mut open = Vec::new();
    let turned_away = loop {
        assert!(open.len() < 200, "no limit on open event streams");
        let mut stream = BufReader::new(server.send(&request));
        stream.get_ref().set_read_timeout(Some(DEADLINE)).expect("a read timeout");
        let mut status = String::new();
        let _ = stream.read_line(&mut status);
        if !status.starts_with("HTTP/1.1 200") {
            break status;
        }
        open.push(stream);
    };
    assert!(turned_away.starts_with("HTTP/1.1 503"), "{turned_away}");
    server.assert_answers_promptly();
}

/// Drafts are what an editor previews: `serve` shows them, with their banner, unless told not to.
#[test]
fn drafts_are_served_with_their_banner_unless_no_drafts() {
    let site = Site::copy("site");
    let draft = "content/articles/bai-nhap.md";
    let front = site.read(ARTICLE).replacen("---\n", "---\ndraft: true\n", 1);
    site.write(draft, &front.replace("title: Cáo buộc Việt Nam", "title: Một bản nháp"));
    site.write("content/articles/bai-nhap.yaml", &site.read(SIDECAR));
    let server = Server::start(&site);
    let (status, body) = server.get("/articles/bai-nhap/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("draft-banner") && body.contains("Một bản nháp"), "{body}");
    drop(server);
    let public = Server::start_with(&site, &["--no-drafts"]);
    assert_eq!(public.get("/articles/bai-nhap/").0, 404);
    assert_eq!(public.get(ARTICLE_PAGE).0, 200);
}

/// `--base-url` on `serve` moves the absolute URLs, as on `build`: the feed names the preview's address.
#[test]
fn base_url_on_serve_moves_the_feeds_address() {
    let site = Site::copy("site");
    let server = Server::start_with(&site, &["--base-url", "https://preview.example.net/pr-7/"]);
    let (status, feed) = server.get("/feed.xml");
    assert_eq!(status, 200, "{feed}");
    assert!(feed.contains("https://preview.example.net/pr-7/articles/"), "{feed}");
    assert!(!feed.contains("dossier.example.org"), "{feed}");
}

#[test]
fn the_matrix_and_the_quotes_its_cells_lead_to_are_served() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    for year in ["/matrix/", "/matrix/2020/"] {
        let (status, matrix) = server.get(year);
        assert_eq!(status, 200, "{year}");
        assert!(matrix.contains("1 cáo buộc của FireEye nhằm vào Việt Nam"), "{year}: {matrix}");
    }
    let (status, accusations) = server.get("/matrix/actors/fireeye/");
    assert_eq!(status, 200);
    assert!(accusations.contains("cáo buộc Chính phủ Việt Nam hỗ trợ nhóm hacker APT32"), "{accusations}");
    assert_eq!(server.get("/matrix/actors/khong-co/").0, 404);
}

#[test]
fn the_data_exports_are_served_once_made_and_follow_an_edit() {
    let site = Site::copy("site");
    let server = Server::start(&site);
    let archive = |wanted: &str| {
        let (status, body) = server.get("/data/archive.json");
        (status == 200 && body.contains(wanted)).then_some(body)
    };
    let body = eventually("the data exports", || archive("Cáo buộc Việt Nam"));
    assert!(body.starts_with(r#"{"format":"dossier-archive""#), "{body}");
    let (status, page) = server.get("/data/");
    assert_eq!(status, 200);
    assert!(page.contains("claims.csv"), "{page}");
    let csv = server.raw("GET /data/claims.csv HTTP/1.0\r\n\r\n");
    assert!(csv.contains("\r\nContent-Type: text/csv; charset=utf-8\r\n"), "{csv}");
    site.edit(ARTICLE, "title: Cáo buộc Việt Nam", "title: Bác bỏ cáo buộc Việt Nam");
    eventually("the data exports of the edited archive", || archive("Bác bỏ cáo buộc Việt Nam"));
}
