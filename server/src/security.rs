//! What every response and every state-changing request goes through, in one
//! middleware, so no route can forget it:
//!
//! - **Origin check (CSRF).** A `POST`, `PUT`, `PATCH` or `DELETE` is only
//!   accepted when the browser says it comes from this site: an `Origin`
//!   header naming this host, or (older browsers) `Sec-Fetch-Site:
//!   same-origin`. `Origin: null`, another origin, or neither is refused with
//!   403 and a message in the requester's language. `SameSite=Lax` alone does
//!   not stop a sibling subdomain's auto-submitting form. This covers server
//!   functions, plain axum handlers and uploads alike.
//! - **Security headers** on every response: `X-Content-Type-Options:
//!   nosniff`, `Referrer-Policy`, `X-Frame-Options: DENY`, HSTS when served
//!   over TLS, and a Content-Security-Policy. Pages set their own policy with
//!   the per-request nonce of Leptos' hydration scripts (`app::security`);
//!   any other response without one gets [`app::security::NON_PAGE_POLICY`].
//! - **Honest status codes** ([`error_status`]): a server function that
//!   refuses answers with its error's own status (401, 403, 404, 409, 422,
//!   429) instead of server_fn's blanket 500. Forms without JavaScript are
//!   unaffected: they get a redirect back with the message.
//! - **No caching of personal data**: a response that did not choose its own
//!   `Cache-Control` gets `no-store` (pages and server-function answers are
//!   personal); the built bundle in `/pkg/` is revalidated on every use
//!   (`no-cache`), so a browser never runs an old bundle against new pages.

use app::error::AppError;
use app::ssr::AppState;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The largest body a server function takes: a form with a long
/// reflection is a few kB. (The employee import has its own route and limit.)
pub const API_BODY_LIMIT: usize = 256 * 1024;

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let tls = state.secure(req.headers());
    if req.uri().path().starts_with("/api/") {
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        // The body's own size hint is exact when its length is known
        // (Content-Length on the wire, or a body built in memory).
        let hinted = usize::try_from(axum::body::HttpBody::size_hint(req.body()).lower()).ok();
        if declared.or(hinted).is_some_and(|n| n > API_BODY_LIMIT) {
            return refuse(&req, StatusCode::PAYLOAD_TOO_LARGE, AppError::TooLarge, tls);
        }
    }
    if changes_state(req.method()) && !same_origin(req.headers()) {
        tracing::warn!(
            method = %req.method(),
            path = req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "cross-site request refused"
        );
        return refuse(&req, StatusCode::FORBIDDEN, AppError::CrossSite, tls);
    }
    let bundle = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    add_headers(&mut res, bundle, tls);
    res
}

/// server_fn answers every error with 500 and a `serverfnerror` header;
/// give the response the status of the [`AppError`] in its body instead.
/// Runs inside the compression layer, so the body is still plain JSON.
pub async fn error_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A refusal before any handler ran, in the requester's language.
fn refuse(req: &Request, status: StatusCode, err: AppError, tls: bool) -> Response {
    let locale = app::ssr::locale_of(req.headers());
    let mut res = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        err.message(locale),
    )
        .into_response();
    add_headers(&mut res, false, tls);
    res
}

fn changes_state(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Did the browser send this request from one of our own pages?
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    match headers.get(header::ORIGIN) {
        Some(origin) => origin
            .to_str()
            .ok()
            .and_then(origin_authority)
            .is_some_and(|authority| authority.eq_ignore_ascii_case(host)),
        // Every current browser sends Origin with a POST; Sec-Fetch-Site is
        // the fallback for the few that send only that.
        None => headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"same-origin"),
    }
}

/// `https://host:port` → `host:port`; `None` for `null` and anything that
/// is not a plain http(s) origin.
fn origin_authority(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    let valid = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    valid.then_some(rest)
}

/// `bundle`: the response is a file of the built bundle (`/pkg/`).
fn add_headers(res: &mut Response, bundle: bool, tls: bool) {
    let headers = res.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        app::security::NON_PAGE_POLICY,
    );
    if tls {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    let cache = if bundle { "no-cache" } else { "no-store" };
    set(headers, header::CACHE_CONTROL, cache);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_this_sites_origin_may_change_state() {
        assert!(same_origin(&headers(&[
            ("host", "leren.gemeente.nl"),
            ("origin", "https://leren.gemeente.nl")
        ])));
        assert!(same_origin(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        for bad in [
            "http://evil.example",
            "null",
            "https://leren.gemeente.nl.evil.example",
            "https://evil.leren.gemeente.nl",
            "https://leren.gemeente.nl:8443",
            "file://",
            "https://leren.gemeente.nl/",
        ] {
            assert!(
                !same_origin(&headers(&[("host", "leren.gemeente.nl"), ("origin", bad)])),
                "{bad}"
            );
        }
        // No Origin: only a browser's own same-origin mark counts.
        assert!(!same_origin(&headers(&[("host", "leren.gemeente.nl")])));
        assert!(same_origin(&headers(&[
            ("host", "leren.gemeente.nl"),
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "leren.gemeente.nl"),
            ("sec-fetch-site", "same-site")
        ])));
        // No Host: nothing to compare with.
        assert!(!same_origin(&headers(&[("origin", "http://x")])));
    }
}
