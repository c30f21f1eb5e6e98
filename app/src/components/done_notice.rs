//! The short message after a change: a server function that changed
//! something redirects back to its page with `?klaar=<key>`, and the page
//! shows the matching sentence as a status message. Only the page's own
//! fixed texts are shown; nothing from the address is shown as is.

use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The notice for the address's `klaar` key, when `text` knows the key.
#[component]
pub fn DoneNotice(
    /// The page's sentence for a key, in a language (its `words::done_message`).
    text: fn(Locale, &str) -> Option<&'static str>,
) -> impl IntoView {
    let query = use_query_map();
    let i18n = use_i18n();
    move || {
        let key = query.read().get("klaar")?;
        let message = text(i18n.get_locale(), &key)?;
        Some(view! { <div class="notice" role="status"><p>{message}</p></div> })
    }
}
