//! One course folder, given as texts, into a [`Course`].
//!
//! Steps:
//! 1. read `course.md`'s front matter and check its fields (title, summary
//!    of at most 300 characters, language, pass score, …);
//! 2. read every module's head ([`module::read_head`]), reject duplicate
//!    module ids;
//! 3. order the modules: the `modules:` list, else file-name order; ids in
//!    the list without a file, and files missing from the list, are errors;
//! 4. build each module with the course's link targets and language;
//! 5. render `course.md`'s body as the introduction;
//! 6. hash: `Course::version` is the first 16 hex digits of SHA-256 over
//!    the bytes of `course.md` followed by each module's `content_hash` in
//!    course order, so any edit (or reordering) gives a new version.

use super::body;
use super::front_matter::{self, CourseFields, Parsed, Split};
use super::links::LinkTargets;
use super::module::{self, check_pass_score, required_text, required_title, ModuleHead};
use super::problems::FileKind;
use super::render::Renderer;
use super::source::{Pos, Reporter, SourceFile};
use super::suggest::closest;
use super::Problem;
use crate::diagnostics::Diagnostic;
use crate::model::{Course, Language, Module, Segment};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const SUMMARY_MAX_CHARS: usize = 300;
const DEFAULT_PASS_SCORE: u8 = 70;

/// The checked front matter of `course.md`.
struct CourseMeta {
    title: Option<String>,
    summary: Option<String>,
    language: Language,
    pass_score: u8,
}

/// Parse one course; `course_md` is `None` when the file is missing (the
/// caller reported that), and then only the modules are checked.
pub(crate) fn parse(
    root: &Path,
    course_id: &str,
    course_md: Option<&str>,
    modules: &[(String, String)],
    scan_md: Option<&str>,
    assets: &BTreeSet<String>,
) -> (Option<Course>, Vec<Diagnostic>) {
    let dir = root.join("courses").join(course_id);
    let course_file = course_md.map(SourceFile::new);
    let mut report = Reporter::new(dir.join("course.md"));

    // 1. course.md front matter
    let head = read_front_matter(course_file.as_ref(), &mut report);
    let meta = check_course_fields(&head.fields, head.split.is_some(), &mut report);

    // 2.–3. module heads, in course order
    let mut heads = module_heads(&dir, modules);
    if let (Some(list), Some(split)) = (&head.fields.value.modules, &head.split) {
        heads = order_modules(heads, list, &head.fields, split, &mut report);
    }

    // 4. modules
    let links = LinkTargets {
        course_id,
        modules: heads
            .iter()
            .map(|h| (h.file_name.clone(), h.id.clone()))
            .collect(),
        assets,
    };
    let mut diagnostics = Vec::new();
    let mut built: Vec<Module> = Vec::with_capacity(heads.len());
    for head in heads {
        let (m, d) = module::build(head, &links, meta.language);
        built.push(m);
        diagnostics.extend(d);
    }

    // 5. introduction
    let (Some(text), Some(file)) = (course_md, course_file.as_ref()) else {
        diagnostics.extend(report.list);
        return (None, diagnostics);
    };
    if built.is_empty() {
        report.warning(Pos::START, Problem::CourseWithoutModules);
    }
    let mut r = Renderer::new(file, &links, meta.language, report);
    let intro_html = render_intro(&mut r, head.body_line);
    diagnostics.extend(r.report.list);

    // 6. the self-scan
    let scan = scan_md.map(|text| {
        let ids: Vec<String> = built.iter().map(|m| m.id.clone()).collect();
        let path = dir.join(super::scan::FILE_NAME);
        let (scan, d) = super::scan::parse_scan(&path, text, &links, meta.language, &ids);
        diagnostics.extend(d);
        scan
    });

    // 7. version and totals
    let f = head.fields.value;
    let course = Course {
        id: course_id.to_string(),
        title: meta.title.unwrap_or_else(|| course_id.to_string()),
        summary: meta.summary.unwrap_or_default(),
        language: meta.language,
        duration_minutes: f
            .duration
            .unwrap_or_else(|| built.iter().filter_map(|m| m.duration_minutes).sum()),
        audience: f.audience.unwrap_or_default(),
        tags: f.tags.unwrap_or_default(),
        pass_score: meta.pass_score,
        certificate: f.certificate.unwrap_or(true),
        valid_for_months: f.valid_for_months,
        intro_html,
        version: course_version(text, &built),
        modules: built,
        scan,
        dir,
    };
    (Some(course), diagnostics)
}

/// `course.md`'s front matter as read.
struct CourseHead<'a> {
    fields: Parsed<CourseFields>,
    /// `None` when the file is missing or has no usable front matter.
    split: Option<Split<'a>>,
    body_line: usize,
}

fn read_front_matter<'a>(file: Option<&SourceFile<'a>>, report: &mut Reporter) -> CourseHead<'a> {
    let Some(file) = file else {
        return CourseHead {
            fields: unreadable(),
            split: None,
            body_line: 0,
        };
    };
    match front_matter::split(file) {
        Ok(split) => CourseHead {
            fields: front_matter::deserialize(&split, FileKind::CourseMd, report),
            split: Some(split),
            body_line: split.body_line,
        },
        Err(err) => {
            front_matter::report_split_error(err, file, report);
            CourseHead {
                fields: unreadable(),
                split: None,
                body_line: err.body_line(file),
            }
        }
    }
}

/// Phase 1 of every module, in file-name order; duplicate ids reported.
fn module_heads<'a>(dir: &Path, modules: &'a [(String, String)]) -> Vec<ModuleHead<'a>> {
    let mut sorted: Vec<&(String, String)> = modules.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut heads: Vec<ModuleHead<'a>> = sorted
        .into_iter()
        .map(|(name, text)| module::read_head(dir.join(name), name, text))
        .collect();
    let mut first_file: HashMap<String, String> = HashMap::new();
    for head in &mut heads {
        match first_file.get(&head.id) {
            Some(other) => head.report.error(
                head.id_pos,
                Problem::DuplicateModuleId {
                    id: head.id.clone(),
                    other_file: other.clone(),
                },
            ),
            None => {
                first_file.insert(head.id.clone(), head.file_name.clone());
            }
        }
    }
    heads
}

/// `course.md`'s body as HTML; question and reflection blocks are errors
/// there (a course page has no forms).
fn render_intro(r: &mut Renderer<'_>, body_line: usize) -> String {
    let intro = body::render(r, body_line);
    let lines = intro.questions.iter().map(|q| q.line);
    for line in lines.chain(intro.reflections.iter().map(|q| q.line)) {
        r.report.error(Pos::line(line), Problem::QuestionInCourseMd);
    }
    intro
        .segments
        .into_iter()
        .filter_map(|s| match s {
            Segment::Html(h) => Some(h),
            _ => None,
        })
        .collect()
}

fn unreadable() -> Parsed<CourseFields> {
    Parsed {
        value: CourseFields::default(),
        fields: Vec::new(),
        rejected: Vec::new(),
        readable: false,
    }
}

fn check_course_fields(
    fields: &Parsed<CourseFields>,
    has_front_matter: bool,
    report: &mut Reporter,
) -> CourseMeta {
    let f = &fields.value;
    let title = required_title(f.title.as_deref(), fields, has_front_matter, report);
    let summary = required_text(
        "summary",
        f.summary.as_deref(),
        fields,
        has_front_matter,
        report,
    );
    if let Some(s) = &summary {
        let n = s.chars().count();
        if n > SUMMARY_MAX_CHARS {
            report.error(
                fields.pos_of("summary"),
                Problem::SummaryTooLong {
                    chars: n,
                    max: SUMMARY_MAX_CHARS,
                },
            );
        }
    }
    let language = match f.language.as_deref() {
        None | Some("nl") => Language::Nl,
        Some("en") => Language::En,
        Some(other) => {
            report.error(
                fields.pos_of("language"),
                Problem::UnknownLanguage {
                    value: other.to_string(),
                },
            );
            Language::Nl
        }
    };
    let pass_score = check_pass_score(f.pass_score, fields, report).unwrap_or(DEFAULT_PASS_SCORE);
    if f.valid_for_months == Some(0) {
        report.error(
            fields.pos_of("valid_for_months"),
            Problem::ValidForMonthsZero,
        );
    }
    CourseMeta {
        title,
        summary,
        language,
        pass_score,
    }
}

/// Order module heads by the `modules:` list; unknown and missing ids are
/// errors, and unlisted modules go last so they are still checked.
fn order_modules<'a>(
    heads: Vec<ModuleHead<'a>>,
    list: &[String],
    fields: &Parsed<CourseFields>,
    split: &Split<'_>,
    report: &mut Reporter,
) -> Vec<ModuleHead<'a>> {
    let mut remaining: Vec<Option<ModuleHead<'a>>> = heads.into_iter().map(Some).collect();
    let ids: Vec<String> = remaining.iter().flatten().map(|h| h.id.clone()).collect();
    let mut ordered = Vec::with_capacity(remaining.len());
    let mut listed: Vec<&str> = Vec::new();
    for id in list {
        let pos = position_in_field(split, fields, "modules", id);
        if listed.contains(&id.as_str()) {
            report.error(pos, Problem::ModuleListedTwice { id: id.clone() });
            continue;
        }
        listed.push(id);
        match remaining
            .iter_mut()
            .find(|h| h.as_ref().is_some_and(|h| &h.id == id))
        {
            Some(slot) => ordered.extend(slot.take()),
            None => report.error(
                pos,
                Problem::UnknownModuleInList {
                    id: id.clone(),
                    suggestion: closest(id, ids.iter().map(String::as_str)).map(str::to_string),
                    ids: ids.clone(),
                },
            ),
        }
    }
    for head in remaining.into_iter().flatten() {
        report.error(
            fields.pos_of("modules"),
            Problem::ModuleMissingFromList {
                file: head.file_name.clone(),
                id: head.id.clone(),
            },
        );
        ordered.push(head);
    }
    ordered
}

/// Where `needle` is written inside a field's lines (e.g. one id in a
/// `modules:` list); the field's own position if not found.
fn position_in_field(
    split: &Split<'_>,
    fields: &Parsed<CourseFields>,
    name: &str,
    needle: &str,
) -> Pos {
    let Some(field) = fields.field(name) else {
        return Pos::START;
    };
    split
        .yaml
        .lines()
        .enumerate()
        .skip(field.lines.start)
        .take(field.lines.len())
        .find_map(|(idx, line)| {
            let at = find_word(line, needle)?;
            Some(Pos {
                line: split.yaml_line + idx + 1,
                column: line[..at].chars().count() + 1,
            })
        })
        .unwrap_or(field.pos)
}

/// Byte offset of `word` in `line` where it is not part of a longer id.
fn find_word(line: &str, word: &str) -> Option<usize> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    line.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
    })
}

fn course_version(course_md: &str, modules: &[Module]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(course_md.as_bytes());
    for m in modules {
        hasher.update(m.content_hash.as_bytes());
    }
    let mut version = hex::encode(hasher.finalize());
    version.truncate(16);
    version
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_positions() {
        assert_eq!(find_word("modules: [intro, intro-2]", "intro"), Some(10));
        assert_eq!(find_word("  - intro-2", "intro"), None);
        assert_eq!(find_word("  - intro", "intro"), Some(4));
    }
}
