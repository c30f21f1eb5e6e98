//! The sums behind the item statistics, one row per question, added up by
//! the database (no answer leaves it one by one).

use crate::ssr::sql::sql;
use chrono::{DateTime, Utc};
use domain::item_stats::Sums;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Value};

/// Which answers count: given in a period (`from` inclusive, `until`
/// exclusive) and by people of some departments (`None`: everyone).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub departments: Option<Vec<i32>>,
}

impl Filter {
    /// The filter as SQL conditions on `question_answers a`, with their
    /// values numbered from `first`.
    fn conditions(&self, first: usize) -> (String, Vec<Value>) {
        let mut text = String::new();
        let mut values: Vec<Value> = Vec::new();
        let mut next = first;
        if let Some(from) = self.from {
            text.push_str(&format!(" AND a.answered_at >= ${next}"));
            values.push(from.into());
            next += 1;
        }
        if let Some(until) = self.until {
            text.push_str(&format!(" AND a.answered_at < ${next}"));
            values.push(until.into());
            next += 1;
        }
        if let Some(departments) = &self.departments {
            if departments.is_empty() {
                text.push_str(" AND FALSE");
            } else {
                let list: Vec<String> = departments
                    .iter()
                    .map(|_| {
                        let p = format!("${next}");
                        next += 1;
                        p
                    })
                    .collect();
                text.push_str(&format!(
                    " AND a.user_id IN (SELECT id FROM users WHERE department_id IN ({}))",
                    list.join(", ")
                ));
                values.extend(departments.iter().map(|&d| Value::from(d)));
            }
        }
        (text, values)
    }
}

/// An exam question's sums over the submitted attempts that drew it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamItem {
    pub module_id: String,
    pub question_id: String,
    pub sums: Sums,
}

#[derive(FromQueryResult)]
struct ExamRow {
    module_id: String,
    question_id: String,
    n: i64,
    sx: f64,
    sxx: f64,
    sy: f64,
    syy: f64,
    sxy: f64,
}

/// Per exam question of `course_id`: the score on it (`x`) against the
/// score on the rest of the same attempt (`y`), summed over the attempts.
/// Every question an attempt drew has a row once the attempt is handed in
/// (unanswered ones with score 0), so each attempt counts whole.
pub async fn exam_items(
    db: &impl ConnectionTrait,
    course_id: &str,
    filter: &Filter,
) -> Result<Vec<ExamItem>, DbErr> {
    let (conditions, mut values) = filter.conditions(2);
    let text = format!(
        "WITH totals AS (\
           SELECT a.attempt_id, SUM(a.fraction) AS total FROM question_answers a \
           WHERE a.course_id = $1 AND a.attempt_id IS NOT NULL{conditions} \
           GROUP BY a.attempt_id) \
         SELECT a.module_id, a.question_id, COUNT(*) AS n, \
           SUM(a.fraction) AS sx, SUM(a.fraction * a.fraction) AS sxx, \
           SUM(t.total - a.fraction) AS sy, \
           SUM((t.total - a.fraction) * (t.total - a.fraction)) AS syy, \
           SUM(a.fraction * (t.total - a.fraction)) AS sxy \
         FROM question_answers a JOIN totals t ON t.attempt_id = a.attempt_id \
         WHERE a.course_id = $1 \
         GROUP BY a.module_id, a.question_id \
         ORDER BY a.module_id, a.question_id"
    );
    values.insert(0, course_id.into());
    let rows = ExamRow::find_by_statement(sql(db.get_database_backend(), &text, values))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ExamItem {
            module_id: r.module_id,
            question_id: r.question_id,
            sums: Sums {
                n: u64::try_from(r.n).unwrap_or(0),
                x: r.sx,
                xx: r.sxx,
                y: r.sy,
                yy: r.syy,
                xy: r.sxy,
            },
        })
        .collect())
}

/// A lesson question: how many answered it at their first try, and how
/// many of those were right.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct LessonItem {
    pub module_id: String,
    pub question_id: String,
    pub first_answers: i64,
    pub right_first_time: i64,
}

/// Per lesson question of `course_id`: first answers and right first time
/// (one first answer per learner per round).
pub async fn lesson_items(
    db: &impl ConnectionTrait,
    course_id: &str,
    filter: &Filter,
) -> Result<Vec<LessonItem>, DbErr> {
    let (conditions, mut values) = filter.conditions(2);
    let text = format!(
        "SELECT a.module_id, a.question_id, COUNT(*) AS first_answers, \
           SUM(CASE WHEN a.correct THEN 1 ELSE 0 END) AS right_first_time \
         FROM question_answers a \
         WHERE a.course_id = $1 AND a.attempt_id IS NULL AND a.first_try{conditions} \
         GROUP BY a.module_id, a.question_id \
         ORDER BY a.module_id, a.question_id"
    );
    values.insert(0, course_id.into());
    LessonItem::find_by_statement(sql(db.get_database_backend(), &text, values))
        .all(db)
        .await
}
