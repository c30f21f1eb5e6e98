//! Saving a learner's scan, reading it back as advice, and HR's counts.

use super::types::{
    AdviceLine, CourseScanReport, MyScan, QuestionReport, Refusal, ReportRow, ScanLine,
    ScanQuestionView, ScanReport, ScanSegment, ScanView,
};
use crate::error::AppError;
use crate::learning::queries::module_states;
use crate::ssr::sql::{day, sql};
use chrono::{DateTime, Utc};
use domain::model::{Catalog, Course, Scan, ScanTarget, Segment};
use domain::scan::{advice, decode, encode, read_choices, ChoiceError, Choices};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};
use std::collections::BTreeMap;

/// A learner's stored scan of one course.
#[derive(FromQueryResult)]
struct Stored {
    course_id: String,
    content_hash: String,
    choices: String,
    taken_at: DateTime<Utc>,
}

/// Save `learner`'s answers to `course`'s scan (the form's `f[...]`
/// fields), replacing what they answered before.
pub async fn save(
    db: &impl ConnectionTrait,
    learner: i32,
    course: &Course,
    scan: &Scan,
    fields: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    let choices = read_choices(scan, fields).map_err(|e| match e {
        ChoiceError::Unanswered { question } => Refusal::Unanswered { question },
        ChoiceError::NoSuchOption { question } => Refusal::NoSuchOption { question },
    })?;
    db.execute_raw(sql(
        db.get_database_backend(),
        "INSERT INTO scan_result (user_id, course_id, content_hash, choices, taken_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, course_id) DO UPDATE SET \
           content_hash = excluded.content_hash, choices = excluded.choices, \
           taken_at = excluded.taken_at",
        vec![
            learner.into(),
            course.id.as_str().into(),
            scan.content_hash.as_str().into(),
            encode(&choices).into(),
            Utc::now().into(),
        ],
    ))
    .await?;
    Ok(())
}

async fn stored(
    db: &impl ConnectionTrait,
    learner: i32,
    course_id: Option<&str>,
) -> Result<Vec<Stored>, DbErr> {
    let (filter, mut values) = match course_id {
        Some(id) => (" AND course_id = $2", vec![id.into()]),
        None => ("", vec![]),
    };
    values.insert(0, learner.into());
    Stored::find_by_statement(sql(
        db.get_database_backend(),
        &format!(
            "SELECT course_id, content_hash, choices, taken_at FROM scan_result \
             WHERE user_id = $1{filter} ORDER BY course_id"
        ),
        values,
    ))
    .all(db)
    .await
}

/// The advice of stored answers `s` (`choices`: those of them that still
/// fit the scan), with what `learner` completed marked.
async fn my_scan(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: i32,
    (course, scan): (&Course, &Scan),
    s: &Stored,
    choices: Option<&Choices>,
) -> Result<MyScan, AppError> {
    let done = module_states(db, learner, course).await?.complete_modules;
    let lines = choices.map_or_else(Vec::new, |c| advice(course, scan, c));
    let mut out = Vec::with_capacity(lines.len());
    for a in lines {
        let line = match &a.target {
            ScanTarget::Module(id) => {
                let Some(m) = course.module(id) else { continue };
                AdviceLine {
                    href: format!("/cursussen/{}/{}", course.id, m.id),
                    title: m.title.clone(),
                    is_course: false,
                    done: done.contains(&m.id),
                    reasons: a.reasons,
                }
            }
            ScanTarget::Course(id) => {
                let Some(other) = catalog.course(id) else {
                    continue;
                };
                let progress = module_states(db, learner, other).await?;
                AdviceLine {
                    href: format!("/cursussen/{}", other.id),
                    title: other.title.clone(),
                    is_course: true,
                    done: !other.modules.is_empty() && progress.percent(other) == 100,
                    reasons: a.reasons,
                }
            }
        };
        out.push(line);
    }
    Ok(MyScan {
        taken_on: day(s.taken_at.date_naive())?,
        advice: out,
        outdated: s.content_hash != scan.content_hash || choices.is_none(),
    })
}

/// The scan page of `course` for `learner`.
pub async fn page(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: i32,
    course: &Course,
    scan: &Scan,
) -> Result<ScanView, AppError> {
    let saved = stored(db, learner, Some(&course.id)).await?;
    let saved = saved.first();
    let chosen = saved.and_then(|s| decode(scan, &s.choices));
    let mine = match saved {
        Some(s) => Some(my_scan(db, catalog, learner, (course, scan), s, chosen.as_ref()).await?),
        None => None,
    };
    let chosen = chosen.unwrap_or_default();
    let segments = scan
        .segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Html(html) => Some(ScanSegment::Html(html.clone())),
            Segment::Question(id) => {
                let number = scan.questions.iter().position(|q| &q.id == id)? + 1;
                let q = &scan.questions[number - 1];
                Some(ScanSegment::Question(ScanQuestionView {
                    id: q.id.clone(),
                    number,
                    prompt_html: q.prompt_html.clone(),
                    multiple: q.multiple,
                    options: q.options.iter().map(|o| o.html.clone()).collect(),
                    chosen: chosen.get(&q.id).cloned().unwrap_or_default(),
                }))
            }
            Segment::Reflection(_) => None,
        })
        .collect();
    Ok(ScanView {
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        language: course.language.code().to_string(),
        title: scan.title.clone(),
        segments,
        mine,
    })
}

/// Every scan in the catalog, with `learner`'s advice where they took it:
/// for the dashboard.
pub async fn dashboard_lines(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner: i32,
) -> Result<Vec<ScanLine>, AppError> {
    let saved = stored(db, learner, None).await?;
    let mut out = Vec::new();
    for course in &catalog.courses {
        let Some(scan) = &course.scan else { continue };
        let mine = match saved.iter().find(|s| s.course_id == course.id) {
            Some(s) => {
                let choices = decode(scan, &s.choices);
                Some(my_scan(db, catalog, learner, (course, scan), s, choices.as_ref()).await?)
            }
            None => None,
        };
        out.push(ScanLine {
            course_id: course.id.clone(),
            course_title: course.title.clone(),
            title: scan.title.clone(),
            mine,
        });
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct Answered {
    department: Option<String>,
    choices: String,
}

/// HR's figures: for every scan, how many people chose each option, in the
/// whole organisation and per department (departments with fewer than
/// [`super::MIN_GROUP`] people who took it left out). Only answers on the
/// current version of the scan count.
pub async fn report(db: &impl ConnectionTrait, catalog: &Catalog) -> Result<ScanReport, AppError> {
    let mut scans = Vec::new();
    for course in &catalog.courses {
        let Some(scan) = &course.scan else { continue };
        let rows = Answered::find_by_statement(sql(
            db.get_database_backend(),
            "SELECT d.name AS department, s.choices FROM scan_result s \
             JOIN users u ON u.id = s.user_id \
             LEFT JOIN departments d ON d.id = u.department_id \
             WHERE s.course_id = $1 AND s.content_hash = $2",
            vec![course.id.as_str().into(), scan.content_hash.as_str().into()],
        ))
        .all(db)
        .await?;
        scans.push(course_report(course, scan, rows));
    }
    Ok(ScanReport { scans })
}

fn course_report(course: &Course, scan: &Scan, rows: Vec<Answered>) -> CourseScanReport {
    // Per department (None: people without one) the decoded choices.
    let mut by_department: BTreeMap<Option<String>, Vec<Choices>> = BTreeMap::new();
    for row in rows {
        if let Some(choices) = decode(scan, &row.choices) {
            by_department
                .entry(row.department)
                .or_default()
                .push(choices);
        }
    }
    let everyone: Vec<&Choices> = by_department.values().flatten().collect();
    let shown: Vec<(&str, Vec<&Choices>)> = by_department
        .iter()
        .filter(|(_, list)| list.len() >= super::MIN_GROUP)
        .filter_map(|(name, list)| Some((name.as_deref()?, list.iter().collect())))
        .collect();
    let small_departments = by_department
        .iter()
        .filter(|(name, list)| name.is_some() && list.len() < super::MIN_GROUP)
        .count();
    let counts = |q: &domain::model::ScanQuestion, list: &[&Choices]| {
        let mut counts = vec![0; q.options.len()];
        for choices in list {
            for &i in choices.get(&q.id).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
            }
        }
        counts
    };
    let enough = everyone.len() >= super::MIN_GROUP;
    let questions = scan
        .questions
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let mut rows = Vec::new();
            if enough {
                rows.push(ReportRow {
                    department: String::new(),
                    people: everyone.len(),
                    counts: counts(q, &everyone),
                });
            }
            for (name, list) in &shown {
                rows.push(ReportRow {
                    department: name.to_string(),
                    people: list.len(),
                    counts: counts(q, list),
                });
            }
            QuestionReport {
                number: n + 1,
                prompt_html: q.prompt_html.clone(),
                options: q.options.iter().map(|o| o.html.clone()).collect(),
                rows,
            }
        })
        .collect();
    CourseScanReport {
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        title: scan.title.clone(),
        people: everyone.len(),
        questions,
        small_departments,
    }
}
