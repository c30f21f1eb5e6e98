//! One module file (`NN-<id>.md`) into a [`Module`].
//!
//! Two phases, because links between modules need every module's id before
//! any body is rendered:
//! 1. [`read_head`]: split and read the front matter, settle the module id
//!    (front matter `id:`, else the file name without `NN-` and `.md`);
//! 2. [`build`]: check what the fields mean (title, kind, exam-only
//!    fields, ranges), render the body ([`body::render`]), check exam
//!    rules that need the questions (`draw`, no questions), hash the file.

use super::body;
use super::front_matter::{self, DrawField, ModuleFields, Parsed};
use super::links::LinkTargets;
use super::problems::{FileKind, Problem};
use super::question::is_slug;
use super::render::Renderer;
use super::source::{Pos, Reporter, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::model::{ExamSettings, GroupDraw, Language, Module, ModuleKind, Question};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// Front matter fields that only mean something for an exam (`shuffle`
/// means something for both: format 1.1 shuffles a lesson's options).
const EXAM_ONLY: &[&str] = &["attempts", "draw", "pass_score"];

/// A module file after phase 1.
pub(crate) struct ModuleHead<'a> {
    pub file_name: String,
    pub id: String,
    /// Where the id was given (its `id:` field, or the file's first line).
    pub id_pos: Pos,
    pub file: SourceFile<'a>,
    pub fields: Parsed<ModuleFields>,
    /// Whether the front matter could be split off at all.
    pub has_front_matter: bool,
    /// 0-based line where the body starts.
    pub body_line: usize,
    pub report: Reporter,
}

/// The module id a file name gives: `01-waarom.md` → `waarom`.
pub(crate) fn id_from_file_name(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".md")?;
    let (number, id) = stem.split_once('-')?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty())
        .then_some(id)
}

/// Phase 1: front matter and id.
pub(crate) fn read_head<'a>(path: PathBuf, file_name: &str, text: &'a str) -> ModuleHead<'a> {
    let file = SourceFile::new(text);
    let mut report = Reporter::new(path);
    let (fields, has_front_matter, body_line) =
        front_matter::read::<ModuleFields>(&file, FileKind::Module, &mut report);

    let from_name = id_from_file_name(file_name).unwrap_or(file_name);
    let (id, id_pos) = match &fields.value.id {
        Some(id) => (id.clone(), fields.pos_of("id")),
        None => (from_name.to_string(), Pos::START),
    };
    if !is_slug(&id) {
        let suggested_file = fields
            .value
            .id
            .is_none()
            .then(|| suggested_file_name(file_name));
        report.error(
            id_pos,
            Problem::InvalidModuleId {
                id: id.clone(),
                suggested_file,
            },
        );
    }
    ModuleHead {
        file_name: file_name.to_string(),
        id,
        id_pos,
        file,
        fields,
        has_front_matter,
        body_line,
        report,
    }
}

fn suggested_file_name(file_name: &str) -> String {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    format!("{}.md", super::slug::slugify(stem))
}

/// Phase 2: the module itself, with all its diagnostics.
pub(crate) fn build(
    head: ModuleHead<'_>,
    links: &LinkTargets<'_>,
    language: Language,
) -> (Module, Vec<Diagnostic>) {
    let ModuleHead {
        file_name,
        id,
        file,
        fields,
        has_front_matter,
        body_line,
        report,
        ..
    } = head;
    let mut r = Renderer::new(&file, links, language, report);
    let f = &fields.value;

    let title = required_title(f.title.as_deref(), &fields, has_front_matter, &mut r.report)
        .unwrap_or_else(|| id.clone());
    let is_exam = match f.kind.as_deref() {
        None | Some("lesson") => false,
        Some("exam") => true,
        Some(other) => {
            r.report.error(
                fields.pos_of("kind"),
                Problem::UnknownModuleKind {
                    value: other.to_string(),
                },
            );
            false
        }
    };
    if !is_exam {
        for name in EXAM_ONLY.iter().filter(|n| fields.field(n).is_some()) {
            r.report.error(
                fields.pos_of(name),
                Problem::ExamOnlyField {
                    field: name.to_string(),
                },
            );
        }
    }
    if f.attempts == Some(0) {
        r.report
            .error(fields.pos_of("attempts"), Problem::AttemptsZero);
    }
    if f.draw == Some(DrawField::Count(0)) {
        r.report.error(fields.pos_of("draw"), Problem::DrawZero);
    }
    let pass_score = check_pass_score(f.pass_score, &fields, &mut r.report);

    let body = body::render(&mut r, body_line);

    let groups = match &f.draw {
        Some(DrawField::PerGroup(groups)) if is_exam => {
            check_group_draw(groups, &body.questions, &fields, &file, &mut r.report)
        }
        // A `draw:` already reported as unreadable: no second guess.
        _ if fields.field("draw").is_some() && !fields.checkable("draw") => Vec::new(),
        _ => {
            for q in &body.questions {
                if let Some(group) = &q.group {
                    r.report.warning(
                        Pos::line(q.line),
                        Problem::GroupNotDrawn {
                            group: group.clone(),
                        },
                    );
                }
            }
            Vec::new()
        }
    };
    let draw = match &f.draw {
        Some(DrawField::Count(d)) => Some(*d),
        Some(DrawField::PerGroup(_)) => Some(groups.iter().map(|g| g.count).sum()),
        None => None,
    };
    if is_exam {
        let n = body.questions.len();
        if n == 0 {
            r.report
                .error(fields.pos_of("kind"), Problem::ExamWithoutQuestions);
        } else if let Some(DrawField::Count(draw)) = f.draw {
            if draw as usize > n {
                r.report.error(
                    fields.pos_of("draw"),
                    Problem::DrawTooLarge { draw, questions: n },
                );
            }
        }
    }

    let shuffle = f.shuffle.unwrap_or(is_exam);
    let kind = if is_exam {
        ModuleKind::Exam(ExamSettings {
            attempts: f.attempts.unwrap_or(3).max(1),
            shuffle,
            draw: draw.filter(|&d| d > 0),
            groups,
            pass_score,
        })
    } else {
        ModuleKind::Lesson
    };
    let module = Module {
        id,
        file_name,
        title,
        duration_minutes: f.duration,
        objectives: f.objectives.clone().unwrap_or_default(),
        kind,
        shuffle_options: shuffle,
        segments: body.segments,
        toc: r.toc,
        questions: body.questions,
        reflections: body.reflections,
        content_hash: sha256_hex(file.text.as_bytes()),
    };
    (module, r.report.list)
}

/// The `title` field, reporting it missing or empty.
pub(crate) fn required_title<T>(
    title: Option<&str>,
    fields: &Parsed<T>,
    has_front_matter: bool,
    report: &mut Reporter,
) -> Option<String> {
    required_text("title", title, fields, has_front_matter, report)
}

/// A required text field: reports it missing (when the front matter was
/// readable and the field is absent) or empty.
pub(crate) fn required_text<T>(
    name: &str,
    value: Option<&str>,
    fields: &Parsed<T>,
    has_front_matter: bool,
    report: &mut Reporter,
) -> Option<String> {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => Some(v.to_string()),
        _ if !has_front_matter || !fields.checkable(name) => None,
        _ if fields.field(name).is_none() => {
            report.error(
                Pos::START,
                Problem::MissingField {
                    field: name.to_string(),
                },
            );
            None
        }
        _ => {
            report.error(
                fields.pos_of(name),
                Problem::EmptyField {
                    field: name.to_string(),
                },
            );
            None
        }
    }
}

/// `pass_score` must be 0–100.
pub(crate) fn check_pass_score<T>(
    value: Option<i64>,
    fields: &Parsed<T>,
    report: &mut Reporter,
) -> Option<u8> {
    let v = value?;
    match u8::try_from(v) {
        Ok(score) if score <= 100 => Some(score),
        _ => {
            report.error(
                fields.pos_of("pass_score"),
                Problem::PassScoreOutOfRange { value: v },
            );
            None
        }
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Format 1.1: check a per-group `draw:` against the questions' `group=`
/// and return the groups to draw from (entries with an error left out).
/// Every entry must name a group with enough questions, and every question
/// must be in a group that is drawn from: a question that can never be
/// drawn would be dead weight nobody notices.
fn check_group_draw(
    groups: &[(String, u32)],
    questions: &[Question],
    fields: &Parsed<ModuleFields>,
    file: &SourceFile<'_>,
    report: &mut Reporter,
) -> Vec<GroupDraw> {
    let draw_pos = fields.pos_of("draw");
    if groups.is_empty() {
        report.error(draw_pos, Problem::DrawZero);
        return Vec::new();
    }
    let mut named: Vec<String> = Vec::new();
    for group in questions.iter().filter_map(|q| q.group.as_ref()) {
        if !named.contains(group) {
            named.push(group.clone());
        }
    }
    let mut out = Vec::new();
    for (group, count) in groups {
        let pos = group_line(fields, file, group).unwrap_or(draw_pos);
        let in_group = questions
            .iter()
            .filter(|q| q.group.as_deref() == Some(group.as_str()))
            .count();
        if *count == 0 {
            report.error(
                pos,
                Problem::DrawGroupZero {
                    group: group.clone(),
                },
            );
        } else if *count as usize > in_group {
            report.error(
                pos,
                Problem::DrawGroupTooLarge {
                    group: group.clone(),
                    draw: *count,
                    questions: in_group,
                    groups: named.clone(),
                },
            );
        } else {
            out.push(GroupDraw {
                group: group.clone(),
                count: *count,
            });
        }
    }
    for q in questions {
        let drawn = q
            .group
            .as_ref()
            .is_some_and(|g| groups.iter().any(|(name, _)| name == g));
        if !drawn {
            report.error(
                Pos::line(q.line),
                Problem::QuestionNotDrawn {
                    id: q.id.clone(),
                    group: q.group.clone(),
                },
            );
        }
    }
    out
}

/// The file line of `group:` inside the `draw:` field, if it is there.
fn group_line(fields: &Parsed<ModuleFields>, file: &SourceFile<'_>, group: &str) -> Option<Pos> {
    let field = fields.field("draw")?;
    let first = field.pos.line; // 1-based line of `draw:`
    (first..first - 1 + field.lines.len())
        .filter(|&idx| idx < file.line_count())
        .find(|&idx| {
            file.line_text(idx)
                .trim()
                .strip_prefix(group)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|idx| file.pos(file.line_start(idx) + file.line_text(idx).find(group).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_file_name("01-waarom.md"), Some("waarom"));
        assert_eq!(id_from_file_name("12-de-kaders.md"), Some("de-kaders"));
        assert_eq!(id_from_file_name("waarom.md"), None);
        assert_eq!(id_from_file_name("01-.md"), None);
        assert_eq!(id_from_file_name("01-a.txt"), None);
    }
}
