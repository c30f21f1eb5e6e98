//! Administration through the router: reloading content (a broken edit keeps
//! the last good content live and shows its errors to admins), and access.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{apps_with_content, get, sign_in, split};

fn reload(cookie: &str) -> Request<Body> {
    Request::post("/api/admin_reload")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://localhost/beheer")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_broken_reload_keeps_the_last_good_content_and_shows_the_errors() {
    let dir = common::content_copy("admin-content");
    for app in apps_with_content(dir.clone()).await {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let learner = sign_in(&app, "leerling@demodorp.example").await;

        let (status, _) = split(app.request(get("/beheer", &learner)).await).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "[{}] learners are refused",
            app.backend
        );
        let res = app.request(reload(&learner)).await;
        assert!(
            res.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .contains("__err="),
            "learner cannot reload"
        );

        // Break a module: the reload is rejected and the errors are shown.
        let module = dir.join("courses/participation-basics/01-why-participate.md");
        let good = std::fs::read_to_string(&module).unwrap();
        std::fs::write(&module, good.replacen("title:", "titel:", 1)).unwrap();
        assert_eq!(
            app.request(reload(&admin)).await.status(),
            StatusCode::FOUND
        );
        let (status, html) = split(app.request(get("/beheer", &admin)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("De laatste keer laden is mislukt"),
            "[{}] errors shown to admins",
            app.backend
        );
        // In the page's language: Dutch by default, English when chosen.
        assert!(html.contains("01-why-participate.md:2:1</code>"), "{html}");
        assert!(
            html.contains(": fout: onbekend veld `titel` in de front matter"),
            "{html}"
        );
        assert!(html.contains("tip: bedoel je `title`?"), "{html}");
        let (_, html) = split(
            app.request(get("/beheer", &format!("{admin}; taal=en")))
                .await,
        )
        .await;
        assert!(
            html.contains(": error: unknown front matter field `titel`"),
            "{html}"
        );
        assert!(html.contains("hint: did you mean `title`?"), "{html}");
        let (_, home) = split(app.request(get("/", &learner)).await).await;
        assert!(
            home.contains("Participation basics"),
            "the last good content is still served"
        );
        // The readiness check says so too (the node still serves: 200).
        let (status, ready) = app.get("/readyz").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            ready.contains("content reload: failed with 2 errors; serving the last good content"),
            "[{}] {ready}",
            app.backend
        );

        // Fix it: the reload succeeds and the errors disappear.
        std::fs::write(&module, &good).unwrap();
        app.request(reload(&admin)).await;
        let (_, html) = split(app.request(get("/beheer", &admin)).await).await;
        assert!(!html.contains("De laatste keer laden is mislukt"));
        assert!(html.contains("Lotte de Leerling"), "accounts are listed");
        app.cleanup().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The accounts list at municipal size: a page of 50 at a time, searched on
/// the server by name, e-mail address or employee number, without
/// JavaScript (plain links and a GET form).
#[tokio::test]
async fn the_accounts_list_pages_and_searches_on_the_server() {
    use app::ssr::entities::users;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    for app in common::seeded().await {
        let b = app.backend;
        let now = chrono::Utc::now();
        let people = (0..120).map(|i| users::ActiveModel {
            email: Set(format!("medewerker{i:03}@demodorp.example")),
            display_name: Set(format!("Zz Medewerker {i:03}")),
            password_hash: Set(None),
            department_id: Set(None),
            employee_number: Set(Some(format!("P{i:05}"))),
            locale: Set("nl".into()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        users::Entity::insert_many(people)
            .exec_without_returning(&app.state.db)
            .await
            .unwrap();
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let rows = |html: &str| html.matches("@demodorp.example</td>").count();

        let (status, html) = split(app.request(get("/beheer", &admin)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert_eq!(rows(&html), 50, "[{b}] one page");
        assert!(
            html.contains("125 account(s)"),
            "[{b}] 120 + the 5 demo people"
        );
        assert!(html.contains("Pagina 1 van 3"), "[{b}]");
        assert!(html.contains("href=\"/beheer?pagina=2#accounts\""), "[{b}]");
        assert!(
            html.contains("Lotte de Leerling"),
            "[{b}] by name: the demo people first"
        );
        assert!(html.contains("<form method=\"get\" action=\"/beheer\" role=\"search\""));

        let (_, html) = split(app.request(get("/beheer?pagina=3", &admin)).await).await;
        assert_eq!(rows(&html), 25, "[{b}] the last page");
        assert!(html.contains("Zz Medewerker 119") && !html.contains("Lotte de Leerling"));
        // Past the end: the last page.
        let (_, html) = split(app.request(get("/beheer?pagina=99", &admin)).await).await;
        assert!(html.contains("Pagina 3 van 3"), "[{b}]");

        // By employee number, by e-mail, by name in any case.
        for (search, expect) in [
            ("P00042", "Zz Medewerker 042"),
            ("medewerker107%40", "Zz Medewerker 107"),
            ("zz%20MEDEWERKER%20011", "Zz Medewerker 011"),
        ] {
            let (_, html) = split(
                app.request(get(&format!("/beheer?zoek={search}"), &admin))
                    .await,
            )
            .await;
            assert_eq!(rows(&html), 1, "[{b}] {search}");
            assert!(html.contains(expect), "[{b}] {search}");
            assert!(html.contains("1 account(s) gevonden voor"), "[{b}]");
        }
        // The search stays on every page; % and _ are plain characters.
        let (_, html) = split(app.request(get("/beheer?zoek=Zz&pagina=2", &admin)).await).await;
        assert!(html.contains("120 account(s) gevonden voor ‘Zz’"), "[{b}]");
        assert!(
            html.contains("href=\"/beheer?zoek=Zz&amp;pagina=3#accounts\""),
            "[{b}]"
        );
        let (_, html) = split(app.request(get("/beheer?zoek=%25", &admin)).await).await;
        assert!(html.contains("0 account(s) gevonden voor ‘%’"), "[{b}]");
        app.cleanup().await;
    }
}
