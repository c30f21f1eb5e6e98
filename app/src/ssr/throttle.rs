//! Sign-in throttling, stored in `sign_in_failures` (shared by every node):
//! each failed sign-in counts against the typed account and against the
//! address it came from; the rule of how long each must then wait is
//! `domain::throttle`.

use super::status::sql;
use chrono::{DateTime, Duration, Utc};
use domain::throttle::{Allowance, ACCOUNT, ADDRESS};
use sea_orm::{ConnectionTrait, DbErr};

/// The keys a sign-in counts against: the account as typed (normalised,
/// existing or not) and, when known, the address.
pub fn keys(email: &str, address: Option<std::net::IpAddr>) -> Vec<(String, Allowance)> {
    let mut keys = vec![(
        format!("account:{}", super::accounts::normalise_email(email)),
        ACCOUNT,
    )];
    if let Some(ip) = address {
        keys.push((format!("address:{ip}"), ADDRESS));
    }
    keys
}

/// Seconds until any of `keys` may try again (`None`: now).
pub async fn wait_left(
    db: &impl ConnectionTrait,
    keys: &[(String, Allowance)],
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let mut longest = None;
    for (key, _) in keys {
        if let Some((_, _, Some(until))) = read(db, key).await? {
            let left = (until - now).num_seconds();
            if left > 0 && longest.is_none_or(|l| left > l) {
                longest = Some(left);
            }
        }
    }
    Ok(longest)
}

/// Count a failed sign-in against every key.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    keys: &[(String, Allowance)],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for (key, allowance) in keys {
        let failures = match read(db, key).await? {
            Some((failures, last, _)) => {
                allowance.count_after_failure(failures, (now - last).num_seconds())
            }
            None => 1,
        };
        let wait = allowance.wait_after(failures);
        let blocked_until = (wait > 0).then(|| now + Duration::seconds(wait));
        db.execute_raw(sql(
            db.get_database_backend(),
            "INSERT INTO sign_in_failures (key, failures, last_failure_at, blocked_until) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, \
               last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until",
            vec![
                key.as_str().into(),
                (failures as i32).into(),
                now.into(),
                blocked_until.into(),
            ],
        ))
        .await?;
    }
    Ok(())
}

/// A successful sign-in clears its account's count (not the address's:
/// one right password must not unlock guessing at other accounts).
pub async fn clear_account(db: &impl ConnectionTrait, email: &str) -> Result<(), DbErr> {
    let key = format!("account:{}", super::accounts::normalise_email(email));
    db.execute_raw(sql(
        db.get_database_backend(),
        "DELETE FROM sign_in_failures WHERE key = $1",
        vec![key.into()],
    ))
    .await?;
    Ok(())
}

type Row = (u32, DateTime<Utc>, Option<DateTime<Utc>>);

async fn read(db: &impl ConnectionTrait, key: &str) -> Result<Option<Row>, DbErr> {
    let Some(row) = db
        .query_one_raw(sql(
            db.get_database_backend(),
            "SELECT failures, last_failure_at, blocked_until FROM sign_in_failures WHERE key = $1",
            vec![key.into()],
        ))
        .await?
    else {
        return Ok(None);
    };
    let failures: i32 = row.try_get("", "failures")?;
    Ok(Some((
        u32::try_from(failures).unwrap_or(0),
        row.try_get("", "last_failure_at")?,
        row.try_get("", "blocked_until")?,
    )))
}
