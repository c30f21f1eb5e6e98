//! `server import-employees FILE [--apply] [--deactivate-missing]`: the HR
//! employee import from the command line (`docs/hr-import.md`).
//!
//! Prints the preview: the counts, every problem as
//! `FILE:line:column: fout: reden`, the warnings and the changes. Without
//! `--apply` nothing changes ("droog draaien"). With `--apply` and no
//! problems, the plan is applied in one transaction (all or nothing) and the
//! summary printed. Exits 1 when the file has problems.

use crate::config::Settings;
use anyhow::Context;
use app::import::queries as import;
use app::import::types::{ImportPreview, ImportSummary, ProblemLine};
use app::import::words::plural;
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
    let db = crate::db::connect(&settings.database_url, 2)
        .await
        .with_context(|| {
            format!(
                "cannot open the database at {}",
                super::redact(&settings.database_url)
            )
        })?;
    crate::db::migrate(&db)
        .await
        .context("cannot bring the database schema up to date")?;
    let mut out = std::io::stdout().lock();
    import_employees(&db, &db, args, &mut out).await
}

/// The command on open connections (`reader` for planning, `writer` for the
/// transaction); writes its report to `out`. Returns the exit code.
pub async fn import_employees(
    reader: &DatabaseConnection,
    writer: &DatabaseConnection,
    args: &ImportEmployees,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    let bytes = read_file(&args.file)?;
    let shown = args.file.display().to_string();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let prepared = import::prepare(reader, Arc::new(bytes), args.deactivate_missing)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot plan the import: {}",
                e.message(app::i18n::Locale::nl)
            )
        })?;
    let preview = import::describe(&prepared, &file_name, args.deactivate_missing);
    print_preview(out, &shown, &preview)?;
    let plan = match prepared {
        Ok((_, plan)) if preview.applicable() => plan,
        _ => {
            writeln!(
                out,
                "Er is niets geïmporteerd: los de {} op en probeer het opnieuw.",
                plural(preview.problems.len(), "fout", "fouten")
            )?;
            return Ok(1);
        }
    };
    if !args.apply {
        writeln!(
            out,
            "Droog draaien: er is niets gewijzigd. Voer de opdracht opnieuw uit met --apply om \
             de import uit te voeren."
        )?;
        return Ok(0);
    }
    // A command's own process serves no pages: nothing to forget there
    // (a running server keeps its cached sessions for their few seconds).
    let sessions = app::ssr::session::SessionCache::off();
    let summary = import::apply(writer, &sessions, &plan, &file_name, None)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "the import was not applied: {}",
                e.message(app::i18n::Locale::nl)
            )
        })?;
    print_summary(out, &summary)?;
    Ok(0)
}

fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > import::MAX_FILE_BYTES as u64 {
        anyhow::bail!(
            "{} is larger than {} MB; an employee export is much smaller: check the file",
            path.display(),
            import::MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn location(file: &str, p: &ProblemLine) -> String {
    match &p.column {
        Some(column) => format!("{file}:{}:{column}", p.line),
        None => format!("{file}:{}", p.line),
    }
}

/// The preview as plain lines.
pub fn print_preview(out: &mut impl Write, file: &str, p: &ImportPreview) -> std::io::Result<()> {
    for problem in &p.problems {
        writeln!(
            out,
            "{}: fout: {}",
            location(file, problem),
            problem.message
        )?;
    }
    for warning in &p.warnings {
        writeln!(
            out,
            "{}: waarschuwing: {}",
            location(file, warning),
            warning.message
        )?;
    }
    if !p.applicable() {
        writeln!(
            out,
            "{file}: {} in het bestand",
            plural(p.problems.len(), "fout", "fouten")
        )?;
        return Ok(());
    }
    if let Some(read_as) = &p.read_as {
        writeln!(
            out,
            "{file}: {} gelezen ({read_as})",
            plural(p.rows, "medewerker", "medewerkers")
        )?;
    }
    if !p.new_departments.is_empty() {
        writeln!(out, "Nieuwe afdelingen ({}):", p.new_departments.len())?;
        for d in &p.new_departments {
            match &d.parent_code {
                Some(parent) => writeln!(out, "  + {} {} (valt onder {parent})", d.code, d.name)?,
                None => writeln!(out, "  + {} {}", d.code, d.name)?,
            }
        }
    }
    if !p.creates.is_empty() {
        writeln!(out, "Nieuwe medewerkers ({}):", p.creates.len())?;
        for c in &p.creates {
            writeln!(
                out,
                "  + {} {} <{}>, afdeling {}, rollen: {} (regel {})",
                c.employee_number,
                c.name,
                c.email,
                c.department_code,
                c.roles.join(", "),
                c.line
            )?;
        }
    }
    if !p.updates.is_empty() {
        writeln!(out, "Medewerkers met wijzigingen ({}):", p.updates.len())?;
        for u in &p.updates {
            writeln!(
                out,
                "  ~ {} {} (regel {})",
                u.employee_number, u.name, u.line
            )?;
            for c in &u.changes {
                writeln!(out, "      {}: \"{}\" → \"{}\"", c.field, c.from, c.to)?;
            }
        }
    }
    if !p.deactivations.is_empty() {
        writeln!(
            out,
            "Op inactief zetten, niet in het bestand ({}):",
            p.deactivations.len()
        )?;
        for d in &p.deactivations {
            writeln!(out, "  - {} {}", d.employee_number, d.name)?;
        }
    }
    let c = &p.counts;
    writeln!(
        out,
        "Samenvatting: {} nieuw, {} gewijzigd, {} ongewijzigd, {} niet aangemaakt (niet meer in \
         dienst), {} op inactief, {} nieuwe afdeling(en)",
        c.create, c.update, c.unchanged, c.skipped_inactive, c.deactivate, c.new_departments
    )
}

fn print_summary(out: &mut impl Write, summary: &ImportSummary) -> std::io::Result<()> {
    writeln!(out, "De import is uitgevoerd.")?;
    for line in app::import::words::sentences(summary) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
