//! The course page: introduction, modules with their status, progress and
//! the button that continues where the learner left off.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
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
    /// The learner is in a second or later round (recertification).
    pub renewing: bool,
    pub record_code: Option<String>,
    /// Set when the learner's latest record expires.
    pub renewal: Option<Renewal>,
}

/// Recertification of the learner's latest record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Renewal {
    /// The record's expiry day, `dd-mm-jjjj` (it is valid until the day before).
    pub expires_on: String,
    pub expired: bool,
    /// The first day the learner may start over, `dd-mm-jjjj`.
    pub opens_on: String,
    /// The learner may start over now.
    pub open: bool,
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
    let today = crate::ssr::status::today();
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
        renewing: progress.round > 1,
        renewal: progress.record.as_ref().and_then(|r| {
            let expires = r.expires_at?;
            let (opens, open) = learning::renewal_window(Some(r), today)?;
            Some(Renewal {
                expires_on: expires.format("%d-%m-%Y").to_string(),
                expired: expires <= today,
                opens_on: opens.format("%d-%m-%Y").to_string(),
                open,
            })
        }),
        record_code: progress.record.map(|r| r.verification_code),
    })
}

/// Start the course over to renew an expiring or expired record.
#[server(endpoint = "course_renew")]
pub async fn renew_course(course_id: String) -> Result<(), AppError> {
    use crate::ssr::{learning, session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course_id)
        .ok_or_else(|| AppError::NotFound("De cursus".into()))?;
    learning::renew_course(&state.writer, course, (&user).into()).await?;
    leptos_axum::redirect(&format!("/cursussen/{course_id}?klaar=opnieuw"));
    Ok(())
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let course_id = move || params.read().get("course").unwrap_or_default();
    let renew = ServerAction::<RenewCourse>::new();
    let course = Resource::new(
        move || (course_id(), renew.version().get()),
        |(id, _)| course_page(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(c) => view! { <CourseBody c renew/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseBody(c: CourseView, renew: ServerAction<RenewCourse>) -> impl IntoView {
    let course_id = c.id.clone();
    let query = use_query_map();
    let restarted = move || {
        (query.read().get("klaar").as_deref() == Some("opnieuw")).then(|| {
            view! {
                <div class="notice" role="status">
                    <p>"Je bent opnieuw begonnen. Je vorige bewijs van deelname blijft bewaard."</p>
                </div>
            }
        })
    };
    let lang = (c.language != "nl").then(|| c.language.clone());
    let action = if !c.signed_in {
        view! {
            <p><a class="button" href=format!("/inloggen?next=/cursussen/{}", c.id)>"Log in om te beginnen"</a></p>
        }
        .into_any()
    } else if let Some(next) = &c.next_module {
        let label = if c.renewing && c.percent == 0 {
            "Begin opnieuw"
        } else if c.started {
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
                {c.renewal.clone().map(|r| view! { <RenewalNotice r course_id=c.id.clone() renew/> })}
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
            {restarted}
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

/// The validity of the learner's record and, once the warning period has
/// begun, the button that starts the course over.
#[component]
fn RenewalNotice(r: Renewal, course_id: String, renew: ServerAction<RenewCourse>) -> impl IntoView {
    use crate::components::forms::{error_of, FormError};
    let validity = if r.expired {
        format!("Je bewijs van deelname is verlopen op {}.", r.expires_on)
    } else {
        format!(
            "Je bewijs van deelname is geldig tot {} (het verloopt op die dag).",
            r.expires_on
        )
    };
    view! {
        <p>{validity}</p>
        {if r.open {
            view! {
                <FormError message=error_of(move || renew.value().get()) id="opnieuw-fout"/>
                <p>"Doe de cursus opnieuw om een nieuw bewijs van deelname te krijgen. Je vorige bewijs blijft bewaard."</p>
                <ActionForm action=renew>
                    <input type="hidden" name="course_id" value=course_id/>
                    <button type="submit">"Cursus opnieuw doen"</button>
                </ActionForm>
            }
            .into_any()
        } else {
            view! { <p>{format!("Vanaf {} kun je de cursus opnieuw doen.", r.opens_on)}</p> }.into_any()
        }}
    }
}
