//! Liveness and readiness for load balancers and orchestrators.

use app::ssr::AppState;
use axum::{extract::State, http::StatusCode};
use sea_orm::ConnectionTrait;

/// The process is up.
pub async fn alive() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::error!(error = %err, "readiness check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
