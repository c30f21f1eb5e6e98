//! Item statistics from the stored answers (issue 18, item 1), on every
//! backend, against a small fixture computed by hand.

mod common;

use app::item_stats::queries::{exam_items, lesson_items, Filter, LessonItem};
use app::ssr::entities::{exam_attempts, question_answers};
use chrono::{Duration, Utc};
use common::{account, seeded, TestApp};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

const COURSE: &str = "participatie-in-de-praktijk";

/// A handed-in attempt of `user` with `scores` for the exam questions a, b
/// and c, `days_ago`.
async fn attempt(app: &TestApp, user: i32, number: i32, scores: [f64; 3], days_ago: i64) {
    let at = Utc::now() - Duration::days(days_ago);
    let row = exam_attempts::ActiveModel {
        user_id: Set(user),
        round: Set(1),
        course_id: Set(COURSE.into()),
        module_id: Set("toets".into()),
        number: Set(number),
        content_hash: Set("h".into()),
        shown: Set("{}".into()),
        started_at: Set(at),
        submitted_at: Set(Some(at)),
        score_percent: Set(Some(0.0)),
        passed: Set(Some(false)),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    for (q, fraction) in ["a", "b", "c"].into_iter().zip(scores) {
        answer(
            app,
            user,
            "toets",
            q,
            Some(row.id),
            fraction,
            number == 1,
            at,
        )
        .await;
    }
}

#[allow(clippy::too_many_arguments)]
async fn answer(
    app: &TestApp,
    user: i32,
    module: &str,
    question: &str,
    attempt: Option<i32>,
    fraction: f64,
    first_try: bool,
    at: chrono::DateTime<Utc>,
) {
    question_answers::ActiveModel {
        user_id: Set(user),
        round: Set(1),
        course_id: Set(COURSE.into()),
        module_id: Set(module.into()),
        question_id: Set(question.into()),
        attempt_id: Set(attempt),
        response: Set("null".into()),
        fraction: Set(fraction),
        correct: Set(fraction >= 1.0),
        first_try: Set(first_try),
        content_hash: Set("h".into()),
        answered_at: Set(at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[tokio::test]
async fn facility_and_discrimination_match_the_hand_computed_fixture() {
    for app in seeded().await {
        let b = app.backend;
        let lotte = account(&app, "leerling@demodorp.example").await;
        let tim = account(&app, "trainer@demodorp.example").await;
        let hr = account(&app, "hr@demodorp.example").await;
        let admin = account(&app, "beheerder@demodorp.example").await;
        let dept = lotte.department_id.expect("Lotte has a department");
        assert_ne!(tim.department_id, Some(dept), "Tim works elsewhere");

        // Four attempts by people of Lotte's department… (a, b, c):
        //   1: 1 1 1   2: 1 1 0   3: 0 0 1   4: 0 0 0
        // …and one by Tim, 40 days ago: 0 1 1.
        attempt(&app, lotte.id, 1, [1.0, 1.0, 1.0], 1).await;
        attempt(&app, lotte.id, 2, [1.0, 1.0, 0.0], 1).await;
        // Three more people of the same department (moved there for the test).
        for who in [&hr, &admin] {
            let mut m: app::ssr::entities::users::ActiveModel = who.clone().into();
            m.department_id = Set(Some(dept));
            m.update(&app.state.db).await.unwrap();
        }
        attempt(&app, hr.id, 1, [0.0, 0.0, 1.0], 2).await;
        attempt(&app, admin.id, 1, [0.0, 0.0, 0.0], 3).await;
        attempt(&app, tim.id, 1, [0.0, 1.0, 1.0], 40).await;

        // Lotte's department, the last 30 days: the four attempts.
        // Question a: x = 1 1 0 0, rest y = 2 1 1 0: n 4, Σx 2, Σx² 2, Σy 4,
        // Σy² 6, Σxy 3; r = (4·3 − 2·4) / √((4·2 − 4)(4·6 − 16)) = 4/√32.
        // Question c: x = 1 0 1 0, rest y = 2 2 0 0: Σxy 2, r = (8 − 8)/… = 0.
        let filter = Filter {
            from: Some(Utc::now() - Duration::days(30)),
            until: None,
            departments: Some(vec![dept]),
        };
        let items = exam_items(&app.state.db, COURSE, &filter).await.unwrap();
        let ids: Vec<&str> = items.iter().map(|i| i.question_id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "[{b}]");
        let a = &items[0].sums;
        assert_eq!(
            (a.n, a.x, a.xx, a.y, a.yy, a.xy),
            (4, 2.0, 2.0, 4.0, 6.0, 3.0),
            "[{b}]"
        );
        assert!(close(a.facility(), 0.5), "[{b}]");
        assert!(
            close(a.discrimination(), 4.0 / 32f64.sqrt()),
            "[{b}] {:?}",
            a.discrimination()
        );
        let c = &items[2].sums;
        assert!(
            close(c.facility(), 0.5) && close(c.discrimination(), 0.0),
            "[{b}] {c:?}"
        );

        // Everyone, any time: Tim's attempt counts too. Question a:
        // x = 1 1 0 0 0, y = 2 1 1 0 2: Σx 2, Σx² 2, Σy 6, Σy² 10, Σxy 3;
        // r = (5·3 − 2·6) / √((5·2 − 4)(5·10 − 36)) = 3/√84.
        let all = exam_items(&app.state.db, COURSE, &Filter::default())
            .await
            .unwrap();
        let a = &all[0].sums;
        assert_eq!(a.n, 5, "[{b}]");
        assert!(close(a.facility(), 0.4), "[{b}]");
        assert!(close(a.discrimination(), 3.0 / 84f64.sqrt()), "[{b}]");

        // Nobody in an empty set of departments.
        let none = Filter {
            departments: Some(vec![]),
            ..Filter::default()
        };
        assert!(exam_items(&app.state.db, COURSE, &none)
            .await
            .unwrap()
            .is_empty());

        // Lesson questions: right at the first try, one first answer each.
        let now = Utc::now();
        answer(&app, lotte.id, "les", "q1", None, 1.0, true, now).await;
        answer(&app, tim.id, "les", "q1", None, 0.0, true, now).await;
        answer(&app, tim.id, "les", "q1", None, 1.0, false, now).await;
        answer(&app, hr.id, "les", "q1", None, 1.0, true, now).await;
        let lessons = lesson_items(&app.state.db, COURSE, &Filter::default())
            .await
            .unwrap();
        assert_eq!(
            lessons,
            vec![LessonItem {
                module_id: "les".into(),
                question_id: "q1".into(),
                first_answers: 3,
                right_first_time: 2,
            }],
            "[{b}] a second try does not count"
        );
        app.cleanup().await;
    }
}
