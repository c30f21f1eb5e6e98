//! Who asks, and how a refusal reads, for the plain axum routes (report
//! exports, the personal-data download): what leptos_axum does for pages and
//! server functions.

use app::auth::CurrentUser;
use app::error::AppError;
use app::ssr::session::ResolvedSession;
use app::ssr::AppState;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// The person behind the request: resolved once by the router's
/// middleware, or looked up here when it did not run (a test's router).
pub async fn requester(
    state: &AppState,
    session: Option<Extension<ResolvedSession>>,
    headers: &HeaderMap,
) -> Result<Option<CurrentUser>, AppError> {
    match session {
        Some(Extension(ResolvedSession(user))) => Ok(user),
        None => Ok(app::ssr::session::resolve(state, headers).await?),
    }
}

/// An error as a plain-text answer with its status, in the requester's
/// language.
pub fn error(e: AppError, headers: &HeaderMap) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        e.message(app::ssr::locale_of(headers)),
    )
        .into_response()
}
