//! The course catalog, the platform's home page: every active course as a
//! card, with, for a signed-in learner, which are mandatory and by when.
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | the cards and the learner's mandatory state (codes and dates) |
//! | `api.rs` | the server function `catalog` |
//! | `pages.rs` | the home page |

pub mod api;
pub mod pages;
pub mod types;
