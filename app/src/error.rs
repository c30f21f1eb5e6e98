//! The one error type of the application layer.
//!
//! Every failure a person can meet maps to an HTTP status and a message, in
//! the interface language, that says what happened and what to do. Internal
//! details (database errors, I/O) are logged on the server with `tracing`
//! and never sent to the browser: the browser only ever sees
//! [`AppError::Internal`] with a generic message.
//!
//! Where the messages are translated:
//! - The fixed ones ([`AppError::NotFound`] with its [`Missing`] thing,
//!   `Unauthorized`, `Forbidden`, `Internal`, `Request`) are translated
//!   where they are shown, by [`AppError::message`] with the page's locale.
//! - [`AppError::Refused`] carries what a query refused as a code with its
//!   details (a [`Refusal`] of one capability: a date, a name, a count);
//!   it is put into words where it is shown, by the capability's
//!   `words::refusal`, so queries never make display text.
//! - [`AppError::Invalid`] and [`AppError::Conflict`] carry a sentence a
//!   server function (an entry point, so at the edge) built in the
//!   requester's language (`server_text!`, keys in `locales/*/*.json`),
//!   read from the language cookie.

use crate::i18n::Locale;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use leptos_i18n::td_string;
use serde::{Deserialize, Serialize};

/// What could not be found, for [`AppError::NotFound`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Course,
    Module,
    Exam,
    Question,
    Reflection,
    Department,
    Employee,
    Assignment,
    Attempt,
    Enrollment,
    Record,
    File,
    Report,
    /// A course without a self-scan (`scan.md`).
    Scan,
    /// No draft of that course in the drafts folder.
    Draft,
}

/// A report filter that cannot be used, for [`AppError::BadFilter`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BadFilter {
    /// A period date that is not `YYYY-MM-DD`: which end, and what was typed.
    Date { field: PeriodEnd, text: String },
    /// The period starts after it ends.
    PeriodReversed,
}

/// One end of a report's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodEnd {
    From,
    Until,
}

/// What a query refused, as a code of the capability that refused it;
/// for [`AppError::Refused`]. Each capability keeps its refusals in its
/// `types.rs` and their words in its `words.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    Assignments(crate::assignments::types::Refusal),
    Departments(crate::departments::types::Refusal),
    Feedback(crate::feedback::types::Refusal),
    Import(crate::import::types::Refusal),
    Learning(crate::learning::types::Refusal),
    Preview(crate::preview::types::Refusal),
    Scan(crate::scan::types::Refusal),
}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    fn is_conflict(&self) -> bool {
        match self {
            Refusal::Assignments(r) => r.is_conflict(),
            Refusal::Departments(r) => r.is_conflict(),
            Refusal::Feedback(r) => r.is_conflict(),
            Refusal::Import(r) => r.is_conflict(),
            Refusal::Learning(r) => r.is_conflict(),
            Refusal::Preview(r) => r.is_conflict(),
            Refusal::Scan(r) => r.is_conflict(),
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            Refusal::Assignments(r) => crate::assignments::words::refusal(locale, r),
            Refusal::Departments(r) => crate::departments::words::refusal(locale, r),
            Refusal::Feedback(r) => crate::feedback::words::refusal(locale, r),
            Refusal::Import(r) => crate::import::words::refusal(locale, r),
            Refusal::Learning(r) => crate::learning::words::refusal(locale, r),
            Refusal::Preview(r) => crate::preview::words::refusal(locale, r),
            Refusal::Scan(r) => crate::scan::words::refusal(locale, r),
        }
    }
}

macro_rules! refusal_from {
    ($($capability:ident => $variant:ident),* $(,)?) => {$(
        impl From<crate::$capability::types::Refusal> for AppError {
            fn from(refusal: crate::$capability::types::Refusal) -> Self {
                AppError::Refused(Refusal::$variant(refusal))
            }
        }
    )*};
}

refusal_from!(
    assignments => Assignments,
    departments => Departments,
    feedback => Feedback,
    import => Import,
    learning => Learning,
    preview => Preview,
    scan => Scan,
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not visible to this person).
    #[error("not found: {0:?}")]
    NotFound(Missing),
    /// Not signed in.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("no access")]
    Forbidden,
    /// The input is wrong; the message says what and where.
    #[error("{0}")]
    Invalid(String),
    /// A report filter is wrong (422); translated where it is shown, so
    /// a page, a server function and a download all say it in the
    /// requester's language.
    #[error("bad report filter: {0:?}")]
    BadFilter(BadFilter),
    /// The action conflicts with the current state (e.g. no attempts left).
    #[error("{0}")]
    Conflict(String),
    /// A query refused the request (422, or 409 when it conflicts with the
    /// current state); translated where it is shown.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// Something broke on our side; details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request could not reach or be understood by the server function.
    #[error("request failed: {0}")]
    Request(String),
    /// The request's body is larger than the platform takes (413).
    #[error("request body too large")]
    TooLarge,
    /// Too many failed sign-ins: wait before trying again (429); the
    /// message says how long.
    #[error("{0}")]
    Throttled(String),
    /// A state-changing request that did not come from this site's own
    /// pages (no or another `Origin`): refused as a possible CSRF.
    #[error("cross-site request refused")]
    CrossSite,
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) | AppError::BadFilter(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Refused(r) if r.is_conflict() => 409,
            AppError::Refused(_) => 422,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
            AppError::CrossSite => 403,
            AppError::Throttled(_) => 429,
            AppError::TooLarge => 413,
        }
    }

    /// The message shown to the person, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let text = match self {
            AppError::NotFound(what) => not_found(locale, *what),
            AppError::Unauthorized => td_string!(locale, errors.unauthorized),
            AppError::Forbidden => td_string!(locale, errors.forbidden),
            AppError::Invalid(msg) | AppError::Conflict(msg) | AppError::Throttled(msg) => {
                return msg.clone()
            }
            AppError::BadFilter(bad) => return bad_filter(locale, bad),
            AppError::Refused(refusal) => return refusal.message(locale),
            AppError::Internal => td_string!(locale, errors.internal),
            AppError::Request(_) => td_string!(locale, errors.request),
            AppError::CrossSite => td_string!(locale, errors.cross_site),
            AppError::TooLarge => td_string!(locale, errors.too_large),
        };
        text.to_string()
    }

    /// Log an internal failure with its detail and return the opaque error
    /// the browser may see.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %err, "internal error");
        AppError::Internal
    }
}

fn bad_filter(locale: Locale, bad: &BadFilter) -> String {
    match bad {
        BadFilter::Date { field, text } => {
            let field = match field {
                PeriodEnd::From => td_string!(locale, errors.report_field_from),
                PeriodEnd::Until => td_string!(locale, errors.report_field_until),
            };
            td_string!(locale, errors.report_date_invalid, field, text).to_string()
        }
        BadFilter::PeriodReversed => td_string!(locale, errors.report_period_reversed).to_string(),
    }
}

fn not_found(locale: Locale, what: Missing) -> &'static str {
    match what {
        Missing::Course => td_string!(locale, errors.not_found_course),
        Missing::Module => td_string!(locale, errors.not_found_module),
        Missing::Exam => td_string!(locale, errors.not_found_exam),
        Missing::Question => td_string!(locale, errors.not_found_question),
        Missing::Reflection => td_string!(locale, errors.not_found_reflection),
        Missing::Department => td_string!(locale, errors.not_found_department),
        Missing::Employee => td_string!(locale, errors.not_found_employee),
        Missing::Assignment => td_string!(locale, errors.not_found_assignment),
        Missing::Attempt => td_string!(locale, errors.not_found_attempt),
        Missing::Enrollment => td_string!(locale, errors.not_found_enrollment),
        Missing::Record => td_string!(locale, errors.not_found_record),
        Missing::File => td_string!(locale, errors.not_found_file),
        Missing::Report => td_string!(locale, errors.not_found_report),
        Missing::Scan => td_string!(locale, errors.not_found_scan),
        Missing::Draft => td_string!(locale, errors.not_found_draft),
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal("database", err)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_detail_is_not_in_the_message() {
        let msg = AppError::Internal.message(Locale::nl);
        assert!(msg.contains("Er ging aan onze kant iets mis"));
        assert!(AppError::Internal
            .message(Locale::en)
            .contains("Something went wrong on our side"));
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn statuses_and_messages_in_both_languages() {
        let e = AppError::NotFound(Missing::Course);
        assert_eq!(e.status_code(), 404);
        assert_eq!(e.message(Locale::nl), "De cursus is niet gevonden.");
        assert_eq!(e.message(Locale::en), "The course was not found.");
        assert_eq!(AppError::Unauthorized.status_code(), 401);
        assert_eq!(AppError::Invalid("x".into()).status_code(), 422);
        let bad = AppError::BadFilter(BadFilter::Date {
            field: PeriodEnd::Until,
            text: "31-12".into(),
        });
        assert_eq!(bad.status_code(), 422);
        assert!(
            bad.message(Locale::en).contains("'Up to and including'"),
            "{}",
            bad.message(Locale::en)
        );
        assert!(
            bad.message(Locale::nl).contains("'tot en met'"),
            "{}",
            bad.message(Locale::nl)
        );
        assert!(bad.message(Locale::en).contains("'31-12'"));
        // A server-built message is shown as the server built it.
        assert_eq!(AppError::Conflict("y".into()).message(Locale::en), "y");
    }
}
