//! Who is stuck at an exam, with their name and department. (Counting the
//! attempts and granting one more are part of the exam's rules, in
//! `crate::learning`.)

use super::types::StuckRow;
use crate::error::AppError;
use crate::learning::queries as learning;
use crate::ssr::entities::users;
use crate::ssr::report_summary;
use domain::model::Catalog;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Everyone who used every attempt of an exam without passing it, by name.
pub async fn stuck(db: &DatabaseConnection, catalog: &Catalog) -> Result<Vec<StuckRow>, AppError> {
    let stuck = learning::stuck_at_exams(db, catalog).await?;
    let ids: Vec<i32> = stuck.iter().map(|s| s.user_id).collect();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let tree = report_summary::department_tree(db).await?;
    let mut rows: Vec<StuckRow> = stuck
        .into_iter()
        .filter_map(|s| {
            let person = people.get(&s.user_id)?;
            let course = catalog.course(&s.course_id)?;
            let exam = course.module(&s.module_id)?;
            Some(StuckRow {
                user_id: s.user_id,
                name: person.display_name.clone(),
                email: person.email.clone(),
                department: person.department_id.map(|d| tree.path_name(d)),
                course_title: course.title.clone(),
                exam_title: exam.title.clone(),
                course_id: s.course_id,
                module_id: s.module_id,
                used: s.used,
                allowed: s.allowed,
                best: s.best_score,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.course_title).cmp(&(b.name.to_lowercase(), &b.course_title))
    });
    Ok(rows)
}
