//! The learner × course summary (`course_status`) and the department × course
//! counts (`report_cells`) that HR reports read.
//!
//! The meaning of every figure is defined in `domain::report::status`; the
//! SQL here computes the same thing set-wise, and `server/tests/reports.rs`
//! checks the two against each other.
//!
//! **Keeping it exact.** Every write that changes what a report shows calls
//! one of the functions below in the same transaction:
//!
//! | write | call |
//! |---|---|
//! | a learner starts a course | [`started`] |
//! | a learner completes a course | [`completed`] |
//! | an assignment is added or removed | [`apply_assignments`] |
//! | people move department, are (de)activated or imported | [`users_changed`] |
//!
//! Each of them first takes the report lock ([`lock`]): on PostgreSQL a
//! transaction-scoped advisory lock, so cell recomputations never interleave
//! (each recomputation then reads everything committed before it); on SQLite
//! the single writer already serialises them. Rule: take the lock before
//! writing `course_status`, so its writers cannot deadlock each other.
//!
//! **Time.** Expiry and deadlines move with the calendar, so each cell
//! remembers the day it holds for (`computed_on`); [`ensure_fresh`] recomputes
//! every cell once when the day has changed.

use super::entities::{assignments, departments};
use super::sql::{id_list, sql};
use chrono::{NaiveDate, Utc};
use domain::report::tree::{DeptNode, DeptTree};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, TransactionTrait, Value,
};

/// How long before expiry a record counts as "verloopt binnenkort".
pub const WARNING_DAYS: i64 = domain::report::status::WARNING_DAYS;

/// Today, as reports count days (UTC).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Serialise report maintenance (see the module docs).
pub async fn lock(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Any fixed key; "report_cells" as text would need hashtext().
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7426001)")
            .await?;
    }
    Ok(())
}

/// The day by which the learner must (again) hold a valid record, per
/// `domain::report::status::next_due`: not mandatory → none; no record → the
/// due date; a record that never expires → none; otherwise the later of the
/// due date and the expiry.
const NEXT_DUE: &str = "CASE WHEN due_on IS NULL THEN NULL \
     WHEN completed_on IS NULL THEN due_on \
     WHEN valid_until IS NULL THEN NULL \
     WHEN valid_until > due_on THEN valid_until ELSE due_on END";

/// A learner has started a course (their enrollment was just created, or a
/// recertification begins) `at` the enrollment's own start, so that the
/// summary equals a rebuild from the enrollments to the microsecond.
pub async fn started(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: &str,
    department_id: Option<i32>,
    at: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    lock(db).await?;
    let backend = db.get_database_backend();
    db.execute_raw(sql(
        backend,
        "INSERT INTO course_status (user_id, course_id, department_id, active, started_at, updated_at) \
         VALUES ($1, $2, $3, TRUE, $4, $4) \
         ON CONFLICT (user_id, course_id) DO UPDATE SET \
           started_at = COALESCE(course_status.started_at, excluded.started_at), \
           updated_at = excluded.updated_at",
        vec![
            user_id.into(),
            course_id.into(),
            department_id.into(),
            at.into(),
        ],
    ))
    .await?;
    refresh_cells(db, Cells::One(department_id, course_id), today()).await
}

/// A learner has completed a course: the latest completion and its expiry.
pub async fn completed(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: &str,
    department_id: Option<i32>,
    completed_on: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<(), DbErr> {
    lock(db).await?;
    let backend = db.get_database_backend();
    db.execute_raw(sql(
        backend,
        "INSERT INTO course_status \
           (user_id, course_id, department_id, active, started_at, completed_on, valid_until, updated_at) \
         VALUES ($1, $2, $3, TRUE, NULL, $4, $5, $6) \
         ON CONFLICT (user_id, course_id) DO UPDATE SET \
           started_at = NULL, completed_on = excluded.completed_on, \
           valid_until = excluded.valid_until, updated_at = excluded.updated_at",
        vec![
            user_id.into(),
            course_id.into(),
            department_id.into(),
            completed_on.into(),
            valid_until.into(),
            Utc::now().into(),
        ],
    ))
    .await?;
    db.execute_raw(sql(
        backend,
        &format!(
            "UPDATE course_status SET next_due_on = {NEXT_DUE} WHERE user_id = $1 AND course_id = $2"
        ),
        vec![user_id.into(), course_id.into()],
    ))
    .await?;
    refresh_cells(db, Cells::One(department_id, course_id), today()).await
}

/// Load the department tree.
pub async fn department_tree(db: &impl ConnectionTrait) -> Result<DeptTree, DbErr> {
    let nodes = departments::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| DeptNode {
            id: d.id,
            parent_id: d.parent_id,
            name: d.name,
            code: d.code,
        })
        .collect();
    Ok(DeptTree::new(nodes))
}

/// Recompute the due dates of one course from its assignments: for every
/// active person an assignment covers, the earliest due date of those
/// covering them; then recount the course's cells.
pub async fn apply_assignments(db: &impl ConnectionTrait, course_id: &str) -> Result<(), DbErr> {
    lock(db).await?;
    assign_due_dates(db, course_id, None).await?;
    refresh_cells(db, Cells::Course(course_id), today()).await
}

/// The due-date part of [`apply_assignments`], without lock or recount.
async fn assign_due_dates(
    db: &impl ConnectionTrait,
    course_id: &str,
    only_users: Option<&[i32]>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let user_filter = match only_users {
        Some([]) => return Ok(()),
        Some(ids) => format!(" AND user_id IN ({})", id_list(ids)),
        None => String::new(),
    };
    let users_filter = match only_users {
        Some(ids) => format!(" AND id IN ({})", id_list(ids)),
        None => String::new(),
    };
    db.execute_raw(sql(
        backend,
        &format!(
            "UPDATE course_status SET due_on = NULL, updated_at = $2 \
             WHERE course_id = $1 AND due_on IS NOT NULL{user_filter}"
        ),
        vec![course_id.into(), Utc::now().into()],
    ))
    .await?;
    let tree = department_tree(db).await?;
    let list = assignments::Entity::find()
        .filter(assignments::Column::CourseId.eq(course_id))
        .all(db)
        .await?;
    for a in list {
        let who = match (a.user_id, a.department_id) {
            (Some(user), _) => format!("id = {user}"),
            (None, Some(dept)) => {
                let depts = if a.include_subdepartments {
                    tree.subtree(dept)
                } else {
                    vec![dept]
                };
                if depts.is_empty() {
                    continue;
                }
                format!("department_id IN ({})", id_list(&depts))
            }
            (None, None) => continue,
        };
        db.execute_raw(sql(
            backend,
            &format!(
                "INSERT INTO course_status (user_id, course_id, department_id, active, due_on, updated_at) \
                 SELECT id, $1, department_id, active, $2, $3 FROM users \
                 WHERE active AND {who}{users_filter} \
                 ON CONFLICT (user_id, course_id) DO UPDATE SET \
                   due_on = CASE WHEN course_status.due_on IS NULL OR excluded.due_on < course_status.due_on \
                                 THEN excluded.due_on ELSE course_status.due_on END, \
                   updated_at = excluded.updated_at"
            ),
            vec![course_id.into(), a.due_on.into(), Utc::now().into()],
        ))
        .await?;
    }
    db.execute_raw(sql(
        backend,
        &format!(
            "UPDATE course_status SET next_due_on = {NEXT_DUE} WHERE course_id = $1{user_filter}"
        ),
        vec![course_id.into()],
    ))
    .await?;
    Ok(())
}

/// People's department or active flag changed (an admin edit, an import):
/// copy both into their rows, recompute their due dates, and recount the
/// departments they left and joined.
pub async fn users_changed(db: &impl ConnectionTrait, user_ids: &[i32]) -> Result<(), DbErr> {
    if user_ids.is_empty() {
        return Ok(());
    }
    lock(db).await?;
    let backend = db.get_database_backend();
    let mut touched: Vec<Option<i32>> = Vec::new();
    // Work in chunks so the IN lists stay reasonable for big imports.
    for chunk in user_ids.chunks(500) {
        let ids = id_list(chunk);
        #[derive(FromQueryResult)]
        struct Touched {
            department_id: Option<i32>,
        }
        let statement = sql(
            backend,
            &format!(
                "SELECT DISTINCT department_id FROM course_status WHERE user_id IN ({ids}) \
                 UNION SELECT DISTINCT department_id FROM users WHERE id IN ({ids})"
            ),
            vec![],
        );
        for row in Touched::find_by_statement(statement).all(db).await? {
            touched.push(row.department_id);
        }
        db.execute_raw(sql(
            backend,
            &format!(
                "UPDATE course_status SET \
                   department_id = (SELECT u.department_id FROM users u WHERE u.id = course_status.user_id), \
                   active = (SELECT u.active FROM users u WHERE u.id = course_status.user_id), \
                   updated_at = $1 \
                 WHERE user_id IN ({ids})"
            ),
            vec![Utc::now().into()],
        ))
        .await?;
    }
    for course in assigned_courses(db).await? {
        for chunk in user_ids.chunks(500) {
            assign_due_dates(db, &course, Some(chunk)).await?;
        }
    }
    touched.sort();
    touched.dedup();
    refresh_cells(db, Cells::Departments(&touched), today()).await
}

/// Which cells to recount.
#[derive(Debug, Clone, Copy)]
pub enum Cells<'a> {
    All,
    Course(&'a str),
    One(Option<i32>, &'a str),
    Departments(&'a [Option<i32>]),
}

fn department_predicate(dept: Option<i32>) -> String {
    match dept {
        Some(d) => format!("department_id = {d}"),
        None => "department_id IS NULL".to_string(),
    }
}

/// Recount cells from `course_status`, as of `today`.
pub async fn refresh_cells(
    db: &impl ConnectionTrait,
    cells: Cells<'_>,
    today: NaiveDate,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let warn_until = today + chrono::Duration::days(WARNING_DAYS);
    // (predicate on course_status, predicate on report_cells, values)
    let (status_where, cells_where, mut values): (String, String, Vec<Value>) = match cells {
        Cells::All => ("TRUE".into(), "TRUE".into(), vec![]),
        Cells::Course(course) => (
            "course_id = $3".into(),
            "course_id = $1".into(),
            vec![course.into()],
        ),
        Cells::One(dept, course) => (
            format!("{} AND course_id = $3", department_predicate(dept)),
            format!("department_id = {} AND course_id = $1", dept.unwrap_or(0)),
            vec![course.into()],
        ),
        Cells::Departments(depts) => {
            if depts.is_empty() {
                return Ok(());
            }
            let status = depts
                .iter()
                .map(|d| department_predicate(*d))
                .collect::<Vec<_>>()
                .join(" OR ");
            let ids: Vec<i32> = depts.iter().map(|d| d.unwrap_or(0)).collect();
            (
                format!("({status})"),
                format!("department_id IN ({})", id_list(&ids)),
                vec![],
            )
        }
    };
    db.execute_raw(sql(
        backend,
        &format!("DELETE FROM report_cells WHERE {cells_where}"),
        values.clone(),
    ))
    .await?;
    let mut all: Vec<Value> = vec![today.into(), warn_until.into()];
    all.append(&mut values);
    db.execute_raw(sql(
        backend,
        &format!(
            "INSERT INTO report_cells \
               (department_id, course_id, completed, expiring, expired, in_progress, overdue, required, computed_on) \
             SELECT COALESCE(department_id, 0), course_id, \
               SUM(CASE WHEN {VALID} THEN 1 ELSE 0 END), \
               SUM(CASE WHEN {VALID} AND valid_until IS NOT NULL AND valid_until <= $2 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN NOT ({VALID}) AND started_at IS NULL AND completed_on IS NOT NULL THEN 1 ELSE 0 END), \
               SUM(CASE WHEN NOT ({VALID}) AND started_at IS NOT NULL THEN 1 ELSE 0 END), \
               SUM(CASE WHEN next_due_on < $1 THEN 1 ELSE 0 END), \
               SUM(CASE WHEN due_on IS NOT NULL THEN 1 ELSE 0 END), \
               $1 \
             FROM course_status WHERE active AND {status_where} \
             GROUP BY COALESCE(department_id, 0), course_id"
        ),
        all,
    ))
    .await?;
    Ok(())
}

/// A record is valid on `$1` (it expires at the start of `valid_until`).
const VALID: &str = "completed_on IS NOT NULL AND (valid_until IS NULL OR valid_until > $1)";

/// Recount every cell once the day has changed since the last count.
pub async fn ensure_fresh(
    reader: &impl ConnectionTrait,
    writer: &DatabaseConnection,
) -> Result<(), DbErr> {
    let today = today();
    let backend = reader.get_database_backend();
    let stale = reader
        .query_one_raw(sql(
            backend,
            "SELECT 1 FROM report_cells WHERE computed_on < $1 LIMIT 1",
            vec![today.into()],
        ))
        .await?
        .is_some();
    if stale {
        recount_all(writer).await?;
    }
    Ok(())
}

/// Recount every cell now (what the first report of a new day does).
pub async fn recount_all(writer: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = writer.begin().await?;
    lock(&txn).await?;
    refresh_cells(&txn, Cells::All, today()).await?;
    txn.commit().await
}

/// Build `course_status` and the cells from scratch out of enrollments,
/// completion records and assignments: after the migration that introduced
/// them, and as a repair tool (`server rebuild-reports`).
pub async fn rebuild(writer: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = writer.begin().await?;
    lock(&txn).await?;
    let backend = txn.get_database_backend();
    let now = Utc::now();
    txn.execute_unprepared("DELETE FROM course_status").await?;
    txn.execute_raw(sql(
        backend,
        "INSERT INTO course_status (user_id, course_id, department_id, active, started_at, updated_at) \
         SELECT e.user_id, e.course_id, u.department_id, u.active, \
                CASE WHEN e.completed_at IS NULL THEN e.started_at ELSE NULL END, $1 \
         FROM enrollments e JOIN users u ON u.id = e.user_id WHERE TRUE",
        vec![now.into()],
    ))
    .await?;
    // The latest record of each learner per course.
    #[derive(FromQueryResult)]
    struct Record {
        user_id: i32,
        course_id: String,
        completed_at: chrono::DateTime<Utc>,
        expires_at: Option<NaiveDate>,
    }
    let records = Record::find_by_statement(sql(
        backend,
        "SELECT r.user_id, r.course_id, r.completed_at, r.expires_at FROM completion_records r \
         ORDER BY r.user_id, r.course_id, r.completed_at",
        vec![],
    ))
    .all(&txn)
    .await?;
    let mut latest: std::collections::BTreeMap<(i32, String), (NaiveDate, Option<NaiveDate>)> =
        Default::default();
    for row in records {
        let (user, course, at, expires) =
            (row.user_id, row.course_id, row.completed_at, row.expires_at);
        latest.insert((user, course), (at.date_naive(), expires));
    }
    for ((user, course), (on, until)) in latest {
        txn.execute_raw(sql(
            backend,
            "UPDATE course_status SET completed_on = $3, valid_until = $4, started_at = NULL \
             WHERE user_id = $1 AND course_id = $2",
            vec![user.into(), course.into(), on.into(), until.into()],
        ))
        .await?;
    }
    for course in assigned_courses(&txn).await? {
        assign_due_dates(&txn, &course, None).await?;
    }
    txn.execute_raw(sql(
        backend,
        &format!("UPDATE course_status SET next_due_on = {NEXT_DUE} WHERE TRUE"),
        vec![],
    ))
    .await?;
    refresh_cells(&txn, Cells::All, today()).await?;
    txn.commit().await
}

/// Whether `course_status` needs [`rebuild`]: it is empty while learners
/// have enrollments (a database from before it existed).
pub async fn needs_rebuild(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let has_status = db
        .query_one_raw(sql(
            db.get_database_backend(),
            "SELECT 1 FROM course_status LIMIT 1",
            vec![],
        ))
        .await?
        .is_some();
    if has_status {
        return Ok(false);
    }
    Ok(db
        .query_one_raw(sql(
            db.get_database_backend(),
            "SELECT 1 FROM enrollments LIMIT 1",
            vec![],
        ))
        .await?
        .is_some())
}

/// What `domain::report::status` says about one row on `today`: the
/// learner's state and whether they are overdue.
pub fn classify(
    today: NaiveDate,
    started: bool,
    completed_on: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
) -> (domain::report::status::Status, bool) {
    use domain::report::status::{is_overdue, status, LearnerCourse};
    let d = super::sql::date;
    let lc = LearnerCourse {
        started,
        completed_on: completed_on.and_then(d),
        valid_until: valid_until.and_then(d),
        due_on: due_on.and_then(d),
    };
    match d(today) {
        Some(today) => (status(&lc, today, WARNING_DAYS), is_overdue(&lc, today)),
        None => (domain::report::status::Status::NotStarted, false),
    }
}

/// A learner's rows, for their dashboard and the catalog.
pub async fn for_learner(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<super::entities::course_status::Model>, DbErr> {
    super::entities::course_status::Entity::find()
        .filter(super::entities::course_status::Column::UserId.eq(user_id))
        .all(db)
        .await
}

/// The learner's mandatory courses (assigned, or with a record that
/// expires and so must be renewed), by course id.
pub async fn mandatory_for(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<std::collections::HashMap<String, crate::catalog::types::Mandatory>, DbErr> {
    let today = today();
    Ok(for_learner(db, user_id)
        .await?
        .into_iter()
        .filter(|r| r.due_on.is_some())
        .map(|r| {
            let (st, overdue) = classify(
                today,
                r.started_at.is_some(),
                r.completed_on,
                r.valid_until,
                r.due_on,
            );
            (
                r.course_id,
                crate::catalog::types::Mandatory {
                    due: r.next_due_on.and_then(super::sql::date),
                    overdue,
                    status: st,
                },
            )
        })
        .collect())
}

/// The courses that have assignments.
async fn assigned_courses(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    use sea_orm::QuerySelect;
    assignments::Entity::find()
        .select_only()
        .column(assignments::Column::CourseId)
        .distinct()
        .into_tuple()
        .all(db)
        .await
}
