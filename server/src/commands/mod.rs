//! The CLI commands. Each is a plain async function over [`Settings`].

pub mod backup;
pub mod check;
pub mod import;
pub mod reminders;
pub mod retention;
pub mod seed_demo;
pub mod serve;
pub mod users;
pub mod words;

use crate::config::Settings;
use anyhow::Context;
use app::ssr::content_store::{sync_catalog, ContentStore, ReloadOutcome};
use app::ssr::AppState;
use leptos::prelude::LeptosOptions;
use words::{operator_locale, say, Say};

/// Connect, migrate, load and sync the content: everything a command that
/// serves or changes data needs.
pub async fn build_state(settings: &Settings) -> anyhow::Result<AppState> {
    let l = operator_locale();
    let trusted_proxies: std::sync::Arc<[_]> =
        app::ssr::client_address::parse_list(&settings.trusted_proxies)
            .map_err(|e| anyhow::anyhow!(say(l, Say::TrustedProxies { problem: &e })))?
            .into();
    let metrics_from: std::sync::Arc<[_]> =
        app::ssr::client_address::parse_list(&settings.metrics_from)
            .map_err(|e| anyhow::anyhow!("METRICS_FROM: {e}"))?
            .into();
    let sso = settings
        .sso
        .config(settings.public_url.as_deref())
        .and_then(|c| c.map(app::sso::flow::Sso::new).transpose())
        .map_err(|e| anyhow::anyhow!(e))?
        .map(std::sync::Arc::new);
    if let Some(sso) = &sso {
        tracing::info!(redirect_uri = sso.redirect_uri(), issuer = %sso.config.issuer, "sign-in through the organisation is on");
    }
    let reminders = settings
        .mail
        .reminders(settings.public_url.as_deref())
        .map_err(|e| anyhow::anyhow!(e))?
        .map(std::sync::Arc::new);
    let db = crate::db::connect(&settings.database_url, settings.database_max_connections)
        .await
        .with_context(|| {
            say(
                l,
                Say::CannotOpenDatabaseAt {
                    url: &redact(&settings.database_url),
                },
            )
        })?;
    crate::db::migrate(&db)
        .await
        .with_context(|| say(l, Say::CannotMigrate))?;
    let writer = if settings.is_sqlite() {
        crate::db::connect(&settings.database_url, 1)
            .await
            .with_context(|| say(l, Say::CannotOpenWriteConnection))?
    } else {
        db.clone()
    };
    if app::ssr::report_summary::needs_rebuild(&db).await? {
        tracing::info!("building the report summary from existing progress (once)");
        app::ssr::report_summary::rebuild(&writer)
            .await
            .with_context(|| say(l, Say::CannotBuildReportSummary))?;
    }
    let option_key = app::ssr::secrets::option_key(&writer)
        .await
        .with_context(|| say(l, Say::CannotReadOptionKey))?;
    let root = settings.content_dir.clone();
    let (content, outcome) = tokio::task::spawn_blocking(move || ContentStore::open(root)).await?;
    match &outcome {
        ReloadOutcome::Swapped { courses, warnings } => {
            tracing::info!(courses, warnings, dir = %settings.content_dir.display(), "content loaded")
        }
        ReloadOutcome::Rejected { errors } => {
            // The operators' log is English; trainers run `server check`.
            for e in errors {
                tracing::error!("{}", app::content_words::plain(app::i18n::Locale::en, e));
            }
            tracing::error!(
                errors = errors.len(),
                "content has errors and was not loaded; run `server check` for details"
            );
        }
    }
    sync_catalog(&db, &content.current().catalog)
        .await
        .with_context(|| say(l, Say::CannotSyncCourses))?;
    Ok(AppState {
        leptos_options: leptos_options(settings),
        writer,
        db,
        content,
        cookies: settings.secure_cookies.into(),
        option_key: std::sync::Arc::new(option_key),
        trusted_proxies,
        metrics_from,
        sessions: app::ssr::session::SessionCache::new(std::time::Duration::from_secs(
            settings.session_cache_seconds,
        )),
        sso,
        reminders,
        node: app::ssr::cluster::new_node_name(),
    })
}

/// Leptos settings: cargo-leptos's values (environment, or baked in at build
/// time), overridden by our flags.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    // Built by cargo-leptos, the options come from its variables; built by
    // plain cargo (tests), they don't exist and our defaults apply.
    let from_cargo_leptos = std::env::var_os("LEPTOS_OUTPUT_NAME").is_some()
        || option_env!("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = from_cargo_leptos
        .then(|| leptos::config::get_configuration(None).ok())
        .flatten()
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|| {
            LeptosOptions::builder()
                .output_name(app::BUNDLE_NAME)
                .site_root("target/site")
                .build()
        });
    if options.output_name.is_empty() {
        options.output_name = app::BUNDLE_NAME.into();
    }
    if let Some(addr) = settings.site_addr {
        options.site_addr = addr;
    }
    if let Some(root) = &settings.site_root {
        options.site_root = root.as_str().into();
    }
    options
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
