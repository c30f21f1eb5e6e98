//! The catalog's server function.

use super::types::CourseCard;
#[cfg(feature = "ssr")]
use super::types::Mandatory;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "catalog")]
pub async fn list_courses() -> Result<Vec<CourseCard>, AppError> {
    use crate::ssr::{report_summary, session};
    use std::collections::HashMap;
    let state = crate::ssr::AppState::from_context()?;
    let index = state.content.current();
    let mut mandatory: HashMap<String, Mandatory> = HashMap::new();
    if let Some(user) = session::current_user().await? {
        mandatory = report_summary::mandatory_for(&state.db, user.id).await?;
    }
    Ok(index
        .catalog
        .courses
        .iter()
        .map(|c| CourseCard {
            has_scan: c.scan.is_some(),
            mandatory: mandatory.remove(&c.id),
            id: c.id.clone(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            language: c.language.code().to_string(),
            duration_minutes: c.duration_minutes,
            modules: c.modules.len(),
        })
        .collect())
}
