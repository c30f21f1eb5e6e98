//! The import's server functions (role `admin`). The upload itself is a
//! plain multipart route (`server::import_upload`).

use super::types::ImportState;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "import_overview")]
pub async fn import_overview(token: Option<String>) -> Result<ImportState, AppError> {
    use super::queries as import;
    use crate::auth::Role;
    use crate::ssr::{session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(ImportState::NoUpload);
    };
    let Some(pending) = import::get_pending(&state.db, &token, user.id).await? else {
        return Ok(ImportState::Expired);
    };
    let preview = import::preview(
        &state.db,
        pending.bytes.clone(),
        &pending.file_name,
        pending.deactivate_missing,
    )
    .await?;
    Ok(ImportState::Ready {
        token,
        preview: Box::new(preview),
    })
}

#[server(endpoint = "import_apply")]
pub async fn apply_import(token: String) -> Result<(), AppError> {
    use super::queries as import;
    use crate::auth::Role;
    use crate::ssr::{session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let summary =
        import::apply_pending(&state.db, &state.writer, &state.sessions, &token, user.id).await?;
    leptos_axum::redirect(&format!("/beheer/import?{}", summary.to_query()));
    Ok(())
}
