//! The item-statistics server functions (roles in [`super::ROLES`]): who
//! asks, the course from the content, one query.

use super::types::{CourseList, CourseStats, ItemFilters, SourceFile};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    error::Missing,
    ssr::{session, AppState},
};

/// The courses, to choose one.
#[server(endpoint = "item_stats_courses")]
pub async fn item_stats_courses() -> Result<CourseList, AppError> {
    session::require_role(super::ROLES).await?;
    let state = AppState::from_context()?;
    Ok(CourseList {
        courses: crate::reports::queries::courses_for_filter(&state.content.current().catalog),
    })
}

/// One course's item statistics.
#[server(endpoint = "item_stats_course")]
pub async fn item_stats_course(
    course: String,
    #[server(default)] filters: ItemFilters,
) -> Result<CourseStats, AppError> {
    session::require_role(super::ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course)
        .ok_or(AppError::NotFound(Missing::Course))?;
    super::queries::course_stats(&state.db, course, &filters).await
}

/// A module file of a course, to read a question where it is written.
#[server(endpoint = "item_stats_source")]
pub async fn item_stats_source(course: String, file: String) -> Result<SourceFile, AppError> {
    session::require_role(super::ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course)
        .ok_or(AppError::NotFound(Missing::Course))?;
    super::queries::source_file(course, &file)
}
