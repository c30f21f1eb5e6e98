//! Logging with `tracing`: `RUST_LOG` filters (default `info`). Logs go to
//! standard error, so that what a command prints on standard output (the
//! checker's JSON, an export) stays clean.

use crate::config::LogFormat;
use tracing_subscriber::{fmt, EnvFilter};

/// Log a panic as an error event (in JSON when the logs are JSON), inside
/// the span where it happened: a request's panic carries its method, path
/// and request id. The message always contains `panicked`, which the tests
/// and the browser suite look for in the server's log.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::capture();
        tracing::error!(%location, %message, %backtrace, "panicked");
    }));
}

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        // html5ever (inside the sanitiser) logs parser notes such as
        // "foster parenting not implemented" as warnings: not ours to act on.
        .unwrap_or_else(|_| {
            EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info,html5ever=error")
        });
    let builder = fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr);
    // A second init (tests) is harmless: keep the first subscriber.
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}
