//! The certificate and the verification page.

use super::api::{certificate, verify_record};
use super::types::RecordView;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let record = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        verify_record,
    );
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, records.verify_title)/>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => view! {
                        <h1>{t!(i18n, records.verify_title)}</h1>
                        <div class=if r.valid { "feedback feedback-correct" } else { "feedback feedback-wrong" } role="status">
                            <p class="feedback-title">{if r.valid {
                                t!(i18n, records.valid).into_any()
                            } else {
                                t!(i18n, records.no_longer_valid).into_any()
                            }}</p>
                        </div>
                        {r.anonymous.then(|| view! { <p>{t!(i18n, privacy.verify_anonymous)}</p> })}
                        <RecordFacts r/>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <UnknownCode/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UnknownCode() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, records.unknown_title)}</h1>
        <p role="alert">{t!(i18n, records.unknown_text)}</p>
    }
}

#[component]
fn RecordFacts(r: RecordView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let holder = if r.anonymous {
        td_string!(locale, privacy.holder_hidden).to_string()
    } else {
        r.holder
    };
    view! {
        <dl class="record">
            <div><dt>{t!(i18n, records.name)}</dt><dd>{holder}</dd></div>
            <div><dt>{t!(i18n, records.course)}</dt><dd>{r.course_title}</dd></div>
            <div><dt>{t!(i18n, records.completed_on)}</dt><dd>{crate::language::date_text(r.completed_on)}</dd></div>
            {(!r.anonymous).then(|| view! {
                <div><dt>{t!(i18n, records.department)}</dt><dd>{r.department.unwrap_or_else(|| "–".into())}</dd></div>
            })}
            <div><dt>{t!(i18n, records.valid_until)}</dt><dd>{r.expires_on.map_or_else(|| td_string!(locale, records.unlimited).to_string(), crate::language::date_text)}</dd></div>
            <div><dt>{t!(i18n, records.code)}</dt><dd><code>{r.code}</code></dd></div>
        </dl>
    }
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let record = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        certificate,
    );
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, records.certificate_title)/>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => {
                        let locale = i18n.get_locale_untracked();
                        let verify = format!("/verify/{}", r.code);
                        let url = verify.clone();
                        view! {
                            <article class="certificate">
                                <p class="certificate-kicker">"Leerplatform Participatie"</p>
                                <h1>{t!(i18n, records.certificate_title)}</h1>
                                <p class="certificate-name">{if r.anonymous {
                                    td_string!(locale, privacy.holder_hidden).to_string()
                                } else {
                                    r.holder.clone()
                                }}</p>
                                <p>{t!(i18n, records.completed_course)}</p>
                                <p class="certificate-course">{r.course_title.clone()}</p>
                                <RecordFacts r=r.clone()/>
                                {r.score.map(|s| view! {
                                    <p>{td_string!(locale, records.score, score = format!("{s:.0}")).to_string()}</p>
                                })}
                                <p class="certificate-verify">{t!(i18n, records.verify_at, url, <a> = <a href=verify.clone()/>)}</p>
                            </article>
                            <p class="no-print"><button type="button" class="button" on:click=print_page>{t!(i18n, records.print)}</button></p>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <crate::components::page_states::SignInNeeded/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The print button's action. An event handler of the app, not an inline
/// `onclick`: the pages' Content-Security-Policy runs no inline script.
fn print_page(_: leptos::ev::MouseEvent) {
    let _ = window().print();
}
