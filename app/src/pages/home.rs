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
    /// Set when the course is mandatory for the signed-in learner.
    pub mandatory: Option<Mandatory>,
}

/// A mandatory course for one learner: by when, and whether that has passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mandatory {
    /// `dd-mm-jjjj`; `None` once they hold a record that never expires.
    pub due: Option<String>,
    pub overdue: bool,
    /// The learner's state, in Dutch ("Niet begonnen", "Bezig", …).
    pub status: String,
}

#[server(endpoint = "catalog")]
pub async fn list_courses() -> Result<Vec<CourseCard>, AppError> {
    use crate::ssr::{session, status};
    use std::collections::HashMap;
    let state = crate::ssr::AppState::from_context()?;
    let index = state.content.current();
    let mut mandatory: HashMap<String, Mandatory> = HashMap::new();
    if let Some(user) = session::current_user().await? {
        mandatory = status::mandatory_for(&state.db, user.id).await?;
    }
    Ok(index
        .catalog
        .courses
        .iter()
        .map(|c| CourseCard {
            mandatory: mandatory.remove(&c.id),
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
            {course.mandatory.map(|m| view! {
                <p class=if m.overdue { "badge badge-late" } else { "badge" }>
                    {match (m.due, m.overdue) {
                        (Some(d), true) => format!("Verplicht – uiterlijk {d}, te laat"),
                        (Some(d), false) => format!("Verplicht – uiterlijk {d}"),
                        (None, _) => format!("Verplicht – {}", m.status.to_lowercase()),
                    }}
                </p>
            })}
            <p>{course.summary}</p>
            <dl class="meta">
                <div><dt>"Duur"</dt><dd>{format!("{} minuten", course.duration_minutes)}</dd></div>
                <div><dt>"Onderdelen"</dt><dd>{course.modules}</dd></div>
                <div><dt>"Taal"</dt><dd lang="nl">{lang}</dd></div>
            </dl>
        </li>
    }
}
