//! Secrets of this installation, kept in the `platform_secrets` table and
//! made on first start (migration 5).

use domain::option_tokens::OptionKey;
use rand_core::{OsRng, RngCore};
use sea_orm::{ConnectionTrait, DbErr};

use super::sql::sql;

const OPTION_KEY: &str = "option_key";

/// The key that names question options on pages. Made once: when two nodes
/// start at the same moment, the first insert wins and both read it back.
pub async fn option_key(db: &impl ConnectionTrait) -> Result<OptionKey, DbErr> {
    let backend = db.get_database_backend();
    if let Some(key) = read(db).await? {
        return Ok(key);
    }
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    db.execute_raw(sql(
        backend,
        "INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        vec![OPTION_KEY.into(), OptionKey::new(bytes).to_hex().into()],
    ))
    .await?;
    read(db).await?.ok_or_else(|| {
        DbErr::Custom("the option key is missing or damaged in platform_secrets".into())
    })
}

async fn read(db: &impl ConnectionTrait) -> Result<Option<OptionKey>, DbErr> {
    let row = db
        .query_one_raw(sql(
            db.get_database_backend(),
            "SELECT value FROM platform_secrets WHERE name = $1",
            vec![OPTION_KEY.into()],
        ))
        .await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let text: String = row.try_get("", "value")?;
            OptionKey::from_hex(&text).map(Some).ok_or_else(|| {
                DbErr::Custom("the option key in platform_secrets is not 64 hex digits".into())
            })
        }
    }
}
