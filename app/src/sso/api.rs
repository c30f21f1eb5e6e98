//! Server functions of sign-in through the organisation: what the sign-in
//! and signed-out pages offer, and the admins' switch for local passwords.

use super::types::{SignInChoices, SignedOutOffer};
#[cfg(feature = "ssr")]
use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;

/// How people can sign in here (anyone may ask: the sign-in page).
#[server(endpoint = "sign_in_options")]
pub async fn sign_in_options() -> Result<SignInChoices, AppError> {
    use crate::ssr::AppState;
    let state = AppState::from_context()?;
    let organisation = state.sso.as_ref().map(|s| s.config.organisation.clone());
    // Without the organisation's sign-in, passwords are the only way in.
    let passwords = organisation.is_none() || super::queries::passwords_allowed(&state.db).await?;
    Ok(SignInChoices {
        organisation,
        passwords,
    })
}

/// After signing out: offer to sign out at the provider too, when it
/// supports that.
#[server(endpoint = "signed_out")]
pub async fn signed_out() -> Result<SignedOutOffer, AppError> {
    use crate::ssr::AppState;
    let state = AppState::from_context()?;
    let provider_logout = match &state.sso {
        Some(sso) if sso.has_logout().await => Some(sso.config.organisation.clone()),
        _ => None,
    };
    Ok(SignedOutOffer { provider_logout })
}

/// Switch local passwords off (for everyone but admins, the break-glass
/// accounts) or back on. Only with the organisation's sign-in set up:
/// otherwise nobody but admins could sign in.
#[server(endpoint = "set_password_sign_in")]
pub async fn set_password_sign_in(allowed: bool) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    if !allowed && state.sso.is_none() {
        return Err(AppError::Invalid(server_text!(auth.setting_needs_provider)));
    }
    super::queries::set_passwords_allowed(&state.writer, allowed, user.id).await?;
    Ok(())
}
