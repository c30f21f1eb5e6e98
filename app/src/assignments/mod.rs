//! Mandatory training (roles `hr` and `admin`): assign a course to a
//! department (with or without its sub-departments) or to one person, with
//! a due date; see and remove the current assignments. Also the learner's
//! side: which courses are mandatory for them, and by when.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the assignments as the page shows them |
//! | `queries.rs` | server-only: creating, deleting, listing; a learner's mandatory courses |
//! | `api.rs` | the server functions |
//! | `words.rs` | whom an assignment is for, the messages after a change |
//! | `pages.rs` | the page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;

use crate::auth::Role;

/// The page.
pub const PATH: &str = "/rapportage/verplicht";

/// Who may assign mandatory training.
pub const ROLES: &[Role] = &[Role::Hr, Role::Admin];
