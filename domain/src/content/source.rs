//! Positions in a content file, and the per-file diagnostics sink.
//!
//! Every parser in [`crate::content`] works on byte offsets; this module
//! turns them into the 1-based line and column (in characters, so `é` counts
//! once) that the checker prints.

use super::Problem;
use crate::diagnostics::Diagnostic;
use std::path::PathBuf;

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };

    pub fn line(line: usize) -> Pos {
        Pos { line, column: 1 }
    }
}

/// The text of one file with its line starts, for offset → position.
pub(crate) struct SourceFile<'a> {
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceFile<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_starts: line_starts(text),
        }
    }

    /// Number of lines (a trailing newline does not start another line).
    pub fn line_count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// Byte offset where 0-based line `idx` starts.
    pub fn line_start(&self, idx: usize) -> usize {
        self.line_starts
            .get(idx)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset just past 0-based line `idx`, including its newline.
    pub fn line_end(&self, idx: usize) -> usize {
        self.line_start(idx + 1)
    }

    /// 0-based line `idx` without its line ending (`\n` or `\r\n`).
    pub fn line_text(&self, idx: usize) -> &'a str {
        let text = &self.text[self.line_start(idx)..self.line_end(idx)];
        text.trim_end_matches('\n').trim_end_matches('\r')
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        line_index(&self.line_starts, offset)
    }

    /// Position of byte `offset` (clamped to the text).
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let idx = self.line_index(offset);
        let start = self.line_start(idx);
        Pos {
            line: idx + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }
}

/// Byte offsets where each line starts; always starts with 0.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// 0-based index of the line holding `offset`, given [`line_starts`].
pub(crate) fn line_index(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Diagnostics for one file.
pub(crate) struct Reporter {
    pub path: PathBuf,
    pub list: Vec<Diagnostic>,
}

impl Reporter {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            list: Vec::new(),
        }
    }

    pub fn error(&mut self, pos: Pos, problem: Problem) {
        let d = Diagnostic::error(self.path.clone(), pos.line, pos.column, problem);
        self.list.push(d);
    }

    pub fn warning(&mut self, pos: Pos, problem: Problem) {
        let d = Diagnostic::warning(self.path.clone(), pos.line, pos.column, problem);
        self.list.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("ab\ncé d\n");
        assert_eq!(f.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(f.pos(3), Pos { line: 2, column: 1 });
        // `d` is byte 7 (é is two bytes) but column 4.
        assert_eq!(f.pos(7), Pos { line: 2, column: 4 });
        assert_eq!(f.line_count(), 2);
        assert_eq!(f.line_text(1), "cé d");
    }

    #[test]
    fn crlf_lines() {
        let f = SourceFile::new("a\r\nb");
        assert_eq!(f.line_text(0), "a");
        assert_eq!(f.line_text(1), "b");
        assert_eq!(f.line_count(), 2);
    }
}
