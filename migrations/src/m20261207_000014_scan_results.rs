//! The self-scan "Waar sta je?" (issue 18, item 5): a learner's latest
//! answers to a course's scan, from which the advice on their dashboard is
//! made.
//!
//! - one row per learner and course: taking the scan again replaces it;
//! - `content_hash` is the version of `scan.md` the answers were given on:
//!   once the scan changes, the learner is asked to take it again, and HR's
//!   figures count only answers on the current version;
//! - `choices` holds the chosen options as `question=index,index;…`
//!   (`domain::scan::encode`): ids are slugs, indexes count from 0.
//!
//! HR sees per department how many people chose each option, only in
//! groups of at least five (`app/src/scan`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScanResult {
    Table,
    UserId,
    CourseId,
    ContentHash,
    Choices,
    TakenAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScanResult::Table)
                    .col(integer(ScanResult::UserId))
                    .col(string_len(ScanResult::CourseId, 100))
                    .col(string_len(ScanResult::ContentHash, 64))
                    .col(text(ScanResult::Choices))
                    .col(timestamp_with_time_zone(ScanResult::TakenAt))
                    .primary_key(
                        Index::create()
                            .col(ScanResult::UserId)
                            .col(ScanResult::CourseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScanResult::Table, ScanResult::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScanResult::Table).to_owned())
            .await
    }
}
