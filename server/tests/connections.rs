//! The accept loop on a real socket (`server::connections`): no Nagle
//! stalls on kept-alive connections, slow senders cut off, and a flood of
//! half-sent requests that cannot take the server down.

mod common;

use server::connections::{self, Limits};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Start the whole router on 127.0.0.1 with `limits`, serving a site root
/// that holds `pkg/bundle.js`; returns the address and a stop switch.
async fn start(
    limits: Limits,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    common::TestApp,
) {
    let app =
        common::TestApp::new("sqlite", common::sqlite_url(), common::content_dir(), None).await;
    // A folder per call: the tests run in parallel, and one rewriting the
    // bundle while the other serves it would be a race.
    let site = std::env::temp_dir().join(format!(
        "leerplatform-conn-{}-{}",
        std::process::id(),
        common::unique_suffix()
    ));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    // Bigger than one TCP segment, so the body goes out in several writes.
    std::fs::write(
        site.join("pkg/bundle.js"),
        "console.log('hallo');\n".repeat(1000),
    )
    .unwrap();
    let mut state = app.state.clone();
    state.leptos_options.site_root = site.to_string_lossy().as_ref().into();
    let router = server::router::app(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(connections::serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    (addr, stop, app)
}

/// A kept-alive client connection that reads the way browsers and wrk do:
/// in large reads into a buffer (reading a byte at a time would make the
/// kernel acknowledge every read at once and hide a delayed-ACK stall).
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Client {
            stream,
            buf: Vec::new(),
        }
    }

    fn fill(&mut self) {
        let mut chunk = [0u8; 65536];
        let n = self.stream.read(&mut chunk).unwrap();
        assert!(n > 0, "the server closed the connection");
        self.buf.extend_from_slice(&chunk[..n]);
    }

    fn take_until(&mut self, end: &[u8]) -> Vec<u8> {
        loop {
            if let Some(at) = self.buf.windows(end.len()).position(|w| w == end) {
                let rest = self.buf.split_off(at + end.len());
                return std::mem::replace(&mut self.buf, rest);
            }
            self.fill();
        }
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        while self.buf.len() < n {
            self.fill();
        }
        let rest = self.buf.split_off(n);
        std::mem::replace(&mut self.buf, rest)
    }

    /// Send one GET and read its whole response (Content-Length or
    /// chunked); returns the status line and the body length.
    fn get(&mut self, path: &str) -> (String, usize) {
        // One write, as browsers and wrk send a request: written in
        // pieces, the client's own Nagle would hold the rest back for the
        // server's delayed ACK, and the test would measure the client.
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: keep-alive\r\n\r\n"
        );
        self.stream.write_all(request.as_bytes()).unwrap();
        let head = String::from_utf8_lossy(&self.take_until(b"\r\n\r\n")).to_string();
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let status = head.lines().next().unwrap_or_default().to_string();
        if let Some(length) = header("content-length") {
            let body = self.take(length.parse().unwrap());
            return (status, body.len());
        }
        assert_eq!(
            header("transfer-encoding").as_deref(),
            Some("chunked"),
            "{path}:\n{head}"
        );
        let mut total = 0;
        loop {
            let line = self.take_until(b"\r\n");
            let size = usize::from_str_radix(String::from_utf8_lossy(&line).trim(), 16).unwrap();
            self.take(size + 2);
            total += size;
            if size == 0 {
                return (status, total);
            }
        }
    }
}

/// Nagle's algorithm meeting the client's delayed ACK holds back the last
/// piece of a response written in several writes for ~40 ms on a
/// kept-alive connection. With TCP_NODELAY a file is a fraction of a
/// millisecond here. The limit allows for a busy shared machine (debug
/// build, other tests and builds running: a debug sign-in page took a 16 ms
/// median so): the median must be below the stall and at most a few
/// outliers may reach 30 ms; with the stall, every response takes ~40 ms.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_alive_connections_do_not_stall() {
    let (addr, stop, app) = start(Limits::default()).await;
    let timings = tokio::task::spawn_blocking(move || {
        let mut client = Client::connect(addr);
        let mut out = Vec::new();
        for path in ["/pkg/bundle.js", "/inloggen"] {
            // The first request warms up (route generation, file cache).
            client.get(path);
            let mut times = Vec::new();
            for _ in 0..40 {
                let t = Instant::now();
                let (status, len) = client.get(path);
                times.push(t.elapsed());
                assert!(status.contains("200"), "{path}: {status}");
                assert!(len > 2000, "{path}: {len} bytes");
            }
            times.sort();
            out.push((path, times));
        }
        out
    })
    .await
    .unwrap();
    for (path, times) in timings {
        let median = times[times.len() / 2];
        let slow = times
            .iter()
            .filter(|t| **t > Duration::from_millis(30))
            .count();
        assert!(
            median < Duration::from_millis(30) && slow <= 4,
            "{path}: median {median:?}, {slow} of {} over 30 ms: {times:?}",
            times.len()
        );
    }
    let _ = stop.send(());
    app.cleanup().await;
}

/// Slowloris: connections that never finish their request headers are cut
/// off after the header read timeout, and meanwhile, with every connection
/// slot taken, the server recovers and answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_cannot_take_the_server_down() {
    let limits = Limits {
        max_connections: 16,
        header_read_timeout: Duration::from_millis(500),
        shutdown_grace: Duration::from_secs(1),
    };
    let (addr, stop, app) = start(limits).await;
    let outcome = tokio::task::spawn_blocking(move || {
        // Take every slot with a request that never ends.
        let mut slow: Vec<TcpStream> = (0..16)
            .map(|_| {
                let mut s = TcpStream::connect(addr).unwrap();
                s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                    .unwrap();
                s
            })
            .collect();
        // A new request still gets its answer once the slow ones are cut off.
        let t = Instant::now();
        let (status, _) = Client::connect(addr).get("/healthz");
        let waited = t.elapsed();
        // The slow connections were closed by the server.
        let mut closed = 0;
        for s in &mut slow {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = [0u8; 512];
            match s.read(&mut buf) {
                // A 408 and/or the end of the stream.
                Ok(_) => closed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => closed += 1,
                Err(_) => {}
            }
        }
        (status, waited, closed)
    })
    .await
    .unwrap();
    let (status, waited, closed) = outcome;
    assert!(status.contains("200"), "{status}");
    assert!(waited < Duration::from_secs(5), "answered after {waited:?}");
    assert_eq!(closed, 16, "every slow connection was cut off");
    let _ = stop.send(());
    app.cleanup().await;
}
