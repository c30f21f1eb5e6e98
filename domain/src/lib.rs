//! Pure domain logic of the learning platform, with no Leptos, HTTP or database in it.
//!
//! - [`model`]: the parsed course model (courses, modules, questions, answer keys).
//! - [`diagnostics`]: problems found in content: a place and a code ([`content::Problem`]).
//! - [`markdown`]: the one pulldown-cmark configuration and the HTML sanitiser.
//! - [`content`]: reading `content/` into a [`model::Catalog`] plus diagnostics.
//! - [`gift`]: Moodle GIFT import into [`model::Question`]s.
//! - [`grading`]: scoring a learner's response against an answer key.
//! - [`option_tokens`]: opaque names for options on the page, so the markup tells nothing of the answer.
//! - [`passwords`]: the rule for a new local password (length, not easy to guess).
//! - [`throttle`]: how long sign-in waits after failed attempts.
//! - [`completion`]: when a module and a course count as complete, and the course score.
//! - [`hr_import`]: reading and validating HR's employee CSV, and the preview of applying it.
//! - [`item_stats`]: how each graded question works: facility, discrimination, flags.
//! - [`report`]: the department tree, learner states, report figures and their exports.
//! - [`reminders`]: which reminder of mandatory training is due for whom today.
//! - [`sso`]: sign-in through the organisation's identity provider: which account, which roles.

pub mod completion;
pub mod content;
pub mod diagnostics;
pub mod feedback;
pub mod gift;
pub mod grading;
pub mod hr_import;
pub mod item_stats;
pub mod markdown;
pub mod model;
pub mod option_tokens;
pub mod passwords;
pub mod reminders;
pub mod report;
pub mod scan;
pub mod sso;
pub mod throttle;
