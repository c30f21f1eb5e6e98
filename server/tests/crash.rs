//! A node that crashes or is stopped loses nothing it acknowledged (issue 17,
//! items 5 and 6), with the real `server` binary:
//!
//! - killed (SIGKILL) while 20 learners send 200 answers at once: every
//!   answer that got its success response is stored, nothing is half-written
//!   (progress, records and report figures agree with the answers), and no
//!   completion record is missing or doubled; on SQLite with one node, and
//!   on PostgreSQL with two nodes of which one is killed;
//! - killed in the middle of an employee import and of a report recount:
//!   all or nothing, and running it again finishes the job;
//! - stopped (SIGTERM) with a request in flight: it takes no new
//!   connections, answers the request, and exits in time.

mod common;

use app::ssr::entities::{completion_records, course_status, question_answers, report_cells};
use common::nodes::{browser, post_form, temp_dir, Node};
use common::TestApp;
use domain::option_tokens::Namer;
use reqwest::header::LOCATION;
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;
const COURSE: &str = "participation-basics";
const LEARNERS: usize = 20;
const SUBMITS_EACH: usize = 10;

/// The backends to run on: SQLite with one node, and PostgreSQL (when it
/// runs here; always under `CI=true`) with two.
async fn databases() -> Vec<(TestApp, usize)> {
    let mut out = vec![(
        TestApp::new("sqlite", common::sqlite_url(), common::content_dir(), None).await,
        1,
    )];
    if let Some((url, name)) = common::postgres_url().await {
        let app = TestApp::with_settings(
            "postgres",
            common::settings(url, common::content_dir()),
            Some((common::postgres_admin_url(), name)),
        )
        .await;
        out.push((app, 2));
    }
    for (app, _) in &out {
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .expect("seed");
    }
    out
}

/// `n` learners who sign in with the demo password: (id, e-mail).
async fn add_learners(view: &TestApp, n: usize) -> Vec<(i32, String)> {
    common::accounts_with_demo_password(view, "crash", "Crash Learner", n)
        .await
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect()
}

/// What the database holds about the learners' answers and what follows
/// from them, checked for agreement; returns the stored answers per
/// (learner, question).
async fn check_consistent(
    view: &TestApp,
    course: &domain::model::Course,
    learners: &[i32],
) -> BTreeMap<(i32, String), usize> {
    let b = view.backend;
    let db = &view.state.db;
    let mut stored: BTreeMap<(i32, String), usize> = BTreeMap::new();
    let mut correct: BTreeMap<(i32, String), bool> = BTreeMap::new();
    for row in question_answers::Entity::find().all(db).await.unwrap() {
        if row.course_id == COURSE && learners.contains(&row.user_id) {
            *stored
                .entry((row.user_id, row.question_id.clone()))
                .or_default() += 1;
            *correct.entry((row.user_id, row.question_id)).or_default() |= row.correct;
        }
    }
    let records = completion_records::Entity::find().all(db).await.unwrap();
    let progress = app::ssr::entities::module_progress::Entity::find()
        .all(db)
        .await
        .unwrap();
    for &learner in learners {
        let done = |q: &domain::model::Question| {
            correct
                .get(&(learner, q.id.clone()))
                .copied()
                .unwrap_or(false)
        };
        for m in &course.modules {
            let complete = m.questions.iter().all(done);
            let recorded = progress.iter().any(|p| {
                p.user_id == learner
                    && p.course_id == COURSE
                    && p.module_id == m.id
                    && p.status == "complete"
            });
            assert_eq!(
                complete, recorded,
                "[{b}] learner {learner}, module {}: answers and progress agree",
                m.id
            );
        }
        let finished = course.modules.iter().all(|m| m.questions.iter().all(done));
        let held = records
            .iter()
            .filter(|r| r.user_id == learner && r.course_id == COURSE)
            .count();
        assert_eq!(
            held,
            usize::from(finished),
            "[{b}] learner {learner}: one record exactly when every answer is in"
        );
    }
    // The report figures kept with every answer equal a recount.
    let upkept = summaries(db).await;
    app::ssr::report_summary::rebuild(&view.state.writer)
        .await
        .unwrap();
    assert_eq!(
        upkept,
        summaries(db).await,
        "[{b}] report figures kept exact"
    );
    // And so do the question analysis's sums.
    common::assert_item_sums_match_a_recount(&view.state.writer, &format!("[{b}] after the crash"))
        .await;
    if b == "sqlite" {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await
            .unwrap()
            .unwrap();
        let verdict: String = row.try_get_by_index(0).unwrap();
        assert_eq!(verdict, "ok", "SQLite's own integrity check");
    }
    stored
}

/// The report summaries as text, without the time they were written.
async fn summaries(db: &DatabaseConnection) -> Vec<String> {
    let mut out: Vec<String> = course_status::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| {
            format!(
                "{} {} {:?} {} {:?} {:?} {:?} {:?} {:?}",
                s.user_id,
                s.course_id,
                s.department_id,
                s.active,
                s.started_at.map(|t| t.timestamp_micros()),
                s.completed_on,
                s.valid_until,
                s.due_on,
                s.next_due_on
            )
        })
        .collect();
    out.extend(
        report_cells::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| {
                format!(
                    "cell {} {} {} {} {} {} {} {}",
                    c.department_id,
                    c.course_id,
                    c.completed,
                    c.expiring,
                    c.expired,
                    c.in_progress,
                    c.overdue,
                    c.required
                )
            }),
    );
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_during_200_answers_loses_none_it_acknowledged() {
    for (view, nodes) in databases().await {
        let b = view.backend;
        let course = view
            .state
            .content
            .current()
            .catalog
            .course(COURSE)
            .expect("the English course")
            .clone();
        let questions: Vec<_> = course
            .modules
            .iter()
            .flat_map(|m| m.questions.iter().map(move |q| (m, q)))
            .collect();
        assert!(
            course.modules.iter().all(|m| !m.questions.is_empty()),
            "every module of the course completes by answering"
        );
        let learners = add_learners(&view, LEARNERS).await;
        let dir = temp_dir("crash");
        let mut running: Vec<Node> = (0..nodes)
            .map(|i| Node::start(&view.database_url, &dir, &format!("node{i}"), &[]))
            .collect();
        let bases: Vec<String> = running.iter().map(Node::url).collect();

        // Every learner signs in on every node's address (one session,
        // one cookie per address in the client's jar).
        let mut clients: Vec<Client> = Vec::new();
        for (_, email) in &learners {
            let (client, _) = browser();
            for base in &bases {
                let pairs = [
                    ("email".to_string(), email.clone()),
                    ("password".to_string(), PASSWORD.to_string()),
                    ("next".to_string(), "/mijn".to_string()),
                ];
                let res = post_form(&client, base, "/api/sign_in", &pairs).await;
                assert_eq!(res.status(), StatusCode::FOUND, "[{b}] {email} signs in");
            }
            clients.push(client);
        }

        // 200 answers at once: each learner answers the course's questions
        // in turn (some twice), spread over the nodes; node 0 is killed
        // once a quarter of them were acknowledged.
        let acknowledged = Arc::new(AtomicUsize::new(0));
        let mut sent = Vec::new();
        let mut tasks = tokio::task::JoinSet::new();
        for (l, (id, _)) in learners.iter().enumerate() {
            let names = Namer::lesson(&view.state.option_key, *id);
            for k in 0..SUBMITS_EACH {
                let (m, q) = questions[k % questions.len()];
                let pairs = common::lesson_answer(COURSE, m, q, &names);
                let base = bases[(l + k) % bases.len()].clone();
                let client = clients[l].clone();
                let expected = format!("/cursussen/{COURSE}/{}#vraag-{}", m.id, q.id);
                let acknowledged = acknowledged.clone();
                sent.push((*id, q.id.clone()));
                let key = (*id, q.id.clone());
                tasks.spawn(async move {
                    let res = client
                        .post(format!("{base}/api/answer"))
                        .header(reqwest::header::ORIGIN, &base)
                        .header(reqwest::header::ACCEPT, "text/html")
                        .header(
                            reqwest::header::CONTENT_TYPE,
                            "application/x-www-form-urlencoded",
                        )
                        .body(common::form_owned(&pairs))
                        .send()
                        .await;
                    let ok = matches!(&res, Ok(r) if r.status() == StatusCode::FOUND
                        && r.headers().get(LOCATION).and_then(|v| v.to_str().ok())
                            == Some(expected.as_str()));
                    if ok {
                        acknowledged.fetch_add(1, Ordering::SeqCst);
                    }
                    (key, ok)
                });
            }
        }
        let start = Instant::now();
        while acknowledged.load(Ordering::SeqCst) < sent.len() / 4 {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "[{b}] the answers were not acknowledged"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        running[0].kill();
        let at_kill = acknowledged.load(Ordering::SeqCst);
        let mut acked: BTreeMap<(i32, String), usize> = BTreeMap::new();
        while let Some(done) = tasks.join_next().await {
            let (key, ok) = done.expect("a submit task");
            if ok {
                *acked.entry(key).or_default() += 1;
            }
        }
        let total_acked: usize = acked.values().sum();
        eprintln!(
            "[{b}] {} answers sent to {nodes} node(s); node 0 killed after {at_kill} \
             acknowledgements; {total_acked} acknowledged in all",
            sent.len()
        );
        assert!(
            total_acked < sent.len(),
            "[{b}] the kill came before every answer was in"
        );

        // After the restart: every acknowledged answer is there, nothing
        // more than was sent, and everything derived agrees.
        running[0] = Node::start(&view.database_url, &dir, "node0-again", &[]);
        let ids: Vec<i32> = learners.iter().map(|(id, _)| *id).collect();
        let stored = check_consistent(&view, &course, &ids).await;
        for (key, n) in &acked {
            let have = stored.get(key).copied().unwrap_or(0);
            assert!(
                have >= *n,
                "[{b}] {key:?}: {n} acknowledged but {have} stored"
            );
        }
        let total_stored: usize = stored.values().sum();
        assert!(total_stored <= sent.len(), "[{b}] nothing invented");
        eprintln!("[{b}] {total_stored} answers stored (acknowledged: {total_acked})");

        // The learners send again what they did not see acknowledged (as
        // a browser does on a retry): then everyone holds one record.
        let base = running[0].url();
        for (l, (id, email)) in learners.iter().enumerate() {
            let pairs = [
                ("email".to_string(), email.clone()),
                ("password".to_string(), PASSWORD.to_string()),
                ("next".to_string(), "/mijn".to_string()),
            ];
            let res = post_form(&clients[l], &base, "/api/sign_in", &pairs).await;
            assert_eq!(res.status(), StatusCode::FOUND);
            let names = Namer::lesson(&view.state.option_key, *id);
            for (m, q) in &questions {
                if stored.contains_key(&(*id, q.id.clone())) {
                    continue;
                }
                let pairs = common::lesson_answer(COURSE, m, q, &names);
                let res = post_form(&clients[l], &base, "/api/answer", &pairs).await;
                assert_eq!(res.status(), StatusCode::FOUND, "[{b}] a retry");
            }
        }
        check_consistent(&view, &course, &ids).await;
        let records = completion_records::Entity::find()
            .all(&view.state.db)
            .await
            .unwrap();
        for id in &ids {
            assert_eq!(
                records.iter().filter(|r| r.user_id == *id).count(),
                1,
                "[{b}] learner {id} holds one record"
            );
        }
        for node in &running {
            assert!(node.panics().is_empty(), "[{b}] {:?}", node.panics());
        }
        drop(running);
        let _ = std::fs::remove_dir_all(&dir);
        view.cleanup().await;
    }
}

/// Run `server <args>` on `database_url`; kill it (SIGKILL) `after` its
/// start or, with a `marker`, after its standard output printed a line
/// containing it. Returns whether the kill came before the command
/// finished by itself.
fn kill_midway(database_url: &str, args: &[&str], marker: Option<&str>, after: Duration) -> bool {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("CONTENT_DIR", common::content_dir())
        .env("RUST_LOG", "off")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary runs");
    let stdout = child.stdout.take().expect("its output");
    let mut lines = std::io::BufReader::new(stdout).lines();
    if let Some(marker) = marker {
        while let Some(Ok(line)) = lines.next() {
            if line.contains(marker) {
                break;
            }
        }
    }
    std::thread::sleep(after);
    let midway = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    midway
}

/// `server <args>` to its end; panics when it fails.
fn run_to_end(database_url: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("CONTENT_DIR", common::content_dir())
        .env("RUST_LOG", "off")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("the server binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "server {args:?} failed: {text}");
    text
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

const EMPLOYEES: usize = 20_000;
const DEPARTMENTS: usize = 40;

fn write_employees(path: &Path) {
    let mut csv = String::from(
        "personeelsnummer;naam;email;afdelingscode;afdeling;bovenliggende_afdelingscode;rol\n",
    );
    for i in 0..EMPLOYEES {
        let d = i % DEPARTMENTS;
        csv.push_str(&format!(
            "{i:06};Medewerker {i:06};medewerker{i:06}@gemeente.example;AF{d:02};Afdeling {d:02};;\n"
        ));
    }
    std::fs::write(path, csv).expect("write the file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_in_an_import_or_a_recount_it_is_all_or_nothing() {
    for (view, _) in databases().await {
        let b = view.backend;
        let db = &view.state.db;
        let url = view.database_url.clone();
        let dir = temp_dir("crash-import");
        let file = dir.join("medewerkers.csv");
        write_employees(&file);
        let file_arg = file.display().to_string();
        let people = "SELECT COUNT(*) FROM users WHERE employee_number IS NOT NULL";
        let audits = "SELECT COUNT(*) FROM audit_log WHERE action = 'employee_import'";
        let imports = ["import-employees", file_arg.as_str(), "--apply"];

        // Killed while it applies: nothing of it is there. The preview
        // lists every new person; the transaction starts after the last.
        let midway = {
            let url = url.clone();
            let file_arg = file_arg.clone();
            let last = format!("medewerker{:06}@gemeente.example", EMPLOYEES - 1);
            tokio::task::spawn_blocking(move || {
                kill_midway(
                    &url,
                    &["import-employees", &file_arg, "--apply"],
                    Some(&last),
                    Duration::from_millis(100),
                )
            })
            .await
            .unwrap()
        };
        let (n, a) = (count(db, people).await, count(db, audits).await);
        eprintln!("[{b}] import killed midway: {midway}; {n} people, {a} import(s) recorded");
        assert!(midway, "[{b}] the kill came before the import finished");
        assert_eq!((n, a), (0, 0), "[{b}] all or nothing: nothing");

        // Run again: it finishes, once.
        run_to_end(&url, &imports);
        assert_eq!(count(db, people).await, EMPLOYEES as i64, "[{b}]");
        assert_eq!(count(db, audits).await, 1, "[{b}]");

        // Figures to recount: everyone started the course, half finished.
        let now = chrono::Utc::now();
        let started = (now - chrono::Duration::days(30)).to_rfc3339();
        let t = |s: &str| match b {
            "postgres" => format!("CAST('{s}' AS TIMESTAMPTZ)"),
            _ => format!("'{s}'"),
        };
        db.execute_unprepared(&format!(
            "INSERT INTO enrollments (user_id, round, course_id, started_at, completed_at) \
             SELECT id, 1, '{COURSE}', {s}, CASE WHEN id % 2 = 0 THEN {s} ELSE NULL END \
             FROM users WHERE employee_number IS NOT NULL",
            s = t(&started)
        ))
        .await
        .unwrap();
        db.execute_unprepared(&format!(
            "INSERT INTO completion_records (user_id, round, course_id, course_version, \
               course_title, score_percent, completed_at, department_id, department_name, \
               expires_at, verification_code) \
             SELECT id, 1, '{COURSE}', '1', 'Participation basics', 100, {s}, department_id, \
               NULL, NULL, 'CRASH' || CAST(id AS TEXT) FROM users \
             WHERE employee_number IS NOT NULL AND id % 2 = 0",
            s = t(&started)
        ))
        .await
        .unwrap();
        app::ssr::report_summary::rebuild(&view.state.writer)
            .await
            .unwrap();
        let before = summaries(db).await;
        assert!(before.len() > EMPLOYEES, "[{b}] a summary per person");

        // How long a full recount takes, then one killed at half of that.
        let begun = Instant::now();
        run_to_end(&url, &["rebuild-reports"]);
        let full = begun.elapsed();
        assert_eq!(
            summaries(db).await,
            before,
            "[{b}] a recount changes nothing"
        );
        let midway = {
            let url = url.clone();
            tokio::task::spawn_blocking(move || {
                kill_midway(&url, &["rebuild-reports"], None, full / 2)
            })
            .await
            .unwrap()
        };
        eprintln!("[{b}] full recount {full:?}; killed at half: {midway}");
        assert!(midway, "[{b}] the kill came before the recount finished");
        assert_eq!(
            summaries(db).await,
            before,
            "[{b}] a killed recount leaves the figures as they were"
        );
        run_to_end(&url, &["rebuild-reports"]);
        assert_eq!(
            summaries(db).await,
            before,
            "[{b}] and the next one finishes"
        );

        let _ = std::fs::remove_dir_all(&dir);
        view.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight_and_takes_no_new_ones() {
    use std::io::{Read, Write};
    let url = common::sqlite_url();
    let view = TestApp::new("sqlite", url.clone(), common::content_dir(), None).await;
    server::commands::seed_demo::seed(&view.state.db)
        .await
        .expect("seed");
    let dir = temp_dir("sigterm");
    let mut node = Node::start(&url, &dir, "node", &[]);
    let port = node.port;

    // A sign-in whose body is still on its way when the signal comes.
    let body = format!("email=leerling%40demodorp.example&password={PASSWORD}&next=%2Fmijn");
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    node.terminate();
    std::thread::sleep(Duration::from_millis(300));

    // No new connections: the listener is closed.
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "a stopping node takes no new connections"
    );
    assert!(
        node.wait_exit(Duration::ZERO).is_none(),
        "it waits for the request in flight"
    );

    // The rest of the body: the request is answered in full.
    stream.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 302"),
        "the request in flight is answered: {answer}"
    );
    assert!(answer.contains("location: /mijn"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "and the connection closed after it: {answer}"
    );
    let status = node
        .wait_exit(Duration::from_secs(5))
        .expect("the node exits once its last request is answered");
    assert!(status.success(), "a clean exit: {status}");
    let log = std::fs::read_to_string(&node.log).unwrap();
    assert!(log.contains("shutting down"), "{log}");
    assert!(node.panics().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
    view.cleanup().await;
}
