//! The course page: introduction, modules with their status, progress and
//! the button that continues where the learner left off.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModuleStatus {
    NotStarted,
    InProgress,
    Complete,
}

impl ModuleStatus {
    pub fn label(self) -> &'static str {
        match self {
            ModuleStatus::NotStarted => "Nog niet begonnen",
            ModuleStatus::InProgress => "Bezig",
            ModuleStatus::Complete => "Afgerond",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleRow {
    pub id: String,
    pub title: String,
    pub duration_minutes: Option<u32>,
    pub is_exam: bool,
    pub status: ModuleStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub intro_html: String,
    pub duration_minutes: u32,
    pub modules: Vec<ModuleRow>,
    pub signed_in: bool,
    pub percent: u32,
    /// Where "continue" goes (first unfinished module).
    pub next_module: Option<String>,
    pub started: bool,
    pub record_code: Option<String>,
}

#[server(endpoint = "course_page")]
pub async fn course_page(course_id: String) -> Result<CourseView, AppError> {
    use crate::ssr::{learning, session, AppState};
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course_id)
        .ok_or_else(|| AppError::NotFound("De cursus".into()))?;
    let user = session::current_user().await?;
    let progress = match &user {
        Some(u) => learning::course_progress(&state.db, u.id, course).await?,
        None => learning::CourseProgress::default(),
    };
    let modules = course
        .modules
        .iter()
        .map(|m| ModuleRow {
            id: m.id.clone(),
            title: m.title.clone(),
            duration_minutes: m.duration_minutes,
            is_exam: m.is_exam(),
            status: if progress.complete_modules.contains(&m.id) {
                ModuleStatus::Complete
            } else if progress.touched_modules.contains(&m.id) {
                ModuleStatus::InProgress
            } else {
                ModuleStatus::NotStarted
            },
        })
        .collect();
    Ok(CourseView {
        id: course.id.clone(),
        title: course.title.clone(),
        summary: course.summary.clone(),
        language: course.language.code().to_string(),
        intro_html: course.intro_html.clone(),
        duration_minutes: course.duration_minutes,
        modules,
        signed_in: user.is_some(),
        percent: progress.percent(course),
        next_module: progress.next_module(course).map(|m| m.id.clone()),
        started: progress.started,
        record_code: progress.record.map(|r| r.verification_code),
    })
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let course_id = move || params.read().get("course").unwrap_or_default();
    let course = Resource::new(course_id, course_page);
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(c) => view! { <CourseBody c/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseBody(c: CourseView) -> impl IntoView {
    let course_id = c.id.clone();
    let lang = (c.language != "nl").then(|| c.language.clone());
    let action = if !c.signed_in {
        view! {
            <p><a class="button" href=format!("/inloggen?next=/cursussen/{}", c.id)>"Log in om te beginnen"</a></p>
        }
        .into_any()
    } else if let Some(next) = &c.next_module {
        let label = if c.started {
            "Verder waar je was"
        } else {
            "Begin de cursus"
        };
        view! { <p><a class="button" href=format!("/cursussen/{}/{}", c.id, next)>{label}</a></p> }
            .into_any()
    } else {
        view! {
            <div class="notice">
                <p><strong>"Je hebt deze cursus afgerond."</strong></p>
                {c.record_code.clone().map(|code| view! {
                    <p><a href=format!("/certificaat/{code}")>"Bekijk je bewijs van deelname"</a></p>
                })}
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=c.title.clone()/>
        <article lang=lang>
            <h1>{c.title.clone()}</h1>
            <p class="lead">{c.summary.clone()}</p>
            <dl class="meta">
                <div><dt>"Duur"</dt><dd>{format!("ongeveer {} minuten", c.duration_minutes)}</dd></div>
                <div><dt>"Onderdelen"</dt><dd>{c.modules.len()}</dd></div>
            </dl>
            {c.signed_in.then(|| view! {
                <p id="voortgang-label">{format!("Voortgang: {}% afgerond", c.percent)}</p>
                <div class="progress" role="progressbar" aria-labelledby="voortgang-label"
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow=c.percent.to_string()>
                    <span style=format!("width: {}%", c.percent)></span>
                </div>
            })}
            {action}
            <div class="prose" inner_html=c.intro_html.clone()></div>
            <h2>"Onderdelen"</h2>
            <ol class="module-list">
                {c.modules.into_iter().map(|m| {
                    let badge = match m.status {
                        ModuleStatus::Complete => "badge badge-done",
                        ModuleStatus::InProgress => "badge badge-required",
                        ModuleStatus::NotStarted => "badge",
                    };
                    view! {
                        <li>
                            <a href=format!("/cursussen/{}/{}", course_id, m.id)>{m.title}</a>
                            {m.is_exam.then_some(" (toets)")}
                            {m.duration_minutes.map(|d| format!(" – {d} min."))}
                            " "<span class=badge>{m.status.label()}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </article>
    }
}
