//! The learner's journey through the router, as a browser without
//! JavaScript would drive it (plain form posts, redirects, cookies), on every
//! database backend: sign-in, answering, feedback, exams, completion, records,
//! verification, and completion under concurrent requests.

mod common;

use app::ssr::entities::{completion_records, exam_attempts, question_answers};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{
    answer, answer_body, correct_fields, learner_id, page, seeded, split, tokenized, wrong_fields,
    TestApp,
};
use domain::model::{Answer, Module};
use domain::option_tokens::{Namer, Part};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;
const LEARNER: &str = "leerling@demodorp.example";
const EN_COURSE: &str = "participation-basics";
const NL_COURSE: &str = "participatie-in-de-praktijk";

use common::form_owned as form;

fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::empty()).unwrap()
}

async fn sign_in(app: &TestApp, email: &str) -> String {
    let body = form(&[
        ("email".into(), email.into()),
        ("password".into(), PASSWORD.into()),
        ("next".into(), "/mijn".into()),
    ]);
    let res = app
        .request(common::form_post(
            "/api/sign_in",
            body,
            None,
            "http://localhost/inloggen",
        ))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FOUND,
        "[{}] sign-in redirects",
        app.backend
    );
    assert_eq!(res.headers()[header::LOCATION], "/mijn");
    let set_cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    set_cookie.split(';').next().unwrap().to_string()
}

fn course(app: &TestApp, id: &str) -> domain::model::Course {
    app.state
        .content
        .current()
        .catalog
        .course(id)
        .unwrap()
        .clone()
}

fn module(app: &TestApp, course_id: &str, module: &str) -> Module {
    course(app, course_id).module(module).unwrap().clone()
}

async fn records(app: &TestApp) -> Vec<completion_records::Model> {
    completion_records::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn sign_in_refuses_a_wrong_password_and_pages_need_a_session() {
    for app in seeded().await {
        let body = form(&[
            ("email".into(), LEARNER.into()),
            ("password".into(), "fout-wachtwoord".into()),
        ]);
        let res = app
            .request(common::form_post(
                "/api/sign_in",
                body,
                None,
                "http://localhost/inloggen",
            ))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::FOUND,
            "[{}] back to the form",
            app.backend
        );
        assert!(
            res.headers().get(header::SET_COOKIE).is_none(),
            "no session for a wrong password"
        );
        let back = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            back.starts_with("http://localhost/inloggen") && back.contains("__err="),
            "{back}"
        );

        let (status, html) = split(
            app.request(get("/cursussen/participation-basics/why-participate", None))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("Je moet ingelogd zijn"),
            "module page asks to sign in"
        );

        let cookie = sign_in(&app, LEARNER).await;
        let (_, html) = split(app.request(get("/mijn", Some(&cookie))).await).await;
        assert!(
            html.contains("Welkom, Lotte de Leerling."),
            "[{}] dashboard",
            app.backend
        );

        // Sign-out ends the session server-side: the old cookie no longer works.
        let res = app
            .request(common::form_post(
                "/api/sign_out",
                String::new(),
                Some(&cookie),
                "http://localhost/mijn",
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND);
        let (_, html) = split(app.request(get("/mijn", Some(&cookie))).await).await;
        assert!(html.contains("Je moet ingelogd zijn"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn feedback_and_answers_are_not_in_the_page_before_answering() {
    for app in seeded().await {
        let cookie = sign_in(&app, LEARNER).await;
        let m = module(&app, NL_COURSE, "waarom-participatie");
        let q = m
            .questions
            .iter()
            .find(|q| matches!(&q.answer, Answer::Single { options } if options.iter().all(|o| o.feedback_html.is_some())))
            .unwrap()
            .clone();
        let Answer::Single { options } = &q.answer else {
            unreachable!()
        };
        let uri = format!("/cursussen/{NL_COURSE}/{}", m.id);
        let (status, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert_eq!(status, StatusCode::OK, "[{}]", app.backend);
        assert!(
            html.contains(&format!(r#"id="vraag-{}""#, q.id)),
            "the question is on the page"
        );
        assert!(
            html.contains("<fieldset"),
            "questions are real form controls"
        );
        for o in options {
            let fb = o.feedback_html.as_ref().unwrap();
            assert!(
                !html.contains(fb.as_str()),
                "feedback leaked before answering: {fb}"
            );
        }
        if let Some(expl) = &q.explanation_html {
            assert!(
                !html.contains(expl.as_str()),
                "explanation leaked before answering"
            );
        }
        assert!(
            !html.contains("\"weight\""),
            "no answer key in the hydration data"
        );

        // A wrong answer: its feedback and the explanation appear, the module is not complete.
        answer(&app, &cookie, NL_COURSE, &m, &q, wrong_fields(&q)).await;
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        let wrong = options.iter().position(|o| o.weight <= 0.0).unwrap();
        assert!(
            html.contains(options[wrong].feedback_html.as_ref().unwrap().as_str()),
            "feedback of the chosen option"
        );
        assert!(html.contains("Nog niet goed."));
        assert!(html.contains("Probeer het opnieuw"), "retry is offered");

        // Retry with the right answer.
        answer(&app, &cookie, NL_COURSE, &m, &q, correct_fields(&q)).await;
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert!(html.contains("Goed!"));
        let stored = question_answers::Entity::find()
            .filter(question_answers::Column::QuestionId.eq(q.id.as_str()))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(stored.len(), 2, "every answer is stored");
        assert!(stored[0].first_try && !stored[0].correct);
        assert!(!stored[1].first_try && stored[1].correct);
        app.cleanup().await;
    }
}

/// The runs of plain words in some HTML, longest first: text on one line
/// between tags with no character that JSON or HTML would escape, so each
/// reads the same in the page and in an escaped copy of it.
fn plain_phrases(html: &str) -> Vec<&str> {
    let mut runs: Vec<&str> = html
        .split(['<', '>', '\n'])
        .filter(|t| !t.contains(['"', '\\', '&']))
        .collect();
    runs.sort_by_key(|t| std::cmp::Reverse(t.len()));
    runs
}

/// The hydration data in a page: the scripts after the body's content.
fn hydration_data(html: &str) -> &str {
    let at = html
        .find("__RESOLVED_RESOURCES")
        .expect("the page carries its data for hydration");
    &html[at..]
}

#[tokio::test]
async fn the_lesson_goes_to_the_browser_once() {
    for app in seeded().await {
        let cookie = sign_in(&app, LEARNER).await;
        let m = module(&app, NL_COURSE, "waarom-participatie");
        let uri = format!("/cursussen/{NL_COURSE}/{}", m.id);
        let lesson: Vec<&String> = m
            .segments
            .iter()
            .filter_map(|s| match s {
                domain::model::Segment::Html(h) => Some(h),
                _ => None,
            })
            .collect();
        let lesson_bytes: usize = lesson.iter().map(|h| h.len()).sum();
        let q = m
            .questions
            .iter()
            .find(|q| matches!(q.answer, Answer::Single { .. }))
            .unwrap()
            .clone();
        answer(&app, &cookie, NL_COURSE, &m, &q, wrong_fields(&q)).await;

        let (status, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert_eq!(status, StatusCode::OK, "[{}]", app.backend);
        let data = hydration_data(&html);
        // Every line of the lesson's text long enough to be a sentence
        // (headings are also in the table of contents).
        let phrases: Vec<&str> = lesson
            .iter()
            .flat_map(|h| plain_phrases(h))
            .filter(|p| p.len() >= 40)
            .collect();
        assert!(phrases.len() >= 10, "sentences to look for: {phrases:?}");
        for phrase in phrases {
            assert_eq!(
                html.matches(phrase).count(),
                1,
                "[{}] the lesson text is in the page once: {phrase:?}",
                app.backend
            );
            assert!(!data.contains(phrase), "and not in the data");
        }
        let prompt = plain_phrases(&q.prompt_html)[0];
        assert!(html.contains(prompt) && !data.contains(prompt), "{prompt}");
        assert!(
            data.len() < lesson_bytes,
            "[{}] the data ({} bytes) is smaller than the lesson's text alone ({lesson_bytes} bytes)",
            app.backend,
            data.len()
        );
        // What hydration needs is still there: the learner's answer (the
        // option chosen) and the question's place in the page.
        let Answer::Single { options } = &q.answer else {
            unreachable!()
        };
        let wrong = options.iter().position(|o| o.weight <= 0.0).unwrap();
        let names = Namer::lesson(&app.state.option_key, learner_id(&app, &cookie).await);
        let wrong = names.token(&q.id, Part::Choice, wrong);
        assert!(
            data.contains(&format!(r#"\"chosen\":[\"{wrong}\"]"#)),
            "[{}] the chosen option is in the data: {data}",
            app.backend
        );
        assert!(data.contains(&format!(r#"\"id\":\"{}\""#, q.id)));

        // The page data a hydrated page fetches after an answer is complete.
        let res = app
            .request(
                Request::post("/api/module_page")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .header(header::COOKIE, &cookie)
                    .body(Body::from(format!(
                        "course_id={NL_COURSE}&module_id={}",
                        m.id
                    )))
                    .unwrap(),
            )
            .await;
        let (status, json) = split(res).await;
        assert_eq!(status, StatusCode::OK, "[{}] {json}", app.backend);
        let view: app::learning::types::ModuleView = serde_json::from_str(&json).unwrap();
        let sent: Vec<&String> = view
            .segments
            .iter()
            .filter_map(|s| match s {
                app::learning::types::SegmentView::Html(h) => Some(h),
                _ => None,
            })
            .collect();
        assert_eq!(
            sent, lesson,
            "[{}] the server function sends the lesson whole",
            app.backend
        );
        app.cleanup().await;
    }
}

async fn save_reflection(
    app: &TestApp,
    cookie: &str,
    course: &str,
    m: &Module,
    reflection: &str,
    text: &str,
) {
    let res = app
        .request(common::form_post(
            "/api/reflection",
            form(&[
                ("course_id".into(), course.into()),
                ("module_id".into(), m.id.clone()),
                ("reflection_id".into(), reflection.into()),
                ("body".into(), text.into()),
            ]),
            Some(cookie),
            &format!("http://localhost/cursussen/{course}/{}", m.id),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}]", app.backend);
}

/// The other pages whose data holds markup send it once as well
/// (`app::hydration::resource`): the course's introduction, the
/// reflection prompts on the dashboard, and the report charts.
#[tokio::test]
async fn every_page_sends_its_markup_once() {
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let nl = course(&app, NL_COURSE);
        let (_, html) = split(
            app.request(get(&format!("/cursussen/{NL_COURSE}"), Some(&cookie)))
                .await,
        )
        .await;
        let data = hydration_data(&html);
        let intro = plain_phrases(&nl.intro_html)[0];
        assert!(intro.len() >= 40, "{intro}");
        assert_eq!(html.matches(intro).count(), 1, "[{b}] course page: {intro}");
        assert!(!data.contains(intro), "[{b}] not in the course page's data");

        let m = &nl.modules[0];
        let r = &m.reflections[0];
        save_reflection(&app, &cookie, NL_COURSE, m, &r.id, "Mijn antwoord.").await;
        let (_, html) = split(app.request(get("/mijn", Some(&cookie))).await).await;
        let prompt = plain_phrases(&r.prompt_html)[0];
        assert!(
            html.contains("Mijn antwoord."),
            "[{b}] the dashboard lists it"
        );
        assert!(html.contains(prompt), "[{b}] with its prompt: {prompt}");
        assert!(
            !hydration_data(&html).contains(prompt),
            "[{b}] not in the data"
        );

        let hr = sign_in(&app, "hr@demodorp.example").await;
        for uri in ["/rapportage", "/rapportage/certificaten"] {
            let (status, html) = split(app.request(get(uri, Some(&hr))).await).await;
            assert_eq!(status, StatusCode::OK, "[{b}] {uri}");
            assert!(html.contains("<svg"), "[{b}] {uri} has its chart");
            // The data escapes `<` as \u003c: a chart copied into it would show so.
            assert!(
                !hydration_data(&html).contains("\\u003csvg"),
                "[{b}] {uri}: the chart is not in the data"
            );
        }
        app.cleanup().await;
    }
}

/// What the module page reads of the learner in its one query
/// (`learning::module_state`): their own reflection, their latest answer,
/// and the link to their record once the course is complete; nothing of
/// another learner's.
#[tokio::test]
async fn the_module_page_shows_the_learners_own_work() {
    for app in seeded().await {
        let cookie = sign_in(&app, LEARNER).await;
        let other = sign_in(&app, "trainer@demodorp.example").await;
        let course = course(&app, EN_COURSE);
        let m = &course.modules[0];
        let r = &m.reflections[0];
        let uri = format!("/cursussen/{EN_COURSE}/{}", m.id);
        let text = "Ons buurtplan: eerst de kaders, dan de bewoners.";
        save_reflection(&app, &cookie, EN_COURSE, m, &r.id, text).await;

        // A wrong answer, then the right one: the page shows the latest.
        let q = m
            .questions
            .iter()
            .find(|q| matches!(q.answer, Answer::Single { .. }))
            .unwrap();
        answer(&app, &cookie, EN_COURSE, m, q, wrong_fields(q)).await;
        answer(&app, &cookie, EN_COURSE, m, q, correct_fields(q)).await;
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert!(
            html.contains(text),
            "[{}] the reflection is shown",
            app.backend
        );
        assert!(html.contains("Goed!") && !html.contains("Nog niet goed."));
        assert!(!html.contains("/certificaat/"), "no record yet");

        let (_, theirs) = split(app.request(get(&uri, Some(&other))).await).await;
        assert!(!theirs.contains(text), "a reflection is private");
        assert!(!theirs.contains("Goed!"), "so are answers");

        for m in &course.modules {
            for q in &m.questions {
                answer(&app, &cookie, EN_COURSE, m, q, correct_fields(q)).await;
            }
        }
        let code = records(&app).await[0].verification_code.clone();
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert!(
            html.contains(&format!("/certificaat/{code}")),
            "[{}] the module page links to the record",
            app.backend
        );
        let (_, theirs) = split(app.request(get(&uri, Some(&other))).await).await;
        assert!(!theirs.contains("/certificaat/"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn completing_a_course_issues_one_verifiable_record() {
    for app in seeded().await {
        let cookie = sign_in(&app, LEARNER).await;
        let course = course(&app, EN_COURSE);
        for m in &course.modules {
            for q in &m.questions {
                answer(&app, &cookie, EN_COURSE, m, q, correct_fields(q)).await;
            }
        }
        let recs = records(&app).await;
        assert_eq!(recs.len(), 1, "[{}] one record", app.backend);
        let rec = &recs[0];
        assert_eq!(rec.course_id, EN_COURSE);
        assert_eq!(rec.course_version, course.version);
        assert_eq!(
            rec.department_name.as_deref(),
            Some("Team Omgevingsplan"),
            "department at that moment"
        );
        assert_eq!(rec.score_percent, 100.0, "all correct at the first try");
        assert_eq!(rec.expires_at.is_some(), course.valid_for_months.is_some());

        // Answering again changes nothing.
        let m = &course.modules[0];
        answer(
            &app,
            &cookie,
            EN_COURSE,
            m,
            &m.questions[0],
            correct_fields(&m.questions[0]),
        )
        .await;
        assert_eq!(records(&app).await.len(), 1);

        // The public verification page shows name, course, date, department; not the score.
        let (status, html) = split(
            app.request(get(&format!("/verify/{}", rec.verification_code), None))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        for expected in [
            "Lotte de Leerling",
            course.title.as_str(),
            "Team Omgevingsplan",
            "echt en geldig",
        ] {
            assert!(html.contains(expected), "verify page lacks {expected}");
        }
        assert!(
            !html.contains("Score"),
            "the public page shows nothing more"
        );
        let (status, html) = split(
            app.request(get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", None))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Er is geen bewijs van deelname met deze code"));

        // The certificate is the holder's; another learner does not see it.
        let (status, html) = split(
            app.request(get(
                &format!("/certificaat/{}", rec.verification_code),
                Some(&cookie),
            ))
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Bewijs van deelname") && html.contains("Score: 100%"));
        let other = sign_in(&app, "trainer@demodorp.example").await;
        let (status, html) = split(
            app.request(get(
                &format!("/certificaat/{}", rec.verification_code),
                Some(&other),
            ))
            .await,
        )
        .await;
        assert!(
            !html.contains("Lotte de Leerling"),
            "another learner sees nothing of the record"
        );
        assert_eq!(status, StatusCode::NOT_FOUND);
        common::assert_item_sums_match_a_recount(
            &app.state.writer,
            &format!("[{}] a course completed", app.backend),
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_last_answer_from_many_tabs_at_once_issues_exactly_one_record() {
    for app in seeded().await {
        let cookie = sign_in(&app, LEARNER).await;
        let course = course(&app, EN_COURSE);
        let last_module = course.modules.last().unwrap().clone();
        let last_q = last_module.questions.last().unwrap().clone();
        for m in &course.modules {
            for q in &m.questions {
                if !(m.id == last_module.id && q.id == last_q.id) {
                    answer(&app, &cookie, EN_COURSE, m, q, correct_fields(q)).await;
                }
            }
        }
        assert!(records(&app).await.is_empty());
        let names = Namer::lesson(&app.state.option_key, learner_id(&app, &cookie).await);
        let body = answer_body(
            EN_COURSE,
            &last_module.id,
            &last_q,
            tokenized(&last_q, correct_fields(&last_q), &names),
        );
        let referer = format!("http://localhost/cursussen/{EN_COURSE}/{}", last_module.id);
        let mut tasks = Vec::new();
        for _ in 0..12 {
            let router = app.router();
            let req = common::form_post("/api/answer", body.clone(), Some(&cookie), &referer);
            tasks.push(tokio::spawn(async move {
                tower::ServiceExt::oneshot(router, req)
                    .await
                    .unwrap()
                    .status()
            }));
        }
        for t in tasks {
            assert_eq!(
                t.await.unwrap(),
                StatusCode::FOUND,
                "[{}] every tab's answer is accepted",
                app.backend
            );
        }
        assert_eq!(
            records(&app).await.len(),
            1,
            "[{}] exactly one record",
            app.backend
        );
        let answers = question_answers::Entity::find()
            .filter(question_answers::Column::QuestionId.eq(last_q.id.as_str()))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(answers, 12, "no answer lost");
        common::assert_item_sums_match_a_recount(
            &app.state.writer,
            &format!("[{}] many tabs at once", app.backend),
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn exams_draw_resume_refuse_and_grant_attempts() {
    for app in seeded().await {
        let db = &app.state.db;
        let cookie = sign_in(&app, LEARNER).await;
        let course = course(&app, NL_COURSE);
        let exam = course.modules.iter().find(|m| m.is_exam()).unwrap().clone();
        let settings = app::learning::queries::exam_settings(&exam)
            .unwrap()
            .clone();
        let uri = format!("/cursussen/{NL_COURSE}/{}", exam.id);
        let start = |cookie: String| {
            let body = form(&[
                ("course_id".into(), NL_COURSE.into()),
                ("module_id".into(), exam.id.clone()),
            ]);
            common::form_post("/api/exam_start", body, Some(&cookie), "http://localhost/")
        };
        let submit_body = |number: i32, correct: bool, shown: &[String], seed: u64| {
            let names = Namer::attempt(&app.state.option_key, seed);
            let mut pairs = vec![
                ("course_id".to_string(), NL_COURSE.to_string()),
                ("module_id".to_string(), exam.id.clone()),
                ("attempt".to_string(), number.to_string()),
            ];
            if correct {
                for id in shown {
                    let q = exam.question(id).unwrap();
                    pairs.extend(tokenized(q, correct_fields(q), &names));
                }
            }
            form(&pairs)
        };
        let shown_ids = |a: &exam_attempts::Model| -> Vec<String> {
            app::learning::queries::Shown::parse(&a.shown)
                .unwrap()
                .questions
                .into_iter()
                .map(|q| q.id)
                .collect()
        };

        // Start; starting again (another tab, or after closing the browser) resumes the same attempt.
        assert_eq!(
            app.request(start(cookie.clone())).await.status(),
            StatusCode::FOUND
        );
        assert_eq!(
            app.request(start(cookie.clone())).await.status(),
            StatusCode::FOUND
        );
        let attempts = exam_attempts::Entity::find().all(db).await.unwrap();
        assert_eq!(
            attempts.len(),
            1,
            "[{}] resumed, not a second attempt",
            app.backend
        );
        let shown = shown_ids(&attempts[0]);
        assert_eq!(
            shown.len(),
            settings.draw.unwrap() as usize,
            "draws the configured number"
        );
        // Drawn per lesson: every lesson's group has its count in the attempt.
        assert!(
            !settings.groups.is_empty(),
            "the starter exam draws per lesson"
        );
        for g in &settings.groups {
            let drawn = shown
                .iter()
                .filter(|id| {
                    exam.question(id).and_then(|q| q.group.as_deref()) == Some(g.group.as_str())
                })
                .count();
            assert_eq!(
                drawn, g.count as usize,
                "[{}] group {}",
                app.backend, g.group
            );
        }
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert!(html.contains("Poging 1") && html.contains("Toets inleveren"));

        // Fail every allowed attempt by handing in nothing.
        for n in 1..=settings.attempts as i32 {
            if n > 1 {
                assert_eq!(
                    app.request(start(cookie.clone())).await.status(),
                    StatusCode::FOUND
                );
            }
            let res = app
                .request(common::form_post(
                    "/api/exam_submit",
                    submit_body(n, false, &[], 0),
                    Some(&cookie),
                    "http://localhost/",
                ))
                .await;
            assert_eq!(res.status(), StatusCode::FOUND);
            assert_eq!(
                res.headers()[header::LOCATION],
                format!("/cursussen/{NL_COURSE}/{}/poging/{n}", exam.id)
            );
        }
        let (_, html) = split(
            app.request(get(&format!("{uri}/poging/1"), Some(&cookie)))
                .await,
        )
        .await;
        assert!(
            html.contains("Niet geslaagd.") && html.contains("Je score is 0%"),
            "result page"
        );

        // Exhausted: refused with a clear message.
        let res = app.request(start(cookie.clone())).await;
        assert!(
            res.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .contains("__err="),
            "refused"
        );
        let (_, html) = split(app.request(get(&uri, Some(&cookie))).await).await;
        assert!(html.contains("Je hebt alle 3 pogingen gebruikt"));

        // The learner cannot see who is stuck; a trainer can, and grants one more
        // from the page; a second click on the same button grants nothing.
        let (status, _) = split(app.request(get("/beheer/pogingen", Some(&cookie))).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{}] learner", app.backend);
        let learner = app::ssr::accounts::find_by_email(db, LEARNER)
            .await
            .unwrap()
            .unwrap();
        let trainer = sign_in(&app, "trainer@demodorp.example").await;
        let (status, html) =
            split(app.request(get("/beheer/pogingen", Some(&trainer))).await).await;
        assert_eq!(status, StatusCode::OK, "[{}] trainer", app.backend);
        assert!(
            html.contains(&learner.display_name)
                && html.contains(&format!("{} van {}", settings.attempts, settings.attempts)),
            "[{}] the stuck learner is listed with their attempts",
            app.backend
        );
        let grant = || {
            common::form_post(
                "/api/attempt_grant",
                form(&[
                    ("user".into(), learner.id.to_string()),
                    ("course".into(), NL_COURSE.into()),
                    ("module".into(), exam.id.clone()),
                ]),
                Some(&trainer),
                "http://localhost/beheer/pogingen",
            )
        };
        let res = app.request(grant()).await;
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(
            res.headers()[header::LOCATION],
            "/beheer/pogingen?klaar=gegeven"
        );
        let res = app.request(grant()).await;
        let location = res.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            location.contains("__err="),
            "[{}] refused: {location}",
            app.backend
        );
        let back = location.trim_start_matches("http://localhost");
        let (_, html) = split(app.request(get(back, Some(&trainer))).await).await;
        assert!(
            html.contains(&format!(
                "heeft nog een poging over ({} van {} gebruikt)",
                settings.attempts,
                settings.attempts + 1
            )),
            "[{}] the refusal says why",
            app.backend
        );
        let grants = app::ssr::entities::attempt_grants::Entity::find()
            .all(db)
            .await
            .unwrap();
        assert_eq!(
            grants.len(),
            1,
            "[{}] exactly one extra attempt",
            app.backend
        );
        let (_, html) = split(app.request(get("/beheer/pogingen", Some(&trainer))).await).await;
        assert!(
            !html.contains(&learner.display_name),
            "[{}] no longer stuck",
            app.backend
        );
        let audit = app::ssr::entities::audit_log::Entity::find()
            .filter(app::ssr::entities::audit_log::Column::Action.eq("grant_attempt"))
            .all(db)
            .await
            .unwrap();
        assert_eq!(
            audit.len(),
            1,
            "[{}] the grant is in the audit log",
            app.backend
        );

        // The learner passes the extra attempt.
        assert_eq!(
            app.request(start(cookie.clone())).await.status(),
            StatusCode::FOUND
        );
        let attempt = exam_attempts::Entity::find()
            .filter(exam_attempts::Column::Number.eq(settings.attempts as i32 + 1))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let shown = shown_ids(&attempt);
        let seed = app::learning::queries::Shown::parse(&attempt.shown)
            .unwrap()
            .seed;
        let res = app
            .request(common::form_post(
                "/api/exam_submit",
                submit_body(attempt.number, true, &shown, seed),
                Some(&cookie),
                "http://localhost/",
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND);
        let attempt = exam_attempts::Entity::find_by_id(attempt.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(attempt.score_percent, Some(100.0), "[{}]", app.backend);
        assert_eq!(attempt.passed, Some(true));
        assert!(
            records(&app).await.is_empty(),
            "lessons are not done yet: no record"
        );
        common::assert_item_sums_match_a_recount(
            &app.state.writer,
            &format!("[{}] exams, attempts and grants", app.backend),
        )
        .await;
        app.cleanup().await;
    }
}

/// Post the "Cursus opnieuw doen" form; returns where it redirects to.
async fn renew(app: &TestApp, cookie: &str, course: &str) -> String {
    let res = app
        .request(common::form_post(
            "/api/course_renew",
            form(&[("course_id".into(), course.into())]),
            Some(cookie),
            &format!("http://localhost/cursussen/{course}"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}] renew", app.backend);
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn an_expiring_record_is_renewed_by_doing_the_course_again() {
    use app::ssr::entities::{enrollments, module_progress};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    for app in seeded().await {
        let b = app.backend;
        let db = &app.state.db;
        let cookie = sign_in(&app, LEARNER).await;
        let course = course(&app, EN_COURSE);
        assert!(course.valid_for_months.is_some(), "the course expires");
        let complete_all = || async {
            for m in &course.modules {
                for q in &m.questions {
                    answer(&app, &cookie, EN_COURSE, m, q, correct_fields(q)).await;
                }
            }
        };
        complete_all().await;
        let first = records(&app).await;
        assert_eq!(first.len(), 1, "[{b}]");
        let course_url = format!("/cursussen/{EN_COURSE}");

        // Valid for two years: nothing to renew yet, and the page says from when.
        let html = page(&app, &cookie, &course_url).await;
        assert!(
            html.contains("Je bewijs van deelname is geldig tot"),
            "[{b}]"
        );
        assert!(html.contains("kun je de cursus opnieuw doen"), "[{b}]");
        assert!(!html.contains("Cursus opnieuw doen"), "[{b}] no button yet");
        let back = renew(&app, &cookie, EN_COURSE).await;
        assert!(back.contains("__err="), "[{b}] refused: {back}");
        assert_eq!(records(&app).await.len(), 1, "[{b}]");

        // Ten days before expiry the warning period has begun.
        let today = app::ssr::report_summary::today();
        let mut rec: completion_records::ActiveModel = first[0].clone().into();
        rec.expires_at = Set(Some(today + chrono::Duration::days(10)));
        rec.update(db).await.unwrap();
        let html = page(&app, &cookie, &course_url).await;
        assert!(html.contains("Cursus opnieuw doen"), "[{b}] the button");

        let to = renew(&app, &cookie, EN_COURSE).await;
        assert_eq!(to, format!("{course_url}?klaar=opnieuw"), "[{b}]");
        let html = page(&app, &cookie, &to).await;
        assert!(html.contains("Je bent opnieuw begonnen"), "[{b}]");
        assert!(html.contains("Begin opnieuw"), "[{b}]");
        assert!(html.contains("Voortgang: 0% afgerond"), "[{b}]");
        let enrollment = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(EN_COURSE))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (enrollment.round, enrollment.completed_at),
            (2, None),
            "[{b}]"
        );
        assert_eq!(
            module_progress::Entity::find().count(db).await.unwrap(),
            0,
            "[{b}] module states cleared"
        );
        assert!(
            question_answers::Entity::find().count(db).await.unwrap() > 0,
            "[{b}] the answers of round 1 are kept"
        );
        // Starting over twice is refused: the learner is already at it.
        let back = renew(&app, &cookie, EN_COURSE).await;
        assert!(back.contains("__err="), "[{b}] {back}");

        // A wrong first answer now counts against the score of round 2,
        // although the same question was right at the first try in round 1.
        let (m, q) = course
            .modules
            .iter()
            .flat_map(|m| m.questions.iter().map(move |q| (m, q)))
            .find(|(_, q)| matches!(q.answer, Answer::Single { .. }))
            .expect("a single-choice question");
        answer(&app, &cookie, EN_COURSE, m, q, wrong_fields(q)).await;
        complete_all().await;
        let mut recs = records(&app).await;
        recs.sort_by_key(|r| r.round);
        assert_eq!(recs.len(), 2, "[{b}] a second record");
        let (old, new) = (&recs[0], &recs[1]);
        assert_eq!((old.round, new.round), (1, 2), "[{b}]");
        assert_eq!(old.verification_code, first[0].verification_code, "[{b}]");
        assert_ne!(new.verification_code, old.verification_code, "[{b}]");
        assert!(new.score_percent < 100.0, "[{b}] {}", new.score_percent);
        assert_eq!(
            new.expires_at,
            Some(
                today
                    .checked_add_months(chrono::Months::new(course.valid_for_months.unwrap()))
                    .unwrap()
            ),
            "[{b}] valid again for the whole period"
        );
        for code in [&old.verification_code, &new.verification_code] {
            let (status, _) = split(app.request(get(&format!("/verify/{code}"), None)).await).await;
            assert_eq!(status, StatusCode::OK, "[{b}] both records verify");
        }
        let html = page(&app, &cookie, &course_url).await;
        assert!(html.contains("Je hebt deze cursus afgerond."), "[{b}]");
        assert!(
            html.contains(&format!("/certificaat/{}", new.verification_code)),
            "[{b}] the page shows the newest record"
        );
        app.cleanup().await;
    }
}

/// The interface follows the chosen language everywhere, also in messages
/// the server builds and on the HR pages; course content keeps its own
/// language, and the interface's words inside it are marked with theirs.
#[tokio::test]
async fn the_interface_follows_the_chosen_language() {
    for app in seeded().await {
        let session = sign_in(&app, "leerling@demodorp.example").await;

        // Dutch interface, English course: the article is English, the
        // interface's headings and hints inside it are marked Dutch.
        let (status, html) = split(
            app.request(get(
                "/cursussen/participation-basics/why-participate",
                Some(&session),
            ))
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "[{}]", app.backend);
        assert!(
            html.contains(r#"<article lang="en""#),
            "[{}] {html}",
            app.backend
        );
        assert!(
            html.contains(r#"<h2 id="leerdoelen" lang="nl">Leerdoelen</h2>"#),
            "[{}] interface heading inside English content is marked Dutch",
            app.backend
        );
        // Dutch course in a Dutch interface: no marks needed.
        let (_, html) = split(
            app.request(get(
                "/cursussen/participatie-in-de-praktijk/waarom-participatie",
                Some(&session),
            ))
            .await,
        )
        .await;
        assert!(html.contains("<article>") && !html.contains(r#"lang="nl">Leerdoelen"#));

        // English chosen: a Dutch course's article is marked Dutch and the
        // interface inside it English.
        let english = format!("{session}; taal=en");
        let (_, html) = split(
            app.request(get(
                "/cursussen/participatie-in-de-praktijk/waarom-participatie",
                Some(&english),
            ))
            .await,
        )
        .await;
        assert!(html.contains(r#"<article lang="nl""#), "[{}]", app.backend);
        assert!(html.contains(r#"<h2 id="leerdoelen" lang="en">Learning objectives</h2>"#));

        // A refusal built on the server comes back in English.
        let m = module(&app, "participatie-in-de-praktijk", "waarom-participatie");
        let q = &m.questions[0];
        let body = answer_body("participatie-in-de-praktijk", &m.id, q, vec![]);
        let req = Request::post("/api/answer")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &english)
            .body(Body::from(body.clone()))
            .unwrap();
        let (_, text) = split(app.request(req).await).await;
        assert!(
            text.contains("You have not given an answer yet"),
            "[{}] {text}",
            app.backend
        );
        // The same request in Dutch.
        let req = Request::post("/api/answer")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &session)
            .body(Body::from(body))
            .unwrap();
        let (_, text) = split(app.request(req).await).await;
        assert!(text.contains("Je hebt nog geen antwoord gegeven"), "{text}");

        // A missing thing is named in the page's language.
        let (status, html) = split(
            app.request(get("/certificaat/ONBEKEND", Some(&english)))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("No certificate of participation with this code was found."));

        // The HR pages.
        let hr = format!("{}; taal=en", sign_in(&app, "hr@demodorp.example").await);
        let (status, html) = split(app.request(get("/rapportage", Some(&hr))).await).await;
        assert_eq!(status, StatusCode::OK, "[{}]", app.backend);
        assert!(html.contains("<h1>Reports</h1>") && html.contains("Whole organisation"));
        assert!(!html.contains("Hele organisatie") && !html.contains("Laden"));
        app.cleanup().await;
    }
}
