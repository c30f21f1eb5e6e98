//! The audit log (admins): who viewed or exported which report with personal
//! data, who imported employees, changed accounts, departments or
//! assignments, and when. Newest first, filterable by kind.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the page's rows |
//! | `queries.rs` | server-only: one page of entries, the kinds |
//! | `api.rs` | the server function |
//! | `words.rs` | the names of the kinds of entries |
//! | `pages.rs` | the page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;
