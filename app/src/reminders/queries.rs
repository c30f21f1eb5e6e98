//! Who is due which reminder today, the claims that make each mail go out
//! once, the scheduler's lease, and the learner's mail choice.

use crate::ssr::sql::{date, sql};
use chrono::{Duration, NaiveDate, Utc};
use domain::completion::Date;
use domain::reminders::{digest_key, due_today, learner_key, MailChoice, Threshold};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Value};
use std::collections::HashMap;

/// One mail to send: to whom, under which key, and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub user_id: i32,
    pub email: String,
    pub name: String,
    /// The recipient's interface language (`nl`, `en`).
    pub locale: String,
    /// The claim's key (`domain::reminders`).
    pub key: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Learner {
        course_id: String,
        course: String,
        due: Date,
        threshold: Threshold,
    },
    Digest {
        lines: Vec<DigestLine>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DigestLine {
    pub name: String,
    pub course: String,
    pub due: Date,
    pub department: String,
}

#[derive(FromQueryResult)]
struct DueRow {
    user_id: i32,
    course_id: String,
    next_due_on: NaiveDate,
    email: String,
    display_name: String,
    locale: String,
    mail_choice: String,
}

#[derive(FromQueryResult)]
struct ManagerRow {
    id: i32,
    email: String,
    display_name: String,
    locale: String,
    department_id: i32,
}

#[derive(FromQueryResult)]
struct OverdueRow {
    display_name: String,
    course_id: String,
    next_due_on: NaiveDate,
    department_id: Option<i32>,
}

/// Every reminder due `today` that has not been sent yet: learners'
/// (active accounts, mandatory courses not done or about to expire, in the
/// catalog) and managers' weekly digests (when someone below them is late).
pub async fn plan(
    db: &impl ConnectionTrait,
    course_titles: &HashMap<String, String>,
    today: NaiveDate,
    days_before: u32,
) -> Result<Vec<Planned>, DbErr> {
    let backend = db.get_database_backend();
    let Some(today_d) = date(today) else {
        return Ok(Vec::new());
    };
    let horizon = today + Duration::days(i64::from(days_before));
    let rows = DueRow::find_by_statement(sql(
        backend,
        "SELECT s.user_id, s.course_id, s.next_due_on, u.email, u.display_name, u.locale, u.mail_choice \
         FROM course_status s JOIN users u ON u.id = s.user_id \
         WHERE s.active AND u.active AND u.anonymised_at IS NULL \
           AND s.due_on IS NOT NULL AND s.next_due_on IS NOT NULL AND s.next_due_on <= $1 \
         ORDER BY s.user_id, s.course_id",
        vec![horizon.into()],
    ))
    .all(db)
    .await?;
    let mut planned = Vec::new();
    for r in rows {
        let (Some(course), Some(due)) = (course_titles.get(&r.course_id), date(r.next_due_on))
        else {
            continue;
        };
        let choice = MailChoice::from_code(&r.mail_choice);
        let Some(threshold) = due_today(today_d, due, days_before, choice) else {
            continue;
        };
        planned.push(Planned {
            user_id: r.user_id,
            email: r.email,
            name: r.display_name,
            locale: r.locale,
            key: learner_key(&r.course_id, due, threshold),
            kind: Kind::Learner {
                course_id: r.course_id,
                course: course.clone(),
                due,
                threshold,
            },
        });
    }
    planned.extend(digests(db, course_titles, today, today_d).await?);
    let sent = already_sent(db, &planned).await?;
    planned.retain(|p| !sent.contains(&(p.user_id, p.key.clone())));
    Ok(planned)
}

async fn digests(
    db: &impl ConnectionTrait,
    course_titles: &HashMap<String, String>,
    today: NaiveDate,
    today_d: Date,
) -> Result<Vec<Planned>, DbErr> {
    let backend = db.get_database_backend();
    let managers = ManagerRow::find_by_statement(sql(
        backend,
        "SELECT u.id, u.email, u.display_name, u.locale, u.department_id FROM users u \
         WHERE u.active AND u.anonymised_at IS NULL AND u.department_id IS NOT NULL \
           AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'manager') \
         ORDER BY u.id",
        vec![],
    ))
    .all(db)
    .await?;
    if managers.is_empty() {
        return Ok(Vec::new());
    }
    let overdue = OverdueRow::find_by_statement(sql(
        backend,
        "SELECT u.display_name, s.course_id, s.next_due_on, s.department_id \
         FROM course_status s JOIN users u ON u.id = s.user_id \
         WHERE s.active AND u.active AND s.due_on IS NOT NULL AND s.next_due_on < $1 \
         ORDER BY s.next_due_on, u.display_name, s.course_id",
        vec![today.into()],
    ))
    .all(db)
    .await?;
    let tree = crate::ssr::report_summary::department_tree(db).await?;
    let mut out = Vec::new();
    for m in managers {
        let lines: Vec<DigestLine> = overdue
            .iter()
            .filter(|o| {
                o.department_id
                    .is_some_and(|d| tree.is_within(d, m.department_id))
            })
            .filter_map(|o| {
                Some(DigestLine {
                    name: o.display_name.clone(),
                    course: course_titles.get(&o.course_id)?.clone(),
                    due: date(o.next_due_on)?,
                    department: o
                        .department_id
                        .map(|d| tree.path_name(d))
                        .unwrap_or_default(),
                })
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        out.push(Planned {
            user_id: m.id,
            email: m.email,
            name: m.display_name,
            locale: m.locale,
            key: digest_key(today_d),
            kind: Kind::Digest { lines },
        });
    }
    Ok(out)
}

async fn already_sent(
    db: &impl ConnectionTrait,
    planned: &[Planned],
) -> Result<std::collections::HashSet<(i32, String)>, DbErr> {
    #[derive(FromQueryResult)]
    struct Sent {
        user_id: i32,
        key: String,
    }
    let mut users: Vec<i32> = planned.iter().map(|p| p.user_id).collect();
    users.sort_unstable();
    users.dedup();
    let mut out = std::collections::HashSet::new();
    for chunk in users.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let rows = Sent::find_by_statement(sql(
            db.get_database_backend(),
            &format!(
                "SELECT user_id, key FROM reminders_sent WHERE user_id IN ({})",
                marks.join(", ")
            ),
            chunk.iter().map(|&u| Value::from(u)).collect(),
        ))
        .all(db)
        .await?;
        out.extend(rows.into_iter().map(|r| (r.user_id, r.key)));
    }
    Ok(out)
}

/// Claim one mail inside `txn`: `true` when this transaction may send it
/// (no one recorded it before). A concurrent claim of the same mail waits
/// for this transaction and then finds the row.
pub async fn claim(txn: &impl ConnectionTrait, user_id: i32, key: &str) -> Result<bool, DbErr> {
    let done = txn
        .execute_raw(sql(
            txn.get_database_backend(),
            "INSERT INTO reminders_sent (user_id, key, sent_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, key) DO NOTHING",
            vec![user_id.into(), key.into(), Utc::now().into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The scheduled job's name in `scheduled_jobs` (`ssr::jobs`).
pub const JOB: &str = "reminders";

pub async fn mail_choice(db: &impl ConnectionTrait, user_id: i32) -> Result<MailChoice, DbErr> {
    use crate::ssr::entities::users;
    use sea_orm::EntityTrait;
    Ok(users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|u| MailChoice::from_code(&u.mail_choice))
        .unwrap_or(MailChoice::All))
}

pub async fn set_mail_choice(
    db: &impl ConnectionTrait,
    user_id: i32,
    choice: MailChoice,
) -> Result<(), DbErr> {
    db.execute_raw(sql(
        db.get_database_backend(),
        "UPDATE users SET mail_choice = $1, updated_at = $2 WHERE id = $3",
        vec![choice.code().into(), Utc::now().into(), user_id.into()],
    ))
    .await?;
    Ok(())
}
