//! Learning: a course and its modules, lessons with their questions and
//! reflections, exams with their attempts, and completing a course (which
//! issues its record, `crate::records`).
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the pages hold: course, module, question, exam, attempt result |
//! | `queries.rs` | server-only: progress, answers, reading, reflections, exams, completion, each write in one transaction |
//! | `build.rs` | server-only: the pages' data from the course model and the learner's state (never the answer key) |
//! | `api.rs` | the server functions |
//! | `words.rs` | a module's status, content language marking |
//! | `course_page.rs`, `module_page.rs`, `attempt_page.rs` | the pages |
//! | `question_view.rs` | a question's form fields and its feedback, for lessons, exams and results |

pub mod api;
pub mod attempt_page;
#[cfg(feature = "ssr")]
pub mod build;
pub mod course_page;
pub mod module_page;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod question_view;
pub mod types;
pub mod words;
