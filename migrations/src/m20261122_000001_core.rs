//! The core model: people and their departments, courses synced from content,
//! what learners did (enrollments, module progress, answers, exam attempts,
//! reflections), what HR assigned, the completion records, sessions and the
//! audit log.
//!
//! Nothing here cascades a delete into learning history: a course or module
//! that disappears from content is marked inactive by the sync, never removed,
//! and users are deactivated rather than deleted, because completion records
//! are evidence that must survive.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Departments {
    Table,
    Id,
    ParentId,
    Name,
    Code,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    DepartmentId,
    EmployeeNumber,
    Locale,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum UserRoles {
    Table,
    UserId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
    Title,
    Language,
    Version,
    PassScore,
    Certificate,
    ValidForMonths,
    Active,
    SyncedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CourseModules {
    Table,
    CourseId,
    ModuleId,
    Title,
    Position,
    Kind,
    ContentHash,
    Active,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
    Id,
    CourseId,
    DepartmentId,
    UserId,
    IncludeSubdepartments,
    DueOn,
    AssignedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Enrollments {
    Table,
    Id,
    UserId,
    CourseId,
    StartedAt,
    CompletedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ModuleProgress {
    Table,
    UserId,
    CourseId,
    ModuleId,
    Status,
    ContentHash,
    MarkedReadAt,
    CompletedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum QuestionAnswers {
    Table,
    Id,
    UserId,
    CourseId,
    ModuleId,
    QuestionId,
    AttemptId,
    Response,
    Fraction,
    Correct,
    FirstTry,
    ContentHash,
    AnsweredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ExamAttempts {
    Table,
    Id,
    UserId,
    CourseId,
    ModuleId,
    Number,
    ContentHash,
    Shown,
    StartedAt,
    SubmittedAt,
    ScorePercent,
    Passed,
}

#[derive(DeriveIden, Clone, Copy)]
enum AttemptGrants {
    Table,
    Id,
    UserId,
    CourseId,
    ModuleId,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Reflections {
    Table,
    UserId,
    CourseId,
    ModuleId,
    ReflectionId,
    Body,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CompletionRecords {
    Table,
    Id,
    UserId,
    CourseId,
    CourseVersion,
    CourseTitle,
    ScorePercent,
    CompletedAt,
    DepartmentId,
    DepartmentName,
    ExpiresAt,
    VerificationCode,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Subject,
    Details,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Departments::Table)
                    .col(pk_auto(Departments::Id))
                    .col(integer_null(Departments::ParentId))
                    .col(string(Departments::Name))
                    .col(string_null(Departments::Code).unique_key())
                    .col(timestamp_with_time_zone(Departments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Departments::Table, Departments::ParentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_departments_parent",
            Departments::Table,
            &[Departments::ParentId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::DisplayName))
                    .col(string_null(Users::PasswordHash))
                    .col(integer_null(Users::DepartmentId))
                    .col(string_null(Users::EmployeeNumber).unique_key())
                    .col(string_len(Users::Locale, 8).default("nl"))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::DepartmentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_users_department",
            Users::Table,
            &[Users::DepartmentId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(integer(UserRoles::UserId))
                    .col(string_len(UserRoles::Role, 16))
                    .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    // SHA-256 of the cookie's token: a stolen database copy yields no usable session.
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_sessions_user",
            Sessions::Table,
            &[Sessions::UserId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Courses::Table)
                    .col(string_len(Courses::Id, 100).primary_key())
                    .col(string(Courses::Title))
                    .col(string_len(Courses::Language, 8))
                    .col(string_len(Courses::Version, 64))
                    .col(small_integer(Courses::PassScore))
                    .col(boolean(Courses::Certificate))
                    .col(integer_null(Courses::ValidForMonths))
                    .col(boolean(Courses::Active).default(true))
                    .col(timestamp_with_time_zone(Courses::SyncedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CourseModules::Table)
                    .col(string_len(CourseModules::CourseId, 100))
                    .col(string_len(CourseModules::ModuleId, 100))
                    .col(string(CourseModules::Title))
                    .col(integer(CourseModules::Position))
                    .col(string_len(CourseModules::Kind, 16))
                    .col(string_len(CourseModules::ContentHash, 64))
                    .col(boolean(CourseModules::Active).default(true))
                    .primary_key(
                        Index::create()
                            .col(CourseModules::CourseId)
                            .col(CourseModules::ModuleId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CourseModules::Table, CourseModules::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Assignments::Table)
                    .col(pk_auto(Assignments::Id))
                    .col(string_len(Assignments::CourseId, 100))
                    .col(integer_null(Assignments::DepartmentId))
                    .col(integer_null(Assignments::UserId))
                    .col(boolean(Assignments::IncludeSubdepartments).default(true))
                    .col(date(Assignments::DueOn))
                    .col(integer_null(Assignments::AssignedBy))
                    .col(timestamp_with_time_zone(Assignments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::DepartmentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::AssignedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_assignments_course",
            Assignments::Table,
            &[Assignments::CourseId],
        )
        .await?;
        index(
            manager,
            "idx_assignments_department",
            Assignments::Table,
            &[Assignments::DepartmentId],
        )
        .await?;
        index(
            manager,
            "idx_assignments_user",
            Assignments::Table,
            &[Assignments::UserId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Enrollments::Table)
                    .col(pk_auto(Enrollments::Id))
                    .col(integer(Enrollments::UserId))
                    .col(string_len(Enrollments::CourseId, 100))
                    .col(timestamp_with_time_zone(Enrollments::StartedAt))
                    .col(timestamp_with_time_zone_null(Enrollments::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrollments::Table, Enrollments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrollments::Table, Enrollments::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "uq_enrollments_user_course",
            Enrollments::Table,
            &[Enrollments::UserId, Enrollments::CourseId],
        )
        .await?;
        index(
            manager,
            "idx_enrollments_course",
            Enrollments::Table,
            &[Enrollments::CourseId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ModuleProgress::Table)
                    .col(integer(ModuleProgress::UserId))
                    .col(string_len(ModuleProgress::CourseId, 100))
                    .col(string_len(ModuleProgress::ModuleId, 100))
                    .col(string_len(ModuleProgress::Status, 16))
                    .col(string_len(ModuleProgress::ContentHash, 64))
                    .col(timestamp_with_time_zone_null(ModuleProgress::MarkedReadAt))
                    .col(timestamp_with_time_zone_null(ModuleProgress::CompletedAt))
                    .col(timestamp_with_time_zone(ModuleProgress::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(ModuleProgress::UserId)
                            .col(ModuleProgress::CourseId)
                            .col(ModuleProgress::ModuleId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModuleProgress::Table, ModuleProgress::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExamAttempts::Table)
                    .col(pk_auto(ExamAttempts::Id))
                    .col(integer(ExamAttempts::UserId))
                    .col(string_len(ExamAttempts::CourseId, 100))
                    .col(string_len(ExamAttempts::ModuleId, 100))
                    .col(integer(ExamAttempts::Number))
                    .col(string_len(ExamAttempts::ContentHash, 64))
                    // JSON: the question ids and option orders this attempt showed.
                    .col(text(ExamAttempts::Shown))
                    .col(timestamp_with_time_zone(ExamAttempts::StartedAt))
                    .col(timestamp_with_time_zone_null(ExamAttempts::SubmittedAt))
                    .col(double_null(ExamAttempts::ScorePercent))
                    .col(boolean_null(ExamAttempts::Passed))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExamAttempts::Table, ExamAttempts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "uq_exam_attempts_number",
            ExamAttempts::Table,
            &[
                ExamAttempts::UserId,
                ExamAttempts::CourseId,
                ExamAttempts::ModuleId,
                ExamAttempts::Number,
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuestionAnswers::Table)
                    .col(big_pk_auto(QuestionAnswers::Id))
                    .col(integer(QuestionAnswers::UserId))
                    .col(string_len(QuestionAnswers::CourseId, 100))
                    .col(string_len(QuestionAnswers::ModuleId, 100))
                    .col(string_len(QuestionAnswers::QuestionId, 100))
                    .col(integer_null(QuestionAnswers::AttemptId))
                    // JSON of `domain::grading::Response`: exactly what the learner answered.
                    .col(text(QuestionAnswers::Response))
                    .col(double(QuestionAnswers::Fraction))
                    .col(boolean(QuestionAnswers::Correct))
                    .col(boolean(QuestionAnswers::FirstTry))
                    .col(string_len(QuestionAnswers::ContentHash, 64))
                    .col(timestamp_with_time_zone(QuestionAnswers::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuestionAnswers::Table, QuestionAnswers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuestionAnswers::Table, QuestionAnswers::AttemptId)
                            .to(ExamAttempts::Table, ExamAttempts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_answers_user_module",
            QuestionAnswers::Table,
            &[
                QuestionAnswers::UserId,
                QuestionAnswers::CourseId,
                QuestionAnswers::ModuleId,
            ],
        )
        .await?;
        index(
            manager,
            "idx_answers_attempt",
            QuestionAnswers::Table,
            &[QuestionAnswers::AttemptId],
        )
        .await?;
        index(
            manager,
            "idx_answers_question",
            QuestionAnswers::Table,
            &[
                QuestionAnswers::CourseId,
                QuestionAnswers::ModuleId,
                QuestionAnswers::QuestionId,
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttemptGrants::Table)
                    .col(pk_auto(AttemptGrants::Id))
                    .col(integer(AttemptGrants::UserId))
                    .col(string_len(AttemptGrants::CourseId, 100))
                    .col(string_len(AttemptGrants::ModuleId, 100))
                    .col(integer_null(AttemptGrants::GrantedBy))
                    .col(timestamp_with_time_zone(AttemptGrants::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttemptGrants::Table, AttemptGrants::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_attempt_grants_user",
            AttemptGrants::Table,
            &[
                AttemptGrants::UserId,
                AttemptGrants::CourseId,
                AttemptGrants::ModuleId,
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reflections::Table)
                    .col(integer(Reflections::UserId))
                    .col(string_len(Reflections::CourseId, 100))
                    .col(string_len(Reflections::ModuleId, 100))
                    .col(string_len(Reflections::ReflectionId, 100))
                    .col(text(Reflections::Body))
                    .col(timestamp_with_time_zone(Reflections::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(Reflections::UserId)
                            .col(Reflections::CourseId)
                            .col(Reflections::ModuleId)
                            .col(Reflections::ReflectionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reflections::Table, Reflections::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CompletionRecords::Table)
                    .col(pk_auto(CompletionRecords::Id))
                    .col(integer(CompletionRecords::UserId))
                    .col(string_len(CompletionRecords::CourseId, 100))
                    .col(string_len(CompletionRecords::CourseVersion, 64))
                    // Snapshots: a record states what was true when it was earned.
                    .col(string(CompletionRecords::CourseTitle))
                    .col(double(CompletionRecords::ScorePercent))
                    .col(timestamp_with_time_zone(CompletionRecords::CompletedAt))
                    .col(integer_null(CompletionRecords::DepartmentId))
                    .col(string_null(CompletionRecords::DepartmentName))
                    .col(date_null(CompletionRecords::ExpiresAt))
                    .col(string_len_uniq(CompletionRecords::VerificationCode, 64))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompletionRecords::Table, CompletionRecords::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompletionRecords::Table, CompletionRecords::DepartmentId)
                            .to(Departments::Table, Departments::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The database itself guarantees one record per learner per course version,
        // whatever races happen above it.
        unique_index(
            manager,
            "uq_completion_records_user_course_version",
            CompletionRecords::Table,
            &[
                CompletionRecords::UserId,
                CompletionRecords::CourseId,
                CompletionRecords::CourseVersion,
            ],
        )
        .await?;
        index(
            manager,
            "idx_completion_records_course",
            CompletionRecords::Table,
            &[CompletionRecords::CourseId, CompletionRecords::CompletedAt],
        )
        .await?;
        index(
            manager,
            "idx_completion_records_department",
            CompletionRecords::Table,
            &[CompletionRecords::DepartmentId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string(AuditLog::Subject))
                    .col(text(AuditLog::Details))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::ActorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_audit_log_at",
            AuditLog::Table,
            &[AuditLog::At],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Reverse order of creation, so foreign keys never dangle.
        for table in [
            AuditLog::Table.into_iden(),
            CompletionRecords::Table.into_iden(),
            Reflections::Table.into_iden(),
            AttemptGrants::Table.into_iden(),
            QuestionAnswers::Table.into_iden(),
            ExamAttempts::Table.into_iden(),
            ModuleProgress::Table.into_iden(),
            Enrollments::Table.into_iden(),
            Assignments::Table.into_iden(),
            CourseModules::Table.into_iden(),
            Courses::Table.into_iden(),
            Sessions::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Users::Table.into_iden(),
            Departments::Table.into_iden(),
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

async fn unique_index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table).unique();
    for c in cols {
        stmt.col(*c);
    }
    manager.create_index(stmt.to_owned()).await
}
