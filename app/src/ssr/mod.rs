//! Server-only code: application state, database entities and the plain
//! query functions that server functions and the CLI call. Nothing in here is
//! compiled into the browser bundle.

pub mod accounts;
pub mod assignments;
pub mod audit;
pub mod content_store;
pub mod departments;
pub mod entities;
pub mod import;
pub mod learning;
pub mod records;
pub mod reports;
pub mod session;
pub mod state;
pub mod status;

pub use state::AppState;
