//! `server apply-retention [--dry-run]`: anonymise the accounts that have
//! been inactive longer than `RETENTION_INACTIVE_MONTHS` (the rule of
//! `app::privacy::queries::apply_retention`), and clear ended sessions and
//! forgotten failed sign-ins. `server serve` does the same once a day.
//!
//! The output names accounts by number only: it ends up in terminals, cron
//! mail and logs, which are no place for names or addresses.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use app::privacy::queries::{self, Forgotten, RetentionRun};
use app::ssr::AppState;
use chrono::Utc;
use clap::Args;

#[derive(Debug, Args)]
pub struct ApplyRetention {
    /// List the accounts that fall under the rule, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(settings: &Settings, args: &ApplyRetention) -> anyhow::Result<i32> {
    let l = operator_locale();
    let months = settings.retention_inactive_months;
    let state = super::build_state(settings).await?;
    let (run, forgotten) = apply(&state, months, args.dry_run).await?;
    if months == 0 {
        println!("{}", say(l, Say::RetentionOff));
    } else {
        let cutoff = queries::retention_cutoff(Utc::now(), months);
        let before = cutoff.format("%Y-%m-%d").to_string();
        let found = Say::RetentionCandidates {
            before: &before,
            months,
            count: run.candidates.len(),
        };
        println!("{}", say(l, found));
        for c in &run.candidates {
            let last_active = c.last_activity.format("%Y-%m-%d").to_string();
            let line = Say::RetentionCandidate {
                id: c.id,
                last_active: &last_active,
            };
            println!("{}", say(l, line));
        }
    }
    if args.dry_run {
        println!("{}", say(l, Say::DryRun));
    } else {
        if months > 0 {
            let done = Say::Anonymised {
                anonymised: run.anonymised,
                already_done: run.already_done,
            };
            println!("{}", say(l, done));
        }
        let removed = Say::Forgotten {
            sessions: forgotten.sessions,
            sign_in_failures: forgotten.sign_in_failures,
            pending_imports: forgotten.pending_imports,
        };
        println!("{}", say(l, removed));
    }
    Ok(0)
}

/// One run, logged without names: what the daily job and the command both
/// do. `months` 0: the retention rule is off (the housekeeping still runs).
pub async fn apply(
    state: &AppState,
    months: u32,
    dry_run: bool,
) -> anyhow::Result<(RetentionRun, Forgotten)> {
    let now = Utc::now();
    let forgotten = if dry_run {
        Forgotten::default()
    } else {
        queries::forget_stale(&state.writer, now).await?
    };
    let run = if months == 0 {
        RetentionRun::default()
    } else {
        queries::apply_retention(
            &state.db,
            &state.writer,
            &state.sessions,
            months,
            dry_run,
            now,
        )
        .await?
    };
    if !run.candidates.is_empty() {
        tracing::info!(
            months,
            dry_run,
            found = run.candidates.len(),
            anonymised = run.anonymised,
            already_done = run.already_done,
            "retention rule applied"
        );
    }
    if forgotten != Forgotten::default() {
        tracing::info!(
            sessions = forgotten.sessions,
            sign_in_failures = forgotten.sign_in_failures,
            pending_imports = forgotten.pending_imports,
            "ended sessions, forgotten failed sign-ins and unconfirmed import files removed"
        );
    }
    Ok((run, forgotten))
}
