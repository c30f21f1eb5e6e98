//! The authorization matrix (issue 14, item 5): every page route, every
//! server function and every plain axum route, taken from the router itself,
//! tried as every kind of person on every database backend.
//!
//! The people: anonymous, learner, trainer, HR, manager, admin (the demo
//! municipality of `seed-demo`) and a manager of another department, who
//! must not see the first manager's people. Each row of [`matrix`] names one
//! route or endpoint (its pattern, exactly as the router registers it), one
//! concrete request for it, and what each person must get:
//!
//! - `Y`: let through. A page answers 200 without the sign-in prompt; a
//!   server function that reads answers 200; one that writes is sent an
//!   incomplete form on purpose (nothing changes), so 200 or its own
//!   refusal of the input (404, 409, 422) counts, never 401 or 403; a plain
//!   route answers 2xx, or redirects elsewhere than the sign-in page.
//! - `S`: asked to sign in. A page shows the sign-in prompt, a server
//!   function answers 401, a plain route redirects to `/inloggen`.
//! - `F`: refused, 403.
//! - `H`: hidden, 404: not theirs, or outside their part of the
//!   organisation (a person out of scope looks the same as an unknown one).
//!
//! A route or server function the router serves without a row here fails
//! the test, and so does a row for something the router no longer serves.
//!
//! Everyone signs in once per backend through `/api/sign_in`; the requests
//! go one after another (route generation and rendering must not overlap,
//! see `server::router::route_list`).

mod common;

use app::auth::Role;
use app::ssr::entities::completion_records;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{account, department, seeded, split, TestApp};
use sea_orm::{ActiveValue::Set, EntityTrait};
use std::collections::BTreeSet;

/// Who asks. The order is the order of the columns in [`matrix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    Learner,
    Trainer,
    Hr,
    Manager,
    Admin,
    /// A manager of another department (Communicatie, not Ruimtelijke
    /// Ontwikkeling where the learner works).
    OtherManager,
}

const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::Learner,
    Actor::Trainer,
    Actor::Hr,
    Actor::Manager,
    Actor::Admin,
    Actor::OtherManager,
];

impl Actor {
    fn email(self) -> Option<&'static str> {
        Some(match self {
            Actor::Anonymous => return None,
            Actor::Learner => "leerling@demodorp.example",
            Actor::Trainer => "trainer@demodorp.example",
            Actor::Hr => "hr@demodorp.example",
            Actor::Manager => "manager@demodorp.example",
            Actor::Admin => "beheerder@demodorp.example",
            Actor::OtherManager => OTHER_MANAGER,
        })
    }
}

/// The extra manager this test adds, in [`OTHER_DEPARTMENT`].
const OTHER_MANAGER: &str = "manager-communicatie@demodorp.example";
/// The demo manager's department (the learner's team lies below it).
const OWN_DEPARTMENT: &str = "AF-RO";
/// The department of the other manager (and of the demo trainer).
const OTHER_DEPARTMENT: &str = "AF-COM";
/// What the sign-in prompt (`app::auth::SignInPrompt`) says, in Dutch.
const SIGN_IN_PROMPT: &str = "Je moet ingelogd zijn om deze pagina te zien.";

/// What one person must get; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Y,
    S,
    F,
    H,
}
use Expect::{F, H, S, Y};

impl Expect {
    fn describe(self) -> &'static str {
        match self {
            Y => "let through",
            S => "asked to sign in",
            F => "refused (403)",
            H => "hidden (404)",
        }
    }
}

/// How a row is requested.
#[derive(Debug, Clone)]
enum Call {
    /// `GET` a page as a browser does.
    Page,
    /// A server function, asking for JSON: `POST /api/...` with a form
    /// body. `reads`: the input is complete and the answer must be 200 for
    /// those let through.
    ServerFn { body: String, reads: bool },
    /// `GET` a plain axum route.
    Get,
    /// `POST` a (nearly empty) multipart form to a plain axum route.
    Upload,
}

struct Probe {
    /// (method, path pattern) as the router registers it.
    key: (String, String),
    uri: String,
    call: Call,
    expect: [Expect; 7],
    /// Send it with a session made for this request only (sign-out ends it).
    fresh_session: bool,
}

/// The values the requests are made with: real ids from this database.
struct Fixture {
    /// A course, a lesson module of it and one of the lesson's questions.
    course: String,
    module: String,
    /// The lesson module's file name.
    module_file: String,
    question: String,
    /// An exam, where the learner has submitted attempt `attempt`.
    exam_course: String,
    exam_module: String,
    attempt: i32,
    /// The learner's completion record.
    record_code: String,
    /// One course asset: (course, path inside `assets/`).
    asset: (String, String),
    own_department: i32,
    other_department: i32,
    learner: i32,
    hr: i32,
    trainer: i32,
}

fn page(pattern: &str, uri: String, expect: [Expect; 7]) -> Probe {
    Probe {
        key: ("GET".into(), pattern.into()),
        uri,
        call: Call::Page,
        expect,
        fresh_session: false,
    }
}

/// A server function that only reads, with a complete request.
fn reads(endpoint: &str, body: String, expect: [Expect; 7]) -> Probe {
    server_fn(endpoint, body, true, expect)
}

/// A server function that changes something, sent input it refuses after
/// the access check (an unknown id, an empty field), so nothing changes.
/// (Two take no input: `admin_reload` reloads the same content, and
/// `sign_out` ends a session made for it.)
fn writes(endpoint: &str, body: String, expect: [Expect; 7]) -> Probe {
    server_fn(endpoint, body, false, expect)
}

fn server_fn(endpoint: &str, body: String, reads: bool, expect: [Expect; 7]) -> Probe {
    let path = format!("/api/{endpoint}");
    Probe {
        key: ("POST".into(), path.clone()),
        uri: path,
        call: Call::ServerFn { body, reads },
        expect,
        fresh_session: false,
    }
}

fn plain_get(pattern: &str, uri: String, expect: [Expect; 7]) -> Probe {
    Probe {
        key: ("GET".into(), pattern.into()),
        uri,
        call: Call::Get,
        expect,
        fresh_session: false,
    }
}

/// The matrix. Columns: anonymous, learner, trainer, hr, manager, admin,
/// manager of another department.
fn matrix(f: &Fixture) -> Vec<Probe> {
    let (c, m, q) = (&f.course, &f.module, &f.question);
    let (ec, em, n) = (&f.exam_course, &f.exam_module, f.attempt);
    let code = &f.record_code;
    let (own, other) = (f.own_department, f.other_department);
    let (learner, hr, trainer) = (f.learner, f.hr, f.trainer);
    // Who may do what, by role.
    const ALL: [Expect; 7] = [Y, Y, Y, Y, Y, Y, Y];
    const SIGNED_IN: [Expect; 7] = [S, Y, Y, Y, Y, Y, Y];
    const ADMIN: [Expect; 7] = [S, F, F, F, F, Y, F];
    const HR_ADMIN: [Expect; 7] = [S, F, F, Y, F, Y, F];
    const GRADERS: [Expect; 7] = [S, F, Y, Y, F, Y, F];
    const REPORTS: [Expect; 7] = [S, F, F, Y, Y, Y, Y];
    const TRAINERS: [Expect; 7] = [S, F, Y, F, F, Y, F];
    // The project's content has no drafts: trainers and admins are told so.
    const NO_DRAFT: [Expect; 7] = [S, F, H, F, F, H, F];
    let mf = &f.module_file;
    // Reports about the demo manager's department, its people, and people
    // outside both managers' departments.
    const OWN_PART: [Expect; 7] = [S, F, F, Y, Y, Y, F];
    const OWN_PERSON: [Expect; 7] = [S, F, F, Y, Y, Y, H];
    const OTHER_PART: [Expect; 7] = [S, F, F, Y, F, Y, Y];
    const OTHER_PERSON: [Expect; 7] = [S, F, F, Y, H, Y, Y];
    const NOBODYS_PERSON: [Expect; 7] = [S, F, F, Y, H, Y, H];
    // Only the learner has this attempt and this record; HR and admins see
    // every certificate.
    const OWN_ATTEMPT: [Expect; 7] = [S, Y, H, H, H, H, H];
    const CERTIFICATE: [Expect; 7] = [S, Y, H, Y, H, Y, H];

    let mut rows = vec![
        // ------------------------------------------------------------ pages
        page("/", "/".into(), ALL),
        page("/inloggen", "/inloggen".into(), ALL),
        page("/uitgelogd", "/uitgelogd?organisatie=1".into(), ALL),
        page("/mijn", "/mijn".into(), SIGNED_IN),
        page("/mijn/gegevens", "/mijn/gegevens".into(), SIGNED_IN),
        page("/cursussen/{course}", format!("/cursussen/{c}"), ALL),
        page(
            "/cursussen/{course}/{module}",
            format!("/cursussen/{c}/{m}"),
            SIGNED_IN,
        ),
        page(
            "/cursussen/{course}/{module}/poging/{number}",
            format!("/cursussen/{ec}/{em}/poging/{n}"),
            OWN_ATTEMPT,
        ),
        page(
            "/certificaat/{code}",
            format!("/certificaat/{code}"),
            CERTIFICATE,
        ),
        page("/verify/{code}", format!("/verify/{code}"), ALL),
        page("/beheer", "/beheer".into(), ADMIN),
        page("/beheer/afdelingen", "/beheer/afdelingen".into(), ADMIN),
        page("/beheer/import", "/beheer/import".into(), ADMIN),
        page("/beheer/audit", "/beheer/audit".into(), ADMIN),
        page("/beheer/pogingen", "/beheer/pogingen".into(), GRADERS),
        page("/trainer", "/trainer".into(), TRAINERS),
        page("/voorbeeld", "/voorbeeld".into(), TRAINERS),
        page("/voorbeeld/{course}", format!("/voorbeeld/{c}"), NO_DRAFT),
        page(
            "/voorbeeld/{course}/{module}",
            format!("/voorbeeld/{c}/{m}"),
            NO_DRAFT,
        ),
        page("/trainer/{course}", format!("/trainer/{c}"), TRAINERS),
        page(
            "/trainer/{course}/bron/{file}",
            format!("/trainer/{c}/bron/{mf}"),
            TRAINERS,
        ),
        page(
            "/beheer/privacy/{id}",
            format!("/beheer/privacy/{learner}"),
            ADMIN,
        ),
        page("/rapportage", "/rapportage".into(), REPORTS),
        page(
            "/rapportage",
            format!("/rapportage?afdeling={own}"),
            OWN_PART,
        ),
        page(
            "/rapportage",
            format!("/rapportage?afdeling={other}"),
            OTHER_PART,
        ),
        page(
            "/rapportage/verplicht",
            "/rapportage/verplicht".into(),
            HR_ADMIN,
        ),
        page("/rapportage/scan", "/rapportage/scan".into(), HR_ADMIN),
        page("/scan/{course}", format!("/scan/{c}"), SIGNED_IN),
        page("/rapportage/te-laat", "/rapportage/te-laat".into(), REPORTS),
        page(
            "/rapportage/te-laat",
            format!("/rapportage/te-laat?afdeling={own}"),
            OWN_PART,
        ),
        page(
            "/rapportage/certificaten",
            "/rapportage/certificaten".into(),
            REPORTS,
        ),
        page(
            "/rapportage/certificaten",
            format!("/rapportage/certificaten?afdeling={own}"),
            OWN_PART,
        ),
        page(
            "/rapportage/afdeling/{id}",
            format!("/rapportage/afdeling/{own}"),
            OWN_PART,
        ),
        page(
            "/rapportage/afdeling/{id}",
            format!("/rapportage/afdeling/{other}"),
            OTHER_PART,
        ),
        page(
            "/rapportage/persoon/{id}",
            format!("/rapportage/persoon/{learner}"),
            OWN_PERSON,
        ),
        page(
            "/rapportage/persoon/{id}",
            format!("/rapportage/persoon/{trainer}"),
            OTHER_PERSON,
        ),
        page(
            "/rapportage/persoon/{id}",
            format!("/rapportage/persoon/{hr}"),
            NOBODYS_PERSON,
        ),
        // ------------------------------------------------- server functions
        reads("whoami", String::new(), ALL),
        writes("sign_in", "email=&password=".into(), ALL),
        reads("catalog", String::new(), ALL),
        reads("dashboard", String::new(), SIGNED_IN),
        reads("my_data", String::new(), SIGNED_IN),
        reads("course_page", format!("course_id={c}"), ALL),
        writes("course_renew", "course_id=bestaat-niet".into(), SIGNED_IN),
        reads(
            "module_page",
            format!("course_id={c}&module_id={m}"),
            SIGNED_IN,
        ),
        writes(
            "answer",
            format!("course_id={c}&module_id={m}&question_id={q}"),
            SIGNED_IN,
        ),
        writes(
            "mark_read",
            format!("course_id={c}&module_id=bestaat-niet"),
            SIGNED_IN,
        ),
        writes(
            "reflection",
            format!("course_id={c}&module_id=bestaat-niet&reflection_id=x&body=x"),
            SIGNED_IN,
        ),
        writes(
            "feedback",
            format!("course_id={c}&module_id=bestaat-niet&rating=3"),
            SIGNED_IN,
        ),
        reads("scan_page", format!("course_id={c}"), SIGNED_IN),
        writes("scan", "course_id=bestaat-niet".into(), SIGNED_IN),
        reads("scan_figures", String::new(), HR_ADMIN),
        writes(
            "exam_start",
            format!("course_id={c}&module_id=bestaat-niet"),
            SIGNED_IN,
        ),
        writes(
            "exam_submit",
            format!("course_id={c}&module_id=bestaat-niet&attempt=1"),
            SIGNED_IN,
        ),
        reads(
            "attempt_result",
            format!("course_id={ec}&module_id={em}&number={n}"),
            OWN_ATTEMPT,
        ),
        reads("verify", format!("code={code}"), ALL),
        reads("certificate", format!("code={code}"), CERTIFICATE),
        reads("attempts_stuck", String::new(), GRADERS),
        reads("item_stats_courses", String::new(), TRAINERS),
        reads("preview_drafts", String::new(), TRAINERS),
        reads("preview_course", format!("course_id={c}"), NO_DRAFT),
        reads(
            "preview_module",
            format!("course_id={c}&module_id={m}"),
            NO_DRAFT,
        ),
        reads("preview_fingerprint", format!("course_id={c}"), NO_DRAFT),
        writes("preview_publish", "course_id=bestaat-niet".into(), TRAINERS),
        reads("item_stats_course", format!("course={c}"), TRAINERS),
        reads("course_feedback", format!("course={c}"), TRAINERS),
        reads(
            "item_stats_source",
            format!("course={c}&file={mf}"),
            TRAINERS,
        ),
        writes(
            "attempt_grant",
            format!("user={learner}&course={c}&module=bestaat-niet"),
            GRADERS,
        ),
        reads("report_matrix", "filters[pagina]=1".into(), REPORTS),
        reads(
            "report_matrix",
            format!("filters[afdeling]={own}"),
            OWN_PART,
        ),
        reads(
            "report_matrix",
            format!("filters[afdeling]={other}"),
            OTHER_PART,
        ),
        reads(
            "report_people",
            format!("department={own}&filters[pagina]=1"),
            OWN_PART,
        ),
        reads(
            "report_people",
            format!("department={other}&filters[pagina]=1"),
            OTHER_PART,
        ),
        reads("report_person", format!("person={learner}"), OWN_PERSON),
        reads("report_person", format!("person={trainer}"), OTHER_PERSON),
        reads("report_person", format!("person={hr}"), NOBODYS_PERSON),
        reads("report_overdue", "filters[pagina]=1".into(), REPORTS),
        reads(
            "report_overdue",
            format!("filters[afdeling]={own}"),
            OWN_PART,
        ),
        reads("report_records", "filters[pagina]=1".into(), REPORTS),
        reads(
            "report_records",
            format!("filters[afdeling]={own}"),
            OWN_PART,
        ),
        reads("assignments_overview", String::new(), HR_ADMIN),
        writes(
            "assignment_create",
            "course=bestaat-niet&due=".into(),
            HR_ADMIN,
        ),
        writes("assignment_delete", "id=0".into(), HR_ADMIN),
        reads("departments_overview", String::new(), ADMIN),
        writes("department_create", "name=".into(), ADMIN),
        writes("department_update", "id=0&name=".into(), ADMIN),
        writes("department_delete", "id=0".into(), ADMIN),
        writes("department_move_user", "person=".into(), ADMIN),
        reads("audit_log", String::new(), ADMIN),
        reads("person_privacy", format!("person={learner}"), ADMIN),
        // Not confirmed: refused after the access check, nobody is erased.
        writes("person_anonymise", format!("person={learner}"), ADMIN),
        writes("person_delete", format!("person={learner}"), ADMIN),
        reads("import_overview", String::new(), ADMIN),
        writes("import_apply", "token=bestaat-niet".into(), ADMIN),
        reads("admin_overview", String::new(), ADMIN),
        writes("admin_reload", String::new(), ADMIN),
        writes("admin_create_user", "email=&name=&password=".into(), ADMIN),
        reads("sign_in_options", String::new(), ALL),
        reads("signed_out", String::new(), ALL),
        // Switching passwords on (they are on): nothing changes.
        writes("set_password_sign_in", "allowed=true".into(), ADMIN),
        reads("mail_choice", String::new(), SIGNED_IN),
        // Every reminder: what the demo people have already, nothing changes.
        writes("set_mail_choice", "fewer=false".into(), SIGNED_IN),
        reads("reminder_job", String::new(), ADMIN),
        // -------------------------------------------------- plain routes
        plain_get("/healthz", "/healthz".into(), ALL),
        plain_get("/readyz", "/readyz".into(), ALL),
        // Only for connections from METRICS_FROM that did not come through
        // a proxy; these requests have no connection address at all (404
        // for all); tests/multinode.rs scrapes real nodes.
        plain_get("/metrics", "/metrics".into(), [H; 7]),
        plain_get(
            "/inhoud/{course}/assets/{*path}",
            format!("/inhoud/{}/assets/{}", f.asset.0, f.asset.1),
            ALL,
        ),
        plain_get(
            "/voorbeeld-inhoud/{course}/assets/{*path}",
            format!("/voorbeeld-inhoud/{}/assets/{}", f.asset.0, f.asset.1),
            NO_DRAFT,
        ),
        plain_get("/taal/{code}", "/taal/en?terug=/".into(), ALL),
        // Sign-in through the organisation: open to everyone, and not set
        // up in this fixture (404 for all); tests/sso.rs runs them against
        // a real provider.
        plain_get(
            "/inloggen/organisatie",
            "/inloggen/organisatie".into(),
            [H; 7],
        ),
        plain_get(
            "/inloggen/organisatie/terug",
            "/inloggen/organisatie/terug?state=x&code=y".into(),
            [H; 7],
        ),
        plain_get(
            "/uitgelogd/organisatie",
            "/uitgelogd/organisatie".into(),
            [H; 7],
        ),
        plain_get(
            "/mijn/gegevens.json",
            "/mijn/gegevens.json".into(),
            SIGNED_IN,
        ),
        plain_get(
            "/rapportage/export/{file}",
            "/rapportage/export/overzicht.csv".into(),
            REPORTS,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/overzicht.xlsx?afdeling={own}"),
            OWN_PART,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/te-laat.csv?afdeling={own}"),
            OWN_PART,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/certificaten.csv?afdeling={own}"),
            OWN_PART,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/afdeling-{own}.csv"),
            OWN_PART,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/afdeling-{other}.csv"),
            OTHER_PART,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/persoon-{learner}.csv"),
            OWN_PERSON,
        ),
        plain_get(
            "/rapportage/export/{file}",
            format!("/rapportage/export/persoon-{hr}.xlsx"),
            NOBODYS_PERSON,
        ),
        Probe {
            key: ("POST".into(), "/beheer/import/upload".into()),
            uri: "/beheer/import/upload".into(),
            call: Call::Upload,
            expect: ADMIN,
            fresh_session: false,
        },
    ];
    // Signing out ends the session it is sent with: each person signs out
    // a session of their own made for it.
    let mut sign_out = writes("sign_out", String::new(), ALL);
    sign_out.fresh_session = true;
    rows.push(sign_out);
    rows
}

/// Everything the router serves, as (method, path pattern): the pages from
/// the router's own route list, every registered server function, and the
/// plain axum routes.
fn served() -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    for route in server::router::route_list() {
        for method in route.methods() {
            let method = format!("{method:?}").to_uppercase();
            all.insert((method, route.path().to_string()));
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        all.insert((method.as_str().to_string(), path.to_string()));
    }
    for (method, path) in server::router::plain_routes() {
        all.insert((method.to_string(), path.to_string()));
    }
    all
}

/// Both directions: nothing served without a row, no row for what is gone.
fn check_coverage(rows: &[Probe]) -> Vec<String> {
    let served = served();
    let covered: BTreeSet<(String, String)> = rows.iter().map(|p| p.key.clone()).collect();
    let mut problems = Vec::new();
    for (method, path) in served.difference(&covered) {
        problems.push(format!(
            "{method} {path} is served but has no row in the access matrix \
             (server/tests/access_matrix.rs, fn matrix): say who may use it"
        ));
    }
    for (method, path) in covered.difference(&served) {
        problems.push(format!(
            "{method} {path} has a row in the access matrix but the router does not serve it"
        ));
    }
    problems
}

/// One file in some course's `assets/` folder.
fn some_asset(app: &TestApp) -> (String, String) {
    let courses = app.state.content.root().join("courses");
    let mut dirs: Vec<_> = std::fs::read_dir(&courses)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(files) = std::fs::read_dir(dir.join("assets")) else {
            continue;
        };
        let mut files: Vec<_> = files
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        if let Some(file) = files.into_iter().next() {
            let course = dir.file_name().unwrap().to_string_lossy().into_owned();
            return (course, file);
        }
    }
    panic!("no course in {} has an asset", courses.display());
}

/// The other manager, a submitted exam attempt and a completion record for
/// the learner, and the ids the requests need.
async fn fixture(app: &TestApp) -> Fixture {
    use app::learning::queries::{self as learning, Learner};
    let db = &app.state.db;
    let own_department = department(app, OWN_DEPARTMENT).await.id;
    let other_department = department(app, OTHER_DEPARTMENT).await.id;
    app::ssr::accounts::create_demo_user(
        db,
        app::ssr::accounts::NewUser {
            email: OTHER_MANAGER,
            display_name: "Marit Manager",
            password: server::commands::seed_demo::DEMO_PASSWORD,
            department_id: Some(other_department),
            roles: &[Role::Learner, Role::Manager],
        },
    )
    .await
    .unwrap();
    let learner = account(app, "leerling@demodorp.example").await;
    let hr = account(app, "hr@demodorp.example").await;
    let trainer = account(app, "trainer@demodorp.example").await;
    let who = Learner {
        id: learner.id,
        department_id: learner.department_id,
    };

    let index = app.state.content.current();
    let catalog = &index.catalog;
    let (course, module) = catalog
        .courses
        .iter()
        .find_map(|c| {
            c.modules
                .iter()
                .find(|m| !m.is_exam() && !m.questions.is_empty())
                .map(|m| (c, m))
        })
        .expect("a lesson with a question");
    let (exam_course, exam) = catalog
        .courses
        .iter()
        .find_map(|c| c.modules.iter().find(|m| m.is_exam()).map(|m| (c, m)))
        .expect("a course with an exam");
    let attempt = learning::start_attempt(&app.state.writer, exam_course, exam, who)
        .await
        .unwrap();
    learning::submit_attempt(
        &app.state.writer,
        exam_course,
        exam,
        who,
        attempt.number,
        &Default::default(),
        &app.state.option_key,
    )
    .await
    .unwrap();
    let record_code = app::records::queries::new_verification_code();
    completion_records::Entity::insert(completion_records::ActiveModel {
        user_id: Set(learner.id),
        round: Set(1),
        course_id: Set(course.id.clone()),
        course_version: Set(course.version.clone()),
        course_title: Set(course.title.clone()),
        score_percent: Set(100.0),
        completed_at: Set(chrono::Utc::now()),
        department_id: Set(learner.department_id),
        department_name: Set(None),
        expires_at: Set(None),
        verification_code: Set(record_code.clone()),
        ..Default::default()
    })
    .exec(&app.state.writer)
    .await
    .unwrap();
    Fixture {
        course: course.id.clone(),
        module: module.id.clone(),
        module_file: module.file_name.clone(),
        question: module.questions[0].id.clone(),
        exam_course: exam_course.id.clone(),
        exam_module: exam.id.clone(),
        attempt: attempt.number,
        record_code,
        asset: some_asset(app),
        own_department,
        other_department,
        learner: learner.id,
        hr: hr.id,
        trainer: trainer.id,
    }
}

fn request(probe: &Probe, cookie: Option<&str>) -> Request<Body> {
    let builder = match &probe.call {
        Call::Page => Request::get(&probe.uri).header(header::ACCEPT, "text/html"),
        Call::Get => Request::get(&probe.uri),
        Call::ServerFn { .. } => Request::post(&probe.uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json"),
        Call::Upload => Request::post(&probe.uri)
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
            .header(header::ACCEPT, "text/html"),
    };
    let builder = match cookie {
        Some(c) => builder.header(header::COOKIE, c),
        None => builder,
    };
    let body = match &probe.call {
        Call::ServerFn { body, .. } => Body::from(body.clone()),
        Call::Upload => Body::from("--x--\r\n"),
        Call::Page | Call::Get => Body::empty(),
    };
    builder.body(body).unwrap()
}

/// Whether the answer is what `expect` says.
fn judge(call: &Call, expect: Expect, status: StatusCode, location: &str, body: &str) -> bool {
    let code = status.as_u16();
    match call {
        Call::Page => {
            let prompt = body.contains(SIGN_IN_PROMPT);
            match expect {
                Y => code == 200 && !prompt,
                S => prompt && (code == 200 || code == 401),
                F => code == 403 && !prompt,
                H => code == 404 && !prompt,
            }
        }
        Call::ServerFn { reads, .. } => match expect {
            Y if *reads => code == 200,
            Y => matches!(code, 200 | 404 | 409 | 422),
            S => code == 401,
            F => code == 403,
            H => code == 404,
        },
        Call::Get | Call::Upload => {
            let to_sign_in = status.is_redirection() && location.starts_with("/inloggen");
            match expect {
                Y => status.is_success() || (status.is_redirection() && !to_sign_in),
                S => to_sign_in || code == 401,
                F => code == 403,
                H => code == 404,
            }
        }
    }
}

fn got(call: &Call, status: StatusCode, location: &str, body: &str) -> String {
    let mut text = status.to_string();
    if !location.is_empty() {
        text.push_str(&format!(" to {location}"));
    }
    match call {
        Call::Page if body.contains(SIGN_IN_PROMPT) => text.push_str(" with the sign-in prompt"),
        Call::Page => {}
        _ if !status.is_success() => {
            let snippet: String = body.chars().take(200).collect();
            text.push_str(&format!(": {snippet}"));
        }
        _ => {}
    }
    text
}

#[tokio::test]
async fn every_route_and_server_function_has_the_right_access() {
    let apps = seeded().await;
    let mut failures = Vec::new();
    for app in apps {
        let b = app.backend;
        let f = fixture(&app).await;
        let rows = matrix(&f);
        let coverage = check_coverage(&rows);
        if !coverage.is_empty() {
            // The matrix is incomplete: say what is missing, and nothing else.
            failures.extend(coverage.into_iter().map(|p| format!("[{b}] {p}")));
            app.cleanup().await;
            continue;
        }
        let mut cookies: Vec<Option<String>> = Vec::new();
        let mut ids: Vec<Option<i32>> = Vec::new();
        for actor in ACTORS {
            match actor.email() {
                Some(email) => {
                    cookies.push(Some(common::sign_in(&app, email).await));
                    ids.push(Some(account(&app, email).await.id));
                }
                None => {
                    cookies.push(None);
                    ids.push(None);
                }
            }
        }
        let mut checked = 0;
        for probe in &rows {
            for (i, actor) in ACTORS.into_iter().enumerate() {
                let cookie = match (probe.fresh_session, ids[i]) {
                    (true, Some(id)) => {
                        let token = app::ssr::session::create(&app.state.writer, id)
                            .await
                            .unwrap();
                        Some(format!("{}={token}", app::ssr::session::COOKIE_NAME))
                    }
                    _ => cookies[i].clone(),
                };
                let res = app.request(request(probe, cookie.as_deref())).await;
                let location = res
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                let (status, body) = split(res).await;
                let expect = probe.expect[i];
                checked += 1;
                if !judge(&probe.call, expect, status, &location, &body) {
                    failures.push(format!(
                        "[{b}] {actor:?}: {} {} (row {} {}): expected {}, got {}",
                        probe.key.0,
                        probe.uri,
                        probe.key.0,
                        probe.key.1,
                        expect.describe(),
                        got(&probe.call, status, &location, &body),
                    ));
                }
            }
        }
        let keys: BTreeSet<_> = rows.iter().map(|p| &p.key).collect();
        let count = |pred: fn(&Call) -> bool| {
            keys.iter()
                .filter(|k| rows.iter().any(|p| &&p.key == *k && pred(&p.call)))
                .count()
        };
        eprintln!(
            "[{b}] access matrix: {} pages, {} server functions, {} plain routes; \
             {} requests for {} people",
            count(|c| matches!(c, Call::Page)),
            count(|c| matches!(c, Call::ServerFn { .. })),
            count(|c| matches!(c, Call::Get | Call::Upload)),
            checked,
            ACTORS.len(),
        );
        app.cleanup().await;
    }
    assert!(
        failures.is_empty(),
        "{} problems with the access matrix:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
