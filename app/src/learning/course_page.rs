//! The course page: introduction, modules with their status, progress and
//! the button that continues where the learner left off.

use super::api::{course_page, RenewCourse};
use super::types::{CourseView, ModuleStatus, Renewal};
use super::words::{content_lang, module_status};
use crate::feedback::{api::SaveFeedback, pages::FeedbackForm};
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let course_id = move || params.read().get("course").unwrap_or_default();
    let renew = ServerAction::<RenewCourse>::new();
    let feedback = ServerAction::<SaveFeedback>::new();
    let course = crate::hydration::resource(
        move || {
            (
                course_id(),
                renew.version().get() + feedback.version().get(),
            )
        },
        |(id, _)| course_page(id),
    );
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(c) => view! { <CourseBody c renew feedback/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseBody(
    c: CourseView,
    renew: ServerAction<RenewCourse>,
    feedback: ServerAction<SaveFeedback>,
) -> impl IntoView {
    let course_id = c.id.clone();
    let course_id_for_feedback = c.id.clone();
    let query = use_query_map();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // Feedback that was not saved says why, above the form.
    let feedback_error = move || {
        feedback.value().get().and_then(|r| r.err()).map(|e| {
            view! { <div class="notice-error" role="alert"><p>{e.message(locale)}</p></div> }
        })
    };
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
            {c.has_scan.then(|| view! {
                <p><a href=crate::scan::href(&c.id)>{t!(i18n, scan.link)}</a></p>
            })}
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
                            " "<span class=badge>{module_status(m.status, locale)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </article>
        {feedback_error}
        {c.feedback.map(|mine| view! {
            <FeedbackForm course_id=course_id_for_feedback module_id=crate::feedback::WHOLE_COURSE.to_string() mine action=feedback/>
        })}
    }
}

/// The validity of the learner's record and, once the warning period has
/// begun, the button that starts the course over.
#[component]
fn RenewalNotice(r: Renewal, course_id: String, renew: ServerAction<RenewCourse>) -> impl IntoView {
    use crate::components::forms::{error_of, FormError};
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let date = crate::language::date_text(r.expires_on);
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
            let date = crate::language::date_text(r.opens_on);
            view! { <p>{td_string!(locale, course.renew_from, date).to_string()}</p> }.into_any()
        }}
    }
}
