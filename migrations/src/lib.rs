//! Database schema migrations, run automatically when the server starts.
//!
//! Each migration lives in its own file named `mYYYYMMDD_NNNNNN_what.rs`
//! (`DeriveMigrationName` takes the version from the file name). A migration is
//! never edited once it has landed: later changes are new migrations. Migrations
//! describe tables with `sea_query` only and never import today's entities, so
//! they keep meaning the same thing as the entities evolve.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_core;
mod m20261122_000002_reports;
mod m20261122_000003_rounds;
mod m20261122_000004_answer_lookup;
mod m20261206_000005_security;
mod m20261206_000006_privacy;
mod m20261207_000007_organisation_sign_in;
mod m20261207_000008_reminders;
mod m20261207_000009_cluster;
mod m20261207_000010_pending_imports;
mod m20261207_000011_item_stats;
mod m20261207_000012_item_sums_per_day;
mod m20261207_000013_feedback;
mod m20261207_000014_scan_results;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_core::Migration),
            Box::new(m20261122_000002_reports::Migration),
            Box::new(m20261122_000003_rounds::Migration),
            Box::new(m20261122_000004_answer_lookup::Migration),
            Box::new(m20261206_000005_security::Migration),
            Box::new(m20261206_000006_privacy::Migration),
            Box::new(m20261207_000007_organisation_sign_in::Migration),
            Box::new(m20261207_000008_reminders::Migration),
            Box::new(m20261207_000009_cluster::Migration),
            Box::new(m20261207_000010_pending_imports::Migration),
            Box::new(m20261207_000011_item_stats::Migration),
            Box::new(m20261207_000012_item_sums_per_day::Migration),
            Box::new(m20261207_000013_feedback::Migration),
            Box::new(m20261207_000014_scan_results::Migration),
        ]
    }
}
