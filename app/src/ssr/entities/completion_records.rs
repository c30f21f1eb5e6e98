use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "completion_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// The learner's pass through the course (see migration 3).
    pub round: i32,
    pub course_id: String,
    pub course_version: String,
    pub course_title: String,
    pub score_percent: f64,
    pub completed_at: DateTimeUtc,
    pub department_id: Option<i32>,
    pub department_name: Option<String>,
    pub expires_at: Option<Date>,
    pub verification_code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
