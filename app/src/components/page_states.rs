//! What a page shows instead of its content: the error page (with the
//! HTTP status on the server) and the sign-in prompt with its own heading.

use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// A failed page load: the Dutch message, and the HTTP status on the server.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(
                http::StatusCode::from_u16(error.status_code())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    let i18n = use_i18n();
    let title = match &error {
        AppError::NotFound(_) => t_string!(i18n, common.error_not_found),
        AppError::Forbidden => t_string!(i18n, common.error_forbidden),
        AppError::Unauthorized => t_string!(i18n, common.error_unauthorized),
        _ => t_string!(i18n, common.error_other),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p role="alert">{error.message(i18n.get_locale_untracked())}</p>
        <p><a href="/">{t!(i18n, common.to_courses)}</a></p>
    }
}

/// The sign-in prompt of a page whose heading comes with its data (a
/// lesson, an exam result, a certificate, a person): without a session the
/// page still has its one `h1` (WCAG 1.3.1, 2.4.6), which says what the
/// prompt asks for, like the title the prompt sets.
#[component]
pub fn SignInNeeded() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, auth.title)}</h1>
        <crate::auth::SignInPrompt/>
    }
}

/// A page that loads its data (reports, question analysis): loading, then
/// the page, a sign-in prompt or the error page. A page whose `h1` comes
/// with its data names `SignInNeeded` as the prompt, which
/// brings its own.
macro_rules! report_page {
    ($i18n:expr, $data:expr, $body:expr) => {
        report_page!($i18n, $data, $body, SignInPrompt)
    };
    ($i18n:expr, $data:expr, $body:expr, $prompt:ident) => {
        view! {
            <Suspense fallback=move || view! { <p>{t!($i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match $data.await {
                        Ok(d) => ($body)(d).into_any(),
                        Err(crate::error::AppError::Unauthorized) => view! { <$prompt/> }.into_any(),
                        Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    };
}
pub(crate) use report_page;
