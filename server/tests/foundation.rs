//! The foundation, end to end through the router: health, the page shell,
//! errors, assets, migrations, the content sync and the demo seed, on every
//! database backend.

mod common;

use app::ssr::accounts::{self, AccountError, NewUser, Role};
use app::ssr::content_store::sync_catalog;
use app::ssr::entities::{course_modules, courses, departments, users};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{apps, split};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn health_and_readiness() {
    for app in apps().await {
        let (status, body) = app.get("/healthz").await;
        assert_eq!(status, StatusCode::OK, "[{}] healthz", app.backend);
        assert_eq!(body, "ok");
        let (status, body) = app.get("/readyz").await;
        assert_eq!(status, StatusCode::OK, "[{}] readyz", app.backend);
        assert!(
            body.starts_with("ready\ndatabase: ok\ncontent: "),
            "[{}] {body}",
            app.backend
        );
        assert!(
            body.contains(" courses, loaded ") && !body.contains("failed"),
            "{body}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn home_page_has_the_accessible_shell_and_the_catalog() {
    for app in apps().await {
        let (status, html) = app.get("/").await;
        assert_eq!(status, StatusCode::OK, "[{}]", app.backend);
        assert!(html.contains(r#"<html lang="nl""#), "language of the page");
        assert!(html.contains(r##"href="#inhoud""##), "skip link");
        assert!(html.contains(r#"<main id="inhoud""#), "main landmark");
        assert!(html.contains("<header"), "header");
        assert!(html.contains("<footer"), "footer");
        assert!(
            html.contains(r#"aria-label="Hoofdmenu""#),
            "labelled navigation"
        );
        assert!(html.contains("/pkg/leerplatform.css"), "stylesheet");
        assert!(html.contains("mod.hydrate()"), "hydration script");
        assert!(
            html.contains("Participatie in de praktijk"),
            "the starter course is listed"
        );
        assert!(
            html.contains("Participation basics"),
            "the English course is listed"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_interface_is_dutch_by_default_and_english_when_chosen() {
    for app in apps().await {
        let page = |cookie: Option<&str>| {
            let mut req = Request::get("/")
                .header(header::ACCEPT, "text/html")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            req.body(Body::empty()).unwrap()
        };
        // An English browser without a choice: Dutch.
        let (_, html) = split(app.request(page(None)).await).await;
        assert!(
            html.contains(r#"<html lang="nl""#),
            "[{}] Dutch by default",
            app.backend
        );
        assert!(html.contains(">Cursussen</h1>") && html.contains(">English</a>"));

        // Choosing English sets the cookie and goes back to the page.
        let res = app
            .request(
                Request::get("/taal/en?terug=%2Fcursussen%2Fparticipatie-in-de-praktijk")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            res.headers()[header::LOCATION],
            "/cursussen/participatie-in-de-praktijk"
        );
        let set_cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(set_cookie.starts_with("taal=en;"), "{set_cookie}");
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let (_, html) = split(app.request(page(Some(&cookie))).await).await;
        assert!(
            html.contains(r#"<html lang="en""#),
            "[{}] English chosen",
            app.backend
        );
        assert!(html.contains(">Courses</h1>") && html.contains(">Nederlands</a>"));
        assert!(
            html.contains("Participatie in de praktijk"),
            "course content stays in its own language"
        );

        // Never a redirect to another site; an unknown language is a clear 404.
        let res = app
            .request(
                Request::get("/taal/nl?terug=%2F%2Fevil.example")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.headers()[header::LOCATION], "/");
        let (status, body) = app.get("/taal/fr").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("Onbekende taal"), "{body}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_page_is_a_dutch_404() {
    for app in apps().await {
        let (status, html) = app.get("/bestaat-niet").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{}]", app.backend);
        assert!(html.contains("Pagina niet gevonden"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn catalog_server_function_returns_json() {
    for app in apps().await {
        let req = Request::post("/api/catalog")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap();
        let (status, body) = split(app.request(req).await).await;
        assert_eq!(status, StatusCode::OK, "[{}] {body}", app.backend);
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        let ids: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["participatie-in-de-praktijk", "participation-basics"]);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn assets_are_served_with_cache_headers_and_module_files_never() {
    for app in apps().await {
        let res = app
            .request(
                Request::get("/inhoud/participatie-in-de-praktijk/assets/participatieladder.svg")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "[{}]", app.backend);
        assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=3600");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml");
        for uri in [
            "/inhoud/participatie-in-de-praktijk/assets/../course.md",
            "/inhoud/participatie-in-de-praktijk/assets/%2e%2e/08-eindtoets.md",
            "/inhoud/participatie-in-de-praktijk/08-eindtoets.md",
            "/inhoud/participatie-in-de-praktijk/assets/bestaat-niet.png",
            "/inhoud/Bad_Course/assets/x.png",
        ] {
            let (status, body) = app.get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "[{}] {uri}", app.backend);
            assert!(!body.contains("kind: exam"), "{uri} leaked a module file");
        }
        app.cleanup().await;
    }
}

/// Pages go out gzip-compressed to a browser that asks; a file of the
/// bundle that the build precompressed (`cargo leptos build --precompress`)
/// is sent as it is, not compressed again.
#[tokio::test]
async fn pages_are_compressed_and_precompressed_files_sent_as_they_are() {
    for app in apps().await {
        let site = std::env::temp_dir().join(format!(
            "leerplatform-site-{}-{}",
            std::process::id(),
            app.backend
        ));
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let script = "console.log('hallo');\n".repeat(200);
        std::fs::write(site.join("pkg/x.js"), &script).unwrap();
        std::fs::write(site.join("pkg/x.js.br"), b"brotli bytes made at build time").unwrap();
        let mut state = app.state.clone();
        state.leptos_options.site_root = site.to_string_lossy().as_ref().into();
        let router = server::router::app(state);
        let ask = |uri: &str, encoding: &str| {
            Request::get(uri)
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap()
        };
        use http_body_util::BodyExt;
        use tower::ServiceExt;

        let res = router
            .clone()
            .oneshot(ask("/", "gzip, deflate, br"))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()[header::CONTENT_ENCODING],
            "gzip",
            "[{}]",
            app.backend
        );
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
        let (_, plain) = app.get("/").await;
        assert!(
            body.len() * 3 < plain.len() * 2,
            "{} of {} bytes",
            body.len(),
            plain.len()
        );

        let res = router
            .clone()
            .oneshot(ask("/pkg/x.js", "gzip, deflate, br"))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            &body[..],
            b"brotli bytes made at build time",
            "sent as it is"
        );

        // Without a precompressed copy in the asked encoding, it is compressed now.
        let res = router
            .clone()
            .oneshot(ask("/pkg/x.js", "gzip"))
            .await
            .unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
        let res = router.oneshot(ask("/pkg/x.js", "identity")).await.unwrap();
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(body, script.as_bytes());
        let _ = std::fs::remove_dir_all(&site);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn migrations_are_idempotent_and_create_the_core_model() {
    for app in apps().await {
        server::db::migrate(&app.state.db)
            .await
            .expect("second migrate is a no-op");
        // Every core table answers a query.
        assert_eq!(users::Entity::find().count(&app.state.db).await.unwrap(), 0);
        assert_eq!(
            departments::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap(),
            0
        );
        use sea_orm::ConnectionTrait;
        for table in [
            "users",
            "user_roles",
            "departments",
            "sessions",
            "courses",
            "course_modules",
            "assignments",
            "enrollments",
            "module_progress",
            "question_answers",
            "exam_attempts",
            "attempt_grants",
            "reflections",
            "completion_records",
            "audit_log",
        ] {
            app.state
                .db
                .execute_unprepared(&format!("SELECT COUNT(*) FROM {table}"))
                .await
                .unwrap_or_else(|e| panic!("[{}] table {table}: {e}", app.backend));
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn content_sync_marks_removed_courses_inactive_and_never_deletes() {
    for app in apps().await {
        let db = &app.state.db;
        let all = courses::Entity::find().all(db).await.unwrap();
        assert_eq!(all.len(), 2, "[{}]", app.backend);
        assert!(all.iter().all(|c| c.active));
        let modules = course_modules::Entity::find()
            .filter(course_modules::Column::CourseId.eq("participatie-in-de-praktijk"))
            .count(db)
            .await
            .unwrap();
        assert_eq!(modules, 8);

        // A catalog without the English course, and with one module fewer.
        let mut catalog = app.state.content.current().catalog.clone();
        catalog.courses.retain(|c| c.id != "participation-basics");
        catalog.courses[0].modules.pop();
        sync_catalog(db, &catalog).await.unwrap();

        let english = courses::Entity::find_by_id("participation-basics")
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert!(!english.active, "removed course is kept, inactive");
        let exam = course_modules::Entity::find_by_id((
            "participatie-in-de-praktijk".to_string(),
            "eindtoets".to_string(),
        ))
        .one(db)
        .await
        .unwrap()
        .unwrap();
        assert!(!exam.active, "removed module is kept, inactive");

        // Syncing the full catalog again revives both.
        sync_catalog(db, &app.state.content.current().catalog)
            .await
            .unwrap();
        let english = courses::Entity::find_by_id("participation-basics")
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert!(english.active);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn seed_demo_is_idempotent_and_gives_one_account_per_role() {
    for app in apps().await {
        let db = &app.state.db;
        server::commands::seed_demo::seed(db).await.unwrap();
        server::commands::seed_demo::seed(db).await.unwrap();
        assert_eq!(
            users::Entity::find().count(db).await.unwrap(),
            5,
            "[{}]",
            app.backend
        );
        for role in Role::ALL {
            let holders = app::ssr::entities::user_roles::Entity::find()
                .filter(app::ssr::entities::user_roles::Column::Role.eq(role.as_str()))
                .count(db)
                .await
                .unwrap();
            assert!(holders >= 1, "no demo user with role {role}");
        }
        let learner = accounts::find_by_email(db, "LEERLING@demodorp.example ")
            .await
            .unwrap()
            .unwrap();
        let hash = learner.password_hash.unwrap();
        assert!(accounts::verify_password(
            server::commands::seed_demo::DEMO_PASSWORD,
            &hash
        ));
        let team = departments::Entity::find_by_id(learner.department_id.unwrap())
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(team.name, "Team Omgevingsplan");
        assert!(team.parent_id.is_some(), "departments form a tree");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn create_user_refuses_bad_input_with_clear_reasons() {
    for app in apps().await {
        let db = &app.state.db;
        let ok = NewUser {
            email: "a@gemeente.example",
            display_name: "A",
            password: "bewonersavond-koffie-1",
            department_id: None,
            roles: &[],
        };
        let user = accounts::create_user(db, ok).await.unwrap();
        assert_eq!(
            accounts::roles_of(db, user.id).await.unwrap(),
            vec![Role::Learner],
            "default role"
        );
        let dup = NewUser {
            email: " A@Gemeente.example",
            display_name: "B",
            password: "bewonersavond-koffie-2",
            department_id: None,
            roles: &[],
        };
        assert!(
            matches!(
                accounts::create_user(db, dup).await,
                Err(AccountError::EmailTaken(_))
            ),
            "[{}]",
            app.backend
        );
        let short = NewUser {
            email: "c@gemeente.example",
            display_name: "C",
            password: "kort",
            department_id: None,
            roles: &[],
        };
        let err = accounts::create_user(db, short).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the password must be at least 12 characters long"
        );
        for guessable in ["1234567890ab", "wachtwoord123", "c@gemeente.example1"] {
            let weak = NewUser {
                email: "c@gemeente.example",
                display_name: "C",
                password: guessable,
                department_id: None,
                roles: &[],
            };
            assert!(
                matches!(
                    accounts::create_user(db, weak).await,
                    Err(AccountError::PasswordTooEasy)
                ),
                "[{}] {guessable}",
                app.backend
            );
        }
        let bad = NewUser {
            email: "geen-adres",
            display_name: "D",
            password: "bewonersavond-koffie-3",
            department_id: None,
            roles: &[],
        };
        assert!(matches!(
            accounts::create_user(db, bad).await,
            Err(AccountError::InvalidEmail(_))
        ));
        assert_eq!(
            users::Entity::find().count(db).await.unwrap(),
            1,
            "nothing half-created"
        );
        app.cleanup().await;
    }
}

/// Resolved sessions are cached in memory (`SessionCache`), but never
/// past a change: a move to another department is seen at the next
/// request, a deactivated account is refused at once, and a session whose
/// cached copy is still fresh stops working when it is signed out.
#[tokio::test]
async fn the_session_cache_follows_account_changes_at_once() {
    use app::ssr::session;
    for app in common::seeded().await {
        let cookie = common::sign_in(&app, "leerling@demodorp.example").await;
        let token = cookie.split_once('=').unwrap().1.to_string();
        let first = session::lookup(&app.state.db, &app.state.sessions, &token)
            .await
            .unwrap()
            .expect("signed in");
        // Cached now: the same answer without the database.
        assert_eq!(
            session::lookup(&app.state.db, &app.state.sessions, &token)
                .await
                .unwrap(),
            Some(first.clone())
        );
        let other = departments::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .find(|d| Some(d.id) != first.department_id)
            .expect("a second department");
        let admin = users::Entity::find()
            .filter(users::Column::Email.eq("beheerder@demodorp.example"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        app::departments::queries::move_user(
            &app.state.writer,
            &app.state.sessions,
            admin.id,
            &first.email,
            Some(other.id),
        )
        .await
        .unwrap();
        let moved = session::lookup(&app.state.db, &app.state.sessions, &token)
            .await
            .unwrap()
            .expect("still signed in");
        assert_eq!(moved.department_id, Some(other.id), "[{}]", app.backend);

        // Deactivated (as an import does, which then empties the cache).
        users::Entity::update_many()
            .col_expr(
                users::Column::Active,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(users::Column::Id.eq(first.id))
            .exec(&app.state.writer)
            .await
            .unwrap();
        app.state.sessions.forget_all();
        assert_eq!(
            session::lookup(&app.state.db, &app.state.sessions, &token)
                .await
                .unwrap(),
            None
        );
        app.cleanup().await;
    }
}

/// Every page has a document title (WCAG 2.4.2), also a page that asks the
/// visitor to sign in first.
#[tokio::test]
async fn pages_that_need_a_session_have_a_title() {
    for app in apps().await {
        let index = app.state.content.current();
        let course = &index.catalog.courses[0];
        for uri in [
            format!("/cursussen/{}/{}", course.id, course.modules[0].id),
            "/mijn".to_string(),
            "/beheer".to_string(),
        ] {
            let (_, html) = app.get(&uri).await;
            assert!(
                html.contains("<title>Inloggen – Leerplatform Participatie</title>"),
                "[{}] {uri} has a title",
                app.backend
            );
        }
        app.cleanup().await;
    }
}
