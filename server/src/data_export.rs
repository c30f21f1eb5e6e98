//! `GET /mijn/gegevens.json`: the signed-in person's own data as a file
//! (AVG art. 15 and 20), the download link of `/mijn/gegevens`. A plain
//! route, like the report exports: a file to save is not a server
//! function's answer (those redirect a browser that asks for HTML). The
//! data is `app::privacy::queries::my_data`, the same as the page shows;
//! every download is written to the audit log.

use crate::requester::{error, requester};
use app::error::AppError;
use app::ssr::session::ResolvedSession;
use app::ssr::{audit, AppState};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub const PATH: &str = "/mijn/gegevens.json";

pub async fn download(
    State(state): State<AppState>,
    session: Option<Extension<ResolvedSession>>,
    headers: HeaderMap,
) -> Response {
    let user = match requester(&state, session, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/inloggen?next=/mijn/gegevens").into_response(),
        Err(e) => return error(e, &headers),
    };
    match build(&state, user.id).await {
        Ok(res) => res,
        Err(e) => error(e, &headers),
    }
}

async fn build(state: &AppState, user_id: i32) -> Result<Response, AppError> {
    let now = chrono::Utc::now();
    let data =
        app::privacy::queries::my_data(&state.db, user_id, now, &state.content.current().catalog)
            .await?
            .ok_or(AppError::Unauthorized)?;
    let body =
        serde_json::to_vec_pretty(&data).map_err(|e| AppError::internal("my data json", e))?;
    audit::record(
        &state.writer,
        Some(user_id),
        "data_export",
        &format!("user:{user_id}"),
        serde_json::json!({}),
    )
    .await?;
    let disposition = format!(
        "attachment; filename=\"mijn-gegevens-{}.json\"",
        now.format("%Y-%m-%d")
    );
    let mut res = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(res)
}
