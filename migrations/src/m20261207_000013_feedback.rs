//! Learners' feedback (issue 18, item 2): a rating from 1 to 5 and an
//! optional comment, one per learner per module version, editable.
//!
//! - `module_id` is the module; the empty string is the course as a whole
//!   (feedback given on the course page once the course is complete).
//! - `content_hash` is the version the feedback is about: the module file's
//!   hash, or for the course as a whole the course version. A new version
//!   asks again; earlier feedback stays with the version it was about.
//! - `updated_at` is when the feedback was last saved: the trainers' page
//!   counts a rating in the month it was last changed.
//!
//! Trainers see ratings and comments without names and only in groups of
//! at least five people (`app/src/feedback`); the index serves their page,
//! which reads one course's feedback by module and time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    UserId,
    CourseId,
    ModuleId,
    ContentHash,
    Rating,
    Comment,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

const INDEX: &str = "idx_feedback_course";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Feedback::Table)
                    .col(integer(Feedback::UserId))
                    .col(string_len(Feedback::CourseId, 100))
                    .col(string_len(Feedback::ModuleId, 100))
                    .col(string_len(Feedback::ContentHash, 64))
                    .col(small_integer(Feedback::Rating))
                    .col(text_null(Feedback::Comment))
                    .col(timestamp_with_time_zone(Feedback::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(Feedback::UserId)
                            .col(Feedback::CourseId)
                            .col(Feedback::ModuleId)
                            .col(Feedback::ContentHash),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Feedback::Table, Feedback::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .check(Expr::col(Feedback::Rating).between(1, 5))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Feedback::Table)
                    .col(Feedback::CourseId)
                    .col(Feedback::ModuleId)
                    .col(Feedback::UpdatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Feedback::Table).to_owned())
            .await
    }
}
