//! "Mijn leeromgeving": what the learner is doing, what is mandatory and
//! when, what they completed (with their records), and their reflections.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the page's lines |
//! | `queries.rs` | server-only: everything on it, for one learner |
//! | `api.rs` | the server function |
//! | `pages.rs` | the page (`/mijn`) |

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
