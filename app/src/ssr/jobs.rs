//! The server's own scheduled jobs, run once per cluster: every node looks
//! once a minute, and the node that takes a job's lease (a row in
//! `scheduled_jobs`) runs it; the next run is recorded with the lease given
//! back. A node that dies while holding a lease holds it until the lease
//! runs out, then another node takes over.

use super::sql::sql;
use super::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, FromQueryResult};
use std::future::Future;

/// How long a node may take for one run before another may take over.
const LEASE: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// Take `job`'s lease when its run is due and no other node holds it:
/// `true` when this node runs it now. A job seen for the first time is
/// due `first_after` from now.
pub async fn take_lease(
    db: &DatabaseConnection,
    job: &str,
    node: &str,
    first_after: std::time::Duration,
    lease: std::time::Duration,
) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let now = Utc::now();
    let first = now + Duration::from_std(first_after).unwrap_or_default();
    db.execute_raw(sql(
        backend,
        "INSERT INTO scheduled_jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        vec![job.into(), first.into()],
    ))
    .await?;
    let until = now + Duration::from_std(lease).unwrap_or(Duration::minutes(30));
    let taken = db
        .execute_raw(sql(
            backend,
            "UPDATE scheduled_jobs SET lease_until = $1, leased_by = $2 \
             WHERE name = $3 AND next_run_at <= $4 AND (lease_until IS NULL OR lease_until < $4)",
            vec![until.into(), node.into(), job.into(), now.into()],
        ))
        .await?;
    Ok(taken.rows_affected() == 1)
}

/// The run is over: the next one after `every`, the lease given back.
pub async fn finish_run(
    db: &DatabaseConnection,
    job: &str,
    node: &str,
    every: std::time::Duration,
    outcome: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let next = now + Duration::from_std(every).unwrap_or(Duration::hours(1));
    db.execute_raw(sql(
        db.get_database_backend(),
        "UPDATE scheduled_jobs SET next_run_at = $1, lease_until = NULL, leased_by = NULL, \
         last_run_at = $2, last_outcome = $3 WHERE name = $4 AND leased_by = $5",
        vec![
            next.into(),
            now.into(),
            outcome.into(),
            job.into(),
            node.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// A job's next run, last run and what the last run did.
pub struct JobState {
    pub next_run_at: DateTime<Utc>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub last_outcome: Option<String>,
}

pub async fn state_of(db: &impl ConnectionTrait, job: &str) -> Result<Option<JobState>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        next_run_at: DateTime<Utc>,
        last_run_at: Option<DateTime<Utc>>,
        last_outcome: Option<String>,
    }
    Ok(Row::find_by_statement(sql(
        db.get_database_backend(),
        "SELECT next_run_at, last_run_at, last_outcome FROM scheduled_jobs WHERE name = $1",
        vec![job.into()],
    ))
    .one(db)
    .await?
    .map(|r| JobState {
        next_run_at: r.next_run_at,
        last_run_at: r.last_run_at,
        last_outcome: r.last_outcome,
    }))
}

/// Run `run` every `every` on one node of the cluster (the first time
/// `first_after` after the job is first seen); what it returns (or its
/// error) is kept as the run's outcome.
pub fn spawn<F, Fut>(
    state: AppState,
    job: &'static str,
    first_after: std::time::Duration,
    every: std::time::Duration,
    run: F,
) where
    F: Fn(AppState) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, String>> + Send,
{
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            match take_lease(&state.writer, job, &state.node, first_after, LEASE).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::error!(job, error = %e, "scheduled job: cannot take the lease");
                    continue;
                }
            }
            let outcome = match run(state.clone()).await {
                Ok(o) => {
                    tracing::info!(job, outcome = %o, "scheduled job done");
                    o
                }
                Err(e) => {
                    tracing::error!(job, error = %e, "scheduled job failed");
                    format!("failed: {e}")
                }
            };
            if let Err(e) = finish_run(&state.writer, job, &state.node, every, &outcome).await {
                tracing::error!(job, error = %e, "scheduled job: cannot record the run");
            }
        }
    });
}
