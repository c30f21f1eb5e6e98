//! The item-statistics pages: the courses, a course's questions with their
//! figures, and a module file by line (where a question's link leads).

use super::api::{item_stats_course, item_stats_courses, item_stats_source};
use super::types::{
    CourseList, CourseStats, FlagCode, ItemFilters, ModuleStats, QuestionStats, SourceFile,
};
use crate::auth::SignInPrompt;
use crate::components::page_states::{report_page, SignInNeeded};
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::reports::pages::{DepartmentFilter, PeriodFilter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A share (0 to 1) in whole percents.
fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// A correlation with two decimals, a decimal comma in Dutch.
fn decimal(locale: Locale, r: f64) -> String {
    let text = format!("{r:.2}");
    match locale {
        Locale::nl => text.replace('.', ","),
        Locale::en => text,
    }
}

fn flag_text(locale: Locale, flag: FlagCode) -> &'static str {
    match flag {
        FlagCode::TooEasy => td_string!(locale, item_stats.flag_too_easy),
        FlagCode::TooHard => td_string!(locale, item_stats.flag_too_hard),
        FlagCode::NegativeDiscrimination => td_string!(locale, item_stats.flag_negative),
    }
}

fn kind_text(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "single" => td_string!(locale, item_stats.kind_single),
        "multiple" => td_string!(locale, item_stats.kind_multiple),
        "order" => td_string!(locale, item_stats.kind_order),
        "text" => td_string!(locale, item_stats.kind_text),
        "match" => td_string!(locale, item_stats.kind_match),
        _ => td_string!(locale, item_stats.kind_numeric),
    }
}

/// `/trainer`: the courses.
#[component]
pub fn ItemStatsIndexPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| item_stats_courses());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, item_stats.title)/>
        <h1>{t!(i18n, item_stats.title)}</h1>
        <p class="lead">{t!(i18n, item_stats.lead)}</p>
        {report_page!(i18n, data, move |d: CourseList| view! {
            <ul class="link-list">
                {d.courses.into_iter().map(|c| view! {
                    <li><a href=super::course_path(&c.id)>{c.title}</a></li>
                }).collect_view()}
            </ul>
        }, SignInPrompt)}
    }
}

/// `/trainer/:course`: the course's questions with their figures.
#[component]
pub fn ItemStatsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|q| ItemFilters::from_query(|k| q.get(k))));
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("course").unwrap_or_default()),
                filters.get(),
            )
        },
        |(course, f)| item_stats_course(course, f),
    );
    let i18n = use_i18n();
    view! {
        {report_page!(i18n, data, move |d: CourseStats| view! { <CourseBody d/> }, SignInNeeded)}
    }
}

#[component]
fn CourseBody(d: CourseStats) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = td_string!(locale, item_stats.course_title, course = &d.course.title).to_string();
    let course_id = d.course.id.clone();
    let version = td_string!(locale, item_stats.version_now, version = &d.version).to_string();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href=super::PATH>{t!(i18n, item_stats.all_courses)}</a></p>
        <p class="lead">{t!(i18n, item_stats.course_lead)}</p>
        <Filters course=course_id.clone() filters=d.filters.clone() departments=d.departments.clone()/>
        <p class="hint">{version}</p>
        <details class="explain">
            <summary>{t!(i18n, item_stats.explain_summary)}</summary>
            <dl>
                <dt>{t!(i18n, item_stats.col_facility)}</dt><dd>{t!(i18n, item_stats.explain_facility)}</dd>
                <dt>{t!(i18n, item_stats.col_discrimination)}</dt><dd>{t!(i18n, item_stats.explain_discrimination)}</dd>
                <dt>{t!(i18n, item_stats.col_flags)}</dt><dd>{t!(i18n, item_stats.explain_flags)}</dd>
                <dt>{t!(i18n, item_stats.too_few)}</dt><dd>{t!(i18n, item_stats.explain_too_few)}</dd>
            </dl>
        </details>
        <crate::feedback::pages::CourseFeedbackSection course=course_id.clone() filters=d.filters.clone()/>
        <h2 class="section-title">{t!(i18n, item_stats.questions_title)}</h2>
        {if d.modules.is_empty() {
            view! { <p>{t!(i18n, item_stats.no_questions)}</p> }.into_any()
        } else {
            d.modules.into_iter().map(|m| view! { <ModuleTable course=course_id.clone() m/> }).collect_view().into_any()
        }}
    }
}

#[component]
fn Filters(
    course: String,
    filters: ItemFilters,
    departments: Vec<crate::reports::types::DeptRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = filters.all_versions();
    let dept = filters.afdeling;
    view! {
        <form method="get" action=super::course_path(&course) class="filters">
            <div class="field">
                <label for="f-versie">{t!(i18n, item_stats.version)}</label>
                <select id="f-versie" name="versie">
                    <option value="" selected=!all>{t!(i18n, item_stats.version_current)}</option>
                    <option value=super::types::ALL_VERSIONS selected=all>{t!(i18n, item_stats.version_all)}</option>
                </select>
            </div>
            <DepartmentFilter departments selected=dept/>
            <PeriodFilter van=filters.van.clone() tot=filters.tot.clone()/>
            <button type="submit">{t!(i18n, reports.show)}</button>
        </form>
    }
}

#[component]
fn ModuleTable(course: String, m: ModuleStats) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let kind = if m.exam {
        td_string!(locale, item_stats.exam)
    } else {
        td_string!(locale, item_stats.lesson)
    };
    let answers_head = if m.exam {
        td_string!(locale, item_stats.col_answers_exam)
    } else {
        td_string!(locale, item_stats.col_answers_lesson)
    };
    let caption = td_string!(locale, item_stats.caption, module = &m.title).to_string();
    let exam = m.exam;
    let file = m.file.clone();
    let module_id = m.id.clone();
    view! {
        <section class="item-module" aria-labelledby=format!("m-{}", m.id)>
            <h2 id=format!("m-{}", m.id)>{m.title.clone()}" "<span class="hint">"("{kind}", "{m.file.clone()}")"</span></h2>
            <div class="hr-table-wrap">
            <table class="item-stats">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, item_stats.col_question)}</th>
                    <th scope="col">{t!(i18n, item_stats.col_kind)}</th>
                    <th scope="col">{answers_head}</th>
                    <th scope="col">{t!(i18n, item_stats.col_facility)}</th>
                    <th scope="col">{t!(i18n, item_stats.col_discrimination)}</th>
                    <th scope="col">{t!(i18n, item_stats.col_flags)}</th>
                </tr></thead>
                <tbody>
                    {m.questions.iter().map(|q| {
                        let source = super::source_path(&course, &file, q.line);
                        let line = td_string!(locale, item_stats.line, file = &file, line = q.line).to_string();
                        let people = td_string!(locale, item_stats.answers_people, answers = q.answers, people = q.people).to_string();
                        let flags = q.flags.iter().map(|&f| view! { <li class="flag">{flag_text(locale, f)}</li> }).collect_view();
                        let facility = if q.shown { q.facility.map(percent).unwrap_or_else(|| "–".into()) } else { String::new() };
                        let discrimination = if !q.shown {
                            String::new()
                        } else if exam {
                            q.discrimination.map(|r| decimal(locale, r)).unwrap_or_else(|| "–".into())
                        } else {
                            td_string!(locale, item_stats.not_for_lessons).to_string()
                        };
                        let details = format!("v-{}-{}", module_id, q.id);
                        let has_details = !q.options.is_empty() || !q.wrong.is_empty();
                        view! {
                            <tr class:flagged=!q.flags.is_empty()>
                                <th scope="row">
                                    <div class="item-prompt" inner_html=q.prompt_html.clone()></div>
                                    <a class="hint" href=source>{line}</a>
                                    {has_details.then(|| view! { " · " <a class="hint" href=format!("#{details}")>{t!(i18n, item_stats.to_details)}</a> })}
                                </th>
                                <td>{kind_text(locale, &q.kind)}</td>
                                <td class="hr-num">{people}</td>
                                {if q.shown {
                                    view! {
                                        <td class="hr-num">{facility}</td>
                                        <td class="hr-num">{discrimination}</td>
                                        <td><ul class="flags">{flags}</ul></td>
                                    }.into_any()
                                } else {
                                    view! { <td colspan="3">{t!(i18n, item_stats.too_few)}</td> }.into_any()
                                }}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {m.questions.into_iter().filter(|q| !q.options.is_empty() || !q.wrong.is_empty()).map(|q| view! {
                <QuestionDetails module_id=module_id.clone() q/>
            }).collect_view()}
        </section>
    }
}

#[component]
fn QuestionDetails(module_id: String, q: QuestionStats) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = format!("v-{}-{}", module_id, q.id);
    let heading = td_string!(locale, item_stats.details_of, question = &q.id).to_string();
    let options = (!q.options.is_empty()).then(|| {
        let caption = td_string!(locale, item_stats.options_caption, question = &q.id).to_string();
        view! {
            <table class="item-options">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, item_stats.col_option)}</th>
                    <th scope="col">{t!(i18n, item_stats.col_key)}</th>
                    <th scope="col">{t!(i18n, item_stats.col_chosen)}</th>
                </tr></thead>
                <tbody>
                    {q.options.into_iter().map(|o| {
                        let key = if o.correct { td_string!(locale, item_stats.right) } else { td_string!(locale, item_stats.wrong) };
                        let chosen = format!("{} ({})", percent(o.share), o.chosen);
                        view! {
                            <tr>
                                <th scope="row" inner_html=o.html></th>
                                <td>{key}</td>
                                <td class="hr-num">{chosen}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    let wrong = (!q.wrong.is_empty()).then(|| {
        view! {
            <h4>{t!(i18n, item_stats.frequent_wrong)}</h4>
            <ol class="wrong-answers">
                {q.wrong.into_iter().map(|w| {
                    let times = td_string!(locale, item_stats.times, count = w.count).to_string();
                    view! { <li><q>{w.text}</q>" "<span class="hint">{times}</span></li> }
                }).collect_view()}
            </ol>
        }
    });
    view! {
        <div class="item-details" id=id>
            <h3>{heading}</h3>
            {options}
            {wrong}
        </div>
    }
}

/// `/trainer/:course/bron/:file`: a module file with numbered lines; each
/// line is a target (`#r42`), so a question's link lands on it.
#[component]
pub fn SourcePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("course").unwrap_or_default(),
                    p.get("file").unwrap_or_default(),
                )
            })
        },
        |(course, file)| item_stats_source(course, file),
    );
    let i18n = use_i18n();
    view! {
        {report_page!(i18n, data, move |d: SourceFile| view! { <SourceBody d/> }, SignInNeeded)}
    }
}

#[component]
fn SourceBody(d: SourceFile) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = td_string!(
        locale,
        item_stats.source_title,
        file = &d.file,
        course = &d.course.title
    )
    .to_string();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href=super::course_path(&d.course.id)>{t!(i18n, item_stats.back_to_course)}</a></p>
        <ol class="source-lines">
            {d.lines.into_iter().enumerate().map(|(i, line)| view! {
                <li id=format!("r{}", i + 1)><code>{line}</code></li>
            }).collect_view()}
        </ol>
    }
}
