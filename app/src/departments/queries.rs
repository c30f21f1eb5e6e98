//! Departments: the organisation as a tree (directie → afdeling → team).
//!
//! Besides [`ensure`] (seeding and imports), the admin's changes to the tree
//! live here: [`create`], [`update`] (rename, new code, move), [`delete`],
//! and [`move_user`] (a person to another department). Each runs in one
//! transaction on the writer, takes the report lock first (so two moves can
//! never make a cycle together, and report maintenance never interleaves),
//! keeps `course_status` exact through [`crate::ssr::report_summary`], and writes an
//! audit entry in the same transaction.

use super::types::{delete_blocked, DeptOption, DeptRow, Refusal};
use crate::error::{AppError, Missing};
use crate::ssr::entities::{assignments, departments, users};
use crate::ssr::{audit, report_summary, sql};
use chrono::Utc;
use domain::report::tree::DeptTree;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// Longest department name and code accepted: the same as an employee import
/// accepts, so a department the import made can be renamed on the form.
pub const MAX_NAME_CHARS: usize = domain::hr_import::MAX_NAME_CHARS;
pub const MAX_CODE_CHARS: usize = domain::hr_import::MAX_CODE_CHARS;

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

/// What an admin fills in for a department.
#[derive(Debug, Clone)]
pub struct DeptInput {
    pub name: String,
    /// Empty or `None`: no code.
    pub code: Option<String>,
    /// `None`: a top-level department.
    pub parent_id: Option<i32>,
}

/// One row of a `SELECT department_id, COUNT(*) AS n … GROUP BY` query.
#[derive(FromQueryResult)]
struct DepartmentCount {
    department_id: Option<i32>,
    n: i64,
}

/// `department id → count` of a `SELECT department_id, COUNT(*) AS n …
/// GROUP BY department_id` query (people without a department left out).
async fn counts_by_department(
    db: &impl ConnectionTrait,
    query: &str,
) -> Result<HashMap<i32, u64>, DbErr> {
    let backend = db.get_database_backend();
    let rows = DepartmentCount::find_by_statement(sql::sql(backend, query, vec![]))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.department_id?, u64::try_from(r.n).unwrap_or(0))))
        .collect())
}

/// Active people per department (not counting sub-departments).
pub async fn active_people_by_department(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i32, u64>, DbErr> {
    counts_by_department(
        db,
        "SELECT department_id, COUNT(*) AS n FROM users WHERE active GROUP BY department_id",
    )
    .await
}

/// Every department in tree order with its figures, for the admin page.
pub async fn overview(db: &impl ConnectionTrait) -> Result<Vec<DeptRow>, DbErr> {
    let tree = report_summary::department_tree(db).await?;
    let active = active_people_by_department(db).await?;
    let all = counts_by_department(
        db,
        "SELECT department_id, COUNT(*) AS n FROM users GROUP BY department_id",
    )
    .await?;
    let assigned = counts_by_department(
        db,
        "SELECT department_id, COUNT(*) AS n FROM assignments GROUP BY department_id",
    )
    .await?;
    Ok(tree
        .preorder()
        .into_iter()
        .filter_map(|(id, depth)| {
            let node = tree.get(id)?;
            let parent = tree.parent(id);
            Some(DeptRow {
                id,
                name: node.name.clone(),
                code: node.code.clone(),
                depth,
                parent_id: parent,
                parent_name: parent.and_then(|p| tree.get(p)).map(|p| p.name.clone()),
                path: tree.path_name(id),
                active_people: active.get(&id).copied().unwrap_or(0),
                people: all.get(&id).copied().unwrap_or(0),
                children: tree.children(id).len(),
                assignments: assigned.get(&id).copied().unwrap_or(0),
            })
        })
        .collect())
}

/// The departments in tree order with their depth, for a select list.
pub async fn options(db: &impl ConnectionTrait) -> Result<Vec<DeptOption>, DbErr> {
    let tree = report_summary::department_tree(db).await?;
    Ok(tree_options(&tree))
}

pub fn tree_options(tree: &DeptTree) -> Vec<DeptOption> {
    tree.preorder()
        .into_iter()
        .filter_map(|(id, depth)| {
            tree.get(id).map(|n| DeptOption {
                id,
                name: n.name.clone(),
                depth,
            })
        })
        .collect()
}

fn clean_name(name: &str) -> Result<String, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Refusal::NameMissing.into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Refusal::NameTooLong {
            max: MAX_NAME_CHARS,
        }
        .into());
    }
    Ok(name)
}

fn clean_code(code: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(Refusal::CodeTooLong {
            max: MAX_CODE_CHARS,
        }
        .into());
    }
    if code.chars().any(char::is_whitespace) {
        return Err(Refusal::CodeSpaces.into());
    }
    Ok(Some(code.to_string()))
}

/// Check name, code and parent against the current tree. `id` is the
/// department being changed (`None` for a new one).
fn validate(tree: &DeptTree, id: Option<i32>, input: &DeptInput) -> Result<DeptInput, AppError> {
    let name = clean_name(&input.name)?;
    let code = clean_code(input.code.as_deref())?;
    if let Some(p) = input.parent_id {
        if tree.get(p).is_none() {
            return Err(Refusal::ParentGone.into());
        }
    }
    if let Some(id) = id {
        if tree.would_create_cycle(id, input.parent_id) {
            let name = |d: Option<i32>| {
                d.and_then(|d| tree.get(d))
                    .map(|n| n.name.clone())
                    .unwrap_or_default()
            };
            return Err(if input.parent_id == Some(id) {
                Refusal::UnderItself {
                    name: name(Some(id)),
                }
            } else {
                Refusal::Cycle {
                    own: name(Some(id)),
                    target: name(input.parent_id),
                }
            }
            .into());
        }
    }
    let others = || tree.nodes().filter(|n| Some(n.id) != id);
    if let Some(code) = &code {
        if let Some(other) = others().find(|n| {
            n.code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
        }) {
            return Err(Refusal::CodeTaken {
                code: code.clone(),
                other: other.name.clone(),
            }
            .into());
        }
    }
    let lower = name.to_lowercase();
    if others().any(|n| tree.parent(n.id) == input.parent_id && n.name.to_lowercase() == lower) {
        return Err(Refusal::NameTaken {
            name,
            parent: input
                .parent_id
                .and_then(|p| tree.get(p))
                .map(|p| p.name.clone()),
        }
        .into());
    }
    Ok(DeptInput {
        name,
        code,
        parent_id: input.parent_id,
    })
}

/// Add a department.
pub async fn create(
    writer: &DatabaseConnection,
    actor_id: i32,
    input: DeptInput,
) -> Result<departments::Model, AppError> {
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let tree = report_summary::department_tree(&txn).await?;
    let input = validate(&tree, None, &input)?;
    let dept = departments::ActiveModel {
        parent_id: Set(input.parent_id),
        name: Set(input.name.clone()),
        code: Set(input.code.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor_id),
        "department_create",
        &format!("department:{}", dept.id),
        serde_json::json!({
            "name": dept.name,
            "code": dept.code,
            "parent_id": dept.parent_id,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(dept)
}

/// Rename a department, change its code, or move it under another parent.
/// A move into its own subtree is refused. A move changes who falls under
/// assignments "with sub-departments", so every assigned course's due dates
/// are recomputed in the same transaction.
pub async fn update(
    writer: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    input: DeptInput,
) -> Result<departments::Model, AppError> {
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let Some(before) = departments::Entity::find_by_id(id).one(&txn).await? else {
        return Err(AppError::NotFound(Missing::Department));
    };
    let tree = report_summary::department_tree(&txn).await?;
    let input = validate(&tree, Some(id), &input)?;
    let moved = before.parent_id != input.parent_id;
    let mut active: departments::ActiveModel = before.clone().into();
    active.name = Set(input.name.clone());
    active.code = Set(input.code.clone());
    active.parent_id = Set(input.parent_id);
    let after = active.update(&txn).await?;
    if moved {
        for course in assigned_courses(&txn).await? {
            report_summary::apply_assignments(&txn, &course).await?;
        }
    }
    audit::record(
        &txn,
        Some(actor_id),
        "department_update",
        &format!("department:{id}"),
        serde_json::json!({
            "before": { "name": before.name, "code": before.code, "parent_id": before.parent_id },
            "after": { "name": after.name, "code": after.code, "parent_id": after.parent_id },
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Delete a department that has no people (active or not), no
/// sub-departments and no assignments. Completion records that name it keep
/// their department name.
pub async fn delete(writer: &DatabaseConnection, actor_id: i32, id: i32) -> Result<(), AppError> {
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let Some(dept) = departments::Entity::find_by_id(id).one(&txn).await? else {
        return Err(AppError::NotFound(Missing::Department));
    };
    let people = users::Entity::find()
        .filter(users::Column::DepartmentId.eq(id))
        .count(&txn)
        .await?;
    let children = departments::Entity::find()
        .filter(departments::Column::ParentId.eq(id))
        .count(&txn)
        .await?;
    let assigned = assignments::Entity::find()
        .filter(assignments::Column::DepartmentId.eq(id))
        .count(&txn)
        .await?;
    if let Some(refusal) = delete_blocked(&dept.name, people, children, assigned) {
        return Err(refusal.into());
    }
    departments::Entity::delete_by_id(id).exec(&txn).await?;
    // Its (empty) report cells go too.
    report_summary::refresh_cells(
        &txn,
        report_summary::Cells::Departments(&[Some(id)]),
        report_summary::today(),
    )
    .await?;
    audit::record(
        &txn,
        Some(actor_id),
        "department_delete",
        &format!("department:{id}"),
        serde_json::json!({ "name": dept.name, "code": dept.code, "parent_id": dept.parent_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Move a person (by e-mail address or personeelsnummer) to another
/// department, or to none. Their completion records keep the department
/// they were earned in; `course_status` and the report cells follow the
/// move in the same transaction. Returns the person.
pub async fn move_user(
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    actor_id: i32,
    person: &str,
    department_id: Option<i32>,
) -> Result<users::Model, AppError> {
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let user = crate::assignments::queries::find_person(&txn, person).await?;
    if let Some(d) = department_id {
        if departments::Entity::find_by_id(d)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(Refusal::DepartmentGone.into());
        }
    }
    if user.department_id == department_id {
        return Err(Refusal::AlreadyThere {
            name: user.display_name,
        }
        .into());
    }
    let from = user.department_id;
    let mut active: users::ActiveModel = user.into();
    active.department_id = Set(department_id);
    active.updated_at = Set(Utc::now());
    let user = active.update(&txn).await?;
    report_summary::users_changed(&txn, &[user.id]).await?;
    audit::record(
        &txn,
        Some(actor_id),
        "user_move",
        &format!("user:{}", user.id),
        serde_json::json!({ "from": from, "to": department_id }),
    )
    .await?;
    txn.commit().await?;
    sessions.forget_all();
    Ok(user)
}

/// The courses that have assignments.
async fn assigned_courses(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    assignments::Entity::find()
        .select_only()
        .column(assignments::Column::CourseId)
        .distinct()
        .into_tuple()
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::report::tree::DeptNode;

    fn tree() -> DeptTree {
        let n = |id, parent_id, name: &str, code: &str| DeptNode {
            id,
            parent_id,
            name: name.into(),
            code: Some(code.into()),
        };
        DeptTree::new(vec![
            n(1, None, "Gemeente", "GEM"),
            n(2, Some(1), "Directie", "DIR"),
            n(3, Some(2), "Team", "T"),
        ])
    }

    fn input(name: &str, code: Option<&str>, parent_id: Option<i32>) -> DeptInput {
        DeptInput {
            name: name.into(),
            code: code.map(Into::into),
            parent_id,
        }
    }

    #[test]
    fn names_and_codes_are_cleaned() {
        let ok = validate(
            &tree(),
            None,
            &input("  Nieuw   team ", Some(" NT "), Some(2)),
        )
        .unwrap();
        assert_eq!(ok.name, "Nieuw team");
        assert_eq!(ok.code.as_deref(), Some("NT"));
        let no_code = validate(&tree(), None, &input("X", Some("  "), None)).unwrap();
        assert_eq!(no_code.code, None);
        assert!(validate(&tree(), None, &input("  ", None, None)).is_err());
        assert!(validate(&tree(), None, &input("X", Some("A B"), None)).is_err());
    }

    #[test]
    fn codes_are_unique_and_names_unique_among_siblings() {
        let t = tree();
        let refused = |r: Result<DeptInput, AppError>| match r {
            Err(AppError::Refused(crate::error::Refusal::Departments(r))) => Some(r),
            _ => None,
        };
        assert_eq!(
            refused(validate(&t, None, &input("Y", Some("dir"), None))),
            Some(Refusal::CodeTaken {
                code: "dir".into(),
                other: "Directie".into()
            })
        );
        // The department itself may keep its code and name.
        assert!(validate(&t, Some(2), &input("Directie", Some("DIR"), Some(1))).is_ok());
        let taken = validate(&t, None, &input("team", None, Some(2)));
        assert_eq!(
            taken.as_ref().map_err(AppError::status_code).err(),
            Some(409)
        );
        assert_eq!(
            refused(taken),
            Some(Refusal::NameTaken {
                name: "team".into(),
                parent: Some("Directie".into())
            })
        );
        assert!(validate(&t, None, &input("Team", None, Some(1))).is_ok());
    }

    #[test]
    fn moves_into_the_own_subtree_are_refused() {
        let t = tree();
        let err = validate(&t, Some(2), &input("Directie", None, Some(3))).unwrap_err();
        assert!(
            err.message(crate::i18n::Locale::nl)
                .contains("valt zelf onder Directie"),
            "{err:?}"
        );
        assert!(validate(&t, Some(2), &input("Directie", None, Some(2))).is_err());
        assert!(validate(&t, Some(3), &input("Team", None, None)).is_ok());
        assert!(validate(&t, Some(3), &input("Team", None, Some(9))).is_err());
    }

    #[test]
    fn messages_are_made_in_the_language_they_are_shown_in() {
        use crate::i18n::Locale;
        let t = tree();
        let taken = || validate(&t, None, &input("team", None, Some(2))).unwrap_err();
        assert_eq!(
            taken().message(Locale::nl),
            "Er is onder Directie al een afdeling met de naam team. Kies een andere naam."
        );
        assert_eq!(
            taken().message(Locale::en),
            "There is already a department called team under Directie. Choose another name."
        );
        let top = validate(&t, None, &input("Gemeente", None, None)).unwrap_err();
        assert_eq!(
            top.message(Locale::nl),
            "Er is op het hoogste niveau al een afdeling met de naam Gemeente. Kies een andere \
             naam."
        );
        let cycle = || validate(&t, Some(2), &input("Directie", None, Some(3))).unwrap_err();
        assert_eq!(
            cycle().message(Locale::nl),
            "Je kunt Directie niet onder Team hangen, want Team valt zelf onder Directie. Kies \
             een andere bovenliggende afdeling."
        );
        assert_eq!(
            cycle().message(Locale::en),
            "You cannot put Directie under Team, because Team itself falls under Directie. \
             Choose another parent department."
        );
    }
}
