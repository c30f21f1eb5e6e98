//! The rights of data subjects (AVG/GDPR), see `docs/privacy.md`:
//!
//! - `users.anonymised_at`: when the person's account was anonymised (by an
//!   admin, or by the retention rule). The account row stays, with a
//!   placeholder name and address, so that the person's completion records,
//!   answers and exam attempts keep counting in the statistics; the public
//!   verification page then names nobody. Anonymising again is a no-op.
//! - An index on `audit_log (actor_id, at)`: the retention rule asks, per
//!   inactive account, when it last did anything (signed in, ...).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    AnonymisedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    ActorId,
    At,
}

const AUDIT_ACTOR: &str = "idx_audit_log_actor_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::AnonymisedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(AUDIT_ACTOR)
                    .table(AuditLog::Table)
                    .col(AuditLog::ActorId)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(AUDIT_ACTOR)
                    .table(AuditLog::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::AnonymisedAt)
                    .to_owned(),
            )
            .await
    }
}
