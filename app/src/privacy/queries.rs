//! Server-only: what the platform holds about a person, and the three ways
//! their data leaves it: anonymisation, deletion and the retention rule.
//!
//! Reading functions take any connection. The operations ([`anonymise`],
//! [`delete`], [`apply_retention`]) take the write pool and run one
//! transaction per person, so a failure halfway changes nothing for that
//! person, and two server nodes running the retention rule at the same time
//! do each person once: the second finds the account already anonymised and
//! leaves it alone ([`Outcome::AlreadyDone`]).
//!
//! Nothing here writes a name or an e-mail address to the log or to the
//! audit log: the audit log names the person by their number (`user:17`).

use super::types::{self, MyData};
use crate::ssr::entities::{
    assignments, attempt_grants, completion_records, course_modules, course_status, courses,
    enrollments, exam_attempts, feedback, module_progress, question_answers, reflections,
    scan_result, sessions, user_roles, users,
};
use crate::ssr::report_summary::{self as status};
use crate::ssr::sql::sql;
use chrono::{DateTime, Months, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The name an anonymised account gets: stable, unique, and saying nothing
/// about the person (the number is the account's own, already in every
/// table that points at it).
pub fn anonymous_name(id: i32) -> String {
    format!("Geanonimiseerde medewerker {id}")
}

/// The address an anonymised account gets: unique, and under `.invalid`
/// (RFC 2606), so no mail can ever be delivered to it.
pub fn anonymous_email(id: i32) -> String {
    format!("geanonimiseerd-{id}@anoniem.invalid")
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An answer as the person gave it: the texts they chose, put in order or
/// matched, or typed. Never the stored option indices: for order and match
/// questions the authored position is the answer key, so indices next to
/// the texts a learner saw would give the key away.
fn readable_response(
    question: Option<&domain::model::Question>,
    stored: &str,
) -> serde_json::Value {
    use domain::grading::Response;
    use domain::model::Answer;
    use serde_json::json;
    let (Some(q), Ok(response)) = (question, serde_json::from_str::<Response>(stored)) else {
        // The question left the content (or nothing was answered): its
        // options cannot be named any more.
        return serde_json::Value::Null;
    };
    let text = domain::markdown::plain_text;
    match (&q.answer, response) {
        (
            Answer::Single { options } | Answer::Multiple { options, .. },
            Response::Choice(chosen),
        ) => {
            json!({ "chosen": chosen.iter().filter_map(|i| options.get(*i)).map(|o| text(&o.html)).collect::<Vec<_>>() })
        }
        (Answer::Order { items, .. }, Response::Order(order)) => {
            json!({ "order": order.iter().filter_map(|i| items.get(*i)).map(|h| text(h)).collect::<Vec<_>>() })
        }
        (Answer::Match { pairs }, Response::Match(chosen)) => json!({
            "matches": pairs.iter().zip(chosen).map(|(p, r)| json!({
                "left": text(&p.left_html),
                "right": r.and_then(|r| pairs.get(r)).map(|p| p.right.clone()),
            })).collect::<Vec<_>>()
        }),
        (_, Response::Text(t) | Response::Numeric(t)) => json!({ "text": t }),
        _ => serde_json::Value::Null,
    }
}

/// Everything the platform holds about `user_id`, for the person
/// themselves; `None` when there is no such account.
pub async fn my_data(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
    catalog: &domain::model::Catalog,
) -> Result<Option<MyData>, DbErr> {
    let Some(user) = users::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let tree = status::department_tree(db).await?;
    let course_titles: HashMap<String, String> = courses::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let course = |id: &str| {
        course_titles
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let module_titles: HashMap<(String, String), String> = course_modules::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| ((m.course_id, m.module_id), m.title))
        .collect();
    let module = |c: &str, m: &str| {
        module_titles
            .get(&(c.to_string(), m.to_string()))
            .cloned()
            .unwrap_or_else(|| m.to_string())
    };

    let roles = user_roles::Entity::find()
        .filter(user_roles::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    let sessions = sessions::Entity::find()
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(sessions::Column::ExpiresAt.gt(now))
        .order_by_asc(sessions::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| types::Session {
            started_at: time(s.created_at),
            last_seen_at: time(s.last_seen_at),
            expires_at: time(s.expires_at),
        })
        .collect();
    let failed_sign_ins = failed_sign_ins(db, &user.email).await?;
    let enrollments = enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(user_id))
        .order_by_asc(enrollments::Column::StartedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|e| types::Enrollment {
            course: course(&e.course_id),
            course_id: e.course_id,
            round: e.round,
            started_at: time(e.started_at),
            completed_at: e.completed_at.map(time),
        })
        .collect();
    let course_overview = course_status::Entity::find()
        .filter(course_status::Column::UserId.eq(user_id))
        .order_by_asc(course_status::Column::CourseId)
        .all(db)
        .await?
        .into_iter()
        .map(|s| types::CourseOverview {
            course: course(&s.course_id),
            course_id: s.course_id,
            started_at: s.started_at.map(time),
            completed_on: s.completed_on.map(day),
            valid_until: s.valid_until.map(day),
            due_on: s.due_on.map(day),
        })
        .collect();
    let module_progress = module_progress::Entity::find()
        .filter(module_progress::Column::UserId.eq(user_id))
        .order_by_asc(module_progress::Column::CourseId)
        .order_by_asc(module_progress::Column::ModuleId)
        .all(db)
        .await?
        .into_iter()
        .map(|p| types::ModuleProgress {
            module: module(&p.course_id, &p.module_id),
            course_id: p.course_id,
            module_id: p.module_id,
            status: p.status,
            marked_read_at: p.marked_read_at.map(time),
            completed_at: p.completed_at.map(time),
            updated_at: time(p.updated_at),
        })
        .collect();
    let attempts = exam_attempts::Entity::find()
        .filter(exam_attempts::Column::UserId.eq(user_id))
        .order_by_asc(exam_attempts::Column::StartedAt)
        .order_by_asc(exam_attempts::Column::Id)
        .all(db)
        .await?;
    let attempt_numbers: HashMap<i32, i32> = attempts.iter().map(|a| (a.id, a.number)).collect();
    let answers = question_answers::Entity::find()
        .filter(question_answers::Column::UserId.eq(user_id))
        .order_by_asc(question_answers::Column::AnsweredAt)
        .order_by_asc(question_answers::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let response = readable_response(
                catalog
                    .course(&a.course_id)
                    .and_then(|c| c.module(&a.module_id))
                    .and_then(|m| m.question(&a.question_id)),
                &a.response,
            );
            types::Answer {
                module: module(&a.course_id, &a.module_id),
                course_id: a.course_id,
                module_id: a.module_id,
                question_id: a.question_id,
                round: a.round,
                exam_attempt: a
                    .attempt_id
                    .and_then(|id| attempt_numbers.get(&id).copied()),
                response,
                score: a.fraction,
                correct: a.correct,
                first_try: a.first_try,
                answered_at: time(a.answered_at),
            }
        })
        .collect();
    let exam_attempts = attempts
        .into_iter()
        .map(|a| types::ExamAttempt {
            module: module(&a.course_id, &a.module_id),
            course_id: a.course_id,
            module_id: a.module_id,
            round: a.round,
            number: a.number,
            questions: crate::learning::queries::Shown::parse(&a.shown)
                .map(|s| s.questions.into_iter().map(|q| q.id).collect())
                .unwrap_or_default(),
            started_at: time(a.started_at),
            submitted_at: a.submitted_at.map(time),
            score_percent: a.score_percent,
            passed: a.passed,
        })
        .collect();
    let extra_attempts = attempt_grants::Entity::find()
        .filter(attempt_grants::Column::UserId.eq(user_id))
        .order_by_asc(attempt_grants::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|g| types::ExtraAttempt {
            course_id: g.course_id,
            module_id: g.module_id,
            round: g.round,
            granted_at: time(g.created_at),
        })
        .collect();
    let reflections = reflections::Entity::find()
        .filter(reflections::Column::UserId.eq(user_id))
        .order_by_asc(reflections::Column::CourseId)
        .order_by_asc(reflections::Column::ModuleId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| types::Reflection {
            module: module(&r.course_id, &r.module_id),
            course_id: r.course_id,
            module_id: r.module_id,
            reflection_id: r.reflection_id,
            text: r.body,
            updated_at: time(r.updated_at),
        })
        .collect();
    let feedback = feedback::Entity::find()
        .filter(feedback::Column::UserId.eq(user_id))
        .order_by_asc(feedback::Column::CourseId)
        .order_by_asc(feedback::Column::ModuleId)
        .order_by_asc(feedback::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|f| types::Feedback {
            about: if f.module_id == crate::feedback::WHOLE_COURSE {
                course(&f.course_id)
            } else {
                module(&f.course_id, &f.module_id)
            },
            course_id: f.course_id,
            module_id: f.module_id,
            version: f.content_hash,
            rating: f.rating,
            comment: f.comment,
            updated_at: time(f.updated_at),
        })
        .collect();
    let scans = scan_result::Entity::find()
        .filter(scan_result::Column::UserId.eq(user_id))
        .order_by_asc(scan_result::Column::CourseId)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let scan = catalog
                .course(&s.course_id)
                .and_then(|c| Some((c, c.scan.as_ref()?)));
            let chosen = scan
                .and_then(|(_, scan)| {
                    let choices = domain::scan::decode(scan, &s.choices)?;
                    Some(
                        scan.questions
                            .iter()
                            .flat_map(|q| domain::scan::chosen_labels(q, &choices))
                            .map(domain::markdown::plain_text)
                            .collect(),
                    )
                })
                .unwrap_or_default();
            types::ScanAnswers {
                about: scan.map_or_else(
                    || s.course_id.clone(),
                    |(c, scan)| format!("{} – {}", scan.title, c.title),
                ),
                course_id: s.course_id,
                version: s.content_hash,
                choices: s.choices,
                chosen,
                taken_at: time(s.taken_at),
            }
        })
        .collect();
    let records = completion_records::Entity::find()
        .filter(completion_records::Column::UserId.eq(user_id))
        .order_by_asc(completion_records::Column::CompletedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| types::Record {
            course_id: r.course_id,
            course: r.course_title,
            course_version: r.course_version,
            round: r.round,
            score_percent: r.score_percent,
            completed_at: time(r.completed_at),
            department_then: r.department_name,
            valid_until: r.expires_at.map(day),
            verification_code: r.verification_code,
        })
        .collect();
    // Assigned by name, or to their department (or one above it).
    let assignments = assignments::Entity::find()
        .order_by_asc(assignments::Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            let personal = a.user_id == Some(user_id);
            let via_department = a.user_id.is_none()
                && match (a.department_id, user.department_id) {
                    (Some(assigned), Some(mine)) => {
                        assigned == mine
                            || (a.include_subdepartments && tree.is_within(mine, assigned))
                    }
                    _ => false,
                };
            (personal || via_department).then(|| types::Assignment {
                course: course(&a.course_id),
                course_id: a.course_id,
                due_on: day(a.due_on),
                personal,
            })
        })
        .collect();
    let audit = audit_about(db, user_id).await?;
    Ok(Some(MyData {
        format: types::FORMAT.to_string(),
        generated_at: time(now),
        account: types::Account {
            id: user.id,
            name: user.display_name,
            email: user.email,
            employee_number: user.employee_number,
            department: user.department_id.map(|d| tree.path_name(d)),
            language: user.locale,
            organisation_account: user.sso_subject,
            mail_choice: user.mail_choice,
            active: user.active,
            created_at: time(user.created_at),
            updated_at: time(user.updated_at),
        },
        roles,
        sessions,
        failed_sign_ins,
        enrollments,
        course_overview,
        module_progress,
        answers,
        exam_attempts,
        extra_attempts,
        reflections,
        feedback,
        scans,
        records,
        assignments,
        audit,
    }))
}

async fn failed_sign_ins(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<types::FailedSignIns>, DbErr> {
    let backend = db.get_database_backend();
    #[derive(FromQueryResult)]
    struct Row {
        failures: i32,
        last_failure_at: DateTime<Utc>,
        blocked_until: Option<DateTime<Utc>>,
    }
    let Some(row) = Row::find_by_statement(sql(
        backend,
        "SELECT failures, last_failure_at, blocked_until FROM sign_in_failures WHERE key = $1",
        vec![crate::ssr::throttle::account_key(email).into()],
    ))
    .one(db)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(types::FailedSignIns {
        failures: row.failures,
        last_failure_at: time(row.last_failure_at),
        blocked_until: row.blocked_until.map(time),
    }))
}

/// Audit entries by this person, or about them: their account
/// (`user:17`), their page in the reports (`persoon:17`) and its downloads
/// (`persoon-17.csv`, `persoon-17.xlsx`).
async fn audit_about(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<types::AuditEntry>, DbErr> {
    let backend = db.get_database_backend();
    #[derive(FromQueryResult)]
    struct Row {
        at: DateTime<Utc>,
        action: String,
        subject: String,
        actor_id: Option<i32>,
    }
    let rows = Row::find_by_statement(sql(
        backend,
        "SELECT at, action, subject, actor_id FROM audit_log \
         WHERE actor_id = $1 OR subject = $2 OR subject = $3 OR subject = $4 OR subject = $5 \
         ORDER BY at, id",
        vec![
            user_id.into(),
            format!("user:{user_id}").into(),
            format!("persoon:{user_id}").into(),
            format!("persoon-{user_id}.csv").into(),
            format!("persoon-{user_id}.xlsx").into(),
        ],
    ))
    .all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| types::AuditEntry {
            at: time(r.at),
            action: r.action,
            subject: r.subject,
            by_you: r.actor_id == Some(user_id),
        })
        .collect())
}

/// Whether the account was anonymised (the verification page then names
/// nobody). An unknown account counts as not anonymised.
pub async fn is_anonymised(db: &impl ConnectionTrait, user_id: i32) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    Ok(db
        .query_one_raw(sql(
            backend,
            "SELECT 1 FROM users WHERE id = $1 AND anonymised_at IS NOT NULL",
            vec![user_id.into()],
        ))
        .await?
        .is_some())
}

/// What an admin sees of a person before anonymising or deleting them.
pub async fn person_privacy(
    db: &impl ConnectionTrait,
    person: i32,
    viewer: i32,
) -> Result<Option<types::PersonPrivacy>, DbErr> {
    let backend = db.get_database_backend();
    #[derive(FromQueryResult)]
    struct Row {
        display_name: String,
        email: String,
        employee_number: Option<String>,
        active: bool,
        anonymised_at: Option<DateTime<Utc>>,
        records: i64,
        answers: i64,
        reflections: i64,
        exam_attempts: i64,
    }
    let Some(row) = Row::find_by_statement(sql(
        backend,
        "SELECT display_name, email, employee_number, active, anonymised_at, \
           (SELECT COUNT(*) FROM completion_records WHERE user_id = $1) AS records, \
           (SELECT COUNT(*) FROM question_answers WHERE user_id = $1) AS answers, \
           (SELECT COUNT(*) FROM reflections WHERE user_id = $1 AND body <> '') AS reflections, \
           (SELECT COUNT(*) FROM exam_attempts WHERE user_id = $1) AS exam_attempts \
         FROM users WHERE id = $1",
        vec![person.into()],
    ))
    .one(db)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(types::PersonPrivacy {
        id: person,
        name: row.display_name,
        email: row.email,
        employee_number: row.employee_number,
        active: row.active,
        anonymised_at: row.anonymised_at.map(time),
        is_you: person == viewer,
        records: row.records,
        answers: row.answers,
        reflections: row.reflections,
        exam_attempts: row.exam_attempts,
    }))
}

/// What an operation did to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Anonymised before (by an admin, the retention rule or another node).
    AlreadyDone,
    NotFound,
}

/// Who asked for an operation, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Admin(i32),
    /// The retention rule (the daily job or `server apply-retention`).
    Retention,
}

impl Actor {
    fn id(self) -> Option<i32> {
        match self {
            Actor::Admin(id) => Some(id),
            Actor::Retention => None,
        }
    }
    fn by(self) -> &'static str {
        match self {
            Actor::Admin(_) => "admin",
            Actor::Retention => "retention",
        }
    }
}

/// Read the person's row for an operation, locking it on PostgreSQL until
/// the transaction ends: (e-mail, anonymised_at).
async fn lock_person(
    txn: &impl ConnectionTrait,
    person: i32,
) -> Result<Option<(String, Option<DateTime<Utc>>)>, DbErr> {
    let backend = txn.get_database_backend();
    let lock = if backend == DbBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    #[derive(FromQueryResult)]
    struct Row {
        email: String,
        anonymised_at: Option<DateTime<Utc>>,
    }
    Ok(Row::find_by_statement(sql(
        backend,
        &format!("SELECT email, anonymised_at FROM users WHERE id = $1{lock}"),
        vec![person.into()],
    ))
    .one(txn)
    .await?
    .map(|r| (r.email, r.anonymised_at)))
}

/// Anonymise a person, in one transaction:
///
/// - name → [`anonymous_name`], e-mail → [`anonymous_email`], employee
///   number and password hash cleared, account inactive, roles removed,
///   sessions and failed sign-ins (keyed by the address) deleted;
/// - the text of their reflections removed (the rows stay, so the modules
///   they completed stay complete);
/// - enrollments, module progress, answers, exam attempts and completion
///   records stay, so every count and score in the reports stays the same;
///   the records' verification pages then say that the record exists and
///   whether it is valid, without naming anyone.
///
/// The report summaries follow in the same transaction (an inactive account
/// no longer counts among a department's current people, as after
/// deactivation). Audited as `person_anonymise` on `user:<id>`. Anonymising
/// an anonymised account changes nothing.
pub async fn anonymise(
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    person: i32,
    actor: Actor,
) -> Result<Outcome, DbErr> {
    let txn = crate::learning::queries::begin_write(writer).await?;
    // The report lock first (see `ssr::report_summary`), then the person.
    status::lock(&txn).await?;
    let Some((email, anonymised_at)) = lock_person(&txn, person).await? else {
        txn.rollback().await?;
        return Ok(Outcome::NotFound);
    };
    if anonymised_at.is_some() {
        txn.rollback().await?;
        return Ok(Outcome::AlreadyDone);
    }
    let backend = txn.get_database_backend();
    let now = Utc::now();
    txn.execute_raw(sql(
        backend,
        "UPDATE users SET display_name = $2, email = $3, employee_number = NULL, \
           password_hash = NULL, sso_subject = NULL, active = FALSE, anonymised_at = $4, updated_at = $4 \
         WHERE id = $1",
        vec![
            person.into(),
            anonymous_name(person).into(),
            anonymous_email(person).into(),
            now.into(),
        ],
    ))
    .await?;
    for statement in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM user_roles WHERE user_id = $1",
        "UPDATE reflections SET body = '' WHERE user_id = $1",
        "UPDATE feedback SET comment = NULL WHERE user_id = $1",
    ] {
        txn.execute_raw(sql(backend, statement, vec![person.into()]))
            .await?;
    }
    txn.execute_raw(sql(
        backend,
        "DELETE FROM sign_in_failures WHERE key = $1",
        vec![crate::ssr::throttle::account_key(&email).into()],
    ))
    .await?;
    status::users_changed(&txn, &[person]).await?;
    crate::ssr::audit::record(
        &txn,
        actor.id(),
        "person_anonymise",
        &format!("user:{person}"),
        serde_json::json!({ "by": actor.by() }),
    )
    .await?;
    txn.commit().await?;
    sessions.forget_all();
    Ok(Outcome::Done)
}

/// Delete a person and everything of theirs, in one transaction: their
/// learning history (enrollments, progress, answers, exam attempts, extra
/// attempts, reflections, feedback), their completion records (whose verification
/// codes then no longer verify), their report rows, personal assignments,
/// roles, sessions, failed sign-ins and the account itself. Others' rows
/// that pointed at them as the one who acted (an extra attempt they
/// granted, an assignment they made, audit entries) keep their content and
/// lose the pointer. The department figures are recounted without them.
/// Audited as `person_delete` on `user:<id>`.
pub async fn delete(
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    person: i32,
    actor: Actor,
) -> Result<Outcome, DbErr> {
    let txn = crate::learning::queries::begin_write(writer).await?;
    status::lock(&txn).await?;
    let Some((email, _)) = lock_person(&txn, person).await? else {
        txn.rollback().await?;
        return Ok(Outcome::NotFound);
    };
    let backend = txn.get_database_backend();
    let mut touched: Vec<Option<i32>> = Vec::new();
    #[derive(FromQueryResult)]
    struct Touched {
        department_id: Option<i32>,
    }
    for row in Touched::find_by_statement(sql(
        backend,
        "SELECT DISTINCT department_id FROM course_status WHERE user_id = $1",
        vec![person.into()],
    ))
    .all(&txn)
    .await?
    {
        touched.push(row.department_id);
    }
    // The question analysis's sums lose the answers with them.
    crate::item_stats::upkeep::remove_person(&txn, person).await?;
    // Children before parents: answers point at exam attempts.
    for statement in [
        "DELETE FROM question_answers WHERE user_id = $1",
        "DELETE FROM exam_attempts WHERE user_id = $1",
        "DELETE FROM attempt_grants WHERE user_id = $1",
        "UPDATE attempt_grants SET granted_by = NULL WHERE granted_by = $1",
        "DELETE FROM module_progress WHERE user_id = $1",
        "DELETE FROM reflections WHERE user_id = $1",
        "DELETE FROM feedback WHERE user_id = $1",
        "DELETE FROM scan_result WHERE user_id = $1",
        "DELETE FROM enrollments WHERE user_id = $1",
        "DELETE FROM completion_records WHERE user_id = $1",
        "DELETE FROM course_status WHERE user_id = $1",
        "DELETE FROM assignments WHERE user_id = $1",
        "UPDATE assignments SET assigned_by = NULL WHERE assigned_by = $1",
        "UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM user_roles WHERE user_id = $1",
        "DELETE FROM reminders_sent WHERE user_id = $1",
        "DELETE FROM users WHERE id = $1",
    ] {
        txn.execute_raw(sql(backend, statement, vec![person.into()]))
            .await?;
    }
    txn.execute_raw(sql(
        backend,
        "DELETE FROM sign_in_failures WHERE key = $1",
        vec![crate::ssr::throttle::account_key(&email).into()],
    ))
    .await?;
    touched.sort();
    touched.dedup();
    status::refresh_cells(&txn, status::Cells::Departments(&touched), status::today()).await?;
    crate::ssr::audit::record(
        &txn,
        actor.id(),
        "person_delete",
        &format!("user:{person}"),
        serde_json::json!({ "by": actor.by() }),
    )
    .await?;
    txn.commit().await?;
    sessions.forget_all();
    Ok(Outcome::Done)
}

/// An account the retention rule anonymises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    /// The latest of: the last change to the account (its deactivation by
    /// the HR import or an admin, at the latest), its last action in the
    /// audit log (a sign-in, ...), its last use of a session.
    pub last_activity: DateTime<Utc>,
}

/// The day before which an account must have been last active to fall
/// under the rule: `months` calendar months before `now`.
pub fn retention_cutoff(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Accounts that are inactive, not yet anonymised, and have done nothing
/// since `cutoff`: not changed, no action in the audit log, no session used.
/// Active accounts never fall under the rule, however long unused: they
/// belong to current employees.
pub async fn retention_candidates(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<Vec<Candidate>, DbErr> {
    let backend = db.get_database_backend();
    #[derive(FromQueryResult)]
    struct Row {
        id: i32,
        updated_at: DateTime<Utc>,
        acted: Option<DateTime<Utc>>,
        seen: Option<DateTime<Utc>>,
    }
    let rows = Row::find_by_statement(sql(
        backend,
        "SELECT u.id, u.updated_at, \
           (SELECT MAX(a.at) FROM audit_log a WHERE a.actor_id = u.id) AS acted, \
           (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS seen \
         FROM users u \
         WHERE u.active = FALSE AND u.anonymised_at IS NULL AND u.updated_at < $1 \
           AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.actor_id = u.id AND a.at >= $1) \
           AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_seen_at >= $1) \
         ORDER BY u.id",
        vec![cutoff.into()],
    ))
    .all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            id: r.id,
            last_activity: [Some(r.updated_at), r.acted, r.seen]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(r.updated_at),
        })
        .collect())
}

/// What one run of the retention rule found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionRun {
    /// Accounts that fell under the rule (all of them, also in a dry run).
    pub candidates: Vec<Candidate>,
    /// Anonymised by this run.
    pub anonymised: usize,
    /// Anonymised meanwhile by someone else (another node, an admin).
    pub already_done: usize,
}

/// Run the retention rule: anonymise every account inactive for `months`
/// months (see [`retention_candidates`]), one transaction per account.
/// With `dry_run` nothing changes. Safe to run on several nodes at once.
pub async fn apply_retention(
    db: &impl ConnectionTrait,
    writer: &DatabaseConnection,
    sessions: &crate::ssr::session::SessionCache,
    months: u32,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<RetentionRun, DbErr> {
    let candidates = retention_candidates(db, retention_cutoff(now, months)).await?;
    let mut run = RetentionRun {
        candidates,
        ..Default::default()
    };
    if dry_run {
        return Ok(run);
    }
    for c in &run.candidates {
        match anonymise(writer, sessions, c.id, Actor::Retention).await? {
            Outcome::Done => run.anonymised += 1,
            Outcome::AlreadyDone | Outcome::NotFound => run.already_done += 1,
        }
    }
    Ok(run)
}

/// What [`forget_stale`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub sessions: u64,
    pub sign_in_failures: u64,
    /// Uploaded employee files nobody confirmed in time.
    pub pending_imports: u64,
}

/// Remove what no longer serves any purpose, whatever the retention
/// setting: sessions that have ended (idle or past their absolute end;
/// signing in never uses them again), and failed sign-in counts that the
/// throttle has forgotten anyway (`domain::throttle`: a quiet day resets
/// the count, and no wait is left). Those hold typed e-mail addresses,
/// also of people without an account, and IP addresses. And uploaded
/// employee files nobody confirmed in time (they hold many people's data).
pub async fn forget_stale(
    writer: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Forgotten, DbErr> {
    use domain::throttle::{ACCOUNT, ADDRESS};
    let backend = writer.get_database_backend();
    let session_start = now - chrono::Duration::hours(crate::ssr::session::ABSOLUTE_HOURS);
    let sessions = writer
        .execute_raw(sql(
            backend,
            "DELETE FROM sessions WHERE expires_at <= $1 OR created_at <= $2",
            vec![now.into(), session_start.into()],
        ))
        .await?
        .rows_affected();
    let forget = ACCOUNT
        .forget_after_seconds
        .max(ADDRESS.forget_after_seconds);
    let sign_in_failures = writer
        .execute_raw(sql(
            backend,
            "DELETE FROM sign_in_failures WHERE last_failure_at < $1 \
               AND (blocked_until IS NULL OR blocked_until < $2)",
            vec![(now - chrono::Duration::seconds(forget)).into(), now.into()],
        ))
        .await?
        .rows_affected();
    let pending_imports = crate::import::queries::forget_expired_pending(writer).await?;
    Ok(Forgotten {
        sessions,
        sign_in_failures,
        pending_imports,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The export names what the learner chose, put in order or matched;
    /// the stored authored indices would give the answer key away.
    #[test]
    fn answers_are_exported_as_texts_never_as_positions() {
        use domain::grading::Response;
        use domain::model::{Answer, MatchPair, Question};
        let question = |answer| Question {
            id: "q".into(),
            title: None,
            prompt_html: String::new(),
            points: 1,
            group: None,
            answer,
            explanation_html: None,
            line: 1,
        };
        let order = question(Answer::Order {
            items: vec![
                "<p>Eerst</p>".into(),
                "Dan &amp; daarna".into(),
                "Laatst".into(),
            ],
            feedback: vec![None; 3],
        });
        let stored = serde_json::to_string(&Response::Order(vec![2, 0, 1])).unwrap();
        assert_eq!(
            readable_response(Some(&order), &stored),
            serde_json::json!({ "order": ["Laatst", "Eerst", "Dan & daarna"] })
        );
        let pairs = question(Answer::Match {
            pairs: vec![
                MatchPair {
                    left_html: "Informeren".into(),
                    right: "uitleggen".into(),
                    feedback_html: None,
                },
                MatchPair {
                    left_html: "Raadplegen".into(),
                    right: "mening vragen".into(),
                    feedback_html: None,
                },
            ],
        });
        let stored = serde_json::to_string(&Response::Match(vec![Some(1), None])).unwrap();
        let out = readable_response(Some(&pairs), &stored).to_string();
        assert!(
            out.contains("mening vragen") && !out.contains(":1") && !out.contains("[1"),
            "{out}"
        );
        assert_eq!(readable_response(None, &stored), serde_json::Value::Null);
    }

    #[test]
    fn placeholders_are_unique_and_undeliverable() {
        assert_eq!(anonymous_name(17), "Geanonimiseerde medewerker 17");
        assert_eq!(anonymous_email(17), "geanonimiseerd-17@anoniem.invalid");
        assert_ne!(anonymous_email(1), anonymous_email(11));
        assert!(anonymous_email(3).ends_with(".invalid"));
    }

    #[test]
    fn the_cutoff_counts_calendar_months() {
        let now = "2026-03-31T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            retention_cutoff(now, 1),
            "2026-02-28T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            retention_cutoff(now, 24),
            "2024-03-31T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }
}
