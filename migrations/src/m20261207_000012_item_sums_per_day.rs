//! The question analysis's kept sums per day (issue 18): `item_sums` gets
//! the day of the answers (UTC, as the analysis's period filter counts
//! days) in its key, so a period (`van`/`tot`, whole days) is answered from
//! the kept sums too, not by reading every answer in it. Only a department
//! filter still reads the answers. The table holds sums only, so it is
//! rebuilt here from the answers: dropped, created with `day`, filled.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ItemSums {
    Table,
    CourseId,
    ModuleId,
    QuestionId,
    ContentHash,
    Response,
    Correct,
    Day,
    N,
    Sx,
    Sxx,
    Sy,
    Syy,
    Sxy,
}

/// The UTC day of an answer, as `day` holds it.
fn day_of(backend: sea_orm::DbBackend, column: &str) -> String {
    match backend {
        sea_orm::DbBackend::Postgres => format!("CAST(({column} AT TIME ZONE 'UTC') AS DATE)"),
        _ => format!("DATE({column})"),
    }
}

fn create(with_day: bool) -> TableCreateStatement {
    let mut key = Index::create();
    key.col(ItemSums::CourseId)
        .col(ItemSums::ModuleId)
        .col(ItemSums::QuestionId)
        .col(ItemSums::ContentHash)
        .col(ItemSums::Response)
        .col(ItemSums::Correct);
    let mut table = Table::create();
    table
        .table(ItemSums::Table)
        .col(string_len(ItemSums::CourseId, 100))
        .col(string_len(ItemSums::ModuleId, 100))
        .col(string_len(ItemSums::QuestionId, 100))
        .col(string_len(ItemSums::ContentHash, 64))
        .col(string_len(ItemSums::Response, 400))
        .col(boolean(ItemSums::Correct));
    if with_day {
        table.col(date(ItemSums::Day));
        key.col(ItemSums::Day);
    }
    table
        .col(big_integer(ItemSums::N))
        .col(double(ItemSums::Sx))
        .col(double(ItemSums::Sxx))
        .col(double(ItemSums::Sy))
        .col(double(ItemSums::Syy))
        .col(double(ItemSums::Sxy))
        .primary_key(&mut key)
        .to_owned()
}

/// Fill `item_sums` from the answers, with or without the day.
async fn fill(manager: &SchemaManager<'_>, with_day: bool) -> Result<(), DbErr> {
    let day = if with_day {
        format!(
            ", {}",
            day_of(manager.get_database_backend(), "answered_at")
        )
    } else {
        String::new()
    };
    let day_column = if with_day { ", day" } else { "" };
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "INSERT INTO item_sums (course_id, module_id, question_id, content_hash, response, \
               correct{day_column}, n, sx, sxx, sy, syy, sxy) \
             SELECT course_id, module_id, question_id, content_hash, SUBSTR(response, 1, 400), \
               correct{day}, COUNT(*), SUM(fraction), SUM(fraction * fraction), \
               SUM(COALESCE(rest, 0.0)), SUM(COALESCE(rest, 0.0) * COALESCE(rest, 0.0)), \
               SUM(fraction * COALESCE(rest, 0.0)) \
             FROM question_answers WHERE attempt_id IS NOT NULL OR first_try \
             GROUP BY course_id, module_id, question_id, content_hash, \
               SUBSTR(response, 1, 400), correct{day}"
        ))
        .await?;
    Ok(())
}

async fn recreate(manager: &SchemaManager<'_>, with_day: bool) -> Result<(), DbErr> {
    manager
        .drop_table(Table::drop().table(ItemSums::Table).to_owned())
        .await?;
    manager.create_table(create(with_day)).await?;
    fill(manager, with_day).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recreate(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recreate(manager, false).await
    }
}
