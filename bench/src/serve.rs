//! The edit-to-update time of `dossier serve`: from the start of writing one article file to the
//! `reload` server-sent event at `/__dossier/events` after which the page shows the edit (the
//! page is fetched to check, outside the timed part).
//!
//! The server runs on a copy of the archive in the work folder, so the cached corpus is never
//! edited, on a port the system picks; it prints its address at start.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::workspace;

/// How long the first build of the served site may take.
const START_TIMEOUT: Duration = Duration::from_secs(600);
/// How long one rebuild may take before the measurement fails (a full rebuild of 10k articles
/// took a minute on a busy machine).
const EVENT_TIMEOUT: Duration = Duration::from_secs(300);
/// A pause between edits, so that one edit's rebuild is over before the next edit.
const SETTLE: Duration = Duration::from_millis(300);

pub enum ServeOutcome {
    NotAtThisSize,
    /// Why it was not measured: no `serve` command yet, or the measurement failed.
    NotMeasured(String),
    Measured(Vec<Duration>),
}

/// The server, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Measures `runs` edits; a failure is reported in the outcome rather than ending the benchmark.
pub fn measure(dossier: &Path, site: &Path, work: &Path, runs: usize) -> ServeOutcome {
    if !has_serve(dossier) {
        return ServeOutcome::NotMeasured("this dossier has no `serve` command".into());
    }
    let copy = work.join("serve-site");
    let result = copy_site(site, &copy).and_then(|()| measure_edits(dossier, &copy, runs));
    match workspace::remove(&copy).and(result) {
        Ok(times) => ServeOutcome::Measured(times),
        Err(error) => ServeOutcome::NotMeasured(format!("the measurement failed: {error:#}")),
    }
}

fn copy_site(site: &Path, copy: &Path) -> Result<()> {
    workspace::remove(copy)?;
    let status = Command::new("cp").arg("-a").arg(site).arg(copy).status()?;
    ensure!(status.success(), "cannot copy {} to {}", site.display(), copy.display());
    Ok(())
}

fn has_serve(dossier: &Path) -> bool {
    Command::new(dossier).args(["serve", "--help"]).output().is_ok_and(|output| output.status.success())
}

fn measure_edits(dossier: &Path, site: &Path, runs: usize) -> Result<Vec<Duration>> {
    let server = start(dossier, site)?;
    wait_until_built(&server.address)?;
    let events = subscribe(&server.address)?;
    let article = first_article(site)?;
    let slug = article.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let original = std::fs::read_to_string(&article)?;
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        std::thread::sleep(SETTLE);
        while events.try_recv().is_ok() {}
        let marker = format!("suathu{run}x{}", std::process::id());
        let started = Instant::now();
        std::fs::write(&article, format!("{original}\nĐoạn sửa thử: {marker}.\n"))?;
        let page = format!("/articles/{slug}/");
        let shown = wait_until_shown(&events, &server.address, &page, &marker)?;
        times.push(shown.duration_since(started));
    }
    Ok(times)
}

/// Starts `dossier serve` on any free port and waits for the address it prints.
fn start(dossier: &Path, site: &Path) -> Result<Server> {
    let mut child = Command::new(dossier)
        .arg("serve")
        .arg("--root")
        .arg(site)
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start dossier serve")?;
    let (sender, lines) = channel();
    let stdout: Box<dyn Read + Send> = Box::new(child.stdout.take().context("no stdout")?);
    let stderr: Box<dyn Read + Send> = Box::new(child.stderr.take().context("no stderr")?);
    for stream in [stdout, stderr] {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
    }
    let mut server = Server { child, address: String::new() };
    let deadline = Instant::now() + START_TIMEOUT;
    while server.address.is_empty() {
        let line = lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .context("dossier serve printed no http:// address")?;
        server.address = address_in(&line).unwrap_or_default();
    }
    Ok(server)
}

/// Waits for the first build to be served: an edit made before it would measure the start.
fn wait_until_built(address: &str) -> Result<()> {
    let deadline = Instant::now() + START_TIMEOUT;
    while !get(address, "/")?.starts_with("HTTP/1.1 200") {
        ensure!(Instant::now() < deadline, "dossier serve built nothing within {} s", START_TIMEOUT.as_secs());
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// `127.0.0.1:8000` from a line such as `serving http://127.0.0.1:8000/ ...`.
fn address_in(line: &str) -> Option<String> {
    let rest = &line[line.find("http://")? + "http://".len()..];
    let address = rest.split(|c: char| c == '/' || c.is_whitespace()).next()?;
    Some(address.to_owned())
}

/// Opens the events stream; each `event:` line read is sent with the time it arrived.
fn subscribe(address: &str) -> Result<Receiver<(Instant, String)>> {
    let mut stream = TcpStream::connect(address).with_context(|| format!("cannot connect to {address}"))?;
    write!(stream, "GET /__dossier/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n")?;
    let (sender, events) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ")
                && sender.send((Instant::now(), name.to_owned())).is_err()
            {
                break;
            }
        }
    });
    Ok(events)
}

/// When the first `reload` event arrived after which `page` shows `marker`. A rebuild may start
/// while the file is half written and end in `errors` or an old page; the next event counts then.
fn wait_until_shown(events: &Receiver<(Instant, String)>, address: &str, page: &str, marker: &str) -> Result<Instant> {
    let deadline = Instant::now() + EVENT_TIMEOUT;
    loop {
        let timeout = deadline.saturating_duration_since(Instant::now());
        let Ok((arrived, name)) = events.recv_timeout(timeout) else {
            bail!("{page} did not show the edit within {} s", EVENT_TIMEOUT.as_secs());
        };
        if name == "reload" && get(address, page)?.contains(marker) {
            return Ok(arrived);
        }
    }
}

/// The first article of the site, by file name.
fn first_article(site: &Path) -> Result<PathBuf> {
    let mut articles: Vec<PathBuf> = std::fs::read_dir(site.join(dossier::load::ARTICLES_DIR))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()?;
    articles.retain(|path| path.extension().is_some_and(|extension| extension == "md"));
    articles.sort();
    articles.into_iter().next().context("the site has no article")
}

/// The body of a page, over a fresh connection.
fn get(address: &str, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect(address)?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_found_in_the_servers_first_line() {
        assert_eq!(address_in("serving http://127.0.0.1:8123/ (Ctrl-C stops)").as_deref(), Some("127.0.0.1:8123"));
        assert_eq!(address_in("building ..."), None);
    }
}
