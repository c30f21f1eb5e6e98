//! What the catalog holds: the courses as cards, and for a signed-in
//! learner which of them are mandatory (a code and a date, no words).

use domain::completion::Date;
use domain::report::status::Status;
use serde::{Deserialize, Serialize};

/// What the catalog shows of a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub duration_minutes: u32,
    pub modules: usize,
    /// Set when the course is mandatory for the signed-in learner.
    pub mandatory: Option<Mandatory>,
    /// The course has a self-scan "Waar sta je?": the catalog points to it,
    /// so a newcomer gets advice on where to start.
    pub has_scan: bool,
}

/// A mandatory course for one learner: by when, and whether that has passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mandatory {
    /// `None` once they hold a record that never expires.
    pub due: Option<Date>,
    pub overdue: bool,
    /// The learner's state.
    pub status: Status,
}
