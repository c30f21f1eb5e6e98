//! Logging with `tracing`: `RUST_LOG` filters (default `info`). Logs go to
//! standard error, so that what a command prints on standard output (the
//! checker's JSON, an export) stays clean.

use crate::config::LogFormat;
use tracing_subscriber::{fmt, EnvFilter};

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
