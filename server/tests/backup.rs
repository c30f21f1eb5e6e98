//! `server backup` while the platform serves and writes, and `server
//! restore` into a fresh database: every record is found back (issue 17,
//! item 6). The real binary, as an operator runs it; SQLite (VACUUM INTO)
//! and PostgreSQL (pg_dump / pg_restore).

mod common;

use app::ssr::entities::{completion_records, question_answers, users};
use common::{correct_fields, form_owned, learner_id, tokenized, TestApp};
use domain::option_tokens::Namer;
use sea_orm::{EntityTrait, PaginatorTrait};
use std::path::Path;
use std::process::{Command, Output};

const COURSE: &str = "participation-basics";

fn server(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_LOG", "off")
        .output()
        .expect("the server binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Complete the English course as `email` through the router.
async fn complete(app: &TestApp, email: &str) {
    let cookie = common::sign_in(app, email).await;
    let names = Namer::lesson(&app.state.option_key, learner_id(app, &cookie).await);
    let course = app
        .state
        .content
        .current()
        .catalog
        .course(COURSE)
        .unwrap()
        .clone();
    for m in &course.modules {
        for q in &m.questions {
            let mut pairs = vec![
                ("course_id".to_string(), COURSE.to_string()),
                ("module_id".to_string(), m.id.clone()),
                ("question_id".to_string(), q.id.clone()),
            ];
            pairs.extend(tokenized(q, correct_fields(q), &names));
            let res = app
                .request(common::form_post(
                    "/api/answer",
                    form_owned(&pairs),
                    Some(&cookie),
                    &format!("http://localhost/cursussen/{COURSE}/{}", m.id),
                ))
                .await;
            assert_eq!(res.status(), axum::http::StatusCode::FOUND);
        }
    }
}

/// The verification codes, the answers and the accounts a database holds.
async fn fingerprint(db: &sea_orm::DatabaseConnection) -> (Vec<String>, u64, u64) {
    let mut codes: Vec<String> = completion_records::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {} {}", r.user_id, r.course_id, r.verification_code))
        .collect();
    codes.sort();
    let answers = question_answers::Entity::find().count(db).await.unwrap();
    let people = users::Entity::find().count(db).await.unwrap();
    (codes, answers, people)
}

/// Back up `from` (while a learner keeps answering), restore into `into`
/// (fresh), and compare.
async fn round_trip(app: &TestApp, into: &str, file: &Path) {
    let b = app.backend;
    complete(app, "leerling@demodorp.example").await;
    let before = fingerprint(&app.state.db).await;
    assert_eq!(before.0.len(), 1, "[{b}] one record to find back");

    // While the backup runs, another learner keeps writing.
    let busy = {
        let app_url = app.database_url.clone();
        let file = file.to_path_buf();
        tokio::task::spawn_blocking(move || server(&app_url, &["backup", file.to_str().unwrap()]))
    };
    complete(app, "trainer@demodorp.example").await;
    let out = busy.await.unwrap();
    assert!(out.status.success(), "[{b}] backup: {}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("reservekopie geschreven naar"),
        "[{b}] {said}"
    );

    // A second backup to the same file is refused; nothing is overwritten.
    let again = server(&app.database_url, &["backup", file.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("bestaat al"),
        "{}",
        text(&again.stderr)
    );

    let out = server(into, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "[{b}] restore: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("teruggezet:"),
        "{}",
        text(&out.stdout)
    );
    let restored = sea_orm::Database::connect(into.to_string()).await.unwrap();
    let after = fingerprint(&restored).await;
    for code in &before.0 {
        assert!(after.0.contains(code), "[{b}] record {code} restored");
    }
    assert!(
        after.1 >= before.1,
        "[{b}] every answer: {} of {}",
        after.1,
        before.1
    );
    assert_eq!(after.2, before.2, "[{b}] every account");
    // The copy is one moment: a record and its answers, or neither.
    let trainer_records = after.0.len() - before.0.len();
    assert!(trainer_records <= 1, "[{b}] at most the trainer's record");

    // A restore never goes over data.
    let out = server(into, &["restore", file.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "[{b}] restoring over data is refused"
    );
    assert!(
        text(&out.stderr).contains("bevat al gegevens"),
        "[{b}] {}",
        text(&out.stderr)
    );
    let _ = restored.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_while_serving_restores_every_record() {
    let dir = common::nodes::temp_dir("backup");
    let url = format!("sqlite://{}/live.db", dir.display());
    let app = TestApp::new("sqlite", url, common::content_dir(), None).await;
    server::commands::seed_demo::seed(&app.state.db)
        .await
        .unwrap();
    let fresh = format!("sqlite://{}/restored/leerplatform.db", dir.display());
    round_trip(&app, &fresh, &dir.join("kopie.db")).await;

    // Not a backup: refused with a reason, nothing created.
    std::fs::write(dir.join("rommel.db"), "geen database").unwrap();
    let other = format!("sqlite://{}/elders.db", dir.display());
    let out = server(
        &other,
        &["restore", dir.join("rommel.db").to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("geen reservekopie"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("elders.db").exists());
    app.cleanup().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_while_serving_restores_every_record() {
    let Some((url, name)) = common::postgres_url().await else {
        return;
    };
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("pg_dump") || !has("pg_restore") {
        let why =
            "the PostgreSQL backup test needs pg_dump and pg_restore (Debian: postgresql-client)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {why}");
        }
        eprintln!("skipped: {why}");
        return;
    }
    let app = TestApp::new(
        "postgres",
        url,
        common::content_dir(),
        Some((common::postgres_admin_url(), name)),
    )
    .await;
    server::commands::seed_demo::seed(&app.state.db)
        .await
        .unwrap();
    let (fresh, fresh_name) = common::postgres_url().await.expect("PostgreSQL");
    let dir = common::nodes::temp_dir("backup-pg");
    round_trip(&app, &fresh, &dir.join("kopie.dump")).await;
    // A pg_dump archive is no SQLite backup, and the other way round.
    let sqlite = format!("sqlite://{}/x.db", dir.display());
    let out = server(
        &sqlite,
        &["restore", dir.join("kopie.dump").to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("geen reservekopie voor deze database"));
    app.cleanup().await;
    if let Ok(conn) = sea_orm::Database::connect(common::postgres_admin_url()).await {
        use sea_orm::ConnectionTrait;
        let _ = conn
            .execute_unprepared(&format!(
                "DROP DATABASE IF EXISTS {fresh_name} WITH (FORCE)"
            ))
            .await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
