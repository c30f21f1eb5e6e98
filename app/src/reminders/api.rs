//! The reminders' server functions: the learner's mail choice, and the
//! job's state for admins.

use super::types::{JobView, MailChoiceView};
#[cfg(feature = "ssr")]
use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person's mail choice.
#[server(endpoint = "mail_choice")]
pub async fn mail_choice() -> Result<MailChoiceView, AppError> {
    use crate::ssr::{session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let choice = super::queries::mail_choice(&state.db, user.id).await?;
    Ok(MailChoiceView {
        fewer: choice == domain::reminders::MailChoice::Fewer,
        days_before: state
            .reminders
            .as_ref()
            .map(|r| r.config.days_before)
            .unwrap_or(DEFAULT_DAYS_BEFORE),
    })
}

/// The first reminder's days before the due date when none is set up.
pub const DEFAULT_DAYS_BEFORE: u32 = 7;

/// Choose every reminder, or fewer (only the due date and being late).
#[server(endpoint = "set_mail_choice")]
pub async fn set_mail_choice(fewer: bool) -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    use domain::reminders::MailChoice;
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let choice = if fewer {
        MailChoice::Fewer
    } else {
        MailChoice::All
    };
    super::queries::set_mail_choice(&state.writer, user.id, choice).await?;
    Ok(())
}

/// The reminder job's next and last round (admins).
#[server(endpoint = "reminder_job")]
pub async fn reminder_job() -> Result<JobView, AppError> {
    use crate::ssr::{session, AppState};
    session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let when = |t: chrono::DateTime<chrono::Utc>| t.format("%d-%m-%Y %H:%M UTC").to_string();
    let job = crate::ssr::jobs::state_of(&state.db, super::queries::JOB).await?;
    Ok(JobView {
        enabled: state.reminders.is_some(),
        next_run: job.as_ref().map(|j| when(j.next_run_at)),
        last_run: job.as_ref().and_then(|j| j.last_run_at).map(when),
        last_outcome: job.and_then(|j| j.last_outcome),
    })
}
