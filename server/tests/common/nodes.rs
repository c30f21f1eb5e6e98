//! Real server processes (`server serve`, the binary cargo built for the
//! tests) and a real load balancer in front of them (Debian's `nginx`,
//! round robin; installed by `./platform setup`), for the tests that run the
//! platform as an operator would: several nodes on one database.
//!
//! Each process writes its log to a file; [`Node::panics`] reads it back, so
//! a test fails when a node logged a panic, even one the client never saw.
//! Without nginx the tests that need it are skipped with a message, except
//! under `CI=true`, where that fails them.

use super::form_owned;
use reqwest::cookie::Jar;
use reqwest::header::ORIGIN;
use reqwest::redirect::Policy;
use reqwest::Client;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A free port on 127.0.0.1 (asked of the kernel, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A folder of its own under the temporary folder.
pub fn temp_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "leerplatform-{what}-{}-{}",
        std::process::id(),
        super::unique_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Block until `port` answers `/readyz` with 200, or panic with `log`.
fn wait_ready(port: u16, child: &mut Child, log: &Path) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "the server on port {port} stopped ({status}):\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        if http_status(port, "/readyz") == Some(200) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "the server on port {port} was not ready after 60 s:\n{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// The status of a plain `GET` (HTTP/1.0, no keep-alive), or `None`.
fn http_status(port: u16, path: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// One `server serve` process.
pub struct Node {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Node {
    /// Start a node on `database_url` with the repository's content and
    /// `extra` settings (environment variables); returns once it is ready.
    pub fn start(database_url: &str, dir: &Path, name: &str, extra: &[(&str, &str)]) -> Node {
        let port = free_port();
        let log = dir.join(format!("{name}.log"));
        let out = std::fs::File::create(&log).expect("a log file");
        let err = out.try_clone().expect("a log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
        cmd.arg("serve")
            .env("DATABASE_URL", database_url)
            .env("CONTENT_DIR", super::content_dir())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env_remove("WATCH_CONTENT")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        for (key, value) in extra {
            cmd.env(key, value);
        }
        let mut child = cmd.spawn().expect("start the server");
        wait_ready(port, &mut child, &log);
        Node { child, port, log }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The process id (for its memory in /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The lines of this node's log that report a panic.
    pub fn panics(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("panicked"))
            .map(str::to_string)
            .collect()
    }

    /// Stop the process at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Ask the process to stop (SIGTERM), as a service manager does.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "SIGTERM was delivered");
    }

    /// The exit status once the process stopped, waiting at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Debian's nginx, or `None` (with a message) when it is not installed;
/// under `CI=true` a missing nginx fails the test.
pub fn nginx_binary() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        let why = "the load balancer tests need nginx (`./platform setup` installs it)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {why}");
        }
        eprintln!("skipped: {why}");
    }
    found
}

/// nginx as a round-robin load balancer in front of `upstreams` (ports on
/// 127.0.0.1). Every response carries `X-Upstream` (the node that answered),
/// and nginx never retries a request on another node, so a failure shows.
pub struct LoadBalancer {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

impl LoadBalancer {
    pub fn start(nginx: &Path, upstreams: &[u16]) -> LoadBalancer {
        let dir = temp_dir("nginx");
        let port = free_port();
        let servers: String = upstreams
            .iter()
            .map(|p| format!("    server 127.0.0.1:{p};\n"))
            .collect();
        let d = dir.display();
        let conf = format!(
            "worker_processes 1;\n\
             worker_rlimit_nofile 8192;\n\
             daemon off;\n\
             pid {d}/nginx.pid;\n\
             error_log {d}/error.log warn;\n\
             events {{ worker_connections 4096; }}\n\
             http {{\n\
               access_log off;\n\
               client_body_temp_path {d}/body;\n\
               proxy_temp_path {d}/proxy;\n\
               fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi;\n\
               scgi_temp_path {d}/scgi;\n\
               upstream leerplatform {{\n{servers}    keepalive 16;\n  }}\n\
               server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location / {{\n\
                   proxy_pass http://leerplatform;\n\
                   proxy_http_version 1.1;\n\
                   proxy_set_header Connection \"\";\n\
                   proxy_set_header Host $http_host;\n\
                   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
                   proxy_next_upstream off;\n\
                   add_header X-Upstream $upstream_addr always;\n\
                 }}\n\
               }}\n\
             }}\n"
        );
        std::fs::write(dir.join("nginx.conf"), conf).expect("write nginx.conf");
        let mut child = Command::new(nginx)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nginx");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    use std::io::Read;
                    let _ = e.read_to_string(&mut err);
                }
                panic!("nginx stopped ({status}): {err}");
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "nginx did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        LoadBalancer { child, port, dir }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for LoadBalancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// promtool (Prometheus' own checker of the text format), from `PROMTOOL`
/// or where `./platform setup` unpacks it; `None` (with a message) when
/// missing, and under `CI=true` a missing promtool fails the test.
pub fn promtool() -> Option<PathBuf> {
    let path = std::env::var_os("PROMTOOL")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| {
                PathBuf::from(h).join(".cache/leerplatform/peers/prometheus/usr/bin/promtool")
            })
        })
        .filter(|p| p.exists());
    if path.is_none() {
        let why = "checking /metrics needs promtool (`./platform setup` unpacks it)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {why}");
        }
        eprintln!("skipped: {why}");
    }
    path
}

/// `promtool check metrics` on `text`: `Err` with what it said.
pub fn check_metrics(promtool: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut child = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// A browser without JavaScript: keeps its cookies (in `jar`), follows no
/// redirects.
pub fn browser() -> (Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let client = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(Policy::none())
        .build()
        .expect("an HTTP client");
    (client, jar)
}

/// A form post as a browser without JavaScript sends it (with `Origin`).
pub async fn post_form(
    client: &Client,
    base: &str,
    path: &str,
    pairs: &[(String, String)],
) -> reqwest::Response {
    client
        .post(format!("{base}{path}"))
        .header(ORIGIN, base)
        .header(reqwest::header::ACCEPT, "text/html")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form_owned(pairs))
        .send()
        .await
        .expect("a response")
}
