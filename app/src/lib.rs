//! The Leptos application: the page shell, the routes, the pages and the
//! server functions beside the pages that use them.
//!
//! Compiled twice: with `ssr` into the server (rendering, server functions,
//! database access in [`ssr`]) and with `hydrate` into the browser's WASM
//! bundle, which never contains sea-orm, tokio or the Markdown parser.

#![recursion_limit = "256"]

pub mod auth;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Name of the CSS/JS/WASM bundle (the `name` in `[[workspace.metadata.leptos]]`).
pub const BUNDLE_NAME: &str = "leerplatform";

/// The HTML document around every page. Rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    auth::provide_auth();

    // Browser tests and curious users can see when the page has become
    // interactive; before that, every form still works as a plain POST.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{BUNDLE_NAME}.css")/>
        <Title formatter=|text: String| {
            if text.is_empty() {
                "Leerplatform Participatie".to_string()
            } else {
                format!("{text} – Leerplatform Participatie")
            }
        }/>
        // Every route renders completely on the server before the response
        // starts (SsrMode::Async): the HTTP status can depend on the data
        // (404 for an unknown record), and a browser without JavaScript
        // gets the whole page at once.
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route ssr=SsrMode::Async path=path!("/") view=pages::home::HomePage/>
                    <Route ssr=SsrMode::Async path=path!("/inloggen") view=auth::SignInPage/>
                    <Route ssr=SsrMode::Async path=path!("/mijn") view=pages::dashboard::DashboardPage/>
                    <Route ssr=SsrMode::Async path=path!("/cursussen/:course") view=pages::course::CoursePage/>
                    <Route ssr=SsrMode::Async path=path!("/cursussen/:course/:module") view=pages::module::ModulePage/>
                    <Route ssr=SsrMode::Async path=path!("/cursussen/:course/:module/poging/:number") view=pages::module::AttemptResultPage/>
                    <Route ssr=SsrMode::Async path=path!("/certificaat/:code") view=pages::records::CertificatePage/>
                    <Route ssr=SsrMode::Async path=path!("/verify/:code") view=pages::records::VerifyPage/>
                    <Route ssr=SsrMode::Async path=path!("/beheer") view=pages::admin::AdminPage/>
                    <Route ssr=SsrMode::Async path=path!("/beheer/afdelingen") view=pages::departments::DepartmentsPage/>
                    <Route ssr=SsrMode::Async path=path!("/beheer/import") view=pages::import::ImportPage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage") view=pages::reports::ReportsPage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage/verplicht") view=pages::assignments::AssignmentsPage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage/te-laat") view=pages::reports::OverduePage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage/certificaten") view=pages::reports::RecordsPage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage/afdeling/:id") view=pages::reports::DepartmentPeoplePage/>
                    <Route ssr=SsrMode::Async path=path!("/rapportage/persoon/:id") view=pages::reports::PersonPage/>
                    <Route ssr=SsrMode::Async path=path!("/beheer/audit") view=pages::audit::AuditPage/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
