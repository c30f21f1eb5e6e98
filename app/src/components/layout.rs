//! The frame of every page: skip link, header with navigation, the main
//! landmark and the footer (WCAG 2.4.1: a way to bypass repeated blocks).

use crate::auth::{provide_auth, Role};
use crate::i18n::{t, t_string, use_i18n};
use crate::language::LanguageSwitch;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // A sign-in refused without JavaScript comes back as `?__path=…&__err=…`.
    // `<Routes>` hands that to the actions made below it (the pages'); the
    // sign-in action is made here, above them, so it gets it here too: else
    // the sign-in page never showed the message (WCAG 3.3.1).
    use_query_map().with_untracked(|q| {
        if let (Some(path), Some(err)) = (q.get("__path"), q.get("__err")) {
            provide_context(ServerActionError::new(&path, &err));
        }
    });
    let auth = provide_auth();
    let i18n = use_i18n();
    let main = NodeRef::<leptos::html::Main>::new();
    focus_main_after_navigation(main);
    let user_nav = move || {
        Suspend::new(async move {
            match auth.user.await {
                Ok(Some(user)) => {
                    let admin = user.has(Role::Admin);
                    let reports = user.has_any(crate::reports::ROLES);
                    let attempts = user.has_any(crate::attempts::ROLES);
                    let item_stats = user.has_any(crate::item_stats::ROLES);
                    let drafts = user.has_any(crate::preview::ROLES);
                    view! {
                        <li><A href="/mijn">{t!(i18n, common.my_learning)}</A></li>
                        {reports.then(|| view! { <li><A href="/rapportage">{t!(i18n, common.reports)}</A></li> })}
                        {attempts.then(|| view! { <li><A href="/beheer/pogingen">{t!(i18n, common.attempts)}</A></li> })}
                        {item_stats.then(|| view! { <li><A href=crate::item_stats::PATH>{t!(i18n, common.item_stats)}</A></li> })}
                        {drafts.then(|| view! { <li><A href=crate::preview::PATH>{t!(i18n, common.drafts)}</A></li> })}
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
        // `target`: the browser follows the link itself (the router would
        // only scroll), which moves focus to `main` (WCAG 2.4.1).
        <a class="skip-link" href="#inhoud" target="_self">{t!(i18n, common.skip_link)}</a>
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
        <main id="inhoud" class="wrap" tabindex="-1" node_ref=main>
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

/// After a navigation inside the app (JavaScript on), focus goes to the new
/// page's main content, where a page load and the skip link leave it: the
/// link or button that had focus is gone, and the next Tab would start from
/// wherever it was (WCAG 2.4.3). A new query or fragment on the same page
/// (a filter, an answer's feedback) is not a new page.
fn focus_main_after_navigation(main: NodeRef<leptos::html::Main>) {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            if let Some(main) = main.get_untracked() {
                let _ = main.focus();
            }
        }
        path
    });
}
