//! Mandatory training and HR reports.
//!
//! - `course_status`: one row per learner per course that the learner has
//!   started, completed or been assigned. It is a summary of `enrollments`,
//!   `completion_records` and `assignments`, kept up to date in the same
//!   transaction as every write that changes them, so that reports over
//!   50,000 people never have to join those tables. `next_due_on` is the day
//!   by which the learner must (again) hold a valid record: overdue is
//!   `next_due_on < today`.
//! - `report_cells`: the department × course counts for one day
//!   (`computed_on`), maintained with the rows above and recomputed for all
//!   cells when the day changes (expiry and deadlines move with the calendar).
//!   `department_id` 0 stands for "no department".

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CourseStatus {
    Table,
    UserId,
    CourseId,
    DepartmentId,
    Active,
    StartedAt,
    CompletedOn,
    ValidUntil,
    DueOn,
    NextDueOn,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportCells {
    Table,
    DepartmentId,
    CourseId,
    Completed,
    Expiring,
    Expired,
    InProgress,
    Overdue,
    Required,
    ComputedOn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
    CourseId,
    DueOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CourseStatus::Table)
                    .col(integer(CourseStatus::UserId))
                    .col(string_len(CourseStatus::CourseId, 100))
                    .col(integer_null(CourseStatus::DepartmentId))
                    .col(boolean(CourseStatus::Active).default(true))
                    .col(timestamp_with_time_zone_null(CourseStatus::StartedAt))
                    .col(date_null(CourseStatus::CompletedOn))
                    .col(date_null(CourseStatus::ValidUntil))
                    .col(date_null(CourseStatus::DueOn))
                    .col(date_null(CourseStatus::NextDueOn))
                    .col(timestamp_with_time_zone(CourseStatus::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(CourseStatus::UserId)
                            .col(CourseStatus::CourseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CourseStatus::Table, CourseStatus::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CourseStatus::Table, CourseStatus::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CourseStatus::Table, CourseStatus::DepartmentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Recomputing one cell reads exactly its rows.
        index(
            manager,
            "idx_course_status_cell",
            CourseStatus::Table,
            &[CourseStatus::DepartmentId, CourseStatus::CourseId],
        )
        .await?;
        // The overdue list walks these in deadline order (for one course,
        // or for all).
        index(
            manager,
            "idx_course_status_course_due",
            CourseStatus::Table,
            &[CourseStatus::CourseId, CourseStatus::NextDueOn],
        )
        .await?;
        index(
            manager,
            "idx_course_status_next_due",
            CourseStatus::Table,
            &[
                CourseStatus::NextDueOn,
                CourseStatus::UserId,
                CourseStatus::CourseId,
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReportCells::Table)
                    .col(integer(ReportCells::DepartmentId))
                    .col(string_len(ReportCells::CourseId, 100))
                    .col(integer(ReportCells::Completed).default(0))
                    .col(integer(ReportCells::Expiring).default(0))
                    .col(integer(ReportCells::Expired).default(0))
                    .col(integer(ReportCells::InProgress).default(0))
                    .col(integer(ReportCells::Overdue).default(0))
                    .col(integer(ReportCells::Required).default(0))
                    .col(date(ReportCells::ComputedOn))
                    .primary_key(
                        Index::create()
                            .col(ReportCells::DepartmentId)
                            .col(ReportCells::CourseId),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_report_cells_computed_on",
            ReportCells::Table,
            &[ReportCells::ComputedOn],
        )
        .await?;
        index(
            manager,
            "idx_assignments_course_due",
            Assignments::Table,
            &[Assignments::CourseId, Assignments::DueOn],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_assignments_course_due")
                    .table(Assignments::Table)
                    .to_owned(),
            )
            .await?;
        for table in [
            ReportCells::Table.into_iden(),
            CourseStatus::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(*c);
    }
    manager.create_index(stmt.to_owned()).await
}
