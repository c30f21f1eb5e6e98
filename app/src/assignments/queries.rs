//! Mandatory training: HR assigns a course to a department (optionally with
//! its sub-departments) or to one person, with a due date.
//!
//! Creating or deleting an assignment runs in one transaction on the writer:
//! the row, then [`report_summary::apply_assignments`] for the course (so
//! `course_status.due_on`/`next_due_on` and the report cells are exact at
//! commit), then the audit entry.

use super::types::{AssignedTo, AssignmentRow, Refusal};
use crate::error::{AppError, Missing};
use crate::ssr::entities::{assignments, course_status, courses, users};
use crate::ssr::sql::{date, day};
use crate::ssr::{accounts, audit, report_summary};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use std::collections::HashMap;

/// Who an assignment is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Department {
        id: i32,
        include_subdepartments: bool,
    },
    /// An e-mail address or a personeelsnummer.
    Person(String),
}

/// A person by e-mail address (when the text holds an `@`) or by
/// personeelsnummer, with a message when there is no such person.
pub async fn find_person(db: &impl ConnectionTrait, text: &str) -> Result<users::Model, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::PersonMissing.into());
    }
    let found = if text.contains('@') {
        accounts::find_by_email(db, text).await?
    } else {
        users::Entity::find()
            .filter(users::Column::EmployeeNumber.eq(text))
            .one(db)
            .await?
    };
    found.ok_or_else(|| {
        Refusal::PersonUnknown {
            text: text.to_string(),
        }
        .into()
    })
}

/// Parse a date from `<input type="date">` (`JJJJ-MM-DD`).
pub fn parse_due(text: &str) -> Result<NaiveDate, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::DueMissing.into());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
        // Years outside 1–9999 are no due date either.
        .filter(|d| date(*d).is_some())
        .ok_or_else(|| {
            Refusal::DueInvalid {
                text: text.to_string(),
            }
            .into()
        })
}

/// Add an assignment. The course must be active, the department or person
/// must exist (a person must also be active), and the due date must be today
/// or later.
pub async fn create(
    writer: &DatabaseConnection,
    actor_id: i32,
    course_id: &str,
    target: Target,
    due_on: NaiveDate,
) -> Result<assignments::Model, AppError> {
    let today = report_summary::today();
    if due_on < today {
        return Err(Refusal::DueInPast { date: day(due_on)? }.into());
    }
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let course = courses::Entity::find_by_id(course_id.to_string())
        .filter(courses::Column::Active.eq(true))
        .one(&txn)
        .await?
        .ok_or(Refusal::CourseUnknown)?;
    let (department_id, user_id, include_subdepartments, label) = match target {
        Target::Department {
            id,
            include_subdepartments,
        } => {
            let tree = report_summary::department_tree(&txn).await?;
            if tree.get(id).is_none() {
                return Err(Refusal::DepartmentGone.into());
            }
            (Some(id), None, include_subdepartments, tree.path_name(id))
        }
        Target::Person(text) => {
            let user = find_person(&txn, &text).await?;
            if !user.active {
                return Err(Refusal::PersonInactive {
                    name: user.display_name,
                }
                .into());
            }
            (None, Some(user.id), false, user.display_name)
        }
    };
    let mut same = assignments::Entity::find().filter(assignments::Column::CourseId.eq(&course.id));
    same = match (department_id, user_id) {
        (Some(d), _) => same
            .filter(assignments::Column::DepartmentId.eq(d))
            .filter(assignments::Column::IncludeSubdepartments.eq(include_subdepartments)),
        (None, Some(u)) => same.filter(assignments::Column::UserId.eq(u)),
        (None, None) => same,
    };
    if let Some(existing) = same.one(&txn).await? {
        return Err(Refusal::Exists {
            course: course.title,
            target: label,
            date: day(existing.due_on)?,
        }
        .into());
    }
    let row = assignments::ActiveModel {
        course_id: Set(course.id.clone()),
        department_id: Set(department_id),
        user_id: Set(user_id),
        include_subdepartments: Set(include_subdepartments),
        due_on: Set(due_on),
        assigned_by: Set(Some(actor_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    report_summary::apply_assignments(&txn, &course.id).await?;
    audit::record(
        &txn,
        Some(actor_id),
        "assignment_create",
        &format!("assignment:{}", row.id),
        serde_json::json!({
            "course_id": row.course_id,
            "department_id": row.department_id,
            "user_id": row.user_id,
            "include_subdepartments": row.include_subdepartments,
            "due_on": row.due_on.to_string(),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Remove an assignment and recompute its course's due dates.
pub async fn delete(writer: &DatabaseConnection, actor_id: i32, id: i32) -> Result<(), AppError> {
    let txn = writer.begin().await?;
    report_summary::lock(&txn).await?;
    let Some(row) = assignments::Entity::find_by_id(id).one(&txn).await? else {
        return Err(AppError::NotFound(Missing::Assignment));
    };
    assignments::Entity::delete_by_id(id).exec(&txn).await?;
    report_summary::apply_assignments(&txn, &row.course_id).await?;
    audit::record(
        &txn,
        Some(actor_id),
        "assignment_delete",
        &format!("assignment:{id}"),
        serde_json::json!({
            "course_id": row.course_id,
            "department_id": row.department_id,
            "user_id": row.user_id,
            "include_subdepartments": row.include_subdepartments,
            "due_on": row.due_on.to_string(),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every assignment, by course title and due date, with who it covers.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<AssignmentRow>, DbErr> {
    let rows = assignments::Entity::find()
        .order_by_asc(assignments::Column::DueOn)
        .order_by_asc(assignments::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let tree = report_summary::department_tree(db).await?;
    let active = crate::departments::queries::active_people_by_department(db).await?;
    let titles: HashMap<String, String> = courses::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut user_ids: Vec<i32> = rows
        .iter()
        .flat_map(|r| [r.user_id, r.assigned_by])
        .flatten()
        .collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut out = rows
        .into_iter()
        .map(|a| {
            let (assigned_to, covers) = match (a.user_id, a.department_id) {
                (Some(u), _) => match people.get(&u) {
                    Some(p) => (
                        AssignedTo::Person {
                            name: p.display_name.clone(),
                            email: p.email.clone(),
                        },
                        u64::from(p.active),
                    ),
                    None => (AssignedTo::Unknown, 0),
                },
                (None, Some(d)) => {
                    let depts = if a.include_subdepartments {
                        tree.subtree(d)
                    } else {
                        vec![d]
                    };
                    let covers = depts.iter().filter_map(|d| active.get(d)).sum();
                    let sub = (!tree.children(d).is_empty()).then_some(a.include_subdepartments);
                    let path = tree.path_name(d);
                    (AssignedTo::Department { path, sub }, covers)
                }
                (None, None) => (AssignedTo::Unknown, 0),
            };
            Ok(AssignmentRow {
                id: a.id,
                course_title: titles
                    .get(&a.course_id)
                    .cloned()
                    .unwrap_or_else(|| a.course_id.clone()),
                course_id: a.course_id,
                assigned_to,
                due_on: crate::ssr::sql::date(a.due_on).ok_or_else(|| {
                    DbErr::Custom(format!("assignment {}: due date out of range", a.id))
                })?,
                overdue: a.due_on < report_summary::today(),
                assigned_by: a
                    .assigned_by
                    .and_then(|u| people.get(&u))
                    .map(|p| p.display_name.clone()),
                covers,
            })
        })
        .collect::<Result<Vec<AssignmentRow>, DbErr>>()?;
    // Stable: within a course, the due-date order of the query stays.
    out.sort_by_key(|r| r.course_title.to_lowercase());
    Ok(out)
}

/// One mandatory course of one learner, as `course_status` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandatory {
    pub course_id: String,
    /// The earliest due date of the assignments that cover the learner.
    pub due_on: NaiveDate,
    /// The day by which the learner must (again) hold a valid record: the
    /// due date without a record, the later of due date and expiry with
    /// one; `None` when they hold a record that never expires (nothing to do).
    pub next_due_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// The learner's mandatory courses with all their dates, soonest first.
pub async fn mandatory_for_user(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<Mandatory>, DbErr> {
    let mut out: Vec<Mandatory> = course_status::Entity::find()
        .filter(course_status::Column::UserId.eq(user_id))
        .filter(course_status::Column::DueOn.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            Some(Mandatory {
                due_on: s.due_on?,
                course_id: s.course_id,
                next_due_on: s.next_due_on,
                completed_on: s.completed_on,
                valid_until: s.valid_until,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.next_due_on.unwrap_or(a.due_on), &a.course_id)
            .cmp(&(b.next_due_on.unwrap_or(b.due_on), &b.course_id))
    });
    Ok(out)
}

/// The learner's mandatory courses with the date that matters for them,
/// soonest first: `next_due_on` (the day by which they must (again) hold a
/// valid record), or the assignment's `due_on` when they already hold a
/// record that never expires. Use [`mandatory_for_user`] to tell those apart.
pub async fn due_for_user(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<(String, NaiveDate)>, DbErr> {
    Ok(mandatory_for_user(db, user_id)
        .await?
        .into_iter()
        .map(|m| {
            let due = m.next_due_on.unwrap_or(m.due_on);
            (m.course_id, due)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_parse_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(parse_due("2026-12-31").unwrap(), d);
        assert_eq!(parse_due(" 31-12-2026 ").unwrap(), d);
        assert!(parse_due("").is_err());
        assert!(parse_due("2026-02-30").is_err());
    }
}
