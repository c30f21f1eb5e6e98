//! Keeping `item_sums` (migrations 11 and 12) equal to the answers it
//! sums: every answer in a handed-in exam attempt and the first answer to a
//! lesson question, per question, module version, response (its first 400
//! characters), right/wrong and day (UTC). Each function runs in the caller's
//! transaction, beside the write it follows, so the sums never miss or
//! double an answer; [`rebuild`] recounts everything from the answers.

use crate::ssr::sql::sql;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Value};

/// The key of a row of `item_sums`.
const KEY: &str = "course_id, module_id, question_id, content_hash, response, correct, day";

/// The UTC day of an answer (`answered_at`), as `item_sums.day` holds it.
fn day_of_answer(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "CAST((answered_at AT TIME ZONE 'UTC') AS DATE)",
        _ => "DATE(answered_at)",
    }
}

/// The sums of the answers in `question_answers` that match `filter` (SQL
/// on its columns), grouped by the key.
fn sums_of(backend: DbBackend, filter: &str) -> String {
    let day = day_of_answer(backend);
    format!(
        "SELECT course_id, module_id, question_id, content_hash, \
           SUBSTR(response, 1, 400) AS response, correct, {day} AS day, COUNT(*) AS n, \
           SUM(fraction) AS sx, SUM(fraction * fraction) AS sxx, \
           SUM(COALESCE(rest, 0.0)) AS sy, SUM(COALESCE(rest, 0.0) * COALESCE(rest, 0.0)) AS syy, \
           SUM(fraction * COALESCE(rest, 0.0)) AS sxy \
         FROM question_answers \
         WHERE ({filter}) AND (attempt_id IS NOT NULL OR first_try) \
         GROUP BY course_id, module_id, question_id, content_hash, \
           SUBSTR(response, 1, 400), correct, {day} \
         ORDER BY course_id, module_id, question_id, content_hash, \
           SUBSTR(response, 1, 400), correct, {day}"
    )
}

/// Add the answers matching `filter` to the sums. The rows are written in
/// key order, so two hand-ins adding to the same rows at once take their
/// locks in the same order and never wait for each other in a circle.
async fn add(db: &impl ConnectionTrait, filter: &str, values: Vec<Value>) -> Result<(), DbErr> {
    let text = format!(
        "INSERT INTO item_sums ({KEY}, n, sx, sxx, sy, syy, sxy) {} \
         ON CONFLICT ({KEY}) DO UPDATE SET n = item_sums.n + excluded.n, \
           sx = item_sums.sx + excluded.sx, sxx = item_sums.sxx + excluded.sxx, \
           sy = item_sums.sy + excluded.sy, syy = item_sums.syy + excluded.syy, \
           sxy = item_sums.sxy + excluded.sxy",
        sums_of(db.get_database_backend(), filter)
    );
    db.execute_raw(sql(db.get_database_backend(), &text, values))
        .await?;
    Ok(())
}

/// After a lesson answer was stored: add it when it was the learner's
/// first to the question in this round (their newest answer to it, and
/// marked first).
pub async fn add_lesson_answer(
    db: &impl ConnectionTrait,
    user: i32,
    course: &str,
    module: &str,
    question: &str,
    round: i32,
) -> Result<(), DbErr> {
    add(
        db,
        "id = (SELECT MAX(id) FROM question_answers WHERE user_id = $1 AND course_id = $2 \
           AND module_id = $3 AND question_id = $4 AND round = $5 AND attempt_id IS NULL) \
         AND first_try",
        vec![
            user.into(),
            course.into(),
            module.into(),
            question.into(),
            round.into(),
        ],
    )
    .await
}

/// After an exam attempt was handed in: add its answers.
pub async fn add_attempt(db: &impl ConnectionTrait, attempt: i32) -> Result<(), DbErr> {
    add(db, "attempt_id = $1", vec![attempt.into()]).await
}

/// Before a person's answers are erased: take them out of the sums.
pub async fn remove_person(db: &impl ConnectionTrait, user: i32) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    if backend == sea_orm::DbBackend::Postgres {
        // Lock the rows of their courses in key order first, as the adding
        // does (an UPDATE … FROM would lock them in any order).
        db.execute_raw(sql(
            backend,
            &format!(
                "SELECT 1 FROM item_sums WHERE course_id IN (\
                   SELECT DISTINCT course_id FROM question_answers WHERE user_id = $1) \
                 ORDER BY {KEY} FOR UPDATE"
            ),
            vec![user.into()],
        ))
        .await?;
    }
    let text = format!(
        "UPDATE item_sums SET n = item_sums.n - d.n, sx = item_sums.sx - d.sx, \
           sxx = item_sums.sxx - d.sxx, sy = item_sums.sy - d.sy, \
           syy = item_sums.syy - d.syy, sxy = item_sums.sxy - d.sxy \
         FROM ({}) AS d \
         WHERE item_sums.course_id = d.course_id AND item_sums.module_id = d.module_id \
           AND item_sums.question_id = d.question_id \
           AND item_sums.content_hash = d.content_hash \
           AND item_sums.response = d.response AND item_sums.correct = d.correct \
           AND item_sums.day = d.day",
        sums_of(backend, "user_id = $1")
    );
    db.execute_raw(sql(backend, &text, vec![user.into()]))
        .await?;
    db.execute_raw(sql(backend, "DELETE FROM item_sums WHERE n <= 0", vec![]))
        .await?;
    Ok(())
}

/// Recount: every exam answer's `rest` from its attempt, and the sums from
/// all answers.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for text in [
        "UPDATE question_answers SET rest = (\
           SELECT SUM(b.fraction) FROM question_answers b \
           WHERE b.attempt_id = question_answers.attempt_id) - fraction \
         WHERE attempt_id IS NOT NULL",
        "DELETE FROM item_sums",
    ] {
        db.execute_raw(sql(backend, text, vec![])).await?;
    }
    add(db, "TRUE", vec![]).await
}
