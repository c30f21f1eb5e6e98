//! Course assets (`content/courses/<id>/assets/...`) served at
//! `/inhoud/<id>/assets/...` with cache headers.
//!
//! Only files inside a course's `assets/` folder are reachable: module files
//! hold the answer keys and must never be served.

use app::ssr::AppState;
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::ServeFile;

pub async fn serve(
    State(state): State<AppState>,
    Path((course, path)): Path<(String, String)>,
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
    let file = state
        .content
        .root()
        .join("courses")
        .join(&course)
        .join("assets")
        .join(&path);
    match ServeFile::new(file).oneshot(req).await {
        Ok(res) if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED => {
            let mut res = res.into_response();
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            res
        }
        _ => (StatusCode::NOT_FOUND, "Bestand niet gevonden.").into_response(),
    }
}
