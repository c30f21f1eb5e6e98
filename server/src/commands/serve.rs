//! `server serve`: run the web application until Ctrl-C or SIGTERM.
//! SIGHUP reloads the content.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::Context;
use app::ssr::content_store::reload_and_sync;
use app::ssr::AppState;

/// The scheduled jobs' names in `scheduled_jobs` (also read by `/metrics`).
pub const RETENTION_JOB: &str = "retention";
pub const RECOUNT_JOB: &str = "report-recount";

pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let l = operator_locale();
    crate::telemetry::log_panics();
    let state = super::build_state(settings).await?;
    let addr = state.leptos_options.site_addr;
    spawn_reload_on_sighup(state.clone());
    // On PostgreSQL: hear the other nodes' sign-outs, account changes and
    // content reloads (app::ssr::cluster).
    app::ssr::cluster::spawn_listener(state.clone());
    spawn_daily_recount(state.clone());
    spawn_retention(state.clone(), settings.retention_inactive_months);
    match state.reminders.clone() {
        Some(reminders) => app::reminders::job::spawn_scheduler(state.clone(), reminders),
        None => tracing::info!("e-mail reminders off (no SMTP_URL)"),
    }
    if settings.watch_content {
        spawn_content_watcher(state.clone());
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| say(l, Say::CannotListen { address: &addr }))?;
    tracing::info!("listening on http://{addr}");
    println!("{}", say(l, Say::Listening { address: &addr }));
    crate::connections::serve(
        listener,
        crate::router::app(state),
        crate::connections::Limits::default(),
        shutdown_signal(),
    )
    .await;
    Ok(())
}

/// The retention rule (docs/privacy.md): once a day, anonymise the accounts
/// inactive for longer than `months` (0: the rule is off), and remove ended
/// sessions and forgotten failed sign-ins. Once per cluster (`ssr::jobs`),
/// the first run five minutes after the first start. Each account is
/// anonymised in its own transaction, so a second run finds it done.
fn spawn_retention(state: AppState, months: u32) {
    if months == 0 {
        tracing::info!("retention rule off (RETENTION_INACTIVE_MONTHS=0)");
    }
    app::ssr::jobs::spawn(
        state,
        RETENTION_JOB,
        std::time::Duration::from_secs(300),
        std::time::Duration::from_secs(24 * 3600),
        move |state| async move {
            super::retention::apply(&state, months, false)
                .await
                .map(|(run, forgotten)| {
                    format!(
                        "{} anonymised, {} sessions and {} failed sign-ins forgotten",
                        run.anonymised, forgotten.sessions, forgotten.sign_in_failures
                    )
                })
                .map_err(|e| e.to_string())
        },
    );
}

/// Report figures move with the calendar (records expire, deadlines pass):
/// recount them shortly after the day changes, so that no HR user waits for
/// it. A report opened before this runs recounts by itself.
fn spawn_daily_recount(state: AppState) {
    // Once per cluster; the recount itself only works when the day changed.
    app::ssr::jobs::spawn(
        state,
        RECOUNT_JOB,
        std::time::Duration::ZERO,
        std::time::Duration::from_secs(600),
        |state| async move {
            app::ssr::report_summary::ensure_fresh(&state.db, &state.writer)
                .await
                .map(|()| "up to date".to_string())
                .map_err(|e| e.to_string())
        },
    );
}

#[cfg(unix)]
fn spawn_reload_on_sighup(state: AppState) {
    use tokio::signal::unix::{signal, SignalKind};
    tokio::spawn(async move {
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            tracing::warn!("cannot listen for SIGHUP; content reload by signal is off");
            return;
        };
        while hup.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading content");
            reload_and_sync(&state).await;
        }
    });
}

#[cfg(not(unix))]
fn spawn_reload_on_sighup(_state: AppState) {}

/// Poll the courses' modification times (cheap for a few hundred files,
/// and needs no platform-specific watcher) and reload on change. The
/// drafts folder beside them is not live content: a preview reads it by
/// itself (`app::preview`).
fn spawn_content_watcher(state: AppState) {
    tokio::spawn(async move {
        let courses = state.content.root().join("courses");
        let mut last = fingerprint(&courses).await;
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let now = fingerprint(&courses).await;
            if now != last {
                last = now;
                tracing::info!("content changed on disk: reloading");
                reload_and_sync(&state).await;
            }
        }
    });
}

async fn fingerprint(
    root: &std::path::Path,
) -> Vec<(std::path::PathBuf, std::time::SystemTime, u64)> {
    let root = root.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_dir() {
                    stack.push(entry.path());
                } else if let Ok(modified) = meta.modified() {
                    out.push((entry.path(), modified, meta.len()));
                }
            }
        }
        out.sort();
        out
    })
    .await
    .unwrap_or_default()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
