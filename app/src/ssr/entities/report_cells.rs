use sea_orm::entity::prelude::*;

/// Department × course counts for one day; see `ssr::report_summary`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_cells")]
pub struct Model {
    /// 0: people without a department.
    #[sea_orm(primary_key, auto_increment = false)]
    pub department_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: String,
    pub completed: i32,
    pub expiring: i32,
    pub expired: i32,
    pub in_progress: i32,
    pub overdue: i32,
    pub required: i32,
    pub computed_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
