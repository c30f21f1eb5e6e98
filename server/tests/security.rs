//! The holes an attacker found, each tried again through the whole router on
//! every database backend: stored script in a reflection, an open redirect
//! after sign-in, cross-site state changes, missing security headers, a
//! trainer granting themselves an extra exam attempt, and course assets that
//! could run script in the platform's origin; cookies that are not
//! `Secure` behind TLS.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{form, seeded, sign_in, sign_in_with, split, TestApp};

/// A form post from the site's own front page.
fn post(uri: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    common::form_post(uri, body, cookie, "http://localhost/")
}
use sea_orm::{EntityTrait, PaginatorTrait};

const LEARNER: &str = "leerling@demodorp.example";
const LEARNER_NAME: &str = "Lotte de Leerling";
const DEMO_PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;
const COURSE: &str = "participation-basics";

fn first_module(app: &TestApp) -> domain::model::Module {
    let index = app.state.content.current();
    index.catalog.course(COURSE).unwrap().modules[0].clone()
}

/// Finding 1: saved reflection text is shown as text, never as markup.
#[tokio::test]
async fn a_saved_reflection_cannot_close_its_text_area() {
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let m = first_module(&app);
        let evil = "</textarea><script>alert('xss')</script><img src=x onerror=alert(1)>";
        let res = app
            .request(post(
                "/api/reflection",
                form(&[
                    ("course_id", COURSE),
                    ("module_id", &m.id),
                    ("reflection_id", &m.reflections[0].id),
                    ("body", evil),
                ]),
                Some(&cookie),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] saved");
        let (_, html) = split(
            app.request(common::get(
                &format!("/cursussen/{COURSE}/{}", m.id),
                &cookie,
            ))
            .await,
        )
        .await;
        assert!(
            !html.contains("<script>alert('xss')</script>") && !html.contains("<img src=x"),
            "[{b}] the text is not markup"
        );
        assert!(
            html.contains("&lt;/textarea&gt;&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"),
            "[{b}] but shown as the learner typed it"
        );
        app.cleanup().await;
    }
}

/// Finding 3: after sign-in only a path on this site is followed, and a
/// `next` with a newline does not break the response.
#[tokio::test]
async fn sign_in_never_redirects_off_site() {
    for app in seeded().await {
        let b = app.backend;
        for (next, expected) in [
            ("/cursussen", "/cursussen"),
            ("/\t/evil.example", "/mijn"),
            ("/\n/evil.example", "/mijn"),
            ("/\r\nSet-Cookie: a=b", "/mijn"),
            ("//evil.example", "/mijn"),
            ("/\\evil.example", "/mijn"),
            ("https://evil.example", "/mijn"),
        ] {
            let res = app
                .request(post(
                    "/api/sign_in",
                    form(&[
                        ("email", LEARNER),
                        ("password", server::commands::seed_demo::DEMO_PASSWORD),
                        ("next", next),
                    ]),
                    None,
                ))
                .await;
            assert_eq!(res.status(), StatusCode::FOUND, "[{b}] {next:?}");
            assert_eq!(res.headers()[header::LOCATION], expected, "[{b}] {next:?}");
        }
        app.cleanup().await;
    }
}

/// Finding 4: a state change from another origin, from `null`, or with no
/// Origin at all is refused before it reaches any handler, whether a
/// server function or a plain axum route.
#[tokio::test]
async fn cross_site_state_changes_are_refused() {
    for app in seeded().await {
        let b = app.backend;
        let learner = sign_in(&app, LEARNER).await;
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let m = first_module(&app);
        let reflection = form(&[
            ("course_id", COURSE),
            ("module_id", &m.id),
            ("reflection_id", &m.reflections[0].id),
            ("body", "geplant"),
        ]);
        let department = form(&[("name", "Geplante afdeling"), ("code", "GEPLANT")]);
        for origin in [Some("http://evil.example"), Some("null"), None] {
            let mut requests = vec![
                (
                    "reflection",
                    post("/api/reflection", reflection.clone(), Some(&learner)),
                ),
                (
                    "department",
                    post("/api/department_create", department.clone(), Some(&admin)),
                ),
                (
                    "upload",
                    Request::post("/beheer/import/upload")
                        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
                        .header(header::COOKIE, &admin)
                        .body(Body::from("--x--\r\n"))
                        .unwrap(),
                ),
            ];
            for (_, req) in &mut requests {
                let headers = req.headers_mut();
                headers.insert(header::HOST, "localhost".parse().unwrap());
                match origin {
                    Some(o) => headers.insert(header::ORIGIN, o.parse().unwrap()),
                    None => headers.remove(header::ORIGIN),
                };
            }
            for (what, req) in requests {
                let (status, body) = split(app.request_as_sent(req).await).await;
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "[{b}] {what} from {origin:?}"
                );
                assert!(
                    body.contains("niet van een pagina van het leerplatform"),
                    "[{b}] {what}: the refusal says why: {body}"
                );
            }
        }
        let saved = app::ssr::entities::reflections::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(saved, 0, "[{b}] nothing was saved");
        let departments = app::ssr::entities::departments::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(
            departments.iter().all(|d| d.name != "Geplante afdeling"),
            "[{b}] no department was created"
        );
        // The same request from the site itself goes through.
        let (status, _) = split(
            app.request(post("/api/reflection", reflection, Some(&learner)))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FOUND, "[{b}] same origin is accepted");
        app.cleanup().await;
    }
}

/// Finding 5: security headers on pages, answers, files and errors; pages
/// carry a CSP whose nonce is the one on their hydration scripts.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let m = first_module(&app);
        let page = format!("/cursussen/{COURSE}/{}", m.id);
        let catalog = Request::post("/api/catalog")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap();
        let responses = vec![
            (
                "module page",
                app.request(common::get(&page, &cookie)).await,
            ),
            ("home", app.request(common::get("/", &cookie)).await),
            (
                "404",
                app.request(common::get("/bestaat-niet", &cookie)).await,
            ),
            ("server function", app.request(catalog).await),
            (
                "health",
                app.request(Request::get("/healthz").body(Body::empty()).unwrap())
                    .await,
            ),
        ];
        for (what, res) in responses {
            let h = res.headers().clone();
            let (_, body) = split(res).await;
            assert_eq!(h["x-content-type-options"], "nosniff", "[{b}] {what}");
            assert_eq!(h["x-frame-options"], "DENY", "[{b}] {what}");
            assert!(h.contains_key("referrer-policy"), "[{b}] {what}");
            assert_eq!(h[header::CACHE_CONTROL], "no-store", "[{b}] {what}");
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'"),
                "[{b}] {what}: {csp}"
            );
            if body.contains("<html") {
                let nonce = csp
                    .split("'nonce-")
                    .nth(1)
                    .and_then(|rest| rest.split('\'').next())
                    .unwrap_or_else(|| panic!("[{b}] {what}: page CSP has a nonce: {csp}"));
                assert!(
                    csp.contains("script-src 'self' 'nonce-")
                        && !csp.contains("script-src 'self' 'unsafe-inline"),
                    "[{b}] {what}: {csp}"
                );
                // Every inline script of the page carries that nonce.
                let scripts = body.matches("<script").count();
                let with_nonce = body.matches(&format!("nonce=\"{nonce}\"")).count();
                assert!(scripts > 0, "[{b}] {what} has its hydration scripts");
                assert!(
                    with_nonce
                        >= body.matches("<script>").count()
                            + body.matches("<script type=\"module\"").count(),
                    "[{b}] {what}: {scripts} scripts, {with_nonce} with the nonce"
                );
                // leptos_i18n leaves an empty `<script></script>` as a
                // hydration placeholder: a browser never runs (nor checks)
                // a script element without source text.
                let bare: Vec<&str> = body
                    .match_indices("<script>")
                    .filter(|(at, _)| !body[*at..].starts_with("<script></script>"))
                    .map(|(at, _)| &body[at..(at + 120).min(body.len())])
                    .collect();
                assert!(
                    bare.is_empty(),
                    "[{b}] {what}: scripts without a nonce: {bare:?}"
                );
            }
        }
        app.cleanup().await;
    }
}

/// Finding 6: the attempt limit holds for a trainer on their own record.
#[tokio::test]
async fn nobody_grants_themselves_an_extra_attempt() {
    for app in seeded().await {
        let b = app.backend;
        let db = &app.state.db;
        let trainer = app::ssr::accounts::find_by_email(db, "trainer@demodorp.example")
            .await
            .unwrap()
            .unwrap();
        let index = app.state.content.current();
        let course = index.catalog.course("participatie-in-de-praktijk").unwrap();
        let exam = course.modules.iter().find(|m| m.is_exam()).unwrap();
        let err = app::learning::queries::grant_attempt(
            &app.state.writer,
            trainer.id,
            trainer.id,
            course,
            exam,
        )
        .await
        .expect_err("refused");
        assert!(
            err.message(app::i18n::Locale::nl).contains("jezelf"),
            "[{b}] {err:?}"
        );
        let grants = app::ssr::entities::attempt_grants::Entity::find()
            .count(db)
            .await
            .unwrap();
        assert_eq!(grants, 0, "[{b}] nothing granted");
        app.cleanup().await;
    }
}

/// Finding 7: course assets cannot run script in the platform's origin.
#[tokio::test]
async fn course_assets_cannot_run_script() {
    let content = common::content_copy("assets");
    for app in common::apps_with_content(content.clone()).await {
        let b = app.backend;
        let course = "participatie-in-de-praktijk";
        let assets = content.join("courses").join(course).join("assets");
        // Files put there behind the checker's back (the content was loaded
        // before they came).
        std::fs::write(assets.join("pagina.html"), "<script>alert(1)</script>").unwrap();
        std::fs::write(assets.join("werkblad.docx"), "PK").unwrap();
        let get = |path: &str| {
            Request::get(format!("/inhoud/{course}/assets/{path}"))
                .body(Body::empty())
                .unwrap()
        };

        let res = app.request(get("pagina.html")).await;
        assert_eq!(
            res.status(),
            StatusCode::NOT_FOUND,
            "[{b}] HTML is never served"
        );

        let res = app.request(get("participatieladder.svg")).await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}]");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml");
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("sandbox") && csp.contains("default-src 'none'"),
            "[{b}] {csp}"
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");

        let res = app.request(get("werkblad.docx")).await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}]");
        assert_eq!(
            res.headers()[header::CONTENT_DISPOSITION],
            "attachment",
            "[{b}]"
        );
        app.cleanup().await;
    }
    let _ = std::fs::remove_dir_all(&content);
}

/// The names in `html` of the form fields of question `qid`, and the
/// values of the `<option>`s and inputs that follow each.
fn field_names(html: &str, qid: &str) -> Vec<String> {
    let marker = format!("name=\"f[{qid}.");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find(']').unwrap()].to_string()
        })
        .collect()
}

/// Finding 2: order and match questions cannot be answered from the markup:
/// field names and option values carry no authored position, and an answer
/// built from positions (what the old markup gave away) is not accepted.
#[tokio::test]
async fn order_and_match_answers_are_not_in_the_markup() {
    use domain::model::Answer;
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let index = app.state.content.current();
        let mut seen = 0;
        for course in &index.catalog.courses {
            for m in course.modules.iter().filter(|m| !m.is_exam()) {
                let uri = format!("/cursussen/{}/{}", course.id, m.id);
                let (_, html) = split(app.request(common::get(&uri, &cookie)).await).await;
                for q in &m.questions {
                    let (prefix, n) = match &q.answer {
                        Answer::Order { items, .. } => ('o', items.len()),
                        Answer::Match { pairs } => ('m', pairs.len()),
                        _ => continue,
                    };
                    seen += 1;
                    let names = field_names(&html, &q.id);
                    assert_eq!(names.len(), n, "[{b}] {}: one field per item", q.id);
                    for name in &names {
                        let token = name.strip_prefix(prefix).unwrap();
                        assert!(
                            token.len() >= 12 && (0..=n).all(|i| token != i.to_string()),
                            "[{b}] {}: field {name} is named by a token, not a position",
                            q.id
                        );
                    }
                    assert!(
                        !html.contains(&format!("id=\"vraag-{}-{prefix}0\"", q.id))
                            && html.contains(&format!("id=\"vraag-{}-{prefix}{n}\"", q.id)),
                        "[{b}] {}: ids count from 1 as shown, not from the authored 0",
                        q.id
                    );
                    // What the old markup let anyone send: positions as authored.
                    let mut pairs = vec![
                        ("course_id".to_string(), course.id.clone()),
                        ("module_id".to_string(), m.id.clone()),
                        ("question_id".to_string(), q.id.clone()),
                    ];
                    for i in 0..n {
                        let value = if prefix == 'o' { i + 1 } else { i };
                        pairs.push((format!("f[{}.{prefix}{i}]", q.id), value.to_string()));
                    }
                    let body = common::form_owned(&pairs);
                    let res = app.request(post("/api/answer", body, Some(&cookie))).await;
                    let location = res.headers()[header::LOCATION]
                        .to_str()
                        .unwrap()
                        .to_string();
                    assert!(
                        location.contains("__err="),
                        "[{b}] {}: refused: {location}",
                        q.id
                    );
                }
            }
        }
        assert!(
            seen >= 2,
            "[{b}] the content has order and match questions to try"
        );
        let correct = app::ssr::entities::question_answers::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(correct, 0, "[{b}] nothing was graded");
        app.cleanup().await;
    }
}

async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> (StatusCode, String) {
    let res = app
        .request(
            Request::post("/api/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::from(form(&[
                    ("email", email),
                    ("password", password),
                ])))
                .unwrap(),
        )
        .await;
    split(res).await
}

/// Finding 9: wrong passwords are throttled per account, the same way for
/// an account that does not exist, and a right password does not get past
/// the wait.
#[tokio::test]
async fn wrong_passwords_are_throttled_without_telling_who_has_an_account() {
    for app in seeded().await {
        let b = app.backend;
        for email in [LEARNER, "niemand@demodorp.example"] {
            let mut answers = Vec::new();
            for _ in 0..5 {
                answers.push(try_sign_in(&app, email, "fout-wachtwoord-123").await);
            }
            for (status, body) in &answers {
                assert_eq!(
                    *status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "[{b}] {email}: {body}"
                );
                assert!(
                    body.contains("horen niet bij elkaar"),
                    "[{b}] {email}: {body}"
                );
            }
            // The sixth try waits, even with the right password.
            let (status, body) =
                try_sign_in(&app, email, server::commands::seed_demo::DEMO_PASSWORD).await;
            assert_eq!(
                status,
                StatusCode::TOO_MANY_REQUESTS,
                "[{b}] {email}: {body}"
            );
            assert!(
                body.contains("Te veel mislukte inlogpogingen"),
                "[{b}] {body}"
            );
        }
        // Another account is not held up.
        let (status, _) = try_sign_in(
            &app,
            "trainer@demodorp.example",
            server::commands::seed_demo::DEMO_PASSWORD,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "[{b}] others sign in as usual");
        app.cleanup().await;
    }
}

/// Sessions end after two idle hours and twelve hours after sign-in.
#[tokio::test]
async fn sessions_end_when_idle_and_after_a_working_day() {
    use app::ssr::entities::sessions;
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let (status, _) = split(app.request(common::get("/mijn", &cookie)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}] signed in");
        // Signed in thirteen hours ago, used a minute ago: over.
        let now = chrono::Utc::now();
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::CreatedAt,
                Expr::value(now - chrono::Duration::hours(13)),
            )
            .col_expr(
                sessions::Column::LastSeenAt,
                Expr::value(now - chrono::Duration::minutes(1)),
            )
            .filter(sessions::Column::UserId.is_not_null())
            .exec(&app.state.writer)
            .await
            .unwrap();
        // The in-memory session cache may keep a session for its few
        // seconds (SESSION_CACHE_SECONDS); the rule is the database's.
        app.state.sessions.forget_all();
        let (_, html) = split(app.request(common::get("/mijn", &cookie)).await).await;
        assert!(
            html.contains("/inloggen?next="),
            "[{b}] asked to sign in again"
        );
        // Idle for three hours: over as well.
        let cookie = sign_in(&app, LEARNER).await;
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::ExpiresAt,
                Expr::value(now - chrono::Duration::minutes(1)),
            )
            .filter(sessions::Column::UserId.is_not_null())
            .exec(&app.state.writer)
            .await
            .unwrap();
        // The in-memory session cache may keep a session for its few
        // seconds (SESSION_CACHE_SECONDS); the rule is the database's.
        app.state.sessions.forget_all();
        let (_, html) = split(app.request(common::get("/mijn", &cookie)).await).await;
        assert!(html.contains("/inloggen?next="), "[{b}] idle session ended");
        app.cleanup().await;
    }
}

/// Finding 10: a server function's refusal comes with its own status, not
/// 500; a form without JavaScript still gets its message on the page.
#[tokio::test]
async fn server_function_errors_have_their_own_status() {
    for app in seeded().await {
        let b = app.backend;
        let learner = sign_in(&app, LEARNER).await;
        let api = |endpoint: &str, body: String, cookie: Option<&str>| {
            let mut req = Request::post(format!("/api/{endpoint}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            req.body(Body::from(body)).unwrap()
        };
        let page = form(&[("course_id", COURSE), ("module_id", "bestaat-niet")]);
        for (what, req, expected) in [
            (
                "anonymous",
                api("module_page", page.clone(), None),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "unknown module",
                api("module_page", page.clone(), Some(&learner)),
                StatusCode::NOT_FOUND,
            ),
            (
                "learner grants",
                api(
                    "attempt_grant",
                    form(&[("user", "1"), ("course", COURSE), ("module", "x")]),
                    Some(&learner),
                ),
                StatusCode::FORBIDDEN,
            ),
            (
                "empty answer",
                api(
                    "answer",
                    form(&[
                        ("course_id", COURSE),
                        ("module_id", &first_module(&app).id),
                        ("question_id", &first_module(&app).questions[0].id),
                    ]),
                    Some(&learner),
                ),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ] {
            let (status, body) = split(app.request(req).await).await;
            assert_eq!(status, expected, "[{b}] {what}: {body}");
        }
        // Without JavaScript: back to the page, with the message.
        let res = app
            .request(post("/api/module_page", page, Some(&learner)))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] form post");
        assert!(res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("__err="));
        app.cleanup().await;
    }
}

/// A body larger than any form of the platform is refused with 413 before
/// it is read, not with a 500 after.
#[tokio::test]
async fn oversized_requests_get_413() {
    for app in seeded().await {
        let b = app.backend;
        let learner = sign_in(&app, LEARNER).await;
        let m = first_module(&app);
        let huge = "x".repeat(server::security::API_BODY_LIMIT + 1);
        let body = form(&[
            ("course_id", COURSE),
            ("module_id", &m.id),
            ("reflection_id", &m.reflections[0].id),
            ("body", &huge),
        ]);
        let (status, text) = split(
            app.request(post("/api/reflection", body, Some(&learner)))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "[{b}]");
        assert!(text.contains("te groot"), "[{b}] {text}");
        app.cleanup().await;
    }
}

/// Behind a TLS proxy the session cookie is `Secure` and `__Host-` without
/// any setting, and a plain cookie (one a sibling subdomain or a page over
/// plain HTTP could plant) no longer counts; a local demo over plain HTTP
/// keeps working.
#[tokio::test]
async fn cookies_are_secure_when_the_proxy_says_https() {
    for app in seeded().await {
        let b = app.backend;
        let over_tls = |mut req: Request<Body>| {
            req.headers_mut()
                .insert("x-forwarded-proto", "https".parse().unwrap());
            req
        };
        let mut sign_in = common::form_post(
            "/api/sign_in",
            form(&[("email", LEARNER), ("password", DEMO_PASSWORD)]),
            None,
            "https://localhost/inloggen",
        );
        sign_in
            .headers_mut()
            .insert(header::ORIGIN, "https://localhost".parse().unwrap());
        let res = app.request(over_tls(sign_in)).await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}]");
        let set = res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_string();
        assert!(set.starts_with("__Host-lp_sessie="), "[{b}] {set}");
        assert!(set.contains("; Path=/;") && set.ends_with("; Secure") && !set.contains("Domain"));
        assert!(
            res.headers()
                .contains_key(header::STRICT_TRANSPORT_SECURITY),
            "[{b}]"
        );
        let cookie = set.split(';').next().unwrap().to_string();
        let token = cookie.split_once('=').unwrap().1.to_string();

        let (_, html) = split(app.request(over_tls(common::get("/mijn", &cookie))).await).await;
        assert!(
            html.contains(LEARNER_NAME),
            "[{b}] the __Host- cookie signs in"
        );
        // The same token under the plain name: not over TLS…
        let plain = format!("lp_sessie={token}");
        let (_, html) = split(app.request(over_tls(common::get("/mijn", &plain))).await).await;
        assert!(
            !html.contains(LEARNER_NAME),
            "[{b}] a plain cookie counts over TLS"
        );
        // …and the __Host- one not over plain HTTP, where the local demo's
        // plain cookie works and nothing says HSTS.
        let res = app.request(common::get("/mijn", &cookie)).await;
        assert!(!res
            .headers()
            .contains_key(header::STRICT_TRANSPORT_SECURITY));
        let (_, html) = split(res).await;
        assert!(!html.contains(LEARNER_NAME), "[{b}]");
        let local = sign_in_with(&app, LEARNER, DEMO_PASSWORD).await;
        assert!(local.starts_with("lp_sessie="), "[{b}] {local}");
        let (_, html) = split(app.request(common::get("/mijn", &local)).await).await;
        assert!(html.contains(LEARNER_NAME), "[{b}]");
        app.cleanup().await;
    }
}

/// Behind a proxy listed in `TRUSTED_PROXIES`, the per-address allowance
/// counts the client the proxy names in `X-Forwarded-For`, not the proxy:
/// one guesser behind it waits, the colleague next to them does not. A
/// client that is not a trusted proxy cannot choose its address that way.
#[tokio::test]
async fn address_throttling_sees_through_trusted_proxies_only() {
    use app::ssr::throttle;
    use axum::extract::ConnectInfo;
    use std::net::{IpAddr, SocketAddr};
    use tower::ServiceExt;

    for app in seeded().await {
        let b = app.backend;
        let mut state = app.state.clone();
        state.trusted_proxies = vec!["127.0.0.1".parse().unwrap()].into();
        let router = server::router::app(state);
        let sign_in = |peer: &str, forwarded: Option<&str>, email: &str| {
            let mut req = Request::post("/api/sign_in")
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, "http://localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json");
            if let Some(f) = forwarded {
                req = req.header("x-forwarded-for", f);
            }
            let mut req = req
                .body(Body::from(form(&[
                    ("email", email),
                    ("password", DEMO_PASSWORD),
                ])))
                .unwrap();
            let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
            req.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move { split(router.oneshot(req).await.unwrap()).await }
        };
        // The guesser's address has used up its allowance (as 50 failed
        // sign-ins to 50 accounts would have).
        let guesser: IpAddr = "198.51.100.7".parse().unwrap();
        let now = chrono::Utc::now();
        for _ in 0..60 {
            let failures =
                throttle::read(&app.state.db, throttle::keys("x@y.example", Some(guesser)))
                    .await
                    .unwrap();
            throttle::record_failure(&app.state.writer, &failures, now)
                .await
                .unwrap();
        }
        let (status, body) = sign_in("127.0.0.1", Some("198.51.100.7"), LEARNER).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{b}] the guesser: {body}"
        );
        // A colleague behind the same proxy signs in.
        let (status, body) = sign_in("127.0.0.1", Some("198.51.100.8"), LEARNER).await;
        assert_eq!(status, StatusCode::OK, "[{b}] the colleague: {body}");
        // The guesser cannot pose as someone else by sending the header
        // itself: the proxy appends the address it saw, which counts.
        let (status, _) = sign_in("127.0.0.1", Some("198.51.100.8, 198.51.100.7"), LEARNER).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{b}] a forged header"
        );
        // Straight from the guesser's address, header or not.
        let (status, _) = sign_in("198.51.100.7", Some("198.51.100.9"), LEARNER).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{b}] not through the proxy"
        );
        app.cleanup().await;
    }
}
