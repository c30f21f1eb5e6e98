//! Content format 1.1 through the running platform, on every backend
//! (issue 18, item 4): an exam that draws per group covers every group in
//! every attempt; a lesson with `shuffle: true` shows each learner the
//! options in an order of their own that stays put; and the feedback under
//! order items, pairs and known wrong (`~`) text and numeric answers reaches
//! the learner who gives that answer, and nobody else.

mod common;

use app::ssr::entities::exam_attempts;
use axum::http::StatusCode;
use common::{
    accounts_with_demo_password, answer, apps_with_content, correct_fields, form_owned, form_post,
    learner_id, page, sign_in, TestApp,
};
use domain::model::Module;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::path::PathBuf;

const COURSE: &str = "formaat-elf";

/// The feedback of the order items, the pair and the known wrong answers
/// that the wrong answers below earn.
const ITEM_FEEDBACK: [&str; 5] = [
    "FB-KADERS-EERST",
    "FB-PLAN-DERDE",
    "FB-RAAD-KADERS",
    "FB-WRO-OUD",
    "FB-UITGESTELD",
];

const COURSE_MD: &str = "---\ntitle: Formaat 1.1\nsummary: Een cursus die de nieuwe mogelijkheden gebruikt.\n---\nOefenen.\n";

const LESSON: &str = r#"---
title: Oefenen
shuffle: true
---

## Vragen

::: question id=keuze
Welke stap komt eerst?

- [x] Kaders
  > Juist.
- [ ] Doelen
  > Nee.
- [ ] Plan
  > Nee.
- [ ] Start
  > Nee.
- [ ] Tool
  > Nee.
- [ ] Inloopavond
  > Nee.
:::

::: question id=volgorde
Zet in volgorde.

1. Kaders
   > FB-KADERS-EERST
2. Doelen
3. Plan
   > FB-PLAN-DERDE
:::

::: question id=paren
Koppel.

- Raad -> kaders stellen
  > FB-RAAD-KADERS
- College -> uitvoeren
- Griffie -> ondersteunen
:::

::: question id=wet
Welke wet geldt sinds 2024?

- = Omgevingswet
  > FB-GOED-OMGEVINGSWET
- ~ Wet ruimtelijke ordening
  > FB-WRO-OUD
:::

::: question id=jaar type=numeric
Sinds welk jaar?

- = 2024
- ~ 2021..2023
  > FB-UITGESTELD
:::
"#;

/// An exam of six questions in two groups; each attempt draws one of `a`
/// and two of `b`.
fn exam() -> String {
    let mut text =
        String::from("---\ntitle: Toets\nkind: exam\nattempts: 3\ndraw:\n  a: 1\n  b: 2\n---\n\n");
    for (id, group) in [
        ("a1", "a"),
        ("b1", "b"),
        ("a2", "a"),
        ("b2", "b"),
        ("a3", "a"),
        ("b3", "b"),
    ] {
        text.push_str(&format!(
            "::: question id={id} group={group}\nVraag {id}?\n\n- [x] ja\n  > Ja.\n- [ ] nee\n  > Nee.\n:::\n\n"
        ));
    }
    text
}

/// The project's content plus the 1.1 course.
fn content() -> PathBuf {
    let dir = common::content_copy("format-11");
    let course = dir.join("courses").join(COURSE);
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(course.join("course.md"), COURSE_MD).unwrap();
    std::fs::write(course.join("01-oefenen.md"), LESSON).unwrap();
    std::fs::write(course.join("02-toets.md"), exam()).unwrap();
    dir
}

fn module(app: &TestApp, id: &str) -> Module {
    let content = app.state.content.current();
    let course = content
        .catalog
        .course(COURSE)
        .expect("the 1.1 course loads");
    course.module(id).expect("module").clone()
}

/// The order in which the six options of `keuze` appear on the page.
fn option_order(html: &str) -> Vec<&'static str> {
    let start = html
        .find("Welke stap komt eerst?")
        .expect("the question is on the page");
    let end = start
        + html[start..]
            .find("Zet in volgorde.")
            .expect("next question");
    let part = &html[start..end];
    let mut labels = ["Kaders", "Doelen", "Plan", "Start", "Tool", "Inloopavond"]
        .into_iter()
        .map(|l| {
            (
                part.find(&format!(">{l}<"))
                    .unwrap_or_else(|| panic!("{l} shown")),
                l,
            )
        })
        .collect::<Vec<_>>();
    labels.sort();
    labels.into_iter().map(|(_, l)| l).collect()
}

#[tokio::test]
async fn lesson_options_are_shuffled_per_learner_and_stay_put() {
    let dir = content();
    for app in apps_with_content(dir.clone()).await {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        let uri = format!("/cursussen/{COURSE}/oefenen");
        let learners = accounts_with_demo_password(&app, "hussel", "Hussel", 4).await;
        let mut orders = Vec::new();
        for learner in &learners {
            let cookie = sign_in(&app, &learner.email).await;
            let first = option_order(&page(&app, &cookie, &uri).await);
            let again = option_order(&page(&app, &cookie, &uri).await);
            assert_eq!(
                first, again,
                "[{}] the order stays put on reload",
                app.backend
            );
            orders.push(first);
        }
        let authored = vec!["Kaders", "Doelen", "Plan", "Start", "Tool", "Inloopavond"];
        assert!(
            orders.iter().any(|o| *o != authored),
            "[{}] shuffled: {orders:?}",
            app.backend
        );
        orders.sort();
        orders.dedup();
        assert!(orders.len() > 1, "[{}] an order per learner", app.backend);

        // The shuffled options still grade by what was chosen, not where.
        let cookie = sign_in(&app, &learners[0].email).await;
        let m = module(&app, "oefenen");
        let q = m.question("keuze").unwrap();
        answer(&app, &cookie, COURSE, &m, q, correct_fields(q)).await;
        let html = page(&app, &cookie, &uri).await;
        assert!(
            html.contains("Juist."),
            "[{}] right answer's feedback",
            app.backend
        );
    }
}

#[tokio::test]
async fn feedback_reaches_the_learner_who_gives_that_answer() {
    let dir = content();
    for app in apps_with_content(dir.clone()).await {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        let m = module(&app, "oefenen");
        let uri = format!("/cursussen/{COURSE}/oefenen");
        let learners = accounts_with_demo_password(&app, "fb", "Feedback", 2).await;
        let wrong = sign_in(&app, &learners[0].email).await;
        let right = sign_in(&app, &learners[1].email).await;

        let before = page(&app, &wrong, &uri).await;
        for secret in ITEM_FEEDBACK {
            assert!(
                !before.contains(secret),
                "[{}] {secret} not before answering",
                app.backend
            );
        }

        let field =
            |q: &str, part: &str, value: &str| (format!("f[{q}.{part}]"), value.to_string());
        // Order: Plan first, Kaders last, Doelen in its place.
        let volgorde = m.question("volgorde").unwrap();
        answer(
            &app,
            &wrong,
            COURSE,
            &m,
            volgorde,
            vec![
                field("volgorde", "o0", "3"),
                field("volgorde", "o1", "2"),
                field("volgorde", "o2", "1"),
            ],
        )
        .await;
        // Match: Raad and College swapped, Griffie right.
        let paren = m.question("paren").unwrap();
        answer(
            &app,
            &wrong,
            COURSE,
            &m,
            paren,
            vec![
                field("paren", "m0", "1"),
                field("paren", "m1", "0"),
                field("paren", "m2", "2"),
            ],
        )
        .await;
        // Known wrong text and number.
        let wet = m.question("wet").unwrap();
        answer(
            &app,
            &wrong,
            COURSE,
            &m,
            wet,
            vec![field("wet", "t", "wet Ruimtelijke  ordening")],
        )
        .await;
        let jaar = m.question("jaar").unwrap();
        answer(
            &app,
            &wrong,
            COURSE,
            &m,
            jaar,
            vec![field("jaar", "t", "2022")],
        )
        .await;

        let html = page(&app, &wrong, &uri).await;
        for shown in ITEM_FEEDBACK {
            assert!(
                html.contains(shown),
                "[{}] {shown} shown after the wrong answer",
                app.backend
            );
        }
        assert!(
            !html.contains("FB-GOED-OMGEVINGSWET"),
            "[{}] only the given answer's feedback",
            app.backend
        );

        // The known wrong answers are wrong: nothing is counted right.
        let answers = app::ssr::entities::question_answers::Entity::find()
            .filter(
                app::ssr::entities::question_answers::Column::UserId
                    .eq(learner_id(&app, &wrong).await),
            )
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(answers.len(), 4);
        assert!(
            answers.iter().all(|a| !a.correct),
            "[{}] all four wrong",
            app.backend
        );

        // Right answers show no item feedback; the right text its own.
        for id in ["volgorde", "paren", "wet", "jaar"] {
            let q = m.question(id).unwrap();
            answer(&app, &right, COURSE, &m, q, correct_fields(q)).await;
        }
        let html = page(&app, &right, &uri).await;
        for hidden in ITEM_FEEDBACK {
            assert!(
                !html.contains(hidden),
                "[{}] {hidden} not for a right answer",
                app.backend
            );
        }
        assert!(
            html.contains("FB-GOED-OMGEVINGSWET"),
            "[{}] the right text's feedback",
            app.backend
        );
        common::assert_item_sums_match_a_recount(&app.state.db, "format 1.1 answers").await;
    }
}

#[tokio::test]
async fn every_exam_attempt_covers_every_group() {
    let dir = content();
    for app in apps_with_content(dir.clone()).await {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        let toets = module(&app, "toets");
        let learners = accounts_with_demo_password(&app, "groep", "Groep", 6).await;
        let page_uri = format!("/cursussen/{COURSE}/toets");
        let mut seen = std::collections::BTreeSet::new();
        for learner in &learners {
            let cookie = sign_in(&app, &learner.email).await;
            let html = page(&app, &cookie, &page_uri).await;
            assert!(
                html.contains("3 vragen"),
                "[{}] the exam counts the drawn questions",
                app.backend
            );
            let body = form_owned(&[
                ("course_id".into(), COURSE.into()),
                ("module_id".into(), "toets".into()),
            ]);
            let res = app
                .request(form_post(
                    "/api/exam_start",
                    body,
                    Some(&cookie),
                    "http://localhost/",
                ))
                .await;
            assert_eq!(res.status(), StatusCode::FOUND);
            let attempt = exam_attempts::Entity::find()
                .filter(exam_attempts::Column::UserId.eq(learner.id))
                .one(&app.state.db)
                .await
                .unwrap()
                .expect("an attempt");
            let shown: Vec<String> = app::learning::queries::Shown::parse(&attempt.shown)
                .unwrap()
                .questions
                .into_iter()
                .map(|q| q.id)
                .collect();
            let from = |g: &str| shown.iter().filter(|id| id.starts_with(g)).count();
            assert_eq!(
                (from("a"), from("b")),
                (1, 2),
                "[{}] {shown:?}",
                app.backend
            );
            // The attempt page shows exactly the drawn questions.
            let html = page(&app, &cookie, &page_uri).await;
            for q in &toets.questions {
                assert_eq!(
                    html.contains(&format!("Vraag {}?", q.id)),
                    shown.contains(&q.id),
                    "[{}] {} on the page iff drawn",
                    app.backend,
                    q.id
                );
            }
            seen.extend(shown);
        }
        assert!(
            seen.len() >= 4,
            "[{}] different learners, different draws: {seen:?}",
            app.backend
        );
    }
}
