//! Employee import (role `admin`): upload an HR export, see what it would
//! change, then apply it all-or-nothing. See `docs/hr-import.md`. The CLI
//! (`server import`) uses the same queries.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the preview of a file and the summary of an applied import |
//! | `queries.rs` | server-only: planning against the database, applying in one transaction, the pending uploads |
//! | `api.rs` | the server functions (preview, apply) |
//! | `words.rs` | the summary's sentences, the upload refusals |
//! | `pages.rs` | the page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;
