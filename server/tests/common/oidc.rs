//! A real OpenID Connect provider for the tests: `end2end/peers/oidc-provider.mjs`
//! (npm `oidc-provider`), started on a free port on 127.0.0.1 and stopped
//! when dropped. Skipped (with a message) when Node or the package is
//! missing, except under `CI=true`, where that fails the test.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const CLIENT_ID: &str = "leerplatform";
pub const CLIENT_SECRET: &str = "geheim-van-de-test";
/// The platform's address in the tests (`TestApp` requests carry `Host: localhost`).
pub const PUBLIC_URL: &str = "http://localhost";

pub struct Provider {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

impl Provider {
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Start a provider with the test accounts; `fault` makes it spoil the
    /// ID tokens it issues (see the script); `key` names the signing key
    /// file (a new name: a new key).
    pub fn start(fault: Option<&str>) -> Option<Provider> {
        let dir = std::env::temp_dir().join(format!(
            "leerplatform-oidc-{}-{}",
            std::process::id(),
            super::unique_suffix()
        ));
        std::fs::create_dir_all(&dir).ok()?;
        Self::start_in(dir, free_port(), fault, "key-1.json")
    }

    /// Stop this provider and start it again on the same port with a new
    /// signing key: the provider rotated its keys.
    pub fn rotate_key(mut self) -> Provider {
        let (dir, port) = (self.dir.clone(), self.port);
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::forget(self);
        Self::start_in(dir, port, None, "key-2.json").expect("provider restarts")
    }

    fn start_in(dir: PathBuf, port: u16, fault: Option<&str>, key: &str) -> Option<Provider> {
        let script = peers_dir().join("oidc-provider.mjs");
        let package = peers_dir().join("../node_modules/oidc-provider/package.json");
        let node_ok = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !node_ok || !package.exists() {
            let why =
                format!(
                "the OpenID Connect test provider needs Node and `npm ci` in end2end/ ({} missing)",
                if node_ok { package.display().to_string() } else { "node".into() }
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but {why}");
            }
            eprintln!("skipped: {why}");
            return None;
        }
        write(&dir.join("accounts.json"), &accounts());
        write(&dir.join("clients.json"), &clients());
        let mut cmd = Command::new("node");
        cmd.arg(&script)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_ACCOUNTS", dir.join("accounts.json"))
            .env("OIDC_CLIENTS", dir.join("clients.json"))
            .env("OIDC_KEY_FILE", dir.join(key))
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(f) = fault {
            cmd.env("OIDC_FAULT", f);
        }
        let mut child = cmd.spawn().expect("start node");
        let stdout = child.stdout.take().expect("provider stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("provider says it is ready");
        assert!(
            line.starts_with("ready "),
            "the provider did not start: {line:?}"
        );
        Some(Provider { child, port, dir })
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn peers_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/peers"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn write(path: &Path, value: &serde_json::Value) {
    std::fs::write(path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
}

/// The people at the provider. `anna` has the demo learner's employee
/// number once a test gives it to that account; `onbekend` is known to
/// the provider but not to the platform.
fn accounts() -> serde_json::Value {
    serde_json::json!({
        "anna": {
            "email": "anna.devries@demodorp.example",
            "name": "Anna de Vries",
            "employee_number": "E1001",
            "groups": ["lms-hr", "iedereen"]
        },
        "onbekend": {
            "email": "nieuw@demodorp.example",
            "name": "Nieuwe Collega",
            "employee_number": "E9999",
            "groups": []
        },
        "leerling": {
            "email": "leerling@demodorp.example",
            "name": "Lotte Leerling",
            "groups": []
        }
    })
}

fn clients() -> serde_json::Value {
    serde_json::json!([{
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [format!("{PUBLIC_URL}/inloggen/organisatie/terug")],
        "post_logout_redirect_uris": [format!("{PUBLIC_URL}/uitgelogd?provider=1")]
    }])
}

/// The platform's settings for this provider.
pub fn configure(
    settings: &mut server::config::Settings,
    provider: &Provider,
    create_accounts: bool,
) {
    settings.sso = server::config::SsoSettings {
        oidc_issuer: Some(provider.issuer()),
        oidc_client_id: Some(CLIENT_ID.into()),
        oidc_client_secret: Some(CLIENT_SECRET.into()),
        oidc_role_map: "lms-hr=hr,lms-beheer=admin".into(),
        oidc_create_accounts: create_accounts,
        oidc_organisation: "Gemeente Demodorp".into(),
        ..Default::default()
    };
    settings.public_url = Some(PUBLIC_URL.into());
}

/// The browser's side at the provider: follow its redirects, fill in the
/// login form as `login`, until it sends the browser back to the platform.
/// Returns the callback address (path and query) on the platform.
pub async fn log_in_at_provider(authorize_url: &str, login: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let mut url = reqwest::Url::parse(authorize_url).unwrap();
    let mut posted = false;
    for _ in 0..12 {
        let res = client.get(url.clone()).send().await.unwrap();
        let status = res.status();
        if status.is_redirection() {
            let location = res.headers()["location"].to_str().unwrap().to_string();
            let next = url.join(&location).unwrap();
            if next.as_str().starts_with(PUBLIC_URL) {
                return next.as_str()[PUBLIC_URL.len()..].to_string();
            }
            url = next;
            continue;
        }
        let body = res.text().await.unwrap();
        assert!(
            status.is_success() && body.contains("name=\"login\"") && !posted,
            "unexpected page at the provider ({status}): {body}"
        );
        let action = body
            .split("action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the login form's action");
        let res = client
            .post(url.join(action).unwrap())
            .form(&[("login", login)])
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_redirection(),
            "login at the provider: {}",
            res.status()
        );
        url = url
            .join(res.headers()["location"].to_str().unwrap())
            .unwrap();
        posted = true;
    }
    panic!("the provider never sent the browser back");
}
