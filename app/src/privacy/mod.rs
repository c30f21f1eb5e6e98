//! The rights of the people whose data the platform holds (AVG/GDPR; see
//! `docs/privacy.md`):
//!
//! - **Access and portability**: `/mijn/gegevens` shows a learner everything
//!   the platform holds about them, and `GET /mijn/gegevens.json` (`server::data_export`) gives the
//!   same as a JSON file ([`my_data_page`]).
//! - **Erasure**: an admin anonymises a person (the records stay in the
//!   statistics, without a name) or deletes them
//!   (`/beheer/privacy/:id`, [`admin_page`], linked from the person's report).
//! - **Storage limitation**: the retention rule anonymises accounts that
//!   have been inactive for a set number of months
//!   ([`queries::apply_retention`]; daily in `server serve`, and
//!   `server apply-retention [--dry-run]`).
//!
//! | file | holds |
//! |---|---|
//! | `types.rs` | what the pages show; [`types::MyData`] is also the download's format |
//! | `api.rs` | the server functions |
//! | `queries.rs` | server-only: reading, anonymising, deleting, retention |
//! | `my_data_page.rs`, `admin_page.rs` | the pages |

pub mod admin_page;
pub mod api;
pub mod my_data_page;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;

/// The learner's own page.
pub const MY_DATA_PATH: &str = "/mijn/gegevens";

/// The admin's page for one person.
pub fn person_path(person: i32) -> String {
    format!("/beheer/privacy/{person}")
}
