//! E-mail reminders for mandatory training: to the learner a set number of
//! days before the due date, on the due date and once when late; to each
//! manager a weekly digest of the overdue people in their department and
//! below. Sent through SMTP by a job inside the server (no cron), once per
//! cluster, each mail once (the claim in `reminders_sent` and the sending
//! share one transaction). `server send-reminders --dry-run` shows what
//! would go out.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the learner's mail choice and the job's state, as pages show them |
//! | `queries.rs` | server-only: who is due which mail, the claims, the job's lease |
//! | `mail.rs` | server-only: the SMTP transport and the messages (plain text and HTML) |
//! | `job.rs` | server-only: one round, and the scheduler |
//! | `words.rs` | the mails' words in the recipient's language |
//! | `api.rs` | the server functions (the learner's choice, the admin's view) |
//! | `pages.rs` | the choice on "Mijn gegevens", the state on the admin page |

pub mod api;
#[cfg(feature = "ssr")]
pub mod job;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
#[cfg(feature = "ssr")]
pub mod words;
