//! Saving a learner's feedback, and what trainers read of it: tallies and
//! comments summed by the database, one row per module, month and rating.

use super::types::{
    CommentView, CourseFeedback, MyFeedback, PartFeedback, PeriodFeedback, Refusal,
};
use crate::error::AppError;
use crate::item_stats::queries::Filter;
use crate::ssr::sql::sql;
use chrono::Utc;
use domain::feedback::{periods, Tally, MAX_COMMENT_CHARS};
use domain::model::{Course, Module};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult};
use std::collections::BTreeMap;

/// What the feedback is about: a module, or the course as a whole.
fn part(course: &Course, module: Option<&Module>) -> (String, String) {
    match module {
        Some(m) => (m.id.clone(), m.content_hash.clone()),
        None => (super::WHOLE_COURSE.to_string(), course.version.clone()),
    }
}

/// Save `learner`'s feedback on the current version of `module` (or of the
/// course as a whole), replacing what they gave on that version before.
/// `rating` and `comment` as the form sent them.
pub async fn save(
    db: &impl ConnectionTrait,
    learner: i32,
    course: &Course,
    module: Option<&Module>,
    rating: &str,
    comment: &str,
) -> Result<(), AppError> {
    let rating = domain::feedback::rating(rating).ok_or(Refusal::RatingMissing)?;
    let comment = domain::feedback::comment(comment).map_err(|chars| Refusal::CommentTooLong {
        max: MAX_COMMENT_CHARS,
        chars,
    })?;
    let (module_id, hash) = part(course, module);
    db.execute_raw(sql(
        db.get_database_backend(),
        "INSERT INTO feedback (user_id, course_id, module_id, content_hash, rating, comment, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (user_id, course_id, module_id, content_hash) DO UPDATE SET \
           rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at",
        vec![
            learner.into(),
            course.id.as_str().into(),
            module_id.into(),
            hash.into(),
            i16::from(rating).into(),
            comment.into(),
            Utc::now().into(),
        ],
    ))
    .await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct Saved {
    rating: i16,
    comment: Option<String>,
}

impl Saved {
    fn view(self) -> Option<MyFeedback> {
        Some(MyFeedback {
            rating: u8::try_from(self.rating).ok()?,
            comment: self.comment.unwrap_or_default(),
        })
    }
}

/// `learner`'s feedback on the current version of `module` (or of the
/// course as a whole), if they gave any.
pub async fn mine(
    db: &impl ConnectionTrait,
    learner: i32,
    course: &Course,
    module: Option<&Module>,
) -> Result<Option<MyFeedback>, DbErr> {
    let (module_id, hash) = part(course, module);
    Ok(Saved::find_by_statement(sql(
        db.get_database_backend(),
        "SELECT rating, comment FROM feedback \
         WHERE user_id = $1 AND course_id = $2 AND module_id = $3 AND content_hash = $4",
        vec![
            learner.into(),
            course.id.as_str().into(),
            module_id.into(),
            hash.into(),
        ],
    ))
    .one(db)
    .await?
    .and_then(Saved::view))
}

/// A saved rating and comment as `module_state` reads them from its query.
pub fn from_row(rating: i64, comment: Option<String>) -> Option<MyFeedback> {
    Saved {
        rating: i16::try_from(rating).ok()?,
        comment,
    }
    .view()
}

/// The feedback in the filter, each person's latest per module: with every
/// version, someone who rated two versions counts once, with what they
/// think now. Rows `(module_id, rating, comment, month)`.
fn latest(backend: DbBackend, course_id: &str, filter: &Filter) -> (String, Vec<sea_orm::Value>) {
    let month = match backend {
        DbBackend::Postgres => "to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        _ => "strftime('%Y-%m', a.updated_at)",
    };
    let (conditions, filter_values) = filter.conditions_on("a.updated_at", false, 2);
    let text = format!(
        "SELECT x.module_id, x.rating, x.comment, x.month FROM ( \
           SELECT a.module_id, a.rating, a.comment, {month} AS month, \
             ROW_NUMBER() OVER (PARTITION BY a.user_id, a.module_id ORDER BY a.updated_at DESC) AS nth \
           FROM feedback a WHERE a.course_id = $1{conditions}) x WHERE x.nth = 1"
    );
    let mut values = vec![sea_orm::Value::from(course_id)];
    values.extend(filter_values);
    (text, values)
}

#[derive(FromQueryResult)]
struct TallyRow {
    module_id: String,
    month: String,
    rating: i16,
    n: i64,
}

#[derive(FromQueryResult)]
struct CommentRow {
    module_id: String,
    rating: i16,
    comment: String,
}

/// A course's feedback in `filter`, as trainers see it: per part (the
/// course as a whole, then each module), the tally, the periods and the
/// comments, all empty when fewer than five people gave feedback.
pub async fn course_feedback(
    db: &impl ConnectionTrait,
    course: &Course,
    filter: &Filter,
) -> Result<CourseFeedback, DbErr> {
    let backend = db.get_database_backend();
    let (inner, values) = latest(backend, &course.id, filter);
    let tallies = TallyRow::find_by_statement(sql(
        backend,
        &format!(
            "SELECT y.module_id, y.month, y.rating, COUNT(*) AS n FROM ({inner}) y \
             GROUP BY y.module_id, y.month, y.rating ORDER BY y.module_id, y.month"
        ),
        values.clone(),
    ))
    .all(db)
    .await?;
    let comments = CommentRow::find_by_statement(sql(
        backend,
        &format!(
            "SELECT y.module_id, y.rating, y.comment FROM ({inner}) y \
             WHERE y.comment IS NOT NULL ORDER BY y.module_id, y.rating, y.comment"
        ),
        values,
    ))
    .all(db)
    .await?;

    // Per part: the months in order, each with its tally.
    let mut months: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
    for row in tallies {
        let rating = u8::try_from(row.rating).unwrap_or(0);
        months
            .entry(row.module_id)
            .or_default()
            .entry(row.month)
            .or_default()
            .add(rating, u64::try_from(row.n).unwrap_or(0));
    }
    let mut said: BTreeMap<String, Vec<CommentView>> = BTreeMap::new();
    for row in comments {
        said.entry(row.module_id).or_default().push(CommentView {
            rating: u8::try_from(row.rating).unwrap_or(0),
            text: row.comment,
        });
    }
    let parts = std::iter::once((super::WHOLE_COURSE, course.title.as_str()))
        .chain(
            course
                .modules
                .iter()
                .map(|m| (m.id.as_str(), m.title.as_str())),
        )
        .map(|(id, title)| {
            let by_month: Vec<(String, Tally)> = months
                .remove(id)
                .map(|m| m.into_iter().collect())
                .unwrap_or_default();
            let mut tally = Tally::default();
            for (_, t) in &by_month {
                tally.merge(t);
            }
            let comments = said.remove(id).unwrap_or_default();
            part_feedback(id, title, tally, &by_month, comments)
        })
        .collect();
    Ok(CourseFeedback { parts })
}

/// One part's figures, or only the count when too few people gave
/// feedback.
fn part_feedback(
    id: &str,
    title: &str,
    tally: Tally,
    by_month: &[(String, Tally)],
    mut comments: Vec<CommentView>,
) -> PartFeedback {
    let shown = tally.shown();
    if !shown {
        comments.clear();
    }
    comments.truncate(super::MAX_COMMENTS_SHOWN);
    PartFeedback {
        module_id: id.to_string(),
        title: title.to_string(),
        people: tally.people(),
        shown,
        mean: tally.mean().filter(|_| shown),
        counts: if shown { tally.counts } else { [0; 5] },
        periods: if shown {
            periods(by_month)
                .into_iter()
                .filter_map(|p| {
                    Some(PeriodFeedback {
                        people: p.tally.people(),
                        mean: p.tally.mean()?,
                        first: p.first,
                        last: p.last,
                    })
                })
                .collect()
        } else {
            Vec::new()
        },
        comments,
    }
}
