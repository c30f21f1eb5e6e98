//! `server check [DIR]`: validate course content the way the server does on
//! every reload, and report each problem as `path:line:column: fout: bericht`
//! with a tip below it (`error: message` and `hint:` in English).
//!
//! On a terminal the report is drawn with source excerpts (codespan-reporting);
//! piped or in CI it is plain lines, one per problem. `--format json` prints
//! the diagnostics (each with its stable `code`, the problem's details, and
//! `message` and `hint` in words) and the parsed model for editors and
//! trainers' own CI; the `platform` script takes the model from its
//! `catalog`.
//!
//! The words are in the user's language, as other programs on their system
//! choose it: `LC_ALL`, `LC_MESSAGES` or `LANG` (`app::language::
//! from_posix_locale`); Dutch unless that names English. They are
//! `app::content_words`'s, the same the admin page uses.

use app::content_words;
use app::i18n::Locale;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream, WriteColor},
};
use domain::content::LoadResult;
use domain::diagnostics::{Diagnostic, Severity};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty on a terminal, plain lines otherwise.
    Auto,
    /// One `path:line:column: severity: message` line per problem.
    Plain,
    /// Source excerpts with colours.
    Pretty,
    /// Diagnostics and the parsed model as JSON.
    Json,
}

/// Returns the process exit code: 0 when there are no errors, 1 otherwise.
pub fn run(dir: &Path, format: Format) -> anyhow::Result<i32> {
    let locale = app::language::from_posix_locale(|name| std::env::var(name).ok());
    let format = match format {
        Format::Auto if std::io::stdout().is_terminal() => Format::Pretty,
        Format::Auto => Format::Plain,
        other => other,
    };
    let mut out = StandardStream::stdout(ColorChoice::Auto);
    check(dir, format, locale, &mut out)
}

/// The command: reads `dir`, writes the report to `out` in `format`
/// (`Auto` is plain) and `locale`. Returns the exit code.
pub fn check(
    dir: &Path,
    format: Format,
    locale: Locale,
    out: &mut impl WriteColor,
) -> anyhow::Result<i32> {
    if !dir.is_dir() {
        anyhow::bail!(
            "content folder '{}' does not exist (give the folder that holds courses/)",
            dir.display()
        );
    }
    let result = domain::content::load(dir);
    match format {
        Format::Json => {
            let diagnostics: Vec<serde_json::Value> = result
                .diagnostics
                .iter()
                .map(|d| json_diagnostic(locale, d))
                .collect();
            let report = serde_json::json!({
                "errors": result.error_count(),
                "warnings": result.warning_count(),
                "diagnostics": diagnostics,
                "catalog": result.catalog,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
        Format::Pretty => {
            print_pretty(locale, &result.diagnostics, out)?;
            print_summary(locale, &result, out)?;
        }
        Format::Plain | Format::Auto => {
            for d in &result.diagnostics {
                writeln!(out, "{}", content_words::plain(locale, d))?;
            }
            print_summary(locale, &result, out)?;
        }
    }
    Ok(if result.has_errors() { 1 } else { 0 })
}

/// One diagnostic for `--format json`: where, how bad, its `code` and
/// details (`problem`), and the words.
fn json_diagnostic(locale: Locale, d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": d.severity,
        "code": d.code(),
        "problem": d.problem,
        "message": content_words::message(locale, &d.problem),
        "hint": content_words::hint(locale, &d.problem),
    })
}

fn print_summary(
    locale: Locale,
    result: &LoadResult,
    out: &mut impl WriteColor,
) -> std::io::Result<()> {
    let summary = content_words::summary(
        locale,
        result.catalog.courses.len(),
        result.catalog.module_count(),
        result.catalog.question_count(),
        result.error_count(),
        result.warning_count(),
    );
    writeln!(out, "{summary}")
}

fn print_pretty(
    locale: Locale,
    diagnostics: &[Diagnostic],
    out: &mut impl WriteColor,
) -> anyhow::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&Path, usize> = HashMap::new();
    let config = term::Config::default();
    for d in diagnostics {
        let id = *ids.entry(d.path.as_path()).or_insert_with(|| {
            let source = std::fs::read_to_string(&d.path).unwrap_or_default();
            files.add(d.path.display().to_string(), source)
        });
        let source = files
            .get(id)
            .map(|f| f.source().clone())
            .unwrap_or_default();
        let report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_code(d.code())
        .with_message(content_words::message(locale, &d.problem));
        let report = match byte_offset(&source, d.line, d.column) {
            Some(offset) => {
                let end = source[offset..]
                    .find('\n')
                    .map(|n| offset + n.max(1))
                    .unwrap_or(source.len());
                report.with_labels(vec![Label::primary(id, offset..end.max(offset))])
            }
            None => report.with_notes(vec![format!(
                "in {}:{}:{}",
                d.path.display(),
                d.line,
                d.column
            )]),
        };
        let report = match content_words::hint(locale, &d.problem) {
            Some(h) => {
                report.with_notes(vec![format!("{}: {h}", content_words::hint_label(locale))])
            }
            None => report,
        };
        term::emit_to_write_style(out, &config, &files, &report)?;
    }
    Ok(())
}

/// Byte offset of a 1-based line and column (in characters) in `source`.
fn byte_offset(source: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)?
    };
    let line_text = source[line_start..].split('\n').next().unwrap_or_default();
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line_text.len());
    Some(line_start + col)
}

#[cfg(test)]
mod tests {
    use super::byte_offset;

    #[test]
    fn offsets() {
        let s = "ab\ncd\nef";
        assert_eq!(byte_offset(s, 1, 1), Some(0));
        assert_eq!(byte_offset(s, 2, 2), Some(4));
        assert_eq!(byte_offset(s, 3, 1), Some(6));
        assert_eq!(byte_offset(s, 9, 1), None);
    }
}
