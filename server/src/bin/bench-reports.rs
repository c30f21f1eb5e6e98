//! Benchmark of the HR reports on a municipality of real size:
//! 50,000 employees in about 300 departments, 30 courses, every employee
//! with a status in every course (1.5 M rows), ~900 k completion records,
//! and 10 mandatory courses for everyone.
//!
//! It measures what HR waits for: the matrix page (`/rapportage`) and the
//! overdue list (`/rapportage/te-laat`), rendered through the real router
//! as a signed-in HR user, plus the once-a-day recount of every cell; and
//! what an admin waits for: the accounts list on `/beheer` (a page of 50,
//! and a search by name over all 50,000); and what a trainer waits for: the
//! item statistics of a course (`/trainer/cursus-01`) over the answers of
//! 30,000 learners (4 lesson questions at the first try, 1 or 2 exam
//! attempts of 12 questions drawn from 20: about 700,000 answers).
//!
//! ```text
//! cargo run --release -p server --bin bench-reports                       # SQLite in a temp dir
//! BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/lp_bench cargo run --release -p server --bin bench-reports
//! ```
//! `./platform bench` runs both. The database must be empty (a fresh one).
//! With `BENCH_KEEP=1` the temporary folder (content, SQLite database) is
//! kept for a closer look.

use anyhow::{bail, Context};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use server::config::{LogFormat, Settings};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const EMPLOYEES: usize = 50_000;
const COURSES: usize = 30;
const MANDATORY: usize = 10;
const RUNS: usize = 20;
/// Exam questions of cursus-01 (12 drawn per attempt).
const EXAM_QUESTIONS: usize = 20;
const EXAM_DRAW: usize = 12;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let work =
        std::env::temp_dir().join(format!("leerplatform-bench-reports-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let content = work.join("content");
    write_courses(&content)?;
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", work.display()));
    let settings = Settings {
        database_url: database_url.clone(),
        content_dir: content,
        site_addr: None,
        site_root: None,
        watch_content: false,
        secure_cookies: server::config::CookieSecurity::Auto,
        trusted_proxies: String::new(),
        metrics_from: String::new(),
        log_format: LogFormat::Pretty,
        database_max_connections: 8,
        session_cache_seconds: 30,
        retention_inactive_months: 0,
        public_url: None,
        sso: Default::default(),
        mail: Default::default(),
    };
    let state = server::commands::build_state(&settings).await?;
    let backend = if database_url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("database: {backend}");

    let started = Instant::now();
    let departments = generate(&state.writer).await?;
    println!(
        "generated {EMPLOYEES} employees, {departments} departments, {COURSES} courses in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let answers = {
        let index = state.content.current();
        let course = index
            .catalog
            .course("cursus-01")
            .context("cursus-01 is not in the catalog")?;
        generate_answers(&state.writer, course).await?
    };
    println!(
        "generated {answers} answers to cursus-01 in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Stored here in bulk, not by the app: count what the app keeps with
    // each answer (what migrations 11 and 12 do to an existing database).
    let t = Instant::now();
    app::item_stats::upkeep::rebuild(&state.writer).await?;
    println!(
        "question analysis sums counted from all answers (once, as migrations 11 and 12 do): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let hr = app::ssr::accounts::create_demo_user(
        &state.writer,
        app::ssr::accounts::NewUser {
            email: "hr-bench@gemeente.example",
            display_name: "HR Bench",
            password: "bench-wachtwoord",
            department_id: None,
            roles: &[app::auth::Role::Hr],
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let _ = hr;
    app::ssr::accounts::create_demo_user(
        &state.writer,
        app::ssr::accounts::NewUser {
            email: "admin-bench@gemeente.example",
            display_name: "Admin Bench",
            password: "bench-wachtwoord",
            department_id: None,
            roles: &[app::auth::Role::Admin],
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;

    // The nightly recount of every cell (what a date change costs, once).
    let t = Instant::now();
    app::ssr::report_summary::recount_all(&state.writer).await?;
    println!(
        "recount of all cells (once a day): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let router = server::router::app(state.clone());
    let hr_cookie = sign_in(&router, "hr-bench@gemeente.example").await?;
    let admin_cookie = sign_in(&router, "admin-bench@gemeente.example").await?;
    // Each response must be the page itself (200 and its own text), never a
    // sign-in prompt or an error page.
    for (name, uri, cookie) in [
        ("matrix, all courses", "/rapportage", &hr_cookie),
        (
            "matrix, one course",
            "/rapportage?cursus=cursus-01",
            &hr_cookie,
        ),
        (
            "overdue list, first page",
            "/rapportage/te-laat",
            &hr_cookie,
        ),
        (
            "overdue list, one course",
            "/rapportage/te-laat?cursus=cursus-02",
            &hr_cookie,
        ),
        ("admin accounts, first page", "/beheer", &admin_cookie),
        (
            "admin accounts, page 500",
            "/beheer?pagina=500",
            &admin_cookie,
        ),
        (
            "admin accounts, search",
            "/beheer?zoek=medewerker%2012",
            &admin_cookie,
        ),
        (
            "item statistics, course",
            "/trainer/cursus-01",
            &admin_cookie,
        ),
        (
            "item statistics, all versions",
            "/trainer/cursus-01?versie=alle",
            &admin_cookie,
        ),
        (
            "item statistics, directie",
            "/trainer/cursus-01?afdeling=1001",
            &admin_cookie,
        ),
        (
            "item statistics, period",
            "/trainer/cursus-01?van=2026-01-01&tot=2026-06-30",
            &admin_cookie,
        ),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        let mut bytes = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let res = router
                .clone()
                .oneshot(
                    Request::get(uri)
                        .header(header::COOKIE, cookie)
                        .body(Body::empty())?,
                )
                .await?;
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX).await?;
            times.push(t.elapsed());
            let own_text = if uri.starts_with("/beheer") {
                "account(s)"
            } else if uri.starts_with("/trainer") {
                "<h1>Vraaganalyse: Cursus 01</h1>"
            } else {
                "<table"
            };
            let text = String::from_utf8_lossy(&body);
            // The question analysis must show figures, not "too few people":
            // question t07's key is wrong in the generated answers.
            let figures = !uri.starts_with("/trainer") || text.contains("Negatief onderscheidend");
            if status != StatusCode::OK || !text.contains(own_text) || !figures {
                bail!("{uri}: {status}: {}", String::from_utf8_lossy(&body));
            }
            bytes = body.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<30} median {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms  ({} KB)",
            ms(times[RUNS / 2]),
            ms(times[RUNS * 95 / 100]),
            ms(times[RUNS - 1]),
            bytes / 1024
        );
    }
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("kept: {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(())
}

/// 30 minimal courses, one module each.
fn write_courses(root: &Path) -> anyhow::Result<()> {
    for c in 1..=COURSES {
        let dir: PathBuf = root.join(format!("courses/cursus-{c:02}"));
        std::fs::create_dir_all(&dir)?;
        let validity = if c % 3 == 0 {
            "valid_for_months: 24\n"
        } else {
            ""
        };
        std::fs::write(
            dir.join("course.md"),
            format!("---\ntitle: Cursus {c:02}\nsummary: Benchmarkcursus {c}.\n{validity}---\nWelkom.\n"),
        )?;
        std::fs::write(
            dir.join("01-les.md"),
            "---\ntitle: Les\nduration: 5\nobjectives:\n  - Je kunt iets uitleggen\n---\nTekst van de les.\n",
        )?;
        if c == 1 {
            write_questions(&dir)?;
        }
    }
    Ok(())
}

/// Cursus 01's questions: a lesson with four (one of each typed kind) and
/// an exam that draws 12 of 20 single-choice questions.
fn write_questions(dir: &Path) -> anyhow::Result<()> {
    std::fs::write(
        dir.join("02-vragen.md"),
        "---\ntitle: Vragen\nduration: 5\n---\nTekst.\n\n\
         ::: question id=een\nWelke?\n\n- [x] Deze\n- [ ] Die\n- [ ] Geen\n:::\n\n\
         ::: question id=meer\nWelke allemaal?\n\n- [x] A\n- [x] B\n- [ ] C\n- [ ] D\n:::\n\n\
         ::: question id=jaar type=numeric\nWelk jaar?\n\n- = 2024\n:::\n\n\
         ::: question id=woord\nWelk woord?\n\n- = participatie\n:::\n",
    )?;
    let mut exam = format!(
        "---\ntitle: Toets\nduration: 10\nkind: exam\ndraw: {EXAM_DRAW}\nattempts: 3\n---\nDe toets.\n"
    );
    for q in 1..=EXAM_QUESTIONS {
        let _ = write!(
            exam,
            "\n::: question id=t{q:02}\nToetsvraag {q}?\n\n- [x] Goed\n- [ ] Fout\n- [ ] Ook fout\n- [ ] Weer fout\n:::\n"
        );
    }
    std::fs::write(dir.join("03-toets.md"), exam)?;
    Ok(())
}

/// Answers to cursus-01 for 60 % of the employees, as the platform stores
/// them: the lesson's four questions at the first try and one or two
/// handed-in exam attempts of 12 questions drawn from 20. Each learner has
/// an ability and each question a difficulty, so the figures vary as real
/// ones do. Returns the number of answers.
async fn generate_answers(
    db: &DatabaseConnection,
    course: &domain::model::Course,
) -> anyhow::Result<usize> {
    let lesson = course.module("vragen").context("no lesson vragen")?;
    let exam = course.module("toets").context("no exam toets")?;
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    // Flushed together, attempts first: answers name them.
    let mut answers = Batch::with_limit(
        db,
        "INSERT INTO question_answers (user_id, round, course_id, module_id, question_id, attempt_id, response, fraction, correct, first_try, content_hash, answered_at)",
        usize::MAX,
    );
    let mut attempts = Batch::with_limit(
        db,
        "INSERT INTO exam_attempts (id, user_id, round, course_id, module_id, number, content_hash, shown, started_at, submitted_at, score_percent, passed)",
        usize::MAX,
    );
    let mut count = 0;
    let mut attempt_id = 0;
    let roll = |rng: &mut Rng, ability: u64, difficulty: u64| rng.below(100) + ability > difficulty;
    for u in 1..=EMPLOYEES {
        if u % 10 >= 6 {
            continue;
        }
        let uid = 10_000 + u;
        let ability = rng.below(60);
        let day = -(rng.below(360) as i64);
        let at = timestamp(day);
        let lh = &lesson.content_hash;
        let value = |right: bool, good: &str, bad: &str| {
            if right {
                good.to_string()
            } else {
                bad.to_string()
            }
        };
        let lesson_answers = [
            (
                "een",
                30,
                r#"{"type":"choice","value":[0]}"#,
                r#"{"type":"choice","value":[2]}"#,
            ),
            (
                "meer",
                70,
                r#"{"type":"choice","value":[0,1]}"#,
                r#"{"type":"choice","value":[0,2]}"#,
            ),
            (
                "jaar",
                60,
                r#"{"type":"numeric","value":"2024"}"#,
                r#"{"type":"numeric","value":"2020"}"#,
            ),
            (
                "woord",
                90,
                r#"{"type":"text","value":"participatie"}"#,
                r#"{"type":"text","value":"inspraak"}"#,
            ),
        ];
        for (q, difficulty, good, bad) in lesson_answers {
            let right = roll(&mut rng, ability, difficulty);
            answers
                .push(format!(
                    "({uid}, 1, 'cursus-01', 'vragen', '{q}', NULL, '{}', {}, {}, TRUE, '{lh}', '{at}')",
                    value(right, good, bad),
                    if right { "1.0" } else { "0.0" },
                    if right { "TRUE" } else { "FALSE" },
                ))
                .await?;
            count += 1;
        }
        let tries = 1 + rng.below(2);
        for number in 1..=tries {
            attempt_id += 1;
            let mut drawn: Vec<usize> = (1..=EXAM_QUESTIONS).collect();
            for i in 0..EXAM_DRAW {
                let j = i + rng.below((EXAM_QUESTIONS - i) as u64) as usize;
                drawn.swap(i, j);
            }
            let mut score = 0;
            for &q in &drawn[..EXAM_DRAW] {
                // Question 7's key is wrong: the able pick what it calls wrong.
                let right = if q == 7 {
                    rng.below(100) > 40 + ability
                } else {
                    roll(&mut rng, ability, 20 + 3 * q as u64)
                };
                score += usize::from(right);
                answers
                    .push(format!(
                        "({uid}, 1, 'cursus-01', 'toets', 't{q:02}', {attempt_id}, '{{\"type\":\"choice\",\"value\":[{}]}}', {}, {}, FALSE, '{}', '{at}')",
                        if right { 0 } else { 1 + rng.below(3) },
                        if right { "1.0" } else { "0.0" },
                        if right { "TRUE" } else { "FALSE" },
                        exam.content_hash,
                    ))
                    .await?;
                count += 1;
            }
            let percent = score as f64 * 100.0 / EXAM_DRAW as f64;
            attempts
                .push(format!(
                    "({attempt_id}, {uid}, 1, 'cursus-01', 'toets', {number}, '{}', '{{}}', '{at}', '{at}', {percent}, {})",
                    exam.content_hash,
                    if percent >= 70.0 { "TRUE" } else { "FALSE" },
                ))
                .await?;
        }
        if answers.rows.len() >= 1000 {
            attempts.flush().await?;
            answers.flush().await?;
        }
    }
    attempts.flush().await?;
    answers.flush().await?;
    exec(db, "ANALYZE").await?;
    Ok(count)
}

/// A small deterministic generator (xorshift), so every run has the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

async fn exec(db: &DatabaseConnection, sql: &str) -> anyhow::Result<()> {
    db.execute_unprepared(sql)
        .await
        .with_context(|| format!("{}…", &sql[..sql.len().min(120)]))?;
    Ok(())
}

/// Insert rows in batches of multi-row VALUES.
struct Batch<'a> {
    db: &'a DatabaseConnection,
    head: String,
    rows: Vec<String>,
    /// Flush on its own at this many rows.
    limit: usize,
}

impl<'a> Batch<'a> {
    fn new(db: &'a DatabaseConnection, head: &str) -> Self {
        Self::with_limit(db, head, 1000)
    }
    /// A batch that flushes at `limit` rows (`usize::MAX`: only when told).
    fn with_limit(db: &'a DatabaseConnection, head: &str, limit: usize) -> Self {
        Batch {
            db,
            head: head.to_string(),
            rows: Vec::with_capacity(1000),
            limit,
        }
    }
    async fn push(&mut self, row: String) -> anyhow::Result<()> {
        self.rows.push(row);
        if self.rows.len() >= self.limit {
            self.flush().await?;
        }
        Ok(())
    }
    async fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let sql = format!("{} VALUES {}", self.head, self.rows.join(","));
        self.rows.clear();
        exec(self.db, &sql).await
    }
}

fn date(days_from_today: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days_from_today))
        .format("%Y-%m-%d")
        .to_string()
}

fn timestamp(days_from_today: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days_from_today))
        .format("%Y-%m-%d %H:%M:%S%:z")
        .to_string()
}

/// Departments (6 directies → 8 afdelingen → 5–6 teams), employees spread
/// over the teams, a status for everyone in every course, records for the
/// completed ones and 10 mandatory courses for the whole organisation.
/// Returns the number of departments.
async fn generate(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let now = timestamp(0);
    let mut teams = Vec::new();
    let mut directies = Vec::new();
    let mut id = 1000;
    let mut depts = Batch::new(
        db,
        "INSERT INTO departments (id, parent_id, name, code, created_at)",
    );
    let mut count = 0;
    for d in 1..=6 {
        id += 1;
        let dir = id;
        directies.push(dir);
        depts
            .push(format!("({dir}, NULL, 'Directie {d}', 'D{d}', '{now}')"))
            .await?;
        count += 1;
        for a in 1..=8 {
            id += 1;
            let afd = id;
            depts
                .push(format!(
                    "({afd}, {dir}, 'Afdeling {d}.{a}', 'A{d}-{a}', '{now}')"
                ))
                .await?;
            count += 1;
            for t in 1..=(5 + (a % 2)) {
                id += 1;
                depts
                    .push(format!(
                        "({id}, {afd}, 'Team {d}.{a}.{t}', 'T{d}-{a}-{t}', '{now}')"
                    ))
                    .await?;
                teams.push(id);
                count += 1;
            }
        }
    }
    depts.flush().await?;

    let mut users = Batch::new(
        db,
        "INSERT INTO users (id, email, display_name, password_hash, department_id, employee_number, locale, active, created_at, updated_at)",
    );
    let mut team_of = Vec::with_capacity(EMPLOYEES + 1);
    team_of.push(0);
    for u in 1..=EMPLOYEES {
        let team = teams[rng.below(teams.len() as u64) as usize];
        team_of.push(team);
        users
            .push(format!(
                "({}, 'mw{u}@gemeente.example', 'Medewerker {u:05}', NULL, {team}, 'P{u:06}', 'nl', TRUE, '{now}', '{now}')",
                10_000 + u
            ))
            .await?;
    }
    users.flush().await?;
    let mut roles = Batch::new(db, "INSERT INTO user_roles (user_id, role)");
    for u in 1..=EMPLOYEES {
        roles.push(format!("({}, 'learner')", 10_000 + u)).await?;
    }
    roles.flush().await?;

    let mut assignments = Batch::new(
        db,
        "INSERT INTO assignments (course_id, department_id, user_id, include_subdepartments, due_on, assigned_by, created_at)",
    );
    for c in 1..=MANDATORY {
        for dir in &directies {
            assignments
                .push(format!(
                    "('cursus-{c:02}', {dir}, NULL, TRUE, '{}', NULL, '{now}')",
                    date(-90 + 30 * c as i64)
                ))
                .await?;
        }
    }
    assignments.flush().await?;

    // Every employee × course: 60 % completed, 20 % in progress, 20 % not
    // started. Mandatory courses carry their due date.
    let mut status = Batch::new(
        db,
        "INSERT INTO course_status (user_id, course_id, department_id, active, started_at, completed_on, valid_until, due_on, next_due_on, updated_at)",
    );
    let mut records = Batch::new(
        db,
        "INSERT INTO completion_records (user_id, course_id, course_version, course_title, score_percent, completed_at, department_id, department_name, expires_at, verification_code)",
    );
    let mut enrollments = Batch::new(
        db,
        "INSERT INTO enrollments (user_id, course_id, started_at, completed_at)",
    );
    for (u, &team) in team_of.iter().enumerate().skip(1) {
        let uid = 10_000 + u;
        for c in 1..=COURSES {
            let roll = rng.below(100);
            let mandatory = c <= MANDATORY;
            let due = mandatory.then(|| -90 + 30 * c as i64);
            let course = format!("cursus-{c:02}");
            let (started, completed) = match roll {
                0..=59 => (true, Some(-(rng.below(900) as i64))),
                60..=79 => (true, None),
                _ => (false, None),
            };
            if !started && !mandatory {
                continue;
            }
            let valid_until = match (completed, c % 3 == 0) {
                (Some(done), true) => Some(done + 730),
                _ => None,
            };
            let next_due = match (due, completed, valid_until) {
                (None, _, _) => None,
                (Some(d), None, _) => Some(d),
                (Some(_), Some(_), None) => None,
                (Some(d), Some(_), Some(v)) => Some(d.max(v)),
            };
            let q = |d: Option<i64>| d.map_or("NULL".to_string(), |d| format!("'{}'", date(d)));
            let started_at = if started && completed.is_none() {
                format!("'{}'", timestamp(-(rng.below(60) as i64)))
            } else {
                "NULL".into()
            };
            status
                .push(format!(
                    "({uid}, '{course}', {team}, TRUE, {started_at}, {}, {}, {}, {}, '{now}')",
                    q(completed),
                    q(valid_until),
                    q(due),
                    q(next_due)
                ))
                .await?;
            if started {
                enrollments
                    .push(format!(
                        "({uid}, '{course}', '{}', {})",
                        timestamp(-800),
                        completed.map_or("NULL".into(), |d| format!("'{}'", timestamp(d)))
                    ))
                    .await?;
            }
            if let Some(done) = completed {
                let mut code = String::with_capacity(24);
                let _ = write!(code, "B{uid:06}{c:02}{:08X}", rng.next() as u32);
                records
                    .push(format!(
                        "({uid}, '{course}', 'v1', 'Cursus {c:02}', 85.0, '{}', {team}, 'Team', {}, '{code}')",
                        timestamp(done),
                        q(valid_until)
                    ))
                    .await?;
            }
        }
    }
    status.flush().await?;
    records.flush().await?;
    enrollments.flush().await?;
    exec(db, "ANALYZE").await?;
    Ok(count)
}

async fn sign_in(router: &axum::Router, email: &str) -> anyhow::Result<String> {
    let res = router
        .clone()
        .oneshot(
            Request::post("/api/sign_in")
                // As a browser posts the form: from this site (CSRF check).
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, "http://localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://localhost/inloggen")
                .body(Body::from(format!(
                    "email={}&password=bench-wachtwoord",
                    email.replace('@', "%40")
                )))?,
        )
        .await?;
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    cookie.context("sign-in failed: no session cookie")
}
