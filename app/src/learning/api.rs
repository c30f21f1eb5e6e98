//! The learning server functions: a course, a module, answering,
//! reading, reflecting, exams and their results, starting a course again.
//! Each checks who asks, finds the course and module, calls one query (or
//! builds the page's data with [`super::build`]) and sends the browser
//! back to where it was.

use super::types::{AttemptResultView, CourseView, ModuleView};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use super::build as server;

#[server(endpoint = "course_page")]
pub async fn course_page(course_id: String) -> Result<CourseView, AppError> {
    use crate::ssr::{session, AppState};
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course_id)
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    let user = session::current_user().await?;
    server::course_view(&state.db, course, user.as_ref()).await
}

/// Start the course over to renew an expiring or expired record.
#[server(endpoint = "course_renew")]
pub async fn renew_course(course_id: String) -> Result<(), AppError> {
    use super::queries as learning;
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course_id)
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    learning::renew_course(&state.writer, course, (&user).into()).await?;
    leptos_axum::redirect(&format!("/cursussen/{course_id}?klaar=opnieuw"));
    Ok(())
}

#[server(endpoint = "module_page")]
pub async fn module_page(course_id: String, module_id: String) -> Result<ModuleView, AppError> {
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    server::build_view(&ctx, course, module).await
}

#[server(endpoint = "answer")]
pub async fn answer_question(
    course_id: String,
    module_id: String,
    question_id: String,
    #[server(default)] f: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use super::queries as learning;
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    let question = module
        .question(&question_id)
        .ok_or(AppError::NotFound(crate::error::Missing::Question))?;
    let names = domain::option_tokens::Namer::lesson(&ctx.option_key, ctx.user.id);
    let response = learning::response_from_fields(question, &f, &names)?
        .ok_or_else(|| AppError::Invalid(server_text!(errors.answer_missing)))?;
    learning::submit_answer(
        &ctx.writer,
        course,
        module,
        (&ctx.user).into(),
        &question_id,
        response,
    )
    .await?;
    server::back_to(
        &course_id,
        &module_id,
        Some(&format!("vraag-{question_id}")),
    );
    Ok(())
}

#[server(endpoint = "mark_read")]
pub async fn mark_module_read(course_id: String, module_id: String) -> Result<(), AppError> {
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    super::queries::mark_read(&ctx.writer, course, module, (&ctx.user).into()).await?;
    server::back_to(&course_id, &module_id, Some("afronden"));
    Ok(())
}

#[server(endpoint = "reflection")]
pub async fn save_reflection(
    course_id: String,
    module_id: String,
    reflection_id: String,
    body: String,
) -> Result<(), AppError> {
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    super::queries::save_reflection(
        &ctx.writer,
        course,
        module,
        (&ctx.user).into(),
        &reflection_id,
        &body,
    )
    .await?;
    server::back_to(
        &course_id,
        &module_id,
        Some(&format!("reflectie-{reflection_id}")),
    );
    Ok(())
}

#[server(endpoint = "exam_start")]
pub async fn start_exam(course_id: String, module_id: String) -> Result<(), AppError> {
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    super::queries::start_attempt(&ctx.writer, course, module, (&ctx.user).into()).await?;
    server::back_to(&course_id, &module_id, Some("toets"));
    Ok(())
}

#[server(endpoint = "exam_submit")]
pub async fn submit_exam(
    course_id: String,
    module_id: String,
    attempt: i32,
    #[server(default)] f: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use super::queries as learning;
    let ctx = server::Ctx::new().await?;
    let (course, module) = ctx.find(&course_id, &module_id)?;
    learning::submit_attempt(
        &ctx.writer,
        course,
        module,
        (&ctx.user).into(),
        attempt,
        &f,
        &ctx.option_key,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/cursussen/{course_id}/{module_id}/poging/{attempt}"
    ));
    Ok(())
}

#[server(endpoint = "attempt_result")]
pub async fn attempt_result(
    course_id: String,
    module_id: String,
    number: i32,
) -> Result<AttemptResultView, AppError> {
    let ctx = server::Ctx::new().await?;
    super::build::attempt_result(&ctx, &course_id, &module_id, number).await
}
