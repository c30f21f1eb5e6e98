//! The records' server functions: the public check, and the holder's
//! certificate.

use super::types::RecordView;
use crate::error::AppError;
use leptos::prelude::*;

/// Public: anyone with the code may check the record.
#[server(endpoint = "verify")]
pub async fn verify_record(code: String) -> Result<RecordView, AppError> {
    let state = crate::ssr::AppState::from_context()?;
    super::queries::record_view(&state.db, &code, false).await
}

/// The holder's own certificate (with score), or for HR/admin.
#[server(endpoint = "certificate")]
pub async fn certificate(code: String) -> Result<RecordView, AppError> {
    use super::queries as records;
    use crate::auth::Role;
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let (record, _) = records::find_by_code(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound(crate::error::Missing::Record))?;
    if record.user_id != user.id && !user.has_any(&[Role::Hr, Role::Admin]) {
        return Err(AppError::NotFound(crate::error::Missing::Record));
    }
    records::record_view(&state.db, &code, true).await
}
