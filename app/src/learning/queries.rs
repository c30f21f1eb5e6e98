//! What a learner does, as database transactions: answering lesson questions,
//! marking a module read, saving reflections, exam attempts, and the course
//! completion that follows.
//!
//! The rules themselves live in `domain::grading` and `domain::completion`;
//! this module applies them and stores the outcome. Every write that can
//! complete a course runs in one transaction with the answer that completes
//! it, and starts by locking the learner's enrollment row ([`lock_course`]),
//! so answers arriving from several tabs at once are applied one after the
//! other. The unique index on (user, course, version) of `completion_records`
//! is the last line of defence: one record per learner per course version
//! per round.
//!
//! A *round* is one pass through a course. When a record expires (or is
//! within its warning period) the learner may start over ([`renew_course`]):
//! the enrollment's round goes up by one, the module states are cleared and
//! every rule below only looks at the answers, attempts and extra attempts
//! of the current round. Earlier rounds stay in the database as history.

use super::types::Refusal;
use crate::error::{AppError, Missing};
use crate::records::queries as records;
use crate::ssr::entities::{
    attempt_grants, completion_records, departments, enrollments, exam_attempts, module_progress,
    question_answers, reflections,
};
use crate::ssr::{report_summary, sql};
use chrono::{Datelike, Utc};
use domain::completion::{self, Date};
use domain::grading::{self, Grade, Response, ResponseError};
use domain::model::{Answer, Course, ExamSettings, Module, ModuleKind, Question};
use domain::option_tokens::{Namer, OptionKey, Part};
use domain::report::status::WARNING_DAYS;
use sea_orm::{
    sea_query::OnConflict, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionTrait, TryInsertResult,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const STATUS_IN_PROGRESS: &str = "in_progress";
pub const STATUS_COMPLETE: &str = "complete";
pub const MAX_REFLECTION_CHARS: usize = 10_000;

/// The learner as the learning rules need them.
#[derive(Debug, Clone, Copy)]
pub struct Learner {
    pub id: i32,
    pub department_id: Option<i32>,
}

impl From<&crate::auth::CurrentUser> for Learner {
    fn from(u: &crate::auth::CurrentUser) -> Self {
        Learner {
            id: u.id,
            department_id: u.department_id,
        }
    }
}

/// What the learner has done in one course.
#[derive(Debug, Clone, Default)]
pub struct CourseProgress {
    pub started: bool,
    /// The learner's current round (1 before they start).
    pub round: i32,
    pub complete_modules: BTreeSet<String>,
    pub touched_modules: BTreeSet<String>,
    /// The record for the course's current version, or the latest one.
    pub record: Option<completion_records::Model>,
}

impl CourseProgress {
    /// The first module that is not complete: where "continue" goes.
    pub fn next_module<'c>(&self, course: &'c Course) -> Option<&'c Module> {
        course
            .modules
            .iter()
            .find(|m| !self.complete_modules.contains(&m.id))
    }
    pub fn percent(&self, course: &Course) -> u32 {
        if course.modules.is_empty() {
            return 0;
        }
        let done = course
            .modules
            .iter()
            .filter(|m| self.complete_modules.contains(&m.id))
            .count();
        (done * 100 / course.modules.len()) as u32
    }
}

pub async fn course_progress(
    db: &impl ConnectionTrait,
    learner_id: i32,
    course: &Course,
) -> Result<CourseProgress, DbErr> {
    let mut progress = module_states(db, learner_id, course).await?;
    progress.record = latest_record(db, learner_id, &course.id).await?;
    Ok(progress)
}

/// [`course_progress`] without the record: the enrollment and the module
/// states in one query (module states exist only under an enrollment).
pub async fn module_states(
    db: &impl ConnectionTrait,
    learner_id: i32,
    course: &Course,
) -> Result<CourseProgress, DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(sql::sql(
            backend,
            "SELECT e.round, p.module_id, p.status FROM enrollments e \
             LEFT JOIN module_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id \
             WHERE e.user_id = $1 AND e.course_id = $2",
            vec![learner_id.into(), course.id.as_str().into()],
        ))
        .await?;
    let mut progress = CourseProgress {
        started: !rows.is_empty(),
        round: 1,
        ..Default::default()
    };
    for row in rows {
        progress.round = row.try_get("", "round")?;
        let module: Option<String> = row.try_get("", "module_id")?;
        let status: Option<String> = row.try_get("", "status")?;
        if let Some(module) = module {
            if status.as_deref() == Some(STATUS_COMPLETE) {
                progress.complete_modules.insert(module.clone());
            }
            progress.touched_modules.insert(module);
        }
    }
    Ok(progress)
}

pub async fn latest_record(
    db: &impl ConnectionTrait,
    learner_id: i32,
    course_id: &str,
) -> Result<Option<completion_records::Model>, DbErr> {
    completion_records::Entity::find()
        .filter(completion_records::Column::UserId.eq(learner_id))
        .filter(completion_records::Column::CourseId.eq(course_id))
        .order_by_desc(completion_records::Column::CompletedAt)
        .one(db)
        .await
}

/// The learner's current round in a course (1 before they start).
pub async fn current_round(
    db: &impl ConnectionTrait,
    learner_id: i32,
    course_id: &str,
) -> Result<i32, DbErr> {
    let round: Option<i32> = enrollments::Entity::find()
        .select_only()
        .column(enrollments::Column::Round)
        .filter(enrollments::Column::UserId.eq(learner_id))
        .filter(enrollments::Column::CourseId.eq(course_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(round.unwrap_or(1))
}

/// What a module page shows of one learner.
#[derive(Debug, Clone, Default)]
pub struct ModuleState {
    /// The course's round and module states (no record: see `record_code`).
    pub progress: CourseProgress,
    /// The stored response (JSON) of the latest answer to each of the
    /// module's lesson questions in the current round.
    pub answers: HashMap<String, String>,
    /// The learner's saved reflections in this module.
    pub reflections: HashMap<String, String>,
    /// The verification code of the learner's latest record in the course.
    pub record_code: Option<String>,
    /// The learner's feedback on this version of the module.
    pub feedback: Option<crate::feedback::types::MyFeedback>,
}

/// Everything a module page shows of one learner, in one query (one round
/// trip to the database, on either backend): the enrollment's round and the
/// module states, the latest answer to each lesson question of `module` in
/// the current round, the saved reflections, the feedback on this version
/// and the latest record's code.
/// The parts a module cannot have (answers in an exam, reflections in a
/// module without them) are left out of the query. The record's code is
/// always asked (one indexed lookup inside the same statement): whether the
/// course is complete is only known from the rows themselves.
pub async fn module_state(
    db: &impl ConnectionTrait,
    learner_id: i32,
    course: &Course,
    module: &Module,
) -> Result<ModuleState, DbErr> {
    let with_answers = !module.is_exam() && !module.questions.is_empty();
    let with_reflections = !module.reflections.is_empty();
    // Every part gives rows of (part, n, k, v).
    let mut text = String::from(
        "SELECT 'm' AS part, CAST(e.round AS BIGINT) AS n, p.module_id AS k, p.status AS v FROM enrollments e \
         LEFT JOIN module_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id \
         WHERE e.user_id = $1 AND e.course_id = $2 \
         UNION ALL SELECT 'c', 0, (SELECT verification_code FROM completion_records \
           WHERE user_id = $1 AND course_id = $2 ORDER BY completed_at DESC LIMIT 1), NULL",
    );
    if with_answers {
        text.push_str(
            " UNION ALL SELECT 'a', a.id, a.question_id, a.response FROM question_answers a \
             WHERE a.user_id = $1 AND a.course_id = $2 AND a.module_id = $3 \
             AND a.attempt_id IS NULL AND a.round = COALESCE((SELECT round FROM enrollments \
               WHERE user_id = $1 AND course_id = $2), 1)",
        );
    }
    if with_reflections {
        text.push_str(
            " UNION ALL SELECT 'r', 0, r.reflection_id, r.body FROM reflections r \
             WHERE r.user_id = $1 AND r.course_id = $2 AND r.module_id = $3",
        );
    }
    // The learner's feedback on this version of the module.
    text.push_str(
        " UNION ALL SELECT 'f', f.rating, f.content_hash, f.comment FROM feedback f \
         WHERE f.user_id = $1 AND f.course_id = $2 AND f.module_id = $3 AND f.content_hash = $4",
    );
    // Answers by id, so the latest to each question comes last.
    text.push_str(" ORDER BY 1, 2");
    let values = vec![
        learner_id.into(),
        course.id.as_str().into(),
        module.id.as_str().into(),
        module.content_hash.as_str().into(),
    ];
    let backend = db.get_database_backend();
    let rows = db.query_all_raw(sql::sql(backend, &text, values)).await?;
    let mut state = ModuleState {
        progress: CourseProgress {
            round: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    for row in rows {
        let part: String = row.try_get("", "part")?;
        let n: i64 = row.try_get("", "n")?;
        let k: Option<String> = row.try_get("", "k")?;
        let v: Option<String> = row.try_get("", "v")?;
        match (part.as_str(), k, v) {
            ("m", k, v) => {
                state.progress.started = true;
                state.progress.round =
                    i32::try_from(n).map_err(|_| DbErr::Type(format!("round {n} out of range")))?;
                if let Some(module) = k {
                    if v.as_deref() == Some(STATUS_COMPLETE) {
                        state.progress.complete_modules.insert(module.clone());
                    }
                    state.progress.touched_modules.insert(module);
                }
            }
            ("c", code, _) => state.record_code = code,
            ("a", Some(question), Some(response)) => {
                state.answers.insert(question, response);
            }
            ("r", Some(reflection), Some(body)) => {
                state.reflections.insert(reflection, body);
            }
            ("f", _, comment) => state.feedback = crate::feedback::queries::from_row(n, comment),
            _ => {}
        }
    }
    Ok(state)
}

/// What answering did.
#[derive(Debug, Clone)]
pub struct AnswerOutcome {
    pub grade: Grade,
    pub module_complete: bool,
    /// Set when this answer completed the course and a record was issued.
    pub record: Option<completion_records::Model>,
}

/// Grade and store a lesson answer; complete the module and the course when
/// this answer finishes them.
pub async fn submit_answer(
    db: &DatabaseConnection,
    course: &Course,
    module: &Module,
    learner: Learner,
    question_id: &str,
    response: Response,
) -> Result<AnswerOutcome, AppError> {
    if module.is_exam() {
        return Err(Refusal::ExamQuestionOutsideAttempt.into());
    }
    let question = module
        .question(question_id)
        .ok_or(AppError::NotFound(Missing::Question))?;
    let grade = grading::grade(question, &response).map_err(response_error)?;
    let response_json =
        serde_json::to_string(&response).map_err(|e| AppError::internal("response json", e))?;

    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    // One statement: whether this is the first answer to the question in
    // this round (`first_try`, for the course score) is asked in the insert.
    let backend = txn.get_database_backend();
    txn.execute_raw(sql::sql(
        backend,
        "INSERT INTO question_answers (user_id, round, course_id, module_id, question_id, \
           attempt_id, response, fraction, correct, first_try, content_hash, answered_at) \
         SELECT $1, $2, $3, $4, $5, NULL, $6, $7, $8, NOT EXISTS (\
           SELECT 1 FROM question_answers WHERE user_id = $1 AND course_id = $3 \
           AND module_id = $4 AND question_id = $5 AND round = $2 AND attempt_id IS NULL), \
         $9, $10",
        vec![
            learner.id.into(),
            round.into(),
            course.id.as_str().into(),
            module.id.as_str().into(),
            question_id.into(),
            response_json.into(),
            grade.fraction.into(),
            grade.correct.into(),
            module.content_hash.as_str().into(),
            Utc::now().into(),
        ],
    ))
    .await?;
    crate::item_stats::upkeep::add_lesson_answer(
        &txn,
        learner.id,
        &course.id,
        &module.id,
        question_id,
        round,
    )
    .await?;

    let known = grade.correct.then_some(question_id);
    let correct = correctly_answered(&txn, learner.id, &course.id, module, round, known).await?;
    let complete = completion::lesson_complete(module, &correct, false);
    let (module_complete, record) =
        record_module_state(&txn, course, module, learner, round, complete, false).await?;
    txn.commit().await?;
    Ok(AnswerOutcome {
        grade,
        module_complete,
        record,
    })
}

/// Mark a module without graded questions as read (which completes it).
pub async fn mark_read(
    db: &DatabaseConnection,
    course: &Course,
    module: &Module,
    learner: Learner,
) -> Result<Option<completion_records::Model>, AppError> {
    if module.is_exam() || !module.questions.is_empty() {
        return Err(Refusal::MarkReadHasQuestions.into());
    }
    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    let (_, record) = record_module_state(&txn, course, module, learner, round, true, true).await?;
    txn.commit().await?;
    Ok(record)
}

pub async fn save_reflection(
    db: &DatabaseConnection,
    course: &Course,
    module: &Module,
    learner: Learner,
    reflection_id: &str,
    body: &str,
) -> Result<(), AppError> {
    if !module.reflections.iter().any(|r| r.id == reflection_id) {
        return Err(AppError::NotFound(Missing::Reflection));
    }
    let body = body.trim();
    if body.chars().count() > MAX_REFLECTION_CHARS {
        return Err(Refusal::ReflectionTooLong {
            max: MAX_REFLECTION_CHARS,
        }
        .into());
    }
    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    reflections::Entity::insert(reflections::ActiveModel {
        user_id: Set(learner.id),
        course_id: Set(course.id.clone()),
        module_id: Set(module.id.clone()),
        reflection_id: Set(reflection_id.to_string()),
        body: Set(body.to_string()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            reflections::Column::UserId,
            reflections::Column::CourseId,
            reflections::Column::ModuleId,
            reflections::Column::ReflectionId,
        ])
        .update_columns([reflections::Column::Body, reflections::Column::UpdatedAt])
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    // Writing a reflection counts as working on the module.
    record_module_state(&txn, course, module, learner, round, false, false).await?;
    txn.commit().await?;
    Ok(())
}

/// When the learner may start a course over to renew its record: the day the
/// warning period of their latest record begins, and whether that day has
/// come. `None` when there is nothing to renew (no record, or one that never
/// expires).
pub fn renewal_window(
    record: Option<&completion_records::Model>,
    today: chrono::NaiveDate,
) -> Option<(chrono::NaiveDate, bool)> {
    let expires = record?.expires_at?;
    let opens = expires - chrono::Duration::days(WARNING_DAYS);
    let open =
        to_date(today).is_some_and(|t| completion::may_renew(to_date(expires), t, WARNING_DAYS));
    Some((opens, open))
}

fn to_date(d: chrono::NaiveDate) -> Option<Date> {
    Date::new(d.year(), d.month(), d.day())
}

/// Start a course over to renew an expiring or expired record
/// (recertification): a new round begins. The module states of the finished
/// round are cleared; its answers, attempts and record stay as history.
pub async fn renew_course(
    db: &DatabaseConnection,
    course: &Course,
    learner: Learner,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    let enrollment = enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(learner.id))
        .filter(enrollments::Column::CourseId.eq(course.id.as_str()))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound(Missing::Enrollment))?;
    if enrollment.completed_at.is_none() {
        return Err(Refusal::RenewInProgress.into());
    }
    let record = latest_record(&txn, learner.id, &course.id).await?;
    match renewal_window(record.as_ref(), report_summary::today()) {
        Some((_, true)) => {}
        Some((opens, false)) => {
            return Err(Refusal::RenewNotYet {
                opens: sql::day(opens)?,
            }
            .into())
        }
        None => return Err(Refusal::RenewNotNeeded.into()),
    }
    let now = Utc::now();
    let mut active: enrollments::ActiveModel = enrollment.into();
    active.round = Set(round + 1);
    active.started_at = Set(now);
    active.completed_at = Set(None);
    active.update(&txn).await?;
    module_progress::Entity::delete_many()
        .filter(module_progress::Column::UserId.eq(learner.id))
        .filter(module_progress::Column::CourseId.eq(course.id.as_str()))
        .exec(&txn)
        .await?;
    report_summary::started(&txn, learner.id, &course.id, learner.department_id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Begin a transaction that writes learner data. On SQLite it is `BEGIN
/// IMMEDIATE`: the write lock is taken at once, so a transaction that reads
/// first and writes later can never find its snapshot outdated by another
/// connection's write (SQLITE_BUSY_SNAPSHOT). PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Serialise everything one learner does in one course: on PostgreSQL, lock
/// the learner's enrollment row until the transaction ends (on SQLite the
/// transaction already holds the write lock, see [`begin_write`]); create the
/// enrollment on the learner's first activity in the course. Returns the
/// learner's current round. The common case, an existing enrollment, costs
/// one statement.
async fn lock_course(
    txn: &DatabaseTransaction,
    learner: Learner,
    course_id: &str,
) -> Result<i32, DbErr> {
    let backend = txn.get_database_backend();
    let lock = if backend == DbBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let select = || {
        sql::sql(
            backend,
            &format!("SELECT round FROM enrollments WHERE user_id = $1 AND course_id = $2{lock}"),
            vec![learner.id.into(), course_id.into()],
        )
    };
    if let Some(row) = txn.query_one_raw(select()).await? {
        return row.try_get::<i32>("", "round");
    }
    let now = Utc::now();
    let inserted = enrollments::Entity::insert(enrollments::ActiveModel {
        user_id: Set(learner.id),
        course_id: Set(course_id.to_string()),
        started_at: Set(now),
        completed_at: Set(None),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([enrollments::Column::UserId, enrollments::Column::CourseId])
    .exec_without_returning(txn)
    .await?;
    if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        // A new enrollment: the learner has started the course.
        report_summary::started(txn, learner.id, course_id, learner.department_id, now).await?;
    }
    // On PostgreSQL a concurrent transaction may have inserted it first; this
    // waits for it and locks the row.
    let row = txn
        .query_one_raw(select())
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("enrollment {}/{course_id}", learner.id)))?;
    row.try_get::<i32>("", "round")
}

/// The questions of a lesson the learner has answered correctly at least
/// once in `round`, up to the first one they have not (enough for
/// `completion::lesson_complete`, which needs all of them). One indexed lookup per question (they stop at the first
/// correct answer), so the cost does not grow with every retry; `known` is
/// a question already known to be correct (the answer just given).
async fn correctly_answered(
    txn: &DatabaseTransaction,
    learner_id: i32,
    course_id: &str,
    module: &Module,
    round: i32,
    known: Option<&str>,
) -> Result<BTreeSet<String>, DbErr> {
    let mut ids = BTreeSet::new();
    for q in &module.questions {
        if known == Some(q.id.as_str()) {
            ids.insert(q.id.clone());
            continue;
        }
        let hit: Option<i64> = question_answers::Entity::find()
            .select_only()
            .column(question_answers::Column::Id)
            .filter(question_answers::Column::UserId.eq(learner_id))
            .filter(question_answers::Column::CourseId.eq(course_id))
            .filter(question_answers::Column::ModuleId.eq(module.id.as_str()))
            .filter(question_answers::Column::QuestionId.eq(q.id.as_str()))
            .filter(question_answers::Column::Round.eq(round))
            .filter(question_answers::Column::AttemptId.is_null())
            .filter(question_answers::Column::Correct.eq(true))
            .limit(1)
            .into_tuple()
            .one(txn)
            .await?;
        match hit {
            Some(_) => {
                ids.insert(q.id.clone());
            }
            // One question never answered correctly: the lesson is not
            // complete, whatever the others; no need to ask about them.
            None => break,
        }
    }
    Ok(ids)
}

/// Store the module's state (never downgrading a completed module), and when
/// the module is complete, complete the course if every module is.
/// Returns (module complete, record issued now).
async fn record_module_state(
    txn: &DatabaseTransaction,
    course: &Course,
    module: &Module,
    learner: Learner,
    round: i32,
    complete: bool,
    marked_read: bool,
) -> Result<(bool, Option<completion_records::Model>), DbErr> {
    let now = Utc::now();
    if !complete && !marked_read {
        // Nothing to complete: one upsert that keeps the stored status (a
        // completed module stays complete) and notes the activity.
        let backend = txn.get_database_backend();
        let row = txn
            .query_one_raw(sql::sql(
                backend,
                "INSERT INTO module_progress (user_id, course_id, module_id, status, content_hash, \
                   marked_read_at, completed_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6) \
                 ON CONFLICT (user_id, course_id, module_id) DO UPDATE SET \
                   content_hash = excluded.content_hash, updated_at = excluded.updated_at \
                 RETURNING status",
                vec![
                    learner.id.into(),
                    course.id.as_str().into(),
                    module.id.as_str().into(),
                    STATUS_IN_PROGRESS.into(),
                    module.content_hash.as_str().into(),
                    now.into(),
                ],
            ))
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("module_progress upsert".into()))?;
        let status: String = row.try_get("", "status")?;
        return Ok((status == STATUS_COMPLETE, None));
    }
    let existing =
        module_progress::Entity::find_by_id((learner.id, course.id.clone(), module.id.clone()))
            .one(txn)
            .await?;
    let was_complete = existing
        .as_ref()
        .is_some_and(|p| p.status == STATUS_COMPLETE);
    let complete_now = complete || was_complete;
    let row = module_progress::ActiveModel {
        user_id: Set(learner.id),
        course_id: Set(course.id.clone()),
        module_id: Set(module.id.clone()),
        status: Set(if complete_now {
            STATUS_COMPLETE
        } else {
            STATUS_IN_PROGRESS
        }
        .to_string()),
        content_hash: Set(module.content_hash.clone()),
        marked_read_at: Set(if marked_read {
            Some(now)
        } else {
            existing.as_ref().and_then(|p| p.marked_read_at)
        }),
        completed_at: Set(match (&existing, complete_now) {
            (Some(p), _) if p.completed_at.is_some() => p.completed_at,
            (_, true) => Some(now),
            _ => None,
        }),
        updated_at: Set(now),
    };
    if existing.is_some() {
        row.update(txn).await?;
    } else {
        row.insert(txn).await?;
    }
    let record = if complete_now && !was_complete {
        complete_course_if_done(txn, course, learner, round).await?
    } else {
        None
    };
    Ok((complete_now, record))
}

/// When every module of the course is complete: mark the enrollment complete
/// and issue the completion record (once per course version).
async fn complete_course_if_done(
    txn: &DatabaseTransaction,
    course: &Course,
    learner: Learner,
    round: i32,
) -> Result<Option<completion_records::Model>, DbErr> {
    let done: BTreeSet<String> = module_progress::Entity::find()
        .filter(module_progress::Column::UserId.eq(learner.id))
        .filter(module_progress::Column::CourseId.eq(course.id.as_str()))
        .filter(module_progress::Column::Status.eq(STATUS_COMPLETE))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.module_id)
        .collect();
    if !completion::course_complete(course.modules.iter().map(|m| done.contains(&m.id))) {
        return Ok(None);
    }
    let now = Utc::now();
    enrollments::Entity::update_many()
        .col_expr(
            enrollments::Column::CompletedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(enrollments::Column::UserId.eq(learner.id))
        .filter(enrollments::Column::CourseId.eq(course.id.as_str()))
        .filter(enrollments::Column::CompletedAt.is_null())
        .exec(txn)
        .await?;
    let today = Date::new(now.year(), now.month(), now.day());
    let expires_at = today
        .and_then(|d| completion::record_expires_on(d, course.valid_for_months))
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()));
    report_summary::completed(
        txn,
        learner.id,
        &course.id,
        learner.department_id,
        now.date_naive(),
        if course.certificate { expires_at } else { None },
    )
    .await?;
    if !course.certificate {
        return Ok(None);
    }
    let score = course_score(txn, course, learner.id, round).await?;
    let department_name = match learner.department_id {
        Some(id) => departments::Entity::find_by_id(id)
            .one(txn)
            .await?
            .map(|d| d.name),
        None => None,
    };
    completion_records::Entity::insert(completion_records::ActiveModel {
        user_id: Set(learner.id),
        round: Set(round),
        course_id: Set(course.id.clone()),
        course_version: Set(course.version.clone()),
        course_title: Set(course.title.clone()),
        score_percent: Set(score),
        completed_at: Set(now),
        department_id: Set(learner.department_id),
        department_name: Set(department_name),
        expires_at: Set(expires_at),
        verification_code: Set(records::new_verification_code()),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        completion_records::Column::UserId,
        completion_records::Column::CourseId,
        completion_records::Column::CourseVersion,
        completion_records::Column::Round,
    ])
    .exec(txn)
    .await?;
    completion_records::Entity::find()
        .filter(completion_records::Column::UserId.eq(learner.id))
        .filter(completion_records::Column::CourseId.eq(course.id.as_str()))
        .filter(completion_records::Column::CourseVersion.eq(course.version.as_str()))
        .filter(completion_records::Column::Round.eq(round))
        .one(txn)
        .await
}

/// The course score per the content format: the best exam score, or without
/// an exam the share of lesson questions answered correctly at the first try.
async fn course_score(
    txn: &DatabaseTransaction,
    course: &Course,
    learner_id: i32,
    round: i32,
) -> Result<f64, DbErr> {
    let exam_ids: Vec<&str> = course
        .modules
        .iter()
        .filter(|m| m.is_exam())
        .map(|m| m.id.as_str())
        .collect();
    let best_exam = if exam_ids.is_empty() {
        None
    } else {
        let attempts = exam_attempts::Entity::find()
            .filter(exam_attempts::Column::UserId.eq(learner_id))
            .filter(exam_attempts::Column::CourseId.eq(course.id.as_str()))
            .filter(exam_attempts::Column::ModuleId.is_in(exam_ids))
            .filter(exam_attempts::Column::Round.eq(round))
            .filter(exam_attempts::Column::SubmittedAt.is_not_null())
            .all(txn)
            .await?;
        best_score(&attempts)
    };
    let lesson_questions: BTreeSet<(String, String)> = course
        .modules
        .iter()
        .filter(|m| !m.is_exam())
        .flat_map(|m| {
            m.questions
                .iter()
                .map(move |q| (m.id.clone(), q.id.clone()))
        })
        .collect();
    let first_try_correct = if best_exam.is_some() {
        0
    } else {
        question_answers::Entity::find()
            .filter(question_answers::Column::UserId.eq(learner_id))
            .filter(question_answers::Column::CourseId.eq(course.id.as_str()))
            .filter(question_answers::Column::AttemptId.is_null())
            .filter(question_answers::Column::Round.eq(round))
            .filter(question_answers::Column::FirstTry.eq(true))
            .filter(question_answers::Column::Correct.eq(true))
            .all(txn)
            .await?
            .into_iter()
            .filter(|a| lesson_questions.contains(&(a.module_id.clone(), a.question_id.clone())))
            .count() as u32
    };
    let score = completion::course_score(
        best_exam,
        (first_try_correct, lesson_questions.len() as u32),
    );
    Ok((score * 10.0).round() / 10.0)
}

// ---------------------------------------------------------------- exams

/// The highest score among graded attempts, if any.
pub fn best_score(attempts: &[exam_attempts::Model]) -> Option<f64> {
    attempts
        .iter()
        .filter_map(|a| a.score_percent)
        .reduce(f64::max)
}

/// What an attempt showed: the drawn questions and, per question, the order
/// of its options (or items, or right-hand sides), so the attempt can be
/// shown again identically and its history survives content edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub seed: u64,
    pub questions: Vec<ShownQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownQuestion {
    pub id: String,
    pub order: Vec<usize>,
}

impl Shown {
    pub fn parse(json: &str) -> Result<Shown, AppError> {
        serde_json::from_str(json).map_err(|e| AppError::internal("attempt shown json", e))
    }

    /// How the attempt's page names the options: by tokens of the
    /// attempt's own seed.
    pub fn names<'k>(&self, key: &'k OptionKey) -> Namer<'k> {
        Namer::attempt(key, self.seed)
    }
}

/// How many display slots a question's options occupy.
pub fn option_count(q: &Question) -> usize {
    match &q.answer {
        Answer::Single { options } | Answer::Multiple { options, .. } => options.len(),
        Answer::Order { items, .. } => items.len(),
        Answer::Match { pairs } => pairs.len(),
        Answer::Text { .. } | Answer::Numeric { .. } => 0,
    }
}

#[derive(Debug, Clone)]
pub struct ExamState {
    /// The learner's current round; `attempts` and `granted` are of it.
    pub round: i32,
    pub settings: ExamSettings,
    pub pass_score: u8,
    pub attempts: Vec<exam_attempts::Model>,
    pub granted: u32,
}

impl ExamState {
    pub fn allowed(&self) -> u32 {
        completion::attempts_allowed(&self.settings, self.granted)
    }
    pub fn used(&self) -> u32 {
        self.attempts.len() as u32
    }
    pub fn open(&self) -> Option<&exam_attempts::Model> {
        self.attempts.iter().find(|a| a.submitted_at.is_none())
    }
    pub fn best_score(&self) -> Option<f64> {
        best_score(&self.attempts)
    }
    pub fn passed(&self) -> bool {
        self.attempts.iter().any(|a| a.passed == Some(true))
    }
}

pub fn exam_settings(module: &Module) -> Result<&ExamSettings, AppError> {
    match &module.kind {
        ModuleKind::Exam(s) => Ok(s),
        ModuleKind::Lesson => Err(AppError::NotFound(Missing::Exam)),
    }
}

pub async fn exam_state(
    db: &impl ConnectionTrait,
    course: &Course,
    module: &Module,
    learner_id: i32,
) -> Result<ExamState, AppError> {
    let settings = exam_settings(module)?.clone();
    let round = current_round(db, learner_id, &course.id).await?;
    let attempts = exam_attempts::Entity::find()
        .filter(exam_attempts::Column::UserId.eq(learner_id))
        .filter(exam_attempts::Column::CourseId.eq(course.id.as_str()))
        .filter(exam_attempts::Column::ModuleId.eq(module.id.as_str()))
        .filter(exam_attempts::Column::Round.eq(round))
        .order_by_asc(exam_attempts::Column::Number)
        .all(db)
        .await?;
    let granted = attempt_grants::Entity::find()
        .filter(attempt_grants::Column::UserId.eq(learner_id))
        .filter(attempt_grants::Column::CourseId.eq(course.id.as_str()))
        .filter(attempt_grants::Column::ModuleId.eq(module.id.as_str()))
        .filter(attempt_grants::Column::Round.eq(round))
        .all(db)
        .await?
        .len() as u32;
    Ok(ExamState {
        round,
        pass_score: completion::exam_pass_score(course, module),
        settings,
        attempts,
        granted,
    })
}

/// Start an attempt, or return the one still open (a closed browser does not
/// lose an attempt, and two tabs do not start two).
pub async fn start_attempt(
    db: &DatabaseConnection,
    course: &Course,
    module: &Module,
    learner: Learner,
) -> Result<exam_attempts::Model, AppError> {
    let settings = exam_settings(module)?;
    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    let state = exam_state(&txn, course, module, learner.id).await?;
    if let Some(open) = state.open() {
        let open = open.clone();
        txn.commit().await?;
        return Ok(open);
    }
    if let Err(completion::AttemptRefusal::NoAttemptsLeft { allowed, .. }) =
        completion::may_start_attempt(state.used(), settings, state.granted)
    {
        return Err(Refusal::NoAttemptsLeft { allowed }.into());
    }
    let seed = records::random_u64();
    let questions = completion::draw_questions(module, settings, seed)
        .into_iter()
        .filter_map(|id| module.question(&id))
        .map(|q| ShownQuestion {
            id: q.id.clone(),
            order: completion::option_order(
                option_count(q),
                completion::derive_seed(seed, &q.id),
                module.shuffles_options(q),
            ),
        })
        .collect();
    let shown = serde_json::to_string(&Shown { seed, questions })
        .map_err(|e| AppError::internal("shown json", e))?;
    // Numbers go on across rounds (they are unique per learner and exam).
    let last_number: Option<i32> = exam_attempts::Entity::find()
        .select_only()
        .column_as(exam_attempts::Column::Number.max(), "n")
        .filter(exam_attempts::Column::UserId.eq(learner.id))
        .filter(exam_attempts::Column::CourseId.eq(course.id.as_str()))
        .filter(exam_attempts::Column::ModuleId.eq(module.id.as_str()))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let attempt = exam_attempts::ActiveModel {
        user_id: Set(learner.id),
        round: Set(round),
        course_id: Set(course.id.clone()),
        module_id: Set(module.id.clone()),
        number: Set(last_number.unwrap_or(0) + 1),
        content_hash: Set(module.content_hash.clone()),
        shown: Set(shown),
        started_at: Set(Utc::now()),
        submitted_at: Set(None),
        score_percent: Set(None),
        passed: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(attempt)
}

/// Grade and close an open attempt. Unanswered questions score zero.
pub async fn submit_attempt(
    db: &DatabaseConnection,
    course: &Course,
    module: &Module,
    learner: Learner,
    number: i32,
    fields: &BTreeMap<String, String>,
    key: &OptionKey,
) -> Result<(exam_attempts::Model, Option<completion_records::Model>), AppError> {
    let txn = begin_write(db).await?;
    let round = lock_course(&txn, learner, &course.id).await?;
    let attempt = exam_attempts::Entity::find()
        .filter(exam_attempts::Column::UserId.eq(learner.id))
        .filter(exam_attempts::Column::CourseId.eq(course.id.as_str()))
        .filter(exam_attempts::Column::ModuleId.eq(module.id.as_str()))
        .filter(exam_attempts::Column::Number.eq(number))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound(Missing::Attempt))?;
    if attempt.submitted_at.is_some() {
        return Err(Refusal::AttemptAlreadySubmitted.into());
    }
    if attempt.round != round {
        return Err(Refusal::AttemptEarlierRound.into());
    }
    let shown = Shown::parse(&attempt.shown)?;
    // The options were named for this attempt (its seed); a malformed answer
    // to one question counts as unanswered and never loses the others.
    let names = shown.names(key);
    let responses: BTreeMap<String, Response> = shown
        .questions
        .iter()
        .filter_map(|sq| module.question(&sq.id))
        .filter_map(|q| {
            response_from_fields(q, fields, &names)
                .ok()
                .flatten()
                .map(|r| (q.id.clone(), r))
        })
        .collect();
    let now = Utc::now();
    let earlier_attempts = exam_attempts::Entity::find()
        .filter(exam_attempts::Column::UserId.eq(learner.id))
        .filter(exam_attempts::Column::CourseId.eq(course.id.as_str()))
        .filter(exam_attempts::Column::ModuleId.eq(module.id.as_str()))
        .filter(exam_attempts::Column::Round.eq(round))
        .filter(exam_attempts::Column::Number.lt(attempt.number))
        .count(&txn)
        .await?;
    let first_attempt = earlier_attempts == 0;
    // A question removed from the content since the attempt began cannot be graded; it does not count.
    let graded: Vec<_> = shown
        .questions
        .iter()
        .filter_map(|sq| module.question(&sq.id))
        .map(|q| {
            let (fraction, correct, response_json) = match responses.get(&q.id) {
                Some(r) => match grading::grade(q, r) {
                    Ok(g) => (
                        g.fraction,
                        g.correct,
                        serde_json::to_string(r).unwrap_or_default(),
                    ),
                    Err(_) => (0.0, false, serde_json::to_string(r).unwrap_or_default()),
                },
                None => (0.0, false, "null".to_string()),
            };
            (q, fraction, correct, response_json)
        })
        .collect();
    // Each answer carries the score on the rest of the attempt, for the
    // item statistics' discrimination.
    let total: f64 = graded.iter().map(|(_, fraction, _, _)| fraction).sum();
    let mut results = Vec::with_capacity(graded.len());
    for (q, fraction, correct, response_json) in graded {
        results.push((q.points, fraction));
        question_answers::ActiveModel {
            user_id: Set(learner.id),
            round: Set(round),
            course_id: Set(course.id.clone()),
            module_id: Set(module.id.clone()),
            question_id: Set(q.id.clone()),
            attempt_id: Set(Some(attempt.id)),
            response: Set(response_json),
            fraction: Set(fraction),
            correct: Set(correct),
            first_try: Set(first_attempt),
            content_hash: Set(module.content_hash.clone()),
            answered_at: Set(now),
            rest: Set(Some(total - fraction)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    crate::item_stats::upkeep::add_attempt(&txn, attempt.id).await?;
    let score = (completion::attempt_score_percent(&results) * 10.0).round() / 10.0;
    let passed = completion::exam_passed(score, completion::exam_pass_score(course, module));
    let mut active: exam_attempts::ActiveModel = attempt.into();
    active.submitted_at = Set(Some(now));
    active.score_percent = Set(Some(score));
    active.passed = Set(Some(passed));
    let attempt = active.update(&txn).await?;
    let (_, record) =
        record_module_state(&txn, course, module, learner, round, passed, false).await?;
    txn.commit().await?;
    Ok((attempt, record))
}

/// Give a learner one attempt more than the exam allows, in their current
/// round. Refused when the learner still has an attempt left, has one open,
/// or has passed: an extra attempt is for someone who is stuck, and a second
/// click on the same button must not give two.
pub async fn grant_attempt(
    db: &DatabaseConnection,
    granted_by: i32,
    learner_id: i32,
    course: &Course,
    module: &Module,
) -> Result<(), AppError> {
    // The attempt limit holds for trainers and HR on their own records too:
    // an extra attempt needs a second person.
    if granted_by == learner_id {
        return Err(Refusal::GrantSelf.into());
    }
    let txn = begin_write(db).await?;
    // Serialise with the learner's own attempts and with other graders: on
    // PostgreSQL lock the enrollment row; SQLite writes go through the one
    // writer connection, one transaction at a time.
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(sql::sql(
            DbBackend::Postgres,
            "SELECT 1 FROM enrollments WHERE user_id = $1 AND course_id = $2 FOR UPDATE",
            vec![learner_id.into(), course.id.as_str().into()],
        ))
        .await?;
    }
    let state = exam_state(&txn, course, module, learner_id).await?;
    if state.passed() {
        return Err(Refusal::GrantAlreadyPassed.into());
    }
    if state.open().is_some() || state.used() < state.allowed() {
        return Err(Refusal::GrantAttemptsLeft {
            used: state.used(),
            allowed: state.allowed(),
        }
        .into());
    }
    attempt_grants::ActiveModel {
        user_id: Set(learner_id),
        round: Set(state.round),
        course_id: Set(course.id.clone()),
        module_id: Set(module.id.clone()),
        granted_by: Set(Some(granted_by)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::ssr::audit::record(
        &txn,
        Some(granted_by),
        "grant_attempt",
        &format!("user:{learner_id}"),
        serde_json::json!({ "course": course.id, "module": module.id, "round": state.round }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A learner who used every attempt an exam allows in their current round
/// without passing: only an extra attempt ([`grant_attempt`]) lets them on.
#[derive(Debug, Clone, PartialEq)]
pub struct StuckAtExam {
    pub user_id: i32,
    pub course_id: String,
    pub module_id: String,
    pub used: u32,
    pub allowed: u32,
    pub best_score: Option<f64>,
}

/// Everyone stuck at an exam of the current content. One grouped query over the attempts of current rounds and
/// one over the extra attempts; the attempt limits come from the content.
pub async fn stuck_at_exams(
    db: &DatabaseConnection,
    catalog: &domain::model::Catalog,
) -> Result<Vec<StuckAtExam>, AppError> {
    #[derive(FromQueryResult)]
    struct Used {
        user_id: i32,
        course_id: String,
        module_id: String,
        used: i64,
        best_score: Option<f64>,
    }
    #[derive(FromQueryResult)]
    struct Granted {
        user_id: i32,
        course_id: String,
        module_id: String,
        n: i64,
    }
    let backend = db.get_database_backend();
    let attempts = Used::find_by_statement(sql::sql(
        backend,
        "SELECT a.user_id, a.course_id, a.module_id, COUNT(*) AS used, MAX(a.score_percent) AS best_score \
         FROM exam_attempts a \
         JOIN enrollments e ON e.user_id = a.user_id AND e.course_id = a.course_id \
           AND e.round = a.round \
         JOIN users u ON u.id = a.user_id \
         WHERE e.completed_at IS NULL AND u.active \
         GROUP BY a.user_id, a.course_id, a.module_id \
         HAVING SUM(CASE WHEN a.passed THEN 1 ELSE 0 END) = 0 \
           AND SUM(CASE WHEN a.submitted_at IS NULL THEN 1 ELSE 0 END) = 0 \
         ORDER BY a.user_id, a.course_id, a.module_id",
        vec![],
    ))
    .all(db)
    .await?;
    let grants = Granted::find_by_statement(sql::sql(
        backend,
        "SELECT g.user_id, g.course_id, g.module_id, COUNT(*) AS n \
         FROM attempt_grants g \
         JOIN enrollments e ON e.user_id = g.user_id AND e.course_id = g.course_id \
           AND e.round = g.round \
         GROUP BY g.user_id, g.course_id, g.module_id",
        vec![],
    ))
    .all(db)
    .await?;
    let granted: HashMap<(i32, String, String), u32> = grants
        .into_iter()
        .map(|g| ((g.user_id, g.course_id, g.module_id), g.n as u32))
        .collect();
    let mut stuck = Vec::new();
    for Used {
        user_id,
        course_id,
        module_id,
        used,
        best_score,
    } in attempts
    {
        let Some(ModuleKind::Exam(settings)) = catalog
            .course(&course_id)
            .and_then(|c| c.module(&module_id))
            .map(|m| &m.kind)
        else {
            continue; // an exam no longer in the content
        };
        let extra = granted
            .get(&(user_id, course_id.clone(), module_id.clone()))
            .copied()
            .unwrap_or(0);
        let allowed = completion::attempts_allowed(settings, extra);
        if used as u32 >= allowed {
            stuck.push(StuckAtExam {
                user_id,
                course_id,
                module_id,
                used: used as u32,
                allowed,
                best_score,
            });
        }
    }
    Ok(stuck)
}

// ------------------------------------------------------- form responses

/// Read a question's response from form fields named `<question id>.<part>`:
/// `.c` / `.c<token>` chosen option, `.o<token>` position (1-based) given to
/// an order item, `.m<token>` the right side (a token) chosen for a match
/// left side, `.t` typed text. Tokens are mapped back to authored indices
/// with `names`, the same names the page was built with; a token that is not
/// one of them makes the answer unreadable (a page from before a new key, or
/// a forged form).
pub fn response_from_fields(
    q: &Question,
    fields: &BTreeMap<String, String>,
    names: &Namer,
) -> Result<Option<Response>, AppError> {
    let prefix = format!("{}.", q.id);
    let parts: Vec<(&str, &str)> = fields
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|part| (part, v.trim())))
        .collect();
    let bad = || AppError::from(Refusal::AnswerUnreadable);
    let count = option_count(q);
    let index = |part: Part, token: &str| names.index_of(&q.id, part, count, token).ok_or_else(bad);
    let response = match &q.answer {
        Answer::Single { .. } | Answer::Multiple { .. } => {
            let mut chosen = Vec::new();
            for (part, value) in &parts {
                if part.starts_with('c') && !value.is_empty() {
                    chosen.push(index(Part::Choice, value)?);
                }
            }
            if chosen.is_empty() {
                return Ok(None);
            }
            chosen.sort_unstable();
            chosen.dedup();
            Response::Choice(chosen)
        }
        Answer::Order { items, .. } => {
            let mut positions = Vec::with_capacity(items.len());
            for (part, value) in &parts {
                let Some(token) = part.strip_prefix('o') else {
                    continue;
                };
                if value.is_empty() {
                    return Ok(None);
                }
                let item = index(Part::OrderItem, token)?;
                positions.push((value.parse::<usize>().map_err(|_| bad())?, item));
            }
            if positions.len() != items.len() {
                return Ok(None);
            }
            let distinct: BTreeSet<usize> = positions.iter().map(|(p, _)| *p).collect();
            let items_named: BTreeSet<usize> = positions.iter().map(|(_, i)| *i).collect();
            if distinct.len() != positions.len() || items_named.len() != positions.len() {
                return Err(Refusal::AnswerOrderDuplicate.into());
            }
            positions.sort_unstable();
            Response::Order(positions.into_iter().map(|(_, i)| i).collect())
        }
        Answer::Match { pairs } => {
            let mut chosen = vec![None; pairs.len()];
            for (part, value) in &parts {
                let Some(token) = part.strip_prefix('m') else {
                    continue;
                };
                let left = index(Part::MatchLeft, token)?;
                if !value.is_empty() {
                    chosen[left] = Some(index(Part::MatchRight, value)?);
                }
            }
            if chosen.iter().all(Option::is_none) {
                return Ok(None);
            }
            Response::Match(chosen)
        }
        Answer::Text { .. } | Answer::Numeric { .. } => {
            let text = parts
                .iter()
                .find(|(p, _)| *p == "t")
                .map(|(_, v)| *v)
                .unwrap_or("");
            if text.is_empty() {
                return Ok(None);
            }
            if matches!(q.answer, Answer::Numeric { .. }) {
                Response::Numeric(text.to_string())
            } else {
                Response::Text(text.to_string())
            }
        }
    };
    Ok(Some(response))
}

/// The message, in the requester's language, for a response that cannot be
/// graded.
pub fn response_error(err: ResponseError) -> AppError {
    AppError::from(match err {
        ResponseError::Empty => Refusal::AnswerEmpty,
        ResponseError::NotANumber(typed) => Refusal::AnswerNotANumber { typed },
        ResponseError::TooManyChoices(_) => Refusal::AnswerChooseOne,
        ResponseError::WrongLength { .. } => Refusal::AnswerIncomplete,
        ResponseError::DuplicateIndex(_) => Refusal::AnswerDuplicate,
        ResponseError::WrongKind { .. } | ResponseError::IndexOutOfRange(_) => {
            Refusal::AnswerMismatch
        }
    })
}

/// An exam attempt the learner handed in, with their answers by question
/// id (the stored responses); refused while it is still open.
pub async fn handed_in_attempt(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: &str,
    module_id: &str,
    number: i32,
) -> Result<(exam_attempts::Model, BTreeMap<String, String>), AppError> {
    let attempt = exam_attempts::Entity::find()
        .filter(exam_attempts::Column::UserId.eq(user_id))
        .filter(exam_attempts::Column::CourseId.eq(course_id))
        .filter(exam_attempts::Column::ModuleId.eq(module_id))
        .filter(exam_attempts::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound(Missing::Attempt))?;
    if attempt.submitted_at.is_none() {
        return Err(Refusal::AttemptNotSubmitted.into());
    }
    let answers = question_answers::Entity::find()
        .filter(question_answers::Column::AttemptId.eq(attempt.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.question_id, a.response))
        .collect();
    Ok((attempt, answers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn response_errors_in_both_languages() {
        let not_a_number = || response_error(ResponseError::NotANumber("tien".into()));
        assert_eq!(
            not_a_number().message(Locale::nl),
            "'tien' is geen getal. Typ alleen een getal, bijvoorbeeld 2024 of 3,5."
        );
        assert_eq!(
            response_error(ResponseError::Empty).message(Locale::nl),
            "Je hebt nog geen antwoord gegeven."
        );
        let english = crate::ssr::as_if_requested_in(crate::i18n::Locale::en, not_a_number);
        assert_eq!(
            english.message(Locale::en),
            "'tien' is not a number. Type just a number, for example 2024 or 3.5."
        );
    }
}
