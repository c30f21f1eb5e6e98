//! `migrations` CLI: `up`, `down`, `status`, `fresh`, ... against `DATABASE_URL`.
//! The server runs pending migrations itself at start-up; this is for operators.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
