//! Settings, from flags and the environment, in one typed struct.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Settings shared by every command. Each can be given as a flag or as the
/// environment variable named in `--help`.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database to use: `sqlite://path/to/file.db` (created on first start) or
    /// `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/leerplatform.db",
        global = true
    )]
    pub database_url: String,

    /// Folder holding the course content (`courses/<id>/...`).
    #[arg(long, env = "CONTENT_DIR", default_value = "content", global = true)]
    pub content_dir: PathBuf,

    /// Address to listen on, e.g. `127.0.0.1:3000` or `0.0.0.0:8080`.
    /// Defaults to the `site-addr` in Cargo.toml's leptos settings.
    #[arg(long, env = "LEPTOS_SITE_ADDR", global = true)]
    pub site_addr: Option<SocketAddr>,

    /// Folder with the built site (`pkg/` with the WASM, JS and CSS bundle).
    #[arg(long, env = "LEPTOS_SITE_ROOT", global = true)]
    pub site_root: Option<String>,

    /// Reload the content automatically when a file under the content
    /// folder changes (for authors working locally). In production, reload with
    /// `SIGHUP` or the admin page instead.
    #[arg(long, env = "WATCH_CONTENT", global = true)]
    pub watch_content: bool,

    /// Log output: `pretty` (for people) or `json` (for log collectors).
    #[arg(long, env = "LOG_FORMAT", default_value = "pretty", global = true)]
    pub log_format: LogFormat,

    /// Cookies only over HTTPS: `Secure`, the session cookie with the
    /// `__Host-` prefix, and HSTS. `auto` (the default): for requests the
    /// reverse proxy marks as HTTPS (`X-Forwarded-Proto: https` or
    /// `Forwarded: proto=https`). `on`: always (TLS without such a proxy).
    /// `off`: never.
    #[arg(
        long,
        env = "SECURE_COOKIES",
        value_enum,
        default_value_t = CookieSecurity::Auto,
        global = true
    )]
    pub secure_cookies: CookieSecurity,

    /// Reverse proxies in front of the platform, as addresses or networks
    /// (`127.0.0.1,10.0.0.0/8`). For requests from them the client's address
    /// (for sign-in throttling) is read from `X-Forwarded-For`; otherwise it
    /// is the connection's own. Empty: no proxy is trusted.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,

    /// Largest number of pooled database connections.
    #[arg(
        long,
        env = "DATABASE_MAX_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub database_max_connections: u32,

    /// Seconds a resolved session is kept in memory before the database is
    /// asked again (0: always ask; at most 300). Sign-out and account changes in this
    /// process take effect at once; with several server processes on one
    /// database, set 0 so a sign-out elsewhere counts at once too.
    #[arg(
        long,
        env = "SESSION_CACHE_SECONDS",
        default_value_t = 30,
        global = true
    )]
    pub session_cache_seconds: u64,

    /// Months after which an inactive account is anonymised: one that was
    /// deactivated (by the HR import or an admin) and has not signed in or
    /// done anything since. The check runs daily in `serve`, and on demand
    /// with `apply-retention`. 0 turns the rule off. See docs/privacy.md.
    #[arg(
        long,
        env = "RETENTION_INACTIVE_MONTHS",
        default_value_t = 24,
        global = true
    )]
    pub retention_inactive_months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Whether cookies are `Secure` (see [`Settings::secure_cookies`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CookieSecurity {
    Auto,
    #[value(alias = "true")]
    On,
    #[value(alias = "false")]
    Off,
}

impl From<CookieSecurity> for app::ssr::state::CookieSecurity {
    fn from(c: CookieSecurity) -> Self {
        match c {
            CookieSecurity::Auto => Self::Auto,
            CookieSecurity::On => Self::On,
            CookieSecurity::Off => Self::Off,
        }
    }
}

impl Settings {
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}
