//! Item statistics from the stored answers (issue 18, item 1), on every
//! backend, against a small fixture computed by hand.

mod common;

use app::item_stats::queries::{
    exam_items, exam_people, lesson_items, per_question, response_sums, Filter, LessonItem,
};
use app::ssr::entities::{exam_attempts, question_answers};
use chrono::{Duration, Utc};
use common::{account, department, seeded, split, TestApp};
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
            versions: None,
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
                people: 3,
                first_answers: 3,
                right_first_time: 2,
            }],
            "[{b}] a second try does not count"
        );
        // The page's way to the same figures: the kept sums (versions,
        // whole days) and the answers themselves (departments) give what
        // the recount from scratch above gives.
        let midnight = |days_ago: i64| {
            (Utc::now() - Duration::days(days_ago))
                .date_naive()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
        };
        let last_30_days = Filter {
            from: Some(midnight(30)),
            until: Some(midnight(-1)),
            ..Filter::default()
        };
        let recent = exam_items(&app.state.db, COURSE, &last_30_days)
            .await
            .unwrap();
        assert_eq!(recent[0].sums.n, 4, "[{b}] Tim's attempt is 40 days old");
        app::item_stats::upkeep::rebuild(&app.state.db)
            .await
            .unwrap();
        for (name, f) in [
            ("everything, kept sums", Filter::default()),
            (
                "one version, kept sums",
                Filter {
                    versions: Some(vec![
                        ("toets".into(), "h".into()),
                        ("les".into(), "h".into()),
                    ]),
                    ..Filter::default()
                },
            ),
            ("department and period, answers", filter.clone()),
            ("period, kept sums per day", last_30_days.clone()),
        ] {
            let fast = per_question(response_sums(&app.state.db, COURSE, &f).await.unwrap());
            for item in exam_items(&app.state.db, COURSE, &f).await.unwrap() {
                let got = &fast[&(item.module_id.clone(), item.question_id.clone())].sums;
                let want = item.sums;
                assert_eq!(got.n, want.n, "[{b}] {name}");
                for (g, w) in [
                    (got.x, want.x),
                    (got.xx, want.xx),
                    (got.y, want.y),
                    (got.yy, want.yy),
                    (got.xy, want.xy),
                ] {
                    assert!((g - w).abs() < 1e-9, "[{b}] {name}: {got:?} {want:?}");
                }
            }
            for item in lesson_items(&app.state.db, COURSE, &f).await.unwrap() {
                let got = &fast[&(item.module_id.clone(), item.question_id.clone())];
                assert_eq!(
                    (got.sums.n as i64, got.right as i64),
                    (item.first_answers, item.right_first_time),
                    "[{b}] {name}"
                );
            }
        }
        let people = exam_people(&app.state.db, COURSE, &Filter::default())
            .await
            .unwrap();
        assert_eq!(
            people.get("toets"),
            Some(&4),
            "[{b}] Lotte, HR, admin and Tim"
        );

        // Migration 12 on a database with answers (back to 11, past the
        // later ones, and up again): the sums per day equal a recount, and
        // the period still reads them right.
        use migrations::{Migrator, MigratorTrait};
        let after_11 = u32::try_from(Migrator::migrations().len() - 11).unwrap();
        Migrator::down(&app.state.db, Some(after_11)).await.unwrap();
        Migrator::up(&app.state.db, None).await.unwrap();
        common::assert_item_sums_match_a_recount(&app.state.db, "after migration 12").await;
        let fast = per_question(
            response_sums(&app.state.db, COURSE, &last_30_days)
                .await
                .unwrap(),
        );
        assert_eq!(
            fast[&("toets".to_string(), "a".to_string())].sums.n,
            4,
            "[{b}] migrated sums by day"
        );
        app.cleanup().await;
    }
}

/// A stored answer with its response as JSON, to module version `hash`.
#[allow(clippy::too_many_arguments)]
async fn stored(
    app: &TestApp,
    user: i32,
    module: &str,
    question: &str,
    attempt: Option<i32>,
    response: &str,
    fraction: f64,
    hash: &str,
) {
    question_answers::ActiveModel {
        user_id: Set(user),
        round: Set(1),
        course_id: Set(COURSE.into()),
        module_id: Set(module.into()),
        question_id: Set(question.into()),
        attempt_id: Set(attempt),
        response: Set(response.into()),
        fraction: Set(fraction),
        correct: Set(fraction >= 1.0),
        first_try: Set(attempt.is_none()),
        content_hash: Set(hash.into()),
        answered_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// The trainers' page (`/trainer/<course>`), as a trainer sees it: figures,
/// flags, option shares, frequent wrong answers and the link to the line
/// where a question is written, for the course's real questions; the
/// version and department filters; nothing for too few people; and who may
/// not see it.
#[tokio::test]
async fn the_trainers_page_shows_figures_flags_and_answers() {
    use domain::model::Answer;
    for app in seeded().await {
        let b = app.backend;
        let index = app.state.content.current();
        let course = index.catalog.course(COURSE).expect("the Dutch course");
        let exam = course.modules.iter().find(|m| m.is_exam()).expect("exam");
        let single = exam
            .questions
            .iter()
            .find(|q| matches!(q.answer, Answer::Single { .. }))
            .expect("a single-choice exam question");
        let Answer::Single { options } = &single.answer else {
            unreachable!()
        };
        let right = options.iter().position(|o| o.is_correct()).unwrap();
        let wrong = options.iter().position(|o| !o.is_correct()).unwrap();
        let other = exam.questions.iter().find(|q| q.id != single.id).unwrap();
        let lesson = course
            .modules
            .iter()
            .find(|m| m.file_name == "01-waarom-participatie.md")
            .unwrap();
        let year = lesson.question("omgevingswet-jaar").unwrap();

        // Ten learners take the exam: the five who get the single-choice
        // question right get the other one wrong and the other way round,
        // so the question discriminates exactly the wrong way (r = −1).
        let people = common::accounts_with_demo_password(&app, "items", "Leerling", 10).await;
        for (i, p) in people.iter().enumerate() {
            let row = exam_attempts::ActiveModel {
                user_id: Set(p.id),
                round: Set(1),
                course_id: Set(COURSE.into()),
                module_id: Set(exam.id.clone()),
                number: Set(1),
                content_hash: Set(exam.content_hash.clone()),
                shown: Set("{}".into()),
                started_at: Set(Utc::now()),
                submitted_at: Set(Some(Utc::now())),
                score_percent: Set(Some(50.0)),
                passed: Set(Some(false)),
                ..Default::default()
            }
            .insert(&app.state.db)
            .await
            .unwrap();
            let (pick, x) = if i < 5 { (right, 1.0) } else { (wrong, 0.0) };
            let choice = format!(r#"{{"type":"choice","value":[{pick}]}}"#);
            let h = &exam.content_hash;
            stored(
                &app,
                p.id,
                &exam.id,
                &single.id,
                Some(row.id),
                &choice,
                x,
                h,
            )
            .await;
            stored(
                &app,
                p.id,
                &exam.id,
                &other.id,
                Some(row.id),
                "null",
                1.0 - x,
                h,
            )
            .await;
            // The lesson's year question at the first try: seven type 2020.
            let (typed, x) = if i < 7 { ("2020", 0.0) } else { ("2024", 1.0) };
            let response = format!(r#"{{"type":"numeric","value":"{typed}"}}"#);
            stored(
                &app,
                p.id,
                &lesson.id,
                &year.id,
                None,
                &response,
                x,
                &lesson.content_hash,
            )
            .await;
        }
        // Five answered an earlier version of the lesson with 1999.
        for p in &people[..5] {
            let response = r#"{"type":"numeric","value":"1999"}"#;
            stored(
                &app, p.id, &lesson.id, &year.id, None, response, 0.0, "earlier",
            )
            .await;
        }

        // Stored here by hand, not by the app: recount what the app keeps.
        app::item_stats::upkeep::rebuild(&app.state.db)
            .await
            .unwrap();
        let trainer = common::sign_in(&app, "trainer@demodorp.example").await;
        let page = format!("/trainer/{COURSE}");
        let (status, html) = split(app.request(common::get(&page, &trainer)).await).await;
        assert_eq!(status, 200, "[{b}] {html}");
        assert!(
            html.contains("<h1>Vraaganalyse: Participatie in de praktijk</h1>"),
            "[{b}]"
        );
        // The single-choice question: half right, r = −1, flagged; its
        // options with their shares; the link to its line.
        let row = row_of(&html, &single.prompt_html);
        assert!(row.contains("10 (10)"), "[{b}] {row}");
        assert!(row.contains(">50 %<"), "[{b}] {row}");
        assert!(row.contains("-1,00"), "[{b}] {row}");
        assert!(row.contains("Negatief onderscheidend"), "[{b}] {row}");
        let source = format!("/trainer/{COURSE}/bron/{}#r{}", exam.file_name, single.line);
        assert!(row.contains(&format!("href=\"{source}\"")), "[{b}] {row}");
        let details = details_of(&html, &exam.id, &single.id);
        assert_eq!(details.matches("50 % (5)").count(), 2, "[{b}] {details}");
        // The lesson's year question: 3 of 10 right at the first try, the
        // wrong answer typed most often, the earlier version left out.
        let row = row_of(&html, &year.prompt_html);
        assert!(
            row.contains("10 (10)") && row.contains(">30 %<"),
            "[{b}] {row}"
        );
        assert!(row.contains("niet bij lessen"), "[{b}] {row}");
        let details = details_of(&html, &lesson.id, &year.id);
        assert!(details.contains("<q>2020</q>"), "[{b}] {details}");
        assert!(details.contains("7 keer"), "[{b}] {details}");
        assert!(!details.contains("1999"), "[{b}] {details}");

        // Every version: the earlier answers count too.
        let (_, html) = split(
            app.request(common::get(&format!("{page}?versie=alle"), &trainer))
                .await,
        )
        .await;
        let row = row_of(&html, &year.prompt_html);
        assert!(
            row.contains("15 (15)") && row.contains(">20 %<"),
            "[{b}] {row}"
        );
        assert!(
            details_of(&html, &lesson.id, &year.id).contains("<q>1999</q>"),
            "[{b}]"
        );

        // Another department: nobody there answered, so no figures.
        let other_dept = department(&app, "AF-COM").await;
        let (status, html) = split(
            app.request(common::get(
                &format!("{page}?afdeling={}", other_dept.id),
                &trainer,
            ))
            .await,
        )
        .await;
        assert_eq!(status, 200, "[{b}]");
        let row = row_of(&html, &single.prompt_html);
        assert!(
            row.contains("Te weinig mensen") && !row.contains("%"),
            "[{b}] {row}"
        );

        // The link leads to the line in the module file.
        let (status, html) = split(
            app.request(common::get(source.split('#').next().unwrap(), &trainer))
                .await,
        )
        .await;
        assert_eq!(status, 200, "[{b}] {html}");
        let line = format!(
            "<li id=\"r{}\"><code>::: question id={}",
            single.line, single.id
        );
        assert!(html.contains(&line), "[{b}] {line} in {html}");
        // Only the course's module files.
        let (status, _) = split(
            app.request(common::get(
                &format!("/trainer/{COURSE}/bron/course.md"),
                &trainer,
            ))
            .await,
        )
        .await;
        assert_eq!(status, 404, "[{b}]");

        // A bad date says what is wrong; learners and HR may not look.
        let (status, html) = split(
            app.request(common::get(&format!("{page}?van=gisteren"), &trainer))
                .await,
        )
        .await;
        assert_eq!(status, 422, "[{b}]");
        assert!(html.contains("gisteren"), "[{b}] {html}");
        for who in ["leerling@demodorp.example", "hr@demodorp.example"] {
            let cookie = common::sign_in(&app, who).await;
            let (status, _) = split(app.request(common::get(&page, &cookie)).await).await;
            assert_eq!(status, 403, "[{b}] {who}");
        }
        app.cleanup().await;
    }
}

/// The table row of the question whose prompt is `prompt_html`.
fn row_of<'a>(html: &'a str, prompt_html: &str) -> &'a str {
    let at = html
        .find(prompt_html)
        .unwrap_or_else(|| panic!("no row for {prompt_html}"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

/// The answers section of question `q` of module `m`.
fn details_of<'a>(html: &'a str, m: &str, q: &str) -> &'a str {
    let id = format!("id=\"v-{m}-{q}\"");
    let at = html.find(&id).unwrap_or_else(|| panic!("no {id}"));
    let end = at + html[at..].find("</div>").unwrap();
    &html[at..end]
}
