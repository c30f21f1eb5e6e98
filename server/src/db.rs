//! Connecting to the database and bringing its schema up to date.
//!
//! SQLite is the default: the file (and its folder) is created on first start,
//! with WAL journaling (readers never wait for the writer), foreign keys on,
//! and a busy timeout so concurrent writers queue instead of failing.

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Open the pool. For SQLite, creates the file's folder if needed.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if let Some(path) = sqlite_file(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    DbErr::Custom(format!("cannot create folder {}: {e}", dir.display()))
                })?;
            }
        }
        opts.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    }
    Database::connect(opts).await
}

/// The PostgreSQL advisory lock the migrations run under ("leerplat" in
/// ASCII): several nodes starting at once migrate one after the other, and
/// all but the first find nothing left to do.
const MIGRATION_LOCK: i64 = 0x6c65_6572_706c_6174;

/// Run every pending migration. On PostgreSQL under an advisory lock, held
/// by a connection of its own for as long as the migrations run (another
/// node starting at the same moment waits for it, instead of failing on a
/// table that appeared meanwhile).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::DbBackend;
    if db.get_database_backend() != DbBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    let pool = db.get_postgres_connection_pool();
    if pool.options().get_max_connections() < 2 {
        // The lock would hold the only connection the migrations could use.
        return Migrator::up(db, None).await;
    }
    let mut lock = pool.acquire().await.map_err(|e| {
        DbErr::Custom(format!(
            "cannot take a connection for the migration lock: {e}"
        ))
    })?;
    sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *lock)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot take the migration lock: {e}")))?;
    let result = Migrator::up(db, None).await;
    let unlocked = sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *lock)
        .await;
    if let Err(e) = unlocked {
        // The lock ends with the connection: close it rather than return it.
        tracing::warn!(error = %e, "cannot release the migration lock; closing its connection");
        lock.detach();
    }
    result
}

/// The file a `sqlite:` URL names (`None` for in-memory or other URLs).
pub fn sqlite_file(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(path.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_file("sqlite://data/x.db?mode=rwc").as_deref(),
            Some("data/x.db")
        );
        assert_eq!(sqlite_file("sqlite:x.db").as_deref(), Some("x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
