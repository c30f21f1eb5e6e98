//! Completion records as people see them: the printable certificate (for its
//! holder) and the public verification page, which shows name, course, date,
//! department and validity, and nothing more. The record of an anonymised
//! person (`crate::privacy`) still verifies, without a name or department.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | a record as its pages show it |
//! | `queries.rs` | server-only: verification codes, finding a record by its code |
//! | `api.rs` | the server functions (`verify`, public; `certificate`, the holder, HR, admin) |
//! | `pages.rs` | the certificate and the verification page |
//!
//! Issuing a record is part of completing a course (`crate::learning`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
