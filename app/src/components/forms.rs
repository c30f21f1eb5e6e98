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

/// The Dutch message of an action's last refusal, if any.
pub fn error_of<T: 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    Signal::derive(move || value().and_then(Result::err).map(|e| e.message()))
}
