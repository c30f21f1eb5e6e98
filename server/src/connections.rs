//! Accepting connections: what `axum::serve` does, plus the limits a server
//! on the open internet needs.
//!
//! - `TCP_NODELAY` on every connection. Without it a response written in more
//!   than one piece (every file from disk: headers, then the body) waits for
//!   the client's delayed ACK, about 40 ms on a kept-alive connection (Nagle's
//!   algorithm meeting delayed ACK).
//! - A header read timeout: a client that sends its request headers slowly
//!   (slowloris) is cut off after [`Limits::header_read_timeout`] instead of
//!   holding a connection and a file descriptor for ever.
//! - A cap on open connections, kept below the process's open-file limit, so
//!   that a flood of idle connections cannot make `accept` fail for everyone
//!   (the database and content files need descriptors too). At the cap the
//!   server stops accepting until a connection closes; the kernel's backlog
//!   holds the next ones meanwhile, and the header timeout makes room.
//! - Graceful shutdown: on the signal, stop accepting and let the requests
//!   in flight finish (for at most [`Limits::shutdown_grace`]).
//!
//! `axum::serve` offers none of the last three (it sets no timer, so hyper's
//! header read timeout never runs), hence this small loop around
//! `hyper_util`'s connection builder.

use axum::{body::Body, extract::Request, Router};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// The limits of the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most (see [`default_max_connections`]).
    pub max_connections: usize,
    /// Time a client gets to send a request's headers.
    pub header_read_timeout: Duration,
    /// Time requests in flight get to finish after the shutdown signal.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: default_max_connections(),
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(20),
        }
    }
}

/// Three quarters of the open-file limit (leaving descriptors for the
/// database, the content and the logs), at most 10,000.
pub fn default_max_connections() -> usize {
    let soft = open_file_limit().unwrap_or(1024);
    (soft.saturating_mul(3) / 4).clamp(64, 10_000)
}

#[cfg(unix)]
fn open_file_limit() -> Option<usize> {
    // /proc/self/limits: "Max open files   <soft>   <hard>   files".
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<usize> {
    None
}

/// Serve `router` on `listener` until `shutdown` completes, then wait for the
/// connections still open (at most `limits.shutdown_grace`).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)));
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        // Wait for room before accepting: at the cap, new connections wait
        // in the kernel's backlog instead of failing for lack of descriptors.
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(err) => {
                    // EMFILE and the like: back off briefly instead of spinning.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!(error = %err, "cannot set TCP_NODELAY");
        }
        let service = hyper::service::service_fn({
            let router = router.clone();
            move |req: Request<Incoming>| {
                let mut req = req.map(Body::new);
                // Who is asking, for sign-in throttling per address.
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                router.clone().oneshot(req)
            }
        });
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            if let Err(err) = conn.await {
                tracing::debug!(error = %err, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("connections still open after the shutdown grace period; closing them");
        }
    }
}
