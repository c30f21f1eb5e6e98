//! Applying an HR employee import (`docs/hr-import.md`).
//!
//! - [`load_existing`] reads what [`domain::hr_import::plan`] needs: every
//!   person (with roles and department code) and every department code.
//! - [`prepare`] parses a file and plans it against the database now;
//!   [`preview`] turns that into the [`ImportPreview`] the page and the CLI
//!   show.
//! - [`apply`] writes a plan in **one** transaction: new departments, new
//!   people, changes, deactivations, the report summary and one audit entry.
//!   Any error rolls everything back.
//! - [`put_pending`] keeps an uploaded file in the database (table
//!   `pending_imports`, so any node can show and apply it) for
//!   [`PENDING_MINUTES`] until its uploader confirms it ([`apply_pending`]).
//!
//! No display text is made here: problems travel as their codes
//! (`domain::hr_import::Problem`), refusals as [`Refusal`]s, and
//! `words.rs` says them where they are shown (the page, the CLI).

use super::types::{
    ChangeLine, DeactivatedPerson, ImportPreview, ImportSummary, NewDepartment, NewPerson,
    PersonUpdate, PreviewCounts, ProblemLine, ReadAs, Refusal,
};
use crate::error::AppError;
use crate::ssr::entities::{departments, pending_imports, user_roles, users};
use crate::ssr::session::token_hash;
use crate::ssr::{audit, report_summary};
use chrono::{DateTime, Datelike, Utc};
use domain::completion::Date;
use domain::hr_import::{self, ExistingEmployee, Field, ImportPlan, ImportProblem, ParsedImport};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr,
    TransactionTrait,
};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// The largest file accepted (the upload and the CLI).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// How long an uploaded file waits for confirmation.
pub const PENDING_MINUTES: u64 = 30;
/// How many uploaded files are kept at most (the oldest goes first).
const MAX_PENDING: usize = 24;

/// The audit-log action of an applied import.
pub const AUDIT_ACTION: &str = "employee_import";

/// Today, as the import decides whether an `uit_dienst` date has passed
/// (UTC, like the reports).
pub fn today() -> Result<Date, AppError> {
    let t = report_summary::today();
    Date::new(t.year(), t.month(), t.day())
        .ok_or_else(|| AppError::internal("hr import", format!("today ({t}) is out of range")))
}

/// Every person and every department code, as [`hr_import::plan`] wants them.
pub async fn load_existing(
    db: &impl ConnectionTrait,
) -> Result<(Vec<ExistingEmployee>, BTreeSet<String>), DbErr> {
    let codes: HashMap<i32, String> = departments::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| Some((d.id, d.code?)))
        .collect();
    let mut roles: HashMap<i32, Vec<String>> = HashMap::new();
    for r in user_roles::Entity::find().all(db).await? {
        roles.entry(r.user_id).or_default().push(r.role);
    }
    let people = users::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| ExistingEmployee {
            id: u.id,
            employee_number: u.employee_number,
            name: u.display_name,
            email: u.email,
            department_code: u.department_id.and_then(|d| codes.get(&d).cloned()),
            roles: roles.remove(&u.id).unwrap_or_default(),
            active: u.active,
        })
        .collect();
    Ok((people, codes.into_values().collect()))
}

/// A file read and compared with the database, or why it cannot be read.
pub type Prepared = Result<(ParsedImport, ImportPlan), Vec<ImportProblem>>;

/// Parse `bytes` (off the async threads: a big file takes a moment) and plan
/// it against the database as it is now.
pub async fn prepare(
    db: &impl ConnectionTrait,
    bytes: Arc<Vec<u8>>,
    deactivate_missing: bool,
) -> Result<Prepared, AppError> {
    let today = today()?;
    let parsed = tokio::task::spawn_blocking(move || hr_import::parse(&bytes, today))
        .await
        .map_err(|e| AppError::internal("hr import parse", e))?;
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(problems) => return Ok(Err(problems)),
    };
    let (existing, codes) = load_existing(db).await?;
    let plan = hr_import::plan(&parsed, &existing, &codes, deactivate_missing);
    Ok(Ok((parsed, plan)))
}

/// Parse and plan a file and describe what applying it would do.
pub async fn preview(
    db: &impl ConnectionTrait,
    bytes: Arc<Vec<u8>>,
    file_name: &str,
    deactivate_missing: bool,
) -> Result<ImportPreview, AppError> {
    let prepared = prepare(db, bytes, deactivate_missing).await?;
    Ok(describe(&prepared, file_name, deactivate_missing))
}

fn problem_line(p: &ImportProblem) -> ProblemLine {
    ProblemLine {
        line: p.line,
        column: p.column.clone(),
        problem: p.problem.clone(),
    }
}

/// The preview of a prepared file.
pub fn describe(prepared: &Prepared, file_name: &str, deactivate_missing: bool) -> ImportPreview {
    let (parsed, plan) = match prepared {
        Err(problems) => {
            return ImportPreview {
                file_name: file_name.to_string(),
                deactivate_missing,
                read_as: None,
                rows: 0,
                counts: PreviewCounts::default(),
                problems: problems.iter().map(problem_line).collect(),
                warnings: Vec::new(),
                creates: Vec::new(),
                updates: Vec::new(),
                deactivations: Vec::new(),
                new_departments: Vec::new(),
            }
        }
        Ok((parsed, plan)) => (parsed, plan),
    };
    let mut warnings: Vec<ProblemLine> = parsed
        .warnings
        .iter()
        .chain(&plan.warnings)
        .map(problem_line)
        .collect();
    warnings.sort_by_key(|w| w.line);
    ImportPreview {
        file_name: file_name.to_string(),
        deactivate_missing,
        read_as: Some(ReadAs {
            encoding: parsed.encoding,
            separator: parsed.separator,
        }),
        rows: parsed.rows.len(),
        counts: PreviewCounts {
            create: plan.create.len(),
            update: plan.update.len(),
            unchanged: plan.unchanged,
            skipped_inactive: plan.skipped_inactive,
            deactivate: plan.deactivate.len(),
            new_departments: plan.new_departments.len(),
        },
        problems: plan.problems.iter().map(problem_line).collect(),
        warnings,
        creates: plan
            .create
            .iter()
            .map(|r| NewPerson {
                line: r.line,
                employee_number: r.employee_number.clone(),
                name: r.name.clone(),
                email: r.email.clone(),
                department_code: r.department_code.clone(),
                roles: r.roles.clone(),
            })
            .collect(),
        updates: plan
            .update
            .iter()
            .map(|u| PersonUpdate {
                line: u.row.line,
                employee_number: u.row.employee_number.clone(),
                name: u.row.name.clone(),
                changes: u
                    .changes
                    .iter()
                    .map(|c| ChangeLine {
                        field: c.field,
                        from: c.from.clone(),
                        to: c.to.clone(),
                    })
                    .collect(),
            })
            .collect(),
        deactivations: plan
            .deactivate
            .iter()
            .map(|d| DeactivatedPerson {
                employee_number: d.employee_number.clone(),
                name: d.name.clone(),
            })
            .collect(),
        new_departments: plan
            .new_departments
            .iter()
            .map(|d| NewDepartment {
                code: d.code.clone(),
                name: d.name.clone().unwrap_or_else(|| d.code.clone()),
                parent_code: d.parent_code.clone(),
            })
            .collect(),
    }
}

/// The refusal when a plan with problems is offered for applying.
fn refused(problems: usize) -> AppError {
    AppError::from(Refusal::HasProblems { problems })
}

/// Apply a plan in one transaction: all of it, or (on any error) nothing.
/// Refuses a plan with problems. `actor` is the admin (none from the CLI).
pub async fn apply(
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    plan: &ImportPlan,
    file_name: &str,
    actor: Option<i32>,
) -> Result<ImportSummary, AppError> {
    if !plan.is_applicable() {
        return Err(refused(plan.problems.len()));
    }
    let txn = writer.begin().await?;
    match write_plan(&txn, plan, file_name, actor).await {
        Ok(summary) => {
            txn.commit().await?;
            sessions.forget_all();
            tracing::info!(
                created = summary.created,
                updated = summary.updated,
                deactivated = summary.deactivated,
                departments = summary.departments_created,
                "employee import applied"
            );
            Ok(summary)
        }
        Err(err) => {
            if let Err(rollback) = txn.rollback().await {
                tracing::error!(error = %rollback, "employee import: rollback failed");
            }
            Err(apply_error(err))
        }
    }
}

fn apply_error(err: DbErr) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            tracing::warn!(error = %err, "employee import: conflicting change since the preview");
            AppError::from(Refusal::Conflict)
        }
        _ => AppError::internal("employee import", err),
    }
}

/// The writes of [`apply`], inside its transaction.
async fn write_plan(
    txn: &impl ConnectionTrait,
    plan: &ImportPlan,
    file_name: &str,
    actor: Option<i32>,
) -> Result<ImportSummary, DbErr> {
    let summary = ImportSummary {
        departments_created: plan.new_departments.len(),
        created: plan.create.len(),
        updated: plan.update.len(),
        deactivated: plan.deactivate.len(),
        unchanged: plan.unchanged,
        skipped_inactive: plan.skipped_inactive,
    };
    // The audit entry first: on SQLite the transaction then holds the write
    // lock from its first statement, so nobody can write between what it
    // reads and what it writes.
    audit::record(
        txn,
        actor,
        AUDIT_ACTION,
        "users",
        serde_json::json!({
            "file": file_name,
            "departments_created": summary.departments_created,
            "created": summary.created,
            "updated": summary.updated,
            "deactivated": summary.deactivated,
            "unchanged": summary.unchanged,
            "skipped_inactive": summary.skipped_inactive,
        }),
    )
    .await?;
    let now = Utc::now();

    // Departments, parents first: a parent is already in `ids`.
    let mut ids: HashMap<String, i32> = departments::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|d| Some((d.code?, d.id)))
        .collect();
    for d in &plan.new_departments {
        let parent_id = match &d.parent_code {
            None => None,
            Some(code) => Some(department_id(&ids, code)?),
        };
        let created = departments::ActiveModel {
            parent_id: Set(parent_id),
            name: Set(d.name.clone().unwrap_or_else(|| d.code.clone())),
            code: Set(Some(d.code.clone())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        ids.insert(d.code.clone(), created.id);
    }

    let mut changed: Vec<i32> = Vec::new();
    for row in &plan.create {
        let user = users::ActiveModel {
            email: Set(row.email.clone()),
            display_name: Set(row.name.clone()),
            // No password: an admin sets one, or the person signs in with SSO.
            password_hash: Set(None),
            department_id: Set(Some(department_id(&ids, &row.department_code)?)),
            employee_number: Set(Some(row.employee_number.clone())),
            locale: Set("nl".to_string()),
            active: Set(row.active),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let roles = if row.roles.is_empty() {
            vec!["learner".to_string()]
        } else {
            row.roles.clone()
        };
        set_roles(txn, user.id, &roles).await?;
        changed.push(user.id);
    }

    for update in &plan.update {
        let row = &update.row;
        let mut user = users::ActiveModel {
            id: Unchanged(update.existing_id),
            updated_at: Set(now),
            ..Default::default()
        };
        for change in &update.changes {
            match change.field {
                Field::EmployeeNumber => {
                    user.employee_number = Set(Some(row.employee_number.clone()))
                }
                Field::Name => user.display_name = Set(row.name.clone()),
                Field::Email => user.email = Set(row.email.clone()),
                Field::Department => {
                    user.department_id = Set(Some(department_id(&ids, &row.department_code)?))
                }
                Field::Active => user.active = Set(row.active),
                Field::Roles => {
                    if !row.roles.is_empty() {
                        user_roles::Entity::delete_many()
                            .filter(user_roles::Column::UserId.eq(update.existing_id))
                            .exec(txn)
                            .await?;
                        set_roles(txn, update.existing_id, &row.roles).await?;
                    }
                }
            }
        }
        user.update(txn).await?;
        changed.push(update.existing_id);
    }

    let gone: Vec<i32> = plan.deactivate.iter().map(|d| d.existing_id).collect();
    for chunk in gone.chunks(500) {
        users::Entity::update_many()
            .col_expr(users::Column::Active, Expr::value(false))
            .col_expr(users::Column::UpdatedAt, Expr::value(now))
            .filter(users::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    changed.extend(gone);

    changed.sort_unstable();
    changed.dedup();
    report_summary::users_changed(txn, &changed).await?;
    Ok(summary)
}

fn department_id(ids: &HashMap<String, i32>, code: &str) -> Result<i32, DbErr> {
    ids.get(code).copied().ok_or_else(|| {
        DbErr::Custom(format!(
            "employee import: department '{code}' neither exists nor is created by the plan"
        ))
    })
}

async fn set_roles(
    txn: &impl ConnectionTrait,
    user_id: i32,
    roles: &[String],
) -> Result<(), DbErr> {
    let mut roles: Vec<&str> = roles.iter().map(String::as_str).collect();
    roles.sort_unstable();
    roles.dedup();
    user_roles::Entity::insert_many(roles.into_iter().map(|role| user_roles::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.to_string()),
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Uploaded files waiting for confirmation.

/// An uploaded file, kept until its uploader applies it or it expires.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub bytes: Arc<Vec<u8>>,
    pub file_name: String,
    pub deactivate_missing: bool,
    /// Only this person may see the preview and apply it.
    pub uploader_id: i32,
    pub uploaded_at: DateTime<Utc>,
}

impl From<pending_imports::Model> for PendingImport {
    fn from(row: pending_imports::Model) -> Self {
        Self {
            bytes: Arc::new(row.content),
            file_name: row.file_name,
            deactivate_missing: row.deactivate_missing,
            uploader_id: row.uploader_id,
            uploaded_at: row.uploaded_at,
        }
    }
}

fn pending_cutoff() -> DateTime<Utc> {
    Utc::now() - chrono::Duration::minutes(PENDING_MINUTES as i64)
}

/// Keep an uploaded file until its uploader confirms it; returns its token
/// (128 random bits, hex; the database keeps only its hash). Kept in the
/// database, so the preview and the confirmation may reach any node. Files
/// older than [`PENDING_MINUTES`] go, and at most [`MAX_PENDING`] are kept
/// (the oldest goes first).
pub async fn put_pending(
    db: &impl ConnectionTrait,
    bytes: Vec<u8>,
    file_name: &str,
    deactivate_missing: bool,
    uploader_id: i32,
) -> Result<String, DbErr> {
    forget_expired_pending(db).await?;
    // A few rows at most (the bound below): read them all, newest first.
    let kept: Vec<String> = pending_imports::Entity::find()
        .select_only()
        .column(pending_imports::Column::Id)
        .order_by_desc(pending_imports::Column::UploadedAt)
        .into_tuple()
        .all(db)
        .await?;
    let oldest: Vec<String> = kept.into_iter().skip(MAX_PENDING - 1).collect();
    if !oldest.is_empty() {
        pending_imports::Entity::delete_many()
            .filter(pending_imports::Column::Id.is_in(oldest))
            .exec(db)
            .await?;
    }
    let mut raw = [0u8; 16];
    OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    pending_imports::Entity::insert(pending_imports::ActiveModel {
        id: Set(token_hash(&token)),
        uploader_id: Set(uploader_id),
        file_name: Set(file_name.to_string()),
        deactivate_missing: Set(deactivate_missing),
        content: Set(bytes),
        uploaded_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// Remove the uploaded files nobody confirmed in time (they hold personal
/// data of many people).
pub async fn forget_expired_pending(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Ok(pending_imports::Entity::delete_many()
        .filter(pending_imports::Column::UploadedAt.lt(pending_cutoff()))
        .exec(db)
        .await?
        .rows_affected)
}

/// The pending file behind `token`, if it exists, has not expired and was
/// uploaded by `user_id`.
pub async fn get_pending(
    db: &impl ConnectionTrait,
    token: &str,
    user_id: i32,
) -> Result<Option<PendingImport>, DbErr> {
    Ok(pending_imports::Entity::find_by_id(token_hash(token))
        .filter(pending_imports::Column::UploaderId.eq(user_id))
        .filter(pending_imports::Column::UploadedAt.gte(pending_cutoff()))
        .one(db)
        .await?
        .map(PendingImport::from))
}

/// Take the pending file behind `token` for its uploader: only one caller
/// ever gets it (the delete decides, on any node).
async fn take_pending(
    db: &impl ConnectionTrait,
    token: &str,
    user_id: i32,
) -> Result<Option<PendingImport>, DbErr> {
    let Some(pending) = get_pending(db, token, user_id).await? else {
        return Ok(None);
    };
    let deleted = pending_imports::Entity::delete_by_id(token_hash(token))
        .exec(db)
        .await?;
    Ok((deleted.rows_affected == 1).then_some(pending))
}

/// Put a taken file back under its token (its apply failed, so the
/// preview can show why).
async fn restore_pending(
    db: &impl ConnectionTrait,
    token: &str,
    pending: PendingImport,
) -> Result<(), DbErr> {
    pending_imports::Entity::insert(pending_imports::ActiveModel {
        id: Set(token_hash(token)),
        uploader_id: Set(pending.uploader_id),
        file_name: Set(pending.file_name),
        deactivate_missing: Set(pending.deactivate_missing),
        content: Set(Arc::unwrap_or_clone(pending.bytes)),
        uploaded_at: Set(pending.uploaded_at),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Apply the file behind `token` for its uploader: parse and plan it again
/// (the database may have changed since the preview), then apply it all or
/// nothing. The token is used up on success; on failure it stays, so the
/// preview can show why.
pub async fn apply_pending(
    db: &DatabaseConnection,
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    token: &str,
    user_id: i32,
) -> Result<ImportSummary, AppError> {
    // Taken out first, so a double submit (on any node) cannot apply it twice.
    let Some(pending) = take_pending(writer, token, user_id).await? else {
        return Err(AppError::from(Refusal::Expired {
            minutes: PENDING_MINUTES,
        }));
    };
    let result = async {
        match prepare(db, pending.bytes.clone(), pending.deactivate_missing).await? {
            Err(problems) => Err(refused(problems.len())),
            Ok((_, plan)) => {
                apply(writer, sessions, &plan, &pending.file_name, Some(user_id)).await
            }
        }
    }
    .await;
    if result.is_err() {
        restore_pending(writer, token, pending).await?;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_count_the_problems() {
        use crate::i18n::Locale;
        assert_eq!(
            refused(3),
            AppError::from(Refusal::HasProblems { problems: 3 })
        );
        assert_eq!(refused(1).status_code(), 422);
        assert_eq!(
            refused(1).message(Locale::nl),
            "Het bestand heeft 1 fout. Er is niets geïmporteerd. Los de fouten op in het bestand \
             (het voorbeeld zegt per regel en kolom wat er mis is) en upload het opnieuw."
        );
        assert!(refused(3)
            .message(Locale::nl)
            .starts_with("Het bestand heeft 3 fouten. Er is niets geïmporteerd."));
        // The same value says it in the language of whoever sees it.
        assert!(refused(1)
            .message(Locale::en)
            .starts_with("The file has 1 error. Nothing has been imported."));
        assert!(refused(3)
            .message(Locale::en)
            .starts_with("The file has 3 errors. Nothing has been imported."));
    }
}
