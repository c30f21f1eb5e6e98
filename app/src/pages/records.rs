//! Completion records as people see them: the printable certificate (for its
//! holder) and the public verification page, which shows name, course, date,
//! department and validity, and nothing more. The record of an anonymised
//! person (`crate::privacy`) still verifies, without a name or department.

use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordView {
    pub holder: String,
    pub course_title: String,
    pub completed_on: String,
    pub department: Option<String>,
    pub expires_on: Option<String>,
    pub valid: bool,
    pub code: String,
    pub score: Option<f64>,
    /// The holder was anonymised: `holder` and `department` are empty, and
    /// the page says why.
    pub anonymous: bool,
}

#[cfg(feature = "ssr")]
async fn load(code: &str, include_score: bool) -> Result<RecordView, AppError> {
    use crate::ssr::{records, AppState};
    let state = AppState::from_context()?;
    let (record, user) = records::find_by_code(&state.db, code)
        .await?
        .ok_or(AppError::NotFound(crate::error::Missing::Record))?;
    let today = chrono::Utc::now().date_naive();
    let anonymous = crate::privacy::queries::is_anonymised(&state.db, user.id).await?;
    Ok(RecordView {
        holder: if anonymous {
            String::new()
        } else {
            user.display_name
        },
        course_title: record.course_title,
        completed_on: record.completed_at.format("%d-%m-%Y").to_string(),
        department: record.department_name.filter(|_| !anonymous),
        anonymous,
        valid: record.expires_at.is_none_or(|d| today < d),
        expires_on: record.expires_at.map(|d| d.format("%d-%m-%Y").to_string()),
        code: record.verification_code,
        score: include_score.then_some(record.score_percent),
    })
}

/// Public: anyone with the code may check the record.
#[server(endpoint = "verify")]
pub async fn verify_record(code: String) -> Result<RecordView, AppError> {
    load(&code, false).await
}

/// The holder's own certificate (with score), or for HR/admin.
#[server(endpoint = "certificate")]
pub async fn certificate(code: String) -> Result<RecordView, AppError> {
    use crate::auth::Role;
    use crate::ssr::{records, session, AppState};
    let user = session::require_user().await?;
    let state = AppState::from_context()?;
    let (record, _) = records::find_by_code(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound(crate::error::Missing::Record))?;
    if record.user_id != user.id && !user.has_any(&[Role::Hr, Role::Admin]) {
        return Err(AppError::NotFound(crate::error::Missing::Record));
    }
    load(&code, true).await
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let record = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        verify_record,
    );
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, records.verify_title)/>
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
            <div><dt>{t!(i18n, records.completed_on)}</dt><dd>{r.completed_on}</dd></div>
            {(!r.anonymous).then(|| view! {
                <div><dt>{t!(i18n, records.department)}</dt><dd>{r.department.unwrap_or_else(|| "–".into())}</dd></div>
            })}
            <div><dt>{t!(i18n, records.valid_until)}</dt><dd>{r.expires_on.unwrap_or_else(|| td_string!(locale, records.unlimited).to_string())}</dd></div>
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
        <Title text=move || t_string!(i18n, records.certificate_title)/>
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
