//! The feedback server functions: a learner saves theirs; a trainer (or
//! admin) reads a course's.

use super::types::CourseFeedback;
use crate::error::AppError;
use crate::item_stats::types::ItemFilters;
use leptos::prelude::*;

/// Save the signed-in learner's feedback on a module (`module_id` empty:
/// the course as a whole), and go back to the form.
#[server(endpoint = "feedback")]
pub async fn save_feedback(
    course_id: String,
    #[server(default)] module_id: String,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::error::Missing;
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course_id)
        .ok_or(AppError::NotFound(Missing::Course))?;
    let module = if module_id == super::WHOLE_COURSE {
        None
    } else {
        Some(
            course
                .module(&module_id)
                .ok_or(AppError::NotFound(Missing::Module))?,
        )
    };
    super::queries::save(&state.writer, user.id, course, module, &rating, &comment).await?;
    let back = match module {
        Some(m) => format!("/cursussen/{course_id}/{}#{}", m.id, super::ANCHOR),
        None => format!("/cursussen/{course_id}#{}", super::ANCHOR),
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// A course's feedback, for the trainers' course page.
#[server(endpoint = "course_feedback")]
pub async fn feedback_for_course(
    course: String,
    #[server(default)] filters: ItemFilters,
) -> Result<CourseFeedback, AppError> {
    use crate::error::Missing;
    use crate::ssr::{session, AppState};
    session::require_role(crate::item_stats::ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course)
        .ok_or(AppError::NotFound(Missing::Course))?;
    let tree = crate::ssr::report_summary::department_tree(&state.db).await?;
    let filter = crate::item_stats::queries::Filter::of(&tree, course, &filters)?;
    Ok(super::queries::course_feedback(&state.db, course, &filter).await?)
}
