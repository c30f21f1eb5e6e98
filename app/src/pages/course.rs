//! The course page: introduction, modules with their status, progress and
//! the button that continues where the learner left off.

use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
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
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            ModuleStatus::NotStarted => td_string!(locale, course.status_not_started),
            ModuleStatus::InProgress => td_string!(locale, course.status_in_progress),
            ModuleStatus::Complete => td_string!(locale, course.status_complete),
        }
    }
}

/// `lang` for course content shown in an interface of another language
/// (WCAG 3.1.2), `None` when they are the same.
pub fn content_lang(course_language: &str, locale: Locale) -> Option<String> {
    (course_language != locale.as_str()).then(|| course_language.to_string())
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

/// The course's introduction is markup.
impl crate::hydration::Markup for CourseView {
    fn clear_markup(&mut self) {
        crate::hydration::Markup::clear_markup(&mut self.intro_html);
    }
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
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    let user = session::current_user().await?;
    let today = crate::ssr::report_summary::today();
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
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    learning::renew_course(&state.writer, course, (&user).into()).await?;
    leptos_axum::redirect(&format!("/cursussen/{course_id}?klaar=opnieuw"));
    Ok(())
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let course_id = move || params.read().get("course").unwrap_or_default();
    let renew = ServerAction::<RenewCourse>::new();
    let course = crate::hydration::resource(
        move || (course_id(), renew.version().get()),
        |(id, _)| course_page(id),
    );
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(c) => view! { <CourseBody c renew/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseBody(c: CourseView, renew: ServerAction<RenewCourse>) -> impl IntoView {
    let course_id = c.id.clone();
    let query = use_query_map();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let restarted = move || {
        (query.read().get("klaar").as_deref() == Some("opnieuw")).then(|| {
            view! {
                <div class="notice" role="status">
                    <p>{t!(i18n, course.restarted)}</p>
                </div>
            }
        })
    };
    let lang = content_lang(&c.language, locale);
    let action = if !c.signed_in {
        view! {
            <p><a class="button" href=format!("/inloggen?next=/cursussen/{}", c.id)>{t!(i18n, course.sign_in_to_start)}</a></p>
        }
        .into_any()
    } else if let Some(next) = &c.next_module {
        let label = if c.renewing && c.percent == 0 {
            td_string!(locale, course.start_again)
        } else if c.started {
            td_string!(locale, course.resume)
        } else {
            td_string!(locale, course.start)
        };
        view! { <p><a class="button" href=format!("/cursussen/{}/{}", c.id, next)>{label}</a></p> }
            .into_any()
    } else {
        view! {
            <div class="notice">
                <p><strong>{t!(i18n, course.completed)}</strong></p>
                {c.record_code.clone().map(|code| view! {
                    <p><a href=format!("/certificaat/{code}")>{t!(i18n, course.view_record)}</a></p>
                })}
                {c.renewal.clone().map(|r| view! { <RenewalNotice r course_id=c.id.clone() renew/> })}
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=c.title.clone()/>
        <article>
            <h1 lang=lang.clone()>{c.title.clone()}</h1>
            <p class="lead" lang=lang.clone()>{c.summary.clone()}</p>
            <dl class="meta">
                <div><dt>{t!(i18n, course.duration)}</dt><dd>{td_string!(locale, course.about_minutes, n = c.duration_minutes).to_string()}</dd></div>
                <div><dt>{t!(i18n, course.modules)}</dt><dd>{c.modules.len()}</dd></div>
            </dl>
            {c.signed_in.then(|| view! {
                <p id="voortgang-label">{td_string!(locale, course.progress, percent = c.percent).to_string()}</p>
                <div class="progress" role="progressbar" aria-labelledby="voortgang-label"
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow=c.percent.to_string()>
                    <span style=format!("width: {}%", c.percent)></span>
                </div>
            })}
            {restarted}
            {action}
            <div class="prose" lang=lang.clone() inner_html=c.intro_html.clone()></div>
            <h2>{t!(i18n, course.modules)}</h2>
            <ol class="module-list">
                {c.modules.into_iter().map(|m| {
                    let badge = match m.status {
                        ModuleStatus::Complete => "badge badge-done",
                        ModuleStatus::InProgress => "badge badge-required",
                        ModuleStatus::NotStarted => "badge",
                    };
                    view! {
                        <li>
                            <a href=format!("/cursussen/{}/{}", course_id, m.id) lang=lang.clone()>{m.title}</a>
                            {m.is_exam.then(|| td_string!(locale, course.exam_suffix))}
                            {m.duration_minutes.map(|n| td_string!(locale, course.module_minutes, n).to_string())}
                            " "<span class=badge>{m.status.label(locale)}</span>
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let date = r.expires_on.clone();
    let validity = if r.expired {
        td_string!(locale, course.expired_on, date).to_string()
    } else {
        td_string!(locale, course.valid_until, date).to_string()
    };
    view! {
        <p>{validity}</p>
        {if r.open {
            view! {
                <FormError message=error_of(move || renew.value().get()) id="opnieuw-fout"/>
                <p>{t!(i18n, course.renew_explain)}</p>
                <ActionForm action=renew>
                    <input type="hidden" name="course_id" value=course_id/>
                    <button type="submit">{t!(i18n, course.renew)}</button>
                </ActionForm>
            }
            .into_any()
        } else {
            let date = r.opens_on.clone();
            view! { <p>{td_string!(locale, course.renew_from, date).to_string()}</p> }.into_any()
        }}
    }
}
