//! A question as the browser sees it: prompt and options only. The answer
//! key stays on the server; feedback and the explanation are only part of
//! the view once the learner has answered (`previous`).
//!
//! Inputs are named `f[<question id>.<part>]` (see
//! `ssr::learning::response_from_fields`), so the same fields work in a
//! lesson's one-question form and in an exam's all-questions form. Options
//! are named by opaque tokens (`domain::option_tokens`), never by their
//! authored position, and element ids count the options as shown: nothing in
//! the markup tells which option is right or which items belong together.

use crate::hydration::Markup;
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Single,
    Multiple,
    Order,
    Match,
    Text,
    Numeric,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionView {
    /// The option's opaque name: what the form sends back.
    pub token: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    /// 1-based number on the page.
    pub number: usize,
    pub prompt_html: String,
    pub kind: QuestionKind,
    /// Choices, order items or match left sides, in display order.
    pub options: Vec<OptionView>,
    /// Match right sides in display order; plain text, shown as
    /// `<option>` labels.
    pub rights: Vec<OptionView>,
    pub points: u32,
    pub previous: Option<PreviousAnswer>,
}

/// The learner's last answer and what the server said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PreviousAnswer {
    pub correct: bool,
    pub fraction: f64,
    /// Tokens of the chosen options.
    pub chosen: Vec<String>,
    /// For order questions: the position (1-based) given to each item token.
    pub positions: Vec<(String, usize)>,
    /// For match questions: (left token, chosen right token).
    pub matches: Vec<(String, String)>,
    pub text: String,
    pub feedback: Vec<String>,
    pub explanation_html: Option<String>,
}

/// The prompt, the option labels (not the match right sides: plain text),
/// the feedback and the explanation are markup.
impl Markup for QuestionView {
    fn clear_markup(&mut self) {
        self.prompt_html.clear_markup();
        for o in &mut self.options {
            o.html.clear_markup();
        }
        if let Some(p) = &mut self.previous {
            p.feedback.clear_markup();
            p.explanation_html.clear_markup();
        }
    }
}

impl QuestionView {
    pub fn anchor(&self) -> String {
        format!("vraag-{}", self.id)
    }
    fn field(&self, part: &str) -> String {
        format!("f[{}.{}]", self.id, part)
    }
}

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

#[cfg(feature = "ssr")]
pub mod build {
    //! Building question views from the domain model (server only).

    use super::*;
    use domain::completion;
    use domain::grading::{self, Response};
    use domain::model::{Answer, Question};
    use domain::option_tokens::{Namer, Part};

    /// A learner-specific but stable display order for lesson questions,
    /// from the platform's secret key: nobody can compute it from the
    /// learner's id and undo the shuffle of an order question.
    pub fn lesson_order(names: &Namer, q: &Question) -> Vec<usize> {
        let n = crate::ssr::learning::option_count(q);
        let shuffle = matches!(q.answer, Answer::Order { .. } | Answer::Match { .. });
        completion::option_order(n, names.order_seed(&q.id), shuffle)
    }

    /// `order`: display order of the options/items/right sides; `names`:
    /// the tokens the options carry on the page.
    pub fn question_view(
        q: &Question,
        number: usize,
        order: &[usize],
        previous: Option<(&str, bool)>,
        names: &Namer,
    ) -> QuestionView {
        let ordered = |labels: Vec<String>, part: Part| -> Vec<OptionView> {
            let idx: Vec<usize> = if order.len() == labels.len() {
                order.to_vec()
            } else {
                (0..labels.len()).collect()
            };
            idx.into_iter()
                .filter_map(|i| {
                    labels.get(i).map(|html| OptionView {
                        token: names.token(&q.id, part, i),
                        html: html.clone(),
                    })
                })
                .collect()
        };
        let (kind, options, rights) = match &q.answer {
            Answer::Single { options } => (
                QuestionKind::Single,
                ordered(
                    options.iter().map(|o| o.html.clone()).collect(),
                    Part::Choice,
                ),
                vec![],
            ),
            Answer::Multiple { options, .. } => (
                QuestionKind::Multiple,
                ordered(
                    options.iter().map(|o| o.html.clone()).collect(),
                    Part::Choice,
                ),
                vec![],
            ),
            Answer::Order { items } => (
                QuestionKind::Order,
                ordered(items.clone(), Part::OrderItem),
                vec![],
            ),
            Answer::Match { pairs } => (
                QuestionKind::Match,
                pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| OptionView {
                        token: names.token(&q.id, Part::MatchLeft, i),
                        html: p.left_html.clone(),
                    })
                    .collect(),
                ordered(
                    pairs.iter().map(|p| p.right.clone()).collect(),
                    Part::MatchRight,
                ),
            ),
            Answer::Text { .. } => (QuestionKind::Text, vec![], vec![]),
            Answer::Numeric { .. } => (QuestionKind::Numeric, vec![], vec![]),
        };
        QuestionView {
            id: q.id.clone(),
            number,
            prompt_html: q.prompt_html.clone(),
            kind,
            options,
            rights,
            points: q.points,
            previous: previous.and_then(|(json, explain)| previous_answer(q, json, explain, names)),
        }
    }

    /// Re-grade a stored response against the question to show its feedback.
    pub fn previous_answer(
        q: &Question,
        response_json: &str,
        with_explanation: bool,
        names: &Namer,
    ) -> Option<PreviousAnswer> {
        let response: Response = serde_json::from_str(response_json).ok()?;
        let grade = grading::grade(q, &response).ok();
        let mut prev = PreviousAnswer {
            correct: grade.as_ref().is_some_and(|g| g.correct),
            fraction: grade.as_ref().map_or(0.0, |g| g.fraction),
            feedback: grade.map(|g| g.feedback).unwrap_or_default(),
            explanation_html: if with_explanation {
                q.explanation_html.clone()
            } else {
                None
            },
            ..Default::default()
        };
        match response {
            Response::Choice(c) => {
                prev.chosen = c
                    .into_iter()
                    .map(|i| names.token(&q.id, Part::Choice, i))
                    .collect()
            }
            Response::Order(items) => {
                prev.positions = items
                    .iter()
                    .enumerate()
                    .map(|(pos, i)| (names.token(&q.id, Part::OrderItem, *i), pos + 1))
                    .collect()
            }
            Response::Match(m) => {
                prev.matches = m
                    .iter()
                    .enumerate()
                    .filter_map(|(l, r)| {
                        r.map(|r| {
                            (
                                names.token(&q.id, Part::MatchLeft, l),
                                names.token(&q.id, Part::MatchRight, r),
                            )
                        })
                    })
                    .collect()
            }
            Response::Text(t) | Response::Numeric(t) => prev.text = t,
        }
        Some(prev)
    }
}
