//! What the privacy pages show and the server functions return; compiled for
//! the server and the browser.
//!
//! [`MyData`] is at the same time the learner's JSON download (the right of
//! access and of data portability): its field names are the file's format,
//! so change them only with a new [`FORMAT`]. Times are RFC 3339 in UTC,
//! days `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};

/// The `format` of the download, so a reader knows what it holds.
pub const FORMAT: &str = "leerplatform-participatie/mijn-gegevens/1";

/// Everything the platform holds about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyData {
    pub format: String,
    pub generated_at: String,
    pub account: Account,
    pub roles: Vec<String>,
    /// Signed-in sessions that have not ended (the token itself is never
    /// stored, only a hash, and is not part of this).
    pub sessions: Vec<Session>,
    /// Failed sign-ins counted against the account (throttling).
    pub failed_sign_ins: Option<FailedSignIns>,
    pub enrollments: Vec<Enrollment>,
    /// The per-course summary HR reports read.
    pub course_overview: Vec<CourseOverview>,
    pub module_progress: Vec<ModuleProgress>,
    pub answers: Vec<Answer>,
    pub exam_attempts: Vec<ExamAttempt>,
    pub extra_attempts: Vec<ExtraAttempt>,
    pub reflections: Vec<Reflection>,
    /// Ratings and comments given on modules and courses.
    pub feedback: Vec<Feedback>,
    /// Answers to courses' self-scans "Waar sta je?".
    pub scans: Vec<ScanAnswers>,
    pub records: Vec<Record>,
    pub assignments: Vec<Assignment>,
    pub audit: Vec<AuditEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub employee_number: Option<String>,
    pub department: Option<String>,
    pub language: String,
    /// The identifier of the person's account at the organisation's
    /// identity provider (`sub`), once they signed in there.
    pub organisation_account: Option<String>,
    /// `alles` or `minder`: which reminders they get by e-mail.
    pub mail_choice: String,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub started_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedSignIns {
    pub failures: i32,
    pub last_failure_at: String,
    pub blocked_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enrollment {
    pub course_id: String,
    pub course: String,
    pub round: i32,
    pub started_at: String,
    pub completed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOverview {
    pub course_id: String,
    pub course: String,
    pub started_at: Option<String>,
    pub completed_on: Option<String>,
    pub valid_until: Option<String>,
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleProgress {
    pub course_id: String,
    pub module_id: String,
    pub module: String,
    /// `in_progress` or `complete`.
    pub status: String,
    pub marked_read_at: Option<String>,
    pub completed_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub course_id: String,
    pub module_id: String,
    pub module: String,
    pub question_id: String,
    pub round: i32,
    /// The exam attempt's number for an exam answer; none for a lesson.
    pub exam_attempt: Option<i32>,
    /// What was answered, as the person saw it: the chosen texts, the
    /// order or matches given, or the typed text (never option indices).
    pub response: serde_json::Value,
    pub score: f64,
    pub correct: bool,
    pub first_try: bool,
    pub answered_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamAttempt {
    pub course_id: String,
    pub module_id: String,
    pub module: String,
    pub round: i32,
    pub number: i32,
    /// The ids of the questions the attempt showed, in the order shown.
    /// Never the attempt's seed or option orders: for order and match
    /// questions the authored position *is* the answer.
    pub questions: Vec<String>,
    pub started_at: String,
    pub submitted_at: Option<String>,
    pub score_percent: Option<f64>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtraAttempt {
    pub course_id: String,
    pub module_id: String,
    pub round: i32,
    pub granted_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub course_id: String,
    pub module_id: String,
    pub module: String,
    pub reflection_id: String,
    pub text: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub course_id: String,
    /// Empty for the course as a whole.
    pub module_id: String,
    /// The module's (or course's) title.
    pub about: String,
    /// The module (or course) version it was given on.
    pub version: String,
    pub rating: i16,
    pub comment: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanAnswers {
    pub course_id: String,
    /// The scan's title and the course's.
    pub about: String,
    /// The version of the scan they were given on.
    pub version: String,
    /// As stored: `question=option,option;…` (options count from 0).
    pub choices: String,
    /// The chosen options' words, where the scan still has them.
    pub chosen: Vec<String>,
    pub taken_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub course_id: String,
    pub course: String,
    pub course_version: String,
    pub round: i32,
    pub score_percent: f64,
    pub completed_at: String,
    pub department_then: Option<String>,
    pub valid_until: Option<String>,
    pub verification_code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub course_id: String,
    pub course: String,
    pub due_on: String,
    /// Assigned to this person by name; otherwise to their department.
    pub personal: bool,
}

/// An entry of the audit log by or about this person. Who else acted is
/// not named (that is another person's data); `by_you` says whether it was
/// this person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub action: String,
    pub subject: String,
    pub by_you: bool,
}

/// What an admin sees before anonymising or deleting a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPrivacy {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub employee_number: Option<String>,
    pub active: bool,
    pub anonymised_at: Option<String>,
    /// The admin looking is this person: both actions are refused.
    pub is_you: bool,
    pub records: i64,
    pub answers: i64,
    pub reflections: i64,
    pub exam_attempts: i64,
}

/// `2026-12-06T09:05:00Z` → `06-12-2026 09:05`; `2026-12-06` →
/// `06-12-2026`: the Dutch way of writing a time, on the readable page.
pub fn readable_time(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or(iso);
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let day = format!("{d}-{m}-{y}");
    match iso.get(11..16) {
        Some(hm) if iso.as_bytes().get(10) == Some(&b'T') => format!("{day} {hm}"),
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_the_dutch_way() {
        assert_eq!(
            readable_time("2026-12-06T09:05:12.5+00:00"),
            "06-12-2026 09:05"
        );
        assert_eq!(readable_time("2026-12-06"), "06-12-2026");
        assert_eq!(readable_time("onzin"), "onzin");
    }
}
