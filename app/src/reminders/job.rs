//! One round of reminders, and the scheduler inside the server that runs a
//! round once per cluster when it is due.
//!
//! Each mail is claimed and sent in one transaction: the claim (a row in
//! `reminders_sent`) commits only after the mail server accepted the mail,
//! and a concurrent claim of the same mail (a second node, a second run)
//! waits for that transaction and then finds the row. A failed send rolls
//! the claim back, so the next round tries again; a crash mid-batch leaves
//! the mails sent so far recorded and the rest unclaimed.

use super::mail::Mailer;
use super::queries::{self, Planned};
use crate::ssr::AppState;
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use std::collections::HashMap;
use std::sync::Arc;

/// The reminder settings of a node.
#[derive(Debug, Clone)]
pub struct ReminderConfig {
    /// Days before the due date of the first reminder (`REMINDER_DAYS_BEFORE`).
    pub days_before: u32,
    /// The platform's address for the links in the mails (`PUBLIC_URL`).
    pub public_url: String,
    /// Time between rounds (`REMINDER_EVERY_MINUTES`).
    pub every: std::time::Duration,
}

/// What a node needs to send reminders.
pub struct Reminders {
    pub mailer: Mailer,
    pub config: ReminderConfig,
}

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sent: usize,
    /// Claimed by someone else meanwhile (another node, another run).
    pub skipped: usize,
    pub failed: usize,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sent, {} already sent elsewhere, {} failed",
            self.sent, self.skipped, self.failed
        )
    }
}

/// The courses' titles by id, from the live content.
pub fn course_titles(state: &AppState) -> HashMap<String, String> {
    state
        .content
        .current()
        .catalog
        .courses
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect()
}

/// What a round would send today (for `send-reminders --dry-run`).
pub async fn plan(state: &AppState, days_before: u32) -> Result<Vec<Planned>, DbErr> {
    queries::plan(
        &state.db,
        &course_titles(state),
        crate::ssr::report_summary::today(),
        days_before,
    )
    .await
}

/// Send every reminder due today that was not sent yet.
pub async fn run_round(state: &AppState, reminders: &Reminders) -> Result<Outcome, DbErr> {
    let planned = plan(state, reminders.config.days_before).await?;
    let mut outcome = Outcome::default();
    for p in &planned {
        match send_one(&state.writer, reminders, p).await {
            Ok(true) => outcome.sent += 1,
            Ok(false) => outcome.skipped += 1,
            Err(e) => {
                outcome.failed += 1;
                tracing::error!(user = p.user_id, key = %p.key, error = %e, "reminder not sent");
            }
        }
    }
    Ok(outcome)
}

/// Claim, send, commit: `Ok(false)` when the mail was claimed before.
async fn send_one(
    writer: &DatabaseConnection,
    reminders: &Reminders,
    p: &Planned,
) -> Result<bool, String> {
    let worded = super::words::mail(p, &reminders.config.public_url);
    let message = reminders.mailer.message(&p.email, &p.name, &worded)?;
    let txn = writer.begin().await.map_err(|e| e.to_string())?;
    if !queries::claim(&txn, p.user_id, &p.key)
        .await
        .map_err(|e| e.to_string())?
    {
        txn.rollback().await.map_err(|e| e.to_string())?;
        return Ok(false);
    }
    if let Err(e) = reminders.mailer.send(message).await {
        txn.rollback().await.map_err(|e| e.to_string())?;
        return Err(format!("the mail server refused: {e}"));
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(true)
}

/// Run a round whenever one is due, on one node of the cluster
/// (`ssr::jobs`); the first right away.
pub fn spawn_scheduler(state: AppState, reminders: Arc<Reminders>) {
    let every = reminders.config.every;
    crate::ssr::jobs::spawn(
        state,
        queries::JOB,
        std::time::Duration::ZERO,
        every,
        move |state| {
            let reminders = reminders.clone();
            async move {
                run_round(&state, &reminders)
                    .await
                    .map(|o| o.to_string())
                    .map_err(|e| e.to_string())
            }
        },
    );
}
