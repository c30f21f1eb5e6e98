//! The frame of every page: skip link, header with navigation, the main
//! landmark and the footer (WCAG 2.4.1: a way to bypass repeated blocks).

use crate::auth::{use_auth, Role};
use crate::i18n::{t, t_string, use_i18n};
use crate::language::LanguageSwitch;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let user_nav = move || {
        Suspend::new(async move {
            match auth.user.await {
                Ok(Some(user)) => {
                    let admin = user.has(Role::Admin);
                    let reports = user.has_any(&[Role::Hr, Role::Manager, Role::Admin]);
                    let attempts = user.has_any(crate::pages::attempts::ROLES);
                    view! {
                        <li><A href="/mijn">{t!(i18n, common.my_learning)}</A></li>
                        {reports.then(|| view! { <li><A href="/rapportage">{t!(i18n, common.reports)}</A></li> })}
                        {attempts.then(|| view! { <li><A href="/beheer/pogingen">{t!(i18n, common.attempts)}</A></li> })}
                        {admin.then(|| view! { <li><A href="/beheer">{t!(i18n, common.admin)}</A></li> })}
                        <li>
                            <ActionForm action=auth.sign_out attr:class="inline-form">
                                <button type="submit" class="link">
                                    {t!(i18n, common.sign_out)}
                                    <span class="visually-hidden">{format!(" ({})", user.name)}</span>
                                </button>
                            </ActionForm>
                        </li>
                    }
                    .into_any()
                }
                _ => {
                    view! { <li><A href="/inloggen">{t!(i18n, common.sign_in)}</A></li> }.into_any()
                }
            }
        })
    };
    view! {
        <a class="skip-link" href="#inhoud">{t!(i18n, common.skip_link)}</a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"LP"</span>
                    <span class="brand-name">"Leerplatform Participatie"</span>
                </a>
                <nav aria-label=move || t_string!(i18n, common.main_menu)>
                    <ul class="nav-list">
                        <li><A href="/" exact=true>{t!(i18n, common.courses)}</A></li>
                        <Transition fallback=|| ()>{user_nav}</Transition>
                        <li><LanguageSwitch/></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{t!(i18n, common.footer)}</p>
                <p><a href=crate::privacy::MY_DATA_PATH>{t!(i18n, privacy.footer_link)}</a></p>
            </div>
        </footer>
    }
}
