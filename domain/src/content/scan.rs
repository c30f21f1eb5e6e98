//! `scan.md` in a course folder: the self-scan "Waar sta je?".
//!
//! The file is written like a module: front matter (`title`), text, and
//! `::: question` blocks. A scan question's answer list is a task list in
//! which nothing is ticked (there is no right answer), and every option
//! ends with `-> ` and what it recommends:
//!
//! ```text
//! - [ ] We hebben al een online tool gekocht -> vier-stappen, maatwerk
//!   > Een tool werkt pas als het plan er ligt.
//! - [ ] Het traject loopt al -> -
//! ```
//!
//! A target is a module id of the course, or the id of another course;
//! `-` means "nothing to add". The nested `>` quote is the reason shown
//! with the advice. `type=multiple` makes checkboxes (any number, also
//! none); otherwise exactly one option is chosen.
//!
//! Module targets are checked here; course targets need the whole catalog
//! and are checked by [`check_course_targets`] once every course is read.

use super::blocks::Block;
use super::front_matter::{self, ScanFields};
use super::links::LinkTargets;
use super::problems::{FileKind, Problem, QuestionType as QType};
use super::question::{
    answer_list, feedback_html, is_empty_label, is_slug, read_attributes, split_items, AnswerList,
};
use super::render::{Locator, Renderer};
use super::source::{Pos, Reporter, SourceFile};
use super::suggest::closest;
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::model::{Course, Language, Scan, ScanOption, ScanQuestion, ScanTarget};
use std::path::Path;

/// The file name of a course's scan.
pub const FILE_NAME: &str = "scan.md";

/// Parse `scan.md` (its text) for a course whose links and module ids are
/// known. A scan with errors is still returned (without the questions that
/// could not be read); its errors keep it from being published.
pub(crate) fn parse_scan(
    path: &Path,
    text: &str,
    links: &LinkTargets<'_>,
    language: Language,
    modules: &[String],
) -> (Scan, Vec<Diagnostic>) {
    let file = SourceFile::new(text);
    let mut report = Reporter::new(path.to_path_buf());
    let (fields, has_front_matter, body_line) =
        front_matter::read::<ScanFields>(&file, FileKind::Scan, &mut report);
    let title = super::module::required_title(
        fields.value.title.as_deref(),
        &fields,
        has_front_matter,
        &mut report,
    );
    let mut r = Renderer::new(&file, links, language, report);
    let body = super::body::render_scan(&mut r, body_line, modules);
    let (segments, questions) = (body.segments, body.scan_questions);
    if questions.is_empty() {
        r.report.error(Pos::START, Problem::ScanWithoutQuestions);
    }
    let scan = Scan {
        title: title.unwrap_or_default(),
        segments,
        questions,
        content_hash: super::module::sha256_hex(text.as_bytes()),
    };
    (scan, r.report.list)
}

/// One `::: question` block of a scan; `number` is its 1-based position
/// (its default id is `q<number>`), `modules` the module ids of the course.
/// `None` when it has errors (every one is reported).
pub(crate) fn parse_question(
    block: &Block<'_>,
    number: usize,
    modules: &[String],
    r: &mut Renderer<'_>,
) -> Option<(ScanQuestion, Pos)> {
    let attrs = read_attributes(block, number, r);
    let multiple = match attrs.declared {
        None | Some((QType::Single, _)) => false,
        Some((QType::Multiple, _)) => true,
        Some((_, pos)) => {
            r.report.error(pos, Problem::ScanOptionsNotBoxes);
            return None;
        }
    };

    let AnswerList {
        text,
        base,
        loc,
        events,
        list_start,
        list_end,
        list_pos,
    } = answer_list(block, r)?;
    let prompt = events[..list_start].to_vec();
    let items = split_items(&events, list_start, list_end, text);
    if items.len() < 2 {
        r.report.error(list_pos, Problem::TooFewOptions);
        return None;
    }
    let mut ok = true;
    let mut options = Vec::with_capacity(items.len());
    for item in &items {
        let pos = r.pos(loc, item.offset);
        match item.checked {
            None => {
                r.report.error(pos, Problem::ScanOptionsNotBoxes);
                return None;
            }
            Some(true) => {
                r.report.error(pos, Problem::ScanOptionChecked);
                ok = false;
            }
            Some(false) => {}
        }
        let source = text.get(item.label_range.clone()).unwrap_or("");
        let Some(arrow) = source.rfind("->") else {
            r.report.error(pos, Problem::ScanOptionWithoutTarget);
            ok = false;
            continue;
        };
        let label = &source[..arrow];
        if is_empty_label(item) || label.trim().is_empty() {
            r.report.error(pos, Problem::EmptyOption);
            ok = false;
            continue;
        }
        let target_offset = item.label_range.start + arrow + 2;
        let Some(option_targets) =
            read_targets(&source[arrow + 2..], target_offset, loc, modules, r)
        else {
            ok = false;
            continue;
        };
        let html = markdown::strip_paragraph(
            &r.render_fragment(label.trim_end(), base + item.label_range.start),
        );
        options.push(ScanOption {
            html,
            reason_html: feedback_html(r, item, loc),
            targets: option_targets,
            line: pos.line,
        });
    }
    if !ok {
        return None;
    }
    let prompt_html = r.render_events(prompt, loc);
    let question = ScanQuestion {
        id: attrs.id,
        prompt_html,
        multiple,
        options,
        line: block.open_line + 1,
    };
    Some((question, attrs.id_pos))
}

/// The targets after `->`: comma-separated ids, or `-` for none. Module
/// ids are checked here; other slugs are taken as course ids (checked once
/// the catalog is read). `None` after reporting a target that cannot be.
fn read_targets(
    written: &str,
    offset: usize,
    loc: Locator<'_>,
    modules: &[String],
    r: &mut Renderer<'_>,
) -> Option<Vec<ScanTarget>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut fine = true;
    for part in written.split(',') {
        let here = offset + start + (part.len() - part.trim_start().len());
        start += part.len() + 1;
        let id = part.trim();
        if id == "-" {
            continue;
        }
        if modules.iter().any(|m| m == id) {
            out.push(ScanTarget::Module(id.to_string()));
        } else if is_slug(id) {
            out.push(ScanTarget::Course(id.to_string()));
        } else {
            let pos = r.pos(loc, here);
            r.report.error(
                pos,
                Problem::ScanUnknownTarget {
                    target: id.to_string(),
                    suggestion: closest(id, modules.iter().map(String::as_str)).map(str::to_string),
                },
            );
            fine = false;
        }
    }
    if !fine {
        return None;
    }
    out.dedup();
    Some(out)
}

/// Check the course targets of every scan against the catalog: an id that
/// is neither one of the scan's modules nor a course is an error (reported
/// on the option's line), and the target is dropped. With `live` (drafts),
/// each course is checked as if it alone joined those courses: another
/// draft is not a course learners can be sent to.
pub(crate) fn check_course_targets(
    root: &Path,
    courses: &mut [Course],
    live: Option<&[String]>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let all: Vec<String> = courses.iter().map(|c| c.id.clone()).collect();
    for course in courses.iter_mut() {
        let course_ids: Vec<String> = match live {
            None => all.clone(),
            Some(live) => live
                .iter()
                .cloned()
                .chain(std::iter::once(course.id.clone()))
                .collect(),
        };
        let module_ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
        let path = root.join("courses").join(&course.id).join(FILE_NAME);
        let Some(scan) = course.scan.as_mut() else {
            continue;
        };
        for option in scan.questions.iter_mut().flat_map(|q| &mut q.options) {
            option.targets.retain(|target| {
                let ScanTarget::Course(id) = target else {
                    return true;
                };
                if course_ids.contains(id) {
                    return true;
                }
                let candidates = module_ids
                    .iter()
                    .copied()
                    .chain(course_ids.iter().map(String::as_str));
                diagnostics.push(Diagnostic::error(
                    &path,
                    option.line,
                    1,
                    Problem::ScanUnknownTarget {
                        target: id.clone(),
                        suggestion: closest(id, candidates).map(str::to_string),
                    },
                ));
                false
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::{load, LoadResult, Problem};
    use crate::model::{ScanTarget, Segment};
    use std::path::PathBuf;

    const COURSE: &str = "---\ntitle: C\nsummary: S.\n---\nWelkom.\n";
    const LESSON: &str = "---\ntitle: Les\n---\nTekst.\n";

    /// A content folder with courses `c` (modules `basis`, `plan`) and
    /// `d`, and `scan` as `c/scan.md`.
    fn load_scan(name: &str, scan: &str) -> LoadResult {
        let root = std::env::temp_dir().join(format!("lp-scan-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (course, files) in [
            (
                "c",
                vec![
                    ("course.md", COURSE),
                    ("01-basis.md", LESSON),
                    ("02-plan.md", LESSON),
                    ("scan.md", scan),
                ],
            ),
            ("d", vec![("course.md", COURSE), ("01-les.md", LESSON)]),
        ] {
            let dir: PathBuf = root.join("courses").join(course);
            std::fs::create_dir_all(&dir).unwrap();
            for (file, text) in files {
                std::fs::write(dir.join(file), text).unwrap();
            }
        }
        let result = load(&root);
        let _ = std::fs::remove_dir_all(&root);
        result
    }

    fn problems(result: &LoadResult) -> Vec<(usize, Problem)> {
        result
            .diagnostics
            .iter()
            .map(|d| (d.line, d.problem.clone()))
            .collect()
    }

    #[test]
    fn a_scan_points_options_at_modules_and_courses() {
        let result = load_scan(
            "ok",
            "---\ntitle: Waar sta je?\n---\nIntro.\n\n\
             ::: question id=fase\nWaar sta je?\n\n\
             - [ ] Nergens -> basis, plan\n  > Begin bij het begin.\n\
             - [ ] Klaar -> -\n\
             - [ ] Anders -> d\n:::\n\n\
             ::: question type=multiple\nZorgen?\n\n- [ ] Geld -> plan\n- [ ] Tijd -> plan\n:::\n",
        );
        assert_eq!(problems(&result), vec![]);
        let course = result.catalog.course("c").unwrap();
        let scan = course.scan.as_ref().expect("the scan");
        assert_eq!(scan.title, "Waar sta je?");
        assert!(matches!(&scan.segments[0], Segment::Html(h) if h.contains("Intro.")));
        let ids: Vec<&str> = scan.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["fase", "q2"]);
        let fase = &scan.questions[0];
        assert!(!fase.multiple && scan.questions[1].multiple);
        assert_eq!(fase.options[0].html, "Nergens");
        assert_eq!(
            fase.options[0].targets,
            [
                ScanTarget::Module("basis".into()),
                ScanTarget::Module("plan".into())
            ]
        );
        assert!(fase.options[0]
            .reason_html
            .as_deref()
            .unwrap()
            .contains("Begin bij het begin."));
        assert_eq!(fase.options[1].targets, []);
        assert_eq!(fase.options[2].targets, [ScanTarget::Course("d".into())]);
        assert_eq!(fase.options[2].line, 12);
        assert!(result.catalog.course("d").unwrap().scan.is_none());
    }

    /// A draft's scan may name a live course and its own (`load_beside`),
    /// not another draft: each draft joins the live courses on its own.
    /// Read as one content folder, the drafts name each other, not `live`.
    #[test]
    fn a_draft_scan_may_name_a_live_course() {
        let root = std::env::temp_dir().join(format!("lp-scan-draft-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for course in ["c", "d"] {
            let dir = root.join("courses").join(course);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("course.md"), COURSE).unwrap();
            std::fs::write(dir.join("01-basis.md"), LESSON).unwrap();
        }
        std::fs::write(
            root.join("courses/c/scan.md"),
            "---\ntitle: Scan\n---\n::: question\nWaar?\n\n\
             - [ ] Hier -> basis, c\n- [ ] Daar -> live\n- [ ] Elders -> d\n:::\n",
        )
        .unwrap();
        let beside = crate::content::load_beside(&root, &["live".to_string()]);
        let alone = load(&root);
        // One draft read alone: only its own course and problems.
        let just_d = crate::content::load_one_beside(&root, "d", &["live".to_string()]);
        let _ = std::fs::remove_dir_all(&root);
        let ids: Vec<&str> = just_d
            .catalog
            .courses
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["d"]);
        assert_eq!(problems(&just_d), vec![]);
        assert!(matches!(
            problems(&beside).as_slice(),
            [(9, Problem::ScanUnknownTarget { target, .. })] if target == "d"
        ));
        let scan = beside.catalog.course("c").unwrap().scan.as_ref().unwrap();
        assert_eq!(
            scan.questions[0].options[1].targets,
            [ScanTarget::Course("live".into())]
        );
        assert!(matches!(
            problems(&alone).as_slice(),
            [(8, Problem::ScanUnknownTarget { target, .. })] if target == "live"
        ));
    }

    #[test]
    fn scan_mistakes_are_reported_where_they_are() {
        let result = load_scan(
            "errors",
            "---\ntitle: Scan\n---\n\
             ::: question\nFase?\n\n- [x] Nergens -> basis\n- [ ] Klaar\n:::\n\n\
             ::: question\nWaar?\n\n- [ ] Hier -> bsis\n- [ ] Daar -> plan\n:::\n\n\
             ::: question\nRichting?\n\n- een\n- twee\n:::\n\n\
             ::: reflection\nWat denk je?\n:::\n",
        );
        let found = problems(&result);
        assert!(
            found.contains(&(7, Problem::ScanOptionChecked)),
            "{found:?}"
        );
        assert!(
            found.contains(&(8, Problem::ScanOptionWithoutTarget)),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                14,
                Problem::ScanUnknownTarget {
                    target: "bsis".into(),
                    suggestion: Some("basis".into())
                }
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(21, Problem::ScanOptionsNotBoxes)),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                25,
                Problem::ScanBlockNotAllowed {
                    kind: "reflection".into()
                }
            )),
            "{found:?}"
        );
        assert!(result.has_errors());
        // The question with a bad target is still asked, without it.
        let scan = result.catalog.course("c").unwrap().scan.as_ref().unwrap();
        assert_eq!(scan.questions.len(), 1);
        assert_eq!(scan.questions[0].options[0].targets, []);
    }

    #[test]
    fn every_bad_option_of_a_question_is_reported() {
        // A target that is no id does not hide the option after it.
        let result = load_scan(
            "options",
            "---\ntitle: Scan\n---\n::: question\nFase?\n\n- [ ] Nergens -> Basis Les\n- [ ] Klaar\n:::\n",
        );
        let found = problems(&result);
        assert!(
            found.contains(&(
                7,
                Problem::ScanUnknownTarget {
                    target: "Basis Les".into(),
                    suggestion: None
                }
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(8, Problem::ScanOptionWithoutTarget)),
            "{found:?}"
        );
    }

    #[test]
    fn a_scan_needs_a_title_and_questions() {
        let result = load_scan("title", "---\nsummary: x\n---\nTekst.\n");
        let found = problems(&result);
        assert!(
            found
                .iter()
                .any(|(_, p)| matches!(p, Problem::MissingField { field } if field == "title")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(_, p)| matches!(p, Problem::UnknownField { name, .. } if name == "summary")),
            "{found:?}"
        );
        assert!(
            found.contains(&(1, Problem::ScanWithoutQuestions)),
            "{found:?}"
        );
    }
}
