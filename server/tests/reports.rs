//! HR reports through the router, on SQLite and PostgreSQL: figures against
//! a hand-counted fixture, the SQL counts against the pure rules in
//! `domain::report::status`, incremental upkeep against a full rebuild, the
//! manager's scope (pages, server functions and downloads), the downloads
//! themselves (CSV bytes; XLSX read back with calamine), the audit log and
//! the learner's view of mandatory training.

mod common;

use app::ssr::accounts::{self, NewUser, Role};
use app::ssr::entities::{
    assignments, completion_records, course_status, departments, enrollments, report_cells,
};
use app::ssr::report_summary as status;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, NaiveDate, Utc};
use common::{get, seeded, sign_in, split, TestApp};
use http_body_util::BodyExt;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

const PASSWORD: &str = "demo-wachtwoord";
const COURSE: &str = "participatie-in-de-praktijk";

async fn bytes(app: &TestApp, req: Request<Body>) -> (StatusCode, Vec<u8>, String) {
    let res = app.request(req).await;
    let status = res.status();
    let disposition = res
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, body, disposition)
}

async fn dept(app: &TestApp, code: &str) -> i32 {
    departments::Entity::find()
        .filter(departments::Column::Code.eq(code))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("department {code}"))
        .id
}

async fn user(app: &TestApp, email: &str, name: &str, dept_code: &str) -> i32 {
    let d = dept(app, dept_code).await;
    // Test people share the demo password (a demo account's rule).
    accounts::create_demo_user(
        &app.state.writer,
        NewUser {
            email,
            display_name: name,
            password: PASSWORD,
            department_id: Some(d),
            roles: &[Role::Learner],
        },
    )
    .await
    .unwrap()
    .id
}

fn days(n: i64) -> NaiveDate {
    Utc::now().date_naive() + Duration::days(n)
}

async fn enrol(app: &TestApp, user: i32, started: i64, completed: Option<i64>) {
    enrollments::ActiveModel {
        user_id: Set(user),
        course_id: Set(COURSE.into()),
        started_at: Set(Utc::now() + Duration::days(started)),
        completed_at: Set(completed.map(|c| Utc::now() + Duration::days(c))),
        ..Default::default()
    }
    .insert(&app.state.writer)
    .await
    .unwrap();
}

async fn record(app: &TestApp, user: i32, completed: i64, expires: Option<i64>, code: &str) {
    completion_records::ActiveModel {
        user_id: Set(user),
        course_id: Set(COURSE.into()),
        course_version: Set(format!("v-{code}")),
        course_title: Set("Participatie in de praktijk".into()),
        score_percent: Set(80.0),
        completed_at: Set(Utc::now() + Duration::days(completed)),
        department_id: Set(None),
        department_name: Set(Some("Toen".into())),
        expires_at: Set(expires.map(days)),
        verification_code: Set(code.into()),
        ..Default::default()
    }
    .insert(&app.state.writer)
    .await
    .unwrap();
}

async fn assign(app: &TestApp, dept: Option<i32>, user: Option<i32>, due: i64) {
    assignments::ActiveModel {
        course_id: Set(COURSE.into()),
        department_id: Set(dept),
        user_id: Set(user),
        include_subdepartments: Set(true),
        due_on: Set(days(due)),
        assigned_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.writer)
    .await
    .unwrap();
}

/// The fixture, in Directie Ruimte (DIR-RUI → AF-RO → T-OP, T-GB; AF-MOB):
///
/// | who | where | what | state |
/// |---|---|---|---|
/// | leerling (demo) | T-OP | nothing | not started |
/// | manager (demo) | AF-RO | nothing | not started |
/// | u1 | T-OP | completed 10 days ago, no expiry | completed |
/// | u2 | T-OP | started, assigned due 5 days ago | in progress, overdue |
/// | u3 | T-GB | record expires in 30 days | completed, expiring |
/// | u4 | T-GB | record expired 10 days ago, assigned due 100 days ago | expired, overdue |
/// | u5 | AF-MOB | AF-MOB assigned, due in 20 days | not started, required |
/// | u6 | AF-MOB | same | not started, required |
///
/// So Directie Ruimte: 8 people, 2 completed (1 expiring), 1 expired,
/// 1 in progress, 4 not started, 4 required, 2 overdue.
async fn fixture(app: &TestApp) -> BTreeMap<&'static str, i32> {
    let mut ids = BTreeMap::new();
    ids.insert(
        "u1",
        user(app, "u1@demodorp.example", "Uma Een", "T-OP").await,
    );
    ids.insert(
        "u2",
        user(app, "u2@demodorp.example", "Udo Twee", "T-OP").await,
    );
    ids.insert(
        "u3",
        user(app, "u3@demodorp.example", "Ula Drie", "T-GB").await,
    );
    ids.insert(
        "u4",
        user(app, "u4@demodorp.example", "Ugo Vier", "T-GB").await,
    );
    ids.insert(
        "u5",
        user(app, "u5@demodorp.example", "Uri Vijf", "AF-MOB").await,
    );
    ids.insert(
        "u6",
        user(app, "u6@demodorp.example", "Uta Zes", "AF-MOB").await,
    );
    enrol(app, ids["u1"], -20, Some(-10)).await;
    record(app, ids["u1"], -10, None, "CODE-U1").await;
    enrol(app, ids["u2"], -3, None).await;
    enrol(app, ids["u3"], -700, Some(-700)).await;
    record(app, ids["u3"], -700, Some(30), "CODE-U3").await;
    enrol(app, ids["u4"], -800, Some(-800)).await;
    record(app, ids["u4"], -800, Some(-10), "CODE-U4").await;
    assign(app, None, Some(ids["u2"]), -5).await;
    assign(app, None, Some(ids["u4"]), -100).await;
    assign(app, Some(dept(app, "AF-MOB").await), None, 20).await;
    status::rebuild(&app.state.writer).await.unwrap();
    ids
}

/// The CSV rows (header first), without the BOM.
fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    String::from_utf8(body[3..].to_vec())
        .unwrap()
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split(';')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_matrix_counts_match_a_hand_counted_fixture() {
    for app in seeded().await {
        let ids = fixture(&app).await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let (status_code, body, disposition) = bytes(
            &app,
            get(
                &format!("/rapportage/export/overzicht.csv?cursus={COURSE}"),
                &hr,
            ),
        )
        .await;
        assert_eq!(status_code, StatusCode::OK, "[{}]", app.backend);
        assert!(
            disposition.contains("attachment") && disposition.contains(".csv"),
            "{disposition}"
        );
        let rows = csv_rows(&body);
        assert_eq!(
            rows[0],
            [
                "Afdeling",
                "Cursus",
                "Medewerkers",
                "Afgerond",
                "Verloopt binnenkort",
                "Verlopen",
                "Bezig",
                "Niet begonnen",
                "Verplicht",
                "Te laat",
                "% afgerond"
            ]
        );
        let ruimte = rows
            .iter()
            .find(|r| r[0] == "Directie Ruimte")
            .unwrap_or_else(|| panic!("[{}] no Directie Ruimte row in {rows:?}", app.backend));
        assert_eq!(
            &ruimte[2..10],
            ["8", "2", "1", "1", "1", "4", "4", "2"],
            "[{}] people, completed, expiring, expired, in progress, not started, required, overdue",
            app.backend
        );
        assert_eq!(ruimte[10], "25,0", "[{}] 2 of 8 completed", app.backend);

        // Drilling into Directie Ruimte shows its afdelingen, rolled up.
        let ruimte_id = dept(&app, "DIR-RUI").await;
        let (_, body, _) = bytes(
            &app,
            get(
                &format!("/rapportage/export/overzicht.csv?cursus={COURSE}&afdeling={ruimte_id}"),
                &hr,
            ),
        )
        .await;
        let rows = csv_rows(&body);
        let ro = rows
            .iter()
            .find(|r| r[0] == "Afdeling Ruimtelijke Ontwikkeling")
            .unwrap();
        // T-OP (leerling, u1, u2) + T-GB (u3, u4) + AF-RO itself (manager).
        assert_eq!(
            &ro[2..10],
            ["6", "2", "1", "1", "1", "2", "2", "2"],
            "[{}]",
            app.backend
        );
        let mob = rows.iter().find(|r| r[0] == "Afdeling Mobiliteit").unwrap();
        assert_eq!(
            &mob[2..10],
            ["2", "0", "0", "0", "0", "2", "2", "0"],
            "[{}]",
            app.backend
        );

        // The overdue list: u4 (due again since the expiry, 10 days ago) and
        // u2 (5 days ago), longest overdue first.
        let (_, body, _) = bytes(&app, get("/rapportage/export/te-laat.csv", &hr)).await;
        let rows = csv_rows(&body);
        let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["Ugo Vier", "Udo Twee"], "[{}]", app.backend);
        assert_eq!(rows[1][5], "10");
        assert_eq!(rows[2][5], "5");

        // The page shows the same.
        let (code, html) = split(app.request(get("/rapportage/te-laat", &hr)).await).await;
        assert_eq!(code, StatusCode::OK);
        assert!(
            html.contains("Ugo Vier") && html.contains("Udo Twee"),
            "[{}]",
            app.backend
        );
        assert!(html.contains("2 keer te laat"), "[{}]", app.backend);

        // One person's history.
        let (code, html) = split(
            app.request(get(&format!("/rapportage/persoon/{}", ids["u4"]), &hr))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::OK);
        assert!(
            html.contains("CODE-U4") && html.contains("Verlopen"),
            "[{}]",
            app.backend
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn sql_counts_follow_the_pure_rules() {
    use domain::completion::Date;
    use domain::report::status::{Counts, LearnerCourse};
    for app in seeded().await {
        fixture(&app).await;
        // Every cell the database holds equals the pure count of its rows.
        let rows = course_status::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        let to_date = |d: NaiveDate| {
            use chrono::Datelike;
            Date::new(d.year(), d.month(), d.day()).unwrap()
        };
        let today = to_date(status::today());
        let mut expected: BTreeMap<(i32, String), Counts> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.active) {
            let lc = LearnerCourse {
                started: r.started_at.is_some(),
                completed_on: r.completed_on.map(to_date),
                valid_until: r.valid_until.map(to_date),
                due_on: r.due_on.map(to_date),
            };
            assert_eq!(
                domain::report::status::effective_due(&lc),
                r.next_due_on.map(to_date),
                "[{}] next_due_on of {r:?}",
                app.backend
            );
            let st = domain::report::status::status(&lc, today, status::WARNING_DAYS);
            let c = expected
                .entry((r.department_id.unwrap_or(0), r.course_id.clone()))
                .or_default();
            c.add(
                st,
                lc.due_on.is_some(),
                domain::report::status::is_overdue(&lc, today),
            );
        }
        let cells = report_cells::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(cells.len(), expected.len(), "[{}]", app.backend);
        for cell in cells {
            let e = expected[&(cell.department_id, cell.course_id.clone())];
            assert_eq!(
                [
                    cell.completed,
                    cell.expiring,
                    cell.expired,
                    cell.in_progress,
                    cell.overdue,
                    cell.required
                ]
                .map(i64::from),
                [
                    e.completed,
                    e.expiring,
                    e.expired,
                    e.in_progress,
                    e.overdue,
                    e.required
                ],
                "[{}] cell {} × {}",
                app.backend,
                cell.department_id,
                cell.course_id
            );
        }
        app.cleanup().await;
    }
}

async fn cells(app: &TestApp) -> Vec<report_cells::Model> {
    let mut all = report_cells::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    all.sort_by(|a, b| (a.department_id, &a.course_id).cmp(&(b.department_id, &b.course_id)));
    all
}

#[tokio::test]
async fn upkeep_as_things_happen_equals_a_full_rebuild() {
    for app in seeded().await {
        let ids = fixture(&app).await;
        let db = &app.state.writer;
        // A learner starts a course through the real page flow.
        let leerling = sign_in(&app, "leerling@demodorp.example").await;
        let course = app
            .state
            .content
            .current()
            .catalog
            .course(COURSE)
            .unwrap()
            .clone();
        let (first, q) = course
            .modules
            .iter()
            .flat_map(|m| m.questions.iter().map(move |q| (m, q)))
            .find(|(m, q)| !m.is_exam() && matches!(q.answer, domain::model::Answer::Single { .. }))
            .expect("a single-choice lesson question");
        let learner_id =
            app::ssr::accounts::find_by_email(&app.state.db, "leerling@demodorp.example")
                .await
                .unwrap()
                .unwrap()
                .id;
        let first_option = domain::option_tokens::Namer::lesson(&app.state.option_key, learner_id)
            .token(&q.id, domain::option_tokens::Part::Choice, 0);
        let res = app
            .request(
                Request::post("/api/answer")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "text/html")
                    .header(
                        header::REFERER,
                        format!("http://localhost/cursussen/{COURSE}/{}", first.id),
                    )
                    .header(header::COOKIE, &leerling)
                    .body(Body::from(format!(
                        "course_id={COURSE}&module_id={}&question_id={}&f%5B{}.c%5D={first_option}",
                        first.id, q.id, q.id
                    )))
                    .unwrap(),
            )
            .await;
        assert!(
            res.status().is_redirection(),
            "[{}] answer: {}",
            app.backend,
            res.status()
        );
        // An assignment to a whole directie, and a person moving away.
        assign(&app, Some(dept(&app, "DIR-SAM").await), None, 7).await;
        let txn = sea_orm::TransactionTrait::begin(db).await.unwrap();
        status::apply_assignments(&txn, COURSE).await.unwrap();
        txn.commit().await.unwrap();
        let hr_dept = dept(&app, "AF-HR").await;
        let mut u3: app::ssr::entities::users::ActiveModel =
            app::ssr::entities::users::Entity::find_by_id(ids["u3"])
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .into();
        u3.department_id = Set(Some(hr_dept));
        u3.update(db).await.unwrap();
        let txn = sea_orm::TransactionTrait::begin(db).await.unwrap();
        status::users_changed(&txn, &[ids["u3"]]).await.unwrap();
        txn.commit().await.unwrap();

        let leerling_id = accounts::find_by_email(db, "leerling@demodorp.example")
            .await
            .unwrap()
            .unwrap()
            .id;
        let row = course_status::Entity::find_by_id((leerling_id, COURSE.to_string()))
            .one(db)
            .await
            .unwrap()
            .expect("answering started the course");
        assert!(row.started_at.is_some(), "[{}]", app.backend);

        let upkept = cells(&app).await;
        status::rebuild(db).await.unwrap();
        assert_eq!(
            upkept,
            cells(&app).await,
            "[{}] upkeep == rebuild",
            app.backend
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_manager_sees_only_their_own_part_of_the_tree() {
    for app in seeded().await {
        let ids = fixture(&app).await;
        let manager = sign_in(&app, "manager@demodorp.example").await;
        // The matrix starts at the manager's afdeling and shows its teams.
        let (code, html) = split(app.request(get("/rapportage", &manager)).await).await;
        assert_eq!(code, StatusCode::OK, "[{}]", app.backend);
        assert!(html.contains("Team Omgevingsplan"), "[{}]", app.backend);
        assert!(!html.contains("Directie Samenleving"), "[{}]", app.backend);
        // Another part of the tree: refused, on the page, the server
        // function and the download.
        let hr_dept = dept(&app, "AF-HR").await;
        let (code, _) = split(
            app.request(get(&format!("/rapportage?afdeling={hr_dept}"), &manager))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        let (code, _) = split(
            app.request(get(&format!("/rapportage/afdeling/{hr_dept}"), &manager))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        let res = app
            .request(
                Request::post("/api/report_people")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, &manager)
                    .body(Body::from(format!(
                        "department={hr_dept}&filters[pagina]=1"
                    )))
                    .unwrap(),
            )
            .await;
        let (code, body) = split(res).await;
        assert_ne!(code, StatusCode::OK, "[{}]", app.backend);
        assert!(body.contains("Forbidden"), "[{}] {body}", app.backend);
        assert!(!body.contains("Hanneke"), "[{}] {body}", app.backend);
        let (code, _, _) = bytes(
            &app,
            get(
                &format!("/rapportage/export/afdeling-{hr_dept}.xlsx"),
                &manager,
            ),
        )
        .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        // Someone outside: as if they did not exist.
        let u5 = ids["u5"];
        let (code, _) = split(
            app.request(get(&format!("/rapportage/persoon/{u5}"), &manager))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::NOT_FOUND, "[{}]", app.backend);
        // Their own people: fine, and the overdue download lists only them.
        let (code, _) = split(
            app.request(get(&format!("/rapportage/persoon/{}", ids["u2"]), &manager))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::OK, "[{}]", app.backend);
        let (_, body, _) = bytes(&app, get("/rapportage/export/overzicht.csv", &manager)).await;
        let rows = csv_rows(&body);
        assert!(
            rows[1..]
                .iter()
                .all(|r| r[0].contains("Ruimtelijke") || r[0].starts_with("Team ")),
            "[{}] {rows:?}",
            app.backend
        );
        // A learner sees no reports at all.
        let leerling = sign_in(&app, "leerling@demodorp.example").await;
        let (code, _) = split(app.request(get("/rapportage", &leerling)).await).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        let (code, _, _) = bytes(&app, get("/rapportage/export/te-laat.csv", &leerling)).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn xlsx_downloads_read_back_and_views_are_audited() {
    use calamine::{Data, Reader, Xlsx};
    for app in seeded().await {
        fixture(&app).await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let (code, body, disposition) =
            bytes(&app, get("/rapportage/export/certificaten.xlsx", &hr)).await;
        assert_eq!(code, StatusCode::OK, "[{}]", app.backend);
        assert!(disposition.contains(".xlsx"), "{disposition}");
        let mut book = Xlsx::new(std::io::Cursor::new(body)).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header[0], "Naam");
        assert_eq!(header[7], "Verificatiecode");
        let codes: Vec<String> = range.rows().skip(1).map(|r| r[7].to_string()).collect();
        assert_eq!(
            codes,
            ["CODE-U1", "CODE-U3", "CODE-U4"],
            "[{}] newest first",
            app.backend
        );
        let u1 = range.rows().nth(1).unwrap();
        assert_eq!(u1[0], Data::String("Uma Een".into()));
        assert!(
            matches!(u1[3], Data::DateTime(_)),
            "[{}] a real date: {:?}",
            app.backend,
            u1[3]
        );
        assert_eq!(
            u1[5],
            Data::Float(0.8),
            "[{}] 80 % as a percentage",
            app.backend
        );

        // Views and downloads with personal data are in the audit log, which
        // only admins can read.
        let (code, _) = split(app.request(get("/rapportage/te-laat", &hr)).await).await;
        assert_eq!(code, StatusCode::OK);
        let (code, _) = split(app.request(get("/beheer/audit", &hr)).await).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let (code, html) = split(
            app.request(get("/beheer/audit?soort=report_export", &admin))
                .await,
        )
        .await;
        assert_eq!(code, StatusCode::OK, "[{}]", app.backend);
        assert!(
            html.contains("certificaten.xlsx") && html.contains("Hanneke van HR"),
            "[{}]",
            app.backend
        );
        let (_, html) = split(
            app.request(get("/beheer/audit?soort=report_view", &admin))
                .await,
        )
        .await;
        assert!(html.contains("te-laat"), "[{}]", app.backend);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn learners_see_their_mandatory_courses_and_deadlines() {
    for app in seeded().await {
        let leerling = accounts::find_by_email(&app.state.db, "leerling@demodorp.example")
            .await
            .unwrap()
            .unwrap()
            .id;
        assign(&app, Some(dept(&app, "DIR-RUI").await), None, 14).await;
        let txn = sea_orm::TransactionTrait::begin(&app.state.writer)
            .await
            .unwrap();
        status::apply_assignments(&txn, COURSE).await.unwrap();
        txn.commit().await.unwrap();
        let due = days(14).format("%d-%m-%Y").to_string();
        let cookie = sign_in(&app, "leerling@demodorp.example").await;
        let (code, html) = split(app.request(get("/mijn", &cookie)).await).await;
        assert_eq!(code, StatusCode::OK);
        assert!(
            html.contains("Verplicht") && html.contains(&due),
            "[{}] dashboard",
            app.backend
        );
        let (_, html) = split(app.request(get("/", &cookie)).await).await;
        assert!(
            html.contains(&format!("Verplicht – uiterlijk {due}")),
            "[{}] catalog",
            app.backend
        );
        // Someone in another directie has no such deadline.
        let trainer = sign_in(&app, "trainer@demodorp.example").await;
        let (_, html) = split(app.request(get("/", &trainer)).await).await;
        assert!(!html.contains("Verplicht –"), "[{}]", app.backend);
        let _ = leerling;
        app.cleanup().await;
    }
}

/// In the browser a report page asks its server function with the filters
/// of its address; opened from the main menu it has none, and the form
/// then holds no `filters` at all. That is the whole organisation, not a
/// refused request (it was, so the report opened from the menu with
/// JavaScript on showed only an error).
#[tokio::test]
async fn reports_without_any_filter_answer() {
    for app in seeded().await {
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let team = dept(&app, "T-OP").await;
        for (endpoint, body) in [
            ("report_matrix", String::new()),
            ("report_overdue", String::new()),
            ("report_records", String::new()),
            ("report_people", format!("department={team}")),
        ] {
            let res = app
                .request(
                    Request::post(format!("/api/{endpoint}"))
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .header(header::COOKIE, &hr)
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await;
            let (code, body) = split(res).await;
            assert_eq!(code, StatusCode::OK, "[{}] {endpoint}: {body}", app.backend);
        }
        app.cleanup().await;
    }
}

/// Words at the edge (issue 13): every download is headed, titled and
/// filled in the language of the person who asks (the language cookie),
/// and so is every refusal; Dutch stays the default. The queries return
/// codes and dates only, so the same request in the other language differs
/// only in its words.
#[tokio::test]
async fn downloads_and_their_refusals_speak_the_requesters_language() {
    for app in seeded().await {
        let ids = fixture(&app).await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let en = format!("{hr}; taal=en");
        let team = dept(&app, "T-GB").await;
        let csv = |cookie: String, file: String| {
            let app = &app;
            async move {
                let (code, body, disposition) =
                    bytes(app, get(&format!("/rapportage/export/{file}"), &cookie)).await;
                assert_eq!(code, StatusCode::OK, "[{}] {file}", app.backend);
                (csv_rows(&body), disposition)
            }
        };
        // (file, Dutch header, English header, a Dutch word in the body, its English)
        let cases = [
            (
                format!("overzicht.csv?cursus={COURSE}"),
                "Afdeling;Cursus;Medewerkers;Afgerond;Verloopt binnenkort;Verlopen;Bezig;Niet begonnen;Verplicht;Te laat;% afgerond",
                "Department;Course;Employees;Completed;Expiring soon;Expired;In progress;Not started;Mandatory;Overdue;% completed",
                "Hele organisatie",
                "Whole organisation",
            ),
            (
                "te-laat.csv".to_string(),
                "Naam;Personeelsnummer;Afdeling;Cursus;Uiterlijk;Dagen te laat",
                "Name;Employee number;Department;Course;Due by;Days overdue",
                "Ugo Vier",
                "Ugo Vier",
            ),
            (
                "certificaten.csv".to_string(),
                "Naam;Cursus;Versie;Afgerond op;Afdeling toen;Score;Geldig tot;Verificatiecode",
                "Name;Course;Version;Completed on;Department at the time;Score;Valid until;Verification code",
                "CODE-U3",
                "CODE-U3",
            ),
            (
                format!("afdeling-{team}.csv?cursus={COURSE}"),
                "Naam;Personeelsnummer;Afdeling;Participatie in de praktijk",
                "Name;Employee number;Department;Participatie in de praktijk",
                "(te laat, uiterlijk ",
                "(overdue, due by ",
            ),
            (
                format!("persoon-{}.csv", ids["u4"]),
                "Cursus;Stand;Te laat;Afgerond op;Geldig tot;Uiterlijk",
                "Course;Status;Overdue;Completed on;Valid until;Due by",
                "Verlopen;ja;",
                "Expired;yes;",
            ),
        ];
        for (file, nl_header, en_header, nl_word, en_word) in cases {
            let (nl_rows, nl_name) = csv(hr.clone(), file.clone()).await;
            let (en_rows, en_name) = csv(en.clone(), file.clone()).await;
            assert_eq!(nl_rows[0].join(";"), nl_header, "[{}] {file}", app.backend);
            assert_eq!(en_rows[0].join(";"), en_header, "[{}] {file}", app.backend);
            let text = |rows: &[Vec<String>]| {
                rows.iter()
                    .map(|r| r.join(";"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert!(
                text(&nl_rows).contains(nl_word),
                "[{}] {file}: {nl_rows:?}",
                app.backend
            );
            assert!(
                text(&en_rows).contains(en_word),
                "[{}] {file}: {en_rows:?}",
                app.backend
            );
            // The same rows, only the words differ.
            assert_eq!(nl_rows.len(), en_rows.len(), "[{}] {file}", app.backend);
            if file.starts_with("overzicht") {
                assert!(nl_name.contains("overzicht"), "{nl_name}");
                assert!(en_name.contains("overview"), "{en_name}");
            }
        }
        // The refusals, in each language.
        let refusals = [
            (
                "certificaten.csv?van=31-12-2026",
                "'31-12-2026'",
                "Gebruik jjjj-mm-dd",
                "Use yyyy-mm-dd",
            ),
            (
                "certificaten.csv?van=2026-12-31&tot=2026-01-01",
                "",
                "De periode klopt niet",
                "The period is not right",
            ),
            ("onbekend.csv", "", "niet gevonden", "not found"),
        ];
        for (file, both, nl, en_text) in refusals {
            for (cookie, words) in [(&hr, nl), (&en, en_text)] {
                let (code, body, _) =
                    bytes(&app, get(&format!("/rapportage/export/{file}"), cookie)).await;
                let body = String::from_utf8(body).unwrap();
                assert!(code.is_client_error(), "[{}] {file}: {code}", app.backend);
                assert!(
                    body.contains(words) && body.contains(both),
                    "[{}] {file}: {body}",
                    app.backend
                );
            }
        }
        let learner = sign_in(&app, "leerling@demodorp.example").await;
        let (code, body, _) = bytes(
            &app,
            get(
                "/rapportage/export/te-laat.csv",
                &format!("{learner}; taal=en"),
            ),
        )
        .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "[{}]", app.backend);
        let body = String::from_utf8(body).unwrap();
        assert!(
            body.contains("You do not have access"),
            "[{}] {body}",
            app.backend
        );
        app.cleanup().await;
    }
}
