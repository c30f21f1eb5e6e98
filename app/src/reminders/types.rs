//! What the pages show of reminders.

use serde::{Deserialize, Serialize};

/// The learner's choice of mail, for "Mijn gegevens".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailChoiceView {
    /// `true`: only the due date and being late.
    pub fewer: bool,
    /// Days before the due date of the first reminder.
    pub days_before: u32,
}

/// The reminder job as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    /// Off: no mail server set up.
    pub enabled: bool,
    /// `dd-mm-jjjj uu:mm UTC`.
    pub next_run: Option<String>,
    pub last_run: Option<String>,
    /// What the last round did, in English for operators ("3 sent, 1 failed").
    pub last_outcome: Option<String>,
}
