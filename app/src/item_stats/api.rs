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
    let (state, index) = trainer().await?;
    super::queries::course_stats(&state.db, course_of(&index, &course)?, &filters).await
}

/// A module file of a course, to read a question where it is written.
#[server(endpoint = "item_stats_source")]
pub async fn item_stats_source(course: String, file: String) -> Result<SourceFile, AppError> {
    let (_, index) = trainer().await?;
    super::queries::source_file(course_of(&index, &course)?, &file)
}

/// A trainer (or admin) asks: the state and the content as it is now.
#[cfg(feature = "ssr")]
pub(crate) async fn trainer() -> Result<
    (
        AppState,
        std::sync::Arc<crate::ssr::content_store::ContentIndex>,
    ),
    AppError,
> {
    session::require_role(super::ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    Ok((state, index))
}

/// A course of the content, or not found.
#[cfg(feature = "ssr")]
pub(crate) fn course_of<'a>(
    index: &'a crate::ssr::content_store::ContentIndex,
    id: &str,
) -> Result<&'a domain::model::Course, AppError> {
    index
        .catalog
        .course(id)
        .ok_or(AppError::NotFound(Missing::Course))
}
