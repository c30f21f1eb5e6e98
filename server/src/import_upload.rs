//! `POST /beheer/import/upload`: the employee-import upload form
//! (`multipart/form-data`, works without JavaScript).
//!
//! Admins only: without a session the browser goes to the sign-in page,
//! anyone else gets 403. The file (field `bestand`, at most
//! [`MAX_FILE_BYTES`]) and the checkbox `deactiveren` are kept in
//! `app::import::queries`'s pending store, and the browser is sent (303) to the
//! preview, `/beheer/import?voorbeeld=TOKEN`, which parses and plans the
//! file against the database as it is then. Problems with the upload itself
//! go back to the form as `/beheer/import?fout=CODE` (see
//! `app::import::words::upload_error_message`).

use app::auth::Role;
use app::import::queries::MAX_FILE_BYTES;
use app::ssr::session::{self, ResolvedSession};
use app::ssr::AppState;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use tower::{Layer, ServiceExt};

/// Room for the other form fields and the multipart framing.
const BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;

/// The longest file name kept (for the preview and the audit log).
const MAX_NAME_CHARS: usize = 200;

pub async fn upload(State(state): State<AppState>, req: Request) -> Response {
    let user = match req.extensions().get::<ResolvedSession>() {
        Some(resolved) => resolved.0.clone(),
        None => match session::resolve(&state, req.headers()).await {
            Ok(user) => user,
            Err(err) => {
                tracing::error!(error = %err, "import upload: session lookup failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let Some(user) = user else {
        return see_other("/inloggen?next=/beheer/import");
    };
    if !user.has(Role::Admin) {
        return crate::requester::error(app::error::AppError::Forbidden, req.headers());
    }

    // Axum's default body limit (2 MB) is too small for an HR export.
    let multipart = DefaultBodyLimit::max(BODY_LIMIT)
        .layer(tower::service_fn(|req: Request| async move {
            Ok::<_, Infallible>(Multipart::from_request(req, &()).await)
        }))
        .oneshot(req)
        .await;
    let mut multipart = match multipart {
        Ok(Ok(m)) => m,
        Ok(Err(rejection)) => {
            tracing::info!(error = %rejection, "import upload: not a multipart form");
            return back("ongeldig");
        }
        Err(never) => match never {},
    };

    let mut file: Option<(String, Vec<u8>)> = None;
    let mut deactivate_missing = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return back(multipart_error(&err)),
        };
        match field.name() {
            Some("bestand") => {
                let name = file_name(field.file_name().unwrap_or_default());
                match read_limited(field).await {
                    Ok(Some(bytes)) => file = Some((name, bytes)),
                    Ok(None) => return back("te-groot"),
                    Err(err) => return back(multipart_error(&err)),
                }
            }
            Some("deactiveren") => {
                let value = match field.text().await {
                    Ok(value) => value,
                    Err(err) => return back(multipart_error(&err)),
                };
                deactivate_missing = !value.trim().is_empty();
            }
            // Unknown fields are read past.
            _ => {}
        }
    }
    let (name, bytes) = match file {
        Some((name, bytes)) if !(name.is_empty() && bytes.is_empty()) => (name, bytes),
        _ => return back("geen-bestand"),
    };
    let name = if name.is_empty() {
        "bestand.csv".to_string()
    } else {
        name
    };
    tracing::info!(
        user = user.id,
        bytes = bytes.len(),
        deactivate_missing,
        "employee import uploaded"
    );
    match app::import::queries::put_pending(
        &state.writer,
        bytes,
        &name,
        deactivate_missing,
        user.id,
    )
    .await
    {
        Ok(token) => see_other(&format!("/beheer/import?voorbeeld={token}")),
        Err(err) => {
            tracing::error!(error = %err, "import upload: the file could not be kept");
            back("niet-bewaard")
        }
    }
}

/// The field's bytes, or `None` when they exceed [`MAX_FILE_BYTES`].
async fn read_limited(mut field: Field<'_>) -> Result<Option<Vec<u8>>, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

fn multipart_error(err: &MultipartError) -> &'static str {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        "te-groot"
    } else {
        tracing::info!(error = %err, "import upload: unreadable form");
        "ongeldig"
    }
}

/// The file's own name: browsers may send a path (`C:\fakepath\x.csv`).
fn file_name(sent: &str) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    base.chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect()
}

fn back(code: &str) -> Response {
    see_other(&format!("/beheer/import?fout={code}"))
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_lose_their_path() {
        assert_eq!(
            file_name("C:\\fakepath\\medewerkers.csv"),
            "medewerkers.csv"
        );
        assert_eq!(file_name("/home/hr/export.csv"), "export.csv");
        assert_eq!(file_name(" lijst.csv "), "lijst.csv");
        assert_eq!(file_name(""), "");
    }
}
