//! An exam attempt's result: the score, every question with the learner's
//! answer, its feedback and explanation, and what next.

use super::api::attempt_result;
use super::question_view::AnswerFeedback;
use super::types::AttemptResultView;
use crate::error::AppError;
use crate::hydration;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AttemptResultPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("course").unwrap_or_default(),
            p.get("module").unwrap_or_default(),
            p.get("number")
                .and_then(|n| n.parse::<i32>().ok())
                .unwrap_or(0),
        )
    };
    let result = hydration::resource(key, |(c, m, n)| attempt_result(c, m, n));
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(r) => view! { <AttemptResult r/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::components::page_states::SignInNeeded/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AttemptResult(r: AttemptResultView) -> impl IntoView {
    let wrong = r
        .questions
        .iter()
        .filter(|q| !q.previous.as_ref().is_some_and(|p| p.correct))
        .count();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading = td_string!(locale, module.result.title, n = r.number).to_string();
    view! {
        <Title text=format!("{heading} – {}", r.module_title)/>
        <nav aria-label=move || t_string!(i18n, module.breadcrumb) class="breadcrumb">
            <a href=format!("/cursussen/{}", r.course_id)>{r.course_title.clone()}</a>
            " › "
            <a href=format!("/cursussen/{}/{}", r.course_id, r.module_id)>{r.module_title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <div class=if r.passed { "feedback feedback-correct" } else { "feedback feedback-wrong" } role="status">
            <p class="feedback-title">
                {if r.passed {
                    td_string!(locale, module.result.passed)
                } else {
                    td_string!(locale, module.result.failed)
                }}
                {format!(
                    " {}",
                    td_string!(locale, module.result.score, score = format!("{:.0}", r.score), pass_score = r.pass_score)
                )}
            </p>
            {(!r.passed).then(|| view! {
                <p>{if r.attempts_left > 0 {
                    td_string!(locale, module.result.attempts_left, n = r.attempts_left).to_string()
                } else {
                    td_string!(locale, module.result.no_attempts_left).to_string()
                }}</p>
            })}
            {r.record_code.clone().filter(|_| r.passed).map(|code| view! {
                <p><a href=format!("/certificaat/{code}")>{t!(i18n, module.view_record)}</a></p>
            })}
        </div>
        <h2>
            {td_string!(
                locale,
                module.result.answers,
                correct = r.questions.len() - wrong,
                total = r.questions.len()
            )
            .to_string()}
        </h2>
        {r.questions.into_iter().map(|q| {
            let prev = q.previous.clone().unwrap_or_default();
            let number = td_string!(locale, module.question.number, n = q.number).to_string();
            let region = number.clone();
            view! {
                <section class="question" id=q.anchor() aria-label=region>
                    <h3>{number}</h3>
                    <div inner_html=q.prompt_html.clone()></div>
                    <AnswerFeedback answer=prev/>
                </section>
            }
        }).collect_view()}
        <p><a class="button" href=format!("/cursussen/{}/{}", r.course_id, r.module_id)>{t!(i18n, module.result.back)}</a></p>
    }
}
