//! A real SMTP server for the tests: PyPI `aiosmtpd` (installed by
//! `./platform setup` into a virtual environment, found through
//! `SMTP_PEER_PYTHON`), writing every message it accepts into a Maildir.
//! Messages are read back with Python's own `email` parser, an
//! implementation independent of ours. Skipped (with a message) when
//! aiosmtpd is missing, except under `CI=true`, where that fails the test.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    python: String,
    dir: PathBuf,
}

/// One message as it arrived.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The MIME structure, e.g. `multipart/alternative`.
    pub content_type: String,
}

impl SmtpServer {
    pub fn start() -> Option<SmtpServer> {
        let python = std::env::var("SMTP_PEER_PYTHON").unwrap_or_else(|_| "python3".into());
        let ok = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            let why = format!(
                "the test SMTP server needs aiosmtpd ({python}: `./platform setup` installs it)"
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but {why}");
            }
            eprintln!("skipped: {why}");
            return None;
        }
        let dir = std::env::temp_dir().join(format!(
            "leerplatform-smtp-{}-{}",
            std::process::id(),
            super::unique_suffix()
        ));
        std::fs::create_dir_all(&dir).ok()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-u", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.join("maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(SmtpServer {
                    child,
                    port,
                    python,
                    dir,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not listen on {port}");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message in the Maildir, oldest first.
    pub fn received(&self) -> Vec<Received> {
        const READ: &str = r#"
import email, email.policy, json, mailbox, sys
out = []
for key, msg in sorted(mailbox.Maildir(sys.argv[1], create=False).items(), key=lambda kv: kv[1].get_date()):
    m = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    text = m.get_body(preferencelist=('plain',))
    html = m.get_body(preferencelist=('html',))
    out.append({'to': str(m['To']), 'from': str(m['From']), 'subject': str(m['Subject']),
                'text': text.get_content() if text else '', 'html': html.get_content() if html else '',
                'content_type': m.get_content_type()})
print(json.dumps(out))
"#;
        let maildir = self.dir.join("maildir");
        if !maildir.exists() {
            return Vec::new();
        }
        let out = Command::new(&self.python)
            .args(["-c", READ])
            .arg(&maildir)
            .output()
            .expect("read the Maildir");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("the messages as JSON")
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
