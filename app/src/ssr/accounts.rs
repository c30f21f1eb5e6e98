//! Local accounts: creating people, their roles, and password hashing with
//! argon2id. Sign-in sessions build on this.

use super::entities::{user_roles, users};
pub use crate::auth::Role;
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use chrono::Utc;
use rand_core::OsRng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, TransactionTrait,
};

/// Why a new account was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("'{0}' is not a valid e-mail address")]
    InvalidEmail(String),
    #[error("the password must be at least {min} characters long")]
    PasswordTooShort { min: usize },
    #[error("the password is too easy to guess: it is a common or breached password, a simple pattern, or made of the person's name or address")]
    PasswordTooEasy,
    #[error("the name must not be empty")]
    EmptyName,
    #[error("an account with e-mail address '{0}' already exists")]
    EmailTaken(String),
    #[error("could not hash the password: {0}")]
    Hash(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub const MIN_PASSWORD_LEN: usize = domain::passwords::MIN_LENGTH;

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub department_id: Option<i32>,
    pub roles: &'a [Role],
}

/// The one rule for e-mail addresses (sign-in, new accounts, the HR
/// import): compared trimmed and lowercase, and of the shape mail servers
/// accept (`domain::hr_import::is_valid_email`).
pub use domain::hr_import::{is_valid_email, normalise_email};

pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Password hashing costs tens of milliseconds of CPU and 19 MiB. On the
/// async runtime's threads it would stall every other request on that
/// thread (the load test, `server/benches/load.rs`, saw pages wait half a
/// second behind sign-ins), so it runs on the blocking pool, at most one
/// per CPU at a time: a burst of sign-ins queues instead of taking threads
/// and memory.
async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    static SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _slot = SLOTS.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// [`hash_password`] off the async runtime.
pub async fn hash_password_off_thread(password: &str) -> Result<String, AccountError> {
    let password = password.to_string();
    off_the_runtime(move || hash_password(&password))
        .await
        .unwrap_or_else(|| Err(AccountError::Hash("the hashing task stopped".into())))
}

/// [`verify_password`] off the async runtime.
pub async fn verify_password_off_thread(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_string(), stored.to_string());
    off_the_runtime(move || verify_password(&password, &stored))
        .await
        .unwrap_or(false)
}

/// Constant-time check of a password against a stored argon2 PHC string.
/// A malformed stored hash counts as a mismatch.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Create an account with its roles, in one transaction.
pub async fn create_user(
    db: &DatabaseConnection,
    new: NewUser<'_>,
) -> Result<users::Model, AccountError> {
    insert_user(db, new, false).await
}

/// An account of the demo municipality (`seed-demo`): its password is
/// printed in the README for everyone, so it need not be hard to guess
/// (it must still be long enough). Never for real people.
pub async fn create_demo_user(
    db: &DatabaseConnection,
    new: NewUser<'_>,
) -> Result<users::Model, AccountError> {
    insert_user(db, new, true).await
}

async fn insert_user(
    db: &DatabaseConnection,
    new: NewUser<'_>,
    demo: bool,
) -> Result<users::Model, AccountError> {
    let email = normalise_email(new.email);
    if !is_valid_email(&email) {
        return Err(AccountError::InvalidEmail(new.email.to_string()));
    }
    if new.display_name.trim().is_empty() {
        return Err(AccountError::EmptyName);
    }
    match domain::passwords::check_new_password(new.password, &[new.display_name, &email]) {
        Ok(()) => {}
        Err(domain::passwords::PasswordProblem::TooShort { min }) => {
            return Err(AccountError::PasswordTooShort { min })
        }
        Err(domain::passwords::PasswordProblem::TooEasyToGuess) if !demo => {
            return Err(AccountError::PasswordTooEasy)
        }
        Err(domain::passwords::PasswordProblem::TooEasyToGuess) => {}
    }
    let hash = hash_password_off_thread(new.password).await?;
    let txn = db.begin().await?;
    if users::Entity::find()
        .filter(users::Column::Email.eq(email.clone()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AccountError::EmailTaken(email));
    }
    let now = Utc::now();
    let user = users::ActiveModel {
        email: Set(email),
        display_name: Set(new.display_name.trim().to_string()),
        password_hash: Set(Some(hash)),
        department_id: Set(new.department_id),
        employee_number: Set(None),
        locale: Set("nl".to_string()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut roles: Vec<Role> = new.roles.to_vec();
    if roles.is_empty() {
        roles.push(Role::Learner);
    }
    roles.sort();
    roles.dedup();
    for role in roles {
        user_roles::ActiveModel {
            user_id: Set(user.id),
            role: Set(role.as_str().to_string()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(user)
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<users::Model>, DbErr> {
    users::Entity::find()
        .filter(users::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await
}

pub async fn roles_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Role>, DbErr> {
    let rows = user_roles::Entity::find()
        .filter(user_roles::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    Ok(rows.iter().filter_map(|r| r.role.parse().ok()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape() {
        assert!(is_valid_email("a.b@gemeente.nl"));
        assert!(!is_valid_email("a.b@gemeente"));
        assert!(!is_valid_email("a b@gemeente.nl"));
        assert!(!is_valid_email("@gemeente.nl"));
        assert_eq!(normalise_email(" A.B@Gemeente.NL "), "a.b@gemeente.nl");
    }

    #[test]
    fn password_round_trip() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
        assert!(!verify_password("x", "not a hash"));
    }
}
