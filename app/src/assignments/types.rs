//! What the mandatory-training page holds: the assignments with whom they
//! are for (a kind and names from the data, no words) and their due dates.

use crate::departments::types::DeptOption;
use domain::completion::Date;
use serde::{Deserialize, Serialize};

/// Whom an assignment is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AssignedTo {
    Person {
        name: String,
        email: String,
    },
    /// A department by its full path; `sub`: whether its sub-departments
    /// are included (`None`: it has none).
    Department {
        path: String,
        sub: Option<bool>,
    },
    /// The person or department is gone (cannot happen through the
    /// platform: both refuse to be deleted while assigned).
    Unknown,
}

impl AssignedTo {
    pub fn is_person(&self) -> bool {
        matches!(self, AssignedTo::Person { .. })
    }
}

/// One assignment in the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub id: i32,
    pub course_id: String,
    pub course_title: String,
    /// Whom it is for.
    pub assigned_to: AssignedTo,
    pub due_on: Date,
    /// The due date has passed.
    pub overdue: bool,
    pub assigned_by: Option<String>,
    /// Active people it covers now.
    pub covers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOption {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentsView {
    pub courses: Vec<CourseOption>,
    pub departments: Vec<DeptOption>,
    pub assignments: Vec<AssignmentRow>,
    /// The earliest due date allowed.
    pub today: Date,
}

/// What this capability's queries refuse, as codes with their details;
/// put into words by `words::refusal` where the refusal is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No e-mail address or personeelsnummer filled in.
    PersonMissing,
    /// No person with this e-mail address or personeelsnummer.
    PersonUnknown { text: String },
    /// No due date filled in.
    DueMissing,
    /// The due date as typed is not a date.
    DueInvalid { text: String },
    /// The due date lies before today.
    DueInPast { date: Date },
    /// The course does not exist or is no longer offered.
    CourseUnknown,
    /// The chosen department was removed meanwhile.
    DepartmentGone,
    /// The person's account is deactivated.
    PersonInactive { name: String },
    /// The same course is already mandatory for the same people.
    Exists {
        course: String,
        target: String,
        date: Date,
    },
}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    pub fn is_conflict(&self) -> bool {
        matches!(self, Refusal::Exists { .. })
    }
}
