//! A question as the browser sees it: prompt and options only. The answer
//! key stays on the server; feedback and the explanation are only part of
//! the view once the learner has answered (`previous`).
//!
//! Inputs are named `f[<question id>.<part>]` (see
//! `learning::queries::response_from_fields`), so the same fields work in a
//! lesson's one-question form and in an exam's all-questions form. Options
//! are named by opaque tokens (`domain::option_tokens`), never by their
//! authored position, and element ids count the options as shown: nothing in
//! the markup tells which option is right or which items belong together.

use super::types::{PreviousAnswer, QuestionKind, QuestionView};
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;

/// The form controls of one question, inside a `fieldset` whose `legend` is
/// the question's prompt (WCAG 1.3.1: the group and its label belong together).
#[component]
pub fn QuestionFields(q: QuestionView, #[prop(optional)] show_result: bool) -> impl IntoView {
    let prev = q.previous.clone().unwrap_or_default();
    let legend_id = format!("{}-legend", q.anchor());
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let ui = crate::language::ui_lang();
    let hint = match q.kind {
        QuestionKind::Single => td_string!(locale, module.question.hint_single),
        QuestionKind::Multiple => td_string!(locale, module.question.hint_multiple),
        QuestionKind::Order => td_string!(locale, module.question.hint_order),
        QuestionKind::Match => td_string!(locale, module.question.hint_match),
        QuestionKind::Text => td_string!(locale, module.question.hint_text),
        QuestionKind::Numeric => td_string!(locale, module.question.hint_numeric),
    };
    let controls = match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let multiple = q.kind == QuestionKind::Multiple;
            q.options
                .iter()
                .enumerate()
                .map(|(shown, o)| {
                    let id = format!("{}-o{}", q.anchor(), shown + 1);
                    let name = if multiple { q.field(&format!("c{}", o.token)) } else { q.field("c") };
                    let checked = prev.chosen.contains(&o.token);
                    view! {
                        <div class="option">
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                id=id.clone()
                                name=name
                                value=o.token.clone()
                                checked=checked
                                required=!multiple
                            />
                            <label for=id inner_html=o.html.clone()></label>
                        </div>
                    }
                    .into_any()
                })
                .collect_view()
                .into_any()
        }
        QuestionKind::Order => {
            let n = q.options.len();
            q.options
                .iter()
                .enumerate()
                .map(|(shown, o)| {
                    let id = format!("{}-o{}", q.anchor(), shown + 1);
                    let current = prev.positions.iter().find(|(t, _)| *t == o.token).map(|(_, p)| *p);
                    view! {
                        <div class="option option-order">
                            <select id=id.clone() name=q.field(&format!("o{}", o.token)) required=true>
                                <option value="">"–"</option>
                                {(1..=n).map(|p| view! {
                                    <option value=p.to_string() selected=current == Some(p)>{p}</option>
                                }).collect_view()}
                            </select>
                            <label for=id inner_html=o.html.clone()></label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        QuestionKind::Match => q
            .options
            .iter()
            .enumerate()
            .map(|(shown, o)| {
                let id = format!("{}-m{}", q.anchor(), shown + 1);
                let current = prev.matches.iter().find(|(l, _)| *l == o.token).map(|(_, r)| r.clone());
                view! {
                    <div class="option option-match">
                        <label for=id.clone() inner_html=o.html.clone()></label>
                        <select id=id name=q.field(&format!("m{}", o.token)) required=true>
                            <option value="" lang=ui>{t!(i18n, module.question.choose)}</option>
                            {q.rights.iter().map(|r| view! {
                                <option value=r.token.clone() selected=current.as_deref() == Some(r.token.as_str())>{r.html.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        QuestionKind::Text | QuestionKind::Numeric => {
            let id = format!("{}-t", q.anchor());
            let numeric = q.kind == QuestionKind::Numeric;
            view! {
                <div class="field">
                    <label for=id.clone() lang=ui>{t!(i18n, module.question.your_answer)}</label>
                    <input
                        type="text"
                        id=id
                        name=q.field("t")
                        value=prev.text.clone()
                        inputmode=if numeric { "decimal" } else { "text" }
                        autocomplete="off"
                        required=true
                    />
                </div>
            }
            .into_any()
        }
    };
    let result = (show_result && q.previous.is_some())
        .then(|| view! { <AnswerFeedback answer=prev.clone()/> });
    view! {
        <fieldset aria-describedby=format!("{}-hint", q.anchor())>
            <legend id=legend_id>
                <span class="visually-hidden" lang=ui>{format!("{}: ", td_string!(locale, module.question.number, n = q.number))}</span>
                <span class="prompt" inner_html=q.prompt_html.clone()></span>
            </legend>
            <p class="hint" id=format!("{}-hint", q.anchor()) lang=ui>{hint}</p>
            {controls}
        </fieldset>
        {result}
    }
}

/// "Goed" or "Nog niet goed", the feedback on what was chosen, and the explanation.
#[component]
pub fn AnswerFeedback(answer: PreviousAnswer) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let (class, title) = if answer.correct {
        (
            "feedback feedback-correct",
            td_string!(locale, module.question.correct).to_string(),
        )
    } else if answer.fraction > 0.0 {
        let percent = format!("{:.0}", answer.fraction * 100.0);
        (
            "feedback feedback-wrong",
            td_string!(locale, module.question.partly_correct, percent).to_string(),
        )
    } else {
        (
            "feedback feedback-wrong",
            td_string!(locale, module.question.not_correct).to_string(),
        )
    };
    view! {
        <div class=class role="status">
            <p class="feedback-title" lang=crate::language::ui_lang()>{title}</p>
            {answer.feedback.into_iter().map(|f| view! { <div class="feedback-text" inner_html=f></div> }).collect_view()}
            {answer.explanation_html.map(|e| view! { <div class="explanation" inner_html=e></div> })}
        </div>
    }
}
