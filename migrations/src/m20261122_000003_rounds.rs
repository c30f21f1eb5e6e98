//! Recertification: a learner may take a course again when its record
//! expires (or is about to). Each pass through a course is a *round*.
//!
//! - `enrollments.round`: the learner's current round in the course (1 for
//!   the first pass). Starting over raises it by one.
//! - `question_answers.round`, `exam_attempts.round`, `attempt_grants.round`:
//!   the round the answer, attempt or extra attempt belongs to. Earlier
//!   rounds stay in the database as history; the learning rules only look at
//!   the current round.
//! - `completion_records.round`: the round that earned the record. The unique
//!   index becomes (user, course, version, round): still exactly one record
//!   per learner per course version per round, whatever races happen.
//!
//! Every existing row belongs to round 1 (the column default).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables that gain a `round` column, in the order they get it.
const TABLES: [&str; 5] = [
    "enrollments",
    "question_answers",
    "exam_attempts",
    "attempt_grants",
    "completion_records",
];

#[derive(DeriveIden, Clone, Copy)]
enum CompletionRecords {
    Table,
    UserId,
    CourseId,
    CourseVersion,
    Round,
}

const OLD_UNIQUE: &str = "uq_completion_records_user_course_version";
const NEW_UNIQUE: &str = "uq_completion_records_user_course_version_round";

async fn add_round(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(Alias::new(table))
                .add_column(integer(Alias::new("round")).default(1))
                .to_owned(),
        )
        .await
}

async fn drop_round(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(Alias::new(table))
                .drop_column(Alias::new("round"))
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            add_round(manager, table).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_UNIQUE)
                    .table(CompletionRecords::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NEW_UNIQUE)
                    .table(CompletionRecords::Table)
                    .col(CompletionRecords::UserId)
                    .col(CompletionRecords::CourseId)
                    .col(CompletionRecords::CourseVersion)
                    .col(CompletionRecords::Round)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Going back would have to delete the records of later rounds: refuse.
        let later = manager
            .get_connection()
            .query_one_raw(sea_orm::Statement::from_string(
                manager.get_database_backend(),
                "SELECT COUNT(*) AS n FROM completion_records WHERE round > 1",
            ))
            .await?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        if later > 0 {
            return Err(DbErr::Migration(format!(
                "{later} completion records belong to a second or later round; \
                 this migration cannot be undone without deleting them"
            )));
        }
        manager
            .drop_index(
                Index::drop()
                    .name(NEW_UNIQUE)
                    .table(CompletionRecords::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_UNIQUE)
                    .table(CompletionRecords::Table)
                    .col(CompletionRecords::UserId)
                    .col(CompletionRecords::CourseId)
                    .col(CompletionRecords::CourseVersion)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for table in TABLES.iter().rev() {
            drop_round(manager, table).await?;
        }
        Ok(())
    }
}
