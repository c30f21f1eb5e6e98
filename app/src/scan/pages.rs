//! The scan page (`/scan/:course`), the advice list (also on the
//! dashboard) and HR's figures (`/rapportage/scan`).

use super::api::{scan_figures, scan_page, SaveScan};
use super::types::{
    AdviceLine, CourseScanReport, MyScan, ScanLine, ScanQuestionView, ScanReport, ScanSegment,
    ScanView,
};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ScanPage() -> impl IntoView {
    let params = use_params_map();
    let course_id = move || params.read().get("course").unwrap_or_default();
    let save = ServerAction::<SaveScan>::new();
    let data = crate::hydration::resource(
        move || (course_id(), save.version().get()),
        |(id, _)| scan_page(id),
    );
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <ScanBody v save/> }.into_any(),
                    // The h1 comes with the data: the prompt brings its own.
                    Err(AppError::Unauthorized) => view! { <crate::components::page_states::SignInNeeded/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ScanBody(v: ScanView, save: ServerAction<SaveScan>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = crate::learning::words::content_lang(&v.language, locale);
    let count = v
        .segments
        .iter()
        .filter(|s| matches!(s, ScanSegment::Question(_)))
        .count();
    let error = move || {
        save.value().get().and_then(|r| r.err()).map(|e| {
            view! { <div class="notice-error" role="alert"><p>{e.message(locale)}</p></div> }
        })
    };
    let taken = v.mine.is_some();
    let course_href = format!("/cursussen/{}", v.course_id);
    view! {
        <Title text=v.title.clone()/>
        <article>
            <p class="hint"><a href=course_href lang=lang.clone()>{v.course_title.clone()}</a></p>
            <h1 lang=lang.clone()>{v.title.clone()}</h1>
            {v.mine.map(|mine| view! {
                <section id=super::ANCHOR class="notice scan-advice" aria-labelledby="advies-kop" tabindex="-1">
                    <h2 id="advies-kop">{t!(i18n, scan.advice_heading)}</h2>
                    <AdviceList mine lang=lang.clone()/>
                </section>
            })}
            {error}
            <ActionForm action=save>
                <input type="hidden" name="course_id" value=v.course_id.clone()/>
                {v.segments.into_iter().map(|s| match s {
                    ScanSegment::Html(html) => view! { <div class="prose" lang=lang.clone() inner_html=html></div> }.into_any(),
                    ScanSegment::Question(q) => view! { <ScanQuestion q count lang=lang.clone()/> }.into_any(),
                }).collect_view()}
                <p><button type="submit">
                    {if taken { td_string!(locale, scan.send_again) } else { td_string!(locale, scan.send) }}
                </button></p>
            </ActionForm>
        </article>
    }
}

#[component]
fn ScanQuestion(q: ScanQuestionView, count: usize, lang: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let anchor = format!("scan-{}", q.id);
    let hint = if q.multiple {
        td_string!(locale, scan.hint_multiple)
    } else {
        td_string!(locale, scan.hint_single)
    };
    let options = q
        .options
        .iter()
        .enumerate()
        .map(|(i, html)| {
            let id = format!("{anchor}-o{i}");
            let (kind, name) = if q.multiple {
                (
                    "checkbox",
                    format!("f[{}]", domain::scan::field_multiple(&q.id, i)),
                )
            } else {
                ("radio", format!("f[{}]", domain::scan::field_single(&q.id)))
            };
            view! {
                <div class="option">
                    <input type=kind id=id.clone() name=name value=i.to_string()
                        checked=q.chosen.contains(&i) required=!q.multiple/>
                    <label for=id inner_html=html.clone()></label>
                </div>
            }
        })
        .collect_view();
    let number = td_string!(locale, scan.number, n = q.number, count).to_string();
    view! {
        <fieldset class="question" aria-describedby=format!("{anchor}-hint") lang=lang>
            <legend>
                <span class="visually-hidden">{format!("{number}: ")}</span>
                <span class="prompt" inner_html=q.prompt_html.clone()></span>
            </legend>
            <p class="hint" id=format!("{anchor}-hint")>{hint}</p>
            {options}
        </fieldset>
    }
}

/// Where to start, and why; what is done already says so.
#[component]
pub fn AdviceList(mine: MyScan, lang: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let taken = td_string!(
        locale,
        scan.taken_on,
        date = crate::language::date_text(mine.taken_on)
    )
    .to_string();
    let outdated = mine
        .outdated
        .then(|| view! { <p><strong>{t!(i18n, scan.outdated)}</strong></p> });
    let list = if mine.advice.is_empty() {
        view! { <p>{t!(i18n, scan.no_advice)}</p> }.into_any()
    } else {
        view! {
            <p>{t!(i18n, scan.advice_lead)}</p>
            <ol class="advice-list">
                {mine.advice.into_iter().map(|a| view! { <AdviceItem a lang=lang.clone()/> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <p class="hint">{taken}</p>
        {outdated}
        {list}
    }
}

#[component]
fn AdviceItem(a: AdviceLine, lang: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let kind = if a.is_course {
        Some(td_string!(locale, scan.course_suffix))
    } else {
        None
    };
    view! {
        <li>
            <a href=a.href lang=lang.clone()>{a.title}</a>
            {kind.map(|k| format!(" {k}"))}
            {a.done.then(|| view! { " "<span class="badge badge-done">{t!(i18n, scan.done)}</span> })}
            {a.reasons.into_iter().map(|r| view! { <div class="hint" lang=lang.clone() inner_html=r></div> }).collect_view()}
        </li>
    }
}

/// The dashboard's section: each scan, with its advice or an invitation.
#[component]
pub fn DashboardScans(lines: Vec<ScanLine>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    (!lines.is_empty()).then(|| view! {
        <section aria-labelledby="waar-sta-je">
            <h2 id="waar-sta-je">{t!(i18n, scan.dashboard_heading)}</h2>
            {lines.into_iter().map(|l| {
                let href = super::href(&l.course_id);
                let heading = format!("{} – {}", l.title, l.course_title);
                match l.mine {
                    Some(mine) => view! {
                        <div class="course-card">
                            <h3><a href=href.clone()>{heading}</a></h3>
                            <AdviceList mine lang=None/>
                            <p><a href=href>{t!(i18n, scan.take_again)}</a></p>
                        </div>
                    }.into_any(),
                    None => view! {
                        <div class="course-card">
                            <h3>{heading}</h3>
                            <p>{t!(i18n, scan.invite)}</p>
                            <p><a class="button" href=href>
                                {t!(i18n, scan.take)}
                                <span class="visually-hidden">{format!(" {}", td_string!(locale, scan.for_course, title = l.course_title))}</span>
                            </a></p>
                        </div>
                    }.into_any(),
                }
            }).collect_view()}
        </section>
    })
}

/// HR's page: how people answered each scan, per department.
#[component]
pub fn ScanReportPage() -> impl IntoView {
    let data = crate::hydration::resource(|| (), |_| scan_figures());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, scan.report_title)/>
        <h1>{t!(i18n, scan.report_title)}</h1>
        <crate::reports::pages::ReportNav current="/rapportage/scan"/>
        <p class="lead">{t!(i18n, scan.report_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <ReportBody r/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportBody(r: ScanReport) -> impl IntoView {
    let i18n = use_i18n();
    if r.scans.is_empty() {
        return view! { <p>{t!(i18n, scan.report_none)}</p> }.into_any();
    }
    r.scans
        .into_iter()
        .map(|s| view! { <CourseReport s/> })
        .collect_view()
        .into_any()
}

#[component]
fn CourseReport(s: CourseScanReport) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading_id = format!("scan-{}", s.course_id);
    let labelled_by = heading_id.clone();
    let people = td_string!(locale, scan.report_people, n = s.people).to_string();
    let small = (s.small_departments > 0).then(|| {
        td_string!(
            locale,
            scan.report_small,
            n = s.small_departments,
            min = super::MIN_GROUP
        )
        .to_string()
    });
    let body = if s.people < super::MIN_GROUP {
        view! { <p>{td_string!(locale, scan.report_too_few, min = super::MIN_GROUP).to_string()}</p> }
            .into_any()
    } else {
        s.questions
            .into_iter()
            .map(|q| {
                view! {
                    <table>
                        <caption><div inner_html=q.prompt_html.clone()></div></caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, scan.report_department)}</th>
                            <th scope="col" class="hr-num">{t!(i18n, scan.report_people_col)}</th>
                            {q.options.iter().map(|o| view! { <th scope="col" class="hr-num" inner_html=o.clone()></th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {q.rows.into_iter().map(|row| {
                                let name = if row.department.is_empty() {
                                    td_string!(locale, scan.report_everyone).to_string()
                                } else {
                                    row.department
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td class="hr-num">{row.people}</td>
                                        {row.counts.into_iter().map(|c| view! { <td class="hr-num">{c}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{} – {}", s.title, s.course_title)}</h2>
            <p>{people}</p>
            {small.map(|t| view! { <p class="hint">{t}</p> })}
            {body}
        </section>
    }
}
