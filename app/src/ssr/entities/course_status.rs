use sea_orm::entity::prelude::*;

/// One learner × course summary row; see `ssr::report_summary`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "course_status")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: String,
    pub department_id: Option<i32>,
    pub active: bool,
    pub started_at: Option<DateTimeUtc>,
    pub completed_on: Option<Date>,
    pub valid_until: Option<Date>,
    pub due_on: Option<Date>,
    pub next_due_on: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
