//! "Mijn leeromgeving": what the learner is doing, what is mandatory and
//! when, what they completed (with their records), and their reflections.

use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseLine {
    pub id: String,
    pub title: String,
    pub percent: u32,
    pub next_module: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandatoryLine {
    pub id: String,
    pub title: String,
    pub mandatory: crate::catalog::types::Mandatory,
    /// Sort key: `jjjj-mm-dd` of the deadline, empty when done for good.
    pub sort: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordLine {
    pub course_title: String,
    pub completed_on: String,
    pub expires_on: Option<String>,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionLine {
    pub course_id: String,
    pub course_title: String,
    pub module_id: String,
    pub module_title: String,
    pub prompt_html: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    pub name: String,
    /// Mandatory courses, the most urgent first.
    pub mandatory: Vec<MandatoryLine>,
    pub in_progress: Vec<CourseLine>,
    pub records: Vec<RecordLine>,
    pub reflections: Vec<ReflectionLine>,
}

/// The reflection prompts are markup.
impl crate::hydration::Markup for DashboardView {
    fn clear_markup(&mut self) {
        for r in &mut self.reflections {
            crate::hydration::Markup::clear_markup(&mut r.prompt_html);
        }
    }
}

#[server(endpoint = "dashboard")]
pub async fn dashboard() -> Result<DashboardView, AppError> {
    use crate::ssr::entities::{completion_records, enrollments, reflections};
    use crate::ssr::{learning, session, AppState};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let db = &state.db;
    let enrolled = enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(user.id))
        .all(db)
        .await?;
    let mut in_progress = Vec::new();
    for e in enrolled.iter().filter(|e| e.completed_at.is_none()) {
        if let Some(course) = index.catalog.course(&e.course_id) {
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
        .map(|r| RecordLine {
            course_title: r.course_title,
            completed_on: r.completed_at.format("%d-%m-%Y").to_string(),
            expires_on: r.expires_at.map(|d| d.format("%d-%m-%Y").to_string()),
            code: r.verification_code,
        })
        .collect();
    let reflections = reflections::Entity::find()
        .filter(reflections::Column::UserId.eq(user.id))
        .order_by_desc(reflections::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let course = index.catalog.course(&r.course_id)?;
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
            let course = index.catalog.course(&id)?;
            // Earliest due date first; none (a record that never expires) last.
            let sort = m.due.map_or_else(|| "9999".into(), |d| d.to_string());
            Some(MandatoryLine {
                id,
                title: course.title.clone(),
                mandatory: m,
                sort,
            })
        })
        .collect();
    mandatory.sort_by(|a, b| a.sort.cmp(&b.sort).then_with(|| a.title.cmp(&b.title)));
    Ok(DashboardView {
        name: user.name,
        mandatory,
        in_progress,
        records,
        reflections,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = crate::hydration::resource(|| (), |_| dashboard());
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, dashboard.title)/>
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DashboardBody d/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardBody(d: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <p class="lead">{td_string!(locale, dashboard.welcome, name = d.name).to_string()}</p>
        <section aria-labelledby="verplicht">
            <h2 id="verplicht">{t!(i18n, dashboard.mandatory.heading)}</h2>
            {if d.mandatory.is_empty() {
                view! { <p>{t!(i18n, dashboard.mandatory.none)}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption class="visually-hidden">{t!(i18n, dashboard.mandatory.caption)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, dashboard.mandatory.col_course)}</th>
                            <th scope="col">{t!(i18n, dashboard.mandatory.col_status)}</th>
                            <th scope="col">{t!(i18n, dashboard.mandatory.col_due)}</th>
                        </tr></thead>
                        <tbody>
                            {d.mandatory.into_iter().map(|m| {
                                let status = crate::language::status_text(locale, m.mandatory.status.code());
                                let status = if m.mandatory.overdue {
                                    td_string!(locale, dashboard.mandatory.late, status).to_string()
                                } else {
                                    status.to_string()
                                };
                                view! {
                                    <tr class=if m.mandatory.overdue { "late" } else { "" }>
                                        <th scope="row"><a href=format!("/cursussen/{}", m.id)>{m.title}</a></th>
                                        <td>{status}</td>
                                        <td>{m.mandatory.due.map_or_else(|| "–".into(), crate::language::date_text)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="bezig">
            <h2 id="bezig">{t!(i18n, dashboard.in_progress.heading)}</h2>
            {if d.in_progress.is_empty() {
                view! { <p>{t!(i18n, dashboard.in_progress.none, <a> = <a href="/"/>)}</p> }.into_any()
            } else {
                view! {
                    <ul class="course-list">
                        {d.in_progress.into_iter().map(|c| view! {
                            <li class="course-card">
                                <h3><a href=format!("/cursussen/{}", c.id)>{c.title.clone()}</a></h3>
                                <p>{td_string!(locale, dashboard.in_progress.percent, percent = c.percent).to_string()}</p>
                                {c.next_module.map(|m| view! {
                                    <p><a class="button" href=format!("/cursussen/{}/{}", c.id, m)>
                                        {t!(i18n, dashboard.in_progress.resume)}
                                        <span class="visually-hidden">{format!(" {}", td_string!(locale, dashboard.in_progress.continue_with, title = c.title))}</span>
                                    </a></p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="afgerond">
            <h2 id="afgerond">{t!(i18n, dashboard.completed.heading)}</h2>
            {if d.records.is_empty() {
                view! { <p>{t!(i18n, dashboard.completed.none)}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption class="visually-hidden">{t!(i18n, dashboard.completed.caption)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, dashboard.completed.col_course)}</th>
                            <th scope="col">{t!(i18n, dashboard.completed.col_completed_on)}</th>
                            <th scope="col">{t!(i18n, dashboard.completed.col_valid_until)}</th>
                            <th scope="col">{t!(i18n, dashboard.completed.col_record)}</th>
                        </tr></thead>
                        <tbody>
                            {d.records.into_iter().map(|r| view! {
                                <tr>
                                    <td>{r.course_title.clone()}</td>
                                    <td>{r.completed_on}</td>
                                    <td>{r.expires_on.unwrap_or_else(|| td_string!(locale, dashboard.completed.unlimited).to_string())}</td>
                                    <td><a href=format!("/certificaat/{}", r.code)>
                                        {t!(i18n, dashboard.completed.view)}
                                        <span class="visually-hidden">{format!(" {}", td_string!(locale, dashboard.completed.view_record_for, title = r.course_title))}</span>
                                    </a></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="reflecties">
            <h2 id="reflecties">{t!(i18n, dashboard.reflections.heading)}</h2>
            <p class="hint">{t!(i18n, dashboard.reflections.private)}</p>
            {if d.reflections.is_empty() {
                view! { <p>{t!(i18n, dashboard.reflections.none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="reflection-list">
                        {d.reflections.into_iter().map(|r| view! {
                            <li>
                                <p><a href=format!("/cursussen/{}/{}", r.course_id, r.module_id)>{format!("{} – {}", r.course_title, r.module_title)}</a></p>
                                <div class="hint" inner_html=r.prompt_html></div>
                                <blockquote>{r.body}</blockquote>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
