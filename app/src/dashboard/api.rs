//! The learner's own page's server function.

use super::types::DashboardView;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "dashboard")]
pub async fn dashboard() -> Result<DashboardView, AppError> {
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    super::queries::dashboard(&state.db, &state.content.current().catalog, &user).await
}
