//! The reports' server functions: who asks ([`super::ROLES`]), one query,
//! and for the matrix and the records the chart, labelled in the
//! requester's language. Reports with personal data are audited.

use super::types::{MatrixPage, OverdueView, PeopleView, PersonView, RecordsPage, ReportFilters};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::queries::{self, Rows, Scope},
    super::words,
    crate::auth::CurrentUser,
    crate::ssr::AppState,
};

/// The person asking, what they may see, and the state.
#[cfg(feature = "ssr")]
async fn report_scope() -> Result<(CurrentUser, Scope, AppState), AppError> {
    let user = crate::ssr::session::require_role(super::ROLES).await?;
    let state = AppState::from_context()?;
    let scope = Scope::for_user(&user)?;
    Ok((user, scope, state))
}

/// Write "who looked at which personal data" to the audit log: `action` is
/// `report_view` (a page) or `report_export` (a download).
#[cfg(feature = "ssr")]
pub async fn audit_view(
    state: &AppState,
    user_id: i32,
    action: &str,
    report: &str,
    filters: &ReportFilters,
) -> Result<(), AppError> {
    crate::ssr::audit::record(
        &state.writer,
        Some(user_id),
        action,
        report,
        serde_json::to_value(filters).unwrap_or_default(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "report_matrix")]
pub async fn report_matrix(
    #[server(default)] filters: ReportFilters,
) -> Result<MatrixPage, AppError> {
    let (_, scope, state) = report_scope().await?;
    let catalog = &state.content.current().catalog;
    let matrix = queries::matrix(&state.db, &state.writer, catalog, &scope, &filters).await?;
    let locale = crate::ssr::locale();
    let bars: Vec<(String, f64)> = matrix
        .rows
        .iter()
        .map(|r| {
            let share = r.total.percent().map_or(0.0, |p| p as f64);
            (words::unit_name(locale, &r.unit), share)
        })
        .collect();
    let chart_svg = domain::report::chart::bar_chart(
        "afgerond-per-afdeling",
        &server_text!(reports.chart_by_department),
        &bars,
    );
    Ok(MatrixPage {
        matrix,
        all_courses: queries::courses_for_filter(catalog),
        chart_svg,
    })
}

#[server(endpoint = "report_people")]
pub async fn report_people(
    department: i32,
    #[server(default)] filters: ReportFilters,
) -> Result<PeopleView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let catalog = &state.content.current().catalog;
    let view =
        queries::people(&state.db, catalog, &scope, department, &filters, Rows::Page).await?;
    let report = format!("afdeling:{department}");
    audit_view(&state, user.id, "report_view", &report, &filters).await?;
    Ok(view)
}

#[server(endpoint = "report_person")]
pub async fn report_person(person: i32) -> Result<PersonView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let catalog = &state.content.current().catalog;
    let view = queries::person(&state.db, catalog, &scope, person).await?;
    let report = format!("persoon:{person}");
    audit_view(
        &state,
        user.id,
        "report_view",
        &report,
        &ReportFilters::default(),
    )
    .await?;
    Ok(view)
}

#[server(endpoint = "report_overdue")]
pub async fn report_overdue(
    #[server(default)] filters: ReportFilters,
) -> Result<OverdueView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let catalog = &state.content.current().catalog;
    let view = queries::overdue(
        &state.db,
        &state.writer,
        catalog,
        &scope,
        &filters,
        Rows::Page,
    )
    .await?;
    audit_view(&state, user.id, "report_view", "te-laat", &filters).await?;
    Ok(view)
}

#[server(endpoint = "report_records")]
pub async fn report_records(
    #[server(default)] filters: ReportFilters,
) -> Result<RecordsPage, AppError> {
    let (user, scope, state) = report_scope().await?;
    let catalog = &state.content.current().catalog;
    let records = queries::records(&state.db, catalog, &scope, &filters, Rows::Page).await?;
    audit_view(&state, user.id, "report_view", "certificaten", &filters).await?;
    let locale = crate::ssr::locale();
    let columns: Vec<(String, i64)> = records
        .per_month
        .iter()
        .map(|&(m, n)| (words::month(locale, m), n))
        .collect();
    let chart_svg = domain::report::chart::column_chart(
        "afgerond-per-maand",
        &server_text!(reports.chart_per_month),
        &columns,
    );
    Ok(RecordsPage { records, chart_svg })
}
