//! The department tree (role `admin`): the tree with its figures, and
//! forms to add, change (name, code, place in the tree) and delete a
//! department, and to move a person to another department. The tree is
//! also what the reports roll up and what the HR import fills.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the tree as the pages show it ([`types::DeptOption`] for select lists) |
//! | `queries.rs` | server-only: reading the tree and its figures, and every change, each in one transaction |
//! | `api.rs` | the server functions |
//! | `words.rs` | why a department cannot be deleted, the messages after a change |
//! | `pages.rs` | the admin page |
//!
//! A select list of departments for other pages is
//! `components::forms::DepartmentSelect`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
pub mod words;

/// The admin page.
pub const PATH: &str = "/beheer/afdelingen";
