//! The plain HTTP endpoints of sign-in through the organisation (browser
//! redirects, not server functions):
//!
//! - `GET /inloggen/organisatie?next=/pad`: start; sends the browser to the
//!   provider with a fresh `state`, `nonce` and PKCE challenge, and gives it
//!   a cookie of its own that the callback must see again (so a sign-in
//!   begun in one browser cannot be finished in another: login CSRF).
//! - `GET /inloggen/organisatie/terug?code=…&state=…`: the provider's
//!   callback; checks everything ([`super::flow`]), links the account
//!   ([`super::queries`]) and starts a session.
//! - `GET /uitgelogd/organisatie`: after signing out here, sign out at the
//!   provider too (RP-initiated logout).
//!
//! A refusal sends the browser back to the sign-in page with `?sso=<code>`;
//! the page says what went wrong in the reader's language.

use super::flow::{CALLBACK_PATH, START_PATH};
use super::queries;
use super::types::Refusal;
use crate::auth::safe_next;
use crate::error::AppError;
use crate::ssr::{audit, session, AppState};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The browser's own cookie for a sign-in under way: over TLS with the
/// `__Secure-` prefix (its path is not `/`, so `__Host-` cannot be used).
const BROWSER_COOKIE: &str = "lp_sso";
const SECURE_BROWSER_COOKIE: &str = "__Secure-lp_sso";

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Query(query): Query<StartQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(sso) = state.sso.clone() else {
        return not_set_up(&headers);
    };
    let next = safe_next(query.next.as_deref());
    let begun = match sso.begin().await {
        Ok(b) => b,
        Err(refusal) => return refused(refusal, &next),
    };
    let browser = session::new_token();
    if let Err(e) = queries::remember(
        &state.writer,
        &begun.state,
        &browser,
        &begun.nonce,
        &begun.pkce_verifier,
        &next,
    )
    .await
    {
        return internal(&headers, "sso start", e);
    }
    let secure = state.secure(&headers);
    let cookie = format!(
        "{}={browser}; Path={START_PATH}; HttpOnly; SameSite=Lax; Max-Age={}{}",
        browser_cookie_name(secure),
        queries::LOGIN_MINUTES * 60,
        if secure { "; Secure" } else { "" }
    );
    redirect(&begun.url, &[cookie])
}

pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(sso) = state.sso.clone() else {
        return not_set_up(&headers);
    };
    let Some(state_param) = query.state.as_deref() else {
        return refused(Refusal::Expired, "/mijn");
    };
    let pending = match queries::take(&state.writer, state_param).await {
        Ok(Some(p)) => p,
        Ok(None) => return refused(Refusal::Expired, "/mijn"),
        Err(e) => return internal(&headers, "sso callback", e),
    };
    let next = pending.next_path.as_str();
    let secure = state.secure(&headers);
    let same_browser = browser_cookie(&headers, secure)
        .is_some_and(|b| session::token_hash(&b) == pending.browser_hash);
    if !same_browser {
        return refused(Refusal::OtherBrowser, next);
    }
    if let Some(error) = query.error.as_deref() {
        // The provider's own code (access_denied, login_required, …).
        tracing::info!(error, "identity provider refused the sign-in");
        return refused(Refusal::Denied, next);
    }
    let Some(code) = query.code.as_deref() else {
        return refused(Refusal::Token, next);
    };
    let person = match sso
        .finish(
            code,
            query.iss.as_deref(),
            &pending.pkce_verifier,
            &pending.nonce,
        )
        .await
    {
        Ok(p) => p,
        Err(refusal) => return refused(refusal, next),
    };
    let account = queries::account_for(
        &state.writer,
        &person,
        &sso.config.role_map,
        sso.config.create_accounts,
    )
    .await;
    let (user_id, linked) = match account {
        Ok(Ok(found)) => found,
        Ok(Err(refusal)) => return refused(refusal, next),
        Err(e) => return internal(&headers, "sso account", e),
    };
    // Roles may have changed: no process keeps an old view of this person.
    state.sessions.forget_all();
    let started = async {
        // Sign-in always starts a fresh session (no fixation).
        if let Some(old) = session::token_from_headers(&headers, secure) {
            session::destroy(&state.writer, &state.sessions, &old).await?;
        }
        let token = session::create_via_organisation(&state.writer, user_id).await?;
        audit::record(
            &state.writer,
            Some(user_id),
            "sign_in",
            &format!("user:{user_id}"),
            serde_json::json!({ "via": "organisation", "account": match linked {
                queries::Linked::Known => "known",
                queries::Linked::LinkedNow => "linked",
                queries::Linked::Created => "created",
            } }),
        )
        .await?;
        Ok::<_, sea_orm::DbErr>(token)
    }
    .await;
    let token = match started {
        Ok(t) => t,
        Err(e) => return internal(&headers, "sso session", e),
    };
    redirect(
        next,
        &[
            session::cookie(&token, secure),
            clearing_browser_cookie(secure),
        ],
    )
}

/// After signing out here: on to the provider's sign-out, which sends the
/// person back to `/uitgelogd`.
pub async fn provider_logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(sso) = state.sso.clone() else {
        return not_set_up(&headers);
    };
    match sso.logout_url().await {
        Some(url) => redirect(&url, &[]),
        None => redirect(super::flow::SIGNED_OUT_PATH, &[]),
    }
}

fn browser_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_BROWSER_COOKIE
    } else {
        BROWSER_COOKIE
    }
}

fn clearing_browser_cookie(secure: bool) -> String {
    format!(
        "{}=; Path={START_PATH}; HttpOnly; SameSite=Lax; Max-Age=0{}",
        browser_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

fn browser_cookie(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = browser_cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| session::cookie_value(v, name))
        .map(str::to_string)
}

/// Back to the sign-in page, which says why (in the reader's language).
fn refused(refusal: Refusal, next: &str) -> Response {
    tracing::info!(
        refusal = refusal.code(),
        "sign-in through the organisation refused"
    );
    let next = percent_encoding::utf8_percent_encode(next, percent_encoding::NON_ALPHANUMERIC);
    redirect(
        &format!("/inloggen?sso={}&next={next}", refusal.code()),
        &[],
    )
}

fn redirect(location: &str, cookies: &[String]) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        return (StatusCode::BAD_GATEWAY, "invalid redirect").into_response();
    };
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_set_up(headers: &HeaderMap) -> Response {
    let locale = crate::ssr::locale_of(headers);
    let message = AppError::NotFound(crate::error::Missing::File).message(locale);
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

fn internal(headers: &HeaderMap, context: &str, e: impl std::fmt::Display) -> Response {
    let locale = crate::ssr::locale_of(headers);
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        AppError::internal(context, e).message(locale),
    )
        .into_response()
}

/// Paths registered at the provider and in the router, for the docs and tests.
pub const PATHS: [&str; 2] = [START_PATH, CALLBACK_PATH];
