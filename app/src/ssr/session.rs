//! Server-side sessions: who is asking.
//!
//! The cookie holds a random 256-bit token; the database holds only its
//! SHA-256, so a copy of the database yields no usable session. Sign-in always
//! creates a new session id (no fixation); sign-out deletes it. Sessions
//! expire after [`IDLE_MINUTES`] without use and, used or not,
//! [`ABSOLUTE_HOURS`] after sign-in (OWASP ASVS 3.3); `last_seen_at` is
//! refreshed at most every few minutes so reading a page costs no write.
//!
//! A resolved session is kept in memory for a few seconds ([`SessionCache`]), so a
//! learner clicking through a course costs no session query per page.
//! Signing out and any change to accounts (import, moves,
//! deactivation) empties the whole cache.

use super::accounts::{self, Role};
use super::entities::{sessions, users};
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, QueryFilter,
};
use sha2::{Digest, Sha256};

/// The session cookie's name over plain HTTP (a local demo)…
pub const COOKIE_NAME: &str = "lp_sessie";
/// …and over TLS: the `__Host-` prefix makes the browser refuse the cookie
/// unless it is `Secure`, for the whole host (`Path=/`) and without a
/// `Domain`, so a sibling subdomain or a plain-HTTP page cannot plant one.
pub const SECURE_COOKIE_NAME: &str = "__Host-lp_sessie";
/// A session ends after this long without a request…
pub const IDLE_MINUTES: i64 = 120;
/// …and this long after sign-in at the latest: one working day.
pub const ABSOLUTE_HOURS: i64 = 12;
const REFRESH_AFTER_MINUTES: i64 = 5;

pub use crate::auth::CurrentUser;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Start a session for `user_id` (signed in with a password); returns the
/// token for the cookie.
pub async fn create(db: &impl ConnectionTrait, user_id: i32) -> Result<String, DbErr> {
    create_session(db, user_id, false).await
}

/// Start a session for `user_id`, who signed in at the organisation's
/// identity provider (sign-out then offers to sign out there too).
pub async fn create_via_organisation(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<String, DbErr> {
    create_session(db, user_id, true).await
}

async fn create_session(
    db: &impl ConnectionTrait,
    user_id: i32,
    via_organisation: bool,
) -> Result<String, DbErr> {
    let token = new_token();
    let now = Utc::now();
    sessions::Entity::insert(sessions::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(IDLE_MINUTES)),
        last_seen_at: Set(now),
        via_organisation: Set(via_organisation),
    })
    .exec(db)
    .await?;
    Ok(token)
}

/// Whether the session behind `token` began at the organisation's
/// identity provider.
pub async fn began_via_organisation(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    Ok(sessions::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
        .is_some_and(|s| s.via_organisation))
}

pub async fn destroy(
    db: &impl ConnectionTrait,
    cache: &SessionCache,
    token: &str,
) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(token_hash(token))
        .exec(db)
        .await?;
    // After the delete: a lookup that read the session just before it can
    // no longer keep its answer (see `SessionCache::put`).
    cache.forget_all();
    Ok(())
}

/// Resolved sessions, kept in this process for a few seconds (30 s by
/// default, `SESSION_CACHE_SECONDS`; 0 turns it off). One per [`AppState`]
/// (`sessions`), so tests and several instances in one process never share
/// one. An entry is never used past its session's expiry, and the whole
/// cache is emptied by [`SessionCache::forget_all`] after every sign-out and
/// every change to accounts, so a signed-out session, a deactivated person
/// or a changed role takes effect at once. Several server processes on one
/// PostgreSQL database hear each other's changes through `ssr::cluster`
/// (triggers and `LISTEN`/`NOTIFY`), and cache nothing while they cannot.
///
/// [`AppState`]: super::AppState
#[derive(Clone)]
pub struct SessionCache(std::sync::Arc<CacheInner>);

struct CacheInner {
    entries: std::sync::Mutex<std::collections::HashMap<String, CacheEntry>>,
    generation: std::sync::atomic::AtomicU64,
    ttl: std::time::Duration,
    /// Off while a node on PostgreSQL does not hear the other nodes
    /// (`ssr::cluster`): then nothing is cached.
    trusted: std::sync::atomic::AtomicBool,
}

struct CacheEntry {
    user: CurrentUser,
    expires_at: DateTime<Utc>,
    stored: std::time::Instant,
    generation: u64,
}

/// More entries than this and the cache starts over (memory stays bounded).
const CACHE_MAX_ENTRIES: usize = 100_000;

impl SessionCache {
    /// A cache that keeps a resolved session for `ttl`, at most the refresh
    /// interval of `last_seen_at`: only a lookup that asks the database
    /// refreshes it, so a longer time would let an active session run out
    /// after `IDLE_MINUTES`.
    pub fn new(ttl: std::time::Duration) -> SessionCache {
        let most = std::time::Duration::from_secs(60 * REFRESH_AFTER_MINUTES.unsigned_abs());
        SessionCache(std::sync::Arc::new(CacheInner {
            entries: Default::default(),
            generation: Default::default(),
            ttl: ttl.min(most),
            trusted: std::sync::atomic::AtomicBool::new(true),
        }))
    }

    /// No caching: every lookup asks the database.
    pub fn off() -> SessionCache {
        SessionCache::new(std::time::Duration::ZERO)
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, CacheEntry>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.0.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn generation(&self) -> u64 {
        self.0.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Cache only while the other nodes' changes are heard (see
    /// `ssr::cluster`); a cache that is no longer trusted is emptied.
    pub fn set_trusted(&self, trusted: bool) {
        self.0
            .trusted
            .store(trusted, std::sync::atomic::Ordering::Release);
        if !trusted {
            self.forget_all();
        }
    }

    /// Whether this cache keeps sessions now (see [`SessionCache::set_trusted`]).
    pub fn is_trusted(&self) -> bool {
        self.0.trusted.load(std::sync::atomic::Ordering::Acquire)
    }

    fn caching(&self) -> bool {
        !self.0.ttl.is_zero() && self.0.trusted.load(std::sync::atomic::Ordering::Acquire)
    }

    fn get(&self, id: &str) -> Option<CurrentUser> {
        if !self.caching() {
            return None;
        }
        let generation = self.generation();
        let entries = self.entries();
        let e = entries.get(id)?;
        (e.generation == generation && e.stored.elapsed() < self.0.ttl && e.expires_at > Utc::now())
            .then(|| e.user.clone())
    }

    /// Keep a session resolved from the database. `generation` is the one
    /// read before the database was asked: after a sign-out or a change to
    /// accounts meanwhile ([`SessionCache::forget_all`]) it is outdated, and
    /// `get` never returns the entry.
    fn put(&self, id: String, user: CurrentUser, expires_at: DateTime<Utc>, generation: u64) {
        if !self.caching() {
            return;
        }
        let mut entries = self.entries();
        if entries.len() >= CACHE_MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            id,
            CacheEntry {
                user,
                expires_at,
                stored: std::time::Instant::now(),
                generation,
            },
        );
    }

    /// Forget every resolved session: call after a committed change to
    /// accounts, roles or departments of people.
    pub fn forget_all(&self) {
        self.0
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        self.entries().clear();
    }
}

/// The person behind a session token, if the session is valid and the
/// account active. One query (session, account and roles together); the
/// expired session is deleted, and `last_seen_at` refreshed now and then.
pub async fn lookup(
    db: &DatabaseConnection,
    cache: &SessionCache,
    token: &str,
) -> Result<Option<CurrentUser>, DbErr> {
    let id = token_hash(token);
    if let Some(user) = cache.get(&id) {
        return Ok(Some(user));
    }
    let generation = cache.generation();
    let now = Utc::now();
    let backend = db.get_database_backend();
    let roles = match backend {
        DbBackend::Postgres => "string_agg(r.role, ',')",
        _ => "group_concat(r.role, ',')",
    };
    let Some(row) = db
        .query_one_raw(super::sql::sql(
            backend,
            &format!(
                "SELECT s.expires_at, s.last_seen_at, s.created_at, u.id, u.display_name, u.email, u.department_id, \
                   (SELECT {roles} FROM user_roles r WHERE r.user_id = u.id) AS roles \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.id = $1 AND u.active = TRUE"
            ),
            vec![id.as_str().into()],
        ))
        .await?
    else {
        return Ok(None);
    };
    let expires_at: DateTime<Utc> = row.try_get("", "expires_at")?;
    let last_seen_at: DateTime<Utc> = row.try_get("", "last_seen_at")?;
    let created_at: DateTime<Utc> = row.try_get("", "created_at")?;
    let absolute_end = created_at + Duration::hours(ABSOLUTE_HOURS);
    if expires_at <= now || absolute_end <= now {
        sessions::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let mut expires_at = expires_at;
    if now - last_seen_at > Duration::minutes(REFRESH_AFTER_MINUTES) {
        expires_at = (now + Duration::minutes(IDLE_MINUTES)).min(absolute_end);
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .col_expr(
                sessions::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(expires_at),
            )
            .filter(sessions::Column::Id.eq(id.as_str()))
            .exec(db)
            .await?;
    }
    let roles: Option<String> = row.try_get("", "roles")?;
    let user = CurrentUser {
        id: row.try_get("", "id")?,
        name: row.try_get("", "display_name")?,
        email: row.try_get("", "email")?,
        department_id: row.try_get("", "department_id")?,
        roles: roles
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|r| r.parse::<Role>().ok())
            .collect(),
    };
    cache.put(id, user.clone(), expires_at, generation);
    Ok(Some(user))
}

/// Check an e-mail address and password. The same answer for an unknown
/// address and a wrong password, so sign-in does not reveal who has an account.
pub async fn authenticate(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<Option<users::Model>, DbErr> {
    let user = accounts::find_by_email(db, email).await?;
    match user {
        Some(u) if u.active => {
            let ok = match u.password_hash.as_deref() {
                Some(h) => accounts::verify_password_off_thread(password, h).await,
                None => false,
            };
            Ok(ok.then_some(u))
        }
        _ => {
            // Spend the same time as a real check.
            let _ = accounts::verify_password_off_thread(password, DUMMY_HASH).await;
            Ok(None)
        }
    }
}

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2wRcNpw8Xh6Q2kGmZx0q8e1Kjv3yq1o3e0bq4m3mJ3U";

/// The session cookie's name: with the `__Host-` prefix when cookies are
/// `Secure`.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// The session token from a `Cookie` header. With `secure`, only the
/// `__Host-` cookie counts: a plain one may have been set by someone else.
pub fn token_from_cookie_header(header: &str, secure: bool) -> Option<&str> {
    cookie_value(header, cookie_name(secure))
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    header
        .split(';')
        .filter_map(|part| part.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// `Set-Cookie` value for a new session.
pub fn cookie(token: &str, secure: bool) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        cookie_name(secure),
        ABSOLUTE_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// The session, resolved once per request by the server's middleware and
/// kept in the request's extensions, so the layout and the page do not each
/// query it again.
#[derive(Debug, Clone)]
pub struct ResolvedSession(pub Option<CurrentUser>);

/// The session token in a request's `Cookie` headers, if any.
pub fn token_from_headers(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| token_from_cookie_header(v, secure))
        .map(str::to_string)
}

/// The person behind the request's session cookie, if any.
pub async fn resolve(
    state: &super::AppState,
    headers: &http::HeaderMap,
) -> Result<Option<CurrentUser>, DbErr> {
    match token_from_headers(headers, state.secure(headers)) {
        Some(t) => lookup(&state.db, &state.sessions, &t).await,
        None => Ok(None),
    }
}

/// Inside a server function or an SSR render: the signed-in person, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = super::AppState::from_context()?;
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    if let Some(resolved) = parts.extensions.get::<ResolvedSession>() {
        return Ok(resolved.0.clone());
    }
    // Not resolved by the middleware (a router without it): look it up here.
    Ok(resolve(&state, &parts.headers).await?)
}

/// The signed-in person, or [`AppError::Unauthorized`].
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in person holding one of `roles`, or the right error.
pub async fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if user.has_any(roles) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_parsing() {
        assert_eq!(
            token_from_cookie_header("a=1; lp_sessie=abc; b=2", false),
            Some("abc")
        );
        assert_eq!(token_from_cookie_header("a=1", false), None);
        // Over TLS only the __Host- cookie counts: a plain one may come
        // from a sibling subdomain (session fixation).
        assert_eq!(token_from_cookie_header("lp_sessie=abc", true), None);
        assert_eq!(
            token_from_cookie_header("lp_sessie=planted; __Host-lp_sessie=own", true),
            Some("own")
        );
        assert_eq!(token_from_cookie_header("__Host-lp_sessie=x", false), None);
    }

    #[test]
    fn cookie_flags() {
        let c = cookie("t", true);
        assert!(c.starts_with("__Host-lp_sessie=t; Path=/;"), "{c}");
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!c.contains("Domain"));
        let plain = cookie("t", false);
        assert!(plain.starts_with("lp_sessie=t;") && !plain.contains("Secure"));
        assert!(clearing_cookie(true).starts_with("__Host-lp_sessie=;"));
    }

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        assert!(argon2::password_hash::PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
