//! The home page: the course catalog.

use super::api::list_courses;
use super::types::CourseCard;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let courses = Resource::new(|| (), |_| list_courses());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, catalog.title)/>
        <h1>{t!(i18n, catalog.title)}</h1>
        <p class="lead">{t!(i18n, catalog.lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, catalog.loading)}</p> }>
            {move || Suspend::new(async move {
                match courses.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>{t!(i18n, catalog.empty)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="course-list">
                            {list.into_iter().map(|c| view! { <CourseCardView course=c/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message(crate::i18n::use_i18n().get_locale_untracked())}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseCardView(course: CourseCard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // The course's language, named in the interface language.
    let lang = if course.language == "en" {
        t_string!(i18n, common.lang_en)
    } else {
        t_string!(i18n, common.lang_nl)
    };
    // The scan's link: its purpose is clear from the card it is in (WCAG
    // 2.4.4, in context), and its name leaves the course's title to the
    // card's heading link.
    let scan_link = course.has_scan.then(|| crate::scan::href(&course.id));
    view! {
        <li class="course-card">
            <h2><a href=format!("/cursussen/{}", course.id)>{course.title}</a></h2>
            {course.mandatory.map(|m| view! {
                <p class=if m.overdue { "badge badge-late" } else { "badge" }>
                    {match (m.due.map(crate::language::date_text), m.overdue) {
                        (Some(date), true) => td_string!(locale, catalog.mandatory_late, date).to_string(),
                        (Some(date), false) => td_string!(locale, catalog.mandatory_due, date).to_string(),
                        (None, _) => {
                            let status = crate::language::status_text(locale, m.status).to_lowercase();
                            td_string!(locale, catalog.mandatory_status, status).to_string()
                        }
                    }}
                </p>
            })}
            <p>{course.summary}</p>
            <dl class="meta">
                <div><dt>{t!(i18n, catalog.duration)}</dt><dd>{td_string!(locale, common.minutes, n = course.duration_minutes).to_string()}</dd></div>
                <div><dt>{t!(i18n, catalog.modules)}</dt><dd>{course.modules}</dd></div>
                <div><dt>{t!(i18n, catalog.language)}</dt><dd>{lang}</dd></div>
            </dl>
            {scan_link.map(|href| view! { <p><a href=href>{t!(i18n, scan.link)}</a></p> })}
        </li>
    }
}
