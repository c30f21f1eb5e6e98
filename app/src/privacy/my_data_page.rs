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
        <Title text=t_string!(i18n, privacy.my_title)/>
        <h1>{t!(i18n, privacy.my_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <MyDataBody d/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
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

fn percent(p: f64) -> String {
    format!("{p:.0} %")
}

/// "Geen." where a section has nothing.
#[component]
fn Nothing() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p>{t!(i18n, privacy.none)}</p> }
}

/// `show(items)`, or [`Nothing`] when there are none.
fn or_nothing<T, V: IntoView + 'static>(items: Vec<T>, show: impl FnOnce(Vec<T>) -> V) -> AnyView {
    if items.is_empty() {
        view! { <Nothing/> }.into_any()
    } else {
        show(items).into_any()
    }
}

/// A table with a column header per `headers` and `row(item)` (a `<tr>`)
/// per item.
fn table<T, V: IntoView + 'static>(
    headers: &[&'static str],
    items: Vec<T>,
    row: impl FnMut(T) -> V,
) -> AnyView {
    let headers = headers
        .iter()
        .map(|&h| view! { <th scope="col">{h}</th> })
        .collect_view();
    view! {
        <table>
            <thead><tr>{headers}</tr></thead>
            <tbody>{items.into_iter().map(row).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

/// [`table`], or [`Nothing`] without items.
fn listing<T, V: IntoView + 'static>(
    headers: &[&'static str],
    items: Vec<T>,
    row: impl FnMut(T) -> V,
) -> AnyView {
    or_nothing(items, |items| table(headers, items, row))
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
                <a class="button" href="/mijn/gegevens.json" download="mijn-gegevens.json" rel="external">
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

        <crate::reminders::pages::MailChoiceForm/>
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
            {or_nothing(d.roles, |roles| view! {
                <ul>{roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
            <h3>{t!(i18n, privacy.section_sessions)}</h3>
            <p class="hint">{t!(i18n, privacy.sessions_hint)}</p>
            {listing(
                &[
                    td_string!(locale, privacy.col_started),
                    td_string!(locale, privacy.col_last_seen),
                    td_string!(locale, privacy.col_expires),
                ],
                d.sessions,
                |s| view! {
                    <tr><td>{readable_time(&s.started_at)}</td><td>{readable_time(&s.last_seen_at)}</td><td>{readable_time(&s.expires_at)}</td></tr>
                },
            )}
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
            {listing(
                &[
                    td_string!(locale, privacy.col_course),
                    td_string!(locale, privacy.col_round),
                    td_string!(locale, privacy.col_started_at),
                    td_string!(locale, privacy.col_completed_at),
                ],
                d.enrollments,
                |e| view! {
                    <tr><th scope="row">{e.course}</th><td>{e.round}</td><td>{readable_time(&e.started_at)}</td><td>{when(e.completed_at.as_deref())}</td></tr>
                },
            )}
            <h3>{t!(i18n, privacy.section_overview)}</h3>
            {listing(
                &[
                    td_string!(locale, privacy.col_course),
                    td_string!(locale, privacy.col_started_at),
                    td_string!(locale, privacy.col_completed_on),
                    td_string!(locale, privacy.col_valid_until),
                    td_string!(locale, privacy.col_due_on),
                ],
                d.course_overview,
                |c| view! {
                    <tr>
                        <th scope="row">{c.course}</th>
                        <td>{when(c.started_at.as_deref())}</td>
                        <td>{when(c.completed_on.as_deref())}</td>
                        <td>{when(c.valid_until.as_deref())}</td>
                        <td>{when(c.due_on.as_deref())}</td>
                    </tr>
                },
            )}
            <h3>{t!(i18n, privacy.section_progress)}</h3>
            {listing(
                &[
                    td_string!(locale, privacy.col_module),
                    td_string!(locale, privacy.col_status),
                    td_string!(locale, privacy.col_marked_read),
                    td_string!(locale, privacy.col_completed_at),
                ],
                d.module_progress,
                |p| {
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
                },
            )}
        </section>

        <section aria-labelledby="antwoorden">
            <h2 id="antwoorden">{t!(i18n, privacy.section_answers)}</h2>
            {or_nothing(d.answers, |answers| {
                let answers = table(
                    &[
                        td_string!(locale, privacy.col_module),
                        td_string!(locale, privacy.col_question),
                        td_string!(locale, privacy.col_attempt),
                        td_string!(locale, privacy.col_answer),
                        td_string!(locale, privacy.col_score),
                        td_string!(locale, privacy.col_first_try),
                        td_string!(locale, privacy.col_answered_at),
                    ],
                    answers,
                    |a| view! {
                        <tr>
                            <td>{a.module}</td>
                            <td><code>{a.question_id}</code></td>
                            <td>{a.exam_attempt.map(|n| n.to_string()).unwrap_or_else(|| td_string!(locale, privacy.lesson).to_string())}</td>
                            <td><code class="details">{a.response.to_string()}</code></td>
                            <td>{percent(a.score * 100.0)}</td>
                            <td>{yes_no(locale, a.first_try)}</td>
                            <td>{readable_time(&a.answered_at)}</td>
                        </tr>
                    },
                );
                view! { <div class="table-scroll">{answers}</div> }
            })}
            <h3>{t!(i18n, privacy.section_attempts)}</h3>
            {listing(
                &[
                    td_string!(locale, privacy.col_module),
                    td_string!(locale, privacy.col_number),
                    td_string!(locale, privacy.col_started_at),
                    td_string!(locale, privacy.col_submitted),
                    td_string!(locale, privacy.col_score),
                    td_string!(locale, privacy.col_passed),
                ],
                d.exam_attempts,
                |x| view! {
                    <tr>
                        <th scope="row">{x.module}</th>
                        <td>{x.number}</td>
                        <td>{readable_time(&x.started_at)}</td>
                        <td>{when(x.submitted_at.as_deref())}</td>
                        <td>{x.score_percent.map(percent).unwrap_or_default()}</td>
                        <td>{x.passed.map(|p| yes_no(locale, p)).unwrap_or_default()}</td>
                    </tr>
                },
            )}
            <h3>{t!(i18n, privacy.section_extra)}</h3>
            {or_nothing(d.extra_attempts, |extra| view! {
                <ul>{extra.into_iter().map(|g| view! {
                    <li>{format!("{} / {} ({})", g.course_id, g.module_id, readable_time(&g.granted_at))}</li>
                }).collect_view()}</ul>
            })}
        </section>

        <section aria-labelledby="reflecties">
            <h2 id="reflecties">{t!(i18n, privacy.section_reflections)}</h2>
            {listing(
                &[
                    td_string!(locale, privacy.col_module),
                    td_string!(locale, privacy.col_text),
                    td_string!(locale, privacy.col_updated),
                ],
                d.reflections,
                |r| view! {
                    <tr><th scope="row">{r.module}</th><td>{r.text}</td><td>{readable_time(&r.updated_at)}</td></tr>
                },
            )}
        </section>

        <section aria-labelledby="feedback-gegeven">
            <h2 id="feedback-gegeven">{t!(i18n, privacy.section_feedback)}</h2>
            {listing(
                &[
                    td_string!(locale, privacy.col_about),
                    td_string!(locale, privacy.col_rating),
                    td_string!(locale, privacy.col_comment),
                    td_string!(locale, privacy.col_updated),
                ],
                d.feedback,
                |f| view! {
                    <tr><th scope="row">{f.about}</th><td>{f.rating}</td><td>{f.comment.unwrap_or_default()}</td><td>{readable_time(&f.updated_at)}</td></tr>
                },
            )}
        </section>

        <section aria-labelledby="scans-gedaan">
            <h2 id="scans-gedaan">{t!(i18n, privacy.section_scans)}</h2>
            {listing(
                &[
                    td_string!(locale, privacy.col_about),
                    td_string!(locale, privacy.col_chosen),
                    td_string!(locale, privacy.col_updated),
                ],
                d.scans,
                |s| view! {
                    <tr><th scope="row">{s.about}</th><td>{s.chosen.join("; ")}</td><td>{readable_time(&s.taken_at)}</td></tr>
                },
            )}
        </section>

        <section aria-labelledby="bewijzen">
            <h2 id="bewijzen">{t!(i18n, privacy.section_records)}</h2>
            {listing(
                &[
                    td_string!(locale, privacy.col_course),
                    td_string!(locale, privacy.col_version),
                    td_string!(locale, privacy.col_completed_at),
                    td_string!(locale, privacy.col_department_then),
                    td_string!(locale, privacy.col_score),
                    td_string!(locale, privacy.col_valid_until),
                    td_string!(locale, privacy.col_code),
                ],
                d.records,
                |r| view! {
                    <tr>
                        <th scope="row">{r.course}</th>
                        <td>{r.course_version}</td>
                        <td>{readable_time(&r.completed_at)}</td>
                        <td>{r.department_then.unwrap_or_default()}</td>
                        <td>{percent(r.score_percent)}</td>
                        <td>{when(r.valid_until.as_deref())}</td>
                        <td><a href=format!("/certificaat/{}", r.verification_code)><code>{r.verification_code.clone()}</code></a></td>
                    </tr>
                },
            )}
            <h3>{t!(i18n, privacy.section_assignments)}</h3>
            {listing(
                &[
                    td_string!(locale, privacy.col_course),
                    td_string!(locale, privacy.col_due_on),
                    td_string!(locale, privacy.col_how),
                ],
                d.assignments,
                |x| view! {
                    <tr>
                        <th scope="row">{x.course}</th>
                        <td>{readable_time(&x.due_on)}</td>
                        <td>{if x.personal {
                            td_string!(locale, privacy.assigned_personal)
                        } else {
                            td_string!(locale, privacy.assigned_department)
                        }}</td>
                    </tr>
                },
            )}
        </section>

        <section aria-labelledby="logboek">
            <h2 id="logboek">{t!(i18n, privacy.section_audit)}</h2>
            <p class="hint">{t!(i18n, privacy.audit_hint)}</p>
            {listing(
                &[
                    td_string!(locale, privacy.col_when),
                    td_string!(locale, privacy.col_action),
                    td_string!(locale, privacy.col_subject),
                    td_string!(locale, privacy.col_by),
                ],
                d.audit,
                |e| view! {
                    <tr>
                        <td>{readable_time(&e.at)}</td>
                        <td>{crate::audit::words::action_label(&e.action, locale).to_string()}</td>
                        <td>{e.subject}</td>
                        <td>{if e.by_you {
                            td_string!(locale, privacy.by_you)
                        } else {
                            td_string!(locale, privacy.by_other)
                        }}</td>
                    </tr>
                },
            )}
        </section>
    }
}
