//! What the person on call watches: `/metrics` in the Prometheus text
//! format (version 0.0.4), and a request id on every request.
//!
//! - [`record`] (a middleware) counts every request by method, route and
//!   status, times it into a histogram per route, and keeps the number in
//!   flight. The route is the router's own pattern (`/cursussen/{course}/{module}`,
//!   `/api/answer`), so personal data in paths never becomes a label and the
//!   number of series stays bounded; unmatched paths count as `other`.
//! - [`serve`] answers `GET /metrics` with those, plus what is read at
//!   scrape time: database pool use, the content this node serves and its
//!   loads, the scheduled jobs' last runs, active sessions, and the
//!   process's resident memory.
//! - [`request_id`] gives every request an id (or keeps a sane one the load
//!   balancer sent in `X-Request-Id`), puts it in the request's log span and
//!   returns it in the `X-Request-Id` header, so a user's report ("it said
//!   request 5f3a…") leads to the log lines.
//!
//! Each node has its own figures: Prometheus scrapes every node directly,
//! never through the load balancer. `/metrics` answers only connections
//! from `METRICS_FROM` (default: this machine) that did not come through a
//! proxy (no `X-Forwarded-For` or `Forwarded` header); others get 404.

use app::ssr::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use sea_orm::{ConnectionTrait, DbBackend};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// The scheduled jobs, by the names they run under (`app::ssr::jobs`).
const JOBS: [&str; 3] = [
    crate::commands::serve::RECOUNT_JOB,
    crate::commands::serve::RETENTION_JOB,
    app::reminders::queries::JOB,
];

#[derive(Default)]
struct Histogram {
    /// Per bucket (not cumulative; summed when written).
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Default)]
struct Counts {
    /// (method, route, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → latency.
    latency: BTreeMap<String, Histogram>,
}

/// This process's request figures since start.
#[derive(Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
    in_flight: AtomicI64,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        // A panic while holding the lock leaves counts that are still valid.
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        *counts
            .requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let h = counts.latency.entry(route.to_string()).or_default();
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            h.counts[i] += 1;
        }
        h.sum += seconds;
        h.count += 1;
    }

    fn write_requests(&self, out: &mut String) {
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        family(
            out,
            "leerplatform_http_requests_total",
            "counter",
            "HTTP requests answered, by method, route and status.",
        );
        for ((method, route, status), n) in &counts.requests {
            let _ = writeln!(
                out,
                "leerplatform_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        family(
            out,
            "leerplatform_http_server_errors_total",
            "counter",
            "HTTP requests answered with a 5xx status, by route.",
        );
        let mut errors: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, route, status), n) in &counts.requests {
            if *status >= 500 {
                *errors.entry(route).or_default() += n;
            }
        }
        for (route, n) in errors {
            let _ = writeln!(
                out,
                "leerplatform_http_server_errors_total{{route=\"{}\"}} {n}",
                escape(route)
            );
        }
        family(
            out,
            "leerplatform_http_request_duration_seconds",
            "histogram",
            "Time from request to response headers, by route.",
        );
        for (route, h) in &counts.latency {
            let route = escape(route);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "leerplatform_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "leerplatform_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "leerplatform_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "leerplatform_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        family(
            out,
            "leerplatform_http_requests_in_flight",
            "gauge",
            "HTTP requests being answered now.",
        );
        let _ = writeln!(
            out,
            "leerplatform_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The label for a request: the router's pattern, or a fixed name.
fn route_of(req: &Request) -> String {
    if let Some(path) = req.extensions().get::<MatchedPath>() {
        return path.as_str().to_string();
    }
    let path = req.uri().path();
    if path.starts_with("/pkg/") {
        "/pkg/{file}".into()
    } else {
        "other".into()
    }
}

/// Count and time every request (see the module's documentation).
pub async fn record(
    Extension(metrics): Extension<Arc<Metrics>>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().as_str().to_string();
    let route = route_of(&req);
    let start = Instant::now();
    metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let res = next.run(req).await;
    metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    metrics.observe(
        &method,
        &route,
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}

/// The request's id, in its extensions.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// The header that carries it both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// An id the load balancer sent is kept when it is short and plain.
fn acceptable(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Give the request an id (see the module's documentation).
pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| acceptable(id))
        .map(str::to_string)
        .unwrap_or_else(|| app::ssr::session::new_token()[..16].to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut res = next.run(req).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    res
}

/// May this request read `/metrics`?
fn may_scrape(state: &AppState, req: &Request) -> bool {
    let proxied = req.headers().contains_key("x-forwarded-for")
        || req.headers().contains_key(header::FORWARDED);
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    !proxied && peer.is_some_and(|ip| state.metrics_from.iter().any(|n| n.contains(ip)))
}

/// `GET /metrics`.
pub async fn serve(
    State(state): State<AppState>,
    Extension(metrics): Extension<Arc<Metrics>>,
    req: Request,
) -> Response {
    if !may_scrape(&state, &req) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut out = String::with_capacity(16 * 1024);
    metrics.write_requests(&mut out);
    write_state(&state, &mut out).await;
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

async fn write_state(state: &AppState, out: &mut String) {
    // Database pools.
    family(
        out,
        "leerplatform_db_pool_connections",
        "gauge",
        "Database connections held by the pool, by pool and state.",
    );
    let pools = if state.db.get_database_backend() == DbBackend::Sqlite {
        vec![("read", &state.db), ("write", &state.writer)]
    } else {
        vec![("shared", &state.db)]
    };
    for (name, conn) in &pools {
        let (size, idle) = pool_use(conn);
        let _ = writeln!(
            out,
            "leerplatform_db_pool_connections{{pool=\"{name}\",state=\"idle\"}} {idle}"
        );
        let _ = writeln!(
            out,
            "leerplatform_db_pool_connections{{pool=\"{name}\",state=\"in_use\"}} {}",
            size.saturating_sub(idle)
        );
    }

    // Content.
    let content = state.content.current();
    family(
        out,
        "leerplatform_content_course_info",
        "gauge",
        "The courses this node serves, with their versions (1 each).",
    );
    for course in &content.catalog.courses {
        let _ = writeln!(
            out,
            "leerplatform_content_course_info{{course=\"{}\",version=\"{}\"}} 1",
            escape(&course.id),
            escape(&course.version)
        );
    }
    family(
        out,
        "leerplatform_content_loaded_timestamp_seconds",
        "gauge",
        "When the content this node serves was loaded (Unix time).",
    );
    let _ = writeln!(
        out,
        "leerplatform_content_loaded_timestamp_seconds {}",
        content.loaded_at.timestamp()
    );
    let (ok, rejected) = state.content.load_counts();
    family(
        out,
        "leerplatform_content_loads_total",
        "counter",
        "Content loads since start, by outcome (a rejected load keeps the last good content).",
    );
    let _ = writeln!(
        out,
        "leerplatform_content_loads_total{{outcome=\"ok\"}} {ok}"
    );
    let _ = writeln!(
        out,
        "leerplatform_content_loads_total{{outcome=\"rejected\"}} {rejected}"
    );
    family(
        out,
        "leerplatform_content_last_load_failed",
        "gauge",
        "1 when this node's last content load was rejected.",
    );
    let _ = writeln!(
        out,
        "leerplatform_content_last_load_failed {}",
        u8::from(!state.content.last_errors().is_empty())
    );

    // Scheduled jobs (one run per cluster; every node reports the shared rows).
    family(
        out,
        "leerplatform_job_last_run_timestamp_seconds",
        "gauge",
        "When a scheduled job last ran on any node (Unix time; absent before its first run).",
    );
    let mut failed = Vec::new();
    for job in JOBS {
        if let Ok(Some(s)) = app::ssr::jobs::state_of(&state.db, job).await {
            if let Some(at) = s.last_run_at {
                let _ = writeln!(
                    out,
                    "leerplatform_job_last_run_timestamp_seconds{{job=\"{job}\"}} {}",
                    at.timestamp()
                );
            }
            let bad = s
                .last_outcome
                .as_deref()
                .is_some_and(|o| o.starts_with("failed: "));
            failed.push((job, bad));
        }
    }
    family(
        out,
        "leerplatform_job_last_run_failed",
        "gauge",
        "1 when a scheduled job's last run failed.",
    );
    for (job, bad) in failed {
        let _ = writeln!(
            out,
            "leerplatform_job_last_run_failed{{job=\"{job}\"}} {}",
            u8::from(bad)
        );
    }

    // Sessions.
    if let Some(active) = active_sessions(state).await {
        family(
            out,
            "leerplatform_sessions_active",
            "gauge",
            "Sessions that have not ended (all nodes; one database).",
        );
        let _ = writeln!(out, "leerplatform_sessions_active {active}");
    }

    // The process.
    if let Some(bytes) = resident_bytes() {
        family(
            out,
            "leerplatform_process_resident_memory_bytes",
            "gauge",
            "This process's resident memory.",
        );
        let _ = writeln!(out, "leerplatform_process_resident_memory_bytes {bytes}");
    }
}

/// (connections held, of which idle) of a pool.
fn pool_use(conn: &sea_orm::DatabaseConnection) -> (usize, usize) {
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            let pool = conn.get_postgres_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        _ => {
            let pool = conn.get_sqlite_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
    }
}

async fn active_sessions(state: &AppState) -> Option<i64> {
    let row = state
        .db
        .query_one_raw(app::ssr::sql::sql(
            state.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM sessions WHERE expires_at > $1",
            vec![chrono::Utc::now().into()],
        ))
        .await
        .ok()??;
    row.try_get::<i64>("", "n").ok()
}

/// Resident memory from `/proc/self/statm` (Linux).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_falls_in_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/mijn", 200, 0.0004);
        m.observe("GET", "/mijn", 200, 0.003);
        m.observe("GET", "/mijn", 500, 9.0);
        let mut out = String::new();
        m.write_requests(&mut out);
        assert!(out.contains(
            "leerplatform_http_requests_total{method=\"GET\",route=\"/mijn\",status=\"200\"} 2"
        ));
        assert!(out.contains("leerplatform_http_server_errors_total{route=\"/mijn\"} 1"));
        assert!(out.contains(
            "leerplatform_http_request_duration_seconds_bucket{route=\"/mijn\",le=\"0.0005\"} 1"
        ));
        assert!(out.contains(
            "leerplatform_http_request_duration_seconds_bucket{route=\"/mijn\",le=\"0.005\"} 2"
        ));
        assert!(out.contains(
            "leerplatform_http_request_duration_seconds_bucket{route=\"/mijn\",le=\"2.5\"} 2"
        ));
        assert!(out.contains(
            "leerplatform_http_request_duration_seconds_bucket{route=\"/mijn\",le=\"+Inf\"} 3"
        ));
        assert!(out.contains("leerplatform_http_request_duration_seconds_count{route=\"/mijn\"} 3"));
    }

    #[test]
    fn only_plain_short_request_ids_are_taken_over() {
        assert!(acceptable("5f3a9c0e12ab34cd"));
        assert!(acceptable("req_2026-12-07-0001"));
        assert!(!acceptable("short"));
        assert!(!acceptable("a b c d e f g h"));
        assert!(!acceptable("x\ninjected: yes"));
        assert!(!acceptable(&"a".repeat(65)));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
