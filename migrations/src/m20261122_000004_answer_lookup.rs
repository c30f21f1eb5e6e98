//! An index for "has this learner answered this question correctly in this
//! round?": (user, course, module, question, round). The learning rules ask
//! it once per question of a lesson after every answer; without it the
//! question was answered by reading every answer the learner ever gave in
//! the module, which grows with each retry.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum QuestionAnswers {
    Table,
    UserId,
    CourseId,
    ModuleId,
    QuestionId,
    Round,
}

const NAME: &str = "idx_answers_user_question_round";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(QuestionAnswers::Table)
                    .col(QuestionAnswers::UserId)
                    .col(QuestionAnswers::CourseId)
                    .col(QuestionAnswers::ModuleId)
                    .col(QuestionAnswers::QuestionId)
                    .col(QuestionAnswers::Round)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(QuestionAnswers::Table)
                    .to_owned(),
            )
            .await
    }
}
