//! Several nodes on one PostgreSQL database that agree, through PostgreSQL
//! itself (`LISTEN`/`NOTIFY` on channel [`CHANNEL`]):
//!
//! - `sessions`: sent by triggers (migration `m20261207_000009_cluster`)
//!   when a session is deleted or an account or its roles change, from any
//!   node or command. Every node empties its session cache
//!   ([`super::session::SessionCache`]) at once, so a sign-out, a role
//!   change or a deactivation counts everywhere within the time a
//!   notification takes (milliseconds).
//! - `content <node>`: a node reloaded the content (admin action, SIGHUP, a
//!   change on disk); every other node reloads its own copy of the same
//!   folder. A node whose reload fails keeps its last good content and
//!   shows the errors on its admin page.
//!
//! After the listening connection was lost and is back, a node empties its
//! cache (notifications may have been missed meanwhile). SQLite is one
//! process: nothing to agree on.

use super::AppState;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// The notification channel.
pub const CHANNEL: &str = "leerplatform";

/// A name for a new node: host, process and a random part (several nodes
/// may run in one process, as in the tests).
pub fn new_node_name() -> std::sync::Arc<str> {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "node".into());
    let random = super::session::new_token();
    format!("{host}-{}-{}", std::process::id(), &random[..8]).into()
}

/// Tell the other nodes that `node` reloaded the content.
pub async fn announce_content_reload(db: &impl ConnectionTrait, node: &str) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), format!("content {node}").into()],
    ))
    .await?;
    Ok(())
}

/// Listen for the other nodes (PostgreSQL only), for as long as the
/// process runs; reconnects after a lost connection.
pub fn spawn_listener(state: AppState) {
    if state.db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    // Until this node hears the others, it caches no sessions.
    state.sessions.set_trusted(false);
    tokio::spawn(async move {
        let pool = state.db.get_postgres_connection_pool().clone();
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    match listener.listen(CHANNEL).await {
                        Ok(()) => {
                            // Anything missed while not listening counts as a change.
                            state.sessions.set_trusted(true);
                            tracing::info!(channel = CHANNEL, "listening to the other nodes");
                            loop {
                                match listener.try_recv().await {
                                    Ok(Some(n)) => handle(&state, n.payload()).await,
                                    Ok(None) => {
                                        // sqlx listens again on the next call;
                                        // notifications in between are lost.
                                        tracing::warn!("lost the connection to the other nodes; listening again");
                                        state.sessions.forget_all();
                                    }
                                    Err(e) => {
                                        tracing::error!(error = %e, "listening to the other nodes failed");
                                        break;
                                    }
                                }
                            }
                        }
                        Err(e) => tracing::error!(error = %e, "cannot LISTEN for the other nodes"),
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot connect to listen for the other nodes")
                }
            }
            // The cache cannot be trusted while nobody listens.
            state.sessions.set_trusted(false);
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
}

async fn handle(state: &AppState, payload: &str) {
    match payload.split_once(' ') {
        None if payload == "sessions" => state.sessions.forget_all(),
        Some(("content", from)) if from != &*state.node => {
            tracing::info!(from, "another node reloaded the content: reloading");
            super::content_store::reload_here(state).await;
        }
        Some(("content", _)) => {}
        _ => tracing::warn!(payload, "unknown notification from another node"),
    }
}
