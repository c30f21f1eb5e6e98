//! The application state shared by every request: one database pool, the
//! content index and the Leptos options.

use super::content_store::ContentStore;
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The pool for reads.
    pub db: DatabaseConnection,
    /// The pool write transactions use. On SQLite it is one connection, so
    /// concurrent writers queue in the application (fair, async) instead of
    /// sleeping in SQLite's busy handler; on PostgreSQL it is `db` itself.
    #[from_ref(skip)]
    pub writer: DatabaseConnection,
    pub content: ContentStore,
    /// When cookies are `Secure` (and the session cookie `__Host-`), and
    /// responses carry HSTS: see [`AppState::secure`].
    pub cookies: CookieSecurity,
    /// The key that names question options on pages (`domain::option_tokens`),
    /// made once per installation and kept in the database.
    #[from_ref(skip)]
    pub option_key: std::sync::Arc<domain::option_tokens::OptionKey>,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// (`TRUSTED_PROXIES`; see `client_address`).
    #[from_ref(skip)]
    pub trusted_proxies: std::sync::Arc<[super::client_address::Network]>,
    /// Who may read `/metrics` (`METRICS_FROM`; the connection's own address).
    #[from_ref(skip)]
    pub metrics_from: std::sync::Arc<[super::client_address::Network]>,
    /// Sessions resolved in the last few seconds (`SESSION_CACHE_SECONDS`).
    #[from_ref(skip)]
    pub sessions: super::session::SessionCache,
    /// Sign-in through the organisation's identity provider, when set up
    /// (`OIDC_*` settings).
    #[from_ref(skip)]
    pub sso: Option<std::sync::Arc<crate::sso::flow::Sso>>,
    /// E-mail reminders, when a mail server is set up (`SMTP_URL`).
    #[from_ref(skip)]
    pub reminders: Option<std::sync::Arc<crate::reminders::job::Reminders>>,
    /// This node's name among the nodes on one database (`ssr::cluster`).
    #[from_ref(skip)]
    pub node: std::sync::Arc<str>,
}

/// Whether the platform is reached over TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieSecurity {
    /// Per request: over TLS when the reverse proxy says so
    /// (`X-Forwarded-Proto: https` or `Forwarded: proto=https`). A client
    /// that sends the header itself only gets cookies its browser will not
    /// keep over plain HTTP, so trusting it costs nothing.
    Auto,
    /// Always (TLS without a proxy that says so).
    On,
    /// Never (a test network over plain HTTP).
    Off,
}

impl AppState {
    /// Cookies for this request are `Secure` (and the session cookie is
    /// the `__Host-` one).
    pub fn secure(&self, headers: &http::HeaderMap) -> bool {
        match self.cookies {
            CookieSecurity::On => true,
            CookieSecurity::Off => false,
            CookieSecurity::Auto => forwarded_https(headers),
        }
    }

    /// The state inside a server function or component rendered on the server.
    pub fn from_context() -> Result<AppState, crate::error::AppError> {
        use_context::<AppState>().ok_or_else(|| {
            crate::error::AppError::internal("state", "AppState missing from context")
        })
    }
}

/// The reverse proxy says the browser reached it over HTTPS.
pub fn forwarded_https(headers: &http::HeaderMap) -> bool {
    let says = |name: http::header::HeaderName, https: fn(&str) -> bool| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(https)
    };
    says(http::HeaderName::from_static("x-forwarded-proto"), |v| {
        v.split(',')
            .next()
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
    }) || says(http::header::FORWARDED, |v| {
        v.split(',').next().is_some_and(|first| {
            first.split(';').any(|pair| {
                pair.trim().split_once('=').is_some_and(|(k, v)| {
                    k.trim().eq_ignore_ascii_case("proto")
                        && v.trim().trim_matches('"').eq_ignore_ascii_case("https")
                })
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_proxy_tells_whether_the_browser_used_https() {
        assert!(forwarded_https(&headers(&[("x-forwarded-proto", "https")])));
        assert!(forwarded_https(&headers(&[(
            "x-forwarded-proto",
            "HTTPS, http"
        )])));
        assert!(!forwarded_https(&headers(&[("x-forwarded-proto", "http")])));
        assert!(forwarded_https(&headers(&[(
            "forwarded",
            "for=192.0.2.60;proto=https;by=203.0.113.43"
        )])));
        assert!(forwarded_https(&headers(&[(
            "forwarded",
            "Proto=\"https\""
        )])));
        assert!(!forwarded_https(&headers(&[(
            "forwarded",
            "for=x;proto=http"
        )])));
        assert!(!forwarded_https(&headers(&[])));
    }
}
