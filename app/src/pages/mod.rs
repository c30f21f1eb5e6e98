//! One module per page (or group of pages), each with its server functions.

pub mod admin;
pub mod assignments;
pub mod audit;
pub mod course;
pub mod dashboard;
pub mod departments;
pub mod home;
pub mod import;
pub mod module;
pub mod not_found;
pub mod question;
pub mod records;
pub mod reports;

use crate::error::AppError;
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
    let title = match &error {
        AppError::NotFound(_) => "Niet gevonden",
        AppError::Forbidden => "Geen toegang",
        AppError::Unauthorized => "Niet ingelogd",
        _ => "Er ging iets mis",
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p role="alert">{error.message()}</p>
        <p><a href="/">"Naar de cursussen"</a></p>
    }
}
