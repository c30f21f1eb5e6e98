//! Server-only code: application state, database entities and the plain
//! query functions that server functions and the CLI call. Nothing in here is
//! compiled into the browser bundle.

pub mod accounts;
pub mod audit;
pub mod client_address;
pub mod cluster;
pub mod content_store;
pub mod entities;
pub mod jobs;
pub mod report_summary;
pub mod secrets;
pub mod session;
pub mod sql;
pub mod state;
pub mod throttle;

pub use state::AppState;

use crate::i18n::Locale;

/// The language a request asked for with the language cookie; Dutch when it
/// did not choose.
pub fn locale_of(headers: &http::HeaderMap) -> Locale {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(crate::language::from_cookie_header)
        .unwrap_or(Locale::nl)
}

/// Inside a server function or an SSR render: the requester's language
/// (Dutch outside a request, e.g. in the CLI and in unit tests). Used by
/// `server_text!` to build messages in that language.
pub fn locale() -> Locale {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|parts| locale_of(&parts.headers))
        .unwrap_or(Locale::nl)
}

/// Runs `f` as inside a request whose language cookie chose `locale`, for
/// tests of messages built with `server_text!`.
#[cfg(test)]
pub(crate) fn as_if_requested_in<T>(locale: Locale, f: impl FnOnce() -> T) -> T {
    use leptos_i18n::Locale as _;
    leptos::prelude::Owner::new().with(|| {
        let (parts, ()) = http::Request::builder()
            .header(
                http::header::COOKIE,
                format!("{}={}", crate::language::COOKIE_NAME, locale.as_str()),
            )
            .body(())
            .expect("request")
            .into_parts();
        leptos::prelude::provide_context(parts);
        f()
    })
}
