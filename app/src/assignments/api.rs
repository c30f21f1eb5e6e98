//! The mandatory-training server functions (roles in [`super::ROLES`]).

use super::types::AssignmentsView;
#[cfg(feature = "ssr")]
use super::{types::CourseOption, PATH, ROLES};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "assignments_overview")]
pub async fn assignments_overview() -> Result<AssignmentsView, AppError> {
    use super::queries as assignments;
    use crate::departments::queries as departments;
    use crate::ssr::{session, AppState};
    session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let mut courses: Vec<CourseOption> = index
        .catalog
        .courses
        .iter()
        .map(|c| CourseOption {
            id: c.id.clone(),
            title: c.title.clone(),
        })
        .collect();
    courses.sort_by_key(|c| c.title.to_lowercase());
    Ok(AssignmentsView {
        courses,
        departments: departments::options(&state.db).await?,
        assignments: assignments::list(&state.db).await?,
        today: crate::ssr::sql::today()
            .ok_or_else(|| AppError::internal("assignments", "clock out of range"))?,
    })
}

#[server(endpoint = "assignment_create")]
pub async fn create_assignment(
    course: String,
    #[server(default)] target: Option<String>,
    #[server(default)] department: Option<String>,
    #[server(default)] include_sub: Option<String>,
    #[server(default)] person: Option<String>,
    due: String,
) -> Result<(), AppError> {
    use super::queries::{self as assignments, Target};
    use crate::ssr::{session, AppState};
    let user = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let person = person
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    let department = crate::departments::api::parse_department(department.as_deref())?;
    let target = match (target.as_deref(), person, department) {
        (Some("persoon"), Some(p), _) | (None, Some(p), None) => Target::Person(p),
        (Some("persoon"), None, _) => {
            return Err(AppError::Invalid(server_text!(
                assignments.err_person_missing
            )))
        }
        (Some("afdeling") | None, _, Some(id)) => Target::Department {
            id,
            include_subdepartments: include_sub.is_some(),
        },
        _ => return Err(AppError::Invalid(server_text!(assignments.err_no_target))),
    };
    let due_on = assignments::parse_due(&due)?;
    assignments::create(&state.writer, user.id, course.trim(), target, due_on).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=toegevoegd#lijst"));
    Ok(())
}

#[server(endpoint = "assignment_delete")]
pub async fn delete_assignment(id: i32) -> Result<(), AppError> {
    use super::queries as assignments;
    use crate::ssr::{session, AppState};
    let user = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    assignments::delete(&state.writer, user.id, id).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verwijderd#lijst"));
    Ok(())
}
