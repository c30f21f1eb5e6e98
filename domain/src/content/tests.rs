//! Tests of the whole content pipeline through [`super::parse_course`].

use super::parse_course;
use super::problems::{ListStyle, NumberProblem, Opener, Problem, QuestionType};
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Removed;
use crate::model::{
    Answer, Course, GroupDraw, Module, ModuleKind, NumericTarget, Scoring, Segment,
};
use std::collections::BTreeSet;
use std::path::Path;

const COURSE: &str =
    "---\ntitle: Participatie\nsummary: Leer participatie organiseren.\n---\nWelkom.\n";

fn course_with(
    course_md: &str,
    modules: &[(&str, &str)],
    assets: &[&str],
) -> (Option<Course>, Vec<String>) {
    let modules: Vec<(String, String)> = modules
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let assets: BTreeSet<String> = assets.iter().map(|a| a.to_string()).collect();
    let (course, diags) = parse_course(Path::new("content"), "c", course_md, &modules, &assets);
    (course, diags.iter().map(short).collect())
}

/// A diagnostic as `path:line:column: severity: code`.
fn short(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{}:{}:{}: {severity}: {}",
        d.path.display(),
        d.line,
        d.column,
        d.code()
    )
}

/// The problems of one course, in order.
fn problems_of(course_md: &str, modules: &[(&str, &str)], assets: &[&str]) -> Vec<Problem> {
    let modules: Vec<(String, String)> = modules
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let assets: BTreeSet<String> = assets.iter().map(|a| a.to_string()).collect();
    let (_, diags) = parse_course(Path::new("content"), "c", course_md, &modules, &assets);
    diags.into_iter().map(|d| d.problem).collect()
}

/// The problems of one module `01-m.md` with this text.
fn module_problems(text: &str) -> Vec<Problem> {
    problems_of(COURSE, &[("01-m.md", text)], &["assets/a.png"])
}

/// One module `01-m.md` with this text; its diagnostics as
/// `path:line:column: severity: code`.
fn module(text: &str) -> (Module, Vec<String>) {
    let (course, msgs) = course_with(COURSE, &[("01-m.md", text)], &["assets/a.png"]);
    let m = course
        .and_then(|c| c.modules.into_iter().next())
        .expect("the module is built");
    (m, msgs)
}

fn header(extra: &str) -> String {
    format!("---\ntitle: Module\n{extra}---\n")
}

#[test]
fn single_choice_with_feedback_and_explanation() {
    let text = header("")
        + "Intro.\n\n::: question\nWat doe je **eerst**?\n\n- [ ] Een tool kopen\n  > Nog niet.\n- [x] Kaders bepalen\n  > Juist.\n\nDe interne stap wordt vaak overgeslagen.\n:::\n\nSlot.\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    assert_eq!(m.questions.len(), 1);
    let q = &m.questions[0];
    assert_eq!(q.id, "q1");
    assert_eq!(q.line, 6);
    assert_eq!(q.points, 1);
    assert_eq!(
        q.prompt_html.trim(),
        "<p>Wat doe je <strong>eerst</strong>?</p>"
    );
    assert_eq!(
        q.explanation_html.as_deref().map(str::trim),
        Some("<p>De interne stap wordt vaak overgeslagen.</p>")
    );
    let Answer::Single { options } = &q.answer else {
        panic!("expected single: {:?}", q.answer)
    };
    assert_eq!(options.len(), 2);
    assert_eq!(options[0].html, "Een tool kopen");
    assert_eq!(options[0].weight, 0.0);
    assert_eq!(
        options[0].feedback_html.as_deref().map(str::trim),
        Some("<p>Nog niet.</p>")
    );
    assert_eq!(options[1].weight, 1.0);
    assert!(options[1].is_correct());
    assert_eq!(
        m.segments.iter().map(segment_kind).collect::<Vec<_>>(),
        ["html", "question:q1", "html"]
    );
}

fn segment_kind(s: &Segment) -> String {
    match s {
        Segment::Html(_) => "html".into(),
        Segment::Question(id) => format!("question:{id}"),
        Segment::Reflection(id) => format!("reflection:{id}"),
    }
}

#[test]
fn question_types_from_the_answer_list() {
    let text = header("")
        + "::: question id=meer points=2\nWelke?\n- [x] a\n  > ja\n- [x] b\n  > ja\n- [ ] c\n  > nee\n:::\n"
        + "::: question\nVolgorde?\n1. eerst\n2. dan\n3. laatst\n:::\n"
        + "::: question\nWelke wet?\n- = Omgevingswet\n- = de Omgevingswet\n  > Goed.\n:::\n"
        + "::: question\nKoppel.\n- Raad -> kaders\n- College -> uitvoering\n:::\n"
        + "::: question type=numeric\nWanneer?\n- = 1822 +- 1\n- = 1.5..2.5\n:::\n"
        + "::: question type=multiple\nKies.\n- [x] a\n  > ja\n- [ ] b\n  > nee\n:::\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    let ids: Vec<&str> = m.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["meer", "q2", "q3", "q4", "q5", "q6"]);
    let types: Vec<&str> = m.questions.iter().map(|q| q.type_name()).collect();
    assert_eq!(
        types,
        ["multiple", "order", "text", "match", "numeric", "multiple"]
    );
    assert_eq!(m.questions[0].points, 2);
    match &m.questions[0].answer {
        Answer::Multiple { options, scoring } => {
            assert_eq!(*scoring, Scoring::AllOrNothing);
            assert_eq!(
                options.iter().map(|o| o.weight).collect::<Vec<_>>(),
                [1.0, 1.0, 0.0]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        m.questions[1].answer,
        Answer::Order {
            items: vec!["eerst".into(), "dan".into(), "laatst".into()],
            feedback: vec![None; 3],
        }
    );
    match &m.questions[2].answer {
        Answer::Text { accepted } => {
            assert_eq!(accepted[0].text, "Omgevingswet");
            assert_eq!(accepted[1].text, "de Omgevingswet");
            assert!(accepted[1].feedback_html.is_some());
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[3].answer {
        Answer::Match { pairs } => {
            assert_eq!(pairs[0].left_html, "Raad");
            assert_eq!(pairs[0].right, "kaders");
            assert_eq!(pairs[1].right, "uitvoering");
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[4].answer {
        Answer::Numeric { accepted } => {
            assert_eq!(
                accepted[0].target,
                NumericTarget::Tolerance {
                    value: 1822.0,
                    tolerance: 1.0
                }
            );
            assert_eq!(
                accepted[1].target,
                NumericTarget::Range { min: 1.5, max: 2.5 }
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn question_errors_point_at_the_problem() {
    let text = header("")
        + "::: question id=a\nGoed.\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"
        + "::: question\nGeen lijst.\n:::\n"
        + "::: question\nGeen goed antwoord.\n- [ ] a\n  > x\n- [ ] b\n  > y\n:::\n"
        + "::: question type=numeric\nGetal?\n- = veel\n:::\n"
        + "::: question id=a\nDubbel.\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"
        + "::: question soort=single\nOnbekend attribuut.\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"
        + "::: question\nGemengd.\n- [x] a\n- = b\n:::\n";
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:11:1: error: question-without-answer-list",
            "content/courses/c/01-m.md:16:1: error: no-correct-option",
            "content/courses/c/01-m.md:23:1: error: not-a-number",
            "content/courses/c/01-m.md:25:17: error: duplicate-question-id",
            "content/courses/c/01-m.md:32:14: error: unknown-attribute",
            "content/courses/c/01-m.md:42:1: error: mixed-answer-list",
        ]
    );
    let problems = module_problems(&text);
    assert_eq!(
        problems[2],
        Problem::NotANumber {
            text: "veel".into(),
            why: NumberProblem::NotANumber {
                text: "veel".into()
            }
        }
    );
    assert_eq!(problems[3], Problem::DuplicateQuestionId { id: "a".into() });
    assert_eq!(
        problems[4],
        Problem::UnknownAttribute {
            block: Opener::Question,
            key: "soort".into(),
            suggestion: None
        }
    );
    assert_eq!(
        problems[5],
        Problem::MixedAnswerList {
            first: ListStyle::Checkbox,
            this: ListStyle::Accepted
        }
    );
}

#[test]
fn single_type_and_option_count_rules() {
    let text = header("")
        + "::: question type=single\nEen?\n- [x] a\n  > x\n- [x] b\n  > y\n:::\n"
        + "::: question\nTe weinig.\n- [x] a\n  > x\n:::\n"
        + "::: question type=order\nVerkeerd.\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"
        + "::: question\nGeen vakjes.\n- a\n- b\n:::\n";
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:6:1: error: several-correct",
            "content/courses/c/01-m.md:13:1: error: too-few-options",
            "content/courses/c/01-m.md:16:19: error: type-does-not-fit",
            "content/courses/c/01-m.md:25:1: error: no-checkboxes",
        ]
    );
    let problems = module_problems(&text);
    assert_eq!(problems[0], Problem::SeveralCorrect { correct: 2 });
    assert_eq!(
        problems[2],
        Problem::TypeDoesNotFit {
            declared: QuestionType::Order,
            style: ListStyle::Checkbox
        }
    );
}

#[test]
fn missing_feedback_is_a_warning() {
    let text = header("") + "::: question\nVraag?\n- [x] a\n- [ ] b\n  > nee\n:::\n";
    let (m, msgs) = module(&text);
    assert_eq!(m.questions.len(), 1);
    assert_eq!(msgs.len(), 1);
    assert_eq!(
        msgs[0],
        "content/courses/c/01-m.md:6:1: warning: option-without-feedback"
    );
}

#[test]
fn callouts_reflections_and_default_titles() {
    let text = header("")
        + "::: tip\nHandig.\n:::\n\n::: example Gemeente Oss\nZo deed Oss het.\n\n## Kop in callout\n:::\n\n::: reflection id=eigen\nWat vond **jij**?\n:::\n\n::: reflection\nEn nu?\n:::\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    let Segment::Html(html) = &m.segments[0] else {
        panic!("{:?}", m.segments)
    };
    assert!(
        html.contains(r#"<aside class="callout callout-tip" aria-labelledby="callout-1">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<p class="callout-title" id="callout-1">Tip</p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<p class="callout-title" id="callout-2">Gemeente Oss</p>"#),
        "{html}"
    );
    assert!(html.contains("<p>Zo deed Oss het.</p>"), "{html}");
    // Headings inside a callout are not part of the page outline.
    assert!(m.toc.is_empty());
    assert_eq!(
        m.segments.iter().map(segment_kind).collect::<Vec<_>>(),
        ["html", "reflection:eigen", "reflection:r2"]
    );
    assert_eq!(m.reflections[0].line, 14);
    assert!(m.reflections[0]
        .prompt_html
        .contains("<strong>jij</strong>"));

    let en = "---\ntitle: Course\nsummary: S.\nlanguage: en\n---\n";
    let (course, msgs) = course_with(
        en,
        &[("01-m.md", "---\ntitle: M\n---\n::: note\nX\n:::\n")],
        &[],
    );
    assert!(msgs.is_empty(), "{msgs:?}");
    let m = &course.expect("course").modules[0];
    assert!(matches!(&m.segments[0], Segment::Html(h) if h.contains(">Note</p>")));
    let (m, _) =
        module("---\ntitle: M\n---\n::: note\nX\n:::\n::: warning\nY\n:::\n::: example\nZ\n:::\n");
    let Segment::Html(html) = &m.segments[0] else {
        panic!()
    };
    assert!(
        html.contains(">Let op</p>")
            && html.contains(">Waarschuwing</p>")
            && html.contains(">Voorbeeld</p>")
    );
}

#[test]
fn footnotes_work_across_blocks() {
    let text = header("")
        + "Tekst met voetnoot[^bron].\n\n::: question\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n\n[^bron]: De bron.\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    let html: Vec<&str> = m
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert!(html[0].contains("footnote-reference"), "{html:?}");
    assert!(html[1].contains("De bron."), "{html:?}");
}

#[test]
fn exam_rules() {
    let (m, msgs) = module(
        &(header("kind: exam\nattempts: 2\ndraw: 1\npass_score: 80\n")
            + "::: question\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"),
    );
    assert!(msgs.is_empty(), "{msgs:?}");
    match &m.kind {
        ModuleKind::Exam(s) => {
            assert_eq!(
                (s.attempts, s.shuffle, s.draw, s.pass_score),
                (2, true, Some(1), Some(80))
            );
        }
        other => panic!("{other:?}"),
    }
    let (_, msgs) = module(&header("kind: exam\n"));
    assert_eq!(msgs.len(), 1);
    assert_eq!(
        msgs[0],
        "content/courses/c/01-m.md:3:1: error: exam-without-questions"
    );
    let (_, msgs) = module(
        &(header("kind: exam\ndraw: 3\n")
            + "::: question\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n"),
    );
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:4:1: error: draw-too-large"]
    );
    assert_eq!(
        module_problems(
            &(header("kind: exam\ndraw: 3\n")
                + "::: question\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n")
        ),
        [Problem::DrawTooLarge {
            draw: 3,
            questions: 1
        }]
    );
    let text = header("attempts: 2\ndraw: 1\n");
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:3:1: error: exam-only-field",
            "content/courses/c/01-m.md:4:1: error: exam-only-field",
        ]
    );
    assert_eq!(
        module_problems(&text),
        [
            Problem::ExamOnlyField {
                field: "attempts".into()
            },
            Problem::ExamOnlyField {
                field: "draw".into()
            }
        ]
    );
    assert_eq!(
        module_problems(&header("kind: quiz\n")),
        [Problem::UnknownModuleKind {
            value: "quiz".into()
        }]
    );
}

#[test]
fn module_order_ids_and_links() {
    let course_md = "---\ntitle: T\nsummary: S.\nmodules:\n  - tweede\n  - eerste\n  - derde\n---\nStart bij [de eerste](01-eerste.md).\n";
    let (course, msgs) = course_with(
        course_md,
        &[
            (
                "01-eerste.md",
                "---\ntitle: Eerste\nduration: 10\n---\nDoor naar [twee](02-x.md#kop).\n",
            ),
            (
                "02-x.md",
                "---\ntitle: Tweede\nid: tweede\nduration: 5\n---\n## Kop\n",
            ),
            ("03-extra.md", "---\ntitle: Extra\n---\n"),
        ],
        &[],
    );
    let course = course.expect("course");
    assert_eq!(
        msgs,
        [
            "content/courses/c/course.md:4:1: error: module-missing-from-list",
            "content/courses/c/course.md:7:5: error: unknown-module-in-list",
        ]
    );
    assert_eq!(
        problems_of(
            course_md,
            &[
                ("01-eerste.md", "---\ntitle: Eerste\n---\n"),
                ("02-x.md", "---\ntitle: Tweede\nid: tweede\n---\n"),
                ("03-extra.md", "---\ntitle: Extra\n---\n"),
            ],
            &[]
        ),
        [
            Problem::ModuleMissingFromList {
                file: "03-extra.md".into(),
                id: "extra".into()
            },
            Problem::UnknownModuleInList {
                id: "derde".into(),
                suggestion: None,
                ids: vec!["eerste".into(), "tweede".into(), "extra".into()]
            },
        ]
    );
    let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["tweede", "eerste", "extra"]);
    assert_eq!(course.duration_minutes, 15);
    assert!(
        course.intro_html.contains(r#"href="/cursussen/c/eerste""#),
        "{}",
        course.intro_html
    );
    let Segment::Html(html) = &course.modules[1].segments[0] else {
        panic!()
    };
    assert!(html.contains(r#"href="/cursussen/c/tweede#kop""#), "{html}");
    assert_eq!(course.version.len(), 16);
    assert_eq!(course.modules[0].content_hash.len(), 64);
}

#[test]
fn version_changes_with_any_file() {
    let m1 = [("01-a.md", "---\ntitle: A\n---\nTekst.\n")];
    let m2 = [("01-a.md", "---\ntitle: A\n---\nTekst!\n")];
    let (a, _) = course_with(COURSE, &m1, &[]);
    let (b, _) = course_with(COURSE, &m2, &[]);
    let (c, _) = course_with(&COURSE.replace("Welkom", "Hallo"), &m1, &[]);
    let (a, b, c) = (a.expect("a"), b.expect("b"), c.expect("c"));
    assert_ne!(a.version, b.version);
    assert_ne!(a.version, c.version);
    let (a2, _) = course_with(COURSE, &m1, &[]);
    assert_eq!(a.version, a2.expect("a2").version);
}

#[test]
fn duplicate_module_ids() {
    let (_, msgs) = course_with(
        COURSE,
        &[
            ("01-intro.md", "---\ntitle: A\n---\n"),
            ("02-b.md", "---\ntitle: B\nid: intro\n---\n"),
        ],
        &[],
    );
    assert_eq!(
        msgs,
        ["content/courses/c/02-b.md:3:1: error: duplicate-module-id"]
    );
    assert_eq!(
        problems_of(
            COURSE,
            &[
                ("01-intro.md", "---\ntitle: A\n---\n"),
                ("02-b.md", "---\ntitle: B\nid: intro\n---\n"),
            ],
            &[]
        ),
        [Problem::DuplicateModuleId {
            id: "intro".into(),
            other_file: "01-intro.md".into()
        }]
    );
}

#[test]
fn course_field_rules() {
    let long = "x".repeat(301);
    let md = format!("---\ntitle: T\nsummary: {long}\nlanguage: de\npass_score: 101\n---\n");
    let module = [("01-a.md", "---\ntitle: A\n---\n")];
    let (course, msgs) = course_with(&md, &module, &[]);
    assert_eq!(
        msgs,
        [
            "content/courses/c/course.md:3:1: error: summary-too-long",
            "content/courses/c/course.md:4:1: error: unknown-language",
            "content/courses/c/course.md:5:1: error: pass-score-out-of-range",
        ]
    );
    assert_eq!(
        problems_of(&md, &module, &[]),
        [
            Problem::SummaryTooLong {
                chars: 301,
                max: 300
            },
            Problem::UnknownLanguage { value: "de".into() },
            Problem::PassScoreOutOfRange { value: 101 },
        ]
    );
    assert_eq!(course.expect("course").pass_score, 70);
    let (_, msgs) = course_with("---\nsummary: S\n---\n", &module, &[]);
    assert_eq!(
        msgs,
        ["content/courses/c/course.md:1:1: error: missing-field"]
    );
    assert_eq!(
        problems_of("---\nsummary: S\n---\n", &module, &[]),
        [Problem::MissingField {
            field: "title".into()
        }]
    );
}

#[test]
fn questions_in_course_md_are_errors() {
    let md = format!("{COURSE}::: reflection\nWat denk je?\n:::\n");
    let (_, msgs) = course_with(&md, &[("01-a.md", "---\ntitle: A\n---\n")], &[]);
    assert_eq!(
        msgs,
        ["content/courses/c/course.md:6:1: error: question-in-course-md"]
    );
}

#[test]
fn raw_html_and_images() {
    let text = header("")
        + "<div onclick=\"x()\">Hoi</div>\n\n![Kaart](assets/a.png \"De kaart\")\n\n![](assets/b.png)\n";
    let (m, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:4:6: warning: raw-html-removed",
            "content/courses/c/01-m.md:8:1: error: image-without-alt",
            "content/courses/c/01-m.md:8:1: error: missing-asset",
        ]
    );
    assert_eq!(
        module_problems(&text),
        [
            Problem::RawHtmlRemoved {
                removed: Removed::Attribute {
                    attribute: "onclick".into(),
                    element: "div".into()
                }
            },
            Problem::ImageWithoutAlt,
            Problem::MissingAsset {
                path: "assets/b.png".into(),
                suggestion: Some("assets/a.png".into()),
                course_id: "c".into()
            },
        ]
    );
    let Segment::Html(html) = &m.segments[0] else {
        panic!()
    };
    assert!(!html.contains("onclick"));
    assert!(html.contains("<figure><img src=\"/inhoud/c/assets/a.png\" alt=\"Kaart\" loading=\"lazy\"><figcaption>De kaart</figcaption></figure>"), "{html}");
}

#[test]
fn odd_input_never_panics() {
    let samples = [
        "",
        "---",
        "---\n",
        "---\n---",
        ":::",
        "---\ntitle: x\n---\n:::\n",
        "---\ntitle: x\n---\n::: question\n",
        "---\ntitle: x\n---\n::: question\n- [x]\n:::\n",
        "---\ntitle: x\n---\n::: question\n-\n:::\n",
        "---\ntitle: x\n---\n::: question\n- ->\n- a ->\n:::\n",
        "---\ntitle: x\n---\n::: question type=numeric\n- =\n- = ..\n- = 1..\n- = +-\n:::\n",
        "---\ntitle: x\n---\n::: gift\n::a::{}\n:::\n",
        "---\ntitle: [\n---\n",
        "---\n- a\n- b\n---\n",
        "---\ntitle: x\n---\n<pre>\n::: question\nV?\n- [x] a\n- [ ] b\n:::\n",
        "\u{feff}---\r\ntitle: x\r\n---\r\n::: tip\r\nA\r\n:::\r\n",
        "---\ntitle: x\n---\n![](",
        "---\ntitle: x\n---\n[a](é%zz.md) ![é](assets/%C3)",
    ];
    for sample in samples {
        let _ = module_or_none(sample);
    }
}

fn module_or_none(text: &str) -> Option<Module> {
    let (course, _) = course_with(COURSE, &[("01-m.md", text)], &[]);
    course.and_then(|c| c.modules.into_iter().next())
}

#[test]
fn gift_blocks_join_the_numbering() {
    let text = header("")
        + "::: question\nEerst?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n\n::: gift\n// commentaar\n::Hoofdstad:: Wat is de hoofdstad? {=Amsterdam ~Rotterdam}\n\n::Jaar:: In welk jaar? {#1822:1}\n\n::Essay:: Wat vind jij? {}\n:::\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    let ids: Vec<(&str, usize)> = m
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.line))
        .collect();
    assert_eq!(ids, [("q1", 4), ("q2", 14), ("q3", 16)]);
    assert_eq!(m.questions[1].title.as_deref(), Some("Hoofdstad"));
    assert_eq!(m.reflections.len(), 1);
    assert_eq!(
        (m.reflections[0].id.as_str(), m.reflections[0].line),
        ("r1", 18)
    );
    assert_eq!(
        m.segments.iter().map(segment_kind).collect::<Vec<_>>(),
        ["question:q1", "question:q2", "question:q3", "reflection:r1"]
    );
}

#[test]
fn gift_errors_get_file_lines() {
    let text =
        header("") + "Tekst.\n\n::: gift\n::Goed:: Vraag {=a ~b}\n\n::Fout:: Vraag {=a ~b\n:::\n";
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:9:16: error: gift-brace-not-closed"]
    );
    assert_eq!(
        module_problems(&text),
        [Problem::Gift(crate::gift::Problem::BraceNotClosed)]
    );
}

#[test]
fn empty_options_and_indented_blocks() {
    let text = header("") + "::: question\nV?\n- [x]\n  > x\n- [ ] b\n  > y\n:::\n\n- punt\n\n  ::: tip\n  Tekst.\n  :::\n";
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:6:1: error: empty-option",
            "content/courses/c/01-m.md:14:3: warning: indented-block-line",
            "content/courses/c/01-m.md:16:3: warning: indented-block-line",
        ]
    );
}

#[test]
fn footnote_ids_do_not_clash_with_headings() {
    let (m, msgs) = module(&(header("") + "## Wet\n\nTekst[^wet].\n\n[^wet]: Bron.\n"));
    assert!(msgs.is_empty(), "{msgs:?}");
    assert_eq!(m.toc[0].anchor, "wet-2");
}

// Found by fuzzing (issue 14, docs/fuzzing.md): Markdown nested thousands of
// levels deep (`>>>>…`, `- - - …`) made the HTML sanitiser quadratic: 64 kB
// of `>` took 30 s to render. Deeper than 32 levels is now an error and
// left out.
#[test]
fn markdown_nested_too_deeply_is_an_error_and_left_out() {
    let deep = ">".repeat(40);
    let text = header("") + "Tekst.\n\n" + &deep + " Diep.\n\n> Gewoon citaat.\n";
    let (m, msgs) = module(&text);
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:6:33: error: markdown-too-deep"],
    );
    assert_eq!(
        module_problems(&text),
        [Problem::MarkdownTooDeep { max: 32 }]
    );
    let Segment::Html(html) = &m.segments[0] else {
        panic!("{:?}", m.segments)
    };
    assert_eq!(html.matches("<blockquote>").count(), 32 + 1, "{html}");
    assert!(!html.contains("Diep"), "{html}");
    assert!(html.contains("Gewoon citaat"), "{html}");

    // Inside a question, nested lists; the limit applies to every fragment.
    let text = header("")
        + "::: question\nV?\n\n- [x] a\n  > "
        + &"- ".repeat(40)
        + "x\n- [ ] b\n  > y\n:::\n";
    let (_, msgs) = module(&text);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].contains(":8:") && msgs[0].ends_with("error: markdown-too-deep"),
        "{msgs:?}"
    );

    // 64 kB of nesting: one error, and quick (this took half a minute).
    let text = header("") + &">".repeat(64 * 1024) + "x\n";
    let started = std::time::Instant::now();
    let (_, msgs) = module(&text);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

// Found by fuzzing (issue 14): a line of 64 kB of `[` in the front matter
// took the YAML scanner 2 s (quadratic in the nesting); front matter is now
// at most 8 KiB.
#[test]
fn front_matter_longer_than_8_kib_is_an_error() {
    let long = "---\ntitle: Module\nobjectives:\n".to_string()
        + &"  - Een doel dat de deelnemer na afloop kan.\n".repeat(200)
        + "---\nTekst.\n";
    let (course, msgs) = course_with(COURSE, &[("01-m.md", &long)], &[]);
    assert!(course.is_some());
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:1:1: error: front-matter-too-long"]
    );
    assert_eq!(
        problems_of(COURSE, &[("01-m.md", &long)], &[]),
        [Problem::FrontMatterTooLong {
            kib: 9,
            end_line: 204,
            max_kib: 8,
            file: super::FileKind::Module
        }]
    );
    let started = std::time::Instant::now();
    let brackets = "---\ntitle: ".to_string() + &"[".repeat(64 * 1024) + "\n---\n";
    let (_, msgs) = course_with(&brackets, &[("01-m.md", &header(""))], &[]);
    assert!(msgs[0].ends_with("front-matter-too-long"), "{msgs:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

// Found by fuzzing (issue 14): 13 000 equal headings took 8 s (each new
// one tried every suffix from `-2` again); see also `slug::tests`.
#[test]
fn many_equal_headings_get_numbered_ids() {
    let text = header("") + &"## Stap\n\nTekst.\n\n".repeat(3000);
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    assert_eq!(m.toc.len(), 3000);
    assert_eq!(m.toc[0].anchor, "stap");
    assert_eq!(m.toc[1].anchor, "stap-2");
    assert_eq!(m.toc[2999].anchor, "stap-3000");
}

#[test]
fn headings_never_take_the_module_pages_own_ids() {
    let (m, msgs) = module(&format!(
        "{}## Leerdoelen\n\nTekst.\n\n## Over de toets {{#toets}}\n\nMeer.\n",
        header("")
    ));
    let anchors: Vec<&str> = m.toc.iter().map(|t| t.anchor.as_str()).collect();
    assert_eq!(anchors[0], "leerdoelen-2", "{anchors:?}");
    assert!(
        msgs.iter()
            .any(|d| d.ends_with("warning: heading-id-taken")),
        "{msgs:?}"
    );
    assert!(
        module_problems(&format!("{}## Over de toets {{#toets}}\n", header(""))).contains(
            &Problem::HeadingIdTaken {
                id: "toets".into(),
                by_page: true
            }
        ),
    );
}

#[test]
fn question_types_are_listed_once() {
    assert_eq!(
        super::QUESTION_TYPES,
        QuestionType::ALL.map(QuestionType::name)
    );
    for name in super::QUESTION_TYPES {
        assert_eq!(
            QuestionType::from_name(name).map(QuestionType::name),
            Some(*name)
        );
    }
}

// --- Format 1.1 --------------------------------------------------------------

/// A choice question in `group`, with id `id`.
fn grouped(id: &str, group: &str) -> String {
    format!("::: question id={id} group={group}\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n\n")
}

#[test]
fn exam_draws_per_group() {
    let text = header("kind: exam\ndraw:\n  wet: 1\n  rollen: 2\n")
        + &grouped("w1", "wet")
        + &grouped("r1", "rollen")
        + &grouped("w2", "wet")
        + &grouped("r2", "rollen");
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    let ModuleKind::Exam(s) = &m.kind else {
        panic!("{:?}", m.kind)
    };
    assert_eq!(s.draw, Some(3), "the sum of the groups");
    assert_eq!(
        s.groups,
        [
            GroupDraw {
                group: "wet".into(),
                count: 1
            },
            GroupDraw {
                group: "rollen".into(),
                count: 2
            }
        ],
        "in the order written"
    );
    assert_eq!(m.questions[0].group.as_deref(), Some("wet"));
    assert!(m.shuffle_options, "an exam shuffles by default");
}

#[test]
fn group_draw_errors_point_at_their_line() {
    // Line 4 `wet: 3` (only 2), line 5 `beleid: 1` (no such group), line 6
    // `rollen: 0`; the question `los` has no group and `x1` a group not
    // drawn from.
    let text = header("kind: exam\ndraw:\n  wet: 3\n  beleid: 1\n  rollen: 0\n")
        + &grouped("w1", "wet")
        + &grouped("w2", "wet")
        + &grouped("r1", "rollen")
        + "::: question id=los\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n\n"
        + &grouped("x1", "extra");
    let (_, msgs) = module(&text);
    assert_eq!(
        msgs,
        [
            "content/courses/c/01-m.md:5:3: error: draw-group-too-large",
            "content/courses/c/01-m.md:6:3: error: draw-group-too-large",
            "content/courses/c/01-m.md:7:3: error: draw-group-zero",
            "content/courses/c/01-m.md:33:1: error: question-not-drawn",
            "content/courses/c/01-m.md:41:1: error: question-not-drawn",
        ]
    );
    let problems = module_problems(&text);
    assert_eq!(
        problems[1],
        Problem::DrawGroupTooLarge {
            group: "beleid".into(),
            draw: 1,
            questions: 0,
            groups: vec!["wet".into(), "rollen".into(), "extra".into()]
        }
    );
    assert_eq!(
        problems[3],
        Problem::QuestionNotDrawn {
            id: "los".into(),
            group: None
        }
    );
    // An empty map, a bad type inside it, a bad group name.
    assert_eq!(
        module_problems(&(header("kind: exam\ndraw: {}\n") + &grouped("a", "g"))),
        [Problem::DrawZero]
    );
    let (_, msgs) = module(&(header("kind: exam\ndraw:\n  g: twee\n") + &grouped("a", "g")));
    assert_eq!(msgs, ["content/courses/c/01-m.md:5:6: error: wrong-type"]);
    let (_, msgs) = module(&(header("") + &grouped("a", "Wet_1")));
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:4:25: error: invalid-group"]
    );
}

#[test]
fn group_without_a_group_draw_is_a_warning() {
    let (m, msgs) = module(&(header("") + &grouped("a", "wet")));
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:4:1: warning: group-not-drawn"]
    );
    assert_eq!(m.questions[0].group.as_deref(), Some("wet"));
}

#[test]
fn gift_blocks_take_a_group() {
    let text = header("kind: exam\ndraw:\n  wet: 1\n")
        + "::: gift group=wet\nWelke wet? {=Omgevingswet ~Woningwet}\n\nJaar? {#2024}\n:::\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    assert!(m
        .questions
        .iter()
        .all(|q| q.group.as_deref() == Some("wet")));
    let (_, msgs) = module(&(header("") + "::: gift groep=wet\nJaar? {#2024}\n:::\n"));
    assert_eq!(
        msgs,
        ["content/courses/c/01-m.md:4:10: error: unknown-attribute"]
    );
}

#[test]
fn lessons_may_shuffle_their_options() {
    let q = "::: question\nV?\n- [x] a\n  > x\n- [ ] b\n  > y\n:::\n";
    let (m, msgs) = module(&(header("shuffle: true\n") + q));
    assert!(msgs.is_empty(), "{msgs:?}");
    assert!(m.shuffle_options);
    let (m, _) = module(&(header("") + q));
    assert!(!m.shuffle_options, "a lesson keeps its order by default");
    let (m, _) = module(&(header("kind: exam\nshuffle: false\n") + q));
    assert!(!m.shuffle_options);
}

#[test]
fn feedback_for_every_answer_type() {
    let text = header("")
        + "::: question\nVolgorde?\n\n1. Kaders\n   > De kaders komen eerst.\n2. Uitnodigen\n3. Terugkoppelen\n   > Terugkoppelen sluit af.\n:::\n\n"
        + "::: question\nKoppel.\n\n- Raad -> kaders\n  > De raad stelt de kaders.\n- College -> uitvoering\n:::\n\n"
        + "::: question\nWelke wet?\n\n- = Omgevingswet\n  > Juist.\n- ~ Wet ruimtelijke ordening\n  > Die gold tot 2024.\n:::\n\n"
        + "::: question type=numeric\nWelk jaar?\n\n- = 2024\n- ~ 2021..2023\n  > Uitgesteld tot 2024.\n:::\n";
    let (m, msgs) = module(&text);
    assert!(msgs.is_empty(), "{msgs:?}");
    match &m.questions[0].answer {
        Answer::Order { items, feedback } => {
            assert_eq!(items.len(), 3);
            assert!(feedback[0].as_deref().is_some_and(|f| f.contains("eerst")));
            assert_eq!(feedback[1], None);
            assert!(feedback[2].is_some());
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[1].answer {
        Answer::Match { pairs } => {
            assert!(pairs[0]
                .feedback_html
                .as_deref()
                .is_some_and(|f| f.contains("kaders")));
            assert_eq!(pairs[0].right, "kaders");
            assert_eq!(pairs[1].feedback_html, None);
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[2].answer {
        Answer::Text { accepted } => {
            assert_eq!(
                accepted
                    .iter()
                    .map(|a| (a.text.as_str(), a.weight))
                    .collect::<Vec<_>>(),
                [("Omgevingswet", 1.0), ("Wet ruimtelijke ordening", 0.0)]
            );
            assert!(accepted[1]
                .feedback_html
                .as_deref()
                .is_some_and(|f| f.contains("2024")));
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[3].answer {
        Answer::Numeric { accepted } => {
            assert_eq!(
                accepted.iter().map(|a| a.weight).collect::<Vec<_>>(),
                [1.0, 0.0]
            );
        }
        other => panic!("{other:?}"),
    }
    // Only known wrong answers: nothing is right.
    assert_eq!(
        module_problems(&(header("") + "::: question\nWet?\n\n- ~ Woningwet\n:::\n")),
        [Problem::OnlyWrongAnswers]
    );
}
