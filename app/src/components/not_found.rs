//! The 404 page, with the HTTP status set on the server.

use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, common.not_found_title)/>
        <h1>{t!(i18n, common.not_found_title)}</h1>
        <p>{t!(i18n, common.not_found_text, <a> = <a href="/"/>)}</p>
    }
}
