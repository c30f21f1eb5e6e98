//! Sign-in throttling, stored in `sign_in_failures` (shared by every node):
//! each failed sign-in counts against the typed account and against the
//! address it came from; the rule of how long each must then wait is
//! `domain::throttle`.

use super::sql::sql;
use chrono::{DateTime, Duration, Utc};
use domain::throttle::{Allowance, ACCOUNT, ADDRESS};
use sea_orm::{ConnectionTrait, DbErr};

/// The keys a sign-in counts against: the account as typed (normalised,
/// existing or not) and, when known, the address.
pub fn keys(email: &str, address: Option<std::net::IpAddr>) -> Vec<(String, Allowance)> {
    let mut keys = vec![(account_key(email), ACCOUNT)];
    if let Some(ip) = address {
        keys.push((format!("address:{ip}"), ADDRESS));
    }
    keys
}

/// The key of an account: the typed address, normalised as sign-in
/// compares it.
pub fn account_key(email: &str) -> String {
    format!("account:{}", super::accounts::normalise_email(email))
}

/// The stored failures of each key, read once per sign-in (one query) and
/// used both to decide whether it must wait and to count a failure.
pub struct Failures {
    keys: Vec<(String, Allowance, Option<Row>)>,
}

type Row = (u32, DateTime<Utc>, Option<DateTime<Utc>>);

/// Read what is stored for `keys`.
pub async fn read(
    db: &impl ConnectionTrait,
    keys: Vec<(String, Allowance)>,
) -> Result<Failures, DbErr> {
    let placeholders: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
    let rows = db
        .query_all_raw(sql(
            db.get_database_backend(),
            &format!(
                "SELECT key, failures, last_failure_at, blocked_until FROM sign_in_failures \
                 WHERE key IN ({})",
                placeholders.join(", ")
            ),
            keys.iter().map(|(k, _)| k.as_str().into()).collect(),
        ))
        .await?;
    let mut stored = std::collections::HashMap::new();
    for row in rows {
        let key: String = row.try_get("", "key")?;
        let failures: i32 = row.try_get("", "failures")?;
        stored.insert(
            key,
            (
                u32::try_from(failures).unwrap_or(0),
                row.try_get("", "last_failure_at")?,
                row.try_get("", "blocked_until")?,
            ),
        );
    }
    Ok(Failures {
        keys: keys
            .into_iter()
            .map(|(k, a)| {
                let row = stored.remove(&k);
                (k, a, row)
            })
            .collect(),
    })
}

impl Failures {
    /// Seconds until every key may try again (`None`: now).
    pub fn wait_left(&self, now: DateTime<Utc>) -> Option<i64> {
        self.keys
            .iter()
            .filter_map(|(_, _, row)| row.as_ref()?.2)
            .map(|until| (until - now).num_seconds())
            .filter(|left| *left > 0)
            .max()
    }
}

/// Count a failed sign-in against every key.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    failures: &Failures,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for (key, allowance, row) in &failures.keys {
        let count = match row {
            Some((count, last, _)) => {
                allowance.count_after_failure(*count, (now - *last).num_seconds())
            }
            None => 1,
        };
        let wait = allowance.wait_after(count);
        let blocked_until = (wait > 0).then(|| now + Duration::seconds(wait));
        db.execute_raw(sql(
            db.get_database_backend(),
            "INSERT INTO sign_in_failures (key, failures, last_failure_at, blocked_until) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, \
               last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until",
            vec![
                key.as_str().into(),
                (count as i32).into(),
                now.into(),
                blocked_until.into(),
            ],
        ))
        .await?;
    }
    Ok(())
}

/// A successful sign-in clears its account's count, if it has one (not the
/// address's: one right password must not unlock guessing at other
/// accounts).
pub async fn clear_account(db: &impl ConnectionTrait, failures: &Failures) -> Result<(), DbErr> {
    for (key, _, row) in &failures.keys {
        if row.is_some() && key.starts_with("account:") {
            db.execute_raw(sql(
                db.get_database_backend(),
                "DELETE FROM sign_in_failures WHERE key = $1",
                vec![key.as_str().into()],
            ))
            .await?;
        }
    }
    Ok(())
}
