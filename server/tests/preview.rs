//! Preview and publish for authors (issue 18, item 3), on every backend: a
//! trainer sees a draft in `content/drafts/` exactly as learners will, with
//! every question answerable and graded (and nothing stored), the checker's
//! problems at their place with file and line; the draft's fingerprint
//! moves when a file is saved (the open page reloads on it); publishing is
//! refused while the draft has errors, and otherwise swaps the draft into
//! the live content, which reloads, syncs and is audited.

mod common;

use app::ssr::entities::{audit_log, courses, question_answers};
use axum::http::{header, StatusCode};
use common::{copy_dir, form, form_post, page, sign_in, split, TestApp};
use domain::option_tokens::Namer;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::path::{Path, PathBuf};

const COURSE: &str = "participatie-in-de-praktijk";
const TRAINER: &str = "trainer@demodorp.example";
const LESSON: &str = "01-waarom-participatie.md";

/// One app per backend, each on a content copy of its own (publishing
/// changes it) holding a draft of the starter course whose title says it
/// is a draft, with the demo data.
async fn with_draft(what: &str) -> Vec<(TestApp, PathBuf)> {
    let mut apps = vec![(
        TestApp::new("sqlite", common::sqlite_url(), draft_copy(what), None).await,
        PathBuf::new(),
    )];
    if let Some((url, name)) = common::postgres_url().await {
        let content = draft_copy(what);
        apps.push((
            TestApp::new(
                "postgres",
                url,
                content,
                Some((common::postgres_admin_url(), name)),
            )
            .await,
            PathBuf::new(),
        ));
    }
    for (app, content) in &mut apps {
        *content = app.state.content.root().to_path_buf();
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
    }
    apps
}

fn draft_copy(what: &str) -> PathBuf {
    let content = common::content_copy(what);
    let draft = draft_dir(&content);
    copy_dir(&content.join("courses").join(COURSE), &draft);
    edit(
        &draft.join("course.md"),
        "title: Participatie in de praktijk\n",
        "title: Participatie in de praktijk (concept)\n",
    );
    content
}

fn draft_dir(content: &Path) -> PathBuf {
    content.join("drafts").join("courses").join(COURSE)
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A server function called as the page's script calls it (JSON back).
async fn call(
    app: &TestApp,
    cookie: &str,
    endpoint: &str,
    body: &[(&str, &str)],
) -> (StatusCode, String) {
    common::server_fn_json(app, endpoint, form(body), cookie).await
}

#[tokio::test]
async fn a_trainer_previews_a_draft_and_learners_see_nothing_of_it() {
    for (app, content) in with_draft("preview-see").await {
        let b = app.backend;
        let draft = domain::content::load(&content.join("drafts"));
        assert!(!draft.has_errors(), "{:?}", draft.diagnostics);
        let course = draft.catalog.course(COURSE).unwrap();
        let trainer = sign_in(&app, TRAINER).await;

        let list = page(&app, &trainer, "/voorbeeld").await;
        assert!(
            list.contains("Participatie in de praktijk (concept)"),
            "[{b}]"
        );
        assert!(list.contains("fouten: 0"), "[{b}]");
        assert!(list.contains("vervangt de gepubliceerde cursus"), "[{b}]");

        let course_page = page(&app, &trainer, &format!("/voorbeeld/{COURSE}")).await;
        assert!(
            course_page.contains("Concept: Participatie in de praktijk (concept)"),
            "[{b}]"
        );
        assert!(
            course_page.contains(&format!("href=\"/voorbeeld/{COURSE}/waarom-participatie\"")),
            "[{b}]"
        );
        let live = page(&app, &trainer, &format!("/cursussen/{COURSE}")).await;
        assert!(
            !live.contains("(concept)"),
            "[{b}] the live course is untouched"
        );

        // A lesson question answered in the preview: graded, shown with its
        // feedback, and stored nowhere.
        let module = course.module("waarom-participatie").unwrap();
        let q = module.question("besluit-zonder-betrokkenen").unwrap();
        let user = common::account(&app, TRAINER).await;
        let names = Namer::lesson(&app.state.option_key, user.id);
        let fields = common::tokenized(q, common::correct_fields(q), &names);
        let mut query = format!("vraag={}", q.id);
        for (k, v) in &fields {
            query.push_str(&format!(
                "&{}={}",
                common::urlencode(k),
                common::urlencode(v)
            ));
        }
        let url = format!("/voorbeeld/{COURSE}/{}", module.id);
        let before = page(&app, &trainer, &url).await;
        assert!(!before.contains("Goed!"), "[{b}]");
        assert_eq!(
            before.matches("class=\"question\"").count(),
            module.questions.len(),
            "[{b}]"
        );
        let graded = page(&app, &trainer, &format!("{url}?{query}")).await;
        assert!(graded.contains("Goed!"), "[{b}] the answer is graded");
        assert!(
            graded.contains("Juist. Mensen die niet gehoord zijn"),
            "[{b}] with its feedback"
        );
        let wrong = common::tokenized(q, common::wrong_fields(q), &names);
        let mut query = format!("vraag={}", q.id);
        for (k, v) in &wrong {
            query.push_str(&format!(
                "&{}={}",
                common::urlencode(k),
                common::urlencode(v)
            ));
        }
        let graded = page(&app, &trainer, &format!("{url}?{query}")).await;
        assert!(graded.contains("Nog niet goed."), "[{b}]");
        let stored = question_answers::Entity::find()
            .filter(question_answers::Column::UserId.eq(user.id))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(stored, 0, "[{b}] the preview stores no answer");

        // An exam shows its whole pool, each question answerable.
        let exam = course.modules.iter().find(|m| m.is_exam()).unwrap();
        let html = page(&app, &trainer, &format!("/voorbeeld/{COURSE}/{}", exam.id)).await;
        assert_eq!(
            html.matches("<form method=\"get\"").count(),
            exam.questions.len(),
            "[{b}]"
        );
        assert!(html.contains("Dit is een toets."), "[{b}]");

        // The draft's own images, for trainers only, never cached.
        let html = page(&app, &trainer, &format!("/voorbeeld/{COURSE}/invloed")).await;
        let image = format!("/voorbeeld-inhoud/{COURSE}/assets/participatieladder.svg");
        assert!(
            html.contains(&format!("src=\"{image}\"")),
            "[{b}] the image is the draft's"
        );
        let res = app.request(common::get(&image, &trainer)).await;
        assert_eq!(res.status(), StatusCode::OK, "[{b}]");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store", "[{b}]");
        let learner = sign_in(&app, "leerling@demodorp.example").await;
        let res = app.request(common::get(&image, &learner)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "[{b}]");
        // Out of the draft's assets (to the live course's same file): not sent.
        let out = format!("/voorbeeld-inhoud/{COURSE}/assets/../../../../courses/{COURSE}/assets/participatieladder.svg");
        let res = app.request(common::get(&out, &trainer)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "[{b}]");
        // Nor through a symbolic link in the draft.
        #[cfg(unix)]
        {
            let assets = draft_dir(&content).join("assets");
            std::os::unix::fs::symlink(
                content.join("courses").join(COURSE).join("course.md"),
                assets.join("link.svg"),
            )
            .unwrap();
            let res = app
                .request(common::get(
                    &format!("/voorbeeld-inhoud/{COURSE}/assets/link.svg"),
                    &trainer,
                ))
                .await;
            assert_eq!(
                res.status(),
                StatusCode::NOT_FOUND,
                "[{b}] a link out of assets/"
            );
            std::fs::remove_file(assets.join("link.svg")).unwrap();
        }

        // An answer that cannot be graded is said at its question.
        let html = page(&app, &trainer, &format!("{url}?vraag={}", q.id)).await;
        let said = html
            .find("Je hebt nog geen antwoord gegeven")
            .expect("the refusal");
        let at = html.find(&format!("id=\"vraag-{}\"", q.id)).unwrap();
        assert!(at < said, "[{b}] inside the question");

        // A draft that is not there, and a learner.
        let (status, _) = split(
            app.request(common::get("/voorbeeld/bestaat-niet", &trainer))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{b}]");
        let (status, _) = split(
            app.request(common::get(&format!("/voorbeeld/{COURSE}"), &learner))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{b}]");
        app.cleanup().await;
        let _ = std::fs::remove_dir_all(&content);
    }
}

#[tokio::test]
async fn checker_problems_stand_at_their_place_and_hold_back_publishing() {
    for (app, content) in with_draft("preview-errors").await {
        let b = app.backend;
        edit(
            &draft_dir(&content).join(LESSON),
            "Besluiten zonder betrokkenen missen vaak draagvlak.",
            "Besluiten zonder betrokkenen missen vaak draagvlak, zie [de les](99-bestaat-niet.md).",
        );
        let trainer = sign_in(&app, TRAINER).await;
        let course_page = page(&app, &trainer, &format!("/voorbeeld/{COURSE}")).await;
        assert!(course_page.contains("fouten: 1"), "[{b}]");
        let problems = course_page.find("fouten:").map_or("", |at| {
            &course_page[at..(at + 1500).min(course_page.len())]
        });
        assert!(
            course_page.contains(&format!("{LESSON}:104:")),
            "[{b}] file and line: {problems}"
        );
        assert!(
            course_page.contains("disabled>Concept publiceren</button>")
                || course_page.contains("disabled=\"\">Concept publiceren</button>"),
            "[{b}] the button says it cannot be done"
        );

        // On the module page, the problem stands above the question it is in.
        let html = page(
            &app,
            &trainer,
            &format!("/voorbeeld/{COURSE}/waarom-participatie"),
        )
        .await;
        let problem = html
            .find(&format!("{LESSON}:104:"))
            .expect("the problem on the page");
        let question = html
            .find("id=\"vraag-besluit-zonder-betrokkenen\"")
            .unwrap();
        let text = html.find("Wat is participatie?</h2>").unwrap();
        assert!(
            text < problem && problem < question,
            "[{b}] {text} < {problem} < {question}"
        );
        assert!(html.contains("99-bestaat-niet.md"), "[{b}]");

        // Publishing is refused, and the live course stays as it was.
        let (status, body) =
            call(&app, &trainer, "preview_publish", &[("course_id", COURSE)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "[{b}] {body}");
        assert!(body.contains(r#""HasErrors":{"errors":1}"#), "[{b}] {body}");
        let live = page(&app, &trainer, &format!("/cursussen/{COURSE}")).await;
        assert!(!live.contains("(concept)"), "[{b}]");
        app.cleanup().await;
        let _ = std::fs::remove_dir_all(&content);
    }
}

#[tokio::test]
async fn saving_a_file_moves_the_fingerprint() {
    for (app, content) in with_draft("preview-fingerprint").await {
        let b = app.backend;
        let trainer = sign_in(&app, TRAINER).await;
        let (status, first) = call(
            &app,
            &trainer,
            "preview_fingerprint",
            &[("course_id", COURSE)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "[{b}] {first}");
        let (_, again) = call(
            &app,
            &trainer,
            "preview_fingerprint",
            &[("course_id", COURSE)],
        )
        .await;
        assert_eq!(first, again, "[{b}]");
        let page_html = page(&app, &trainer, &format!("/voorbeeld/{COURSE}")).await;
        assert!(
            page_html.contains(first.trim_matches('"')),
            "[{b}] the page carries it"
        );
        edit(
            &draft_dir(&content).join(LESSON),
            "## Wat is participatie?",
            "## Wat is participatie precies?",
        );
        let (_, moved) = call(
            &app,
            &trainer,
            "preview_fingerprint",
            &[("course_id", COURSE)],
        )
        .await;
        assert_ne!(first, moved, "[{b}]");
        let html = page(
            &app,
            &trainer,
            &format!("/voorbeeld/{COURSE}/waarom-participatie"),
        )
        .await;
        assert!(
            html.contains("Wat is participatie precies?"),
            "[{b}] read anew"
        );
        edit(
            &draft_dir(&content).join(LESSON),
            "## Wat is participatie precies?",
            "## Wat is participatie?",
        );
        let (status, _) = call(
            &app,
            &trainer,
            "preview_fingerprint",
            &[("course_id", "../courses")],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{b}]");
        app.cleanup().await;
        let _ = std::fs::remove_dir_all(&content);
    }
}

#[tokio::test]
async fn publishing_swaps_the_draft_in_reloads_and_is_audited() {
    for (app, content) in with_draft("preview-publish").await {
        let b = app.backend;
        let trainer = sign_in(&app, TRAINER).await;
        // Without JavaScript: the form posts, the server redirects.
        let res = app
            .request(form_post(
                "/api/preview_publish",
                form(&[("course_id", COURSE)]),
                Some(&trainer),
                &format!("http://localhost/voorbeeld/{COURSE}"),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::FOUND, "[{b}]");
        assert_eq!(
            res.headers()[header::LOCATION].to_str().unwrap(),
            format!("/voorbeeld/{COURSE}?gepubliceerd=1")
        );
        let live = page(&app, &trainer, &format!("/cursussen/{COURSE}")).await;
        assert!(
            live.contains("Participatie in de praktijk (concept)"),
            "[{b}] learners see it"
        );
        let row = courses::Entity::find_by_id(COURSE)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.title, "Participatie in de praktijk (concept)",
            "[{b}] synced"
        );
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("draft_publish"))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1, "[{b}]");
        assert_eq!(audited[0].subject, format!("course:{COURSE}"));
        let left: Vec<String> = std::fs::read_dir(content.join("courses"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(
            left,
            Vec::<String>::new(),
            "[{b}] no staging or old folder stays"
        );
        assert!(
            draft_dir(&content).is_dir(),
            "[{b}] the draft stays, to go on writing"
        );

        // A new course, from a draft of its own.
        let new = content.join("drafts").join("courses").join("nieuwe-cursus");
        copy_dir(&draft_dir(&content), &new);
        std::fs::remove_file(new.join("scan.md")).unwrap();
        edit(
            &new.join("course.md"),
            "title: Participatie in de praktijk (concept)\n",
            "title: Een nieuwe cursus\n",
        );
        let (status, body) = call(
            &app,
            &trainer,
            "preview_publish",
            &[("course_id", "nieuwe-cursus")],
        )
        .await;
        assert!(
            status.is_success() || status == StatusCode::FOUND,
            "[{b}] {status} {body}"
        );
        let catalog = page(&app, &trainer, "/").await;
        assert!(catalog.contains("Een nieuwe cursus"), "[{b}]");
        let learner = sign_in(&app, "leerling@demodorp.example").await;
        let (status, _) = call(&app, &learner, "preview_publish", &[("course_id", COURSE)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{b}]");
        app.cleanup().await;
        let _ = std::fs::remove_dir_all(&content);
    }
}
