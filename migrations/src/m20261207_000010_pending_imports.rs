//! Uploaded employee files waiting for their uploader's confirmation
//! (`docs/hr-import.md`), kept in the database so the upload, the preview
//! and the confirmation may each reach a different node:
//!
//! - `pending_imports`: the SHA-256 (hex) of the token in the preview's
//!   address, who uploaded it (only they may see and apply it), the file's
//!   name and bytes, whether people missing from it are to be deactivated,
//!   and when it was uploaded. A row is taken (deleted) by the one
//!   confirmation that applies it; rows older than 30 minutes are removed.
//! - An index on `users.display_name`: the admin page lists the accounts by
//!   name a page at a time (50,000 in a large municipality).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PendingImports {
    Table,
    Id,
    UploaderId,
    FileName,
    DeactivateMissing,
    Content,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DisplayName,
}

const NAME_INDEX: &str = "idx_users_display_name";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PendingImports::Table)
                    .col(string(PendingImports::Id).primary_key())
                    .col(integer(PendingImports::UploaderId))
                    .col(string(PendingImports::FileName))
                    .col(boolean(PendingImports::DeactivateMissing))
                    .col(blob(PendingImports::Content))
                    .col(timestamp_with_time_zone(PendingImports::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PendingImports::Table, PendingImports::UploaderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NAME_INDEX)
                    .table(Users::Table)
                    .col(Users::DisplayName)
                    .col(Users::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME_INDEX)
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PendingImports::Table).to_owned())
            .await
    }
}
