//! HR report queries: the department × course matrix rolled up the tree,
//! a department's people, one person's history, the overdue list and the
//! completion records. The pages (through [`super::api`]) and the downloads
//! ([`super::downloads`]) both call these, so the screen and the file always
//! agree. They return counts, codes and dates ([`super::types`]); the words
//! are put in at the edge, in the requester's language.
//!
//! Everything is aggregated in the database or read from the maintained
//! summaries (`report_cells`, `course_status`; see
//! [`crate::ssr::report_summary`]); no query loops over people. Who may see
//! what is decided once, in [`Scope::for_user`]: HR and admins see
//! everything, a manager only their own department and what lies below it.

use super::types::{
    CellView, CourseRef, DeptRef, MatrixRow, MatrixView, Month, OverdueRow, OverdueView, PeopleRow,
    PeopleView, PersonCell, PersonCourse, PersonView, RecordRow, RecordsView, ReportFilters, Unit,
};
use crate::auth::CurrentUser;
use crate::error::{AppError, BadFilter, Missing, PeriodEnd};
use crate::ssr::report_summary as status;
use crate::ssr::sql::sql;
use chrono::NaiveDate;
use domain::completion::Date;
use domain::model::Catalog;
use domain::report::status::Counts;
use domain::report::tree::DeptTree;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement, Value};
use std::collections::HashMap;

// The rows the report queries read, by column name.

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

#[derive(FromQueryResult)]
struct Population {
    department: i32,
    n: i64,
}

#[derive(FromQueryResult)]
struct CellRow {
    department_id: i32,
    course_id: String,
    completed: i32,
    expiring: i32,
    expired: i32,
    in_progress: i32,
    overdue: i32,
    required: i32,
}

#[derive(FromQueryResult)]
struct PersonRow {
    id: i32,
    display_name: String,
    employee_number: Option<String>,
    department_id: Option<i32>,
}

#[derive(FromQueryResult)]
struct StatusRow {
    user_id: i32,
    course_id: String,
    started: bool,
    completed_on: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    next_due_on: Option<NaiveDate>,
}

/// The columns of [`StatusRow`] from `course_status`.
const STATUS_COLUMNS: &str =
    "user_id, course_id, started_at IS NOT NULL AS started, completed_on, valid_until, due_on, next_due_on";

#[derive(FromQueryResult)]
struct Who {
    display_name: String,
    email: String,
    employee_number: Option<String>,
    department_id: Option<i32>,
    active: bool,
}

#[derive(FromQueryResult)]
struct RecordDbRow {
    user_id: i32,
    display_name: String,
    course_title: String,
    course_version: String,
    completed_at: chrono::DateTime<chrono::Utc>,
    department_name: Option<String>,
    expires_at: Option<NaiveDate>,
    verification_code: String,
    score_percent: f64,
}

impl RecordDbRow {
    /// The record as the reports hold it (the records report and a
    /// person's history alike).
    fn into_row(self) -> Result<RecordRow, AppError> {
        Ok(RecordRow {
            user_id: self.user_id,
            name: self.display_name,
            course: self.course_title,
            version: self.course_version,
            completed_on: day(self.completed_at.date_naive())?,
            department: self.department_name,
            valid_until: opt_day(self.expires_at)?,
            code: self.verification_code,
            score: self.score_percent,
        })
    }
}

/// The columns of [`RecordDbRow`] from `completion_records r` joined with `users u`.
const RECORD_COLUMNS: &str = "r.user_id, u.display_name, r.course_title, r.course_version, \
     r.completed_at, r.department_name, r.expires_at, r.verification_code, r.score_percent";

#[derive(FromQueryResult)]
struct OverdueDbRow {
    user_id: i32,
    display_name: String,
    employee_number: Option<String>,
    department_id: Option<i32>,
    course_id: String,
    next_due_on: NaiveDate,
}

#[derive(FromQueryResult)]
struct MonthCount {
    m: String,
    n: i64,
}

/// The one number a `SELECT … AS n` gives (0 for no row).
async fn count(db: &impl ConnectionTrait, stmt: Statement) -> Result<i64, DbErr> {
    Ok(Count::find_by_statement(stmt)
        .one(db)
        .await?
        .map_or(0, |c| c.n))
}

/// A date from the database as a domain date (always in range there).
fn day(d: NaiveDate) -> Result<Date, AppError> {
    crate::ssr::sql::date(d)
        .ok_or_else(|| AppError::internal("report", format!("date out of range: {d}")))
}

fn opt_day(d: Option<NaiveDate>) -> Result<Option<Date>, AppError> {
    d.map(day).transpose()
}

/// Rows per page in the long lists.
pub const PAGE_SIZE: u64 = 100;

/// One page of a long list (screens), or all of it (downloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    Page,
    All,
}

/// How many pages `total` rows fill (at least one).
fn pages(total: i64) -> u32 {
    let size = PAGE_SIZE as i64;
    ((total.max(1) + size - 1) / size) as u32
}

/// (LIMIT, OFFSET) for the page asked for.
fn limit_offset(rows: Rows, page: u64) -> (i64, i64) {
    match rows {
        Rows::Page => (PAGE_SIZE as i64, ((page - 1) * PAGE_SIZE) as i64),
        Rows::All => (i64::MAX, 0),
    }
}

/// What one person may see.
#[derive(Debug, Clone)]
pub struct Scope {
    /// `None`: the whole organisation; `Some(d)`: department `d` and below.
    pub root: Option<i32>,
}

impl Scope {
    pub fn for_user(user: &CurrentUser) -> Result<Scope, AppError> {
        if user.has_any(super::SEE_EVERYTHING) {
            return Ok(Scope { root: None });
        }
        if user.has(crate::auth::Role::Manager) {
            return match user.department_id {
                Some(d) => Ok(Scope { root: Some(d) }),
                None => Err(AppError::Forbidden),
            };
        }
        Err(AppError::Forbidden)
    }

    /// Whether department `dept` (None: people without one) is visible.
    pub fn sees(&self, tree: &DeptTree, dept: Option<i32>) -> bool {
        match (self.root, dept) {
            (None, _) => true,
            (Some(root), Some(d)) => tree.is_within(d, root),
            (Some(_), None) => false,
        }
    }

    /// The departments visible, or `None` for all.
    pub fn departments(&self, tree: &DeptTree) -> Option<Vec<i32>> {
        self.root.map(|r| tree.subtree(r))
    }
}

/// The department a report focuses on: the filter's, checked against the
/// scope; by default the scope's root.
fn focus(scope: &Scope, tree: &DeptTree, asked: Option<i32>) -> Result<Option<i32>, AppError> {
    match asked {
        Some(d) if tree.get(d).is_none() => Err(AppError::NotFound(Missing::Department)),
        Some(d) if !scope.sees(tree, Some(d)) => Err(AppError::Forbidden),
        Some(d) => Ok(Some(d)),
        None => Ok(scope.root),
    }
}

fn dept_ref(tree: &DeptTree, id: i32) -> DeptRef {
    DeptRef {
        id,
        name: tree.get(id).map(|d| d.name.clone()).unwrap_or_default(),
    }
}

fn cell_view(c: &Counts) -> CellView {
    CellView {
        population: c.population,
        completed: c.completed,
        expiring: c.expiring,
        expired: c.expired,
        in_progress: c.in_progress,
        not_started: c.not_started,
        overdue: c.overdue,
        required: c.required,
    }
}

/// Per-course counts of one department, summable up the tree.
#[derive(Debug, Clone, Default)]
struct PerCourse(Vec<Counts>);

impl std::ops::AddAssign for PerCourse {
    fn add_assign(&mut self, other: PerCourse) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), Counts::default());
        }
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }
}

/// The courses a report shows: the filter's one, or every active course.
fn courses(catalog: &Catalog, filter: Option<&str>) -> Result<Vec<CourseRef>, AppError> {
    let all: Vec<CourseRef> = catalog
        .courses
        .iter()
        .map(|c| CourseRef {
            id: c.id.clone(),
            title: c.title.clone(),
        })
        .collect();
    match filter {
        None => Ok(all),
        Some(id) => all
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| vec![c])
            .ok_or(AppError::NotFound(Missing::Course)),
    }
}

/// The matrix: for the focus department and each department directly under
/// it, per course, everyone below it counted in.
pub async fn matrix(
    db: &impl ConnectionTrait,
    writer: &sea_orm::DatabaseConnection,
    catalog: &Catalog,
    scope: &Scope,
    filters: &ReportFilters,
) -> Result<MatrixView, AppError> {
    // The counts move with the calendar: the first report of a new day
    // recounts them (the other reports classify each row as of today).
    status::ensure_fresh(db, writer).await?;
    let backend = db.get_database_backend();
    let tree = status::department_tree(db).await?;
    let focus = focus(scope, &tree, filters.afdeling)?;
    let courses = courses(catalog, filters.cursus.as_deref())?;
    let position: HashMap<&str, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    let mut own: HashMap<i32, PerCourse> = HashMap::new();
    let population_rows = Population::find_by_statement(sql(
        backend,
        "SELECT COALESCE(department_id, 0) AS department, COUNT(*) AS n FROM users WHERE active \
         GROUP BY COALESCE(department_id, 0)",
        vec![],
    ))
    .all(db)
    .await?;
    for Population { department, n } in population_rows {
        let entry = own
            .entry(department)
            .or_insert_with(|| PerCourse(vec![Counts::default(); courses.len()]));
        for c in entry.0.iter_mut() {
            c.population = n;
        }
    }
    let (cell_sql, values): (&str, Vec<Value>) = match filters.cursus.as_deref() {
        Some(course) => (
            "SELECT department_id, course_id, completed, expiring, expired, in_progress, overdue, required \
             FROM report_cells WHERE course_id = $1",
            vec![course.into()],
        ),
        None => (
            "SELECT department_id, course_id, completed, expiring, expired, in_progress, overdue, required \
             FROM report_cells",
            vec![],
        ),
    };
    for row in CellRow::find_by_statement(sql(backend, cell_sql, values))
        .all(db)
        .await?
    {
        let Some(&i) = position.get(row.course_id.as_str()) else {
            continue; // an inactive course
        };
        let entry = own
            .entry(row.department_id)
            .or_insert_with(|| PerCourse(vec![Counts::default(); courses.len()]));
        let c = &mut entry.0[i];
        c.completed = row.completed.into();
        c.expiring = row.expiring.into();
        c.expired = row.expired.into();
        c.in_progress = row.in_progress.into();
        c.overdue = row.overdue.into();
        c.required = row.required.into();
    }
    for per in own.values_mut() {
        for c in per.0.iter_mut() {
            c.not_started = (c.population - c.completed - c.expired - c.in_progress).max(0);
        }
    }
    let without_department = own.remove(&0);
    let rolled = tree.rollup(&own);
    let empty = || PerCourse(vec![Counts::default(); courses.len()]);
    let row = |unit: Unit, per: &PerCourse, has_children: bool| {
        let mut total = Counts::default();
        for c in &per.0 {
            total += *c;
        }
        MatrixRow {
            unit,
            has_children,
            cells: per.0.iter().map(cell_view).collect(),
            total: cell_view(&total),
        }
    };
    let children: Vec<i32> = match (focus, tree.roots()) {
        (Some(f), _) => tree.children(f).to_vec(),
        // One root is the organisation itself: show what is under it.
        (None, [only]) => tree.children(*only).to_vec(),
        (None, roots) => roots.to_vec(),
    };
    let mut rows: Vec<MatrixRow> = children
        .iter()
        .map(|&id| {
            let per = rolled.get(&id).cloned().unwrap_or_else(empty);
            row(
                Unit::Department(dept_ref(&tree, id)),
                &per,
                !tree.children(id).is_empty(),
            )
        })
        .collect();
    let summary = match focus {
        Some(f) => {
            let per = rolled.get(&f).cloned().unwrap_or_else(empty);
            row(
                Unit::Department(dept_ref(&tree, f)),
                &per,
                !children.is_empty(),
            )
        }
        None => {
            let mut all = empty();
            for &id in tree.roots() {
                if let Some(per) = rolled.get(&id) {
                    all += per.clone();
                }
            }
            if let Some(per) = &without_department {
                all += per.clone();
                rows.push(row(Unit::NoDepartment, per, false));
            }
            row(Unit::Organisation, &all, !rows.is_empty())
        }
    };
    Ok(MatrixView {
        today: day(status::today())?,
        courses,
        trail: trail(&tree, scope, focus),
        focus: focus.map(|f| dept_ref(&tree, f)),
        summary,
        rows,
        departments: department_options(&tree, scope),
    })
}

/// The path from the scope's root down to the focus, for breadcrumbs.
fn trail(tree: &DeptTree, scope: &Scope, focus: Option<i32>) -> Vec<DeptRef> {
    let Some(f) = focus else { return vec![] };
    tree.ancestors(f)
        .into_iter()
        .filter(|&a| scope.sees(tree, Some(a)))
        .map(|a| dept_ref(tree, a))
        .collect()
}

/// The departments a person may filter on, indented by depth.
pub fn department_options(tree: &DeptTree, scope: &Scope) -> Vec<DeptRef> {
    tree.preorder()
        .into_iter()
        .filter(|&(id, _)| scope.sees(tree, Some(id)))
        .map(|(id, depth)| DeptRef {
            id,
            name: format!(
                "{}{}",
                "\u{a0}\u{a0}".repeat(depth),
                tree.get(id).map(|d| d.name.as_str()).unwrap_or_default()
            ),
        })
        .collect()
}

pub(crate) fn parse_date(
    text: Option<&str>,
    field: PeriodEnd,
) -> Result<Option<NaiveDate>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::BadFilter(BadFilter::Date {
                    field,
                    text: t.to_string(),
                })
            }),
    }
}

/// `department_id IN (…)` for the visible part of the tree under `focus`,
/// or `TRUE` for everything.
fn department_clause(tree: &DeptTree, scope: &Scope, focus: Option<i32>, column: &str) -> String {
    match focus.or(scope.root) {
        None => "TRUE".into(),
        Some(f) => {
            let ids = tree.subtree(f);
            if ids.is_empty() {
                "FALSE".into()
            } else {
                format!(
                    "{column} IN ({})",
                    ids.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

/// The people of a department (and everything below it), with their state
/// per course.
pub async fn people(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    scope: &Scope,
    department: i32,
    filters: &ReportFilters,
    rows_wanted: Rows,
) -> Result<PeopleView, AppError> {
    let backend = db.get_database_backend();
    let tree = status::department_tree(db).await?;
    let focus = focus(scope, &tree, Some(department))?;
    let courses = courses(catalog, filters.cursus.as_deref())?;
    let position: HashMap<&str, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let page = filters.pagina.unwrap_or(1).max(1) as u64;
    let within = department_clause(&tree, scope, focus, "u.department_id");
    let total = count(
        db,
        sql(
            backend,
            &format!("SELECT COUNT(*) AS n FROM users u WHERE u.active AND {within}"),
            vec![],
        ),
    )
    .await?;
    let people = PersonRow::find_by_statement(sql(
        backend,
        &format!(
            "SELECT u.id, u.display_name, u.employee_number, u.department_id FROM users u \
             WHERE u.active AND {within} ORDER BY u.display_name, u.id LIMIT $1 OFFSET $2"
        ),
        {
            let (limit, offset) = limit_offset(rows_wanted, page);
            vec![limit.into(), offset.into()]
        },
    ))
    .all(db)
    .await?;
    let mut rows: Vec<PeopleRow> = Vec::with_capacity(people.len());
    let mut index: HashMap<i32, usize> = HashMap::new();
    for p in people {
        index.insert(p.id, rows.len());
        rows.push(PeopleRow {
            id: p.id,
            name: p.display_name,
            employee_number: p.employee_number,
            department: p
                .department_id
                .map(|d| tree.path_name(d))
                .unwrap_or_default(),
            cells: vec![
                PersonCell {
                    status: None,
                    overdue: false,
                    due: None,
                };
                courses.len()
            ],
        });
    }
    if !index.is_empty() {
        let ids = index
            .keys()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let today = status::today();
        let statement = sql(
            backend,
            &format!("SELECT {STATUS_COLUMNS} FROM course_status WHERE user_id IN ({ids})"),
            vec![],
        );
        for r in StatusRow::find_by_statement(statement).all(db).await? {
            let (Some(&row), Some(&col)) =
                (index.get(&r.user_id), position.get(r.course_id.as_str()))
            else {
                continue;
            };
            let (st, overdue) =
                status::classify(today, r.started, r.completed_on, r.valid_until, r.due_on);
            rows[row].cells[col] = PersonCell {
                status: Some(st),
                overdue,
                due: opt_day(r.next_due_on)?,
            };
        }
    }
    Ok(PeopleView {
        department: dept_ref(&tree, department),
        trail: trail(&tree, scope, focus),
        courses,
        rows,
        total,
        page: page as u32,
        pages: pages(total),
    })
}

/// One person's full history: state per course and every record.
pub async fn person(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    scope: &Scope,
    user_id: i32,
) -> Result<PersonView, AppError> {
    let backend = db.get_database_backend();
    let tree = status::department_tree(db).await?;
    let who = Who::find_by_statement(sql(
        backend,
        "SELECT display_name, email, employee_number, department_id, active FROM users WHERE id = $1",
        vec![user_id.into()],
    ))
    .one(db)
    .await?
    .ok_or(AppError::NotFound(Missing::Employee))?;
    let dept = who.department_id;
    if !scope.sees(&tree, dept) {
        // Out of scope looks the same as unknown: no probing who exists.
        return Err(AppError::NotFound(Missing::Employee));
    }
    let title = |id: &str| {
        catalog
            .course(id)
            .map(|c| c.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let today = status::today();
    let mut courses = Vec::new();
    let statement = sql(
        backend,
        &format!(
            "SELECT {STATUS_COLUMNS} FROM course_status WHERE user_id = $1 ORDER BY course_id"
        ),
        vec![user_id.into()],
    );
    for r in StatusRow::find_by_statement(statement).all(db).await? {
        let (st, overdue) =
            status::classify(today, r.started, r.completed_on, r.valid_until, r.due_on);
        courses.push(PersonCourse {
            title: title(&r.course_id),
            status: st,
            overdue,
            completed_on: opt_day(r.completed_on)?,
            valid_until: opt_day(r.valid_until)?,
            due: opt_day(r.next_due_on)?,
        });
    }
    let statement = sql(
        backend,
        &format!(
            "SELECT {RECORD_COLUMNS} FROM completion_records r JOIN users u ON u.id = r.user_id \
             WHERE r.user_id = $1 ORDER BY r.completed_at DESC, r.id DESC"
        ),
        vec![user_id.into()],
    );
    let records = RecordDbRow::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(RecordDbRow::into_row)
        .collect::<Result<_, _>>()?;
    Ok(PersonView {
        id: user_id,
        name: who.display_name,
        email: who.email,
        employee_number: who.employee_number,
        department: dept.map(|d| tree.path_name(d)),
        active: who.active,
        courses,
        records,
    })
}

/// Everyone past their deadline, earliest deadline first.
pub async fn overdue(
    db: &impl ConnectionTrait,
    writer: &sea_orm::DatabaseConnection,
    catalog: &Catalog,
    scope: &Scope,
    filters: &ReportFilters,
    rows_wanted: Rows,
) -> Result<OverdueView, AppError> {
    // The counts move with the calendar: the first report of a new day
    // recounts them (the other reports classify each row as of today).
    status::ensure_fresh(db, writer).await?;
    let backend = db.get_database_backend();
    let tree = status::department_tree(db).await?;
    let focus = focus(scope, &tree, filters.afdeling)?;
    let courses = courses(catalog, filters.cursus.as_deref())?;
    let titles: HashMap<&str, &str> = courses
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    let today = status::today();
    let page = filters.pagina.unwrap_or(1).max(1) as u64;
    let within = department_clause(&tree, scope, focus, "s.department_id");
    let (course_clause, mut values): (&str, Vec<Value>) = match filters.cursus.as_deref() {
        Some(c) => (" AND s.course_id = $2", vec![today.into(), c.into()]),
        None => ("", vec![today.into()]),
    };
    // The count comes from the maintained cells, the page from the index on
    // next_due_on: neither reads all overdue rows.
    let cells_within = department_clause(&tree, scope, focus, "department_id");
    let (count_course, count_values): (&str, Vec<Value>) = match filters.cursus.as_deref() {
        Some(c) => (" AND course_id = $1", vec![c.into()]),
        None => ("", vec![]),
    };
    let total = count(
        db,
        sql(
            backend,
            &format!(
                "SELECT COALESCE(SUM(overdue), 0) AS n FROM report_cells WHERE {cells_within}{count_course}"
            ),
            count_values,
        ),
    )
    .await?;
    let limit_at = values.len() + 1;
    let (limit, offset) = limit_offset(rows_wanted, page);
    values.push(limit.into());
    values.push(offset.into());
    let rows = OverdueDbRow::find_by_statement(sql(
        backend,
        &format!(
            "SELECT s.user_id, u.display_name, u.employee_number, s.department_id, s.course_id, s.next_due_on \
             FROM course_status s JOIN users u ON u.id = s.user_id \
             WHERE s.next_due_on < $1 AND s.active AND {within}{course_clause} \
             ORDER BY s.next_due_on, s.user_id, s.course_id LIMIT ${limit_at} OFFSET ${}",
            limit_at + 1
        ),
        values,
    ))
    .all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(title) = titles.get(r.course_id.as_str()) else {
            continue;
        };
        out.push(OverdueRow {
            user_id: r.user_id,
            name: r.display_name,
            employee_number: r.employee_number,
            department: r
                .department_id
                .map(|d| tree.path_name(d))
                .unwrap_or_default(),
            course: title.to_string(),
            due: day(r.next_due_on)?,
            days_late: (today - r.next_due_on).num_days(),
        });
    }
    Ok(OverdueView {
        today: day(today)?,
        rows: out,
        total,
        page: page as u32,
        pages: pages(total),
        courses: courses_for_filter(catalog),
        departments: department_options(&tree, scope),
    })
}

/// Every active course, for the course filter.
pub fn courses_for_filter(catalog: &Catalog) -> Vec<CourseRef> {
    courses(catalog, None).unwrap_or_default()
}

/// Completion records, by the department where they were earned, with
/// their verification codes; plus completions per month.
pub async fn records(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    scope: &Scope,
    filters: &ReportFilters,
    rows_wanted: Rows,
) -> Result<RecordsView, AppError> {
    let backend = db.get_database_backend();
    let tree = status::department_tree(db).await?;
    let focus = focus(scope, &tree, filters.afdeling)?;
    let from = parse_date(filters.van.as_deref(), PeriodEnd::From)?;
    let to = parse_date(filters.tot.as_deref(), PeriodEnd::Until)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AppError::BadFilter(BadFilter::PeriodReversed));
        }
    }
    let page = filters.pagina.unwrap_or(1).max(1) as u64;
    let mut clauses = vec![department_clause(&tree, scope, focus, "r.department_id")];
    let mut values: Vec<Value> = Vec::new();
    if let Some(c) = filters.cursus.as_deref() {
        values.push(c.into());
        clauses.push(format!("r.course_id = ${}", values.len()));
    }
    if let Some(f) = from {
        values.push(f.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).into());
        clauses.push(format!("r.completed_at >= ${}", values.len()));
    }
    if let Some(t) = to {
        values.push(
            (t + chrono::Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .map(|d| d.and_utc())
                .into(),
        );
        clauses.push(format!("r.completed_at < ${}", values.len()));
    }
    let filter = clauses.join(" AND ");
    let total = count(
        db,
        sql(
            backend,
            &format!("SELECT COUNT(*) AS n FROM completion_records r WHERE {filter}"),
            values.clone(),
        ),
    )
    .await?;
    let month = match backend {
        sea_orm::DbBackend::Postgres => "to_char(r.completed_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        _ => "substr(r.completed_at, 1, 7)",
    };
    let mut per_month = Vec::new();
    let statement = sql(
        backend,
        &format!(
            "SELECT {month} AS m, COUNT(*) AS n FROM completion_records r WHERE {filter} GROUP BY m ORDER BY m"
        ),
        values.clone(),
    );
    for MonthCount { m, n } in MonthCount::find_by_statement(statement).all(db).await? {
        let month = parse_month(&m)
            .ok_or_else(|| AppError::internal("records per month", format!("not a month: {m}")))?;
        per_month.push((month, n));
    }
    let n = values.len();
    let (limit, offset) = limit_offset(rows_wanted, page);
    values.push(limit.into());
    values.push(offset.into());
    let statement = sql(
        backend,
        &format!(
            "SELECT {RECORD_COLUMNS} \
             FROM completion_records r JOIN users u ON u.id = r.user_id WHERE {filter} \
             ORDER BY r.completed_at DESC, r.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ),
        values,
    );
    let rows = RecordDbRow::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(RecordDbRow::into_row)
        .collect::<Result<_, _>>()?;
    Ok(RecordsView {
        rows,
        total,
        page: page as u32,
        pages: pages(total),
        per_month,
        courses: courses_for_filter(catalog),
        departments: department_options(&tree, scope),
    })
}

/// "2026-03" as a month.
fn parse_month(ym: &str) -> Option<Month> {
    let (y, m) = ym.split_once('-')?;
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&month).then_some(Month { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_from_the_database_text() {
        assert_eq!(
            parse_month("2026-03"),
            Some(Month {
                year: 2026,
                month: 3
            })
        );
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("rubbish"), None);
    }

    #[test]
    fn period_dates_are_checked_and_say_which_end() {
        assert_eq!(parse_date(Some("  "), PeriodEnd::From), Ok(None));
        assert_eq!(
            parse_date(Some("2026-02-28"), PeriodEnd::From),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28))
        );
        assert_eq!(
            parse_date(Some("31-12-2026"), PeriodEnd::Until),
            Err(AppError::BadFilter(BadFilter::Date {
                field: PeriodEnd::Until,
                text: "31-12-2026".into()
            }))
        );
    }
}
