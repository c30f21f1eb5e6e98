//! The audit log's server function (role `admin`).

use super::types::AuditView;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "audit_log")]
pub async fn audit_log(action: Option<String>, page: Option<u32>) -> Result<AuditView, AppError> {
    use super::queries;
    use super::types::AuditRow;
    use crate::auth::Role;
    use crate::ssr::{session, AppState};
    session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let page = page.unwrap_or(1).max(1);
    let action = action.as_deref().filter(|a| !a.is_empty());
    let (entries, more) = queries::page(&state.db, action, page).await?;
    Ok(AuditView {
        rows: entries
            .into_iter()
            .map(|e| AuditRow {
                at: e.at.format("%d-%m-%Y %H:%M:%S UTC").to_string(),
                actor: e.actor,
                action: e.action,
                subject: e.subject,
                details: e.details,
            })
            .collect(),
        actions: queries::kinds(&state.db).await?,
        page,
        more,
    })
}
