//! Words at the edge (issue 13): a refusal reaches a person in the language
//! they chose (the `taal` cookie), from every kind of form: the same
//! request answered in Dutch by default and in English when asked, on
//! SQLite and PostgreSQL. The downloads are proved the same way in
//! `reports.rs` (`downloads_and_their_refusals_speak_the_requesters_language`).

mod common;

use app::ssr::entities::{departments, users};
use axum::body::Body;
use axum::http::{header, Request};
use common::{form, seeded, sign_in, split, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A server function called as the browser's JavaScript calls it.
async fn call(app: &TestApp, endpoint: &str, body: String, cookie: &str) -> (u16, String) {
    let req = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let (status, text) = split(app.request(req).await).await;
    (status.as_u16(), text)
}

async fn department(app: &TestApp, code: &str) -> i32 {
    departments::Entity::find()
        .filter(departments::Column::Code.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn user(app: &TestApp, email: &str) -> i32 {
    users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn every_kind_of_form_refuses_in_the_requesters_language() {
    for app in seeded().await {
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let team = department(&app, "T-OP").await.to_string();
        let learner = user(&app, "leerling@demodorp.example").await.to_string();
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
            let (status, text) = call(&app, endpoint, body.clone(), who).await;
            assert!(
                (400..500).contains(&status) && text.contains(dutch),
                "[{}] {endpoint} in Dutch: {status} {text}",
                app.backend
            );
            let en = format!("{who}; taal=en");
            let (status, text) = call(&app, endpoint, body, &en).await;
            assert!(
                (400..500).contains(&status) && text.contains(english),
                "[{}] {endpoint} in English: {status} {text}",
                app.backend
            );
        }
        app.cleanup().await;
    }
}
