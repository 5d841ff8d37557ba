//! `dossier serve`: the live preview for editors.
//!
//! The site is built in memory (`rebuild`) and served from memory (`http`, `route`) by hyper on
//! a small runtime of its own (`server`), which bounds what every connection may cost, and only
//! to requests that name this server and carry no body (`admit`); nothing is written to disk. A
//! watcher (`watch`) turns saves into rebuilds, which go through the pipeline of a build (a
//! [`crate::session::Session`], kept open so that it reads again only the files saved) and render
//! pages only when a browser asks for them (`state`); every page is rendered once, and the search
//! index made, in the background (`background`). Each rebuild publishes a new `state::Snapshot`, and
//! open pages hear of it through server-sent events at `/__dossier/events`: `reload` after a
//! good build, `errors` (with the overlay) after a failed one, while the last good site is still
//! served. The script that listens, and the overlay, are added to served pages only (`inject`).
//! A content error never stops the server; only failing to listen or to watch does.

mod admit;
mod background;
mod http;
mod inject;
mod rebuild;
mod route;
mod server;
mod state;
mod watch;

use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use background::Background;
use rebuild::{Builder, Outcome};
use state::Live;
use watch::{Change, Watcher};

/// The port tried first when none is given, and how many after it.
const DEFAULT_PORT: u16 = 8000;
const PORTS_TRIED: u16 = 20;

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// `None`: the first free port from 8000.
    pub port: Option<u16>,
    pub bind: IpAddr,
    pub overrides: crate::config::Overrides,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot listen on {address}: {message}")]
    Listen { address: String, message: String },
    #[error("cannot watch the site for changes: {0}")]
    Watch(#[from] notify::Error),
    #[error("the watcher stopped")]
    WatcherStopped,
    #[error("cannot start a thread: {0}")]
    Thread(std::io::Error),
}

/// Serves the site at `options.root` until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<Infallible, ServeError> {
    if !options.root.is_dir() {
        return Err(ServeError::NotAFolder(options.root));
    }
    let mut watcher = Watcher::start(&options.root)?;
    let (listener, address) = listen(options.bind, options.port)?;
    let live = Arc::new(Live::new());
    server::start(listener, http::Answers::new(live.clone(), address.port())).map_err(ServeError::Thread)?;
    say(format_args!("serving {} at http://{address}/", options.root.display()));
    if !options.bind.is_loopback() {
        say(format_args!("note: listening on {}, so the preview is reachable from other machines", options.bind));
    }
    let background = Background::start(live.clone()).map_err(ServeError::Thread)?;
    let mut builder = Builder::new(&options.root, options.overrides, background);
    log(builder.rebuild(&Change::everything(), &live));
    loop {
        let change = watcher.next_change().ok_or(ServeError::WatcherStopped)?;
        log(builder.rebuild(&change, &live));
    }
}

/// Listens on `port`, or on the first free port from [`DEFAULT_PORT`]; returns the address
/// actually bound (port 0 asks the system for one).
fn listen(bind: IpAddr, port: Option<u16>) -> Result<(TcpListener, SocketAddr), ServeError> {
    let ports: Vec<u16> = match port {
        Some(port) => vec![port],
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED).collect(),
    };
    let mut last_error = String::new();
    for port in &ports {
        match TcpListener::bind(SocketAddr::new(bind, *port)) {
            Ok(listener) => {
                let address = listener.local_addr().unwrap_or(SocketAddr::new(bind, *port));
                return Ok((listener, address));
            }
            Err(error) => last_error = error.to_string(),
        }
    }
    let address = match ports.as_slice() {
        [port] => SocketAddr::new(bind, *port).to_string(),
        _ => format!("{bind}, ports {DEFAULT_PORT} to {}", DEFAULT_PORT + PORTS_TRIED - 1),
    };
    Err(ServeError::Listen { address, message: last_error })
}

/// One line per rebuild on stdout; the errors of a failed one on stderr, as `check` shows them.
fn log(outcome: Outcome) {
    match outcome {
        Outcome::Built { pages, warnings, milliseconds } => {
            let warnings =
                if warnings > 0 { format!("; {warnings} warning(s): see `dossier check`") } else { String::new() };
            say(format_args!("built in {milliseconds} ms ({pages} pages, rendered as they are viewed){warnings}"));
        }
        Outcome::Failed { milliseconds, errors } => {
            for error in &errors {
                complain(format_args!("{error}"));
            }
            let count = errors.len();
            say(format_args!("build failed in {milliseconds} ms: {count} error(s); still serving the last good site"));
        }
    }
}

/// Writes a line to stdout. The log is not worth dying for: a closed stdout (`dossier serve |
/// head`) must not stop the server, so write errors are ignored, here and in [`complain`].
fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Writes a line to stderr.
fn complain(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
