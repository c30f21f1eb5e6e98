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
    let ctx = crate::learning::build::Ctx::new().await?;
    let (course, module, back) = if module_id == super::WHOLE_COURSE {
        let course = crate::item_stats::api::course_of(&ctx.index, &course_id)?;
        (course, None, format!("/cursussen/{course_id}"))
    } else {
        let (course, module) = ctx.find(&course_id, &module_id)?;
        (
            course,
            Some(module),
            format!("/cursussen/{course_id}/{module_id}"),
        )
    };
    super::queries::save(&ctx.writer, ctx.user.id, course, module, &rating, &comment).await?;
    leptos_axum::redirect(&format!("{back}#{}", super::ANCHOR));
    Ok(())
}

/// A course's feedback, for the trainers' course page.
#[server(endpoint = "course_feedback")]
pub async fn feedback_for_course(
    course: String,
    #[server(default)] filters: ItemFilters,
) -> Result<CourseFeedback, AppError> {
    use crate::item_stats::api::{course_of, trainer};
    let (state, index) = trainer().await?;
    let course = course_of(&index, &course)?;
    let tree = crate::ssr::report_summary::department_tree(&state.db).await?;
    let filter = crate::item_stats::queries::Filter::of(&tree, course, &filters)?;
    Ok(super::queries::course_feedback(&state.db, course, &filter).await?)
}
