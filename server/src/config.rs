//! Settings, from flags and the environment, in one typed struct.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Settings shared by every command. Each can be given as a flag or as the
/// environment variable named in `--help`.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database to use: `sqlite://path/to/file.db` (created on first start) or
    /// `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/leerplatform.db",
        global = true
    )]
    pub database_url: String,

    /// Folder holding the course content (`courses/<id>/...`).
    #[arg(long, env = "CONTENT_DIR", default_value = "content", global = true)]
    pub content_dir: PathBuf,

    /// Address to listen on, e.g. `127.0.0.1:3000` or `0.0.0.0:8080`.
    /// Defaults to the `site-addr` in Cargo.toml's leptos settings.
    #[arg(long, env = "LEPTOS_SITE_ADDR", global = true)]
    pub site_addr: Option<SocketAddr>,

    /// Folder with the built site (`pkg/` with the WASM, JS and CSS bundle).
    #[arg(long, env = "LEPTOS_SITE_ROOT", global = true)]
    pub site_root: Option<String>,

    /// Reload the content automatically when a file under the content
    /// folder changes (for authors working locally). In production, reload with
    /// `SIGHUP` or the admin page instead.
    #[arg(long, env = "WATCH_CONTENT", global = true)]
    pub watch_content: bool,

    /// Log output: `pretty` (for people) or `json` (for log collectors).
    #[arg(long, env = "LOG_FORMAT", default_value = "pretty", global = true)]
    pub log_format: LogFormat,

    /// Cookies only over HTTPS: `Secure`, the session cookie with the
    /// `__Host-` prefix, and HSTS. `auto` (the default): for requests the
    /// reverse proxy marks as HTTPS (`X-Forwarded-Proto: https` or
    /// `Forwarded: proto=https`). `on`: always (TLS without such a proxy).
    /// `off`: never.
    #[arg(
        long,
        env = "SECURE_COOKIES",
        value_enum,
        default_value_t = CookieSecurity::Auto,
        global = true
    )]
    pub secure_cookies: CookieSecurity,

    /// Reverse proxies in front of the platform, as addresses or networks
    /// (`127.0.0.1,10.0.0.0/8`). For requests from them the client's address
    /// (for sign-in throttling) is read from `X-Forwarded-For`; otherwise it
    /// is the connection's own. Empty: no proxy is trusted.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,

    /// Who may read `/metrics`: addresses or networks of the connection
    /// itself (Prometheus scrapes each node directly, never through the
    /// load balancer; a request that came through a proxy is refused).
    #[arg(
        long,
        env = "METRICS_FROM",
        default_value = "127.0.0.1,::1",
        global = true
    )]
    pub metrics_from: String,

    /// Largest number of pooled database connections.
    #[arg(
        long,
        env = "DATABASE_MAX_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub database_max_connections: u32,

    /// Seconds a resolved session is kept in memory before the database is
    /// asked again (0: always ask; at most 300). Sign-out and account
    /// changes take effect at once: in this process directly, and on
    /// PostgreSQL in every other process too (app::ssr::cluster).
    #[arg(
        long,
        env = "SESSION_CACHE_SECONDS",
        default_value_t = 30,
        global = true
    )]
    pub session_cache_seconds: u64,

    /// Months after which an inactive account is anonymised: one that was
    /// deactivated (by the HR import or an admin) and has not signed in or
    /// done anything since. The check runs daily in `serve`, and on demand
    /// with `apply-retention`. 0 turns the rule off. See docs/privacy.md.
    #[arg(
        long,
        env = "RETENTION_INACTIVE_MONTHS",
        default_value_t = 24,
        global = true
    )]
    pub retention_inactive_months: u32,

    /// The platform's address as people's browsers reach it
    /// (`https://leren.gemeente.nl`): for the links in e-mails, and the
    /// identity provider sends people back to
    /// `<PUBLIC_URL>/inloggen/organisatie/terug`.
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Sign-in through the organisation's identity provider (OpenID Connect).
    #[command(flatten)]
    pub sso: SsoSettings,

    /// E-mail reminders for mandatory training.
    #[command(flatten)]
    pub mail: MailSettings,
}

/// E-mail reminders for mandatory training (docs/operations.md,
/// "Herinneringen per e-mail"). Off unless `SMTP_URL` is set.
#[derive(Debug, Clone, Args)]
pub struct MailSettings {
    /// The mail server: `smtps://smtp.gemeente.nl` (TLS, port 465),
    /// `smtp://smtp.gemeente.nl:587?tls=required` (STARTTLS), or
    /// `smtp://127.0.0.1:2525` (no TLS: only on the same host). Empty: no
    /// reminders.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// The user to sign in to the mail server with (its password in
    /// `SMTP_PASSWORD_FILE`).
    #[arg(long, env = "SMTP_USER", global = true)]
    pub smtp_user: Option<String>,

    /// A file holding the mail server's password.
    #[arg(long, env = "SMTP_PASSWORD_FILE", global = true)]
    pub smtp_password_file: Option<PathBuf>,

    /// The sender of the reminders.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Leerplatform Participatie <leerplatform@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Days before the due date of the first reminder.
    #[arg(long, env = "REMINDER_DAYS_BEFORE", default_value_t = 7, global = true)]
    pub reminder_days_before: u32,

    /// Minutes between reminder rounds (each mail goes out once, however
    /// often a round runs).
    #[arg(
        long,
        env = "REMINDER_EVERY_MINUTES",
        default_value_t = 60,
        global = true
    )]
    pub reminder_every_minutes: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_url: None,
            smtp_user: None,
            smtp_password_file: None,
            mail_from: "Leerplatform Participatie <leerplatform@localhost>".into(),
            reminder_days_before: 7,
            reminder_every_minutes: 60,
        }
    }
}

impl MailSettings {
    /// The mail server and reminder settings, or `None` when `SMTP_URL` is
    /// not set. Says which setting is wrong and why.
    pub fn reminders(
        &self,
        public_url: Option<&str>,
    ) -> Result<Option<app::reminders::job::Reminders>, String> {
        let Some(url) = self.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let public_url = public_url
            .filter(|u| !u.trim().is_empty())
            .ok_or("SMTP_URL is set, so PUBLIC_URL is needed too (for the links in the mails)")?
            .trim_end_matches('/')
            .to_string();
        let credentials = match (&self.smtp_user, &self.smtp_password_file) {
            (Some(user), Some(file)) => Some((
                user.clone(),
                std::fs::read_to_string(file)
                    .map_err(|e| format!("cannot read SMTP_PASSWORD_FILE {}: {e}", file.display()))?
                    .trim()
                    .to_string(),
            )),
            (None, None) => None,
            _ => return Err("set SMTP_USER and SMTP_PASSWORD_FILE together".into()),
        };
        if self.reminder_every_minutes == 0 {
            return Err("REMINDER_EVERY_MINUTES must be at least 1".into());
        }
        let mailer = app::reminders::mail::Mailer::new(&app::reminders::mail::MailConfig {
            url: url.trim().to_string(),
            credentials,
            from: self.mail_from.clone(),
        })?;
        Ok(Some(app::reminders::job::Reminders {
            mailer,
            config: app::reminders::job::ReminderConfig {
                days_before: self.reminder_days_before,
                public_url,
                every: std::time::Duration::from_secs(self.reminder_every_minutes * 60),
            },
        }))
    }
}

/// Sign-in through the organisation's identity provider (OpenID Connect).
/// Off unless `OIDC_ISSUER` is set. See docs/operations.md, "Inloggen met
/// de organisatie", for Microsoft Entra ID and Keycloak.
#[derive(Debug, Clone, Args)]
pub struct SsoSettings {
    /// The provider's issuer URL, as in its discovery document
    /// (`https://login.microsoftonline.com/<tenant>/v2.0`,
    /// `https://sso.gemeente.nl/realms/<realm>`). Empty: no sign-in through
    /// the organisation.
    #[arg(long, env = "OIDC_ISSUER", global = true)]
    pub oidc_issuer: Option<String>,

    /// The platform's client id at the provider.
    #[arg(long, env = "OIDC_CLIENT_ID", global = true)]
    pub oidc_client_id: Option<String>,

    /// The client secret. Prefer `OIDC_CLIENT_SECRET_FILE`: a variable's
    /// value can show up in process listings and crash reports.
    #[arg(
        long,
        env = "OIDC_CLIENT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub oidc_client_secret: Option<String>,

    /// A file holding the client secret (one line; e.g. a container secret).
    #[arg(long, env = "OIDC_CLIENT_SECRET_FILE", global = true)]
    pub oidc_client_secret_file: Option<PathBuf>,

    /// The scopes asked for, separated by spaces.
    #[arg(
        long,
        env = "OIDC_SCOPES",
        default_value = "openid profile email",
        global = true
    )]
    pub oidc_scopes: String,

    /// The claim holding the employee number (the HR import's key), to link
    /// a person's first sign-in to their account.
    #[arg(
        long,
        env = "OIDC_EMPLOYEE_NUMBER_CLAIM",
        default_value = "employee_number",
        global = true
    )]
    pub oidc_employee_number_claim: String,

    /// The claim whose values [`SsoSettings::oidc_role_map`] maps to roles
    /// (`groups`, or `roles` for Entra ID app roles).
    #[arg(long, env = "OIDC_ROLE_CLAIM", default_value = "groups", global = true)]
    pub oidc_role_claim: String,

    /// Which claim values give which role: `group=role` pairs separated by
    /// commas (`lms-hr=hr,lms-beheer=admin`). The roles named here are then
    /// managed by the provider (set at every sign-in); others stay as the
    /// platform has them. Empty: the provider manages no roles.
    #[arg(long, env = "OIDC_ROLE_MAP", default_value = "", global = true)]
    pub oidc_role_map: String,

    /// Create an account at the first sign-in of a person no account
    /// matches (by employee number or e-mail address). Off: only people the
    /// HR import (or an admin) added can sign in.
    #[arg(long, env = "OIDC_CREATE_ACCOUNTS", global = true)]
    pub oidc_create_accounts: bool,

    /// The organisation's name on the sign-in button ("Inloggen met …").
    #[arg(
        long,
        env = "OIDC_ORGANISATION",
        default_value = "je organisatie",
        global = true
    )]
    pub oidc_organisation: String,
}

impl Default for SsoSettings {
    fn default() -> Self {
        SsoSettings {
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_client_secret_file: None,
            oidc_scopes: "openid profile email".into(),
            oidc_employee_number_claim: "employee_number".into(),
            oidc_role_claim: "groups".into(),
            oidc_role_map: String::new(),
            oidc_create_accounts: false,
            oidc_organisation: "je organisatie".into(),
        }
    }
}

impl SsoSettings {
    /// The checked settings, or `None` when sign-in through the
    /// organisation is not set up. Says which setting is wrong and why.
    pub fn config(
        &self,
        public_url: Option<&str>,
    ) -> Result<Option<app::sso::flow::SsoConfig>, String> {
        let Some(issuer) = self.oidc_issuer.as_deref().filter(|i| !i.trim().is_empty()) else {
            return Ok(None);
        };
        let client_id = self
            .oidc_client_id
            .clone()
            .filter(|c| !c.trim().is_empty())
            .ok_or("OIDC_ISSUER is set, so OIDC_CLIENT_ID is needed too")?;
        let client_secret = match (&self.oidc_client_secret, &self.oidc_client_secret_file) {
            (Some(_), Some(_)) => {
                return Err("set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both".into())
            }
            (Some(secret), None) => secret.clone(),
            (None, Some(file)) => std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read OIDC_CLIENT_SECRET_FILE {}: {e}", file.display()))?
                .trim()
                .to_string(),
            (None, None) => {
                return Err(
                    "OIDC_ISSUER is set, so OIDC_CLIENT_SECRET_FILE (or OIDC_CLIENT_SECRET) is needed too"
                        .into(),
                )
            }
        };
        if client_secret.is_empty() {
            return Err("the OIDC client secret is empty".into());
        }
        let public_url = public_url
            .filter(|u| !u.trim().is_empty())
            .map(str::to_string)
            .ok_or("OIDC_ISSUER is set, so PUBLIC_URL is needed too (the address people's browsers use, e.g. https://leren.gemeente.nl)")?;
        let role_map = domain::sso::RoleMap::parse(&self.oidc_role_map)
            .map_err(|e| format!("OIDC_ROLE_MAP: {e}"))?;
        for role in role_map.managed_roles() {
            role.parse::<app::auth::Role>()
                .map_err(|e| format!("OIDC_ROLE_MAP: {e}"))?;
        }
        let scopes: Vec<String> = self
            .oidc_scopes
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if !scopes.iter().any(|s| s == "openid") {
            return Err(format!(
                "OIDC_SCOPES '{}' must contain openid",
                self.oidc_scopes
            ));
        }
        Ok(Some(app::sso::flow::SsoConfig {
            issuer: issuer.trim().to_string(),
            client_id,
            client_secret,
            scopes,
            employee_number_claim: self.oidc_employee_number_claim.clone(),
            role_claim: self.oidc_role_claim.clone(),
            role_map,
            create_accounts: self.oidc_create_accounts,
            organisation: self.oidc_organisation.trim().to_string(),
            public_url,
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Whether cookies are `Secure` (see [`Settings::secure_cookies`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CookieSecurity {
    Auto,
    #[value(alias = "true")]
    On,
    #[value(alias = "false")]
    Off,
}

impl From<CookieSecurity> for app::ssr::state::CookieSecurity {
    fn from(c: CookieSecurity) -> Self {
        match c {
            CookieSecurity::Auto => Self::Auto,
            CookieSecurity::On => Self::On,
            CookieSecurity::Off => Self::Off,
        }
    }
}

impl Settings {
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}
