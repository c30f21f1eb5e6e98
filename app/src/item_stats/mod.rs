//! Item statistics for trainers (issue 18, item 1): how each graded question
//! of a course works for learners, computed in the database from the stored
//! answers. The figures themselves (facility, discrimination, flags) are
//! `domain::item_stats`; this folder asks the database for their sums.
//!
//! | file | holds |
//! |---|---|
//! | `queries.rs` | server-only: the sums per question, for a period and a set of departments |
//!
//! Still to come (see the issue): the trainers' page with its filters, the
//! option shares and frequent wrong answers on it, and the benchmark on the
//! 50,000-employee data set.

#[cfg(feature = "ssr")]
pub mod queries;
