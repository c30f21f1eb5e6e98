//! The accounts as the administration page lists them. (Creating an
//! account, hashing its password and reading its roles is shared with
//! sign-in, the import and the CLI: `crate::ssr::accounts`.)

use super::types::{AccountRow, DepartmentOption};
use crate::auth::Role;
use crate::ssr::entities::{departments, user_roles, users};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};
use std::collections::HashMap;

/// Every account by name, with its department and roles; and every
/// department by name, for the new account's form.
pub async fn accounts(
    db: &impl ConnectionTrait,
) -> Result<(Vec<AccountRow>, Vec<DepartmentOption>), DbErr> {
    let depts = departments::Entity::find()
        .order_by_asc(departments::Column::Name)
        .all(db)
        .await?;
    let dept_names: HashMap<i32, String> = depts.iter().map(|d| (d.id, d.name.clone())).collect();
    let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
    for r in user_roles::Entity::find().all(db).await? {
        if let Ok(role) = r.role.parse() {
            roles.entry(r.user_id).or_default().push(role);
        }
    }
    let accounts = users::Entity::find()
        .order_by_asc(users::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| AccountRow {
            department: u.department_id.and_then(|d| dept_names.get(&d).cloned()),
            roles: roles.remove(&u.id).unwrap_or_default(),
            name: u.display_name,
            email: u.email,
            active: u.active,
        })
        .collect();
    let departments = depts
        .into_iter()
        .map(|d| DepartmentOption {
            id: d.id,
            name: d.name,
        })
        .collect();
    Ok((accounts, departments))
}
