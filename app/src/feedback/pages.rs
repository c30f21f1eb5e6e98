//! The learner's feedback form (at the end of a module, and on a completed
//! course's page) and the trainers' section on their course page.

use super::api::{feedback_for_course, SaveFeedback};
use super::types::{CourseFeedback, MyFeedback, PartFeedback};
use super::words::{month_text, rating_label};
use crate::components::forms::TextArea;
use crate::i18n::{t, td_string, use_i18n, Locale};
use crate::item_stats::types::ItemFilters;
use domain::feedback::{MAX_COMMENT_CHARS, RATINGS};
use leptos::prelude::*;

/// The form: five labelled ratings in a fieldset, an optional comment, and
/// once saved, the saved feedback filled in and a note that it was saved.
/// Sent without JavaScript it is a plain POST that comes back here.
#[component]
pub fn FeedbackForm(
    course_id: String,
    /// Empty for the course as a whole.
    module_id: String,
    mine: Option<MyFeedback>,
    action: ServerAction<SaveFeedback>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = if module_id == super::WHOLE_COURSE {
        td_string!(locale, feedback.title_course)
    } else {
        td_string!(locale, feedback.title_module)
    };
    let chosen = mine.as_ref().map(|m| m.rating);
    let saved = mine.is_some();
    let hint = td_string!(locale, feedback.comment_hint, max = MAX_COMMENT_CHARS).to_string();
    let heading = format!("{}-kop", super::ANCHOR);
    view! {
        <section class="question rating-form" id=super::ANCHOR aria-labelledby=heading>
            <h2 id=format!("{}-kop", super::ANCHOR)>{title}</h2>
            <p class="hint">{t!(i18n, feedback.lead)}</p>
            <ActionForm action=action>
                <input type="hidden" name="course_id" value=course_id/>
                <input type="hidden" name="module_id" value=module_id/>
                <fieldset class="rating">
                    <legend>{t!(i18n, feedback.rating_legend)}</legend>
                    {RATINGS.map(|r| {
                        let id = format!("{}-{r}", super::ANCHOR);
                        view! {
                            <span class="rating-choice">
                                <input type="radio" id=id.clone() name="rating" value=r.to_string() checked=chosen == Some(r) required=true/>
                                <label for=id>{rating_label(locale, r)}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field field-wide">
                    <label for="feedback-opmerking">{t!(i18n, feedback.comment_label)}</label>
                    <p class="hint">{hint}</p>
                    <TextArea
                        id="feedback-opmerking".to_string()
                        name="comment"
                        maxlength=MAX_COMMENT_CHARS as u32
                        text=mine.map(|m| m.comment).unwrap_or_default()
                    />
                </div>
                <p><button type="submit" class="button-secondary">
                    {if saved { td_string!(locale, feedback.change) } else { td_string!(locale, feedback.send) }}
                </button></p>
                {saved.then(|| view! { <p class="hint" role="status">{t!(i18n, feedback.saved)}</p> })}
            </ActionForm>
        </section>
    }
}

/// A mean rating with one decimal (a decimal comma in Dutch).
fn mean_text(locale: Locale, mean: f64) -> String {
    let text = format!("{mean:.1}");
    match locale {
        Locale::nl => text.replace('.', ","),
        Locale::en => text,
    }
}

/// The trainers' section: the course's feedback in the page's filter.
#[component]
pub fn CourseFeedbackSection(course: String, filters: ItemFilters) -> impl IntoView {
    let data = Resource::new(
        move || (course.clone(), filters.clone()),
        |(course, filters)| feedback_for_course(course, filters),
    );
    let i18n = use_i18n();
    view! {
        <section class="course-feedback" aria-labelledby="feedback-deelnemers">
            <h2 id="feedback-deelnemers">{t!(i18n, feedback.section_title)}</h2>
            <p class="hint">{t!(i18n, feedback.section_lead)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <FeedbackTables d/> }.into_any(),
                        Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn part_title(locale: Locale, p: &PartFeedback) -> String {
    if p.module_id == super::WHOLE_COURSE {
        td_string!(locale, feedback.whole_course).to_string()
    } else {
        p.title.clone()
    }
}

#[component]
fn FeedbackTables(d: CourseFeedback) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if d.parts.iter().all(|p| p.people == 0) {
        return view! { <p>{t!(i18n, feedback.none)}</p> }.into_any();
    }
    let rows = d
        .parts
        .iter()
        .map(|p| {
            let title = part_title(locale, p);
            let figures = if p.shown {
                let [one, two, three, four, five] = p.counts;
                let spread =
                    td_string!(locale, feedback.spread, one, two, three, four, five).to_string();
                let mean = p
                    .mean
                    .map(|m| mean_text(locale, m))
                    .unwrap_or_else(|| "–".into());
                view! { <td class="hr-num">{mean}</td><td>{spread}</td> }.into_any()
            } else if p.people == 0 {
                view! { <td class="hr-num">"–"</td><td></td> }.into_any()
            } else {
                view! { <td colspan="2">{t!(i18n, feedback.too_few)}</td> }.into_any()
            };
            view! {
                <tr>
                    <th scope="row">{title}</th>
                    <td class="hr-num">{p.people}</td>
                    {figures}
                </tr>
            }
        })
        .collect_view();
    let details = d
        .parts
        .into_iter()
        .filter(|p| p.shown)
        .map(|p| view! { <PartDetails p/> })
        .collect_view();
    view! {
        <div class="hr-table-wrap">
            <table class="feedback-summary">
                <caption>{t!(i18n, feedback.caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, feedback.col_part)}</th>
                    <th scope="col">{t!(i18n, feedback.col_people)}</th>
                    <th scope="col">{t!(i18n, feedback.col_mean)}</th>
                    <th scope="col">{t!(i18n, feedback.col_spread)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {details}
    }
    .into_any()
}

/// One part's ratings over time and its comments.
#[component]
fn PartDetails(p: PartFeedback) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = part_title(locale, &p);
    let over_time = td_string!(locale, feedback.over_time, part = &title).to_string();
    let said = td_string!(
        locale,
        feedback.comments,
        part = &title,
        count = p.comments.len()
    )
    .to_string();
    let capped = (p.comments.len() >= super::MAX_COMMENTS_SHOWN).then(|| {
        td_string!(locale, feedback.comments_capped, shown = p.comments.len()).to_string()
    });
    view! {
        <details class="feedback-part">
            <summary>{title.clone()}</summary>
            <table class="feedback-periods">
                <caption>{over_time}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, feedback.col_period)}</th>
                    <th scope="col">{t!(i18n, feedback.col_people)}</th>
                    <th scope="col">{t!(i18n, feedback.col_mean)}</th>
                </tr></thead>
                <tbody>
                    {p.periods.into_iter().map(|period| {
                        let when = if period.first == period.last {
                            month_text(locale, &period.first)
                        } else {
                            format!("{} – {}", month_text(locale, &period.first), month_text(locale, &period.last))
                        };
                        view! {
                            <tr>
                                <th scope="row">{when}</th>
                                <td class="hr-num">{period.people}</td>
                                <td class="hr-num">{mean_text(locale, period.mean)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!p.comments.is_empty()).then(|| view! {
                <h3>{said}</h3>
                {capped.map(|c| view! { <p class="hint">{c}</p> })}
                <ul class="feedback-comments">
                    {p.comments.into_iter().map(|c| {
                        let rating = td_string!(locale, feedback.comment_rating, rating = c.rating).to_string();
                        view! { <li><span class="hint">{rating}</span>" "<q>{c.text}</q></li> }
                    }).collect_view()}
                </ul>
            })}
        </details>
    }
}
