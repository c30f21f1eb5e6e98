//! `/mijn/gegevens`: everything the platform holds about the signed-in
//! person, readable, with the same data as a JSON download (a plain link,
//! so it works without JavaScript).

use super::api::load_my_data;
use super::types::{readable_time, MyData};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_my_data());
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, privacy.my_title)/>
        <h1>{t!(i18n, privacy.my_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <MyDataBody d/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn yes_no(locale: Locale, b: bool) -> &'static str {
    if b {
        td_string!(locale, privacy.yes)
    } else {
        td_string!(locale, privacy.no)
    }
}

fn when(t: Option<&str>) -> String {
    t.map(readable_time).unwrap_or_default()
}

/// "Geen." where a section has nothing.
#[component]
fn Nothing() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p>{t!(i18n, privacy.none)}</p> }
}

#[component]
fn MyDataBody(d: MyData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let a = d.account;
    view! {
        <p class="lead">{t!(i18n, privacy.my_lead)}</p>
        <div class="downloads">
            // A plain link: the browser saves the file itself. `download`
            // and `rel="external"` keep the client-side router out of it.
            <p>
                <a class="button" href="/api/my_data_json" download="mijn-gegevens.json" rel="external">
                    {t!(i18n, privacy.download)}
                </a>
            </p>
            <p class="hint">{t!(i18n, privacy.download_hint)}</p>
        </div>
        <section aria-labelledby="rechten">
            <h2 id="rechten">{t!(i18n, privacy.rights_heading)}</h2>
            <ul>
                <li>{t!(i18n, privacy.rights_access)}</li>
                <li>{t!(i18n, privacy.rights_correct)}</li>
                <li>{t!(i18n, privacy.rights_erase)}</li>
            </ul>
        </section>

        <section aria-labelledby="account">
            <h2 id="account">{t!(i18n, privacy.section_account)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, privacy.name)}</dt><dd>{a.name}</dd>
                <dt>{t!(i18n, privacy.email)}</dt><dd>{a.email}</dd>
                <dt>{t!(i18n, privacy.employee_number)}</dt><dd>{a.employee_number.unwrap_or_else(|| "–".into())}</dd>
                <dt>{t!(i18n, privacy.department)}</dt><dd>{a.department.unwrap_or_else(|| "–".into())}</dd>
                <dt>{t!(i18n, privacy.language)}</dt><dd>{a.language}</dd>
                <dt>{t!(i18n, privacy.account_active)}</dt><dd>{yes_no(locale, a.active)}</dd>
                <dt>{t!(i18n, privacy.created_at)}</dt><dd>{readable_time(&a.created_at)}</dd>
                <dt>{t!(i18n, privacy.updated_at)}</dt><dd>{readable_time(&a.updated_at)}</dd>
            </dl>
            <h3>{t!(i18n, privacy.section_roles)}</h3>
            {if d.roles.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! { <ul>{d.roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_sessions)}</h3>
            <p class="hint">{t!(i18n, privacy.sessions_hint)}</p>
            {if d.sessions.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_started)}</th>
                            <th scope="col">{t!(i18n, privacy.col_last_seen)}</th>
                            <th scope="col">{t!(i18n, privacy.col_expires)}</th>
                        </tr></thead>
                        <tbody>{d.sessions.into_iter().map(|s| view! {
                            <tr><td>{readable_time(&s.started_at)}</td><td>{readable_time(&s.last_seen_at)}</td><td>{readable_time(&s.expires_at)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_failed)}</h3>
            {match d.failed_sign_ins {
                None => view! { <Nothing/> }.into_any(),
                Some(f) => view! {
                    <p>{td_string!(locale, privacy.failed_text, n = f.failures, at = readable_time(&f.last_failure_at)).to_string()}</p>
                }.into_any(),
            }}
        </section>

        <section aria-labelledby="cursussen">
            <h2 id="cursussen">{t!(i18n, privacy.section_enrollments)}</h2>
            {if d.enrollments.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_course)}</th>
                            <th scope="col">{t!(i18n, privacy.col_round)}</th>
                            <th scope="col">{t!(i18n, privacy.col_started_at)}</th>
                            <th scope="col">{t!(i18n, privacy.col_completed_at)}</th>
                        </tr></thead>
                        <tbody>{d.enrollments.into_iter().map(|e| view! {
                            <tr><th scope="row">{e.course}</th><td>{e.round}</td><td>{readable_time(&e.started_at)}</td><td>{when(e.completed_at.as_deref())}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_overview)}</h3>
            {if d.course_overview.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_course)}</th>
                            <th scope="col">{t!(i18n, privacy.col_started_at)}</th>
                            <th scope="col">{t!(i18n, privacy.col_completed_on)}</th>
                            <th scope="col">{t!(i18n, privacy.col_valid_until)}</th>
                            <th scope="col">{t!(i18n, privacy.col_due_on)}</th>
                        </tr></thead>
                        <tbody>{d.course_overview.into_iter().map(|c| view! {
                            <tr>
                                <th scope="row">{c.course}</th>
                                <td>{when(c.started_at.as_deref())}</td>
                                <td>{when(c.completed_on.as_deref())}</td>
                                <td>{when(c.valid_until.as_deref())}</td>
                                <td>{when(c.due_on.as_deref())}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_progress)}</h3>
            {if d.module_progress.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_module)}</th>
                            <th scope="col">{t!(i18n, privacy.col_status)}</th>
                            <th scope="col">{t!(i18n, privacy.col_marked_read)}</th>
                            <th scope="col">{t!(i18n, privacy.col_completed_at)}</th>
                        </tr></thead>
                        <tbody>{d.module_progress.into_iter().map(|p| {
                            let status = if p.status == "complete" {
                                td_string!(locale, privacy.status_complete)
                            } else {
                                td_string!(locale, privacy.status_in_progress)
                            };
                            view! {
                                <tr>
                                    <th scope="row">{p.module}</th>
                                    <td>{status}</td>
                                    <td>{when(p.marked_read_at.as_deref())}</td>
                                    <td>{when(p.completed_at.as_deref())}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="antwoorden">
            <h2 id="antwoorden">{t!(i18n, privacy.section_answers)}</h2>
            {if d.answers.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_module)}</th>
                            <th scope="col">{t!(i18n, privacy.col_question)}</th>
                            <th scope="col">{t!(i18n, privacy.col_attempt)}</th>
                            <th scope="col">{t!(i18n, privacy.col_answer)}</th>
                            <th scope="col">{t!(i18n, privacy.col_score)}</th>
                            <th scope="col">{t!(i18n, privacy.col_first_try)}</th>
                            <th scope="col">{t!(i18n, privacy.col_answered_at)}</th>
                        </tr></thead>
                        <tbody>{d.answers.into_iter().map(|a| view! {
                            <tr>
                                <td>{a.module}</td>
                                <td><code>{a.question_id}</code></td>
                                <td>{a.exam_attempt.map(|n| n.to_string()).unwrap_or_else(|| td_string!(locale, privacy.lesson).to_string())}</td>
                                <td><code class="details">{a.response.to_string()}</code></td>
                                <td>{format!("{:.0} %", a.score * 100.0)}</td>
                                <td>{yes_no(locale, a.first_try)}</td>
                                <td>{readable_time(&a.answered_at)}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_attempts)}</h3>
            {if d.exam_attempts.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_module)}</th>
                            <th scope="col">{t!(i18n, privacy.col_number)}</th>
                            <th scope="col">{t!(i18n, privacy.col_started_at)}</th>
                            <th scope="col">{t!(i18n, privacy.col_submitted)}</th>
                            <th scope="col">{t!(i18n, privacy.col_score)}</th>
                            <th scope="col">{t!(i18n, privacy.col_passed)}</th>
                        </tr></thead>
                        <tbody>{d.exam_attempts.into_iter().map(|x| view! {
                            <tr>
                                <th scope="row">{x.module}</th>
                                <td>{x.number}</td>
                                <td>{readable_time(&x.started_at)}</td>
                                <td>{when(x.submitted_at.as_deref())}</td>
                                <td>{x.score_percent.map(|s| format!("{s:.0} %")).unwrap_or_default()}</td>
                                <td>{x.passed.map(|p| yes_no(locale, p)).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_extra)}</h3>
            {if d.extra_attempts.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <ul>{d.extra_attempts.into_iter().map(|g| view! {
                        <li>{format!("{} / {} ({})", g.course_id, g.module_id, readable_time(&g.granted_at))}</li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="reflecties">
            <h2 id="reflecties">{t!(i18n, privacy.section_reflections)}</h2>
            {if d.reflections.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_module)}</th>
                            <th scope="col">{t!(i18n, privacy.col_text)}</th>
                            <th scope="col">{t!(i18n, privacy.col_updated)}</th>
                        </tr></thead>
                        <tbody>{d.reflections.into_iter().map(|r| view! {
                            <tr><th scope="row">{r.module}</th><td>{r.text}</td><td>{readable_time(&r.updated_at)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="bewijzen">
            <h2 id="bewijzen">{t!(i18n, privacy.section_records)}</h2>
            {if d.records.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_course)}</th>
                            <th scope="col">{t!(i18n, privacy.col_version)}</th>
                            <th scope="col">{t!(i18n, privacy.col_completed_at)}</th>
                            <th scope="col">{t!(i18n, privacy.col_department_then)}</th>
                            <th scope="col">{t!(i18n, privacy.col_score)}</th>
                            <th scope="col">{t!(i18n, privacy.col_valid_until)}</th>
                            <th scope="col">{t!(i18n, privacy.col_code)}</th>
                        </tr></thead>
                        <tbody>{d.records.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.course}</th>
                                <td>{r.course_version}</td>
                                <td>{readable_time(&r.completed_at)}</td>
                                <td>{r.department_then.unwrap_or_default()}</td>
                                <td>{format!("{:.0} %", r.score_percent)}</td>
                                <td>{when(r.valid_until.as_deref())}</td>
                                <td><a href=format!("/certificaat/{}", r.verification_code)><code>{r.verification_code.clone()}</code></a></td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, privacy.section_assignments)}</h3>
            {if d.assignments.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_course)}</th>
                            <th scope="col">{t!(i18n, privacy.col_due_on)}</th>
                            <th scope="col">{t!(i18n, privacy.col_how)}</th>
                        </tr></thead>
                        <tbody>{d.assignments.into_iter().map(|x| view! {
                            <tr>
                                <th scope="row">{x.course}</th>
                                <td>{readable_time(&x.due_on)}</td>
                                <td>{if x.personal {
                                    td_string!(locale, privacy.assigned_personal)
                                } else {
                                    td_string!(locale, privacy.assigned_department)
                                }}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="logboek">
            <h2 id="logboek">{t!(i18n, privacy.section_audit)}</h2>
            <p class="hint">{t!(i18n, privacy.audit_hint)}</p>
            {if d.audit.is_empty() {
                view! { <Nothing/> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t!(i18n, privacy.col_when)}</th>
                            <th scope="col">{t!(i18n, privacy.col_action)}</th>
                            <th scope="col">{t!(i18n, privacy.col_subject)}</th>
                            <th scope="col">{t!(i18n, privacy.col_by)}</th>
                        </tr></thead>
                        <tbody>{d.audit.into_iter().map(|e| view! {
                            <tr>
                                <td>{readable_time(&e.at)}</td>
                                <td>{crate::pages::audit::action_label(&e.action, locale).to_string()}</td>
                                <td>{e.subject}</td>
                                <td>{if e.by_you {
                                    td_string!(locale, privacy.by_you)
                                } else {
                                    td_string!(locale, privacy.by_other)
                                }}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
