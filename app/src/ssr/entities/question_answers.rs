use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "question_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i32,
    /// The learner's pass through the course (see migration 3).
    pub round: i32,
    pub course_id: String,
    pub module_id: String,
    pub question_id: String,
    /// `None` for lesson answers; the attempt for exam answers.
    pub attempt_id: Option<i32>,
    /// JSON of `domain::grading::Response`.
    pub response: String,
    pub fraction: f64,
    pub correct: bool,
    pub first_try: bool,
    pub content_hash: String,
    pub answered_at: DateTimeUtc,
    /// Exam answers: the score on the rest of the attempt (the other
    /// answers' fractions added up), for the item statistics; `None` for
    /// lesson answers.
    pub rest: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
