//! Sign-in through the organisation's identity provider, against a real
//! OpenID Connect provider (npm `oidc-provider`, `end2end/peers/`), on
//! SQLite and PostgreSQL: linking by employee number, roles from groups,
//! the refusals (a tampered, foreign-key, wrong-audience, expired,
//! wrong-nonce or wrong-issuer ID token; a replayed state; another browser;
//! an unknown or deactivated person), key rotation, sign-out with the
//! provider's logout, and the admins' switch for local passwords.

mod common;

use axum::http::{header, Request, StatusCode};
use common::oidc::{self, Provider};
use common::{form, form_post, get, split, TestApp};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

/// Where a sign-in through the organisation ended: the platform's answer
/// to the provider's callback.
struct Outcome {
    location: String,
    /// The session cookie (`name=value`), when a session started.
    session: Option<String>,
    callback: String,
    browser_cookie: String,
}

/// A browser's whole sign-in: start on the platform, log in at the
/// provider as `login`, come back to the platform's callback.
async fn sign_in_as(app: &TestApp, login: &str) -> Outcome {
    let res = app
        .request(
            Request::get("/inloggen/organisatie?next=%2Fcursussen")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "[{}] start",
        app.backend
    );
    let authorize = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    for part in [
        "code_challenge_method=S256",
        "state=",
        "nonce=",
        "scope=openid",
    ] {
        assert!(
            authorize.contains(part),
            "authorize URL without {part}: {authorize}"
        );
    }
    let browser_cookie = cookie_named(&res, "lp_sso").expect("the browser's sign-in cookie");
    let callback = oidc::log_in_at_provider(&authorize, login).await;
    let outcome = callback_with(app, &callback, Some(&browser_cookie)).await;
    Outcome {
        callback,
        browser_cookie,
        ..outcome
    }
}

async fn callback_with(app: &TestApp, callback: &str, browser_cookie: Option<&str>) -> Outcome {
    let mut req = Request::get(callback);
    if let Some(c) = browser_cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app
        .request(req.body(axum::body::Body::empty()).unwrap())
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "[{}] callback",
        app.backend
    );
    Outcome {
        location: res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string(),
        session: cookie_named(&res, "lp_sessie"),
        callback: callback.to_string(),
        browser_cookie: String::new(),
    }
}

fn cookie_named(res: &axum::http::Response<axum::body::Body>, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .find(|c| c.starts_with(&format!("{name}=")) && c.len() > name.len() + 1)
}

async fn user_count(app: &TestApp) -> u64 {
    app::ssr::entities::users::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn session_count(app: &TestApp) -> u64 {
    app::ssr::entities::sessions::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

/// The demo learner gets employee number E1001, as the HR import gives it.
async fn give_employee_number(app: &TestApp, email: &str, number: &str) {
    let user = common::account(app, email).await;
    let mut active: app::ssr::entities::users::ActiveModel = user.into();
    active.employee_number = Set(Some(number.into()));
    active.update(&app.state.db).await.unwrap();
}

async fn seeded_with(provider: &Provider, create_accounts: bool) -> Vec<TestApp> {
    let apps = common::apps_configured(|s| oidc::configure(s, provider, create_accounts)).await;
    for app in &apps {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        give_employee_number(app, "leerling@demodorp.example", "E1001").await;
    }
    apps
}

#[tokio::test]
async fn a_learner_signs_in_through_the_provider_and_is_linked_by_employee_number() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    for app in seeded_with(&provider, false).await {
        let b = app.backend;
        let (status, page) = app.get("/inloggen").await;
        assert_eq!(status, StatusCode::OK);
        let button = page
            .find("Inloggen met Gemeente Demodorp")
            .expect("the button");
        let password = page.find("name=\"password\"").expect("the password form");
        assert!(
            button < password,
            "[{b}] the organisation's sign-in comes first"
        );

        let users_before = user_count(&app).await;
        let out = sign_in_as(&app, "anna").await;
        assert_eq!(
            out.location, "/cursussen",
            "[{b}] back to where they were going"
        );
        let session = out.session.expect("a session");
        // Linked to the demo learner by employee number: no new account,
        // name and address from the provider, HR role from the group.
        assert_eq!(user_count(&app).await, users_before, "[{b}]");
        let user = common::account(&app, "anna.devries@demodorp.example").await;
        assert_eq!(user.employee_number.as_deref(), Some("E1001"));
        assert_eq!(user.display_name, "Anna de Vries");
        assert_eq!(user.sso_subject.as_deref(), Some("anna"));
        let roles = app::ssr::accounts::roles_of(&app.state.db, user.id)
            .await
            .unwrap();
        assert!(
            roles.contains(&app::auth::Role::Hr) && roles.contains(&app::auth::Role::Learner),
            "[{b}] {roles:?}"
        );
        let (status, page) = split(app.request(get("/mijn", &session)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Anna de Vries"), "[{b}] signed in as Anna");

        // The same state cannot be used twice (replay), even by the same browser.
        let again = callback_with(&app, &out.callback, Some(&out.browser_cookie)).await;
        assert!(
            again.location.starts_with("/inloggen?sso=verlopen"),
            "[{b}] {}",
            again.location
        );
        assert!(again.session.is_none());
        let (_, page) = app.get(&again.location).await;
        assert!(
            page.contains("Deze inlogpoging is verlopen of al gebruikt"),
            "[{b}] Dutch message"
        );

        // The second sign-in finds the account by the provider's subject.
        let second = sign_in_as(&app, "anna").await;
        assert!(second.session.is_some(), "[{b}] second sign-in");
        assert_eq!(user_count(&app).await, users_before);

        // Signing out offers signing out at the provider too.
        let res = app
            .request(form_post(
                "/api/sign_out",
                String::new(),
                Some(&session),
                "http://localhost/mijn",
            ))
            .await;
        assert_eq!(
            res.headers()[header::LOCATION],
            "/uitgelogd?organisatie=1",
            "[{b}]"
        );
        let (_, page) = app.get("/uitgelogd?organisatie=1").await;
        assert!(
            page.contains("Ook uitloggen bij Gemeente Demodorp"),
            "[{b}] {page}"
        );
        let res = app
            .request(
                Request::get("/uitgelogd/organisatie")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        let logout = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            logout.starts_with(&format!("{}/session/end?", provider.issuer()))
                && logout.contains("client_id=leerplatform")
                && logout.contains(
                    "post_logout_redirect_uri=http%3A%2F%2Flocalhost%2Fuitgelogd%3Fprovider%3D1"
                ),
            "[{b}] {logout}"
        );
        // The session is gone.
        let (_, page) = split(app.request(get("/mijn", &session)).await).await;
        assert!(!page.contains("Anna de Vries"), "[{b}] signed out");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_and_deactivated_people_are_refused_and_nothing_is_created() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    for app in seeded_with(&provider, false).await {
        let b = app.backend;
        let (users, sessions) = (user_count(&app).await, session_count(&app).await);
        let out = sign_in_as(&app, "onbekend").await;
        assert!(
            out.location.starts_with("/inloggen?sso=onbekend"),
            "[{b}] {}",
            out.location
        );
        assert!(out.session.is_none());
        assert_eq!(
            (user_count(&app).await, session_count(&app).await),
            (users, sessions),
            "[{b}] nothing created"
        );
        let (_, page) = app.get(&out.location).await;
        assert!(
            page.contains("Er is op het leerplatform geen account voor jou"),
            "[{b}]"
        );

        // Deactivated by the HR import: the provider's word does not help.
        let user = common::account(&app, "leerling@demodorp.example").await;
        let mut active: app::ssr::entities::users::ActiveModel = user.into();
        active.active = Set(false);
        active.update(&app.state.db).await.unwrap();
        let out = sign_in_as(&app, "anna").await;
        assert!(
            out.location.starts_with("/inloggen?sso=gedeactiveerd"),
            "[{b}] {}",
            out.location
        );
        assert!(out.session.is_none());
        assert_eq!(session_count(&app).await, sessions, "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_new_person_gets_an_account_when_the_setting_allows() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    for app in seeded_with(&provider, true).await {
        let users = user_count(&app).await;
        let out = sign_in_as(&app, "onbekend").await;
        assert_eq!(out.location, "/cursussen", "[{}]", app.backend);
        assert_eq!(user_count(&app).await, users + 1);
        let user = common::account(&app, "nieuw@demodorp.example").await;
        assert_eq!(user.display_name, "Nieuwe Collega");
        assert_eq!(user.employee_number.as_deref(), Some("E9999"));
        assert!(
            user.password_hash.is_none(),
            "no password for a provider account"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn spoiled_id_tokens_are_refused_with_a_clear_message() {
    let cases = [
        (
            "tamper",
            "handtekening",
            "niet ondertekend door je organisatie",
        ),
        (
            "foreign_key",
            "handtekening",
            "niet ondertekend door je organisatie",
        ),
        (
            "audience",
            "andere-toepassing",
            "bedoeld voor een andere toepassing",
        ),
        (
            "expired",
            "bewijs-verlopen",
            "Het bewijs van inloggen is verlopen",
        ),
        ("nonce", "nonce", "hoort niet bij deze inlogpoging"),
        ("issuer", "uitgever", "komt niet van de inlogdienst"),
    ];
    for (fault, code, text) in cases {
        let Some(provider) = Provider::start(Some(fault)) else {
            return;
        };
        for app in seeded_with(&provider, true).await {
            let b = app.backend;
            let (users, sessions) = (user_count(&app).await, session_count(&app).await);
            let out = sign_in_as(&app, "onbekend").await;
            assert!(
                out.location.starts_with(&format!("/inloggen?sso={code}&")),
                "[{b}] {fault}: {}",
                out.location
            );
            assert!(out.session.is_none(), "[{b}] {fault}");
            assert_eq!(
                (user_count(&app).await, session_count(&app).await),
                (users, sessions),
                "[{b}] {fault}: nothing created"
            );
            let (_, page) = app.get(&out.location).await;
            assert!(page.contains(text), "[{b}] {fault}: {text}");
            app.cleanup().await;
        }
    }
}

#[tokio::test]
async fn a_sign_in_started_in_another_browser_is_refused() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    for app in seeded_with(&provider, false).await {
        let res = app
            .request(
                Request::get("/inloggen/organisatie")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        let authorize = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        let callback = oidc::log_in_at_provider(&authorize, "anna").await;
        // The attacker's callback, opened in the victim's browser (login CSRF).
        let out = callback_with(&app, &callback, Some("lp_sso=iets-anders")).await;
        assert!(
            out.location.starts_with("/inloggen?sso=andere-browser"),
            "{}",
            out.location
        );
        assert!(out.session.is_none());
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_key_rotation_at_the_provider_is_followed() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    let apps = seeded_with(&provider, false).await;
    for app in &apps {
        assert!(
            sign_in_as(app, "anna").await.session.is_some(),
            "[{}]",
            app.backend
        );
    }
    let provider = provider.rotate_key();
    // The platform may fetch the keys again at most once a second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for app in apps {
        let out = sign_in_as(&app, "anna").await;
        assert!(
            out.session.is_some(),
            "[{}] after rotation: {}",
            app.backend,
            out.location
        );
        app.cleanup().await;
    }
    drop(provider);
}

#[tokio::test]
async fn admins_can_switch_local_passwords_off_except_for_themselves() {
    let Some(provider) = Provider::start(None) else {
        return;
    };
    for app in seeded_with(&provider, false).await {
        let b = app.backend;
        let admin = common::sign_in(&app, "beheerder@demodorp.example").await;
        let res = app
            .request(form_post(
                "/api/set_password_sign_in",
                form(&[("allowed", "false")]),
                Some(&admin),
                "http://localhost/beheer",
            ))
            .await;
        assert!(
            res.status().is_redirection() || res.status().is_success(),
            "[{b}] {}",
            res.status()
        );
        let res = app
            .request(form_post(
                "/api/sign_in",
                form(&[
                    ("email", "leerling@demodorp.example"),
                    ("password", server::commands::seed_demo::DEMO_PASSWORD),
                ]),
                None,
                "http://localhost/inloggen",
            ))
            .await;
        assert!(
            cookie_named(&res, "lp_sessie").is_none(),
            "[{b}] the learner's password no longer works"
        );
        let location = res
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let (_, page) = app.get(&location).await;
        assert!(
            location.contains("Inloggen%20met%20een%20wachtwoord%20staat%20uit")
                || page.contains("Inloggen met een wachtwoord staat uit"),
            "[{b}] {location}"
        );
        // The admin (break-glass) still can; the sign-in page hides the form.
        common::sign_in(&app, "beheerder@demodorp.example").await;
        let (_, page) = app.get("/inloggen").await;
        assert!(page.contains("Noodtoegang voor beheerders"), "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn passwords_cannot_be_switched_off_without_the_organisations_sign_in() {
    for app in common::seeded().await {
        let admin = common::sign_in(&app, "beheerder@demodorp.example").await;
        let res = app
            .request(form_post(
                "/api/set_password_sign_in",
                form(&[("allowed", "false")]),
                Some(&admin),
                "http://localhost/beheer",
            ))
            .await;
        let location = res
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(
            !res.status().is_success() || location.contains("__err"),
            "[{}] refused: {}",
            app.backend,
            res.status()
        );
        assert!(app::sso::queries::passwords_allowed(&app.state.db)
            .await
            .unwrap());
        // Nothing to follow without a provider.
        let (status, _) = app.get("/inloggen/organisatie").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.cleanup().await;
    }
}
