//! Who is signed in: the shared types, the sign-in and sign-out server
//! functions, and the sign-in page.
//!
//! Both forms are plain POST forms (`ActionForm`): without JavaScript the
//! browser posts and follows the redirect; once hydrated the same forms run
//! without a page load.

use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a person may do. A person can hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Learner,
    Trainer,
    Hr,
    Manager,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Learner,
        Role::Trainer,
        Role::Hr,
        Role::Manager,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Trainer => "trainer",
            Role::Hr => "hr",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                format!("unknown role '{s}'; expected one of: learner, trainer, hr, manager, admin")
            })
    }
}

/// The signed-in person, as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub department_id: Option<i32>,
    pub roles: Vec<Role>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }
}

/// Where to go after sign-in: the one check of a `next` address.
///
/// Only a path on this site is followed: it starts with one `/` (not `//`
/// or `/\`, which browsers read as another host), and holds only visible
/// ASCII. Browsers drop tabs and newlines from URLs, so `/\t/evil.example`
/// would become `//evil.example`; a newline would also break the
/// `Location` header. Anything else goes to the dashboard.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_string(),
        _ => "/mijn".to_string(),
    }
}

fn is_local_path(n: &str) -> bool {
    n.starts_with('/')
        && !n.starts_with("//")
        && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    crate::ssr::session::current_user().await
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{audit, session, throttle, AppState};
    let state = AppState::from_context()?;
    if email.trim().is_empty() || password.is_empty() {
        return Err(AppError::Invalid(server_text!(errors.sign_in_missing)));
    }
    // Throttled per typed account and per address, whether or not the
    // account exists: the answer tells nothing about who has one.
    let now = chrono::Utc::now();
    let failures = throttle::read(&state.db, throttle::keys(&email, client_address())).await?;
    if let Some(seconds) = failures.wait_left(now) {
        tracing::info!("sign-in throttled");
        let minutes = (seconds + 59) / 60;
        return Err(AppError::Throttled(server_text!(
            errors.sign_in_throttled,
            minutes
        )));
    }
    let Some(user) = session::authenticate(&state.db, &email, &password).await? else {
        tracing::info!("sign-in refused");
        throttle::record_failure(&state.writer, &failures, now).await?;
        return Err(AppError::Invalid(server_text!(errors.sign_in_refused)));
    };
    throttle::clear_account(&state.writer, &failures).await?;
    // With the organisation's sign-in in use, admins may switch passwords
    // off for everyone but themselves (break-glass accounts). Asked after
    // the password was checked: the answer tells nothing to a guesser.
    if let Some(sso) = &state.sso {
        if !crate::sso::queries::passwords_allowed(&state.db).await?
            && !crate::ssr::accounts::roles_of(&state.db, user.id)
                .await?
                .contains(&Role::Admin)
        {
            tracing::info!("password sign-in refused: passwords are switched off");
            return Err(AppError::Invalid(server_text!(
                auth.password_off,
                organisation = sso.config.organisation.clone()
            )));
        }
    }
    // Sign-in always starts a fresh session: a token planted before sign-in is worthless.
    if let Some(old) = current_token() {
        session::destroy(&state.writer, &state.sessions, &old).await?;
    }
    let token = session::create(&state.writer, user.id).await?;
    audit::record(
        &state.writer,
        Some(user.id),
        "sign_in",
        &format!("user:{}", user.id),
        serde_json::json!({}),
    )
    .await?;
    set_cookie(&session::cookie(&token, secure(&state)));
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{session, AppState};
    let state = AppState::from_context()?;
    let mut via_organisation = false;
    if let Some(token) = current_token() {
        via_organisation = session::began_via_organisation(&state.db, &token).await?;
        session::destroy(&state.writer, &state.sessions, &token).await?;
    }
    set_cookie(&session::clearing_cookie(secure(&state)));
    // Signed in at the organisation's provider: the signed-out page offers
    // to sign out there too.
    leptos_axum::redirect(if via_organisation && state.sso.is_some() {
        "/uitgelogd?organisatie=1"
    } else {
        "/"
    });
    Ok(())
}

/// The address the request came from, when the server knows it (the
/// accept loop records it for every connection), read through trusted
/// proxies (`ssr::client_address`).
#[cfg(feature = "ssr")]
fn client_address() -> Option<std::net::IpAddr> {
    let parts = use_context::<http::request::Parts>()?;
    let state = use_context::<crate::ssr::AppState>()?;
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?
        .0
        .ip();
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    Some(crate::ssr::client_address::client(
        peer,
        &forwarded,
        &state.trusted_proxies,
    ))
}

#[cfg(feature = "ssr")]
fn current_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let state = use_context::<crate::ssr::AppState>()?;
    crate::ssr::session::token_from_headers(&parts.headers, state.secure(&parts.headers))
}

/// This request's cookies are `Secure` (see `AppState::secure`).
#[cfg(feature = "ssr")]
fn secure(state: &crate::ssr::AppState) -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| state.secure(&parts.headers))
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// The sign-in and sign-out actions and the current user, shared by the
/// header and every page through context.
#[derive(Clone, Copy)]
pub struct Auth {
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

pub fn provide_auth() -> Auth {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let user = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get()),
        |_| whoami(),
    );
    let auth = Auth {
        sign_in,
        sign_out,
        user,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = use_auth();
    let error = move || auth.sign_in.value().get().and_then(|r| r.err());
    let i18n = use_i18n();
    let options = Resource::new(|| (), |_| crate::sso::api::sign_in_options());
    view! {
        <Title text=t_string!(i18n, auth.title)/>
        <h1>{t!(i18n, auth.title)}</h1>
        <crate::sso::pages::SsoRefusal/>
        {move || error().map(|e| view! {
            <div class="notice-error" role="alert" id="inlog-fout"><p>{e.message(crate::i18n::use_i18n().get_locale_untracked())}</p></div>
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Without the options (a database hiccup) the password form still shows.
                let options = options.await.unwrap_or(crate::sso::types::SignInChoices { organisation: None, passwords: true });
                match options.organisation {
                    None => view! {
                        <p class="lead">{t!(i18n, auth.lead)}</p>
                        <PasswordForm/>
                    }.into_any(),
                    Some(organisation) if options.passwords => view! {
                        <crate::sso::pages::OrganisationButton organisation/>
                        <h2>{t!(i18n, auth.password_heading)}</h2>
                        <PasswordForm/>
                    }.into_any(),
                    Some(organisation) => view! {
                        <crate::sso::pages::OrganisationButton organisation/>
                        <details>
                            <summary>{t!(i18n, auth.break_glass)}</summary>
                            <PasswordForm/>
                        </details>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// E-mail address and password.
#[component]
fn PasswordForm() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let i18n = use_i18n();
    view! {
        <ActionForm action=auth.sign_in attr:class="form" attr:aria-describedby="inlog-fout">
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="email">{t!(i18n, auth.email)}</label>
                <input id="email" type="email" name="email" autocomplete="username" required/>
            </div>
            <div class="field">
                <label for="password">{t!(i18n, auth.password)}</label>
                <input id="password" type="password" name="password" autocomplete="current-password" required/>
            </div>
            <button type="submit">{t!(i18n, auth.submit)}</button>
        </ActionForm>
    }
}

/// Shown where a page needs a signed-in person.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let href = move || format!("/inloggen?next={}", location.pathname.get());
    let i18n = use_i18n();
    view! {
        // A page that needs a session has no title of its own without one
        // (WCAG 2.4.2): this one says what the page asks for.
        <Title text=t_string!(i18n, auth.title)/>
        <div class="notice">
            <p>{t!(i18n, auth.needed)}</p>
            <p><a class="button" href=href>{t!(i18n, auth.submit)}</a></p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse() {
        assert_eq!("HR".parse::<Role>(), Ok(Role::Hr));
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn next_is_only_followed_on_site() {
        assert_eq!(safe_next(Some("/cursussen/x")), "/cursussen/x");
        assert_eq!(safe_next(Some("//evil.example")), "/mijn");
        assert_eq!(safe_next(Some("https://evil.example")), "/mijn");
        assert_eq!(safe_next(None), "/mijn");
        assert_eq!(safe_next(Some("/cursussen/x?y=1#z")), "/cursussen/x?y=1#z");
        for bad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=y",
            "/\\evil.example",
            "/x\\y",
            "/ /evil",
            "/\u{0}",
            "/é",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/mijn", "{bad:?}");
        }
    }
}
