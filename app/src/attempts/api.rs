//! The extra-attempts server functions (roles in [`super::ROLES`]).

use super::types::StuckRow;
#[cfg(feature = "ssr")]
use super::{PATH, ROLES};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "attempts_stuck")]
pub async fn stuck_overview() -> Result<Vec<StuckRow>, AppError> {
    use crate::ssr::{session, AppState};
    session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    super::queries::stuck(&state.db, &state.content.current().catalog).await
}

#[server(endpoint = "attempt_grant")]
pub async fn grant_extra_attempt(
    user: i32,
    course: String,
    module: String,
) -> Result<(), AppError> {
    use crate::learning::queries as learning;
    use crate::ssr::{session, AppState};
    let grader = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course)
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    let exam = course
        .module(&module)
        .ok_or(AppError::NotFound(crate::error::Missing::Exam))?;
    learning::grant_attempt(&state.writer, grader.id, user, course, exam).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=gegeven"));
    Ok(())
}
