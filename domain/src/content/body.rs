//! The body of a file (everything after the front matter) in reading order.
//!
//! Steps:
//! 1. find the `:::` blocks ([`blocks::scan`]);
//! 2. turn each block into what it stands for, numbering questions `q<N>`
//!    and reflections `r<N>` in document order (GIFT items included), and
//!    rejecting duplicate ids;
//! 3. build the *body document*: the file with the front matter emptied,
//!    each block opener (and callout closer) replaced by a placeholder
//!    comment line and the inside of question/reflection/GIFT blocks
//!    emptied. It keeps the file's lines, so offsets map back exactly, and
//!    it is parsed as one Markdown document, so footnotes and link
//!    references work across blocks;
//! 4. render it ([`Renderer::render_body`]): callout placeholders become
//!    `<aside>` markup, the others split the HTML into segments.

use super::blocks::{self, attributes, Block, BlockKind};
use super::problems::{Opener, Problem};
use super::question::{self, is_slug, read_group};
use super::render::{Placeholder, Renderer};
use super::scan;
use super::source::{line_starts, Pos};
use crate::gift::{self, GiftItem};
use crate::model::{Question, Reflection, ScanQuestion, Segment};
use std::collections::{HashMap, HashSet};

/// An HTML comment: it starts an HTML block even in the middle of a
/// paragraph, so the placeholder always stands on its own.
const PLACEHOLDER: &str = "<!--block-->";

pub(crate) struct Body {
    pub segments: Vec<Segment>,
    pub questions: Vec<Question>,
    pub reflections: Vec<Reflection>,
    /// A self-scan's questions (empty in a module).
    pub scan_questions: Vec<ScanQuestion>,
}

/// Render the body that starts at 0-based line `body_line`.
pub(crate) fn render(r: &mut Renderer<'_>, body_line: usize) -> Body {
    render_numbered(r, body_line, Numbering::default())
}

/// Render a self-scan's body: its questions are scan questions (see
/// [`scan`], in [`Body::scan_questions`]), and reflections and GIFT have
/// no place in it.
pub(crate) fn render_scan(r: &mut Renderer<'_>, body_line: usize, modules: &[String]) -> Body {
    let numbering = Numbering {
        scan: Some(modules),
        ..Numbering::default()
    };
    render_numbered(r, body_line, numbering)
}

fn render_numbered(r: &mut Renderer<'_>, body_line: usize, mut numbering: Numbering<'_>) -> Body {
    let file = r.file;
    let blocks = blocks::scan(file, body_line, &mut r.report);

    let mut placeholders: HashMap<usize, Placeholder> = HashMap::new();
    for block in &blocks {
        let placeholder = match block.kind {
            BlockKind::Callout(kind) => {
                if let Some(close) = block.close_line {
                    placeholders.insert(close, Placeholder::CalloutClose);
                }
                Placeholder::CalloutOpen(r.callout_open(kind, block.args))
            }
            BlockKind::Unknown => {
                if let Some(close) = block.close_line {
                    placeholders.insert(close, Placeholder::Nothing);
                }
                Placeholder::Nothing
            }
            BlockKind::Question => numbering.question(block, r),
            BlockKind::Reflection => numbering.reflection(block, r),
            BlockKind::Gift => numbering.gift(block, r),
        };
        placeholders.insert(block.open_line, placeholder);
    }

    let doc = body_document(r, body_line, &blocks);
    let starts = line_starts(&doc);
    let segments = r.render_body(&doc, &starts, &mut placeholders);

    // A placeholder the Markdown parser swallowed (e.g. inside an unclosed
    // `<pre>`) would silently drop its question: say so.
    let mut lost: Vec<(usize, Placeholder)> = placeholders.into_iter().collect();
    lost.sort_by_key(|(line, _)| *line);
    for (line, placeholder) in lost {
        if matches!(
            placeholder,
            Placeholder::Segments(_) | Placeholder::CalloutOpen(_)
        ) {
            r.report
                .error(Pos::line(line + 1), Problem::BlockInsideMarkup);
        }
    }

    Body {
        segments,
        questions: numbering.questions,
        reflections: numbering.reflections,
        scan_questions: numbering.scan_questions,
    }
}

/// The file with front matter emptied and blocks replaced (see module docs).
fn body_document(r: &Renderer<'_>, body_line: usize, blocks: &[Block<'_>]) -> String {
    let file = r.file;
    let mut replaced: HashMap<usize, &str> = HashMap::new();
    for block in blocks {
        let keep_inside = matches!(block.kind, BlockKind::Callout(_) | BlockKind::Unknown);
        for idx in block.lines(file) {
            let is_edge = idx == block.open_line || Some(idx) == block.close_line;
            if is_edge {
                replaced.insert(idx, PLACEHOLDER);
            } else if !keep_inside {
                replaced.insert(idx, "");
            }
        }
    }
    let mut doc = String::with_capacity(file.text.len() + 64);
    for idx in 0..file.line_count() {
        let line = if idx < body_line {
            ""
        } else {
            replaced
                .get(&idx)
                .copied()
                .unwrap_or_else(|| file.line_text(idx))
        };
        doc.push_str(line);
        doc.push('\n');
    }
    doc
}

/// Numbers and collects questions and reflections in document order.
#[derive(Default)]
struct Numbering<'s> {
    /// Set when the body is a self-scan's: the module ids its options may
    /// point to.
    scan: Option<&'s [String]>,
    scan_questions: Vec<ScanQuestion>,
    questions: Vec<Question>,
    reflections: Vec<Reflection>,
    question_count: usize,
    reflection_count: usize,
    question_ids: HashSet<String>,
    reflection_ids: HashSet<String>,
}

impl Numbering<'_> {
    fn question(&mut self, block: &Block<'_>, r: &mut Renderer<'_>) -> Placeholder {
        self.question_count += 1;
        if let Some(modules) = self.scan {
            let Some((q, id_pos)) = scan::parse_question(block, self.question_count, modules, r)
            else {
                return Placeholder::Nothing;
            };
            if !self.new_question_id(&q.id, id_pos, r) {
                return Placeholder::Nothing;
            }
            let segment = Segment::Question(q.id.clone());
            self.scan_questions.push(q);
            return Placeholder::Segments(vec![segment]);
        }
        match question::parse_question(block, self.question_count, r) {
            Some(parsed) => self.add_question(parsed.question, parsed.id_pos, r),
            None => Placeholder::Nothing,
        }
    }

    /// Claim a question id; a second question with the same id is
    /// reported and left out.
    fn new_question_id(&mut self, id: &str, id_pos: Pos, r: &mut Renderer<'_>) -> bool {
        let new = self.question_ids.insert(id.to_string());
        if !new {
            r.report
                .error(id_pos, Problem::DuplicateQuestionId { id: id.to_string() });
        }
        new
    }

    fn add_question(&mut self, q: Question, id_pos: Pos, r: &mut Renderer<'_>) -> Placeholder {
        if !self.new_question_id(&q.id, id_pos, r) {
            return Placeholder::Nothing;
        }
        let segment = Segment::Question(q.id.clone());
        self.questions.push(q);
        Placeholder::Segments(vec![segment])
    }

    /// A reflection or GIFT block in a scan: reported, left out.
    fn not_in_scan(&self, block: &Block<'_>, kind: &str, r: &mut Renderer<'_>) -> bool {
        if self.scan.is_some() {
            r.report.error(
                Pos::line(block.open_line + 1),
                Problem::ScanBlockNotAllowed {
                    kind: kind.to_string(),
                },
            );
        }
        self.scan.is_some()
    }

    fn reflection(&mut self, block: &Block<'_>, r: &mut Renderer<'_>) -> Placeholder {
        if self.not_in_scan(block, "reflection", r) {
            return Placeholder::Nothing;
        }
        self.reflection_count += 1;
        let file = r.file;
        let opener = Pos::line(block.open_line + 1);
        let mut id = format!("r{}", self.reflection_count);
        let mut id_pos = opener;
        for attr in attributes(block, Opener::Reflection, file, &mut r.report) {
            if is_slug(attr.value) {
                id = attr.value.to_string();
                id_pos = file.pos(attr.value_offset);
            } else {
                r.report.error(
                    file.pos(attr.value_offset),
                    Problem::InvalidReflectionId {
                        id: attr.value.to_string(),
                    },
                );
            }
        }
        let text = &file.text[block.body.clone()];
        let prompt_html = r.render_fragment(text, block.body.start);
        if prompt_html.trim().is_empty() {
            r.report.error(opener, Problem::ReflectionWithoutQuestion);
            return Placeholder::Nothing;
        }
        self.add_reflection(
            Reflection {
                id,
                prompt_html,
                line: block.open_line + 1,
            },
            id_pos,
            r,
        )
    }

    fn add_reflection(
        &mut self,
        refl: Reflection,
        id_pos: Pos,
        r: &mut Renderer<'_>,
    ) -> Placeholder {
        if !self.reflection_ids.insert(refl.id.clone()) {
            r.report.error(
                id_pos,
                Problem::DuplicateReflectionId {
                    id: refl.id.clone(),
                },
            );
            return Placeholder::Nothing;
        }
        let segment = Segment::Reflection(refl.id.clone());
        self.reflections.push(refl);
        Placeholder::Segments(vec![segment])
    }

    /// A `::: gift` block: its questions and essays join the module's
    /// numbering; GIFT line numbers are relative to the first body line.
    fn gift(&mut self, block: &Block<'_>, r: &mut Renderer<'_>) -> Placeholder {
        if self.not_in_scan(block, "gift", r) {
            return Placeholder::Nothing;
        }
        let file = r.file;
        // Format 1.1: `group=` puts every question of the block in a group.
        let mut group = None;
        for attr in attributes(block, Opener::Gift, file, &mut r.report) {
            group = read_group(attr.value, file.pos(attr.value_offset), r);
        }
        let first_line = block.body_line();
        let text = &file.text[block.body.clone()];
        let items = match gift::parse(text, r.language) {
            Ok(items) => items,
            Err(errors) => {
                for e in errors {
                    let pos = Pos {
                        line: first_line + e.line,
                        column: e.column.max(1),
                    };
                    r.report.error(pos, Problem::Gift(e.problem));
                }
                return Placeholder::Nothing;
            }
        };
        let mut segments = Vec::new();
        for item in items {
            match item {
                GiftItem::Question(mut q) => {
                    self.question_count += 1;
                    if q.id.is_empty() {
                        q.id = format!("q{}", self.question_count);
                    }
                    q.line = first_line + q.line.max(1);
                    q.group.clone_from(&group);
                    let pos = Pos::line(q.line);
                    if let Placeholder::Segments(s) = self.add_question(q, pos, r) {
                        segments.extend(s);
                    }
                }
                GiftItem::Essay {
                    prompt_html, line, ..
                } => {
                    self.reflection_count += 1;
                    let line = first_line + line.max(1);
                    let refl = Reflection {
                        id: format!("r{}", self.reflection_count),
                        prompt_html,
                        line,
                    };
                    if let Placeholder::Segments(s) = self.add_reflection(refl, Pos::line(line), r)
                    {
                        segments.extend(s);
                    }
                }
            }
        }
        Placeholder::Segments(segments)
    }
}
