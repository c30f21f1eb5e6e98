//! HR reports (roles hr and admin: everything; manager: their own department
//! and below): the department × course matrix rolled up the tree with a
//! chart, a department's people, one person's history, the overdue list and
//! the completion records. Every report has CSV and XLSX downloads made from
//! the same queries. Filters are plain GET forms, so every report has a URL
//! and works without JavaScript. Viewing a report with personal data, and
//! every download, is written to the audit log.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what a report holds: counts, status codes, dates, names from the data |
//! | `queries.rs` | server-only: who sees what ([`queries::Scope`]) and the report queries |
//! | `api.rs` | the server functions: who asks, one query, the chart |
//! | `words.rs` | the report's words in the requester's language: row names, statuses, months, dates |
//! | `downloads.rs` | server-only: the CSV/XLSX tables, headed in the requester's language |
//! | `pages.rs` | the pages |
//!
//! Dependencies run one way: pages → api → queries → types; `words` is
//! used by pages, api and downloads alike.

pub mod api;
#[cfg(feature = "ssr")]
pub mod downloads;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;

use crate::auth::Role;

/// Who may open the reports (a manager sees their own part of the tree).
pub const ROLES: &[Role] = &[Role::Hr, Role::Manager, Role::Admin];

/// Who sees the whole organisation in them.
pub const SEE_EVERYTHING: &[Role] = &[Role::Hr, Role::Admin];

/// The reports' start page.
pub const PATH: &str = "/rapportage";
