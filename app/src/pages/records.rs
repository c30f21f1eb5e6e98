//! Completion records as people see them: the printable certificate (for its
//! holder) and the public verification page, which shows name, course, date,
//! department and validity, and nothing more.

use crate::error::AppError;
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
}

#[cfg(feature = "ssr")]
async fn load(code: &str, include_score: bool) -> Result<RecordView, AppError> {
    use crate::ssr::{records, AppState};
    let state = AppState::from_context()?;
    let (record, user) = records::find_by_code(&state.db, code)
        .await?
        .ok_or_else(|| AppError::NotFound("Een bewijs van deelname met deze code".into()))?;
    let today = chrono::Utc::now().date_naive();
    Ok(RecordView {
        holder: user.display_name,
        course_title: record.course_title,
        completed_on: record.completed_at.format("%d-%m-%Y").to_string(),
        department: record.department_name,
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
        .ok_or_else(|| AppError::NotFound("Een bewijs van deelname met deze code".into()))?;
    if record.user_id != user.id && !user.has_any(&[Role::Hr, Role::Admin]) {
        return Err(AppError::NotFound(
            "Een bewijs van deelname met deze code".into(),
        ));
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
    view! {
        <Title text="Bewijs van deelname controleren"/>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => view! {
                        <h1>"Bewijs van deelname controleren"</h1>
                        <div class=if r.valid { "feedback feedback-correct" } else { "feedback feedback-wrong" } role="status">
                            <p class="feedback-title">{if r.valid { "Dit bewijs is echt en geldig." } else { "Dit bewijs is echt, maar niet meer geldig." }}</p>
                        </div>
                        <RecordFacts r/>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <UnknownCode/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
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
    view! {
        <h1>"Onbekende code"</h1>
        <p role="alert">"Er is geen bewijs van deelname met deze code. Controleer of je de code goed hebt overgenomen: hij bestaat uit zes groepjes van vier tekens."</p>
    }
}

#[component]
fn RecordFacts(r: RecordView) -> impl IntoView {
    view! {
        <dl class="record">
            <div><dt>"Naam"</dt><dd>{r.holder}</dd></div>
            <div><dt>"Cursus"</dt><dd>{r.course_title}</dd></div>
            <div><dt>"Afgerond op"</dt><dd>{r.completed_on}</dd></div>
            <div><dt>"Afdeling"</dt><dd>{r.department.unwrap_or_else(|| "–".into())}</dd></div>
            <div><dt>"Geldig tot"</dt><dd>{r.expires_on.unwrap_or_else(|| "onbeperkt".into())}</dd></div>
            <div><dt>"Code"</dt><dd><code>{r.code}</code></dd></div>
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
    view! {
        <Title text="Bewijs van deelname"/>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => {
                        let verify = format!("/verify/{}", r.code);
                        view! {
                            <article class="certificate">
                                <p class="certificate-kicker">"Leerplatform Participatie"</p>
                                <h1>"Bewijs van deelname"</h1>
                                <p class="certificate-name">{r.holder.clone()}</p>
                                <p>"heeft met goed gevolg de cursus afgerond"</p>
                                <p class="certificate-course">{r.course_title.clone()}</p>
                                <RecordFacts r=r.clone()/>
                                {r.score.map(|s| view! { <p>{format!("Score: {s:.0}%")}</p> })}
                                <p class="certificate-verify">"Controleer dit bewijs op "<a href=verify.clone()>{verify.clone()}</a>"."</p>
                            </article>
                            <p class="no-print"><button type="button" class="button" onclick="window.print()">"Afdrukken of opslaan als pdf"</button></p>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
