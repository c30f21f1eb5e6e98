//! Words at the edge (issue 13): a refusal reaches a person in the language
//! they chose (the `taal` cookie), from every kind of form: the same
//! request answered in Dutch by default and in English when asked, on
//! SQLite and PostgreSQL. A server function answers with the error as a
//! value: a refusal as a code (`AppError::Refused`), which the page puts
//! into words in its language, or a sentence the server function built in
//! the cookie's language; the test reads it as the page does. The downloads are proved the same way in
//! `reports.rs` (`downloads_and_their_refusals_speak_the_requesters_language`).

mod common;

use app::error::AppError;
use app::i18n::Locale;
use axum::body::Body;
use axum::http::{header, Request};
use common::{account, department, form, form_post, get, seeded, sign_in, split, TestApp};

/// A server function called as the browser's JavaScript calls it; the
/// refusal as the page in `locale` shows it.
async fn call(
    app: &TestApp,
    endpoint: &str,
    body: String,
    cookie: &str,
    locale: Locale,
) -> (u16, String) {
    let (status, text) = common::server_fn_json(app, endpoint, body, cookie).await;
    let shown = match serde_json::from_str::<AppError>(&text) {
        Ok(err) => err.message(locale),
        Err(e) => panic!("{endpoint}: not an error value ({e}): {text}"),
    };
    (status.as_u16(), shown)
}

#[tokio::test]
async fn every_kind_of_form_refuses_in_the_requesters_language() {
    for app in seeded().await {
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let team = department(&app, "T-OP").await.id.to_string();
        let learner = account(&app, "leerling@demodorp.example")
            .await
            .id
            .to_string();
        // (who, endpoint, form, Dutch, English)
        let cases: Vec<(&str, &str, String, &str, &str)> = vec![
            (
                &admin,
                "department_create",
                form(&[("name", " ")]),
                "Vul een naam voor de afdeling in.",
                "Fill in a name for the department.",
            ),
            (
                &admin,
                "department_move_user",
                form(&[("person", "iemand"), ("department", "geen-getal")]),
                "Kies een afdeling uit de lijst.",
                "Choose a department from the list.",
            ),
            (
                &admin,
                "admin_create_user",
                form(&[
                    ("email", "x@"),
                    ("name", "X"),
                    ("password", "lang-genoeg-wachtwoord-9"),
                ]),
                "'x@' is geen geldig e-mailadres.",
                "'x@' is not a valid e-mail address.",
            ),
            (
                &admin,
                "import_apply",
                form(&[("token", "onbekend")]),
                "Dit voorbeeld bestaat niet meer",
                "This preview no longer exists",
            ),
            (
                &admin,
                "person_anonymise",
                form(&[("person", &learner)]),
                "Zet eerst het vinkje",
                "Tick the box first",
            ),
            (
                &hr,
                "assignment_create",
                form(&[
                    ("course", "participatie-in-de-praktijk"),
                    ("target", "afdeling"),
                    ("department", &team),
                    ("due", "31-13-2026"),
                ]),
                "31-13-2026 is geen geldige datum.",
                "31-13-2026 is not a valid date.",
            ),
            (
                &hr,
                "assignment_create",
                form(&[
                    ("course", "participatie-in-de-praktijk"),
                    ("due", "31-12-2030"),
                ]),
                "Kies een afdeling, of kies",
                "Choose a department, or choose",
            ),
            (
                "",
                "sign_in",
                form(&[
                    ("email", "leerling@demodorp.example"),
                    ("password", "fout-wachtwoord"),
                ]),
                "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
                "This e-mail address and password do not belong together.",
            ),
        ];
        for (who, endpoint, body, dutch, english) in cases {
            let (status, text) = call(&app, endpoint, body.clone(), who, Locale::nl).await;
            assert!(
                (400..500).contains(&status) && text.contains(dutch),
                "[{}] {endpoint} in Dutch: {status} {text}",
                app.backend
            );
            let en = format!("{who}; taal=en");
            let (status, text) = call(&app, endpoint, body, &en, Locale::en).await;
            assert!(
                (400..500).contains(&status) && text.contains(english),
                "[{}] {endpoint} in English: {status} {text}",
                app.backend
            );
        }
        app.cleanup().await;
    }
}

/// Without JavaScript a form post goes back to the page it came from with
/// the refusal in the address, and the page shows it in its language.
#[tokio::test]
async fn a_refusal_without_javascript_is_shown_in_the_pages_language() {
    for app in seeded().await {
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        for (taal, expected) in [
            ("nl", "Vul een naam voor de afdeling in."),
            ("en", "Fill in a name for the department."),
        ] {
            let cookie = format!("{admin}; taal={taal}");
            let req = form_post(
                "/api/department_create",
                form(&[("name", " ")]),
                Some(&cookie),
                "http://localhost/beheer/afdelingen",
            );
            let resp = app.request(req).await;
            let location = resp
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let status = resp.status();
            let location =
                location.unwrap_or_else(|| panic!("[{}] no redirect: {status}", app.backend));
            assert!(location.contains("__err="), "[{}] {location}", app.backend);
            let page = get(location.trim_start_matches("http://localhost"), &cookie);
            let (status, html) = split(app.request(page).await).await;
            assert_eq!(status.as_u16(), 200, "[{}] {location}", app.backend);
            assert!(
                html.contains(expected),
                "[{}] {taal}: the page does not show {expected:?}",
                app.backend
            );
        }
        app.cleanup().await;
    }
}

/// A plain axum handler (the import upload) refuses in the requester's
/// language too.
#[tokio::test]
async fn the_upload_refuses_a_non_admin_in_their_language() {
    for app in seeded().await {
        let learner = sign_in(&app, "leerling@demodorp.example").await;
        for (taal, expected) in [
            ("nl", "Je hebt geen toegang tot deze pagina of actie."),
            ("en", "You do not have access to this page or action."),
        ] {
            let req = Request::post("/beheer/import/upload")
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, "http://localhost")
                .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
                .header(header::COOKIE, format!("{learner}; taal={taal}"))
                .body(Body::from("--x--\r\n"))
                .unwrap();
            let (status, text) = split(app.request(req).await).await;
            assert_eq!(status.as_u16(), 403, "[{}] {taal}", app.backend);
            assert_eq!(text, expected, "[{}] {taal}", app.backend);
        }
        app.cleanup().await;
    }
}

/// The page title is made before the response, in the request's own
/// language. It used to be a closure over the language signal that
/// leptos_meta ran after a yield, outside the request's reactive arena:
/// when another request ran on the same thread meanwhile, the title came
/// out in *that* request's language, or the read panicked ("Tried to access
/// a reactive value that has already been disposed") when that request was
/// already gone. Here one request is polled a step at a time while whole
/// requests in the other language run in between, on one thread.
#[tokio::test]
async fn interleaved_requests_keep_their_own_title_and_never_panic() {
    use std::future::Future;
    use std::task::Poll;
    use tower::ServiceExt;
    let app = TestApp::new("sqlite", common::sqlite_url(), common::content_dir(), None).await;
    let router = app.router();
    let page = |taal: &str| {
        Request::get("/inloggen")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, format!("taal={taal}"))
            .body(Body::empty())
            .unwrap()
    };
    let title = |html: &str| {
        html.split("<title>")
            .nth(1)
            .and_then(|s| s.split("</title>").next())
            .unwrap_or("<none>")
            .to_string()
    };
    let mut interleaved = 0;
    for _ in 0..5 {
        let mut dutch = Box::pin(router.clone().oneshot(page("nl")));
        let res = loop {
            // One step of the Dutch request…
            let step = std::future::poll_fn(|cx| Poll::Ready(dutch.as_mut().poll(cx))).await;
            if let Poll::Ready(res) = step {
                break res.unwrap();
            }
            // …then a whole English one on the same thread.
            interleaved += 1;
            let (_, english) = split(router.clone().oneshot(page("en")).await.unwrap()).await;
            assert_eq!(title(&english), "Sign in – Leerplatform Participatie");
        };
        let (_, dutch) = split(res).await;
        assert_eq!(title(&dutch), "Inloggen – Leerplatform Participatie");
    }
    assert!(interleaved > 0, "the requests did interleave");
    app.cleanup().await;
}
