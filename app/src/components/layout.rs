//! The frame of every page: skip link, header with navigation, the main
//! landmark and the footer (WCAG 2.4.1: a way to bypass repeated blocks).

use crate::auth::{use_auth, Role};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = use_auth();
    let user_nav = move || {
        Suspend::new(async move {
            match auth.user.await {
                Ok(Some(user)) => {
                    let admin = user.has(Role::Admin);
                    let reports = user.has_any(&[Role::Hr, Role::Manager, Role::Admin]);
                    view! {
                        <li><A href="/mijn">"Mijn leeromgeving"</A></li>
                        {reports.then(|| view! { <li><A href="/rapportage">"Rapportage"</A></li> })}
                        {admin.then(|| view! { <li><A href="/beheer">"Beheer"</A></li> })}
                        <li>
                            <ActionForm action=auth.sign_out attr:class="inline-form">
                                <button type="submit" class="link">
                                    "Uitloggen"
                                    <span class="visually-hidden">{format!(" ({})", user.name)}</span>
                                </button>
                            </ActionForm>
                        </li>
                    }
                    .into_any()
                }
                _ => view! { <li><A href="/inloggen">"Inloggen"</A></li> }.into_any(),
            }
        })
    };
    view! {
        <a class="skip-link" href="#inhoud">"Ga naar de inhoud"</a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"LP"</span>
                    <span class="brand-name">"Leerplatform Participatie"</span>
                </a>
                <nav aria-label="Hoofdmenu">
                    <ul class="nav-list">
                        <li><A href="/" exact=true>"Cursussen"</A></li>
                        <Transition fallback=|| ()>{user_nav}</Transition>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>"Leerplatform Participatie – leren over burgerparticipatie en overheidsparticipatie."</p>
            </div>
        </footer>
    }
}
