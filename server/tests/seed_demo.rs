//! `server seed-demo`'s employees (issue 18, item 6), on every backend:
//! the same people and history on SQLite and PostgreSQL (deterministic),
//! made through the learning queries so every derived table agrees with a
//! recount, and enough of it that the reports, the question analysis and
//! the trainers' feedback section show figures on first start.

mod common;

use common::{assert_item_sums_match_a_recount, page, sign_in, TestApp};
use server::commands::seed_demo::{population, seed};

const COURSE: &str = population::COURSE;

/// The report figures as stored, to compare with a rebuild.
async fn status_rows(app: &TestApp) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db;
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT CAST(user_id AS TEXT) || ' ' || course_id || ' ' || COALESCE(CAST(completed_on AS TEXT), '-') \
           || ' ' || COALESCE(CAST(valid_until AS TEXT), '-') || ' ' || COALESCE(CAST(due_on AS TEXT), '-') AS r \
         FROM course_status ORDER BY user_id, course_id",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.try_get::<String>("", "r").unwrap())
    .collect()
}

#[tokio::test]
async fn the_demo_people_make_every_page_show_something() {
    let mut made = Vec::new();
    for app in common::apps().await {
        let b = app.backend;
        seed(&app.state.writer).await.unwrap();
        let m = population::populate(&app.state, 60).await.unwrap();
        assert_eq!(m.people, 60, "[{b}]");
        assert!(
            m.answers > 500 && m.records > 10 && m.feedback > 30 && m.scans > 20,
            "[{b}] {m:?}"
        );
        made.push(m);

        // What upkeep kept equals a recount from the moved answers.
        assert_item_sums_match_a_recount(&app.state.db, b).await;
        let kept = status_rows(&app).await;
        app::ssr::report_summary::rebuild(&app.state.writer)
            .await
            .unwrap();
        assert_eq!(kept, status_rows(&app).await, "[{b}] report summaries");

        // HR sees figures that are not all zero, and the overdue list.
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let html = page(&app, &hr, "/rapportage").await;
        let some_figure = (1..=100).any(|n| html.contains(&format!("{n} %")));
        assert!(some_figure, "[{b}] the matrix has figures above 0 %");
        let late = page(&app, &hr, "/rapportage/te-laat").await;
        assert!(
            [
                "Team Omgevingsplan",
                "Team Gebiedsontwikkeling",
                "Afdeling Mobiliteit"
            ]
            .iter()
            .any(|d| late.contains(d)),
            "[{b}] people of Directie Ruimte are late"
        );

        // HR sees how the departments answered the scan.
        let scans = page(&app, &hr, "/rapportage/scan").await;
        assert!(scans.contains("Hele organisatie"), "[{b}] scan figures");
        assert!(!scans.contains("Nog geen cijfers"), "[{b}]");

        // The trainer sees the question analysis and the feedback.
        let trainer = sign_in(&app, "trainer@demodorp.example").await;
        let html = page(&app, &trainer, &format!("/trainer/{COURSE}")).await;
        assert!(html.contains("Gemiddeld"), "[{b}]");
        assert!(!html.contains("Nog geen feedback."), "[{b}] feedback shown");
        assert!(html.contains("× 5"), "[{b}] a spread of ratings");
        app.cleanup().await;
    }
    // The same people and history on every backend.
    if let [a, b] = &made[..] {
        assert_eq!(a, b, "SQLite and PostgreSQL got the same demo");
    }
}
