//! The views of sign-in through the organisation: the button and refusal
//! on the sign-in page, the signed-out page, and the admins' switch.

use super::api::{sign_in_options, signed_out, SetPasswordSignIn};
use super::types::Refusal;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Why the last sign-in through the organisation was refused (`?sso=`),
/// in the reader's language; unknown codes show nothing.
#[component]
pub fn SsoRefusal() -> impl IntoView {
    let query = use_query_map();
    let i18n = use_i18n();
    move || {
        let code = query.read().get("sso")?;
        let refusal = Refusal::from_code(&code)?;
        let text = super::words::refusal(i18n.get_locale(), refusal);
        Some(view! {
            <div class="notice-error" role="alert" id="sso-fout"><p>{text}</p></div>
        })
    }
}

/// "Inloggen met <organisatie>": a plain link (the browser leaves for the
/// provider), so the client-side router must leave it alone.
#[component]
pub fn OrganisationButton(organisation: String) -> impl IntoView {
    let query = use_query_map();
    let href = move || {
        let next = query.read().get("next").unwrap_or_default();
        if next.is_empty() {
            "/inloggen/organisatie".to_string()
        } else {
            let next =
                percent_encoding::utf8_percent_encode(&next, percent_encoding::NON_ALPHANUMERIC);
            format!("/inloggen/organisatie?next={next}")
        }
    };
    let i18n = use_i18n();
    let label = td_string!(
        i18n.get_locale_untracked(),
        auth.organisation_button,
        organisation = organisation
    )
    .to_string();
    view! {
        <p class="lead">{t!(i18n, auth.organisation_lead)}</p>
        <p><a class="button" id="inloggen-organisatie" rel="external" href=href>{label}</a></p>
    }
}

#[component]
pub fn SignedOutPage() -> impl IntoView {
    let query = use_query_map();
    let came_via_organisation = move || query.read().get("organisatie").is_some();
    let offer = Resource::new(|| (), |_| signed_out());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, auth.signed_out_title)/>
        <h1>{t!(i18n, auth.signed_out_title)}</h1>
        <p class="lead">{t!(i18n, auth.signed_out_lead)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let organisation = offer.await.ok().and_then(|o| o.provider_logout);
                organisation.filter(|_| came_via_organisation()).map(|organisation| {
                    let locale = i18n.get_locale_untracked();
                    let text = td_string!(locale, auth.signed_out_provider, organisation = organisation.clone()).to_string();
                    let button = td_string!(locale, auth.signed_out_provider_button, organisation = organisation).to_string();
                    view! {
                        <p>{text}</p>
                        <p><a class="button" id="uitloggen-organisatie" rel="external" href="/uitgelogd/organisatie">{button}</a></p>
                    }
                })
            })}
        </Suspense>
        <p><a href="/inloggen">{t!(i18n, auth.signed_out_again)}</a></p>
    }
}

/// The admins' switch for local passwords, on the admin page.
#[component]
pub fn PasswordSetting() -> impl IntoView {
    let set = ServerAction::<SetPasswordSignIn>::new();
    let options = Resource::new(move || set.version().get(), |_| sign_in_options());
    let error = move || set.value().get().and_then(|r| r.err());
    let saved = move || set.value().get().is_some_and(|r| r.is_ok());
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="wachtwoorden-kop">
            <h2 id="wachtwoorden-kop">{t!(i18n, auth.setting_title)}</h2>
            {move || error().map(|e| view! {
                <div class="notice-error" role="alert"><p>{e.message(i18n.get_locale_untracked())}</p></div>
            })}
            {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, auth.setting_saved)}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let o = options.await.ok()?;
                    let locale = i18n.get_locale_untracked();
                    Some(match o.organisation {
                        None => view! { <p>{t!(i18n, auth.setting_needs_provider)}</p> }.into_any(),
                        Some(organisation) => {
                            let now = if o.passwords {
                                td_string!(locale, auth.setting_on).to_string()
                            } else {
                                td_string!(locale, auth.setting_off, organisation = organisation).to_string()
                            };
                            let (value, label) = if o.passwords {
                                ("false", td_string!(locale, auth.setting_turn_off))
                            } else {
                                ("true", td_string!(locale, auth.setting_turn_on))
                            };
                            view! {
                                <p id="wachtwoorden-stand">{now}</p>
                                <ActionForm action=set>
                                    <input type="hidden" name="allowed" value=value/>
                                    <button type="submit">{label}</button>
                                </ActionForm>
                            }.into_any()
                        }
                    })
                })}
            </Suspense>
        </section>
    }
}
