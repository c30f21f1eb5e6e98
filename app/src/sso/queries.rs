//! The database side of sign-in through the organisation: sign-ins under
//! way (taken once), linking the person to an account (or creating one),
//! and the admins' switch for local passwords.

use super::types::Refusal;
use crate::ssr::entities::{platform_settings, sso_logins, user_roles, users};
use crate::ssr::session::token_hash;
use chrono::{Duration, Utc};
use domain::sso::{link, roles_after, Candidate, Found, Link, ProviderPerson, RoleMap};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, TransactionTrait,
};

/// A sign-in must come back from the provider within this time.
pub const LOGIN_MINUTES: i64 = 10;

/// What the callback needs of a sign-in under way.
pub struct Pending {
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
}

/// Keep a sign-in under way (its `state` and the browser's cookie only as
/// hashes), and forget those that were never finished.
pub async fn remember(
    db: &impl ConnectionTrait,
    state: &str,
    browser_token: &str,
    nonce: &str,
    pkce_verifier: &str,
    next_path: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    sso_logins::Entity::delete_many()
        .filter(sso_logins::Column::CreatedAt.lt(now - Duration::minutes(LOGIN_MINUTES)))
        .exec(db)
        .await?;
    sso_logins::Entity::insert(sso_logins::ActiveModel {
        id: Set(token_hash(state)),
        browser_hash: Set(token_hash(browser_token)),
        nonce: Set(nonce.to_string()),
        pkce_verifier: Set(pkce_verifier.to_string()),
        next_path: Set(next_path.to_string()),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Take the sign-in under way for `state`: only one caller ever gets it
/// (the delete decides, on any node), and only within [`LOGIN_MINUTES`].
pub async fn take(db: &impl ConnectionTrait, state: &str) -> Result<Option<Pending>, DbErr> {
    let id = token_hash(state);
    let Some(row) = sso_logins::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    let deleted = sso_logins::Entity::delete_by_id(id).exec(db).await?;
    if deleted.rows_affected != 1 || row.created_at < Utc::now() - Duration::minutes(LOGIN_MINUTES)
    {
        return Ok(None);
    }
    Ok(Some(Pending {
        browser_hash: row.browser_hash,
        nonce: row.nonce,
        pkce_verifier: row.pkce_verifier,
        next_path: row.next_path,
    }))
}

/// How the person was linked, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Known,
    LinkedNow,
    Created,
}

/// The account of the person the provider vouched for, linked, created or
/// refused ([`domain::sso::link`]); name, e-mail and the roles the provider
/// manages brought up to date. One transaction.
pub async fn account_for(
    db: &DatabaseConnection,
    person: &ProviderPerson,
    role_map: &RoleMap,
    may_create: bool,
) -> Result<Result<(i32, Linked), Refusal>, DbErr> {
    let txn = db.begin().await?;
    let candidate = |u: users::Model| Candidate {
        id: u.id,
        active: u.active,
        subject: u.sso_subject,
    };
    let by_subject = users::Entity::find()
        .filter(users::Column::SsoSubject.eq(person.subject.as_str()))
        .one(&txn)
        .await?;
    let by_employee_number = match &person.employee_number {
        Some(n) => {
            users::Entity::find()
                .filter(users::Column::EmployeeNumber.eq(n.as_str()))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let by_email = match &person.email {
        Some(e) => crate::ssr::accounts::find_by_email(&txn, e).await?,
        None => None,
    };
    let found = Found {
        by_subject: by_subject.map(candidate),
        by_employee_number: by_employee_number.map(candidate),
        by_email: by_email.map(candidate),
    };
    let decision = match link(&found, person, may_create) {
        Ok(d) => d,
        Err(refusal) => return Ok(Err(refusal.into())),
    };
    let now = Utc::now();
    let (user, linked) = match decision {
        Link::Create => {
            let (Some(email), Some(name)) = (&person.email, &person.name) else {
                return Ok(Err(Refusal::MissingClaims));
            };
            let user = users::ActiveModel {
                email: Set(email.clone()),
                display_name: Set(name.clone()),
                password_hash: Set(None),
                department_id: Set(None),
                employee_number: Set(person.employee_number.clone()),
                locale: Set("nl".to_string()),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                sso_subject: Set(Some(person.subject.clone())),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (user, Linked::Created)
        }
        Link::Account { id, first_time } => {
            let Some(user) = users::Entity::find_by_id(id).one(&txn).await? else {
                return Ok(Err(Refusal::Unknown));
            };
            let user = refresh(&txn, user, person, first_time).await?;
            let linked = if first_time {
                Linked::LinkedNow
            } else {
                Linked::Known
            };
            (user, linked)
        }
    };
    set_roles(&txn, user.id, role_map, &person.groups).await?;
    txn.commit().await?;
    Ok(Ok((user.id, linked)))
}

/// Name and e-mail address as the provider has them now (the address only
/// when no other account has it), and the subject on first linking.
async fn refresh(
    txn: &impl ConnectionTrait,
    user: users::Model,
    person: &ProviderPerson,
    first_time: bool,
) -> Result<users::Model, DbErr> {
    let mut changed = false;
    let mut active: users::ActiveModel = user.clone().into();
    if first_time {
        active.sso_subject = Set(Some(person.subject.clone()));
        changed = true;
    }
    if let Some(name) = person.name.as_ref().filter(|n| **n != user.display_name) {
        active.display_name = Set(name.clone());
        changed = true;
    }
    if let Some(email) = person.email.as_ref().filter(|e| **e != user.email) {
        let taken = crate::ssr::accounts::find_by_email(txn, email)
            .await?
            .is_some_and(|other| other.id != user.id);
        if taken {
            tracing::warn!(
                user = user.id,
                "the provider's e-mail address belongs to another account; kept the old one"
            );
        } else {
            active.email = Set(email.clone());
            changed = true;
        }
    }
    if !changed {
        return Ok(user);
    }
    active.updated_at = Set(Utc::now());
    active.update(txn).await
}

/// The roles the provider manages, from its groups; the learner role always.
async fn set_roles(
    txn: &impl ConnectionTrait,
    user_id: i32,
    map: &RoleMap,
    groups: &[String],
) -> Result<(), DbErr> {
    let current: Vec<String> = user_roles::Entity::find()
        .filter(user_roles::Column::UserId.eq(user_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    let mut wanted = roles_after(&current, map, groups);
    if !wanted.iter().any(|r| r == "learner") {
        wanted.push("learner".into());
    }
    for gone in current.iter().filter(|r| !wanted.contains(r)) {
        user_roles::Entity::delete_many()
            .filter(user_roles::Column::UserId.eq(user_id))
            .filter(user_roles::Column::Role.eq(gone.as_str()))
            .exec(txn)
            .await?;
    }
    for new in wanted.iter().filter(|r| !current.contains(r)) {
        user_roles::ActiveModel {
            user_id: Set(user_id),
            role: Set(new.clone()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

const PASSWORDS: &str = "local_passwords";

/// Whether everyone may sign in with a local password (the default), or
/// only admins (break-glass) because the organisation's sign-in is in use.
pub async fn passwords_allowed(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(platform_settings::Entity::find_by_id(PASSWORDS)
        .one(db)
        .await?
        .is_none_or(|s| s.value != "off"))
}

pub async fn set_passwords_allowed(
    db: &DatabaseConnection,
    allowed: bool,
    actor: i32,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    let value = if allowed { "on" } else { "off" };
    platform_settings::Entity::delete_by_id(PASSWORDS)
        .exec(&txn)
        .await?;
    platform_settings::Entity::insert(platform_settings::ActiveModel {
        name: Set(PASSWORDS.to_string()),
        value: Set(value.to_string()),
        updated_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    crate::ssr::audit::record(
        &txn,
        Some(actor),
        "setting_changed",
        "setting:local_passwords",
        serde_json::json!({ "value": value }),
    )
    .await?;
    txn.commit().await
}
