//! The frame of every page: skip link, header with navigation, the main
//! landmark and the footer (WCAG 2.4.1: a way to bypass repeated blocks).

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
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
                        <li><A href="/">"Cursussen"</A></li>
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
