//! Preview and publish for authors (issue 18, item 3): a trainer sees a
//! draft course exactly as learners will, before it goes live.
//!
//! A draft is a course folder in the drafts folder, `<content>/drafts/`,
//! laid out like the content folder itself (`drafts/courses/<id>/`), so
//! `server check content/drafts` checks it too. The pages read the draft
//! from disk on every request (one course parses in milliseconds) and
//! never touch learners' data or the live content:
//!
//! - `/voorbeeld`: the drafts, each with its errors and warnings;
//! - `/voorbeeld/:course`: the course page, every checker problem of the
//!   course listed with file and line, and the publish button;
//! - `/voorbeeld/:course/:module`: the module as learners see it. Every
//!   question (an exam's whole pool too) is answerable: its form is a GET
//!   form to the same page, graded on the server against the draft and
//!   shown with its feedback, stored nowhere. The checker's problems of
//!   the module file stand where they are, above the question they are in.
//!
//! While the page is open in a browser with JavaScript, it asks every half
//! second for the draft's fingerprint (the files' paths, sizes and times)
//! and reloads itself when a file changed: an author who saves a file sees
//! it within a second, without `WATCH_CONTENT` or anything else to set.
//!
//! Publishing is one action: the draft is read again; with any error it
//! is refused; otherwise the folder is copied beside the live course,
//! swapped in by renaming, and the content reloaded and synced (every node
//! hears it). Should the live reload still reject it, the old folder is put
//! back. Audited as `draft_publish`.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the pages hold: drafts, a draft course, a draft module; refusals |
//! | `drafts.rs` | server-only: the drafts folder, a draft's fingerprint, reading it, the swap into the live content |
//! | `view.rs` | server-only: a draft module's page data, problems placed at their questions |
//! | `api.rs` | the server functions: the drafts, a course, a module (with one answer graded), the fingerprint, publish |
//! | `pages.rs` | the pages and the live reload |
//! | `words.rs` | the refusals' words |

pub mod api;
#[cfg(feature = "ssr")]
pub mod drafts;
pub mod pages;
pub mod types;
#[cfg(feature = "ssr")]
mod view;
pub mod words;

use crate::auth::Role;

/// The drafts page.
pub const PATH: &str = "/voorbeeld";

/// Where a draft's assets are served (`server/src/assets.rs`).
pub const ASSETS_PATH: &str = "/voorbeeld-inhoud";

/// Who may preview and publish drafts.
pub const ROLES: &[Role] = &[Role::Trainer, Role::Admin];

/// A draft course's preview.
pub fn course_path(course: &str) -> String {
    format!("{PATH}/{course}")
}

/// A draft module's preview.
pub fn module_path(course: &str, module: &str) -> String {
    format!("{PATH}/{course}/{module}")
}
