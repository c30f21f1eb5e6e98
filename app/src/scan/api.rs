//! The scan's server functions: the page and saving (learners), the
//! figures (HR and admins).

use super::types::{ScanReport, ScanView};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The course and its scan, or 404 when the course has none.
#[cfg(feature = "ssr")]
fn scan_of<'c>(
    index: &'c crate::ssr::content_store::ContentIndex,
    course_id: &str,
) -> Result<(&'c domain::model::Course, &'c domain::model::Scan), AppError> {
    let course = crate::item_stats::api::course_of(index, course_id)?;
    let scan = course
        .scan
        .as_ref()
        .ok_or(AppError::NotFound(crate::error::Missing::Scan))?;
    Ok((course, scan))
}

/// The scan page of a course, with the signed-in learner's last result.
#[server(endpoint = "scan_page")]
pub async fn scan_page(course_id: String) -> Result<ScanView, AppError> {
    let ctx = crate::learning::build::Ctx::new().await?;
    let (course, scan) = scan_of(&ctx.index, &course_id)?;
    super::queries::page(&ctx.db, &ctx.index.catalog, ctx.user.id, course, scan).await
}

/// Save the signed-in learner's answers (`f[<question>]` = option,
/// `f[<question>.<option>]` for checkboxes) and show the advice.
#[server(endpoint = "scan")]
pub async fn save_scan(
    course_id: String,
    #[server(default)] f: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::learning::build::Ctx::new().await?;
    let (course, scan) = scan_of(&ctx.index, &course_id)?;
    super::queries::save(&ctx.writer, ctx.user.id, course, scan, &f).await?;
    leptos_axum::redirect(&format!("{}#{}", super::href(&course_id), super::ANCHOR));
    Ok(())
}

/// Every scan's figures per department, for HR and admins.
#[server(endpoint = "scan_figures")]
pub async fn scan_figures() -> Result<ScanReport, AppError> {
    use crate::auth::Role;
    crate::ssr::session::require_role(&[Role::Hr, Role::Admin]).await?;
    let state = crate::ssr::AppState::from_context()?;
    super::queries::report(&state.db, &state.content.current().catalog).await
}
