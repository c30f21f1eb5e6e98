//! `server import-employees FILE [--apply] [--deactivate-missing]`: the HR
//! employee import from the command line (`docs/hr-import.md`).
//!
//! Prints the preview: every problem as `FILE:line:column: fout: reden`
//! (`error: reason` in English), the warnings, the changes and the counts.
//! Without `--apply` nothing changes ("droog draaien"). With `--apply` and
//! no problems, the plan is applied in one transaction (all or nothing) and
//! the summary printed. Exits 1 when the file has problems.
//!
//! The report is in the user's language, as other programs on their system
//! choose it: `LC_ALL`, `LC_MESSAGES` or `LANG` (`app::language::
//! from_posix_locale`); Dutch unless that names English. The words are
//! `app::import::words`'s, the same the page uses.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::Context;
use app::i18n::Locale;
use app::import::queries as import;
use app::import::words;
use sea_orm::DatabaseConnection;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct ImportEmployees {
    /// The CSV export of employees from the HR system.
    pub file: PathBuf,
    /// Apply the import (all or nothing). Without it, only the preview is
    /// printed and nothing changes.
    #[arg(long)]
    pub apply: bool,
    /// Deactivate active employees with a personeelsnummer that the file
    /// does not contain.
    #[arg(long)]
    pub deactivate_missing: bool,
}

pub async fn run(settings: &Settings, args: &ImportEmployees) -> anyhow::Result<i32> {
    let locale = operator_locale();
    let db = crate::db::connect(&settings.database_url, 2)
        .await
        .with_context(|| {
            say(
                locale,
                Say::CannotOpenDatabaseAt {
                    url: &super::redact(&settings.database_url),
                },
            )
        })?;
    crate::db::migrate(&db)
        .await
        .with_context(|| say(locale, Say::CannotMigrate))?;
    let mut out = std::io::stdout().lock();
    import_employees(&db, &db, args, locale, &mut out).await
}

/// The command on open connections (`reader` for planning, `writer` for the
/// transaction); writes its report to `out` in `locale`. Returns the exit
/// code.
pub async fn import_employees(
    reader: &DatabaseConnection,
    writer: &DatabaseConnection,
    args: &ImportEmployees,
    locale: Locale,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    let bytes = read_file(&args.file, locale)?;
    let shown = args.file.display().to_string();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let prepared = import::prepare(reader, Arc::new(bytes), args.deactivate_missing)
        .await
        .map_err(|e| {
            let reason = e.message(locale);
            anyhow::anyhow!(say(locale, Say::CannotPlanImport { reason: &reason }))
        })?;
    let preview = import::describe(&prepared, &file_name, args.deactivate_missing);
    for line in words::cli_report(locale, &shown, &preview) {
        writeln!(out, "{line}")?;
    }
    let plan = match prepared {
        Ok((_, plan)) if preview.applicable() => plan,
        _ => {
            writeln!(
                out,
                "{}",
                words::cli_nothing_imported(locale, preview.problems.len())
            )?;
            return Ok(1);
        }
    };
    if !args.apply {
        writeln!(out, "{}", words::cli_dry_run(locale))?;
        return Ok(0);
    }
    // A command's own process serves no pages: nothing to forget there
    // (a running server keeps its cached sessions for their few seconds).
    let sessions = app::ssr::session::SessionCache::off();
    let summary = import::apply(writer, &sessions, &plan, &file_name, None)
        .await
        .map_err(|e| {
            let reason = e.message(locale);
            anyhow::anyhow!(say(locale, Say::ImportNotApplied { reason: &reason }))
        })?;
    for line in words::cli_applied(locale, &summary) {
        writeln!(out, "{line}")?;
    }
    Ok(0)
}

fn read_file(path: &Path, locale: Locale) -> anyhow::Result<Vec<u8>> {
    let shown = path.display();
    let cannot_read = || say(locale, Say::CannotReadFile { path: &shown });
    let size = std::fs::metadata(path).with_context(cannot_read)?.len();
    if size > import::MAX_FILE_BYTES as u64 {
        let too_large = Say::FileTooLarge {
            path: &shown,
            megabytes: import::MAX_FILE_BYTES / (1024 * 1024),
        };
        anyhow::bail!(say(locale, too_large));
    }
    std::fs::read(path).with_context(cannot_read)
}
