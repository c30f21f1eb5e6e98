//! The learner's own page.

use super::api::dashboard;
use super::types::DashboardView;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = crate::hydration::resource(|| (), |_| dashboard());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, dashboard.title)/>
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
        <crate::scan::pages::DashboardScans lines=d.scans/>
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
                                let status = crate::language::status_text(locale, m.mandatory.status);
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
                                    <td>{crate::language::date_text(r.completed_on)}</td>
                                    <td>{r.expires_on.map_or_else(|| td_string!(locale, dashboard.completed.unlimited).to_string(), crate::language::date_text)}</td>
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
