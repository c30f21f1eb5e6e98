//! `/beheer/privacy/:id` (admins): anonymise or delete one person. Both
//! are plain POST forms (`ActionForm`) with a tick to confirm, so they work
//! without JavaScript; the server checks the tick again and refuses either
//! action on the admin's own account.

use super::api::{load_person_privacy, AnonymisePerson, DeletePerson};
use super::types::{readable_time, PersonPrivacy};
use crate::components::done_notice::DoneNotice;
use crate::components::forms::{error_of, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The text for a `?klaar=` key (fixed texts only).
fn done_message(locale: Locale, key: &str) -> Option<&'static str> {
    match key {
        "geanonimiseerd" => Some(td_string!(locale, privacy.done_anonymised)),
        "verwijderd" => Some(td_string!(locale, privacy.done_deleted)),
        _ => None,
    }
}

#[component]
pub fn PersonPrivacyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let anonymise = ServerAction::<AnonymisePerson>::new();
    let delete = ServerAction::<DeletePerson>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok())),
                anonymise.version().get(),
                delete.version().get(),
            )
        },
        |(id, _, _)| async move {
            match id {
                Some(id) => load_person_privacy(id).await,
                None => Err(AppError::NotFound(crate::error::Missing::Employee)),
            }
        },
    );
    let i18n = use_i18n();
    let done = move || query.with(|q| q.get("klaar"));
    view! {
        <Title text=t_string!(i18n, privacy.person_title)/>
        <h1>{t!(i18n, privacy.person_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! {
                        <DoneNotice text=done_message/>
                        <PersonPrivacyBody d anonymise delete/>
                    }.into_any(),
                    // Just deleted: the person is gone, as asked.
                    Err(AppError::NotFound(_)) if done().as_deref() == Some("verwijderd") => view! {
                        <DoneNotice text=done_message/>
                        <p><a href="/beheer">{t!(i18n, privacy.to_admin)}</a></p>
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonPrivacyBody(
    d: PersonPrivacy,
    anonymise: ServerAction<AnonymisePerson>,
    delete: ServerAction<DeletePerson>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let counts = td_string!(
        locale,
        privacy.person_counts,
        records = d.records,
        answers = d.answers,
        attempts = d.exam_attempts,
        reflections = d.reflections
    )
    .to_string();
    let id = d.id.to_string();
    let anonymised = d.anonymised_at.is_some();
    view! {
        <p class="lead">{t!(i18n, privacy.person_lead)}</p>
        <dl class="facts">
            <dt>{t!(i18n, privacy.name)}</dt><dd>{d.name}</dd>
            <dt>{t!(i18n, privacy.email)}</dt><dd>{d.email}</dd>
            <dt>{t!(i18n, privacy.employee_number)}</dt><dd>{d.employee_number.unwrap_or_else(|| "–".into())}</dd>
            <dt>{t!(i18n, privacy.account_active)}</dt><dd>{if d.active { td_string!(locale, privacy.yes) } else { td_string!(locale, privacy.no) }}</dd>
            <dt>{t!(i18n, privacy.anonymised_on)}</dt><dd>{d.anonymised_at.as_deref().map(readable_time).unwrap_or_else(|| td_string!(locale, privacy.not_anonymised).to_string())}</dd>
        </dl>
        <p>{counts}</p>
        <p><a href=format!("/rapportage/persoon/{}", d.id)>{t!(i18n, privacy.to_person)}</a></p>
        {if d.is_you {
            view! { <div class="notice" role="note"><p>{t!(i18n, privacy.is_you)}</p></div> }.into_any()
        } else {
            let id_a = id.clone();
            let id_d = id.clone();
            view! {
                <section aria-labelledby="anonimiseren">
                    <h2 id="anonimiseren">{t!(i18n, privacy.anonymise_heading)}</h2>
                    {if anonymised {
                        view! { <p>{t!(i18n, privacy.already_anonymised)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{t!(i18n, privacy.anonymise_text)}</p>
                            <FormError message=error_of(move || anonymise.value().get()) id="anonimiseren-fout"/>
                            <ActionForm action=anonymise>
                                <input type="hidden" name="person" value=id_a/>
                                <div class="option">
                                    <input type="checkbox" id="anonimiseren-bevestigd" name="confirmed" value="ja" required/>
                                    <label for="anonimiseren-bevestigd">{t!(i18n, privacy.anonymise_confirm)}</label>
                                </div>
                                <button type="submit">{t!(i18n, privacy.anonymise_submit)}</button>
                            </ActionForm>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="verwijderen">
                    <h2 id="verwijderen">{t!(i18n, privacy.delete_heading)}</h2>
                    <p>{t!(i18n, privacy.delete_text)}</p>
                    <FormError message=error_of(move || delete.value().get()) id="verwijderen-fout"/>
                    <ActionForm action=delete>
                        <input type="hidden" name="person" value=id_d/>
                        <div class="option">
                            <input type="checkbox" id="verwijderen-bevestigd" name="confirmed" value="ja" required/>
                            <label for="verwijderen-bevestigd">{t!(i18n, privacy.delete_confirm)}</label>
                        </div>
                        <button type="submit" class="button-secondary">{t!(i18n, privacy.delete_submit)}</button>
                    </ActionForm>
                </section>
            }.into_any()
        }}
    }
}
