//! Blocks: `::: kind [attributes]` … `:::` regions of a body.
//!
//! Steps:
//! 1. [`scan`] walks the body line by line (skipping fenced code, where
//!    `:::` is just text), pairs openers with the next line holding only
//!    `:::`, and reports unknown kinds, nesting, unclosed blocks and stray
//!    closers. Blocks do not nest.
//! 2. [`attributes`] reads `key=value` attributes of `question` and
//!    `reflection` openers, reporting unknown keys at their column.
//!
//! What a block means is decided elsewhere: callouts in `render.rs`,
//! questions in `question.rs`, the rest in `module.rs`.

use super::problems::{Opener, Problem};
use super::source::{Reporter, SourceFile};
use super::suggest::closest;
use crate::model::Language;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CalloutKind {
    Tip,
    Note,
    Warning,
    Example,
}

impl CalloutKind {
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Tip => "tip",
            CalloutKind::Note => "note",
            CalloutKind::Warning => "warning",
            CalloutKind::Example => "example",
        }
    }

    /// The title shown when the opener gives none.
    pub fn default_title(self, language: Language) -> &'static str {
        match (self, language) {
            (CalloutKind::Tip, _) => "Tip",
            (CalloutKind::Note, Language::Nl) => "Let op",
            (CalloutKind::Note, Language::En) => "Note",
            (CalloutKind::Warning, Language::Nl) => "Waarschuwing",
            (CalloutKind::Warning, Language::En) => "Warning",
            (CalloutKind::Example, Language::Nl) => "Voorbeeld",
            (CalloutKind::Example, Language::En) => "Example",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Callout(CalloutKind),
    Question,
    Reflection,
    Gift,
    /// Already reported; its body is shown as ordinary text.
    Unknown,
}

pub(crate) const KINDS: &[&str] = &[
    "tip",
    "note",
    "warning",
    "example",
    "question",
    "reflection",
    "gift",
];

fn kind_from_name(name: &str) -> Option<BlockKind> {
    Some(match name {
        "tip" => BlockKind::Callout(CalloutKind::Tip),
        "note" => BlockKind::Callout(CalloutKind::Note),
        "warning" => BlockKind::Callout(CalloutKind::Warning),
        "example" => BlockKind::Callout(CalloutKind::Example),
        "question" => BlockKind::Question,
        "reflection" => BlockKind::Reflection,
        "gift" => BlockKind::Gift,
        _ => return None,
    })
}

#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub kind: BlockKind,
    /// Text after the kind on the opening line, trimmed: a callout's title
    /// or a question's attributes.
    pub args: &'a str,
    /// File byte offset of `args`.
    pub args_offset: usize,
    /// 0-based file line of the opening line.
    pub open_line: usize,
    /// 0-based file line of the closing `:::`; `None` when the block is not
    /// closed (it then runs to the end of the file).
    pub close_line: Option<usize>,
    /// File byte range of the text between the opening and closing lines.
    pub body: Range<usize>,
}

impl Block<'_> {
    /// 0-based file line of the first body line.
    pub fn body_line(&self) -> usize {
        self.open_line + 1
    }

    /// 0-based file lines the block occupies, opener and closer included.
    pub fn lines(&self, file: &SourceFile<'_>) -> Range<usize> {
        self.open_line..self.close_line.map_or(file.line_count(), |c| c + 1)
    }
}

enum Line<'a> {
    Open {
        kind_name: &'a str,
        kind_col: usize,
        args: &'a str,
        args_col: usize,
    },
    Close,
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let Some(rest) = line.strip_prefix(":::") else {
        return Line::Other;
    };
    if rest.starts_with(':') {
        return Line::Other;
    }
    if rest.trim().is_empty() {
        return Line::Close;
    }
    let kind_col = 3 + (rest.len() - rest.trim_start().len());
    let after = &line[kind_col..];
    let kind_len = after
        .find(|c: char| c.is_whitespace())
        .unwrap_or(after.len());
    let kind_name = &after[..kind_len];
    let args_raw = &after[kind_len..];
    let args = args_raw.trim();
    let args_col = kind_col + kind_len + (args_raw.len() - args_raw.trim_start().len());
    Line::Open {
        kind_name,
        kind_col,
        args,
        args_col,
    }
}

/// Tracks fenced code blocks so that `:::` inside them is left alone.
#[derive(Default)]
struct Fence {
    open: Option<(char, usize)>,
}

impl Fence {
    /// Feed one line; true when the line is inside (or opens/closes) a fence.
    fn step(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = &line[indent..];
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match (self.open, marker) {
            (Some((c, n)), Some(m)) if m == c && run >= n && trimmed[run..].trim().is_empty() => {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some(m)) if indent <= 3 && run >= 3 => {
                self.open = Some((m, run));
                true
            }
            (None, _) => false,
        }
    }
}

/// Find the blocks in lines `first_line..` of a file.
pub(crate) fn scan<'a>(
    file: &SourceFile<'a>,
    first_line: usize,
    report: &mut Reporter,
) -> Vec<Block<'a>> {
    let mut blocks: Vec<Block<'a>> = Vec::new();
    let mut open: Option<Block<'a>> = None;
    let mut fence = Fence::default();
    for idx in first_line..file.line_count() {
        let line = file.line_text(idx);
        if fence.step(line) {
            continue;
        }
        let start = file.line_start(idx);
        match classify(line) {
            Line::Other => {
                // `:::` indented (e.g. under a list item) is not a block
                // line and would show up as text: point that out.
                let trimmed = line.trim_start();
                if trimmed.len() < line.len()
                    && matches!(classify(trimmed), Line::Open { .. } | Line::Close)
                {
                    let indent = line.len() - trimmed.len();
                    report.warning(file.pos(start + indent), Problem::IndentedBlockLine);
                }
            }
            Line::Close => match open.take() {
                Some(mut block) => {
                    block.close_line = Some(idx);
                    block.body = block.body.start..start;
                    blocks.push(block);
                }
                None => report.error(file.pos(start), Problem::StrayBlockCloser),
            },
            Line::Open {
                kind_name,
                kind_col,
                args,
                args_col,
            } => {
                if let Some(outer) = &open {
                    report.error(
                        file.pos(start),
                        Problem::NestedBlock {
                            outer_line: outer.open_line + 1,
                        },
                    );
                    continue;
                }
                let kind = match kind_from_name(kind_name) {
                    Some(kind) => kind,
                    None => {
                        report.error(
                            file.pos(start + kind_col),
                            Problem::UnknownBlockKind {
                                kind: kind_name.to_string(),
                                suggestion: closest(kind_name, KINDS.iter().copied())
                                    .map(str::to_string),
                            },
                        );
                        BlockKind::Unknown
                    }
                };
                open = Some(Block {
                    kind,
                    args,
                    args_offset: start + args_col,
                    open_line: idx,
                    close_line: None,
                    body: file.line_end(idx)..file.text.len(),
                });
            }
        }
    }
    if let Some(block) = open {
        report.error(
            file.pos(file.line_start(block.open_line)),
            Problem::UnclosedBlock,
        );
        blocks.push(block);
    }
    blocks
}

/// A `key=value` attribute on an opening line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute<'a> {
    pub key: &'a str,
    pub value: &'a str,
    /// File byte offset of the key.
    pub offset: usize,
    /// File byte offset of the value.
    pub value_offset: usize,
}

/// Read the attributes of an opener of kind `what`, which takes the keys
/// `what.attributes()`. Unknown keys and words without `=` are reported and
/// left out.
pub(crate) fn attributes<'a>(
    block: &Block<'a>,
    what: Opener,
    file: &SourceFile<'_>,
    report: &mut Reporter,
) -> Vec<Attribute<'a>> {
    let allowed = what.attributes();
    let mut out = Vec::new();
    let mut rest = block.args;
    let mut offset = block.args_offset;
    while !rest.is_empty() {
        let token_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_len];
        match token.split_once('=') {
            Some((key, value)) if allowed.contains(&key) => {
                let quoted = value.len() >= 2
                    && ((value.starts_with('"') && value.ends_with('"'))
                        || (value.starts_with('\'') && value.ends_with('\'')));
                let (value, value_offset) = if quoted {
                    (&value[1..value.len() - 1], offset + key.len() + 2)
                } else {
                    (value, offset + key.len() + 1)
                };
                out.push(Attribute {
                    key,
                    value,
                    offset,
                    value_offset,
                });
            }
            Some((key, _)) => report.error(
                file.pos(offset),
                Problem::UnknownAttribute {
                    block: what,
                    key: key.to_string(),
                    suggestion: closest(key, allowed.iter().copied()).map(str::to_string),
                },
            ),
            None => report.error(
                file.pos(offset),
                Problem::UnexpectedWord {
                    block: what,
                    word: token.to_string(),
                },
            ),
        }
        let after = &rest[token_len..];
        let trimmed = after.trim_start();
        offset += token_len + (after.len() - trimmed.len());
        rest = trimmed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    type Found = Vec<(BlockKind, String, Option<usize>)>;

    /// What was reported, as `(line, column, problem)`.
    fn reported(report: Reporter) -> Vec<(usize, usize, Problem)> {
        report
            .list
            .into_iter()
            .map(|d| (d.line, d.column, d.problem))
            .collect()
    }

    fn run(text: &str) -> (Found, Vec<(usize, usize, Problem)>) {
        let file = SourceFile::new(text);
        let mut report = Reporter::new(PathBuf::from("m.md"));
        let blocks = scan(&file, 0, &mut report);
        let found = blocks
            .iter()
            .map(|b| (b.kind, file.text[b.body.clone()].to_string(), b.close_line))
            .collect();
        (found, reported(report))
    }

    #[test]
    fn finds_blocks_and_skips_fenced_code() {
        let (blocks, msgs) = run(
            "Tekst\n::: tip Handig\nInhoud\n:::\n```\n::: question\n```\n::: question id=a\nVraag?\n- [x] a\n:::\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(
            blocks,
            [
                (
                    BlockKind::Callout(CalloutKind::Tip),
                    "Inhoud\n".to_string(),
                    Some(3)
                ),
                (
                    BlockKind::Question,
                    "Vraag?\n- [x] a\n".to_string(),
                    Some(10)
                ),
            ]
        );
    }

    #[test]
    fn reports_block_structure_errors() {
        let (_, msgs) = run("::: tips\nx\n:::\n:::\n::: note\n::: tip\n");
        assert_eq!(
            msgs,
            [
                (
                    1,
                    5,
                    Problem::UnknownBlockKind {
                        kind: "tips".into(),
                        suggestion: Some("tip".into())
                    }
                ),
                (4, 1, Problem::StrayBlockCloser),
                (6, 1, Problem::NestedBlock { outer_line: 5 }),
                (5, 1, Problem::UnclosedBlock),
            ]
        );
    }

    #[test]
    fn attributes_with_columns() {
        let text = "::: question id=stap-1 typ=single points=2 oops\n:::\n";
        let file = SourceFile::new(text);
        let mut report = Reporter::new(PathBuf::from("m.md"));
        let blocks = scan(&file, 0, &mut report);
        let attrs = attributes(&blocks[0], Opener::Question, &file, &mut report);
        assert_eq!(
            attrs
                .iter()
                .map(|a| (a.key, a.value, a.offset))
                .collect::<Vec<_>>(),
            [("id", "stap-1", 13), ("points", "2", 34)]
        );
        assert_eq!(
            reported(report),
            [
                (
                    1,
                    24,
                    Problem::UnknownAttribute {
                        block: Opener::Question,
                        key: "typ".into(),
                        suggestion: Some("type".into())
                    }
                ),
                (
                    1,
                    44,
                    Problem::UnexpectedWord {
                        block: Opener::Question,
                        word: "oops".into()
                    }
                ),
            ]
        );
    }
}
