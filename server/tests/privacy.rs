//! The rights of data subjects (AVG/GDPR, docs/privacy.md) through the
//! whole router, on every database backend: a learner's own data as a page
//! and as a JSON download (theirs and nobody else's), an admin anonymising a
//! person (figures unchanged, name and address gone from every table and
//! from the verification page) or deleting them, who may do either, the
//! retention rule (dry run, real run, twice, two nodes at once), and a log
//! without personal data.

mod common;

use app::privacy::queries::{self, Actor, Outcome};
use app::privacy::types::MyData;
use app::ssr::accounts::{self, NewUser, Role};
use app::ssr::entities::{audit_log, completion_records, departments, users};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::{account, correct_fields, form, form_post as post, seeded, split, tokenized, TestApp};
use domain::model::{Module, Question};
use domain::option_tokens::Namer;
use http_body_util::BodyExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, Statement,
};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

const PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;
const LEARNER: &str = "leerling@demodorp.example";
const LEARNER_NAME: &str = "Lotte de Leerling";
const OTHER: &str = "trainer@demodorp.example";
const OTHER_NAME: &str = "Tim Trainer";
const ADMIN: &str = "beheerder@demodorp.example";
const HR: &str = "hr@demodorp.example";
const COURSE: &str = "participation-basics";

// ---------------------------------------------------------------------------
// The log: every test in this file writes its tracing output here, through
// one global subscriber, with the production filter (`server::telemetry`)
// plus debug for the platform's own crates.
//
// Not `tower_http=debug`: at that level the request span records the whole
// URI with its query string, and a form refused without JavaScript comes
// back to its page with the server's message in `?__err=` (base64 JSON),
// which can name a person (docs/privacy.md, chapter 6). Should the request
// span ever log at the production level, [`hidden_messages`] makes this
// test read those messages too.
// ---------------------------------------------------------------------------

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn log() -> &'static Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Captured::default();
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "info,sqlx=warn,sea_orm=warn,tower_http=info,app=debug,server=debug",
            ))
            .with_writer(log.clone())
            .with_ansi(false)
            .try_init();
        log
    })
}

fn log_text() -> String {
    String::from_utf8_lossy(&log().0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

/// The messages hidden in `__err=` query values (server_fn's base64 JSON).
fn hidden_messages(text: &str) -> String {
    fn sextet(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    }
    let mut out = String::new();
    for (i, _) in text.match_indices("__err=") {
        let value = &text.as_bytes()[i + 6..];
        let (mut bits, mut n, mut bytes) = (0u32, 0, Vec::new());
        for c in value.iter().map_while(|c| sextet(*c)) {
            bits = (bits << 6) | c;
            n += 6;
            if n >= 8 {
                n -= 8;
                bytes.push((bits >> n) as u8);
                bits &= (1 << n) - 1;
            }
        }
        out.push_str(&String::from_utf8_lossy(&bytes));
        out.push('\n');
    }
    out
}

/// Every e-mail address in `text` (a word with one `@` and a dot after it).
fn email_addresses(text: &str) -> Vec<String> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let mut found = Vec::new();
    for (i, _) in text.match_indices('@') {
        let local: String = text[..i]
            .chars()
            .rev()
            .take_while(|c| is_part(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let domain: String = text[i + 1..].chars().take_while(|c| is_part(*c)).collect();
        let domain = domain.trim_end_matches('.');
        if !local.is_empty() && domain.contains('.') {
            found.push(format!("{local}@{domain}"));
        }
    }
    found
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/// The same post as the hydrated page sends it: the answer carries the
/// error's own status.
fn post_js(uri: &str, body: String, cookie: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::empty()).unwrap()
}

async fn page(app: &TestApp, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
    split(app.request(get(uri, cookie)).await).await
}

async fn sign_in(app: &TestApp, email: &str) -> String {
    common::sign_in(app, email).await
}

async fn wrong_sign_in(app: &TestApp, email: &str) {
    let res = app
        .request(post(
            "/api/sign_in",
            form(&[("email", email), ("password", "helemaal-fout-123")]),
            None,
            "http://localhost/inloggen",
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}]", app.backend);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

// ---------------------------------------------------------------------------
// Learning, as in server/tests/learning.rs
// ---------------------------------------------------------------------------

fn course(app: &TestApp) -> domain::model::Course {
    app.state
        .content
        .current()
        .catalog
        .course(COURSE)
        .unwrap()
        .clone()
}

async fn answer(app: &TestApp, cookie: &str, learner: i32, m: &Module, q: &Question) {
    let names = Namer::lesson(&app.state.option_key, learner);
    let mut pairs = vec![
        ("course_id".to_string(), COURSE.to_string()),
        ("module_id".to_string(), m.id.clone()),
        ("question_id".to_string(), q.id.clone()),
    ];
    pairs.extend(tokenized(q, correct_fields(q), &names));
    let body = common::form_owned(&pairs);
    let res = app
        .request(post(
            "/api/answer",
            body,
            Some(cookie),
            &format!("http://localhost/cursussen/{COURSE}/{}", m.id),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}] answer", app.backend);
}

async fn reflect(app: &TestApp, cookie: &str, m: &Module, text: &str) {
    let res = app
        .request(post(
            "/api/reflection",
            form(&[
                ("course_id", COURSE),
                ("module_id", &m.id),
                ("reflection_id", &m.reflections[0].id),
                ("body", text),
            ]),
            Some(cookie),
            &format!("http://localhost/cursussen/{COURSE}/{}", m.id),
        ))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FOUND,
        "[{}] reflection",
        app.backend
    );
}

/// Rate a module 4 with `comment`, as the module page's form does.
async fn give_feedback(app: &TestApp, cookie: &str, m: &Module, comment: &str) {
    let res = app
        .request(post(
            "/api/feedback",
            form(&[
                ("course_id", COURSE),
                ("module_id", &m.id),
                ("rating", "4"),
                ("comment", comment),
            ]),
            Some(cookie),
            &format!("http://localhost/cursussen/{COURSE}/{}", m.id),
        ))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FOUND,
        "[{}] feedback",
        app.backend
    );
}

/// Take the starter course's self-scan (not started; the municipality
/// leads; no worries), as its form does.
async fn take_scan(app: &TestApp, cookie: &str) {
    let course = "participatie-in-de-praktijk";
    let res = app
        .request(post(
            "/api/scan",
            form(&[
                ("course_id", course),
                ("f[stadium]", "0"),
                ("f[richting]", "0"),
            ]),
            Some(cookie),
            &format!("http://localhost/scan/{course}"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}] scan", app.backend);
    let to = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(!to.contains("__err"), "[{}] scan saved: {to}", app.backend);
}

/// Sign in as `email`, complete the English course (every answer right),
/// write a reflection, give feedback on that module with the same text as
/// comment and take the starter course's scan; returns the session cookie
/// and the record's code.
async fn complete_course(app: &TestApp, email: &str, reflection: &str) -> (String, String) {
    let cookie = sign_in(app, email).await;
    let id = account(app, email).await.id;
    let course = course(app);
    for m in &course.modules {
        for q in &m.questions {
            answer(app, &cookie, id, m, q).await;
        }
    }
    let m = course
        .modules
        .iter()
        .find(|m| !m.reflections.is_empty())
        .unwrap();
    reflect(app, &cookie, m, reflection).await;
    give_feedback(app, &cookie, m, &format!("Feedback: {reflection}")).await;
    take_scan(app, &cookie).await;
    let record = completion_records::Entity::find()
        .filter(completion_records::Column::UserId.eq(id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("[{}] a record for {email}", app.backend));
    (cookie, record.verification_code)
}

// ---------------------------------------------------------------------------
// The database, read whole
// ---------------------------------------------------------------------------

async fn rows_text(app: &TestApp, sql: &str) -> Vec<String> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            r.try_get_by_index::<Option<String>>(0)
                .unwrap()
                .unwrap_or_default()
        })
        .collect()
}

async fn tables(app: &TestApp) -> Vec<String> {
    let sql = match app.state.db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    };
    rows_text(app, sql).await
}

/// Every row of every table as text, one line per row, prefixed with the
/// table's name.
async fn whole_database(app: &TestApp) -> String {
    let mut out = String::new();
    for table in tables(app).await {
        let sql = match app.state.db.get_database_backend() {
            DbBackend::Postgres => format!("SELECT CAST(t AS TEXT) FROM \"{table}\" t"),
            _ => {
                let columns = rows_text(
                    app,
                    &format!("SELECT name FROM pragma_table_info('{table}')"),
                )
                .await;
                let row = columns
                    .iter()
                    .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                format!("SELECT {row} FROM \"{table}\"")
            }
        };
        for row in rows_text(app, &sql).await {
            out.push_str(&format!("{table}: {row}\n"));
        }
    }
    out
}

/// The figures reports are made of: every report cell, and the records,
/// answers, attempts and progress per course and department.
async fn figures(app: &TestApp) -> Vec<String> {
    let mut all = Vec::new();
    for sql in [
        "SELECT CAST(department_id AS TEXT) || ' ' || course_id || ' ' || CAST(completed AS TEXT) || ' ' || \
           CAST(expiring AS TEXT) || ' ' || CAST(expired AS TEXT) || ' ' || CAST(in_progress AS TEXT) || ' ' || \
           CAST(overdue AS TEXT) || ' ' || CAST(required AS TEXT) FROM report_cells ORDER BY 1",
        "SELECT course_id || ' ' || COALESCE(CAST(department_id AS TEXT), '-') || ' ' || CAST(COUNT(*) AS TEXT) || ' ' || \
           CAST(SUM(score_percent) AS TEXT) FROM completion_records GROUP BY course_id, department_id ORDER BY 1",
        "SELECT 'answers ' || CAST(COUNT(*) AS TEXT) || ' ' || CAST(SUM(fraction) AS TEXT) FROM question_answers",
        "SELECT 'progress ' || CAST(COUNT(*) AS TEXT) FROM module_progress WHERE status = 'complete'",
        "SELECT 'enrollments ' || CAST(COUNT(*) AS TEXT) FROM enrollments",
        "SELECT 'attempts ' || CAST(COUNT(*) AS TEXT) FROM exam_attempts",
    ] {
        all.extend(rows_text(app, sql).await);
    }
    all
}

/// Deactivate a person as the HR import does (the report summaries follow).
async fn deactivate(app: &TestApp, id: i32) {
    let txn = app::learning::queries::begin_write(&app.state.writer)
        .await
        .unwrap();
    let user = users::Entity::find_by_id(id)
        .one(&txn)
        .await
        .unwrap()
        .unwrap();
    let mut active: users::ActiveModel = user.into();
    active.active = Set(false);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await.unwrap();
    app::ssr::report_summary::users_changed(&txn, &[id])
        .await
        .unwrap();
    txn.commit().await.unwrap();
    app.state.sessions.forget_all();
}

/// The report summaries as upkeep left them equal a rebuild from scratch.
async fn assert_summaries_exact(app: &TestApp) {
    let before = figures(app).await;
    app::ssr::report_summary::rebuild(&app.state.writer)
        .await
        .unwrap();
    assert_eq!(
        before,
        figures(app).await,
        "[{}] upkeep equals a rebuild",
        app.backend
    );
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_learner_sees_and_downloads_their_own_data_and_nobody_elses() {
    log();
    for app in seeded().await {
        let b = app.backend;
        let (cookie, code) = complete_course(&app, LEARNER, "Wat ik zelf dacht, Lotte").await;
        // A failed sign-in afterwards (a successful one clears the count).
        wrong_sign_in(&app, LEARNER).await;
        let (_, other_code) = complete_course(&app, OTHER, "Reflectie van iemand anders").await;
        let me = account(&app, LEARNER).await.id;

        // The download: a JSON file, saved by the browser under a name.
        // Following the page's link, as a browser does: it asks for HTML
        // and says where it came from; it gets the file, not a redirect.
        let res = app
            .request(
                Request::get("/mijn/gegevens.json")
                    .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
                    .header(header::REFERER, "http://localhost/mijn/gegevens")
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}] download");
        let disposition = res.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition.starts_with("attachment; filename=\"mijn-gegevens-")
                && disposition.ends_with(".json\""),
            "[{b}] {disposition}"
        );
        assert!(res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let data: MyData = serde_json::from_str(&text).unwrap();
        assert_eq!(data.format, app::privacy::types::FORMAT);
        assert_eq!(data.account.id, me);
        assert_eq!(data.account.email, LEARNER);
        assert_eq!(data.account.name, LEARNER_NAME);
        assert!(data
            .account
            .department
            .as_deref()
            .is_some_and(|d| d.contains("Team Omgevingsplan")));
        assert_eq!(data.roles, vec!["learner".to_string()]);
        assert!(!data.sessions.is_empty(), "[{b}] the open session");
        assert_eq!(data.failed_sign_ins.as_ref().map(|f| f.failures), Some(1));
        let course = course(&app);
        let questions: usize = course.modules.iter().map(|m| m.questions.len()).sum();
        assert_eq!(data.answers.len(), questions, "[{b}] every answer");
        assert!(data
            .answers
            .iter()
            .all(|a| a.correct && a.exam_attempt.is_none()));
        assert_eq!(data.enrollments.len(), 1);
        assert_eq!(data.module_progress.len(), course.modules.len());
        assert_eq!(data.course_overview.len(), 1);
        assert_eq!(data.reflections.len(), 1);
        assert_eq!(data.reflections[0].text, "Wat ik zelf dacht, Lotte");
        assert_eq!(data.feedback.len(), 1, "[{b}] the feedback given");
        assert_eq!(data.feedback[0].rating, 4);
        assert_eq!(
            data.feedback[0].comment.as_deref(),
            Some("Feedback: Wat ik zelf dacht, Lotte")
        );
        assert_eq!(data.scans.len(), 1, "[{b}] the scan taken");
        assert_eq!(data.scans[0].choices, "richting=0;stadium=0;zorgen=");
        assert_eq!(
            data.scans[0].chosen,
            [
                "We zijn nog helemaal niet begonnen",
                "De gemeente: wij willen inwoners betrekken"
            ],
            "[{b}] the chosen options' words"
        );
        assert_eq!(data.records.len(), 1);
        assert_eq!(data.records[0].verification_code, code);
        assert!(
            data.audit
                .iter()
                .any(|e| e.action == "sign_in" && e.by_you && e.subject == format!("user:{me}")),
            "[{b}] the sign-in is in the log"
        );
        // Nothing of the other learner.
        for theirs in [
            OTHER,
            OTHER_NAME,
            "Reflectie van iemand anders",
            other_code.as_str(),
        ] {
            assert!(!text.contains(theirs), "[{b}] the download holds {theirs}");
        }
        // The download itself is in the audit log.
        let exports = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("data_export"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(exports.len(), 1);
        assert_eq!(exports[0].actor_id, Some(me));

        // A script asking for JSON gets the same.
        let res = app
            .request(
                Request::get("/mijn/gegevens.json")
                    .header(header::ACCEPT, "application/json")
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}]");
        let (_, again) = split(res).await;
        let again: MyData = serde_json::from_str(&again).unwrap();
        assert_eq!(again.account, data.account);

        // The readable page: the same data, in Dutch, with the download link.
        let (status, html) = page(&app, "/mijn/gegevens", Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        for expected in [
            "Mijn gegevens",
            LEARNER_NAME,
            LEARNER,
            "Wat ik zelf dacht, Lotte",
            code.as_str(),
            "href=\"/mijn/gegevens.json\"",
            "Je rechten",
            "Mislukte aanmeldpogingen",
        ] {
            assert!(html.contains(expected), "[{b}] the page lacks {expected}");
        }
        for theirs in [
            OTHER,
            OTHER_NAME,
            "Reflectie van iemand anders",
            other_code.as_str(),
        ] {
            assert!(!html.contains(theirs), "[{b}] the page shows {theirs}");
        }
        // In English through the language choice.
        let (_, html) = page(&app, "/mijn/gegevens", Some(&format!("{cookie}; taal=en"))).await;
        assert!(html.contains("My data") && html.contains("Download my data (JSON)"));
        // The footer links to it from every page.
        let (_, home) = page(&app, "/", None).await;
        assert!(home.contains("href=\"/mijn/gegevens\""));

        // Without a session: nothing, but the way to sign in and back.
        let res = app
            .request(
                Request::get("/mijn/gegevens.json")
                    .header(header::ACCEPT, "application/json")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(res.status().is_redirection(), "[{b}] {}", res.status());
        assert_eq!(
            res.headers()[header::LOCATION],
            "/inloggen?next=/mijn/gegevens",
            "[{b}]"
        );
        let (_, body) = split(res).await;
        assert!(!body.contains(LEARNER), "[{b}] {body}");
        let (_, html) = page(&app, "/mijn/gegevens", None).await;
        assert!(html.contains("Je moet ingelogd zijn") && !html.contains(LEARNER_NAME));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn anonymising_keeps_the_figures_and_removes_the_person_everywhere() {
    log();
    for app in seeded().await {
        let b = app.backend;
        let (learner_cookie, code) =
            complete_course(&app, LEARNER, "Mijn eigen gedachte over inspraak").await;
        let (_, other_code) = complete_course(&app, OTHER, "Tim zijn gedachte").await;
        // A failed sign-in after theirs: the count is kept under the address.
        wrong_sign_in(&app, LEARNER).await;
        let id = account(&app, LEARNER).await.id;
        // They once signed in through the organisation's provider.
        app.state
            .db
            .execute_unprepared(&format!(
                "UPDATE users SET sso_subject = 'provider-sub-{id}' WHERE id = {id}"
            ))
            .await
            .unwrap();
        // The usual case: HR deactivated the leaver; later they are anonymised.
        deactivate(&app, id).await;
        let figures_before = figures(&app).await;
        let (status, verify) = page(&app, &format!("/verify/{code}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(verify.contains(LEARNER_NAME), "[{b}] named before");

        let admin = sign_in(&app, ADMIN).await;
        let (status, html) = page(&app, &format!("/beheer/privacy/{id}"), Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert!(html.contains(LEARNER_NAME) && html.contains("Anonimiseer deze medewerker"));
        assert!(
            html.contains("name=\"confirmed\""),
            "[{b}] a tick to confirm"
        );
        // The person's report page links here, for admins.
        let (_, report) = page(&app, &format!("/rapportage/persoon/{id}"), Some(&admin)).await;
        assert!(
            report.contains(&format!("href=\"/beheer/privacy/{id}\"")),
            "[{b}]"
        );
        let hr = sign_in(&app, HR).await;
        let (_, report) = page(&app, &format!("/rapportage/persoon/{id}"), Some(&hr)).await;
        assert!(!report.contains("/beheer/privacy/"), "[{b}] not for HR");

        // Without the tick: refused, nothing changes.
        let res = app
            .request(post_js(
                "/api/person_anonymise",
                form(&[("person", &id.to_string())]),
                &admin,
            ))
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "[{b}]");
        let (_, body) = split(res).await;
        assert!(body.contains("Zet eerst het vinkje"), "[{b}] {body}");
        assert!(!queries::is_anonymised(&app.state.db, id).await.unwrap());

        // With it, as a form without JavaScript posts it.
        let res = app
            .request(post(
                "/api/person_anonymise",
                form(&[("person", &id.to_string()), ("confirmed", "ja")]),
                Some(&admin),
                &format!("http://localhost/beheer/privacy/{id}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}]");
        assert_eq!(
            res.headers()[header::LOCATION],
            format!("/beheer/privacy/{id}?klaar=geanonimiseerd").as_str()
        );
        let (_, html) = page(
            &app,
            &format!("/beheer/privacy/{id}?klaar=geanonimiseerd"),
            Some(&admin),
        )
        .await;
        assert!(html.contains("De medewerker is geanonimiseerd."), "[{b}]");
        assert!(!html.contains(LEARNER_NAME));

        // The figures stay exactly the same, and stay exact.
        assert_eq!(figures_before, figures(&app).await, "[{b}] same figures");
        assert_summaries_exact(&app).await;

        // The account: a placeholder, inactive, no password, no roles.
        let user = users::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            user.display_name,
            format!("Geanonimiseerde medewerker {id}")
        );
        assert_eq!(user.email, format!("geanonimiseerd-{id}@anoniem.invalid"));
        assert!(!user.active && user.password_hash.is_none() && user.employee_number.is_none());
        assert!(
            user.sso_subject.is_none(),
            "[{b}] no longer linked to the provider's account"
        );

        // Gone from every table: name, address, reflection text, feedback
        // comment (it holds the reflection's text too).
        let dump = whole_database(&app).await;
        for gone in [
            LEARNER_NAME,
            "Lotte",
            LEARNER,
            "Mijn eigen gedachte over inspraak",
        ] {
            assert!(!dump.contains(gone), "[{b}] still in the database: {gone}");
        }
        assert!(
            dump.contains("Tim zijn gedachte"),
            "[{b}] others keep theirs"
        );
        // The rating stays (trainers never see whose it is), the comment goes.
        assert_eq!(
            rows_text(
                &app,
                &format!("SELECT CAST(rating AS TEXT) FROM feedback WHERE user_id = {id} AND comment IS NULL")
            )
            .await,
            vec!["4".to_string()],
            "[{b}] the rating without its comment"
        );

        // The verification page: the record exists and is valid, unnamed.
        let (status, verify) = page(&app, &format!("/verify/{code}"), None).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert!(verify.contains("Dit bewijs is echt en geldig."), "[{b}]");
        assert!(verify.contains(&course(&app).title));
        assert!(verify.contains("geanonimiseerd"));
        assert!(!verify.contains(LEARNER_NAME) && !verify.contains("Team Omgevingsplan"));
        let (_, other) = page(&app, &format!("/verify/{other_code}"), None).await;
        assert!(other.contains(OTHER_NAME), "[{b}] others are still named");
        // In English too.
        let (_, verify) = split(
            app.request(
                Request::get(format!("/verify/{code}"))
                    .header(header::COOKIE, "taal=en")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await,
        )
        .await;
        assert!(verify.contains("has been anonymised"), "[{b}]");

        // HR's records report still counts the record, under the placeholder.
        let (_, records) = page(&app, "/rapportage/certificaten", Some(&hr)).await;
        assert!(
            records.contains(&format!("Geanonimiseerde medewerker {id}")),
            "[{b}]"
        );
        assert!(!records.contains(LEARNER_NAME));

        // The old session is gone, and so is signing in.
        let (_, html) = page(&app, "/mijn", Some(&learner_cookie)).await;
        assert!(html.contains("Je moet ingelogd zijn"), "[{b}] signed out");
        wrong_sign_in(&app, LEARNER).await;

        // Audited, by number, without the name.
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("person_anonymise"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].subject, format!("user:{id}"));
        assert_eq!(entries[0].actor_id, Some(account(&app, ADMIN).await.id));
        assert!(!entries[0].details.contains("Lotte"));

        // Again: harmless, nothing new.
        assert_eq!(
            queries::anonymise(&app.state.writer, &app.state.sessions, id, Actor::Retention)
                .await
                .unwrap(),
            Outcome::AlreadyDone
        );
        assert_eq!(figures_before, figures(&app).await);
        app.cleanup().await;
    }
}

/// An active person anonymised on request leaves the current-employee
/// figures as a deactivated one does, and their records stay counted.
#[tokio::test]
async fn anonymising_an_active_person_keeps_their_records_in_the_records_report() {
    log();
    for app in seeded().await {
        let b = app.backend;
        let (_, code) = complete_course(&app, LEARNER, "Nog een gedachte").await;
        let id = account(&app, LEARNER).await.id;
        let records = "SELECT course_id || ' ' || COALESCE(CAST(department_id AS TEXT), '-') || ' ' || \
                         CAST(COUNT(*) AS TEXT) FROM completion_records GROUP BY course_id, department_id ORDER BY 1";
        let before = rows_text(&app, records).await;
        let admin = sign_in(&app, ADMIN).await;
        let res = app
            .request(post_js(
                "/api/person_anonymise",
                form(&[("person", &id.to_string()), ("confirmed", "ja")]),
                &admin,
            ))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}]");
        assert_eq!(before, rows_text(&app, records).await, "[{b}]");
        assert_summaries_exact(&app).await;
        let (status, verify) = page(&app, &format!("/verify/{code}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!verify.contains(LEARNER_NAME));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn deleting_removes_the_person_and_everything_of_theirs() {
    log();
    for app in seeded().await {
        let b = app.backend;
        let (_, code) = complete_course(&app, LEARNER, "Weg ermee").await;
        let (_, other_code) = complete_course(&app, OTHER, "Blijft staan").await;
        // A failed sign-in after theirs: the count is kept under the address.
        wrong_sign_in(&app, LEARNER).await;
        let id = account(&app, LEARNER).await.id;
        let admin = sign_in(&app, ADMIN).await;
        // An assignment the learner made, an extra attempt they were given:
        // the references go with them.
        app::ssr::entities::assignments::ActiveModel {
            course_id: Set(COURSE.into()),
            department_id: Set(None),
            user_id: Set(Some(id)),
            include_subdepartments: Set(false),
            due_on: Set(Utc::now().date_naive() + Duration::days(30)),
            assigned_by: Set(Some(account(&app, ADMIN).await.id)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.state.writer)
        .await
        .unwrap();

        let res = app
            .request(post_js(
                "/api/person_delete",
                form(&[("person", &id.to_string())]),
                &admin,
            ))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{b}] confirm first"
        );
        let res = app
            .request(post(
                "/api/person_delete",
                form(&[("person", &id.to_string()), ("confirmed", "ja")]),
                Some(&admin),
                &format!("http://localhost/beheer/privacy/{id}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}]");
        let to = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(to, format!("/beheer/privacy/{id}?klaar=verwijderd"));
        let (status, html) = page(&app, &to, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert!(html.contains("De medewerker en al diens gegevens zijn verwijderd."));
        // Their answers left the question analysis's sums too.
        common::assert_item_sums_match_a_recount(&app.state.writer, &format!("[{b}] deleted"))
            .await;

        // No row anywhere points at them, and nothing names them.
        assert!(users::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none());
        for table in tables(&app).await {
            let columns: Vec<String> = match app.state.db.get_database_backend() {
                DbBackend::Postgres => {
                    rows_text(
                        &app,
                        &format!(
                            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                             WHERE table_schema = current_schema() AND table_name = '{table}'"
                        ),
                    )
                    .await
                }
                _ => {
                    rows_text(
                        &app,
                        &format!("SELECT name FROM pragma_table_info('{table}')"),
                    )
                    .await
                }
            };
            if columns.iter().any(|c| c == "user_id") {
                let n = rows_text(
                    &app,
                    &format!("SELECT CAST(COUNT(*) AS TEXT) FROM \"{table}\" WHERE user_id = {id}"),
                )
                .await;
                assert_eq!(n, vec!["0".to_string()], "[{b}] {table} still has rows");
            }
        }
        let dump = whole_database(&app).await;
        for gone in [LEARNER_NAME, LEARNER, "Weg ermee", code.as_str()] {
            assert!(!dump.contains(gone), "[{b}] still in the database: {gone}");
        }
        assert!(dump.contains("Blijft staan") && dump.contains(&other_code));
        assert_summaries_exact(&app).await;

        // The code no longer verifies; the other learner's still does.
        let (status, _) = page(&app, &format!("/verify/{code}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{b}]");
        let (status, _) = page(&app, &format!("/verify/{other_code}"), None).await;
        assert_eq!(status, StatusCode::OK);

        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("person_delete"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].subject, format!("user:{id}"));
        // Deleting again: the person is not there.
        let res = app
            .request(post_js(
                "/api/person_delete",
                form(&[("person", &id.to_string()), ("confirmed", "ja")]),
                &admin,
            ))
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn only_admins_anonymise_or_delete_and_never_themselves() {
    log();
    for app in seeded().await {
        let b = app.backend;
        let learner = sign_in(&app, LEARNER).await;
        let hr = sign_in(&app, HR).await;
        let admin = sign_in(&app, ADMIN).await;
        let admin_id = account(&app, ADMIN).await.id;
        let other = account(&app, OTHER).await.id;
        for (who, cookie) in [("learner", &learner), ("hr", &hr)] {
            for action in ["/api/person_anonymise", "/api/person_delete"] {
                let res = app
                    .request(post_js(
                        action,
                        form(&[("person", &other.to_string()), ("confirmed", "ja")]),
                        cookie,
                    ))
                    .await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "[{b}] {who} {action}");
            }
            let (status, html) =
                page(&app, &format!("/beheer/privacy/{other}"), Some(cookie)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "[{b}] {who}");
            assert!(!html.contains(OTHER_NAME));
        }
        let res = app
            .request(
                Request::post("/api/person_anonymise")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .body(Body::from(form(&[
                        ("person", &other.to_string()),
                        ("confirmed", "ja"),
                    ])))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "[{b}]");

        // The admin on themself: refused, with the reason.
        for action in ["/api/person_anonymise", "/api/person_delete"] {
            let res = app
                .request(post_js(
                    action,
                    form(&[("person", &admin_id.to_string()), ("confirmed", "ja")]),
                    &admin,
                ))
                .await;
            assert_eq!(res.status(), StatusCode::CONFLICT, "[{b}] {action}");
            let (_, body) = split(res).await;
            assert!(body.contains("eigen account"), "[{b}] {body}");
        }
        let (_, html) = page(&app, &format!("/beheer/privacy/{admin_id}"), Some(&admin)).await;
        assert!(html.contains("Dit ben jij."), "[{b}]");
        assert!(
            !html.contains("name=\"confirmed\""),
            "[{b}] no forms for oneself"
        );
        let me = users::Entity::find_by_id(admin_id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(me.active && me.display_name == "Bea Beheerder");
        let (_, html) = page(&app, "/beheer", Some(&admin)).await;
        assert!(html.contains("Bea Beheerder"), "[{b}] still an admin");
        // Nobody was changed.
        assert!(audit_log::Entity::find()
            .filter(audit_log::Column::Action.is_in(["person_anonymise", "person_delete"]))
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty());
        // An unknown person.
        let (status, _) = page(&app, "/beheer/privacy/999999", Some(&admin)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{b}]");
        app.cleanup().await;
    }
}

async fn person(app: &TestApp, email: &str, name: &str) -> i32 {
    let dept = departments::Entity::find()
        .filter(departments::Column::Code.eq("T-OP"))
        .one(&app.state.db)
        .await
        .unwrap()
        .map(|d| d.id);
    accounts::create_demo_user(
        &app.state.writer,
        NewUser {
            email,
            display_name: name,
            password: PASSWORD,
            department_id: dept,
            roles: &[Role::Learner],
        },
    )
    .await
    .unwrap()
    .id
}

/// Set a person's state and last change as if `months_ago`.
async fn age(app: &TestApp, id: i32, active: bool, months_ago: u32) {
    let user = users::Entity::find_by_id(id)
        .one(&app.state.writer)
        .await
        .unwrap()
        .unwrap();
    let mut model: users::ActiveModel = user.into();
    model.active = Set(active);
    model.updated_at = Set(queries::retention_cutoff(Utc::now(), months_ago));
    model.update(&app.state.writer).await.unwrap();
    app::ssr::report_summary::users_changed(&app.state.writer, &[id])
        .await
        .unwrap();
}

async fn signed_in_at(app: &TestApp, id: i32, months_ago: u32) {
    audit_log::ActiveModel {
        at: Set(queries::retention_cutoff(Utc::now(), months_ago)),
        actor_id: Set(Some(id)),
        action: Set("sign_in".into()),
        subject: Set(format!("user:{id}")),
        details: Set("{}".into()),
        ..Default::default()
    }
    .insert(&app.state.writer)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_retention_rule_anonymises_long_inactive_accounts_only() {
    log();
    for app in seeded().await {
        let b = app.backend;
        // Left 30 months ago, last signed in 31 months ago: falls under it.
        let gone = person(&app, "lang.weg@demodorp.example", "Lang Weg").await;
        age(&app, gone, false, 30).await;
        signed_in_at(&app, gone, 31).await;
        // Left long ago, but signed in 2 months ago: not yet.
        let recent = person(&app, "recent.actief@demodorp.example", "Recent Actief").await;
        age(&app, recent, false, 30).await;
        signed_in_at(&app, recent, 2).await;
        // Active, but unchanged for years: a current employee, never.
        let active = person(&app, "nog.in.dienst@demodorp.example", "Nog In Dienst").await;
        age(&app, active, true, 40).await;
        // Deactivated last month: not yet.
        let fresh = person(&app, "net.weg@demodorp.example", "Net Weg").await;
        age(&app, fresh, false, 1).await;
        // A second one under the rule, for two nodes at once.
        let gone2 = person(&app, "ook.weg@demodorp.example", "Ook Weg").await;
        age(&app, gone2, false, 25).await;
        let figures_before = figures(&app).await;

        // Stale rows the housekeeping removes: an ended session, and a
        // failed sign-in the throttle forgot a month ago; a fresh one stays.
        let db = &app.state.writer;
        let backend = db.get_database_backend();
        let long_ago = Utc::now() - Duration::days(30);
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                DbBackend::Postgres => "INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $3, $3)",
                _ => "INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at) VALUES (?1, ?2, ?3, ?3, ?3)",
            },
            vec!["0".repeat(64).into(), recent.into(), long_ago.into()],
        ))
        .await
        .unwrap();
        for (key, at) in [
            ("account:typfout@demodorp.example", long_ago),
            ("account:net.mis@demodorp.example", Utc::now()),
        ] {
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                match backend {
                    DbBackend::Postgres => "INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES ($1, 3, $2)",
                    _ => "INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (?1, 3, ?2)",
                },
                vec![key.into(), at.into()],
            ))
            .await
            .unwrap();
        }

        // The rule off: only the housekeeping runs, nobody is anonymised.
        let mut settings = common::settings(app_url(&app).await, common::content_dir());
        settings.retention_inactive_months = 0;
        let code = server::commands::retention::run(
            &settings,
            &server::commands::retention::ApplyRetention { dry_run: false },
        )
        .await
        .unwrap();
        assert_eq!(code, 0);
        let dump = whole_database(&app).await;
        assert!(
            !dump.contains("typfout@") && dump.contains("net.mis@"),
            "[{b}]"
        );
        assert!(
            !dump.contains(&"0".repeat(64)),
            "[{b}] the ended session is gone"
        );
        for id in [gone, gone2] {
            assert!(!queries::is_anonymised(&app.state.db, id).await.unwrap());
        }

        // A dry run lists them and changes nothing.
        let (run, _) = server::commands::retention::apply(&app.state, 24, true)
            .await
            .unwrap();
        let ids: Vec<i32> = run.candidates.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![gone, gone2], "[{b}] exactly the long inactive");
        assert_eq!(run.anonymised, 0);
        let last = run.candidates[0].last_activity;
        let expected = queries::retention_cutoff(Utc::now(), 30);
        assert!(
            (last - expected).num_seconds().abs() < 60,
            "[{b}] last activity is the deactivation: {last} vs {expected}"
        );
        for id in [gone, gone2, recent, active, fresh] {
            assert!(!queries::is_anonymised(&app.state.db, id).await.unwrap());
        }
        // The command itself, as a dry run against the same database.
        let mut settings = common::settings(app_url(&app).await, common::content_dir());
        settings.retention_inactive_months = 24;
        server::commands::retention::run(
            &settings,
            &server::commands::retention::ApplyRetention { dry_run: true },
        )
        .await
        .unwrap();
        assert!(!queries::is_anonymised(&app.state.db, gone).await.unwrap());

        // Two nodes at once: each person exactly once.
        let (one, two) = tokio::join!(
            queries::apply_retention(
                &app.state.db,
                &app.state.writer,
                &app.state.sessions,
                24,
                false,
                Utc::now()
            ),
            queries::apply_retention(
                &app.state.db,
                &app.state.writer,
                &app.state.sessions,
                24,
                false,
                Utc::now()
            ),
        );
        let (one, two) = (one.unwrap(), two.unwrap());
        assert_eq!(one.anonymised + two.anonymised, 2, "[{b}] {one:?} {two:?}");
        for id in [gone, gone2] {
            assert!(
                queries::is_anonymised(&app.state.db, id).await.unwrap(),
                "[{b}]"
            );
        }
        for id in [recent, active, fresh] {
            assert!(
                !queries::is_anonymised(&app.state.db, id).await.unwrap(),
                "[{b}]"
            );
        }
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("person_anonymise"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(entries.len(), 2, "[{b}] once per person");
        assert!(entries
            .iter()
            .all(|e| e.actor_id.is_none() && e.details.contains("retention")));
        let dump = whole_database(&app).await;
        assert!(
            !dump.contains("Lang Weg") && !dump.contains("lang.weg@"),
            "[{b}]"
        );
        assert!(dump.contains("Recent Actief") && dump.contains("Nog In Dienst"));

        // Again: nothing left to do.
        let (run, _) = server::commands::retention::apply(&app.state, 24, false)
            .await
            .unwrap();
        assert!(run.candidates.is_empty() && run.anonymised == 0, "[{b}]");
        // A shorter period catches the one who left last month.
        let run = queries::apply_retention(
            &app.state.db,
            &app.state.writer,
            &app.state.sessions,
            0,
            true,
            Utc::now(),
        )
        .await
        .unwrap();
        assert!(run.candidates.iter().any(|c| c.id == fresh));
        assert_eq!(
            figures_before,
            figures(&app).await,
            "[{b}] figures unchanged"
        );
        assert_summaries_exact(&app).await;
        app.cleanup().await;
    }
}

/// The database URL of a test app (for commands that connect themselves).
async fn app_url(app: &TestApp) -> String {
    match app.state.db.get_database_backend() {
        DbBackend::Postgres => {
            let name = rows_text(app, "SELECT CAST(current_database() AS TEXT)").await;
            let admin = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
            format!("{base}/{}", name[0])
        }
        _ => {
            let file = rows_text(
                app,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            )
            .await;
            format!("sqlite://{}", file[0])
        }
    }
}

// ---------------------------------------------------------------------------
// No personal data in the log
// ---------------------------------------------------------------------------

const BOUNDARY: &str = "----leerplatform-privacy-grens";

fn upload(cookie: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"medewerkers.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::post("/beheer/import/upload")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_log_holds_no_names_or_addresses() {
    log();
    let import = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../domain/tests/fixtures/hr_import/utf8-bom-puntkomma.csv"
    ))
    .unwrap();
    let import_text = String::from_utf8_lossy(&import).into_owned();
    for app in seeded().await {
        let b = app.backend;
        // Sign-in, right and wrong (also for an address nobody has).
        wrong_sign_in(&app, LEARNER).await;
        wrong_sign_in(&app, "niemand.bekend@demodorp.example").await;
        // Answering, a reflection, a completed course.
        let (cookie, _) = complete_course(&app, LEARNER, "Een gedachte voor het logboek").await;
        let res = app.request(get("/mijn/gegevens.json", Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        let admin = sign_in(&app, ADMIN).await;
        // An employee import through the web flow.
        let res = app.request(upload(&admin, &import)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "[{b}] upload");
        let to = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        let token = to
            .strip_prefix("/beheer/import?voorbeeld=")
            .unwrap()
            .to_string();
        let (status, preview) = page(&app, &to, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            preview.contains("anais.bakker@gemeente.nl"),
            "[{b}] preview"
        );
        let res = app
            .request(post(
                "/api/import_apply",
                format!("token={token}"),
                Some(&admin),
                &format!("http://localhost{to}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] import applied");
        assert!(
            accounts::find_by_email(&app.state.db, "anais.bakker@gemeente.nl")
                .await
                .unwrap()
                .is_some()
        );
        // A department change.
        let dept = departments::Entity::find()
            .filter(departments::Column::Code.eq("AF-COM"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let res = app
            .request(post(
                "/api/department_move_user",
                form(&[("person", LEARNER), ("department", &dept.id.to_string())]),
                Some(&admin),
                "http://localhost/beheer/afdelingen",
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] moved");
        // A refusal that names the person to the admin, not to the log.
        let res = app
            .request(post(
                "/api/department_move_user",
                form(&[("person", LEARNER), ("department", &dept.id.to_string())]),
                Some(&admin),
                "http://localhost/beheer/afdelingen",
            ))
            .await;
        let back = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(back.contains("__err="));
        // …which the browser then shows on the page it goes back to.
        let back = back.strip_prefix("http://localhost").unwrap();
        let (status, html) = page(&app, back, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(LEARNER_NAME), "[{b}] the admin sees the name");
        // Reports with names, anonymisation, deletion, retention.
        let learner = account(&app, LEARNER).await.id;
        let (status, _) = page(
            &app,
            &format!("/rapportage/persoon/{learner}"),
            Some(&admin),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let res = app
            .request(post(
                "/api/person_anonymise",
                form(&[("person", &learner.to_string()), ("confirmed", "ja")]),
                Some(&admin),
                &format!("http://localhost/beheer/privacy/{learner}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] anonymised");
        let other = account(&app, OTHER).await.id;
        let res = app
            .request(post(
                "/api/person_delete",
                form(&[("person", &other.to_string()), ("confirmed", "ja")]),
                Some(&admin),
                &format!("http://localhost/beheer/privacy/{other}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}] deleted");
        let gone = account(&app, "jose.devries@gemeente.nl").await.id;
        age(&app, gone, false, 30).await;
        let (run, _) = server::commands::retention::apply(&app.state, 24, false)
            .await
            .unwrap();
        assert_eq!(run.anonymised, 1, "[{b}]");
        app.cleanup().await;
    }

    let text = log_text();
    let text = format!("{text}\n{}", hidden_messages(&text));
    // The capture works: these lines are there, without anyone's name.
    for line in [
        "sign-in refused",
        "employee import uploaded",
        "employee import applied",
        "retention rule applied",
    ] {
        assert!(text.contains(line), "the log lacks {line:?}:\n{text}");
    }
    let mut personal: Vec<String> = vec![
        LEARNER_NAME.into(),
        OTHER_NAME.into(),
        "Bea Beheerder".into(),
        "Hanneke van HR".into(),
        "Een gedachte voor het logboek".into(),
    ];
    for line in import_text.lines().skip(1) {
        let cells: Vec<&str> = line.split(';').collect();
        if cells.len() > 4 {
            personal.push(cells[3].to_string()); // achternaam
            personal.push(cells[4].to_lowercase()); // e-mail
        }
    }
    for p in personal.iter().filter(|p| p.len() > 3) {
        assert!(
            !text.to_lowercase().contains(&p.to_lowercase()),
            "the log holds personal data: {p}"
        );
    }
    let addresses = email_addresses(&text);
    assert!(
        addresses.is_empty(),
        "e-mail addresses in the log: {addresses:?}"
    );
}

#[test]
fn messages_in_error_redirects_are_read() {
    // {"Conflict":"Lotte de Leerling zit al in deze afdeling."}
    let uri = "uri=/beheer/afdelingen?__path=%2Fapi%2Fx&__err=eyJDb25mbGljdCI6IkxvdHRlIGRlIExlZXJsaW5nIHppdCBhbCBpbiBkZXplIGFmZGVsaW5nLiJ9 version";
    assert!(hidden_messages(uri).contains("Lotte de Leerling zit al in deze afdeling."));
}

#[test]
fn email_addresses_are_found() {
    assert_eq!(
        email_addresses("a x.y@gemeente.nl, b@c and user:1 at 12:00"),
        vec!["x.y@gemeente.nl".to_string()]
    );
}
