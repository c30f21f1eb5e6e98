//! Learners' feedback (issue 18, item 2): at the end of every module, and
//! on the course page once the course is complete, a learner rates it from
//! 1 to 5 (five labelled choices, not stars) with an optional comment. One
//! per learner per module version (a course: per course version), editable:
//! sending the form again replaces it. Trainers read it on their course
//! page (`/trainer/:course`, beside the item statistics) without names:
//! ratings per module over time and the comments, only for groups of at
//! least five people (`domain::feedback`).
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the forms and the trainers' section hold; refusals |
//! | `queries.rs` | server-only: saving, the trainers' figures and comments |
//! | `api.rs` | the server functions: save (learners), a course's feedback (trainers) |
//! | `words.rs` | the rating labels and refusals in the requester's language |
//! | `pages.rs` | the learner's form and the trainers' section |
//!
//! A learner's own feedback reaches the module page with the rest of the
//! page's data (`learning::queries::module_state`, one query), and the
//! course page through [`queries::mine`].

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;

/// The `module_id` of feedback on the course as a whole.
pub const WHOLE_COURSE: &str = "";

/// Most comments shown per part on the trainers' page: the lowest ratings
/// first, so what needs work is among them.
pub const MAX_COMMENTS_SHOWN: usize = 200;

/// The id of the form on the page, where the browser returns after sending.
pub const ANCHOR: &str = "feedback";
