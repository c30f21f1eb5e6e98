use sea_orm::entity::prelude::*;

/// An uploaded employee file waiting for its uploader's confirmation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pending_imports")]
pub struct Model {
    /// SHA-256 (hex) of the token in the preview's address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub uploader_id: i32,
    pub file_name: String,
    pub deactivate_missing: bool,
    pub content: Vec<u8>,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
