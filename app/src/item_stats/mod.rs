//! Item statistics for trainers (issue 18, item 1): how each graded question
//! of a course works for learners, computed in the database from the stored
//! answers. The figures themselves (facility, discrimination, flags, option
//! shares, frequent wrong answers) are `domain::item_stats`; this folder asks
//! the database for their sums and shows them, with a filter for the course
//! version, a department and a period, and a link from every question to the
//! line of the module file where it is written.
//!
//! Where the figures come from: `item_sums` (migration 11) keeps, per
//! question, module version, response and right/wrong, the sums the figures
//! need, in the transaction that stores the answers ([`upkeep`]); each exam
//! answer also stores the score on the rest of its attempt (`rest`). Since
//! migration 12 the sums are kept per day too, so the page without a
//! department (any versions, any period in whole days) adds up those rows;
//! with a department it sums the answers in one pass over a covering index
//! (a department × day table would hold as many rows as there are answers).
//!
//! A question shows figures only when at least `domain::item_stats::MIN_PEOPLE`
//! people answered it in the filter (exam: people who handed in the exam;
//! lesson: first answers, one per person), and a typed wrong answer only
//! when several gave it: a small department's answers cannot be read off
//! person by person.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the pages hold: filters, figures, flag codes |
//! | `upkeep.rs` | server-only: keeps `item_sums` (the answers summed per question, version and response) equal to the answers, in the transaction that writes them |
//! | `queries.rs` | server-only: the sums per question and the page's figures |
//! | `api.rs` | the server functions: the course list, a course's figures, a module file |
//! | `pages.rs` | the pages: courses, a course's questions, a module file by line |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
#[cfg(feature = "ssr")]
pub mod upkeep;

use crate::auth::Role;

/// The start page: the courses.
pub const PATH: &str = "/trainer";

/// Who may see the item statistics.
pub const ROLES: &[Role] = &[Role::Trainer, Role::Admin];

/// A course's item statistics.
pub fn course_path(course: &str) -> String {
    format!("{PATH}/{course}")
}

/// A module file, at `line`.
pub fn source_path(course: &str, file: &str, line: usize) -> String {
    format!("{PATH}/{course}/bron/{file}#r{line}")
}
