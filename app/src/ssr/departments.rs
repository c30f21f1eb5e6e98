//! Departments: the organisation as a tree (directie → afdeling → team).

use super::entities::departments;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

/// Find a department by its code, or create it under `parent`.
pub async fn ensure(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    parent_id: Option<i32>,
) -> Result<departments::Model, DbErr> {
    if let Some(existing) = departments::Entity::find()
        .filter(departments::Column::Code.eq(code))
        .one(db)
        .await?
    {
        return Ok(existing);
    }
    departments::ActiveModel {
        parent_id: Set(parent_id),
        name: Set(name.to_string()),
        code: Set(Some(code.to_string())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}
