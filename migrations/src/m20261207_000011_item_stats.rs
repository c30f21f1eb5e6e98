//! What the trainers' question analysis reads (issue 18, item 1), so that a
//! course's figures come from a few hundred rows instead of every answer:
//!
//! - `question_answers.rest`: for an answer in an exam attempt, the score on
//!   the rest of that attempt (the sum of the other answers' fractions),
//!   written with the answer at hand-in; `NULL` for lesson answers.
//!   Existing answers are filled in here.
//! - `item_sums`: per question, module version, response and right/wrong,
//!   the sums over the answers the analysis counts (every answer in a
//!   handed-in attempt, and the first answer to a lesson question): `n`,
//!   Σx, Σx², Σy, Σy², Σxy with x the answer's fraction and y its `rest`.
//!   Kept up to date in the same transaction as the answers (and when a
//!   person's data is erased), filled here from the answers there are. The
//!   response is its first 400 characters, so that a long typed answer
//!   stays within PostgreSQL's index row limit.
//! - `idx_answers_stats`: the columns a filtered analysis (a department, a
//!   period) reads, in the order it groups them, so it reads the index
//!   alone. On SQLite it holds the response too; PostgreSQL's index rows
//!   are limited in size (a typed answer is not), so there it leaves the
//!   response out and the planner reads the table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionAnswers {
    Table,
    Rest,
}

#[derive(DeriveIden)]
enum ItemSums {
    Table,
    CourseId,
    ModuleId,
    QuestionId,
    ContentHash,
    Response,
    Correct,
    N,
    Sx,
    Sxx,
    Sy,
    Syy,
    Sxy,
}

const INDEX: &str = "idx_answers_stats";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionAnswers::Table)
                    .add_column(double_null(QuestionAnswers::Rest))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE question_answers SET rest = (\
               SELECT SUM(b.fraction) FROM question_answers b \
               WHERE b.attempt_id = question_answers.attempt_id) - fraction \
             WHERE attempt_id IS NOT NULL",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(ItemSums::Table)
                    .col(string_len(ItemSums::CourseId, 100))
                    .col(string_len(ItemSums::ModuleId, 100))
                    .col(string_len(ItemSums::QuestionId, 100))
                    .col(string_len(ItemSums::ContentHash, 64))
                    .col(string_len(ItemSums::Response, 400))
                    .col(boolean(ItemSums::Correct))
                    .col(big_integer(ItemSums::N))
                    .col(double(ItemSums::Sx))
                    .col(double(ItemSums::Sxx))
                    .col(double(ItemSums::Sy))
                    .col(double(ItemSums::Syy))
                    .col(double(ItemSums::Sxy))
                    .primary_key(
                        Index::create()
                            .col(ItemSums::CourseId)
                            .col(ItemSums::ModuleId)
                            .col(ItemSums::QuestionId)
                            .col(ItemSums::ContentHash)
                            .col(ItemSums::Response)
                            .col(ItemSums::Correct),
                    )
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "INSERT INTO item_sums (course_id, module_id, question_id, content_hash, response, \
               correct, n, sx, sxx, sy, syy, sxy) \
             SELECT course_id, module_id, question_id, content_hash, SUBSTR(response, 1, 400), \
               correct, COUNT(*), SUM(fraction), SUM(fraction * fraction), \
               SUM(COALESCE(rest, 0.0)), SUM(COALESCE(rest, 0.0) * COALESCE(rest, 0.0)), \
               SUM(fraction * COALESCE(rest, 0.0)) \
             FROM question_answers WHERE attempt_id IS NOT NULL OR first_try \
             GROUP BY course_id, module_id, question_id, content_hash, \
               SUBSTR(response, 1, 400), correct",
        )
        .await?;
        let response = if manager.get_database_backend() == sea_orm::DbBackend::Sqlite {
            "response, "
        } else {
            ""
        };
        db.execute_unprepared(&format!(
            "CREATE INDEX {INDEX} ON question_answers (course_id, module_id, question_id, \
               {response}correct, content_hash, first_try, attempt_id, fraction, rest, \
               answered_at, user_id)"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX {INDEX}"))
            .await?;
        manager
            .drop_table(Table::drop().table(ItemSums::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionAnswers::Table)
                    .drop_column(QuestionAnswers::Rest)
                    .to_owned(),
            )
            .await
    }
}
