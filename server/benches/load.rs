//! The load test (issue 17, item 4; run by `./platform bench`): simulated
//! learners on real `server serve` processes (the release binary cargo
//! builds for benchmarks), for a fixed time, every response checked.
//!
//! Each simulated learner signs in with an account of its own, opens the
//! catalog and the course, reads every lesson and answers its questions,
//! takes the exam (start, the drawn questions, hand in, the result), and
//! signs out; then it starts again with a fresh account. No pauses: every
//! learner has one request in flight at any moment.
//!
//! Set-ups: one node on a fresh SQLite file (default), or `LOAD_NODES` nodes
//! behind nginx (round robin) on the PostgreSQL database in
//! `BENCH_DATABASE_URL` (made fresh by `./platform bench`). `LOAD_LEARNERS`
//! (500) learners for `LOAD_SECONDS` (60).
//!
//! Reported: per step the count, the errors, p50, p99 and the slowest;
//! requests and finished journeys per second; each node's resident memory
//! (sampled every 250 ms: the highest, and the kernel's peak). Exits 1 on
//! any error or on any panic in a node's log.

#[path = "../tests/common/mod.rs"]
#[allow(unused)]
mod common;

use common::nodes::{nginx_binary, temp_dir, LoadBalancer, Node};
use common::{form_owned, TestApp};
use domain::model::Course;
use domain::option_tokens::Namer;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, ORIGIN};
use reqwest::{Client, StatusCode};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const COURSE: &str = "participatie-in-de-praktijk";
const PASSWORD: &str = server::commands::seed_demo::DEMO_PASSWORD;

/// The steps of a journey, in order, as reported.
const STEPS: [&str; 11] = [
    "sign in",
    "catalog",
    "course page",
    "lesson page",
    "answer",
    "mark read",
    "exam page",
    "exam start",
    "exam hand-in",
    "exam result",
    "sign out",
];

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One measured request: (step, microseconds, checked ok).
type Sample = (usize, u32, bool);

struct Learner {
    id: i32,
    email: String,
    name: String,
}

/// A request that failed its check, for the report.
struct Failure(String);

struct Run {
    base: String,
    course: Course,
    key: Arc<domain::option_tokens::OptionKey>,
}

impl Run {
    async fn form(
        &self,
        client: &Client,
        path: &str,
        pairs: &[(String, String)],
    ) -> reqwest::Result<reqwest::Response> {
        client
            .post(format!("{}{path}", self.base))
            .header(ORIGIN, &self.base)
            .header(ACCEPT, "text/html")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form_owned(pairs))
            .send()
            .await
    }

    /// A page: 200 and `text` in it; returns the page.
    async fn page(&self, client: &Client, path: &str, text: &str) -> Result<String, Failure> {
        let res = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .map_err(|e| Failure(format!("GET {path}: {e}")))?;
        let status = res.status();
        let body = res
            .text()
            .await
            .map_err(|e| Failure(format!("GET {path}: {e}")))?;
        if status != StatusCode::OK || !body.contains(text) {
            return Err(Failure(format!(
                "GET {path}: {status}, {} bytes, without {text:?}",
                body.len()
            )));
        }
        Ok(body)
    }

    /// A form post answered with a redirect to `expected`.
    async fn post(
        &self,
        client: &Client,
        path: &str,
        pairs: &[(String, String)],
        expected: &str,
    ) -> Result<(), Failure> {
        let res = self
            .form(client, path, pairs)
            .await
            .map_err(|e| Failure(format!("POST {path}: {e}")))?;
        let location = res
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        if !res.status().is_redirection() || location != expected {
            return Err(Failure(format!(
                "POST {path}: {} to {location:?}, not {expected:?}",
                res.status()
            )));
        }
        Ok(())
    }

    /// One learner's journey; every request timed into `samples`.
    async fn journey(
        &self,
        who: &Learner,
        samples: &mut Vec<Sample>,
        stop: &AtomicBool,
    ) -> Result<bool, Failure> {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Failure(e.to_string()))?;
        let c = COURSE;
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        macro_rules! step {
            ($i:expr, $e:expr) => {{
                if stop.load(Ordering::Relaxed) {
                    return Ok(false);
                }
                let t = Instant::now();
                let r = $e.await;
                samples.push(($i, t.elapsed().as_micros() as u32, r.is_ok()));
                r?
            }};
        }
        step!(
            0,
            self.post(
                &client,
                "/api/sign_in",
                &pairs(&[
                    ("email", &who.email),
                    ("password", PASSWORD),
                    ("next", "/mijn")
                ]),
                "/mijn",
            )
        );
        step!(1, self.page(&client, "/", &self.course.title));
        step!(2, self.page(&client, &format!("/cursussen/{c}"), &who.name));
        let names = Namer::lesson(&self.key, who.id);
        for m in self.course.modules.iter().filter(|m| !m.is_exam()) {
            let path = format!("/cursussen/{c}/{}", m.id);
            step!(3, self.page(&client, &path, &who.name));
            for q in &m.questions {
                let form = common::lesson_answer(c, m, q, &names);
                let expected = format!("{path}#vraag-{}", q.id);
                step!(4, self.post(&client, "/api/answer", &form, &expected));
            }
            if m.questions.is_empty() {
                let form = pairs(&[("course_id", c), ("module_id", &m.id)]);
                step!(
                    5,
                    self.post(
                        &client,
                        "/api/mark_read",
                        &form,
                        &format!("{path}#afronden")
                    )
                );
            }
        }
        for m in self.course.modules.iter().filter(|m| m.is_exam()) {
            let path = format!("/cursussen/{c}/{}", m.id);
            step!(6, self.page(&client, &path, &who.name));
            let form = pairs(&[("course_id", c), ("module_id", &m.id)]);
            step!(
                7,
                self.post(&client, "/api/exam_start", &form, &format!("{path}#toets"))
            );
            let page = step!(6, self.page(&client, &path, "Toets inleveren"));
            // Hand in what a hurried learner would: the first option of
            // every choice on the page.
            let (attempt, mut form) = exam_form(&page);
            let attempt = attempt.ok_or_else(|| Failure(format!("{path}: no attempt number")))?;
            form.extend(pairs(&[
                ("course_id", c),
                ("module_id", &m.id),
                ("attempt", &attempt),
            ]));
            let result = format!("{path}/poging/{attempt}");
            step!(8, self.post(&client, "/api/exam_submit", &form, &result));
            step!(9, self.page(&client, &result, "slaagd"));
        }
        step!(10, self.post(&client, "/api/sign_out", &[], "/"));
        Ok(true)
    }
}

/// The attempt number and the first option of every radio group in an
/// exam page's form.
fn exam_form(page: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut attempt = None;
    let mut chosen: Vec<(String, String)> = Vec::new();
    for tag in page.split("<input").skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            let start = tag.find(&key)? + key.len();
            let len = tag[start..].find('"')?;
            Some(
                tag[start..start + len]
                    .replace("&#x5b;", "[")
                    .replace("&#x5d;", "]"),
            )
        };
        match (attr("type").as_deref(), attr("name"), attr("value")) {
            (Some("hidden"), Some(n), Some(v)) if n == "attempt" => attempt = Some(v),
            (Some("radio"), Some(n), Some(v)) if !chosen.iter().any(|(c, _)| *c == n) => {
                chosen.push((n, v))
            }
            _ => {}
        }
    }
    (attempt, chosen)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// VmRSS and VmHWM of a process, in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ok = runtime.block_on(run());
    if !ok {
        std::process::exit(1);
    }
}

async fn run() -> bool {
    let learners = setting("LOAD_LEARNERS", 500);
    let seconds = setting("LOAD_SECONDS", 60);
    let pg = std::env::var("BENCH_DATABASE_URL").ok();
    let nodes = if pg.is_some() {
        setting("LOAD_NODES", 2)
    } else {
        1
    };
    let (url, backend) = match &pg {
        Some(url) => (url.clone(), "postgres"),
        None => (common::sqlite_url(), "sqlite"),
    };
    let mut settings = common::settings(url.clone(), common::content_dir());
    settings.log_format = server::config::LogFormat::Json;
    let view = TestApp::with_settings(backend, settings, None).await;
    server::commands::seed_demo::seed(&view.state.db)
        .await
        .expect("seed");
    let course = view
        .state
        .content
        .current()
        .catalog
        .course(COURSE)
        .expect("the Dutch course")
        .clone();

    // Accounts enough for every journey (a fresh one each time).
    let accounts = learners * 12;
    let people = make_accounts(&view, accounts).await;

    let dir = temp_dir("load");
    let quiet = [("RUST_LOG", "warn")];
    let running: Vec<Node> = (0..nodes)
        .map(|i| Node::start(&url, &dir, &format!("node{i}"), &quiet))
        .collect();
    let lb = if nodes > 1 {
        let Some(nginx) = nginx_binary() else {
            return false;
        };
        Some(LoadBalancer::start(
            &nginx,
            &running.iter().map(|n| n.port).collect::<Vec<_>>(),
        ))
    } else {
        None
    };
    let base = lb.as_ref().map_or_else(|| running[0].url(), |lb| lb.url());
    println!(
        "Load test: {learners} learners for {seconds} s on {backend}, {nodes} node(s){}; \
         course {COURSE} ({} lessons and an exam), {} questions to answer per journey",
        if lb.is_some() { " behind nginx" } else { "" },
        course.modules.iter().filter(|m| !m.is_exam()).count(),
        course
            .modules
            .iter()
            .filter(|m| !m.is_exam())
            .map(|m| m.questions.len())
            .sum::<usize>()
    );

    let run = Arc::new(Run {
        base,
        course,
        key: view.state.option_key.clone(),
    });
    let people = Arc::new(people);
    let next = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let pids: Vec<u32> = running.iter().map(Node::pid).collect();
    let sampler = {
        let stop = stop.clone();
        let pids = pids.clone();
        tokio::spawn(async move {
            let mut highest = vec![0.0f64; pids.len()];
            while !stop.load(Ordering::Relaxed) {
                for (i, pid) in pids.iter().enumerate() {
                    highest[i] = highest[i].max(memory(*pid).0);
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            highest
        })
    };
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..learners {
        let (run, people, next, stop) = (run.clone(), people.clone(), next.clone(), stop.clone());
        workers.spawn(async move {
            let mut samples = Vec::new();
            let mut failures = Vec::new();
            let mut journeys = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(who) = people.get(i) else {
                    failures.push("out of accounts".to_string());
                    break;
                };
                match run.journey(who, &mut samples, &stop).await {
                    Ok(true) => journeys += 1,
                    Ok(false) => {}
                    Err(Failure(why)) => failures.push(why),
                }
            }
            (samples, failures, journeys)
        });
    }
    tokio::time::sleep(Duration::from_secs(seconds as u64)).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let mut samples: Vec<Sample> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut journeys = 0;
    while let Some(done) = workers.join_next().await {
        let (s, f, j) = done.expect("a learner");
        samples.extend(s);
        failures.extend(f);
        journeys += j;
    }
    let highest = sampler.await.unwrap_or_default();

    println!(
        "\n{:<14} {:>8} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "step", "count", "errors", "per s", "p50 ms", "p99 ms", "max ms"
    );
    for (i, step) in STEPS.iter().enumerate() {
        let mut times: Vec<u32> = samples.iter().filter(|s| s.0 == i).map(|s| s.1).collect();
        let errors = samples.iter().filter(|s| s.0 == i && !s.2).count();
        if times.is_empty() {
            continue; // a step this course does not have (every lesson asks questions)
        }
        times.sort_unstable();
        println!(
            "{:<14} {:>8} {:>7} {:>9.0} {:>9.1} {:>9.1} {:>9.1}",
            step,
            times.len(),
            errors,
            times.len() as f64 / elapsed.as_secs_f64(),
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or(0) as f64 / 1000.0
        );
    }
    let mut all: Vec<u32> = samples.iter().map(|s| s.1).collect();
    all.sort_unstable();
    println!(
        "{:<14} {:>8} {:>7} {:>9.0} {:>9.1} {:>9.1} {:>9.1}",
        "all requests",
        all.len(),
        failures.len(),
        all.len() as f64 / elapsed.as_secs_f64(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    println!(
        "\n{journeys} journeys finished ({:.1} per s) in {:.1} s",
        journeys as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    let mut panics = 0;
    for (i, node) in running.iter().enumerate() {
        let (now, peak) = memory(node.pid());
        println!(
            "node {i}: resident memory {now:.0} MB at the end, highest sampled {:.0} MB, peak {peak:.0} MB",
            highest.get(i).copied().unwrap_or(0.0)
        );
        for p in node.panics() {
            println!("node {i} PANICKED: {p}");
            panics += 1;
        }
    }
    for f in failures.iter().take(10) {
        println!("error: {f}");
    }
    drop(lb);
    drop(running);
    let _ = std::fs::remove_dir_all(&dir);
    if pg.is_none() {
        view.cleanup().await;
    }
    failures.is_empty() && panics == 0
}

/// `n` learner accounts with the demo password.
async fn make_accounts(view: &TestApp, n: usize) -> Vec<Learner> {
    common::accounts_with_demo_password(view, "last", "Lastig Leerling", n)
        .await
        .into_iter()
        .map(|u| Learner {
            id: u.id,
            email: u.email,
            name: u.display_name,
        })
        .collect()
}
