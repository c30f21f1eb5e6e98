//! The server functions of the privacy pages: who asks, one call into
//! [`super::queries`], the error in the requester's language.

use super::types::{MyData, PersonPrivacy};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person's own data, for the readable page.
#[server(endpoint = "my_data")]
pub async fn load_my_data() -> Result<MyData, AppError> {
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    super::queries::my_data(
        &state.db,
        user.id,
        chrono::Utc::now(),
        &state.content.current().catalog,
    )
    .await?
    .ok_or(AppError::Unauthorized)
}

/// A person, as an admin sees them before anonymising or deleting.
#[server(endpoint = "person_privacy")]
pub async fn load_person_privacy(person: i32) -> Result<PersonPrivacy, AppError> {
    use crate::auth::Role;
    use crate::ssr::{session, AppState};
    let admin = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    super::queries::person_privacy(&state.db, person, admin.id)
        .await?
        .ok_or(AppError::NotFound(crate::error::Missing::Employee))
}

/// The checks both actions share: an admin, not acting on themself, who
/// ticked the confirmation.
#[cfg(feature = "ssr")]
async fn admin_acting_on(person: i32, confirmed: Option<&str>) -> Result<i32, AppError> {
    use crate::auth::Role;
    use crate::ssr::session;
    let admin = session::require_role(&[Role::Admin]).await?;
    if person == admin.id {
        return Err(AppError::Conflict(server_text!(privacy.not_yourself)));
    }
    if confirmed != Some("ja") {
        return Err(AppError::Invalid(server_text!(privacy.confirm_first)));
    }
    Ok(admin.id)
}

/// Anonymise a person (admins; never themself; confirmed with a tick).
#[server(endpoint = "person_anonymise")]
pub async fn anonymise_person(
    person: i32,
    #[server(default)] confirmed: Option<String>,
) -> Result<(), AppError> {
    use super::queries::{self, Actor, Outcome};
    use crate::ssr::AppState;
    let admin = admin_acting_on(person, confirmed.as_deref()).await?;
    let state = AppState::from_context()?;
    match queries::anonymise(&state.writer, &state.sessions, person, Actor::Admin(admin)).await? {
        Outcome::Done | Outcome::AlreadyDone => {}
        Outcome::NotFound => return Err(AppError::NotFound(crate::error::Missing::Employee)),
    }
    leptos_axum::redirect(&format!(
        "{}?klaar=geanonimiseerd",
        super::person_path(person)
    ));
    Ok(())
}

/// Delete a person and everything of theirs (admins; never themself;
/// confirmed with a tick).
#[server(endpoint = "person_delete")]
pub async fn delete_person(
    person: i32,
    #[server(default)] confirmed: Option<String>,
) -> Result<(), AppError> {
    use super::queries::{self, Actor, Outcome};
    use crate::ssr::AppState;
    let admin = admin_acting_on(person, confirmed.as_deref()).await?;
    let state = AppState::from_context()?;
    match queries::delete(&state.writer, &state.sessions, person, Actor::Admin(admin)).await? {
        Outcome::Done | Outcome::AlreadyDone => {}
        Outcome::NotFound => return Err(AppError::NotFound(crate::error::Missing::Employee)),
    }
    leptos_axum::redirect(&format!("{}?klaar=verwijderd", super::person_path(person)));
    Ok(())
}
