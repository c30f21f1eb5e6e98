//! Reading the audit log (writing it is `crate::ssr::audit::record`, which
//! every capability calls in the same transaction as what it records).

use crate::ssr::entities::{audit_log, users};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Entries per page.
pub const PER_PAGE: u64 = 100;

/// One entry, with its actor's name and address.
pub struct Entry {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub details: String,
}

/// Page `page` (from 1) of the entries of kind `action` (all when `None`),
/// newest first, and whether there are older ones.
pub async fn page(
    db: &impl ConnectionTrait,
    action: Option<&str>,
    page: u32,
) -> Result<(Vec<Entry>, bool), DbErr> {
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(a) = action {
        query = query.filter(audit_log::Column::Action.eq(a));
    }
    let mut entries = query
        .offset((u64::from(page.max(1)) - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
        .all(db)
        .await?;
    let more = entries.len() as u64 > PER_PAGE;
    entries.truncate(PER_PAGE as usize);
    let actor_ids: Vec<i32> = entries.iter().filter_map(|e| e.actor_id).collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.display_name, u.email)))
        .collect();
    let rows = entries
        .into_iter()
        .map(|e| Entry {
            at: e.at,
            actor: e.actor_id.and_then(|id| names.get(&id).cloned()),
            action: e.action,
            subject: e.subject,
            details: e.details,
        })
        .collect();
    Ok((rows, more))
}

/// Every kind of entry the log holds.
pub async fn kinds(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Action)
        .distinct()
        .order_by_asc(audit_log::Column::Action)
        .into_tuple()
        .all(db)
        .await
}
