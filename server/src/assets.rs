//! Course assets (`content/courses/<id>/assets/...`) served at
//! `/inhoud/<id>/assets/...` with cache headers; a draft's assets
//! (`content/drafts/courses/<id>/assets/...`, `app::preview`) at
//! `/voorbeeld-inhoud/<id>/assets/...`, to trainers and admins only and
//! never cached.
//!
//! Only files inside a course's `assets/` folder are reachable: module files
//! hold the answer keys and must never be served. Which types are sent, and
//! how, is `domain::content::assets` (SVG under a script-free policy, HTML
//! and scripts never, unknown types as downloads).

use crate::requester::{error, requester};
use app::ssr::session::ResolvedSession;
use app::ssr::AppState;
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use domain::content::assets::{asset_kind, AssetKind};
use tower::ServiceExt;
use tower_http::services::ServeFile;

pub async fn serve(
    State(state): State<AppState>,
    Path((course, path)): Path<(String, String)>,
    req: Request<Body>,
) -> Response {
    let courses = state.content.root().join("courses");
    send(&courses, &course, &path, "public, max-age=3600", req).await
}

/// A draft's asset, for its preview.
pub async fn serve_draft(
    State(state): State<AppState>,
    Path((course, path)): Path<(String, String)>,
    session: Option<Extension<ResolvedSession>>,
    req: Request<Body>,
) -> Response {
    match requester(&state, session, req.headers()).await {
        Ok(Some(user)) if user.has_any(app::preview::ROLES) => {}
        Ok(Some(_)) => return error(app::error::AppError::Forbidden, req.headers()),
        Ok(None) => return error(app::error::AppError::Unauthorized, req.headers()),
        Err(e) => return error(e, req.headers()),
    }
    let courses = state.content.root().join("drafts").join("courses");
    send(&courses, &course, &path, "no-store", req).await
}

async fn send(
    courses: &std::path::Path,
    course: &str,
    path: &str,
    cache: &'static str,
    req: Request<Body>,
) -> Response {
    let valid_course = !course.is_empty()
        && course
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let valid_path = !path.is_empty()
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != "." && !seg.contains('\\'));
    if !valid_course || !valid_path {
        return (StatusCode::NOT_FOUND, "Bestand niet gevonden.").into_response();
    }
    let assets = courses.join(course).join("assets");
    // Only files really inside `assets/`: a symbolic link out of it (to the
    // database, to /proc) is not followed.
    let inside = match (assets.canonicalize(), assets.join(path).canonicalize()) {
        (Ok(assets), Ok(file)) => file.starts_with(&assets).then_some(file),
        _ => None,
    };
    let Some(file) = inside else {
        return (StatusCode::NOT_FOUND, "Bestand niet gevonden.").into_response();
    };
    // What a browser would run as a page is never sent (the checker refuses
    // it too); the rest goes with its own type, never sniffed.
    let kind = asset_kind(path);
    let (content_type, policy, attachment) = match kind {
        AssetKind::Refused => {
            return (StatusCode::NOT_FOUND, "Bestand niet gevonden.").into_response()
        }
        AssetKind::Inline(t) => (t, None, false),
        AssetKind::Svg => (
            "image/svg+xml",
            Some("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"),
            false,
        ),
        AssetKind::Download(t) => (t, None, true),
    };
    match ServeFile::new(file).oneshot(req).await {
        Ok(res) if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED => {
            let mut res = res.into_response();
            let headers = res.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            if let Some(policy) = policy {
                headers.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(policy),
                );
            }
            if attachment {
                headers.insert(
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment"),
                );
            }
            res
        }
        _ => (StatusCode::NOT_FOUND, "Bestand niet gevonden.").into_response(),
    }
}
