//! The sums behind the item statistics, one row per question, added up by
//! the database (no answer leaves it one by one).

use super::types::{
    CourseStats, FlagCode, ItemFilters, ModuleStats, OptionShare, QuestionStats, SourceFile,
    WrongAnswer,
};
use crate::error::{AppError, BadFilter, Missing, PeriodEnd};
use crate::reports::queries::parse_date;
use crate::reports::types::CourseRef;
use crate::ssr::sql::sql;
use chrono::{DateTime, Utc};
use domain::grading::Response;
use domain::item_stats::{chosen, flags, frequent_wrong, share, Flag, Sums, MIN_PEOPLE};
use domain::model::{Answer, Course, Question};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Value};
use std::collections::HashMap;

/// Which answers count: given in a period (`from` inclusive, `until`
/// exclusive, both UTC midnights: the period is whole days), by people of
/// some departments (`None`: everyone), and to some module versions
/// (`None`: every version).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub departments: Option<Vec<i32>>,
    /// (module id, content hash) pairs.
    pub versions: Option<Vec<(String, String)>>,
}

impl Filter {
    /// The page's filters on `course`'s answers (or feedback): the chosen
    /// department with everything below it, the period in whole days, and
    /// unless every version is asked for, the versions learners get now
    /// (each module's, and the course's own for what is about the course
    /// as a whole).
    pub(crate) fn of(
        tree: &domain::report::tree::DeptTree,
        course: &Course,
        filters: &ItemFilters,
    ) -> Result<Filter, AppError> {
        let departments = if let Some(d) = filters.afdeling {
            if tree.get(d).is_none() {
                return Err(AppError::NotFound(Missing::Department));
            }
            Some(tree.subtree(d))
        } else {
            None
        };
        let from = parse_date(filters.van.as_deref(), PeriodEnd::From)?;
        let until = parse_date(filters.tot.as_deref(), PeriodEnd::Until)?;
        if let (Some(f), Some(t)) = (from, until) {
            if f > t {
                return Err(AppError::BadFilter(BadFilter::PeriodReversed));
            }
        }
        let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        Ok(Filter {
            from: from.and_then(midnight),
            until: until.and_then(|t| midnight(t + chrono::Duration::days(1))),
            departments,
            versions: (!filters.all_versions()).then(|| {
                course
                    .modules
                    .iter()
                    .map(|m| (m.id.clone(), m.content_hash.clone()))
                    .chain([(
                        crate::feedback::WHOLE_COURSE.to_string(),
                        course.version.clone(),
                    )])
                    .collect()
            }),
        })
    }

    /// The filter as SQL conditions on `question_answers a`, with their
    /// values numbered from `first`.
    fn conditions(&self, first: usize) -> (String, Vec<Value>) {
        self.conditions_on("a.answered_at", false, first)
    }

    /// Whether no department is asked for: then the sums kept in
    /// `item_sums` (per version and day) answer.
    fn kept_sums_answer(&self) -> bool {
        self.departments.is_none()
    }

    /// The filter as SQL conditions on a table `a` with `user_id`,
    /// `module_id` and `content_hash`, whose instant is `at` (a day when
    /// `as_days`: `item_sums.day`).
    pub(crate) fn conditions_on(
        &self,
        at: &str,
        as_days: bool,
        first: usize,
    ) -> (String, Vec<Value>) {
        let mut text = String::new();
        let mut values: Vec<Value> = Vec::new();
        let mut next = first;
        let instant = |t: DateTime<Utc>| -> Value {
            if as_days {
                t.date_naive().into()
            } else {
                t.into()
            }
        };
        if let Some(from) = self.from {
            text.push_str(&format!(" AND {at} >= ${next}"));
            values.push(instant(from));
            next += 1;
        }
        if let Some(until) = self.until {
            text.push_str(&format!(" AND {at} < ${next}"));
            values.push(instant(until));
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
        if let Some(versions) = &self.versions {
            if versions.is_empty() {
                text.push_str(" AND FALSE");
            } else {
                let pairs: Vec<String> = versions
                    .iter()
                    .map(|(module, hash)| {
                        values.push(module.as_str().into());
                        values.push(hash.as_str().into());
                        next += 2;
                        format!(
                            "(a.module_id = ${} AND a.content_hash = ${})",
                            next - 2,
                            next - 1
                        )
                    })
                    .collect();
                text.push_str(&format!(" AND ({})", pairs.join(" OR ")));
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
    /// How many people the attempts are of.
    pub people: u64,
    pub sums: Sums,
}

#[derive(FromQueryResult)]
struct ExamRow {
    module_id: String,
    question_id: String,
    people: i64,
    n: i64,
    sx: f64,
    sxx: f64,
    sy: f64,
    syy: f64,
    sxy: f64,
}

/// The reference recount from the answers alone (the page reads
/// [`response_sums`]; tests compare the two).
///
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
         SELECT a.module_id, a.question_id, COUNT(DISTINCT a.user_id) AS people, \
           COUNT(*) AS n, SUM(a.fraction) AS sx, SUM(a.fraction * a.fraction) AS sxx, \
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
            people: u64::try_from(r.people).unwrap_or(0),
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
    pub people: i64,
    pub first_answers: i64,
    pub right_first_time: i64,
}

/// The reference recount for lessons (see [`exam_items`]).
///
/// Per lesson question of `course_id`: first answers and right first time
/// (one first answer per learner per round).
pub async fn lesson_items(
    db: &impl ConnectionTrait,
    course_id: &str,
    filter: &Filter,
) -> Result<Vec<LessonItem>, DbErr> {
    let (conditions, mut values) = filter.conditions(2);
    let text = format!(
        "SELECT a.module_id, a.question_id, COUNT(DISTINCT a.user_id) AS people, \
           COUNT(*) AS first_answers, \
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

/// The sums over the answers that gave one response (as stored, JSON; in
/// `item_sums` its first 400 characters) to a question, right or wrong.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ResponseSums {
    pub module_id: String,
    pub question_id: String,
    pub response: String,
    pub correct: bool,
    pub n: i64,
    pub sx: f64,
    pub sxx: f64,
    pub sy: f64,
    pub syy: f64,
    pub sxy: f64,
}

/// The sums per question and response of `course_id` over the answers the
/// statistics count: every answer in a handed-in attempt (`y` the score on
/// the rest of it), and the first answer to a lesson question. With only
/// versions and a period filtered, from the sums kept in `item_sums` (per
/// day: a few rows per question and day, added up here); with departments,
/// from the answers themselves.
pub async fn response_sums(
    db: &impl ConnectionTrait,
    course_id: &str,
    filter: &Filter,
) -> Result<Vec<ResponseSums>, DbErr> {
    let (text, mut values) = if filter.kept_sums_answer() {
        let (conditions, values) = filter.conditions_on("a.day", true, 2);
        (
            format!(
                "SELECT a.module_id, a.question_id, a.response, a.correct, \
                   CAST(SUM(a.n) AS BIGINT) AS n, \
                   SUM(a.sx) AS sx, SUM(a.sxx) AS sxx, SUM(a.sy) AS sy, SUM(a.syy) AS syy, \
                   SUM(a.sxy) AS sxy \
                 FROM item_sums a WHERE a.course_id = $1{conditions} \
                 GROUP BY a.module_id, a.question_id, a.response, a.correct"
            ),
            values,
        )
    } else {
        let (conditions, values) = filter.conditions(2);
        let text = format!(
            "SELECT a.module_id, a.question_id, a.response, a.correct, COUNT(*) AS n, \
               SUM(a.fraction) AS sx, SUM(a.fraction * a.fraction) AS sxx, \
               SUM(COALESCE(a.rest, 0.0)) AS sy, \
               SUM(COALESCE(a.rest, 0.0) * COALESCE(a.rest, 0.0)) AS syy, \
               SUM(a.fraction * COALESCE(a.rest, 0.0)) AS sxy \
             FROM question_answers a \
             WHERE a.course_id = $1 AND (a.attempt_id IS NOT NULL OR a.first_try){conditions} \
             GROUP BY a.module_id, a.question_id, a.response, a.correct"
        );
        (text, values)
    };
    values.insert(0, course_id.into());
    ResponseSums::find_by_statement(sql(db.get_database_backend(), &text, values))
        .all(db)
        .await
}

#[derive(FromQueryResult)]
struct PeopleRow {
    module_id: String,
    people: i64,
}

/// Per exam of `course_id`: how many people handed in an attempt in the
/// filter (their department now, the attempt's version and hand-in time).
pub async fn exam_people(
    db: &impl ConnectionTrait,
    course_id: &str,
    filter: &Filter,
) -> Result<HashMap<String, u64>, DbErr> {
    let (conditions, mut values) = filter.conditions_on("a.submitted_at", false, 2);
    let text = format!(
        "SELECT a.module_id, COUNT(DISTINCT a.user_id) AS people FROM exam_attempts a \
         WHERE a.course_id = $1 AND a.submitted_at IS NOT NULL{conditions} \
         GROUP BY a.module_id"
    );
    values.insert(0, course_id.into());
    Ok(
        PeopleRow::find_by_statement(sql(db.get_database_backend(), &text, values))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.module_id, u64::try_from(r.people).unwrap_or(0)))
            .collect(),
    )
}

/// A distinct response to a question, whether it was right, and how often
/// it was given.
pub type Given = (Response, bool, u64);

/// One question's sums, added up over its responses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionSums {
    /// Over every counted answer; for a lesson question `y` is 0.
    pub sums: Sums,
    /// How many of them were right.
    pub right: u64,
    /// The responses that read, with whether they were right and how often.
    pub given: Vec<Given>,
}

/// [`response_sums`] added up per (module, question).
pub fn per_question(rows: Vec<ResponseSums>) -> HashMap<(String, String), QuestionSums> {
    let mut out: HashMap<(String, String), QuestionSums> = HashMap::new();
    for r in rows {
        let n = u64::try_from(r.n).unwrap_or(0);
        let q = out.entry((r.module_id, r.question_id)).or_default();
        q.sums.n += n;
        q.sums.x += r.sx;
        q.sums.xx += r.sxx;
        q.sums.y += r.sy;
        q.sums.yy += r.syy;
        q.sums.xy += r.sxy;
        if r.correct {
            q.right += n;
        }
        // A response that no longer reads (an unanswered exam question's
        // `null`, or a long typed answer cut at 400 characters) says
        // nothing about options or typed answers; its sums count.
        if let Ok(parsed) = serde_json::from_str::<Response>(&r.response) {
            q.given.push((parsed, r.correct, n));
        }
    }
    out
}

// ------------------------------------------------------------ the page

/// A course's item statistics for the page: the sums and responses from the
/// database, put beside the course as it is now (questions no longer in it
/// are left out), with the figures and flags of `domain::item_stats`.
pub async fn course_stats(
    db: &impl ConnectionTrait,
    course: &Course,
    filters: &ItemFilters,
) -> Result<CourseStats, AppError> {
    let tree = crate::ssr::report_summary::department_tree(db).await?;
    let filter = Filter::of(&tree, course, filters)?;
    // Two connections of the pool at once.
    let (sums, people) = tokio::try_join!(
        response_sums(db, &course.id, &filter),
        exam_people(db, &course.id, &filter)
    )?;
    let sums = per_question(sums);
    let none = QuestionSums::default();
    let modules = course
        .modules
        .iter()
        .filter(|m| !m.questions.is_empty())
        .map(|m| ModuleStats {
            id: m.id.clone(),
            title: m.title.clone(),
            exam: m.is_exam(),
            file: m.file_name.clone(),
            questions: m
                .questions
                .iter()
                .map(|q| {
                    let k = (m.id.clone(), q.id.clone());
                    let s = sums.get(&k).unwrap_or(&none);
                    if m.is_exam() {
                        let who = people.get(&m.id).copied().unwrap_or(0);
                        question_stats(
                            q,
                            s.sums.n,
                            who,
                            s.sums.facility(),
                            s.sums.discrimination(),
                            &s.given,
                        )
                    } else {
                        // One first answer per person (and round).
                        let n = s.sums.n;
                        let facility = (n > 0).then(|| share(s.right, n));
                        question_stats(q, n, n, facility, None, &s.given)
                    }
                })
                .collect(),
        })
        .collect();
    Ok(CourseStats {
        course: CourseRef {
            id: course.id.clone(),
            title: course.title.clone(),
        },
        version: course.version.chars().take(12).collect(),
        filters: filters.clone(),
        departments: crate::reports::queries::department_options(
            &tree,
            &crate::reports::queries::Scope { root: None },
        ),
        modules,
    })
}

/// One question's figures; nothing but the counts when too few people
/// answered.
fn question_stats(
    q: &Question,
    answers: u64,
    people: u64,
    facility: Option<f64>,
    discrimination: Option<f64>,
    given: &[Given],
) -> QuestionStats {
    let shown = people >= MIN_PEOPLE && answers >= MIN_PEOPLE;
    let mut stats = QuestionStats {
        id: q.id.clone(),
        prompt_html: q.prompt_html.clone(),
        kind: q.type_name().to_string(),
        line: q.line,
        answers,
        people,
        shown,
        facility: None,
        discrimination: None,
        flags: Vec::new(),
        options: Vec::new(),
        wrong: Vec::new(),
    };
    if !shown {
        return stats;
    }
    stats.facility = facility;
    stats.discrimination = discrimination;
    stats.flags = flags(answers, facility, discrimination)
        .into_iter()
        .map(|f| match f {
            Flag::TooEasy => FlagCode::TooEasy,
            Flag::TooHard => FlagCode::TooHard,
            Flag::NegativeDiscrimination => FlagCode::NegativeDiscrimination,
        })
        .collect();
    match &q.answer {
        Answer::Single { options } | Answer::Multiple { options, .. } => {
            let picks = given.iter().filter_map(|(r, _, n)| match r {
                Response::Choice(c) => Some((c.as_slice(), *n)),
                _ => None,
            });
            let counts = chosen(options.len(), picks);
            stats.options = options
                .iter()
                .zip(counts)
                .map(|(o, c)| OptionShare {
                    html: o.html.clone(),
                    correct: o.is_correct(),
                    chosen: c,
                    share: share(c, answers),
                })
                .collect();
        }
        Answer::Text { .. } | Answer::Numeric { .. } => {
            let typed = given.iter().filter_map(|(r, correct, n)| match r {
                Response::Text(t) | Response::Numeric(t) if !correct => Some((t.as_str(), *n)),
                _ => None,
            });
            stats.wrong = frequent_wrong(typed, FREQUENT_WRONG)
                .into_iter()
                .map(|(text, count)| WrongAnswer { text, count })
                .collect();
        }
        Answer::Order { .. } | Answer::Match { .. } => {}
    }
    stats
}

/// How many frequent wrong answers a question shows.
const FREQUENT_WRONG: usize = 5;

/// A module file of `course` with its lines; only the course's own module
/// files (by name), never any other path.
pub fn source_file(course: &Course, file: &str) -> Result<SourceFile, AppError> {
    let module = course
        .modules
        .iter()
        .find(|m| m.file_name == file)
        .ok_or(AppError::NotFound(Missing::File))?;
    let text = std::fs::read_to_string(course.dir.join(&module.file_name))
        .map_err(|_| AppError::NotFound(Missing::File))?;
    Ok(SourceFile {
        course: CourseRef {
            id: course.id.clone(),
            title: course.title.clone(),
        },
        file: module.file_name.clone(),
        lines: text.lines().map(str::to_string).collect(),
    })
}
