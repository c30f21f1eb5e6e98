//! Two nodes on one PostgreSQL database agree at once (issue 17, item 1):
//! a sign-out on one node, a deactivation by another process and a content
//! reload reach the other node through PostgreSQL itself (triggers and
//! `LISTEN`/`NOTIFY`, `app::ssr::cluster`), well within a second, although
//! each node keeps a session cache. PostgreSQL only: SQLite is one process.

mod common;

use axum::http::StatusCode;
use common::{content_dir, form_post, get, settings, sign_in, split, TestApp};
use sea_orm::ConnectionTrait;
use std::time::{Duration, Instant};

/// Poll `check` until it holds, at most `within`; returns how long it took.
async fn within<F, Fut>(within: Duration, mut check: F) -> Option<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < within {
        if check().await {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

async fn signed_in_as(node: &TestApp, cookie: &str, name: &str) -> bool {
    let (status, page) = split(node.request(get("/mijn", cookie)).await).await;
    status == StatusCode::OK && page.contains(name)
}

#[tokio::test]
async fn two_nodes_hear_each_others_sign_outs_deactivations_and_reloads() {
    let Some((url, name)) = common::postgres_url().await else {
        eprintln!("skipped: no PostgreSQL (two nodes need one)");
        return;
    };
    let a = TestApp::with_settings(
        "postgres",
        settings(url.clone(), content_dir()),
        Some((common::postgres_admin_url(), name)),
    )
    .await;
    let b = TestApp::with_settings("postgres", settings(url.clone(), content_dir()), None).await;
    server::commands::seed_demo::seed(&a.state.db)
        .await
        .unwrap();
    for node in [&a, &b] {
        app::ssr::cluster::spawn_listener(node.state.clone());
    }
    assert!(
        within(Duration::from_secs(5), || async {
            a.state.sessions.is_trusted() && b.state.sessions.is_trusted()
        })
        .await
        .is_some(),
        "both nodes listen"
    );

    // A learner signs in on A; B knows them (and caches the session).
    let learner = sign_in(&a, "leerling@demodorp.example").await;
    assert!(signed_in_as(&b, &learner, "Lotte de Leerling").await);
    assert!(
        signed_in_as(&b, &learner, "Lotte de Leerling").await,
        "from B's cache"
    );
    // Signing out on A holds on B at once.
    a.request(form_post(
        "/api/sign_out",
        String::new(),
        Some(&learner),
        "http://localhost/mijn",
    ))
    .await;
    let took = within(Duration::from_secs(1), || async {
        !signed_in_as(&b, &learner, "Lotte de Leerling").await
    })
    .await
    .expect("the sign-out on A holds on B within a second");
    eprintln!("sign-out reached the other node in {took:?}");

    // Another process (an HR import, psql) deactivates a signed-in person.
    let trainer = sign_in(&b, "trainer@demodorp.example").await;
    assert!(signed_in_as(&a, &trainer, "Tim Trainer").await);
    let other = sea_orm::Database::connect(url.clone()).await.unwrap();
    other
        .execute_unprepared(
            "UPDATE users SET active = FALSE WHERE email = 'trainer@demodorp.example'",
        )
        .await
        .unwrap();
    let took = within(Duration::from_secs(1), || async {
        !signed_in_as(&a, &trainer, "Tim Trainer").await
    })
    .await
    .expect("the deactivation holds on both nodes within a second");
    assert!(!signed_in_as(&b, &trainer, "Tim Trainer").await);
    eprintln!("deactivation reached the nodes in {took:?}");

    // A content reload on A (the admin page's button) reaches B.
    let before = b.state.content.current().loaded_at;
    let admin = sign_in(&a, "beheerder@demodorp.example").await;
    let res = a
        .request(form_post(
            "/api/admin_reload",
            String::new(),
            Some(&admin),
            "http://localhost/beheer",
        ))
        .await;
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
    assert!(
        within(Duration::from_secs(5), || async {
            b.state.content.current().loaded_at != before
        })
        .await
        .is_some(),
        "B reloaded its content too"
    );
    let _ = other.close().await;
    b.state.db.clone().close().await.ok();
    a.cleanup().await;
}
