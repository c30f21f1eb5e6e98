//! Extra exam attempts (roles `trainer`, `hr` and `admin`): everyone who used
//! every attempt an exam allows without passing it, and a button that gives
//! one of them one attempt more.
//!
//! A plain POST form (`ActionForm`) that works without JavaScript: success
//! redirects back with `?klaar=`, a refusal comes back in the URL (`__err`)
//! and is shown above the list.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | who is stuck at which exam |
//! | `queries.rs` | server-only: the list, with names and departments |
//! | `api.rs` | the server functions |
//! | `pages.rs` | the page |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;

use crate::auth::Role;

/// The page.
pub const PATH: &str = "/beheer/pogingen";

/// Who may grant an extra attempt.
pub const ROLES: &[Role] = &[Role::Trainer, Role::Hr, Role::Admin];
