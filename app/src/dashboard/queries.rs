//! Everything on the learner's own page, for one learner.

use super::types::{CourseLine, DashboardView, MandatoryLine, RecordLine, ReflectionLine};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::learning::queries as learning;
use crate::ssr::entities::{completion_records, enrollments, reflections};
use domain::model::Catalog;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::ssr::sql::day as date;

/// `user`'s courses in progress, mandatory courses (the most urgent
/// first), records and reflections.
pub async fn dashboard(
    db: &DatabaseConnection,
    catalog: &Catalog,
    user: &CurrentUser,
) -> Result<DashboardView, AppError> {
    let enrolled = enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(user.id))
        .all(db)
        .await?;
    let mut in_progress = Vec::new();
    for e in enrolled.iter().filter(|e| e.completed_at.is_none()) {
        if let Some(course) = catalog.course(&e.course_id) {
            let progress = learning::course_progress(db, user.id, course).await?;
            in_progress.push(CourseLine {
                id: course.id.clone(),
                title: course.title.clone(),
                percent: progress.percent(course),
                next_module: progress.next_module(course).map(|m| m.id.clone()),
            });
        }
    }
    let records = completion_records::Entity::find()
        .filter(completion_records::Column::UserId.eq(user.id))
        .order_by_desc(completion_records::Column::CompletedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| -> Result<RecordLine, AppError> {
            Ok(RecordLine {
                course_title: r.course_title,
                completed_on: date(r.completed_at.date_naive())?,
                expires_on: r.expires_at.map(date).transpose()?,
                code: r.verification_code,
            })
        })
        .collect::<Result<_, _>>()?;
    let reflections = reflections::Entity::find()
        .filter(reflections::Column::UserId.eq(user.id))
        .order_by_desc(reflections::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let course = catalog.course(&r.course_id)?;
            let module = course.module(&r.module_id)?;
            let prompt = module
                .reflections
                .iter()
                .find(|x| x.id == r.reflection_id)?;
            Some(ReflectionLine {
                course_id: course.id.clone(),
                course_title: course.title.clone(),
                module_id: module.id.clone(),
                module_title: module.title.clone(),
                prompt_html: prompt.prompt_html.clone(),
                body: r.body,
            })
        })
        .collect();
    let mut mandatory: Vec<MandatoryLine> = crate::ssr::report_summary::mandatory_for(db, user.id)
        .await?
        .into_iter()
        .filter_map(|(id, m)| {
            let course = catalog.course(&id)?;
            Some(MandatoryLine {
                id,
                title: course.title.clone(),
                mandatory: m,
            })
        })
        .collect();
    // Earliest due date first; none (a record that never expires) last.
    mandatory.sort_by(|a, b| {
        let due = |l: &MandatoryLine| (l.mandatory.due.is_none(), l.mandatory.due);
        due(a).cmp(&due(b)).then_with(|| a.title.cmp(&b.title))
    });
    let scans = crate::scan::queries::dashboard_lines(db, catalog, user.id).await?;
    Ok(DashboardView {
        name: user.name.clone(),
        scans,
        mandatory,
        in_progress,
        records,
        reflections,
    })
}
