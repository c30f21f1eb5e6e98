//! The home page: the course catalog.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// What the catalog shows of a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub duration_minutes: u32,
    pub modules: usize,
}

#[server(endpoint = "catalog")]
pub async fn list_courses() -> Result<Vec<CourseCard>, AppError> {
    let state = crate::ssr::AppState::from_context()?;
    let index = state.content.current();
    Ok(index
        .catalog
        .courses
        .iter()
        .map(|c| CourseCard {
            id: c.id.clone(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            language: c.language.code().to_string(),
            duration_minutes: c.duration_minutes,
            modules: c.modules.len(),
        })
        .collect())
}

#[component]
pub fn HomePage() -> impl IntoView {
    let courses = Resource::new(|| (), |_| list_courses());
    view! {
        <Title text="Cursussen"/>
        <h1>"Cursussen"</h1>
        <p class="lead">
            "Leer hoe je inwoners, ondernemers en organisaties goed betrekt bij plannen en besluiten, "
            "en hoe je als gemeente reageert op initiatieven uit de samenleving."
        </p>
        <Suspense fallback=|| view! { <p>"Cursussen laden…"</p> }>
            {move || Suspend::new(async move {
                match courses.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"Er zijn nog geen cursussen beschikbaar."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="course-list">
                            {list.into_iter().map(|c| view! { <CourseCardView course=c/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseCardView(course: CourseCard) -> impl IntoView {
    let lang = if course.language == "en" {
        "Engels"
    } else {
        "Nederlands"
    };
    view! {
        <li class="course-card">
            <h2><a href=format!("/cursussen/{}", course.id)>{course.title}</a></h2>
            <p>{course.summary}</p>
            <dl class="meta">
                <div><dt>"Duur"</dt><dd>{format!("{} minuten", course.duration_minutes)}</dd></div>
                <div><dt>"Onderdelen"</dt><dd>{course.modules}</dd></div>
                <div><dt>"Taal"</dt><dd lang="nl">{lang}</dd></div>
            </dl>
        </li>
    }
}
