//! Diagnostics: what the checker (and a reload) reports about content.
//!
//! One type for every problem found in `content/`: where it is (file, line,
//! column), how bad (error or warning) and what it is, as a code with its
//! details ([`Problem`]). The domain makes no sentences: `server check`, the
//! admin page and the reload log put a diagnostic into words in their
//! reader's language (`app::content_words`), as `path:line:column: error:
//! message` with the hint below it.

use crate::content::Problem;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Path of the file, relative to the content root's parent when possible
    /// (e.g. `content/courses/x/01-a.md`), as the trainer would type it.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    pub severity: Severity,
    /// What is wrong, and (through its words) how to fix it.
    pub problem: Problem,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, line: usize, column: usize, problem: Problem) -> Self {
        Self {
            path: path.into(),
            line,
            column,
            severity: Severity::Error,
            problem,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, line: usize, column: usize, problem: Problem) -> Self {
        Self {
            path: path.into(),
            line,
            column,
            severity: Severity::Warning,
            problem,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem's stable code (`unknown-field`).
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
}
