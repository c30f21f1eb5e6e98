//! The one error type of the application layer.
//!
//! Every failure a person can meet maps to an HTTP status and a Dutch message
//! that says what happened and what to do. Internal details (database errors,
//! I/O) are logged on the server with `tracing` and never sent to the browser:
//! the browser only ever sees [`AppError::Internal`] with a generic message.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not visible to this person).
    #[error("niet gevonden: {0}")]
    NotFound(String),
    /// Not signed in.
    #[error("niet ingelogd")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("geen toegang")]
    Forbidden,
    /// The input is wrong; the message says what and where.
    #[error("{0}")]
    Invalid(String),
    /// The action conflicts with the current state (e.g. no attempts left).
    #[error("{0}")]
    Conflict(String),
    /// Something broke on our side; details are in the server log.
    #[error("interne fout")]
    Internal,
    /// The request could not reach or be understood by the server function.
    #[error("verzoek mislukt: {0}")]
    Request(String),
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
        }
    }

    /// The Dutch message shown to the person.
    pub fn message(&self) -> String {
        match self {
            AppError::NotFound(what) => format!("{what} is niet gevonden."),
            AppError::Unauthorized => "Je bent niet (meer) ingelogd. Log in en probeer het opnieuw.".into(),
            AppError::Forbidden => "Je hebt geen toegang tot deze pagina of actie.".into(),
            AppError::Invalid(msg) | AppError::Conflict(msg) => msg.clone(),
            AppError::Internal => {
                "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, meld het dan bij de beheerder.".into()
            }
            AppError::Request(_) => "Het verzoek kon niet worden verwerkt. Vernieuw de pagina en probeer het opnieuw.".into(),
        }
    }

    /// Log an internal failure with its detail and return the opaque error
    /// the browser may see.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %err, "internal error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal("database", err)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_detail_is_not_in_the_message() {
        let msg = AppError::Internal.message();
        assert!(msg.contains("Er ging aan onze kant iets mis"));
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn statuses() {
        assert_eq!(AppError::NotFound("De cursus".into()).status_code(), 404);
        assert_eq!(
            AppError::NotFound("De cursus".into()).message(),
            "De cursus is niet gevonden."
        );
        assert_eq!(AppError::Unauthorized.status_code(), 401);
        assert_eq!(AppError::Invalid("x".into()).status_code(), 422);
    }
}
