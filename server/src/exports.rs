//! Report downloads over HTTP: `GET /rapportage/export/{report}.{csv|xlsx}?filters`.
//!
//! The tables come from the reports capability (`app::reports::downloads`,
//! the same queries as the pages, with the same scope: a manager gets only
//! their own part of the tree), headed in the language of the person who
//! asks, as is every refusal. Here they become a file: CSV is UTF-8 with BOM
//! and `;` so Dutch Excel opens it right; XLSX keeps numbers, percentages
//! and dates typed. Every download is written to the audit log.

use crate::requester::{error, requester};
use app::auth::CurrentUser;
use app::error::{AppError, Missing};
use app::i18n::Locale;
use app::reports::types::ReportFilters;
use app::ssr::session::ResolvedSession;
use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::report::csv;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    session: Option<Extension<ResolvedSession>>,
    headers: HeaderMap,
) -> Response {
    let user = match requester(&state, session, &headers).await {
        Ok(user) => user,
        Err(e) => return error(e, &headers),
    };
    let Some(user) = user else {
        let next = format!("/rapportage/export/{file}");
        let to = format!(
            "/inloggen?next={}",
            app::language::encode_query_value(&next)
        );
        return Redirect::to(&to).into_response();
    };
    let locale = app::ssr::locale_of(&headers);
    match build(&state, &user, &file, &query, locale).await {
        Ok(resp) => resp,
        Err(e) => error(e, &headers),
    }
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    file: &str,
    query: &HashMap<String, String>,
    locale: Locale,
) -> Result<Response, AppError> {
    if !user.has_any(app::reports::ROLES) {
        return Err(AppError::Forbidden);
    }
    let scope = app::reports::queries::Scope::for_user(user)?;
    let (name, format) = match file.rsplit_once('.') {
        Some((name, "csv")) => (name, Format::Csv),
        Some((name, "xlsx")) => (name, Format::Xlsx),
        _ => return Err(AppError::NotFound(Missing::File)),
    };
    let filters = ReportFilters::from_query(|k| query.get(k).cloned());
    let tables = app::reports::downloads::tables(state, &scope, name, &filters, locale).await?;
    app::reports::api::audit_view(state, user.id, "report_export", file, &filters).await?;
    let today =
        app::ssr::sql::today().ok_or_else(|| AppError::internal("export", "clock out of range"))?;
    let title = tables.first().map(|t| t.title.as_str()).unwrap_or(name);
    let (body, content_type, ext) = match format {
        Format::Csv => {
            // One file holds one table; a person's history puts the records
            // table after the courses, separated by an empty line.
            let mut out = Vec::new();
            for (i, t) in tables.iter().enumerate() {
                let bytes = csv::to_csv(t).map_err(|e| AppError::internal("csv export", e))?;
                if i == 0 {
                    out.extend_from_slice(&bytes);
                } else {
                    out.extend_from_slice(b"\r\n");
                    // Only the first table carries the BOM.
                    out.extend_from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
                }
            }
            (out, "text/csv; charset=utf-8", "csv")
        }
        Format::Xlsx => (
            domain::report::xlsx::to_xlsx(&tables)
                .map_err(|e| AppError::internal("xlsx export", e))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    let file_name = csv::file_name(title, today, ext);
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, private"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}
