//! Two tables for the platform's defences:
//!
//! - `platform_secrets`: secrets of this installation, made once and shared
//!   by every node: `option_key`, the key that names question options on
//!   pages (`domain::option_tokens`). In the database rather than a file, so
//!   that several nodes and every restart use the same one.
//! - `sign_in_failures`: failed sign-ins per account and per address, for
//!   throttling (`app::ssr::throttle`). In the database, so a guesser gets
//!   no fresh allowance by reaching another node.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlatformSecrets {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    /// `account:<normalised e-mail>` or `address:<ip>`.
    Key,
    Failures,
    LastFailureAt,
    BlockedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlatformSecrets::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(PlatformSecrets::Name)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PlatformSecrets::Value).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SignInFailures::Key)
                            .string_len(320)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::Failures)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::LastFailureAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::BlockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PlatformSecrets::Table).to_owned())
            .await
    }
}
