//! The department server functions (role `admin`): who asks, one query,
//! and back to the page with a short `?klaar=` message.

use super::types::DepartmentsView;
#[cfg(feature = "ssr")]
use super::PATH;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::queries;

#[server(endpoint = "departments_overview")]
pub async fn departments_overview() -> Result<DepartmentsView, AppError> {
    use crate::ssr::{session, AppState};
    session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    Ok(DepartmentsView {
        rows: queries::overview(&state.db).await?,
    })
}

/// A select value: empty means "none", otherwise a department id. For the
/// server functions (the refusal is in the requester's language).
#[cfg(feature = "ssr")]
pub fn parse_department(value: Option<&str>) -> Result<Option<i32>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::Invalid(server_text!(departments.choose_from_list))),
    }
}

#[server(endpoint = "department_create")]
pub async fn create_department(
    name: String,
    #[server(default)] code: Option<String>,
    #[server(default)] parent: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    let dept = queries::create(
        &state.writer,
        admin.id,
        queries::DeptInput {
            name,
            code,
            parent_id: parse_department(parent.as_deref())?,
        },
    )
    .await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=toegevoegd#afdeling-{}", dept.id));
    Ok(())
}

#[server(endpoint = "department_update")]
pub async fn update_department(
    id: i32,
    name: String,
    #[server(default)] code: Option<String>,
    #[server(default)] parent: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    queries::update(
        &state.writer,
        admin.id,
        id,
        queries::DeptInput {
            name,
            code,
            parent_id: parse_department(parent.as_deref())?,
        },
    )
    .await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=gewijzigd#afdeling-{id}"));
    Ok(())
}

#[server(endpoint = "department_delete")]
pub async fn delete_department(id: i32) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    queries::delete(&state.writer, admin.id, id).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verwijderd"));
    Ok(())
}

#[server(endpoint = "department_move_user")]
pub async fn move_user(
    person: String,
    #[server(default)] department: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    let target = parse_department(department.as_deref())?;
    queries::move_user(&state.writer, &state.sessions, admin.id, &person, target).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verplaatst#verplaatsen"));
    Ok(())
}
