//! The accounts as the administration page lists them: a page at a time,
//! searched on the server (a large municipality has 50,000 accounts).
//! (Creating an account, hashing its password and reading its roles is
//! shared with sign-in, the import and the CLI: `crate::ssr::accounts`.)

use super::types::{AccountPage, AccountRow, DepartmentOption};
use crate::auth::Role;
use crate::ssr::entities::{departments, user_roles, users};
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Accounts per page.
pub const PAGE_SIZE: u64 = 50;

/// The longest search text taken (longer is cut).
const MAX_SEARCH: usize = 100;

/// `%text%` for LIKE, lower case, with `%`, `_` and the escape itself
/// matched as themselves.
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The search as the page shows it: trimmed and at most [`MAX_SEARCH`]
/// characters.
pub fn clean_search(search: &str) -> String {
    search.trim().chars().take(MAX_SEARCH).collect()
}

/// Page `page` (from 1; past the end gives the last) of the accounts by
/// name whose name, e-mail address or employee number contains `search`
/// (any case; empty: all), with department and roles.
pub async fn accounts(
    db: &impl ConnectionTrait,
    search: &str,
    page: u32,
) -> Result<AccountPage, DbErr> {
    let search = clean_search(search);
    let mut filter = Condition::all();
    if !search.is_empty() {
        let pattern = contains_pattern(&search);
        let like = |col: users::Column| {
            use sea_orm::sea_query::ExprTrait;
            Expr::expr(Func::lower(Expr::col(col)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        filter = filter.add(
            Condition::any()
                .add(like(users::Column::DisplayName))
                .add(like(users::Column::Email))
                .add(like(users::Column::EmployeeNumber)),
        );
    }
    let total = users::Entity::find()
        .filter(filter.clone())
        .count(db)
        .await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = u64::from(page.max(1)).min(pages);
    let rows = users::Entity::find()
        .filter(filter)
        .order_by_asc(users::Column::DisplayName)
        .order_by_asc(users::Column::Id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|u| u.id).collect();
    let dept_ids: Vec<i32> = rows.iter().filter_map(|u| u.department_id).collect();
    let dept_names: HashMap<i32, String> = departments::Entity::find()
        .filter(departments::Column::Id.is_in(dept_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
    for r in user_roles::Entity::find()
        .filter(user_roles::Column::UserId.is_in(ids))
        .all(db)
        .await?
    {
        if let Ok(role) = r.role.parse() {
            roles.entry(r.user_id).or_default().push(role);
        }
    }
    let accounts = rows
        .into_iter()
        .map(|u| AccountRow {
            department: u.department_id.and_then(|d| dept_names.get(&d).cloned()),
            roles: roles.remove(&u.id).unwrap_or_default(),
            name: u.display_name,
            email: u.email,
            active: u.active,
        })
        .collect();
    Ok(AccountPage {
        accounts,
        search,
        total,
        page: page as u32,
        pages: pages as u32,
    })
}

/// Every department by name, for the new account's form.
pub async fn department_options(db: &impl ConnectionTrait) -> Result<Vec<DepartmentOption>, DbErr> {
    Ok(departments::Entity::find()
        .order_by_asc(departments::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DepartmentOption {
            id: d.id,
            name: d.name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_matches_itself_only() {
        assert_eq!(contains_pattern("Jan"), "%jan%");
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        assert_eq!(clean_search("  de Vries "), "de Vries");
        assert_eq!(clean_search(&"x".repeat(500)).len(), MAX_SEARCH);
    }
}
