//! Two real server processes on one PostgreSQL database behind a real load
//! balancer (nginx, round robin), as an operator runs them (issue 17,
//! item 2): a learner's requests alternate between the nodes through the
//! whole journey; signing out on one node holds on the other; a course is
//! completed exactly once, also when its last answer reaches both nodes at
//! the same moment; both nodes report the same figures; no node logs a
//! panic. Needs PostgreSQL and nginx (both must be there under `CI=true`).

mod common;

use common::nodes::{browser, nginx_binary, post_form, temp_dir, LoadBalancer, Node};
use common::TestApp;
use domain::model::{Module, Question};
use domain::option_tokens::Namer;
use reqwest::cookie::CookieStore;
use reqwest::header::{HeaderMap, LOCATION, ORIGIN};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

const PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;
const COURSE: &str = "participation-basics";

/// Which node answered (nginx's `X-Upstream`: `127.0.0.1:port`).
fn upstream(headers: &HeaderMap) -> String {
    headers
        .get("x-upstream")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// What the learner saw, request by request: the node that answered.
#[derive(Default)]
struct Trail(Vec<String>);

impl Trail {
    fn saw(&mut self, res: &reqwest::Response) {
        self.0.push(upstream(res.headers()));
    }
}

async fn sign_in(client: &Client, base: &str, email: &str, trail: &mut Trail) {
    let pairs = [
        ("email".to_string(), email.to_string()),
        ("password".to_string(), PASSWORD.to_string()),
        ("next".to_string(), "/mijn".to_string()),
    ];
    let res = post_form(client, base, "/api/sign_in", &pairs).await;
    trail.saw(&res);
    assert_eq!(res.status(), StatusCode::FOUND, "{email} signs in");
    assert_eq!(res.headers()[LOCATION], "/mijn");
}

async fn answer(
    client: &Client,
    base: &str,
    m: &Module,
    q: &Question,
    names: &Namer<'_>,
) -> reqwest::Response {
    post_form(
        client,
        base,
        "/api/answer",
        &common::lesson_answer(COURSE, m, q, names),
    )
    .await
}

async fn records_of(db: &sea_orm::DatabaseConnection, user_id: i32) -> usize {
    app::ssr::entities::completion_records::Entity::find()
        .filter(app::ssr::entities::completion_records::Column::UserId.eq(user_id))
        .filter(app::ssr::entities::completion_records::Column::CourseId.eq(COURSE))
        .all(db)
        .await
        .expect("records")
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journey_through_a_load_balancer_alternates_nodes_and_they_agree() {
    let Some(nginx) = nginx_binary() else { return };
    let Some((url, name)) = common::postgres_url().await else {
        eprintln!("skipped: no PostgreSQL (two nodes need one)");
        return;
    };
    // The database, migrated and seeded; this handle is the test's own view
    // of it (content model, answer-option key, the stored rows).
    let view = TestApp::with_settings(
        "postgres",
        common::settings(url.clone(), common::content_dir()),
        Some((common::postgres_admin_url(), name)),
    )
    .await;
    server::commands::seed_demo::seed(&view.state.db)
        .await
        .expect("seed");
    let course = view
        .state
        .content
        .current()
        .catalog
        .course(COURSE)
        .expect("the English course")
        .clone();

    let dir = temp_dir("multinode");
    let a = Node::start(&url, &dir, "a", &[]);
    let b = Node::start(&url, &dir, "b", &[]);
    let lb = LoadBalancer::start(&nginx, &[a.port, b.port]);
    let base = lb.url();

    // The learner's journey, every request through the load balancer.
    let (learner, learner_jar) = browser();
    let mut trail = Trail::default();
    let res = learner
        .get(format!("{base}/inloggen"))
        .send()
        .await
        .unwrap();
    trail.saw(&res);
    assert_eq!(res.status(), StatusCode::OK);
    sign_in(&learner, &base, "leerling@demodorp.example", &mut trail).await;
    let lotte = common::account(&view, "leerling@demodorp.example").await;
    let names = Namer::lesson(&view.state.option_key, lotte.id);
    for page in ["/".to_string(), format!("/cursussen/{COURSE}")] {
        let res = learner.get(format!("{base}{page}")).send().await.unwrap();
        trail.saw(&res);
        assert_eq!(res.status(), StatusCode::OK, "{page}");
    }
    for m in &course.modules {
        let res = learner
            .get(format!("{base}/cursussen/{COURSE}/{}", m.id))
            .send()
            .await
            .unwrap();
        trail.saw(&res);
        assert_eq!(res.status(), StatusCode::OK, "module {}", m.id);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Lotte de Leerling"),
            "signed in on every node"
        );
        for q in &m.questions {
            let res = answer(&learner, &base, m, q, &names).await;
            trail.saw(&res);
            assert_eq!(res.status(), StatusCode::FOUND, "answer {}", q.id);
            assert_eq!(
                res.headers()[LOCATION],
                format!("/cursussen/{COURSE}/{}#vraag-{}", m.id, q.id).as_str()
            );
        }
    }
    let res = learner.get(format!("{base}/mijn")).send().await.unwrap();
    trail.saw(&res);
    assert_eq!(res.status(), StatusCode::OK);

    // The requests alternated between the two nodes, one by one.
    let nodes = [
        format!("127.0.0.1:{}", a.port),
        format!("127.0.0.1:{}", b.port),
    ];
    assert!(
        trail.0.len() >= 10,
        "a real journey: {} requests",
        trail.0.len()
    );
    for (i, pair) in trail.0.windows(2).enumerate() {
        assert!(
            nodes.contains(&pair[0]) && nodes.contains(&pair[1]) && pair[0] != pair[1],
            "request {i} and {} went to {} and {}",
            i + 1,
            pair[0],
            pair[1]
        );
    }
    assert_eq!(
        records_of(&view.state.db, lotte.id).await,
        1,
        "the journey completed the course once"
    );

    // A second learner's last answer reaches both nodes at the same moment,
    // twice each: one completion record.
    let (tim, _) = browser();
    let mut ignored = Trail::default();
    sign_in(&tim, &base, "trainer@demodorp.example", &mut ignored).await;
    let tim_id = common::account(&view, "trainer@demodorp.example").await.id;
    let tim_names = Namer::lesson(&view.state.option_key, tim_id);
    let all: Vec<(&Module, &Question)> = course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter().map(move |q| (m, q)))
        .collect();
    let (last, rest) = all.split_last().expect("questions");
    for (m, q) in rest {
        let res = answer(&tim, &base, m, q, &tim_names).await;
        assert_eq!(res.status(), StatusCode::FOUND);
    }
    assert_eq!(records_of(&view.state.db, tim_id).await, 0);
    let (m, q) = *last;
    let (on_a, on_b) = (a.url(), b.url());
    let (r1, r2, r3, r4) = tokio::join!(
        answer(&tim, &on_a, m, q, &tim_names),
        answer(&tim, &on_b, m, q, &tim_names),
        answer(&tim, &on_a, m, q, &tim_names),
        answer(&tim, &on_b, m, q, &tim_names),
    );
    for r in [r1, r2, r3, r4] {
        assert_eq!(
            r.status(),
            StatusCode::FOUND,
            "every submit is acknowledged"
        );
    }
    assert_eq!(
        records_of(&view.state.db, tim_id).await,
        1,
        "one record, whichever node finished it"
    );

    // HR sees the same figures on both nodes.
    let (hr, _) = browser();
    sign_in(&hr, &base, "hr@demodorp.example", &mut ignored).await;
    let mut reports = Vec::new();
    for node in [&a, &b] {
        let res = hr
            .get(format!(
                "{}/rapportage/export/overzicht.csv?cursus={COURSE}",
                node.url()
            ))
            .header(ORIGIN, node.url())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        reports.push(res.text().await.unwrap());
    }
    assert_eq!(reports[0], reports[1], "both nodes report the same");
    // Column 4 ("Afgerond") counts the two completions somewhere.
    let completed: Vec<u32> = reports[0]
        .lines()
        .skip(1)
        .filter_map(|l| l.split(';').nth(3)?.trim_matches('"').parse().ok())
        .collect();
    assert!(
        completed.iter().any(|&n| n >= 1),
        "the report counts the completions: {}",
        reports[0]
    );

    // Signing out on one node: the learner's browser forgets the session,
    // and the session itself is gone on the other node too (a copied
    // cookie no longer works there within a second).
    let cookie = learner_jar
        .cookies(&base.parse().expect("a URL"))
        .and_then(|v| v.to_str().ok().map(str::to_string))
        .expect("the session cookie");
    let res = post_form(&learner, &base, "/api/sign_out", &[]).await;
    assert!(
        res.status().is_redirection(),
        "sign-out answers {}",
        res.status()
    );
    let signed_out_on = upstream(res.headers());
    for _ in 0..2 {
        let res = learner.get(format!("{base}/mijn")).send().await.unwrap();
        let node = upstream(res.headers());
        assert!(
            !shows_lotte(res).await,
            "after sign-out on {signed_out_on}, {node} still served Lotte's page"
        );
    }
    let other = if signed_out_on.ends_with(&a.port.to_string()) {
        &b
    } else {
        &a
    };
    let replay = Client::builder().redirect(Policy::none()).build().unwrap();
    let start = std::time::Instant::now();
    loop {
        let res = replay
            .get(format!("{}/mijn", other.url()))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        if !shows_lotte(res).await {
            eprintln!(
                "the copied cookie stopped working on the other node after {:?}",
                start.elapsed()
            );
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1),
            "the session still works on the other node a second after sign-out"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    // What the person on call sees: every node's own /metrics, in a format
    // Prometheus' own checker accepts, counting this journey; not through
    // the load balancer.
    if let Some(promtool) = common::nodes::promtool() {
        for node in [&a, &b] {
            let res = reqwest::get(format!("{}/metrics", node.url()))
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            let text = res.text().await.unwrap();
            if let Err(e) = common::nodes::check_metrics(&promtool, &text) {
                panic!("promtool refuses node {}'s metrics: {e}\n{text}", node.port);
            }
            for expected in [
                "leerplatform_http_requests_total{method=\"POST\",route=\"/api/answer\",status=\"302\"} ",
                "leerplatform_http_request_duration_seconds_bucket{route=\"/cursussen/{course}/{module}\",le=\"+Inf\"} ",
                "leerplatform_db_pool_connections{pool=\"shared\",state=\"idle\"} ",
                "leerplatform_content_course_info{course=\"participation-basics\",version=",
                "leerplatform_content_loads_total{outcome=\"ok\"} 1",
                "leerplatform_sessions_active ",
                "leerplatform_process_resident_memory_bytes ",
            ] {
                assert!(text.contains(expected), "node {} lacks {expected}:\n{text}", node.port);
            }
        }
    }
    let res = learner.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "no metrics through the load balancer"
    );

    // A request id: kept from the load balancer when plain, returned, and in
    // the answering node's log with what happened.
    let (stranger, _) = browser();
    let res = stranger
        .post(format!("{base}/api/sign_in"))
        .header(ORIGIN, &base)
        .header("x-request-id", "lb-test-request-0001")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body("email=leerling%40demodorp.example&password=fout&next=%2Fmijn")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "lb-test-request-0001");
    let answered_by = upstream(res.headers());
    let node = if answered_by.ends_with(&a.port.to_string()) {
        &a
    } else {
        &b
    };
    let log = std::fs::read_to_string(&node.log).unwrap();
    assert!(
        log.lines()
            .any(|l| l.contains("sign-in refused") && l.contains("lb-test-request-0001")),
        "the refusal is logged with its request id:\n{log}"
    );
    let res = stranger
        .get(format!("{base}/inloggen"))
        .send()
        .await
        .unwrap();
    let own = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(own.len(), 16, "a fresh id: {own}");

    for node in [&a, &b] {
        let panics = node.panics();
        assert!(panics.is_empty(), "node {} panicked: {panics:?}", node.port);
    }
    drop(lb);
    drop(a);
    drop(b);
    let _ = std::fs::remove_dir_all(&dir);
    view.cleanup().await;
}

/// The response is Lotte's own page (she is signed in).
async fn shows_lotte(res: reqwest::Response) -> bool {
    res.status() == StatusCode::OK
        && res
            .text()
            .await
            .unwrap_or_default()
            .contains("Lotte de Leerling")
}

/// Nodes of a new version starting at the same moment on one database
/// migrate one after the other (an advisory lock), and none fails on a
/// table another one just made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_starting_at_once_migrate_once() {
    let Some((url, name)) = common::postgres_url().await else {
        eprintln!("skipped: no PostgreSQL");
        return;
    };
    let migrate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("migrate")
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "off")
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the server binary runs")
    };
    let started: Vec<_> = (0..3).map(|_| migrate()).collect();
    for child in started {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a node's migration failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let db = sea_orm::Database::connect(url.clone()).await.unwrap();
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    let applied: i64 = row.try_get("", "n").unwrap();
    assert_eq!(
        applied as usize,
        <migrations::Migrator as migrations::MigratorTrait>::migrations().len(),
        "every migration once"
    );
    let _ = db.close().await;
    if let Ok(admin) = sea_orm::Database::connect(common::postgres_admin_url()).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}
