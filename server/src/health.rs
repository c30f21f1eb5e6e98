//! Liveness and readiness for load balancers and orchestrators.

use app::ssr::AppState;
use axum::{extract::State, http::StatusCode};
use sea_orm::ConnectionTrait;

/// The process is up.
pub async fn alive() -> &'static str {
    "ok"
}

/// The process can serve: the database answers. The body says more, line
/// by line, for the person on call: the database, the content this node
/// serves, and whether its last reload failed (it then keeps serving the
/// last good content, and the admin page lists the errors).
pub async fn ready(State(state): State<AppState>) -> (StatusCode, String) {
    let content = state.content.current();
    let errors = state.content.last_errors();
    let mut detail = format!(
        "content: {} courses, loaded {}\n",
        content.catalog.courses.len(),
        content.loaded_at.format("%Y-%m-%dT%H:%M:%SZ")
    );
    if !errors.is_empty() {
        let n = errors.len();
        let errors = if n == 1 {
            "1 error".to_string()
        } else {
            format!("{n} errors")
        };
        detail.push_str(&format!(
            "content reload: failed with {errors}; serving the last good content (see /beheer)\n"
        ));
    }
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, format!("ready\ndatabase: ok\n{detail}")),
        Err(err) => {
            tracing::error!(error = %err, "readiness check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("database unreachable\n{detail}"),
            )
        }
    }
}
