//! Employee import (role `admin`): upload an HR export, see what it would
//! change, then apply it all-or-nothing. See `docs/hr-import.md`. The CLI
//! (`server import`) uses the same queries.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the preview of a file (problems as `domain::hr_import::Problem` codes), the summary of an applied import, the refusals (`Refusal`) |
//! | `queries.rs` | server-only: planning against the database, applying in one transaction, the pending uploads |
//! | `api.rs` | the server functions (preview, apply) |
//! | `words.rs` | everything above in the reader's language: problems, refusals, the summary's sentences, the upload errors, the CLI's report |
//! | `pages.rs` | the page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;
