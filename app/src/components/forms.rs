//! Pieces every page with plain POST forms (`ActionForm`) uses.

use crate::error::AppError;
use leptos::prelude::*;

/// A form's refusal, shown beside it (`role="alert"`).
#[component]
pub fn FormError(message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <div class="notice-error" role="alert" id=id><p>{m}</p></div> }
        })
    }
}

/// The message of an action's last refusal, if any, in the page's language.
pub fn error_of<T: 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    let locale = crate::i18n::use_i18n().get_locale_untracked();
    Signal::derive(move || value().and_then(Result::err).map(|e| e.message(locale)))
}
