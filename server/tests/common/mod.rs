//! Test harness: a fresh database per test, on every backend that runs here.
//!
//! SQLite always (a temporary file). PostgreSQL when a server answers at
//! `TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
//! with `CI=true` an unreachable PostgreSQL fails the test instead of skipping
//! it, so CI can never silently test only one database.

#![allow(dead_code)]

pub mod nodes;
pub mod oidc;
pub mod smtp;

use app::ssr::AppState;
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use domain::model::Question;
use domain::option_tokens::Namer;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database};
use server::config::{LogFormat, Settings};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct TestApp {
    pub backend: &'static str,
    /// The database this app uses (for tests that run the real binary on it).
    pub database_url: String,
    pub state: AppState,
    router: axum::Router,
    drop_pg: Option<(String, String)>,
}

pub fn content_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"))
}

pub fn settings(database_url: String, content_dir: PathBuf) -> Settings {
    Settings {
        database_url,
        content_dir,
        site_addr: None,
        site_root: None,
        watch_content: false,
        secure_cookies: server::config::CookieSecurity::Auto,
        trusted_proxies: String::new(),
        metrics_from: "127.0.0.1,::1".into(),
        log_format: LogFormat::Pretty,
        database_max_connections: 8,
        session_cache_seconds: 30,
        retention_inactive_months: 24,
        public_url: None,
        sso: Default::default(),
        mail: Default::default(),
    }
}

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A number no other call in this process gets.
pub fn unique_suffix() -> usize {
    COUNTER.fetch_add(1, Ordering::SeqCst)
}

fn unique_name() -> String {
    format!(
        "lp_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh SQLite database URL in a temporary folder.
pub fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join("leerplatform-tests");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{}.db", unique_name()));
    // Process ids come round again: a file of an earlier run with the same
    // name goes, with its write-ahead log (SQLite would replay a stale log
    // into the new database).
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}", path.display())
}

/// A fresh PostgreSQL database URL, or `None` when no server runs here
/// (outside CI only).
pub async fn postgres_url() -> Option<(String, String)> {
    let admin = postgres_admin_url();
    let conn = match Database::connect(admin.clone()).await {
        Ok(c) => c,
        Err(err) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but PostgreSQL at {admin} is unreachable: {err}");
            }
            eprintln!(
                "note: PostgreSQL not reachable at {admin} ({err}); PostgreSQL tests skipped"
            );
            return None;
        }
    };
    let name = unique_name();
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(admin.clone());
    Some((format!("{base}/{name}"), name))
}

impl TestApp {
    pub async fn new(
        backend: &'static str,
        url: String,
        content: PathBuf,
        drop_pg: Option<(String, String)>,
    ) -> Self {
        Self::with_settings(backend, settings(url, content), drop_pg).await
    }

    pub async fn with_settings(
        backend: &'static str,
        settings: Settings,
        drop_pg: Option<(String, String)>,
    ) -> Self {
        let state = server::commands::build_state(&settings)
            .await
            .expect("build state");
        let router = server::router::app(state.clone());
        TestApp {
            backend,
            database_url: settings.database_url.clone(),
            state,
            router,
            drop_pg,
        }
    }

    pub fn router(&self) -> axum::Router {
        self.router.clone()
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, String) {
        let res = self
            .request(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        split(res).await
    }

    /// Send one request through the whole router as a browser on
    /// `http://localhost` sends it: with a `Host`, and with an `Origin` on
    /// every request that is not a GET or HEAD (the security middleware
    /// refuses state changes without one). Headers the test set are kept.
    pub async fn request(&self, mut req: Request<Body>) -> Response<Body> {
        let headers = req.headers_mut();
        if !headers.contains_key(header::HOST) {
            headers.insert(header::HOST, header::HeaderValue::from_static("localhost"));
        }
        if !matches!(
            *req.method(),
            axum::http::Method::GET | axum::http::Method::HEAD
        ) && !req.headers().contains_key(header::ORIGIN)
        {
            req.headers_mut().insert(
                header::ORIGIN,
                header::HeaderValue::from_static("http://localhost"),
            );
        }
        self.request_as_sent(req).await
    }

    /// Send `req` exactly as it is (for tests of what a browser would not
    /// send). A request that does not answer within a minute fails the test
    /// with its method and address, instead of hanging the suite.
    pub async fn request_as_sent(&self, req: Request<Body>) -> Response<Body> {
        let what = format!("[{}] {} {}", self.backend, req.method(), req.uri());
        match tokio::time::timeout(Duration::from_secs(60), self.router().oneshot(req)).await {
            Ok(res) => res.unwrap(),
            Err(_) => panic!("{what} did not answer within 60 s"),
        }
    }

    /// Drop the PostgreSQL database (SQLite files live in the temp folder).
    pub async fn cleanup(self) {
        let TestApp { state, drop_pg, .. } = self;
        let _ = state.db.close().await;
        if let Some((admin, name)) = drop_pg {
            if let Ok(conn) = Database::connect(admin).await {
                let _ = conn
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            }
        }
    }
}

pub async fn split(res: Response<Body>) -> (StatusCode, String) {
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// One app per backend available, each on a fresh database with `content`.
pub async fn apps_with_content(content: PathBuf) -> Vec<TestApp> {
    let mut apps = vec![TestApp::new("sqlite", sqlite_url(), content.clone(), None).await];
    if let Some((url, name)) = postgres_url().await {
        apps.push(TestApp::new("postgres", url, content, Some((postgres_admin_url(), name))).await);
    }
    apps
}

/// One app per backend, each on a fresh database, with settings changed by
/// `configure` (e.g. sign-in through an identity provider).
pub async fn apps_configured(configure: impl Fn(&mut Settings)) -> Vec<TestApp> {
    let mut sqlite = settings(sqlite_url(), content_dir());
    configure(&mut sqlite);
    let mut apps = vec![TestApp::with_settings("sqlite", sqlite, None).await];
    if let Some((url, name)) = postgres_url().await {
        let mut pg = settings(url, content_dir());
        configure(&mut pg);
        apps.push(TestApp::with_settings("postgres", pg, Some((postgres_admin_url(), name))).await);
    }
    apps
}

pub async fn apps() -> Vec<TestApp> {
    apps_with_content(content_dir()).await
}

/// One app per backend, each with the demo municipality (`seed-demo`).
pub async fn seeded() -> Vec<TestApp> {
    let apps = apps().await;
    for app in &apps {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
    }
    apps
}

/// Sign in with the demo password as a browser form would; returns the
/// session cookie (`name=value`).
pub async fn sign_in(app: &TestApp, email: &str) -> String {
    sign_in_with(app, email, server::commands::seed_demo::DEMO_PASSWORD).await
}

/// Sign in with `password` as a browser form would; returns the session
/// cookie (`name=value`).
pub async fn sign_in_with(app: &TestApp, email: &str, password: &str) -> String {
    let res = app
        .request(form_post(
            "/api/sign_in",
            form(&[("email", email), ("password", password)]),
            None,
            "http://localhost/inloggen",
        ))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FOUND,
        "[{}] sign in {email}",
        app.backend
    );
    res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// The account behind a session cookie.
pub async fn learner_id(app: &TestApp, cookie: &str) -> i32 {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(header::COOKIE, cookie.parse().unwrap());
    app::ssr::session::resolve(&app.state, &headers)
        .await
        .unwrap()
        .expect("signed in")
        .id
}

/// An `application/x-www-form-urlencoded` body.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// [`form`] of owned pairs.
pub fn form_owned(pairs: &[(String, String)]) -> String {
    form(
        &pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
    )
}

/// A form post as a browser without JavaScript sends it from `referer`
/// (with its Host and Origin, also when a test sends it around
/// [`TestApp::request`]).
pub fn form_post(uri: &str, body: String, cookie: Option<&str>, referer: &str) -> Request<Body> {
    let mut req = Request::post(uri)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, referer);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(body)).unwrap()
}

/// A server function called as the browser's JavaScript calls it (a form
/// body, JSON back): the status and the answer's text.
pub async fn server_fn_json(
    app: &TestApp,
    endpoint: &str,
    body: String,
    cookie: &str,
) -> (StatusCode, String) {
    let req = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    split(app.request(req).await).await
}

/// A page request with a session cookie.
pub fn get(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A seeded account, by e-mail address.
pub async fn account(app: &TestApp, email: &str) -> app::ssr::entities::users::Model {
    app::ssr::accounts::find_by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {email}"))
}

/// `n` learner accounts `{prefix}{i:05}@demodorp.example` ("{name} {i:05}")
/// in the demo learner's department, signing in with the demo password (its
/// hash copied, so no hashing per account); in order of `i`.
pub async fn accounts_with_demo_password(
    app: &TestApp,
    prefix: &str,
    name: &str,
    n: usize,
) -> Vec<app::ssr::entities::users::Model> {
    use app::ssr::entities::users;
    use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let template = account(app, "leerling@demodorp.example").await;
    let now = chrono::Utc::now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|i| users::ActiveModel {
            email: Set(format!("{prefix}{i:05}@demodorp.example")),
            display_name: Set(format!("{name} {i:05}")),
            password_hash: Set(template.password_hash.clone()),
            department_id: Set(template.department_id),
            locale: Set("nl".into()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        users::Entity::insert_many(rows)
            .exec_without_returning(&app.state.db)
            .await
            .expect("accounts");
    }
    users::Entity::find()
        .filter(users::Column::Email.starts_with(prefix))
        .filter(users::Column::Email.ends_with("@demodorp.example"))
        .order_by_asc(users::Column::Email)
        .all(&app.state.db)
        .await
        .expect("accounts")
}

/// The form of a fully correct lesson answer to `q` in module `m` of
/// `course`, named for the learner as their page names it.
pub fn lesson_answer(
    course: &str,
    m: &domain::model::Module,
    q: &Question,
    names: &Namer,
) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("course_id".to_string(), course.to_string()),
        ("module_id".to_string(), m.id.clone()),
        ("question_id".to_string(), q.id.clone()),
    ];
    pairs.extend(tokenized(q, correct_fields(q), names));
    pairs
}

/// A seeded department, by code.
pub async fn department(app: &TestApp, code: &str) -> app::ssr::entities::departments::Model {
    use app::ssr::entities::departments;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    departments::Entity::find()
        .filter(departments::Column::Code.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no department {code}"))
}

/// Percent-encoding for form bodies and query strings: the platform's own.
pub fn urlencode(s: &str) -> String {
    app::language::encode_query_value(s)
}

// ---------------------------------------------------------------- answers

/// Answer fields as a browser sends them (shared with `server seed-demo`).
#[allow(unused_imports)]
pub use server::commands::seed_demo::answers::{correct_fields, tokenized, wrong_fields};

/// The question analysis's kept sums (`item_sums`) and every exam answer's
/// `rest` equal a recount from the answers alone (issue 18): snapshot both,
/// recount with `item_stats::upkeep::rebuild`, compare. `what` names the
/// moment in the failure message.
pub async fn assert_item_sums_match_a_recount(db: &sea_orm::DatabaseConnection, what: &str) {
    use sea_orm::{ConnectionTrait, Statement};
    async fn snapshot(db: &sea_orm::DatabaseConnection) -> (Vec<String>, Vec<String>) {
        let backend = db.get_database_backend();
        let rows = |text: &str| Statement::from_string(backend, text.to_string());
        let sums = db
            .query_all_raw(rows(
                "SELECT course_id, module_id, question_id, content_hash, response, correct, n, \
                   sx, sxx, sy, syy, sxy, CAST(day AS TEXT) FROM item_sums \
                 ORDER BY course_id, module_id, question_id, content_hash, response, correct, day",
            ))
            .await
            .expect("item_sums");
        let sums = sums
            .iter()
            .map(|r| {
                let text = |i: usize| r.try_get_by_index::<String>(i).unwrap();
                // Sums taken apart again may end a hair from zero.
                let num = |i: usize| {
                    let x = r.try_get_by_index::<f64>(i).unwrap();
                    if x.abs() < 5e-7 {
                        0.0
                    } else {
                        x
                    }
                };
                format!(
                    "{} {} {} {} {} {} {} n={} {:.6} {:.6} {:.6} {:.6} {:.6}",
                    text(12),
                    text(0),
                    text(1),
                    text(2),
                    text(3),
                    text(4),
                    r.try_get_by_index::<bool>(5).unwrap(),
                    r.try_get_by_index::<i64>(6).unwrap(),
                    num(7),
                    num(8),
                    num(9),
                    num(10),
                    num(11)
                )
            })
            .collect();
        let rests = db
            .query_all_raw(rows(
                "SELECT id, rest FROM question_answers WHERE attempt_id IS NOT NULL ORDER BY id",
            ))
            .await
            .expect("rest");
        let rests = rests
            .iter()
            .map(|r| {
                format!(
                    "{} {:?}",
                    r.try_get_by_index::<i64>(0).unwrap(),
                    r.try_get_by_index::<Option<f64>>(1)
                        .unwrap()
                        .map(|x| format!("{x:.6}"))
                )
            })
            .collect();
        (sums, rests)
    }
    let kept = snapshot(db).await;
    app::item_stats::upkeep::rebuild(db).await.expect("rebuild");
    let recounted = snapshot(db).await;
    assert_eq!(
        kept.0, recounted.0,
        "{what}: item_sums differ from a recount"
    );
    assert_eq!(kept.1, recounted.1, "{what}: rest differs from a recount");
}

/// A copy of the project's content in a temporary folder of its own, for a
/// test that changes it. Every call gets a new folder: tests in one binary
/// run in parallel, and a folder named after the process alone was removed
/// by one test while another was still copying into it.
pub fn content_copy(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lp-{what}-{}-{}",
        std::process::id(),
        unique_suffix()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&content_dir(), &dir);
    dir
}

/// `n` learners without a password in department `dept` (none: no
/// department), made directly in the database; `prefix` keeps their
/// addresses apart (`<prefix><i>@demodorp.example`).
pub async fn people(app: &TestApp, prefix: &str, n: usize, dept: Option<i32>) -> Vec<i32> {
    use app::ssr::entities::users;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for i in 0..n {
        let row = users::ActiveModel {
            email: Set(format!("{prefix}{i}@demodorp.example")),
            display_name: Set(format!("Naam {prefix} {i}")),
            password_hash: Set(None),
            department_id: Set(dept),
            locale: Set("nl".into()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        ids.push(
            users::Entity::insert(row)
                .exec(&app.state.db)
                .await
                .unwrap()
                .last_insert_id,
        );
    }
    ids
}

/// Copy a folder tree (a content folder a test then changes).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The form of a lesson answer to `q` with these fields (as named on the page).
pub fn answer_body(
    course: &str,
    module: &str,
    q: &Question,
    fields: Vec<(String, String)>,
) -> String {
    let mut pairs = vec![
        ("course_id".to_string(), course.to_string()),
        ("module_id".to_string(), module.to_string()),
        ("question_id".to_string(), q.id.clone()),
    ];
    pairs.extend(fields);
    form_owned(&pairs)
}

/// Post a lesson answer (fields named by authored index, see
/// [`correct_fields`]) as the learner's page would, and check that it
/// redirects back to the question.
pub async fn answer(
    app: &TestApp,
    cookie: &str,
    course: &str,
    m: &domain::model::Module,
    q: &Question,
    fields: Vec<(String, String)>,
) {
    let referer = format!("http://localhost/cursussen/{course}/{}", m.id);
    let names = Namer::lesson(&app.state.option_key, learner_id(app, cookie).await);
    let fields = tokenized(q, fields, &names);
    let res = app
        .request(form_post(
            "/api/answer",
            answer_body(course, &m.id, q, fields),
            Some(cookie),
            &referer,
        ))
        .await;
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string());
    let (_, body) = split(res).await;
    assert_eq!(
        status,
        StatusCode::FOUND,
        "[{}] answer {}: {body}",
        app.backend,
        q.id
    );
    assert_eq!(
        location.unwrap(),
        format!("/cursussen/{course}/{}#vraag-{}", m.id, q.id)
    );
}

/// A page as the signed-in user sees it; it must be there (200).
pub async fn page(app: &TestApp, cookie: &str, uri: &str) -> String {
    let (status, html) = split(app.request(get(uri, cookie)).await).await;
    assert_eq!(status, StatusCode::OK, "[{}] {uri}", app.backend);
    html
}
