//! `server check [DIR]`: validate course content the way the server does on
//! every reload, and report each problem as `path:line:column: severity: message`.
//!
//! On a terminal the report is drawn with source excerpts (codespan-reporting);
//! piped or in CI it is plain lines, one per problem. `--format json` prints
//! the diagnostics and the parsed model for editors and trainers' own CI.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
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
    if !dir.is_dir() {
        anyhow::bail!(
            "content folder '{}' does not exist (give the folder that holds courses/)",
            dir.display()
        );
    }
    let result = domain::content::load(dir);
    let format = match format {
        Format::Auto if std::io::stdout().is_terminal() => Format::Pretty,
        Format::Auto => Format::Plain,
        other => other,
    };
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "errors": result.error_count(),
                "warnings": result.warning_count(),
                "diagnostics": result.diagnostics,
                "catalog": result.catalog,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Pretty => {
            print_pretty(&result.diagnostics)?;
            print_summary(&result);
        }
        _ => {
            for d in &result.diagnostics {
                println!("{d}");
            }
            print_summary(&result);
        }
    }
    Ok(if result.has_errors() { 1 } else { 0 })
}

fn print_summary(result: &LoadResult) {
    let modules = result.catalog.module_count();
    let questions = result.catalog.question_count();
    println!(
        "{} course(s), {} module(s), {} question(s): {} error(s), {} warning(s)",
        result.catalog.courses.len(),
        modules,
        questions,
        result.error_count(),
        result.warning_count()
    );
}

fn print_pretty(diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&Path, usize> = HashMap::new();
    let writer = StandardStream::stdout(ColorChoice::Auto);
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
        .with_message(&d.message);
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
        let report = match &d.hint {
            Some(h) => report.with_notes(vec![format!("hint: {h}")]),
            None => report,
        };
        let mut lock = writer.lock();
        term::emit_to_write_style(&mut lock, &config, &files, &report)?;
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
