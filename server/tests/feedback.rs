//! Learners' feedback (issue 18, item 2), on every backend: a learner rates
//! a module (and a completed course) with the page's own form, changes it,
//! is refused with a message for a missing rating or a too long comment;
//! trainers see ratings and comments without names, and nothing for fewer
//! than five people in their filter; the ratings over time come in periods
//! of at least five.

mod common;

use app::ssr::entities::feedback;
use axum::http::{header, StatusCode};
use chrono::{TimeZone, Utc};
use common::{department, form, form_post, page, seeded, sign_in, split, TestApp};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const COURSE: &str = "participatie-in-de-praktijk";
const LEARNER: &str = "leerling@demodorp.example";
const TRAINER: &str = "trainer@demodorp.example";

fn course(app: &TestApp) -> std::sync::Arc<app::ssr::content_store::ContentIndex> {
    app.state.content.current()
}

/// Post the feedback form as the page does without JavaScript; returns the
/// redirect's target.
async fn send(app: &TestApp, cookie: &str, module: &str, rating: &str, comment: &str) -> String {
    let referer = if module.is_empty() {
        format!("http://localhost/cursussen/{COURSE}")
    } else {
        format!("http://localhost/cursussen/{COURSE}/{module}")
    };
    let res = app
        .request(form_post(
            "/api/feedback",
            form(&[
                ("course_id", COURSE),
                ("module_id", module),
                ("rating", rating),
                ("comment", comment),
            ]),
            Some(cookie),
            &referer,
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}]", app.backend);
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .trim_start_matches("http://localhost")
        .to_string()
}

/// Feedback of `user` on `module` (current version) given at `at`.
async fn given(
    app: &TestApp,
    user: i32,
    module: &str,
    hash: &str,
    rating: i16,
    comment: Option<&str>,
    at: chrono::DateTime<Utc>,
) {
    feedback::Entity::insert(feedback::ActiveModel {
        user_id: Set(user),
        course_id: Set(COURSE.into()),
        module_id: Set(module.into()),
        content_hash: Set(hash.into()),
        rating: Set(rating),
        comment: Set(comment.map(str::to_string)),
        updated_at: Set(at),
    })
    .exec_without_returning(&app.state.db)
    .await
    .unwrap();
}

/// Every module of `c` complete for `user` (as the learning tests reach by
/// answering; here only the course page's view of it matters).
async fn all_complete(app: &TestApp, user: i32, c: &domain::model::Course) {
    use app::ssr::entities::{enrollments, module_progress};
    let now = Utc::now();
    enrollments::Entity::insert(enrollments::ActiveModel {
        user_id: Set(user),
        round: Set(1),
        course_id: Set(c.id.clone()),
        started_at: Set(now),
        completed_at: Set(Some(now)),
        ..Default::default()
    })
    .exec_without_returning(&app.state.db)
    .await
    .unwrap();
    for m in &c.modules {
        module_progress::Entity::insert(module_progress::ActiveModel {
            user_id: Set(user),
            course_id: Set(c.id.clone()),
            module_id: Set(m.id.clone()),
            status: Set("complete".into()),
            content_hash: Set(m.content_hash.clone()),
            marked_read_at: Set(None),
            completed_at: Set(Some(now)),
            updated_at: Set(now),
        })
        .exec_without_returning(&app.state.db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_learner_rates_a_module_changes_it_and_is_told_what_is_wrong() {
    for app in seeded().await {
        let b = app.backend;
        let index = course(&app);
        let m = &index.catalog.course(COURSE).unwrap().modules[0];
        let uri = format!("/cursussen/{COURSE}/{}", m.id);
        let cookie = sign_in(&app, LEARNER).await;
        let me = common::account(&app, LEARNER).await.id;

        // The form is at the end of the module, with five labelled choices.
        let html = page(&app, &cookie, &uri).await;
        assert!(html.contains("Wat vond je van deze module?"), "[{b}]");
        for label in ["1 – slecht", "3 – redelijk", "5 – uitstekend"] {
            assert!(html.contains(label), "[{b}] {label}");
        }
        assert!(!html.contains("Je feedback is bewaard"), "[{b}]");

        // No rating, a rating out of range, a too long comment: refused,
        // with what is wrong, and nothing stored.
        for (rating, comment, message) in [
            ("", "Mooi", "Kies een waardering van 1 tot 5."),
            ("6", "", "Kies een waardering van 1 tot 5."),
            (
                "4",
                &"x".repeat(2001)[..],
                "Je opmerking is te lang: 2001 tekens, hoogstens 2000.",
            ),
        ] {
            let to = send(&app, &cookie, &m.id, rating, comment).await;
            assert!(to.contains("__err="), "[{b}] {rating:?} refused: {to}");
            let (_, html) = split(app.request(common::get(&to, &cookie)).await).await;
            assert!(html.contains(message), "[{b}] {message}");
        }
        assert_eq!(
            feedback::Entity::find().count(&app.state.db).await.unwrap(),
            0,
            "[{b}]"
        );

        // Given: back at the form, which shows it.
        let to = send(&app, &cookie, &m.id, "4", "  Duidelijk <b>uitgelegd</b>  ").await;
        assert_eq!(to, format!("{uri}#feedback"), "[{b}]");
        let html = page(&app, &cookie, &uri).await;
        assert!(html.contains("Je feedback is bewaard"), "[{b}]");
        assert!(
            html.contains("Duidelijk &lt;b&gt;uitgelegd&lt;/b&gt;"),
            "[{b}] the comment, as text"
        );
        assert!(
            html.contains(r#"value="4" checked"#),
            "[{b}] rating 4 chosen"
        );

        // Changed: still one row, with the new rating and no comment.
        send(&app, &cookie, &m.id, "2", "").await;
        let rows = feedback::Entity::find()
            .filter(feedback::Column::UserId.eq(me))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "[{b}] one per learner per version");
        assert_eq!((rows[0].rating, rows[0].comment.as_deref()), (2, None));
        assert_eq!(
            rows[0].content_hash, m.content_hash,
            "[{b}] about this version"
        );

        // Feedback on an earlier version is not this version's: the form is
        // empty again after the module changed.
        feedback::Entity::delete_many()
            .exec(&app.state.db)
            .await
            .unwrap();
        given(
            &app,
            me,
            &m.id,
            "een-oudere-versie",
            5,
            Some("Oud"),
            Utc::now(),
        )
        .await;
        let html = page(&app, &cookie, &uri).await;
        assert!(
            !html.contains("Je feedback is bewaard") && !html.contains(">Oud<"),
            "[{b}]"
        );

        // A module that does not exist: refused, nothing stored.
        let to = send(&app, &cookie, "bestaat-niet", "3", "").await;
        assert!(to.contains("__err="), "[{b}] {to}");
        assert_eq!(
            feedback::Entity::find().count(&app.state.db).await.unwrap(),
            1,
            "[{b}]"
        );

        // Not signed in: nothing stored.
        let res = app
            .request(form_post(
                "/api/feedback",
                form(&[("course_id", COURSE), ("module_id", &m.id), ("rating", "3")]),
                None,
                &format!("http://localhost{uri}"),
            ))
            .await;
        assert_ne!(res.status(), StatusCode::OK, "[{b}]");
        assert_eq!(
            feedback::Entity::find().count(&app.state.db).await.unwrap(),
            1,
            "[{b}]"
        );
    }
}

#[tokio::test]
async fn trainers_see_ratings_and_comments_without_names_and_only_from_five_people() {
    for app in seeded().await {
        let b = app.backend;
        let index = course(&app);
        let c = index.catalog.course(COURSE).unwrap();
        let (first, second) = (&c.modules[0], &c.modules[1]);
        let ro = department(&app, "AF-RO").await;
        let trainer = sign_in(&app, TRAINER).await;
        let uri = format!("/trainer/{COURSE}");
        let at = |month: u32| Utc.with_ymd_and_hms(2026, month, 10, 12, 0, 0).unwrap();

        // Nobody yet.
        let html = page(&app, &trainer, &uri).await;
        assert!(html.contains("Wat deelnemers ervan vinden"), "[{b}]");
        assert!(html.contains("Nog geen feedback."), "[{b}]");

        // Four people rate the first module: too few to show anything.
        let four = common::people(&app, "vier", 4, Some(ro.id)).await;
        for (i, &p) in four.iter().enumerate() {
            given(
                &app,
                p,
                &first.id,
                &first.content_hash,
                5,
                Some(&format!("Opmerking nummer {i}")),
                at(1),
            )
            .await;
        }
        let html = page(&app, &trainer, &uri).await;
        assert!(html.contains("te weinig feedback om te tonen"), "[{b}]");
        assert!(
            !html.contains("Opmerking nummer"),
            "[{b}] no comment from four people"
        );

        // A fifth (in another department, later): figures and comments,
        // without names.
        let fifth = common::people(&app, "vijf", 1, None).await[0];
        given(
            &app,
            fifth,
            &first.id,
            &first.content_hash,
            2,
            Some("Te lang <script>x</script>"),
            at(3),
        )
        .await;
        let html = page(&app, &trainer, &uri).await;
        // (4 × 5 + 2) / 5 = 4.4
        assert!(html.contains("4,4"), "[{b}] the mean");
        assert!(
            html.contains("0 × 1, 1 × 2, 0 × 3, 0 × 4, 4 × 5"),
            "[{b}] the spread"
        );
        for i in 0..4 {
            assert!(
                html.contains(&format!("Opmerking nummer {i}")),
                "[{b}] comment {i}"
            );
        }
        assert!(
            html.contains("Te lang &lt;script&gt;"),
            "[{b}] a comment is text"
        );
        assert!(
            !html.contains("Naam vier") && !html.contains("Naam vijf"),
            "[{b}] no names"
        );
        // Lowest rating first.
        let low = html.find("Te lang").unwrap();
        assert!(html.find("Opmerking nummer 0").unwrap() > low, "[{b}]");
        // Over time: January alone has four, so January to March is one period.
        assert!(
            html.contains("januari 2026 – maart 2026"),
            "[{b}] {}",
            &html[html.find("Door de tijd").unwrap_or(0)..][..400.min(html.len())]
        );

        // The department filter leaves four: nothing again.
        let html = page(&app, &trainer, &format!("{uri}?afdeling={}", ro.id)).await;
        assert!(
            html.contains("te weinig feedback om te tonen"),
            "[{b}] filtered"
        );
        assert!(!html.contains("Opmerking nummer"), "[{b}] filtered");
        // So does a period of only January.
        let html = page(
            &app,
            &trainer,
            &format!("{uri}?van=2026-01-01&tot=2026-01-31"),
        )
        .await;
        assert!(!html.contains("Opmerking nummer"), "[{b}] January alone");

        // Earlier versions count only with "every version", and then each
        // person once, with their latest.
        for &p in &four {
            let before = Utc.with_ymd_and_hms(2025, 12, 1, 9, 0, 0).unwrap();
            given(
                &app,
                p,
                &first.id,
                "vorige-versie",
                1,
                Some("Over de oude versie"),
                before,
            )
            .await;
        }
        let html = page(&app, &trainer, &uri).await;
        assert!(
            !html.contains("Over de oude versie"),
            "[{b}] current version only"
        );
        let html = page(&app, &trainer, &format!("{uri}?versie=alle")).await;
        assert!(
            !html.contains("Over de oude versie"),
            "[{b}] the latest per person (December's is older)"
        );
        assert!(
            html.contains("0 × 1, 1 × 2, 0 × 3, 0 × 4, 4 × 5"),
            "[{b}] five people, once each"
        );

        // The second module has nobody: a dash, no details.
        assert!(html.contains(&second.title), "[{b}]");

        // A learner may not read it.
        let learner = sign_in(&app, LEARNER).await;
        let (status, html) = split(app.request(common::get(&uri, &learner)).await).await;
        assert!(
            status == StatusCode::FORBIDDEN || !html.contains("Opmerking nummer"),
            "[{b}] {status}"
        );
        let res = app
            .request(form_post(
                "/api/feedback_for_course",
                form(&[("course", COURSE)]),
                Some(&learner),
                &format!("http://localhost{uri}"),
            ))
            .await;
        let (_, body) = split(res).await;
        assert!(
            !body.contains("Opmerking nummer"),
            "[{b}] the server function refuses"
        );
    }
}

#[tokio::test]
async fn a_learner_who_completed_the_course_rates_it_as_a_whole() {
    for app in seeded().await {
        let b = app.backend;
        let index = course(&app);
        let c = index.catalog.course(COURSE).unwrap();
        let cookie = sign_in(&app, LEARNER).await;
        let uri = format!("/cursussen/{COURSE}");
        let html = page(&app, &cookie, &uri).await;
        assert!(
            !html.contains("Wat vond je van deze cursus?"),
            "[{b}] not before it is complete"
        );

        all_complete(&app, common::account(&app, LEARNER).await.id, c).await;
        let html = page(&app, &cookie, &uri).await;
        assert!(
            html.contains("Wat vond je van deze cursus?"),
            "[{b}] once complete"
        );
        let to = send(&app, &cookie, "", "5", "Aanrader").await;
        assert_eq!(to, format!("{uri}#feedback"), "[{b}]");
        let html = page(&app, &cookie, &uri).await;
        assert!(
            html.contains("Je feedback is bewaard") && html.contains("Aanrader"),
            "[{b}]"
        );
        let row = feedback::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (row.module_id.as_str(), row.content_hash.as_str()),
            ("", c.version.as_str()),
            "[{b}]"
        );
    }
}
