//! Administration (role `admin`): the content's state with a reload button
//! whose errors are shown here, and the accounts with a form to add one.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the content's state and the accounts |
//! | `queries.rs` | server-only: the accounts with their departments and roles |
//! | `api.rs` | the server functions: overview, reload, new account |
//! | `words.rs` | the names of the roles |
//! | `pages.rs` | the page |
//!
//! The administrator's other tasks each have their own capability:
//! `departments`, `import`, `assignments`, `audit`, `privacy`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;
