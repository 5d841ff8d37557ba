//! The preview's HTTP server: hyper, on a small tokio runtime of its own, with every connection
//! bounded so that no client, however slow or hostile, stops the server or starves the others.
//!
//! - A waiting client costs a suspended task, not a thread: two threads move the bytes of every
//!   connection, and pages are rendered on a pool of [`RENDER_THREADS`].
//! - At most [`MAX_CONNECTIONS`] are open at once; the next waits in the system's queue.
//! - The request line and headers must arrive whole within [`HEAD_TIMEOUT`] of the connection
//!   being accepted (or hyper closes it), and fit in [`MAX_HEAD_BYTES`] (or hyper answers 431).
//! - A body is never read: hyper reads only what the handler asks for, and the preview asks for
//!   none (`admit` refuses requests that carry one), so an announced length allocates nothing.
//! - A client that takes none of its answer for [`WRITE_TIMEOUT`] is dropped, event streams
//!   included (they send a keep-alive comment every few seconds).
//! - One request per connection: no idle kept-alive connection holds a place.

use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

use super::http::Answers;

/// Threads that move bytes and run the event streams.
const IO_THREADS: usize = 2;
/// Threads that render pages; requests for pages queue for them.
const RENDER_THREADS: usize = 4;
/// Connections open at once, event streams included.
const MAX_CONNECTIONS: usize = 256;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_HEAD_BYTES: usize = 64 * 1024;
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait before accepting again after the system refused (out of file descriptors).
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Starts answering on `listener` with `answers`, on threads of its own, until the process ends.
pub fn start(listener: StdListener, answers: Answers) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(IO_THREADS)
        .max_blocking_threads(RENDER_THREADS)
        .thread_name("dossier-http")
        .enable_io()
        .enable_time()
        .build()?;
    let listener = {
        let _context = runtime.enter();
        TcpListener::from_std(listener)?
    };
    let accepting = move || runtime.block_on(accept(listener, Arc::new(answers)));
    std::thread::Builder::new().name("dossier-accept".into()).spawn(accepting)?;
    Ok(())
}

/// Accepts connections while fewer than [`MAX_CONNECTIONS`] are open, each served by a task.
async fn accept(listener: TcpListener, answers: Arc<Answers>) {
    let places = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(false)
        .title_case_headers(true);
    loop {
        // The semaphore is never closed, so a place always comes.
        let Ok(place) = places.clone().acquire_owned().await else { return };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let answers = answers.clone();
        let service = service_fn(move |request| answers.clone().answer(request));
        let connection = http.serve_connection(with_write_timeout(stream), service);
        tokio::spawn(async move {
            // A connection's errors (a client gone, a malformed or slow request) end it, and only it.
            let _ = connection.await;
            drop(place);
        });
    }
}

fn with_write_timeout(stream: TcpStream) -> TokioIo<std::pin::Pin<Box<TimeoutStream<TcpStream>>>> {
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(WRITE_TIMEOUT));
    TokioIo::new(Box::pin(stream))
}
