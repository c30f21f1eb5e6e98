//! Administration through the router: reloading content (a broken edit keeps
//! the last good content live and shows its errors to admins), and access.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{apps_with_content, get, sign_in, split};
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

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
    let dir = std::env::temp_dir().join(format!("lp-admin-content-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&common::content_dir(), &dir);
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
