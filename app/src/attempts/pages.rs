//! The extra-attempts page.

use super::api::{stuck_overview, GrantExtraAttempt};
use super::types::StuckRow;
use crate::components::done_notice::DoneNotice;
use crate::components::forms::{error_of, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;

/// The notice after an extra attempt was granted.
fn granted(locale: Locale, key: &str) -> Option<&'static str> {
    (key == "gegeven").then(|| td_string!(locale, attempts.granted))
}

#[component]
pub fn AttemptsPage() -> impl IntoView {
    let grant = ServerAction::<GrantExtraAttempt>::new();
    let data = Resource::new(move || grant.version().get(), |_| stuck_overview());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, attempts.title)/>
        <h1>{t!(i18n, attempts.title)}</h1>
        <p class="lead">{t!(i18n, attempts.lead)}</p>
        <DoneNotice text=granted/>
        <FormError message=error_of(move || grant.value().get()) id="poging-fout"/>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) if rows.is_empty() => view! {
                        <p>{t!(i18n, attempts.none)}</p>
                    }.into_any(),
                    Ok(rows) => view! { <StuckTable rows grant/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StuckTable(rows: Vec<StuckRow>, grant: ServerAction<GrantExtraAttempt>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="hr-table-wrap">
        <table>
            <caption class="visually-hidden">{t!(i18n, attempts.caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, attempts.employee)}</th>
                <th scope="col">{t!(i18n, attempts.department)}</th>
                <th scope="col">{t!(i18n, attempts.course_and_exam)}</th>
                <th scope="col">{t!(i18n, attempts.attempts)}</th>
                <th scope="col">{t!(i18n, attempts.best_score)}</th>
                <th scope="col"><span class="visually-hidden">{t!(i18n, attempts.action)}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let label = format!(
                        " {}",
                        td_string!(locale, attempts.grant_for, name = &r.name, exam = &r.exam_title)
                    );
                    let used = td_string!(locale, attempts.used_of, used = r.used, allowed = r.allowed)
                        .to_string();
                    view! {
                        <tr>
                            <td>{r.name.clone()}<br/><span class="hint">{r.email.clone()}</span></td>
                            <td>{r.department.clone().unwrap_or_else(|| "–".into())}</td>
                            <td>{r.course_title.clone()}<br/><span class="hint">{r.exam_title.clone()}</span></td>
                            <td class="hr-num">{used}</td>
                            <td class="hr-num">{r.best.map_or_else(|| "–".into(), |b| format!("{b:.0}%"))}</td>
                            <td>
                                <ActionForm action=grant attr:class="inline-form">
                                    <input type="hidden" name="user" value=r.user_id.to_string()/>
                                    <input type="hidden" name="course" value=r.course_id.clone()/>
                                    <input type="hidden" name="module" value=r.module_id.clone()/>
                                    <button type="submit">
                                        {t!(i18n, attempts.grant)}
                                        <span class="visually-hidden">{label}</span>
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
