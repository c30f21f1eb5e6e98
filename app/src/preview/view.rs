//! Server only: a draft module's page data, as the learner's module page
//! holds it (`learning::build`), with the checker's problems of the
//! module's file placed at the question they are in.

use super::types::{DraftModule, DraftSegment};
use crate::admin::api::worded;
use crate::admin::types::ContentProblem;
use crate::i18n::Locale;
use crate::learning::build::{drawn_per_attempt, lesson_order, question_view, toc, Place};
use crate::learning::types::{QuestionView, ReflectionView};
use domain::diagnostics::Diagnostic;
use domain::model::{Course, Module, Segment};
use domain::option_tokens::Namer;
use std::path::PathBuf;

/// A draft module and what the checker said about its course.
pub struct Draft<'a> {
    pub course: &'a Course,
    pub module: &'a Module,
    /// The module's file, as the diagnostics name it.
    pub file: PathBuf,
    /// The course's problems.
    pub problems: &'a [&'a Diagnostic],
    pub locale: Locale,
    pub fingerprint: String,
}

/// The page data; `answered`: a question id and the response given to it.
pub fn module(d: &Draft<'_>, answered: Option<(&str, &str)>, names: &Namer) -> DraftModule {
    let (course, module) = (d.course, d.module);
    let here: Vec<&Diagnostic> = d
        .problems
        .iter()
        .copied()
        .filter(|p| p.path == d.file)
        .collect();
    let question_lines: Vec<(String, usize)> = module
        .questions
        .iter()
        .map(|q| (q.id.clone(), q.line))
        .collect();
    let (mut top, mut at) = (Vec::new(), std::collections::BTreeMap::new());
    for p in &here {
        match place(&question_lines, p.line) {
            Some(id) => at
                .entry(id)
                .or_insert_with(Vec::new)
                .push(worded(d.locale, p)),
            None => top.push(worded(d.locale, p)),
        }
    }
    let mut number = 0;
    let mut segments = Vec::with_capacity(module.segments.len());
    for seg in &module.segments {
        match seg {
            Segment::Html(h) => segments.push(DraftSegment::Html(in_preview(&course.id, h))),
            Segment::Question(id) => {
                if let Some(q) = module.question(id) {
                    number += 1;
                    let previous = answered
                        .filter(|(answered, _)| *answered == id.as_str())
                        .map(|(_, json)| (json, true));
                    let order = lesson_order(names, module, q);
                    let mut view = question_view(q, number, &order, previous, names);
                    question_in_preview(&course.id, &mut view);
                    let problems: Vec<ContentProblem> = at.remove(id).unwrap_or_default();
                    segments.push(DraftSegment::Question(Box::new(view), problems));
                }
            }
            Segment::Reflection(id) => {
                if let Some(r) = module.reflections.iter().find(|r| &r.id == id) {
                    segments.push(DraftSegment::Reflection(ReflectionView {
                        id: r.id.clone(),
                        prompt_html: in_preview(&course.id, &r.prompt_html),
                        saved: None,
                    }));
                }
            }
        }
    }
    // Problems at a question the page does not show stay in sight.
    top.extend(at.into_values().flatten());
    let place = Place::of(course, module);
    DraftModule {
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        language: course.language.code().to_string(),
        id: module.id.clone(),
        title: module.title.clone(),
        file: d.file.display().to_string(),
        objectives: module.objectives.clone(),
        toc: toc(module),
        problems: top,
        segments,
        exam_draw: drawn_per_attempt(module),
        position: place.position,
        total: place.total,
        prev: place.prev,
        next: place.next,
        course_errors: d.problems.iter().filter(|p| p.is_error()).count(),
        fingerprint: d.fingerprint.clone(),
        refused: None,
    }
}

/// Links and images in a draft's markup lead to the draft's pages and
/// files, not the live ones.
pub(super) fn in_preview(course: &str, html: &str) -> String {
    let mut out = html.to_string();
    // The course's own pages: its id ends where the address goes on.
    for end in ["/", "\"", "#"] {
        out = out.replace(
            &format!("href=\"/cursussen/{course}{end}"),
            &format!("href=\"{}{end}", super::course_path(course)),
        );
    }
    out.replace(
        &format!("=\"/inhoud/{course}/"),
        &format!("=\"{}/{course}/", super::ASSETS_PATH),
    )
}

/// Every piece of a question's markup, in the preview.
fn question_in_preview(course: &str, q: &mut QuestionView) {
    q.prompt_html = in_preview(course, &q.prompt_html);
    for o in &mut q.options {
        o.html = in_preview(course, &o.html);
    }
    if let Some(p) = &mut q.previous {
        for f in &mut p.feedback {
            *f = in_preview(course, f);
        }
        p.explanation_html = p.explanation_html.as_deref().map(|h| in_preview(course, h));
    }
}

/// The question a problem on `line` is in: the last one that starts on or
/// before it (`None`: before the first question).
fn place(questions: &[(String, usize)], line: usize) -> Option<String> {
    questions
        .iter()
        .filter(|(_, start)| *start <= line)
        .max_by_key(|(_, start)| *start)
        .map(|(id, _)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn the_drafts_links_and_images_stay_in_the_preview() {
        let html = "<a href=\"/cursussen/c/les#kop\">les</a> <a href=\"/cursussen/c\">c</a> \
                    <a href=\"/cursussen/c-vervolg/les\">vervolg</a> <img src=\"/inhoud/c/assets/a.svg\"> \
                    <img src=\"/inhoud/d/assets/b.svg\">";
        assert_eq!(
            super::in_preview("c", html),
            "<a href=\"/voorbeeld/c/les#kop\">les</a> <a href=\"/voorbeeld/c\">c</a> \
             <a href=\"/cursussen/c-vervolg/les\">vervolg</a> <img src=\"/voorbeeld-inhoud/c/assets/a.svg\"> \
             <img src=\"/inhoud/d/assets/b.svg\">"
        );
    }

    #[test]
    fn a_problem_goes_to_the_question_it_is_in() {
        let qs = vec![("a".to_string(), 10), ("b".to_string(), 20)];
        assert_eq!(place(&qs, 3), None);
        assert_eq!(place(&qs, 10).as_deref(), Some("a"));
        assert_eq!(place(&qs, 19).as_deref(), Some("a"));
        assert_eq!(place(&qs, 45).as_deref(), Some("b"));
    }
}
