//! HR reporting, pure: the department tree, what state a learner is in for a
//! course on a given day, counts per department rolled up the tree, and the
//! report tables as CSV, XLSX and SVG charts.
//!
//! The database aggregates (see `app::reports::queries`); this module defines what
//! the figures mean and turns them into files and pictures.

pub mod chart;
pub mod csv;
pub mod status;
pub mod table;
pub mod tree;
#[cfg(feature = "xlsx")]
pub mod xlsx;
