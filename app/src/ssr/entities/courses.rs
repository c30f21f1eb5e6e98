use sea_orm::entity::prelude::*;

/// A course as last synced from content. Never deleted: a course that left
/// the content folder is marked inactive, so its records keep their meaning.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub title: String,
    pub language: String,
    pub version: String,
    pub pass_score: i16,
    pub certificate: bool,
    pub valid_for_months: Option<i32>,
    pub active: bool,
    pub synced_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
