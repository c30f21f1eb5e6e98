//! `server send-reminders [--dry-run]`: send the e-mail reminders due
//! today now (what `server serve` does by itself every
//! `REMINDER_EVERY_MINUTES`); with `--dry-run`, list them and send nothing.
//! Each mail goes out once, also when this runs beside a server or twice.
//!
//! The output names accounts by number only (it ends up in terminals and logs).

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use clap::Args;

#[derive(Debug, Args)]
pub struct SendReminders {
    /// List the reminders due today, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(settings: &Settings, args: &SendReminders) -> anyhow::Result<i32> {
    let l = operator_locale();
    let state = super::build_state(settings).await?;
    let days_before = settings.mail.reminder_days_before;
    let Some(reminders) = state.reminders.clone() else {
        println!("{}", say(l, Say::RemindersOff));
        if !args.dry_run {
            return Ok(1);
        }
        return Ok(0);
    };
    if args.dry_run {
        let planned = app::reminders::job::plan(&state, days_before).await?;
        println!(
            "{}",
            say(
                l,
                Say::RemindersDue {
                    count: planned.len()
                }
            )
        );
        for p in &planned {
            println!(
                "{}",
                say(
                    l,
                    Say::ReminderLine {
                        id: p.user_id,
                        key: &p.key
                    }
                )
            );
        }
        println!("{}", say(l, Say::DryRun));
        return Ok(0);
    }
    let outcome = app::reminders::job::run_round(&state, &reminders).await?;
    println!(
        "{}",
        say(
            l,
            Say::RemindersSent {
                sent: outcome.sent,
                skipped: outcome.skipped,
                failed: outcome.failed,
            }
        )
    );
    Ok(if outcome.failed > 0 { 1 } else { 0 })
}
