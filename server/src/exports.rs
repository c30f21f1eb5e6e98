//! Report downloads: `GET /rapportage/export/{report}.{csv|xlsx}?filters`.
//!
//! Reports: `overzicht` (the matrix, one row per department × course),
//! `te-laat`, `certificaten`, `afdeling-{id}` and `persoon-{id}`. Each is made
//! from the same query as its page (`app::ssr::reports`), with the same
//! scope (a manager gets only their own part of the tree) but with every row
//! instead of one page. CSV is UTF-8 with BOM and `;` so Dutch Excel opens
//! it right; XLSX keeps numbers, percentages and dates typed. Every download
//! is written to the audit log.

use crate::requester::{error, requester};
use app::auth::CurrentUser;
use app::error::{AppError, Missing};
use app::pages::reports::{CellView, ReportFilters};
use app::ssr::reports::{self, Rows, Scope};
use app::ssr::session::ResolvedSession;
use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::completion::Date;
use domain::report::csv;
use domain::report::table::{Table, Value};
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
        return Redirect::to(&format!("/inloggen?next={}", encode(&next))).into_response();
    };
    match build(&state, &user, &file, &query).await {
        Ok(resp) => resp,
        Err(e) => error(e, &headers),
    }
}

async fn build(
    state: &AppState,
    user: &CurrentUser,
    file: &str,
    query: &HashMap<String, String>,
) -> Result<Response, AppError> {
    use app::auth::Role;
    if !user.has_any(&[Role::Hr, Role::Manager, Role::Admin]) {
        return Err(AppError::Forbidden);
    }
    let scope = Scope::for_user(user)?;
    let (name, format) = match file.rsplit_once('.') {
        Some((name, "csv")) => (name, Format::Csv),
        Some((name, "xlsx")) => (name, Format::Xlsx),
        _ => return Err(AppError::NotFound(Missing::File)),
    };
    let filters = ReportFilters::from_query(|k| query.get(k).cloned());
    let tables = tables(state, &scope, name, &filters).await?;
    app::pages::reports::audit_view(state, user.id, "report_export", file, &filters).await?;
    let today = today().ok_or_else(|| AppError::internal("export", "clock out of range"))?;
    let title = tables.first().map(|t| t.title.as_str()).unwrap_or(name);
    let (body, content_type, ext) = match format {
        Format::Csv => {
            // One file holds one table; a person's history puts the records
            // table after the courses, separated by an empty line.
            let mut out = Vec::new();
            for (i, t) in tables.iter().enumerate() {
                let bytes = csv::to_csv(t);
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

fn today() -> Option<Date> {
    use chrono::Datelike;
    let t = app::ssr::status::today();
    Date::new(t.year(), t.month(), t.day())
}

/// "dd-mm-yyyy" (how the report views show dates) back into a date cell.
fn nl_date(text: Option<&str>) -> Value {
    let Some(t) = text else { return Value::Empty };
    let mut p = t.split('-');
    match (p.next(), p.next(), p.next()) {
        (Some(d), Some(m), Some(y)) => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).map_or(Value::Empty, Value::Date),
            _ => Value::text(t),
        },
        _ => Value::text(t),
    }
}

fn opt_text(s: Option<String>) -> Value {
    s.map_or(Value::Empty, Value::Text)
}

fn percent(c: &CellView) -> Value {
    if c.population > 0 {
        Value::Percent(c.completed as f64 * 100.0 / c.population as f64)
    } else {
        Value::Empty
    }
}

async fn tables(
    state: &AppState,
    scope: &Scope,
    name: &str,
    filters: &ReportFilters,
) -> Result<Vec<Table>, AppError> {
    if name == "overzicht" {
        let m = reports::matrix(state, scope, filters).await?;
        let mut table = Table {
            title: match &m.focus {
                Some(f) => format!("Overzicht {}", f.name),
                None => "Overzicht".into(),
            },
            columns: [
                "Afdeling",
                "Cursus",
                "Medewerkers",
                "Afgerond",
                "Verloopt binnenkort",
                "Verlopen",
                "Bezig",
                "Niet begonnen",
                "Verplicht",
                "Te laat",
                "% afgerond",
            ]
            .map(String::from)
            .to_vec(),
            rows: vec![],
        };
        for row in std::iter::once(&m.summary).chain(m.rows.iter()) {
            for (course, c) in m.courses.iter().zip(&row.cells) {
                table.rows.push(vec![
                    Value::text(row.name.clone()),
                    Value::text(course.title.clone()),
                    Value::Int(c.population),
                    Value::Int(c.completed),
                    Value::Int(c.expiring),
                    Value::Int(c.expired),
                    Value::Int(c.in_progress),
                    Value::Int(c.not_started),
                    Value::Int(c.required),
                    Value::Int(c.overdue),
                    percent(c),
                ]);
            }
        }
        return Ok(vec![table]);
    }
    if name == "te-laat" {
        let v = reports::overdue(state, scope, filters, Rows::All).await?;
        return Ok(vec![Table {
            title: "Te laat".into(),
            columns: [
                "Naam",
                "Personeelsnummer",
                "Afdeling",
                "Cursus",
                "Uiterlijk",
                "Dagen te laat",
            ]
            .map(String::from)
            .to_vec(),
            rows: v
                .rows
                .into_iter()
                .map(|r| {
                    vec![
                        Value::Text(r.name),
                        opt_text(r.employee_number),
                        Value::Text(r.department),
                        Value::Text(r.course),
                        nl_date(Some(&r.due)),
                        Value::Int(r.days_late),
                    ]
                })
                .collect(),
        }]);
    }
    if name == "certificaten" {
        let v = reports::records(state, scope, filters, Rows::All).await?;
        return Ok(vec![Table {
            title: "Bewijzen van deelname".into(),
            columns: [
                "Naam",
                "Cursus",
                "Versie",
                "Afgerond op",
                "Afdeling toen",
                "Score",
                "Geldig tot",
                "Verificatiecode",
            ]
            .map(String::from)
            .to_vec(),
            rows: v
                .rows
                .into_iter()
                .map(|r| {
                    vec![
                        Value::Text(r.name),
                        Value::Text(r.course),
                        Value::Text(r.version),
                        nl_date(Some(&r.completed_on)),
                        opt_text(r.department),
                        Value::Percent(r.score),
                        nl_date(r.valid_until.as_deref()),
                        Value::Text(r.code),
                    ]
                })
                .collect(),
        }]);
    }
    if let Some(id) = name.strip_prefix("afdeling-").and_then(|i| i.parse().ok()) {
        let v = reports::people(state, scope, id, filters, Rows::All).await?;
        let mut columns: Vec<String> = ["Naam", "Personeelsnummer", "Afdeling"]
            .map(String::from)
            .to_vec();
        columns.extend(v.courses.iter().map(|c| c.title.clone()));
        return Ok(vec![Table {
            title: format!("Medewerkers {}", v.department.name),
            columns,
            rows: v
                .rows
                .into_iter()
                .map(|p| {
                    let mut row = vec![
                        Value::Text(p.name),
                        opt_text(p.employee_number),
                        Value::Text(p.department),
                    ];
                    row.extend(p.cells.into_iter().map(|c| {
                        let status = if c.status.is_empty() {
                            "Niet begonnen".to_string()
                        } else {
                            c.status
                        };
                        Value::Text(match (c.overdue, c.due) {
                            (true, Some(d)) => format!("{status} (te laat, uiterlijk {d})"),
                            (false, Some(d)) => format!("{status} (uiterlijk {d})"),
                            _ => status,
                        })
                    }));
                    row
                })
                .collect(),
        }]);
    }
    if let Some(id) = name.strip_prefix("persoon-").and_then(|i| i.parse().ok()) {
        let v = reports::person(state, scope, id).await?;
        let courses = Table {
            title: format!("Cursussen {}", v.name),
            columns: [
                "Cursus",
                "Stand",
                "Te laat",
                "Afgerond op",
                "Geldig tot",
                "Uiterlijk",
            ]
            .map(String::from)
            .to_vec(),
            rows: v
                .courses
                .into_iter()
                .map(|c| {
                    vec![
                        Value::Text(c.title),
                        Value::Text(c.status),
                        Value::text(if c.overdue { "ja" } else { "nee" }),
                        nl_date(c.completed_on.as_deref()),
                        nl_date(c.valid_until.as_deref()),
                        nl_date(c.due.as_deref()),
                    ]
                })
                .collect(),
        };
        let records = Table {
            title: format!("Bewijzen {}", v.name),
            columns: [
                "Cursus",
                "Versie",
                "Afgerond op",
                "Afdeling toen",
                "Score",
                "Geldig tot",
                "Verificatiecode",
            ]
            .map(String::from)
            .to_vec(),
            rows: v
                .records
                .into_iter()
                .map(|r| {
                    vec![
                        Value::Text(r.course_title),
                        Value::Text(r.version),
                        nl_date(Some(&r.completed_on)),
                        opt_text(r.department),
                        Value::Percent(r.score),
                        nl_date(r.valid_until.as_deref()),
                        Value::Text(r.code),
                    ]
                })
                .collect(),
        };
        return Ok(vec![courses, records]);
    }
    Err(AppError::NotFound(Missing::Report))
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
