//! `GET /taal/{nl|en}?terug=/path`: choose the interface language. Sets the
//! language cookie and sends the person back to the page they came from, so
//! switching works without JavaScript (see `app::language`).

use app::language;
use app::ssr::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

pub async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(locale) = language::parse_code(&code) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("Onbekende taal ‘{code}’: kies nl (Nederlands) of en (English)."),
        )
            .into_response();
    };
    let back = language::safe_return(query.get("terug").map(String::as_str));
    let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(back),
        HeaderValue::from_str(&language::cookie(locale, state.secure(&headers))),
    ) else {
        return (StatusCode::BAD_REQUEST, "Ongeldig terugadres.").into_response();
    };
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}
