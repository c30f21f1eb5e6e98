//! The application state shared by every request: one database pool, the
//! content index and the Leptos options.

use super::content_store::ContentStore;
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The pool for reads.
    pub db: DatabaseConnection,
    /// The pool write transactions use. On SQLite it is one connection, so
    /// concurrent writers queue in the application (fair, async) instead of
    /// sleeping in SQLite's busy handler; on PostgreSQL it is `db` itself.
    #[from_ref(skip)]
    pub writer: DatabaseConnection,
    pub content: ContentStore,
    /// Mark cookies `Secure`: the platform is served over TLS (directly or
    /// behind a proxy).
    pub secure_cookies: bool,
    /// The key that names question options on pages (`domain::option_tokens`),
    /// made once per installation and kept in the database.
    #[from_ref(skip)]
    pub option_key: std::sync::Arc<domain::option_tokens::OptionKey>,
}

impl AppState {
    /// The state inside a server function or component rendered on the server.
    pub fn from_context() -> Result<AppState, crate::error::AppError> {
        use_context::<AppState>().ok_or_else(|| {
            crate::error::AppError::internal("state", "AppState missing from context")
        })
    }
}
