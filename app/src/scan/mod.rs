//! The self-scan "Waar sta je?" (issue 18, item 5): a few questions a
//! learner (or a team lead) answers in two minutes, written by trainers as
//! `scan.md` in a course folder (see `domain::content` and
//! `docs/auteurs.md`), whose options point to the modules (or courses) to
//! start with. The learner's latest answers are stored (`scan_result`,
//! one row per learner and course); the advice they lead to
//! (`domain::scan::advice`) is shown after sending, on the scan's page and
//! on the learner's dashboard. HR sees per department how many people chose
//! each option, only in groups of at least five.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the scan page, the dashboard's advice and HR's figures hold; refusals |
//! | `queries.rs` | server-only: saving, reading back, the advice with progress, HR's counts |
//! | `api.rs` | the server functions: the page, saving, HR's figures |
//! | `words.rs` | refusals in the requester's language |
//! | `pages.rs` | the scan page, the advice list, HR's page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;

/// The id of the advice on the scan's page, where the browser returns
/// after sending.
pub const ANCHOR: &str = "advies";

/// HR sees a department's figures only from this many people on.
pub const MIN_GROUP: usize = 5;

/// The scan page of a course.
pub fn href(course_id: &str) -> String {
    format!("/scan/{course_id}")
}
