//! The reports as tables for the CSV and XLSX downloads
//! (`GET /rapportage/export/{report}.{csv|xlsx}`, served by
//! `server::exports`): `overzicht` (the matrix, one row per department ×
//! course), `te-laat`, `certificaten`, `afdeling-{id}` and `persoon-{id}`.
//! Each is made from the same query as its page, with every row instead of
//! one page, and headed in the requester's language. Numbers, percentages
//! and dates stay typed, so a spreadsheet can count with them.

use super::queries::{self, Rows, Scope};
use super::types::{CellView, RecordRow, ReportFilters};
use super::words;
use crate::error::{AppError, Missing};
use crate::i18n::{td_string, Locale};
use crate::ssr::AppState;
use domain::report::table::{Table, Value};

/// The tables of report `name` (one; a person's history has two).
pub async fn tables(
    state: &AppState,
    scope: &Scope,
    name: &str,
    filters: &ReportFilters,
    locale: Locale,
) -> Result<Vec<Table>, AppError> {
    let catalog = &state.content.current().catalog;
    let db = &state.db;
    let l = locale;
    let status = |s| words::status(l, Some(s)).to_string();
    if name == "overzicht" {
        let m = queries::matrix(db, &state.writer, catalog, scope, filters).await?;
        let mut table = Table {
            title: match &m.focus {
                Some(f) => td_string!(l, reports.export_overview_of, name = &f.name).to_string(),
                None => td_string!(l, reports.export_overview).to_string(),
            },
            columns: columns([
                td_string!(l, reports.department),
                td_string!(l, reports.course),
                td_string!(l, reports.employees),
                &status(domain::report::status::Status::Completed),
                &status(domain::report::status::Status::Expiring),
                &status(domain::report::status::Status::Expired),
                &status(domain::report::status::Status::InProgress),
                &status(domain::report::status::Status::NotStarted),
                td_string!(l, reports.col_required),
                td_string!(l, reports.overdue),
                td_string!(l, reports.col_percent),
            ]),
            rows: vec![],
        };
        for row in std::iter::once(&m.summary).chain(m.rows.iter()) {
            let unit = words::unit_name(l, &row.unit);
            for (course, c) in m.courses.iter().zip(&row.cells) {
                table.rows.push(vec![
                    Value::text(unit.clone()),
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
        let v = queries::overdue(db, &state.writer, catalog, scope, filters, Rows::All).await?;
        return Ok(vec![Table {
            title: td_string!(l, reports.overdue).to_string(),
            columns: columns([
                td_string!(l, reports.name),
                td_string!(l, reports.employee_number),
                td_string!(l, reports.department),
                td_string!(l, reports.course),
                td_string!(l, reports.due),
                td_string!(l, reports.days_late),
            ]),
            rows: v
                .rows
                .into_iter()
                .map(|r| {
                    vec![
                        Value::Text(r.name),
                        opt_text(r.employee_number),
                        Value::Text(r.department),
                        Value::Text(r.course),
                        Value::Date(r.due),
                        Value::Int(r.days_late),
                    ]
                })
                .collect(),
        }]);
    }
    if name == "certificaten" {
        let v = queries::records(db, catalog, scope, filters, Rows::All).await?;
        let title = td_string!(l, reports.records).to_string();
        return Ok(vec![records_table(l, title, v.rows, true)]);
    }
    if let Some(id) = name.strip_prefix("afdeling-").and_then(|i| i.parse().ok()) {
        let v = queries::people(db, catalog, scope, id, filters, Rows::All).await?;
        let mut columns = columns([
            td_string!(l, reports.name),
            td_string!(l, reports.employee_number),
            td_string!(l, reports.department),
        ]);
        columns.extend(v.courses.iter().map(|c| c.title.clone()));
        return Ok(vec![Table {
            title: td_string!(l, reports.export_people_of, name = &v.department.name).to_string(),
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
                        let status = words::status(l, c.status);
                        Value::Text(match (c.overdue, c.due.map(words::date)) {
                            (true, Some(date)) => {
                                td_string!(l, reports.export_cell_late_due, status, date)
                                    .to_string()
                            }
                            (false, Some(date)) => {
                                td_string!(l, reports.export_cell_due, status, date).to_string()
                            }
                            _ => status.to_string(),
                        })
                    }));
                    row
                })
                .collect(),
        }]);
    }
    if let Some(id) = name.strip_prefix("persoon-").and_then(|i| i.parse().ok()) {
        let v = queries::person(db, catalog, scope, id).await?;
        let courses = Table {
            title: td_string!(l, reports.export_courses_of, name = &v.name).to_string(),
            columns: columns([
                td_string!(l, reports.course),
                td_string!(l, reports.col_progress),
                td_string!(l, reports.overdue),
                td_string!(l, reports.completed_on),
                td_string!(l, reports.valid_until),
                td_string!(l, reports.due),
            ]),
            rows: v
                .courses
                .into_iter()
                .map(|c| {
                    let late = if c.overdue {
                        td_string!(l, reports.yes)
                    } else {
                        td_string!(l, reports.no)
                    };
                    vec![
                        Value::Text(c.title),
                        Value::text(status(c.status)),
                        Value::text(late),
                        c.completed_on.into(),
                        c.valid_until.into(),
                        c.due.into(),
                    ]
                })
                .collect(),
        };
        let title = td_string!(l, reports.export_records_of, name = &v.name).to_string();
        let records = records_table(l, title, v.records, false);
        return Ok(vec![courses, records]);
    }
    Err(AppError::NotFound(Missing::Report))
}

/// Completion records as a table: the records report (`with_name`) and
/// the second table of a person's history.
fn records_table(l: Locale, title: String, rows: Vec<RecordRow>, with_name: bool) -> Table {
    let mut columns = if with_name {
        vec![td_string!(l, reports.name).to_string()]
    } else {
        Vec::new()
    };
    columns.extend(self::columns([
        td_string!(l, reports.course),
        td_string!(l, reports.export_version),
        td_string!(l, reports.completed_on),
        td_string!(l, reports.department_then),
        td_string!(l, reports.score),
        td_string!(l, reports.valid_until),
        td_string!(l, reports.code),
    ]));
    let rows = rows
        .into_iter()
        .map(|r| {
            let mut row = if with_name {
                vec![Value::Text(r.name)]
            } else {
                Vec::new()
            };
            row.extend([
                Value::Text(r.course),
                Value::Text(r.version),
                Value::Date(r.completed_on),
                opt_text(r.department),
                Value::Percent(r.score),
                r.valid_until.into(),
                Value::Text(r.code),
            ]);
            row
        })
        .collect();
    Table {
        title,
        columns,
        rows,
    }
}

fn columns<const N: usize>(names: [&str; N]) -> Vec<String> {
    names.map(String::from).to_vec()
}

fn opt_text(s: Option<String>) -> Value {
    s.map_or(Value::Empty, Value::Text)
}

fn percent(c: &CellView) -> Value {
    c.share().map_or(Value::Empty, Value::Percent)
}
