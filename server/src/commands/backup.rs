//! `server backup FILE` and `server restore FILE`: a consistent copy of the
//! whole database while the platform keeps serving, and putting one back
//! into a fresh database (docs/operations.md, "Backups").
//!
//! - **SQLite**: `VACUUM INTO` writes a consistent snapshot (one read
//!   transaction; writers carry on meanwhile) to a new file; the copy is
//!   then opened and checked (`PRAGMA integrity_check`). Restoring copies it
//!   to the `DATABASE_URL` file, which must not exist yet, through a
//!   temporary file, and brings its schema up to date.
//! - **PostgreSQL**: `pg_dump --format=custom` (PostgreSQL's own client, on
//!   the `PATH`), and `pg_restore` into a database that must be empty.
//!
//! Both refuse to overwrite anything: a restore goes into a fresh database,
//! never over live data. Both end by counting what the copy holds (accounts,
//! completion records, answers, audit entries), so the operator sees at once
//! that the records are there.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::{bail, Context};
use clap::Args;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Args)]
pub struct Backup {
    /// The file to write (must not exist yet).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct Restore {
    /// A file made by `server backup` (SQLite file, or pg_dump archive).
    pub file: PathBuf,
}

/// What a copy holds, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub users: i64,
    pub records: i64,
    pub answers: i64,
    pub audit: i64,
}

/// Count what `db` holds.
pub async fn count(db: &DatabaseConnection) -> anyhow::Result<Counts> {
    let n = |table: &'static str| async move {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await?
            .context("COUNT gave no row")?;
        anyhow::Ok(row.try_get::<i64>("", "n")?)
    };
    Ok(Counts {
        users: n("users").await?,
        records: n("completion_records").await?,
        answers: n("question_answers").await?,
        audit: n("audit_log").await?,
    })
}

fn sqlite_path(url: &str) -> Option<PathBuf> {
    crate::db::sqlite_file(url).map(PathBuf::from)
}

pub async fn backup(settings: &Settings, args: &Backup) -> anyhow::Result<i32> {
    let l = operator_locale();
    if args.file.exists() {
        bail!(say(
            l,
            Say::BackupExists {
                file: &args.file.display()
            }
        ));
    }
    let counts = if settings.is_sqlite() {
        let db = crate::db::connect(&settings.database_url, 1).await?;
        let target = args.file.to_str().context("the file name is not UTF-8")?;
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await
        .with_context(|| {
            say(
                l,
                Say::BackupFailed {
                    file: &args.file.display(),
                },
            )
        })?;
        let _ = db.close().await;
        let copy = open_sqlite_copy(&args.file).await?;
        let counts = count(&copy).await?;
        let _ = copy.close().await;
        counts
    } else {
        let status = Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(&args.file)
            .arg("--dbname")
            .arg(&settings.database_url)
            .status()
            .with_context(|| say(l, Say::PostgresToolMissing { tool: "pg_dump" }))?;
        if !status.success() {
            let _ = std::fs::remove_file(&args.file);
            bail!(say(
                l,
                Say::BackupFailed {
                    file: &args.file.display()
                }
            ));
        }
        let db = crate::db::connect(&settings.database_url, 1).await?;
        count(&db).await?
    };
    println!(
        "{}",
        say(
            l,
            Say::BackupWritten {
                file: &args.file.display(),
                counts
            }
        )
    );
    Ok(0)
}

/// Open a SQLite copy read-only and check it from end to end.
async fn open_sqlite_copy(file: &Path) -> anyhow::Result<DatabaseConnection> {
    let l = operator_locale();
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = sea_orm::Database::connect(url).await.with_context(|| {
        say(
            l,
            Say::NotABackup {
                file: &file.display(),
            },
        )
    })?;
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .with_context(|| {
            say(
                l,
                Say::NotABackup {
                    file: &file.display(),
                },
            )
        })?
        .context("integrity_check gave no row")?;
    let verdict: String = row.try_get_by_index(0)?;
    if verdict != "ok" {
        bail!(say(
            l,
            Say::BackupDamaged {
                file: &file.display(),
                detail: &verdict
            }
        ));
    }
    let has_schema = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'",
        ))
        .await?
        .is_some();
    if !has_schema {
        bail!(say(
            l,
            Say::NotABackup {
                file: &file.display()
            }
        ));
    }
    Ok(db)
}

pub async fn restore(settings: &Settings, args: &Restore) -> anyhow::Result<i32> {
    let l = operator_locale();
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(&args.file).with_context(|| {
            say(
                l,
                Say::NotABackup {
                    file: &args.file.display(),
                },
            )
        })?;
        let _ = f.read(&mut head)?;
    }
    let is_sqlite = head.starts_with(b"SQLite format 3\0");
    let is_pg_dump = head.starts_with(b"PGDMP");
    if settings.is_sqlite() {
        if !is_sqlite {
            bail!(say(
                l,
                Say::WrongKindOfBackup {
                    file: &args.file.display(),
                    want: "SQLite"
                }
            ));
        }
        let target =
            sqlite_path(&settings.database_url).context("DATABASE_URL names no SQLite file")?;
        if target.exists() {
            bail!(say(
                l,
                Say::RestoreTargetInUse {
                    target: &target.display()
                }
            ));
        }
        let copy = open_sqlite_copy(&args.file).await?;
        let _ = copy.close().await;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let part = target.with_extension("restoring");
        std::fs::copy(&args.file, &part)?;
        std::fs::rename(&part, &target)?;
    } else {
        if !is_pg_dump {
            bail!(say(
                l,
                Say::WrongKindOfBackup {
                    file: &args.file.display(),
                    want: "PostgreSQL (pg_dump)"
                }
            ));
        }
        let db = crate::db::connect(&settings.database_url, 1).await?;
        let tables = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
            ))
            .await?
            .context("no row")?
            .try_get::<i64>("", "n")?;
        let _ = db.close().await;
        if tables > 0 {
            bail!(say(
                l,
                Say::RestoreTargetInUse {
                    target: &"DATABASE_URL"
                }
            ));
        }
        let status = Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error", "--dbname"])
            .arg(&settings.database_url)
            .arg(&args.file)
            .status()
            .with_context(|| say(l, Say::PostgresToolMissing { tool: "pg_restore" }))?;
        if !status.success() {
            bail!(say(
                l,
                Say::RestoreFailed {
                    file: &args.file.display()
                }
            ));
        }
    }
    // An older copy gets today's schema (two connections: on PostgreSQL
    // one holds the migration lock).
    let db = crate::db::connect(&settings.database_url, 2).await?;
    crate::db::migrate(&db).await?;
    let counts = count(&db).await?;
    println!("{}", say(l, Say::Restored { counts }));
    Ok(0)
}
