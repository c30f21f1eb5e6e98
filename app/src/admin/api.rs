//! The administration server functions (role `admin`).

use super::types::AdminView;
#[cfg(feature = "ssr")]
use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin_overview")]
pub async fn admin_overview(
    #[server(default)] search: String,
    #[server(default)] page: u32,
) -> Result<AdminView, AppError> {
    use crate::ssr::{session, AppState};
    session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let locale = crate::ssr::locale();
    let accounts = super::queries::accounts(&state.db, &search, page).await?;
    let departments = super::queries::department_options(&state.db).await?;
    Ok(AdminView {
        content_loaded_at: index.loaded_at.format("%d-%m-%Y %H:%M:%S UTC").to_string(),
        courses: index.catalog.courses.len(),
        modules: index.catalog.module_count(),
        warnings: index.warnings.iter().map(|d| worded(locale, d)).collect(),
        reload_errors: state
            .content
            .last_errors()
            .iter()
            .map(|d| worded(locale, d))
            .collect(),
        accounts,
        departments,
    })
}

/// A checker's diagnostic in `locale`, for the page.
#[cfg(feature = "ssr")]
pub(crate) fn worded(
    locale: crate::i18n::Locale,
    d: &domain::diagnostics::Diagnostic,
) -> super::types::ContentProblem {
    use crate::content_words;
    super::types::ContentProblem {
        place: format!("{}:{}:{}", d.path.display(), d.line, d.column),
        severity: content_words::severity(locale, d.severity).to_string(),
        message: content_words::message(locale, &d.problem),
        hint: content_words::hint(locale, &d.problem)
            .map(|h| format!("{}: {h}", content_words::hint_label(locale))),
    }
}

#[server(endpoint = "admin_reload")]
pub async fn reload_content() -> Result<(), AppError> {
    use crate::ssr::{audit, content_store, session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let outcome = content_store::reload_and_sync(&state).await;
    let ok = matches!(outcome, content_store::ReloadOutcome::Swapped { .. });
    audit::record(
        &state.writer,
        Some(user.id),
        "content_reload",
        "content",
        serde_json::json!({ "ok": ok }),
    )
    .await?;
    leptos_axum::redirect("/beheer");
    Ok(())
}

#[server(endpoint = "admin_create_user")]
pub async fn create_account(
    email: String,
    name: String,
    password: String,
    #[server(default)] department: Option<String>,
    #[server(default)] roles: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::accounts::{self, AccountError, NewUser};
    use crate::ssr::{audit, session, AppState};
    let admin = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let roles: Vec<Role> = roles.values().filter_map(|r| r.parse().ok()).collect();
    let department_id = department
        .as_deref()
        .filter(|d| !d.is_empty())
        .and_then(|d| d.parse().ok());
    let user = accounts::create_user(
        &state.writer,
        NewUser {
            email: &email,
            display_name: &name,
            password: &password,
            department_id,
            roles: &roles,
        },
    )
    .await
    .map_err(|e| match e {
        AccountError::InvalidEmail(x) => {
            AppError::Invalid(server_text!(admin.invalid_email, email = x))
        }
        AccountError::PasswordTooShort { min } => {
            AppError::Invalid(server_text!(admin.password_too_short, min))
        }
        AccountError::PasswordTooEasy => AppError::Invalid(server_text!(admin.password_too_easy)),
        AccountError::EmptyName => AppError::Invalid(server_text!(admin.empty_name)),
        AccountError::EmailTaken(x) => {
            AppError::Conflict(server_text!(admin.email_taken, email = x))
        }
        AccountError::Hash(e) => AppError::internal("password hash", e),
        AccountError::Db(e) => e.into(),
    })?;
    audit::record(
        &state.writer,
        Some(admin.id),
        "create_user",
        &format!("user:{}", user.id),
        serde_json::json!({}),
    )
    .await?;
    leptos_axum::redirect("/beheer#accounts");
    Ok(())
}
