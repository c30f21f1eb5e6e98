//! Snapshot tests of the content checker.
//!
//! - `fixtures/broken/<rule>/`: a minimal content tree that breaks exactly
//!   one rule, and `expected.txt` with what the checker finds there
//!   (`path:line:column: severity: code` and the problem with its details,
//!   paths relative to the fixture folder). Run with `UPDATE_EXPECT=1` to
//!   rewrite the `expected.txt` files after an intended change, then review
//!   the diff. The same fixtures in words, Dutch and English, are
//!   `expected.nl.txt` and `expected.en.txt`, checked by the app
//!   (`app::content_words`).
//! - `fixtures/valid/`: a course using every feature of the format, which
//!   must load without a single diagnostic, and whose model is checked in
//!   detail.

use domain::content::{self, LoadResult};
use domain::diagnostics::Severity;
use domain::model::{Answer, Course, ModuleKind, NumericTarget, Scoring, Segment};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The diagnostics as `path:line:column: severity: code problem`, paths
/// relative to `dir`.
fn printed(result: &LoadResult, dir: &Path) -> String {
    let mut out = String::new();
    for d in &result.diagnostics {
        let path = d.path.strip_prefix(dir).unwrap_or(&d.path);
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{}:{}:{}: {severity}: {} {:?}\n",
            path.display(),
            d.line,
            d.column,
            d.code(),
            d.problem
        ));
    }
    out
}

#[test]
fn broken_fixtures_match_expected_output() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures().join("broken"))
        .expect("fixtures/broken exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 23,
        "expected a fixture per rule, found {}",
        dirs.len()
    );

    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = content::load(dir);
        let actual = printed(&result, dir);
        // "Breaks exactly one rule": one diagnostic per fixture.
        if result.diagnostics.len() != 1 {
            failures.push(format!(
                "{name}: expected exactly one diagnostic, got:\n{actual}"
            ));
        }
        let expected_path = dir.join("expected.txt");
        if update {
            fs::write(&expected_path, &actual).expect("write expected.txt");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (UPDATE_EXPECT=1 rewrites expected.txt):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn load_reports_paths_under_the_given_root() {
    let dir = fixtures().join("broken/missing-title");
    let result = content::load(&dir);
    assert_eq!(
        result.diagnostics[0].path,
        dir.join("courses/cursus/01-les.md")
    );
    assert!(result.has_errors());
    assert_eq!((result.error_count(), result.warning_count()), (1, 0));
}

#[test]
fn missing_courses_folder_is_an_error() {
    let result = content::load(&fixtures().join("does-not-exist"));
    assert!(result.has_errors());
    assert!(result.catalog.courses.is_empty());
}

fn valid() -> (LoadResult, Course) {
    let dir = fixtures().join("valid");
    let result = content::load(&dir);
    assert_eq!(
        printed(&result, &dir),
        "",
        "the valid fixture must load cleanly"
    );
    let course = result
        .catalog
        .course("participatie")
        .cloned()
        .expect("course participatie");
    (result, course)
}

fn html_of(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn valid_course_front_matter() {
    let (result, course) = valid();
    assert_eq!(
        result
            .catalog
            .courses
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["participatie", "work-basics"]
    );
    assert_eq!(course.title, "Participatie in de gemeente");
    assert_eq!(
        course.summary,
        "Hoe je inwoners betrekt bij beleid: van kaders tot terugkoppeling."
    );
    assert_eq!(course.language.code(), "nl");
    assert_eq!(course.audience, ["beleid", "communicatie"]);
    assert_eq!(course.tags, ["participatie", "omgevingswet"]);
    assert_eq!(course.pass_score, 75);
    assert!(course.certificate);
    assert_eq!(course.valid_for_months, Some(24));
    // No `duration` in course.md: the sum of the modules' durations.
    assert_eq!(course.duration_minutes, 15 + 20 + 10);
    assert_eq!(course.version.len(), 16);
    assert!(
        course
            .intro_html
            .contains("<h2 id=\"voor-wie\">Voor wie</h2>"),
        "{}",
        course.intro_html
    );
    assert!(
        course
            .intro_html
            .contains("href=\"/cursussen/participatie/waarom\""),
        "{}",
        course.intro_html
    );
    // Order from the `modules:` list, not the file names.
    assert_eq!(
        course
            .modules
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        ["waarom", "aan-de-slag", "toets"]
    );
    assert!(course.dir.ends_with("courses/participatie"));

    let en = result.catalog.course("work-basics").expect("work-basics");
    assert_eq!(en.language.code(), "en");
    assert_eq!(en.duration_minutes, 30);
    assert!(html_of(&en.modules[0].segments)
        .contains("<p class=\"callout-title\" id=\"callout-1\">Note</p>"));
}

#[test]
fn valid_lesson_body() {
    let (_, course) = valid();
    let m = course.module("waarom").expect("module waarom");
    assert_eq!(m.file_name, "01-waarom.md");
    assert_eq!(m.title, "Waarom participatie?");
    assert_eq!(m.duration_minutes, Some(15));
    assert_eq!(
        m.objectives,
        [
            "Je kent de Omgevingswet",
            "Je kunt de participatieladder uitleggen"
        ]
    );
    assert_eq!(m.kind, ModuleKind::Lesson);
    assert_eq!(m.content_hash.len(), 64);

    let toc: Vec<(u8, &str, &str)> = m
        .toc
        .iter()
        .map(|t| (t.level, t.anchor.as_str(), t.text.as_str()))
        .collect();
    assert_eq!(
        toc,
        [
            (2, "de-omgevingswet", "De Omgevingswet"),
            (3, "wat-verandert-er", "Wat verandert er?"),
            (2, "de-participatieladder", "De participatieladder"),
            (2, "eigen-anker", "Zelf gekozen anker"),
            (2, "een-goed-begin", "Eén goed begin"),
        ]
    );

    let html = html_of(&m.segments);
    // Callout with its title, labelled for screen readers.
    assert!(html.contains(
        "<aside class=\"callout callout-example\" aria-labelledby=\"callout-1\">\n<p class=\"callout-title\" id=\"callout-1\">Gemeente Oss</p>"
    ), "{html}");
    assert!(html.contains("<aside class=\"callout callout-tip\" aria-labelledby=\"callout-2\">\n<p class=\"callout-title\" id=\"callout-2\">Tip</p>"), "{html}");
    // Figure with caption; lazy images with rewritten addresses.
    assert!(html.contains(
        "<figure><img src=\"/inhoud/participatie/assets/ladder.png\" alt=\"De participatieladder met vijf treden\" loading=\"lazy\"><figcaption>De participatieladder</figcaption></figure>"
    ), "{html}");
    assert!(
        html.contains(
            "<img src=\"/inhoud/participatie/assets/logo.png\" alt=\"Logo\" loading=\"lazy\">"
        ),
        "{html}"
    );
    // Links: module, module with anchor, asset download, external, in-page.
    assert!(
        html.contains("href=\"/cursussen/participatie/aan-de-slag\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/cursussen/participatie/toets#afsluiting\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/inhoud/participatie/assets/checklist.pdf\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://www.omgevingswet.nl\""),
        "{html}"
    );
    assert!(html.contains("href=\"#de-omgevingswet\""), "{html}");
    // Tables, footnotes, strikethrough survive sanitising.
    assert!(html.contains("<table>") && html.contains("<del>"), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");

    assert_eq!(
        m.segments
            .iter()
            .map(|s| match s {
                Segment::Html(_) => "html".to_string(),
                Segment::Question(id) => format!("q:{id}"),
                Segment::Reflection(id) => format!("r:{id}"),
            })
            .collect::<Vec<_>>(),
        ["html", "q:eerste-stap", "html", "r:r1", "html"]
    );

    let q = m.question("eerste-stap").expect("question eerste-stap");
    assert_eq!(
        q.prompt_html.trim(),
        "<p>Wat doe je als eerste in een participatietraject?</p>"
    );
    let Answer::Single { options } = &q.answer else {
        panic!("single expected, got {:?}", q.answer)
    };
    let summary: Vec<(&str, f64, Option<&str>)> = options
        .iter()
        .map(|o| {
            (
                o.html.as_str(),
                o.weight,
                o.feedback_html.as_deref().map(str::trim),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Een online participatietool aanschaffen", 0.0, Some("<p>Nog niet: een tool kies je pas als het plan er ligt.</p>")),
            ("Intern de <strong>kaders</strong> en rollen bepalen", 1.0, Some("<p>Juist: interne betrokkenheid is de stap die het vaakst wordt overgeslagen.</p>")),
            ("Een inloopavond voor inwoners organiseren", 0.0, Some("<p>Dat komt later, als de kaders er zijn.</p>")),
        ]
    );
    assert_eq!(
        q.explanation_html.as_deref().map(str::trim),
        Some("<p>Negen van de tien keer wordt de interne stap overgeslagen.</p>")
    );
    assert_eq!(q.points, 1);

    let r = &m.reflections[0];
    assert_eq!(r.id, "r1");
    assert!(
        r.prompt_html.contains("Welke ervaring"),
        "{}",
        r.prompt_html
    );
}

#[test]
fn valid_question_types() {
    let (_, course) = valid();
    let m = course.module("aan-de-slag").expect("module aan-de-slag");
    let types: Vec<(&str, &str, u32)> = m
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.type_name(), q.points))
        .collect();
    assert_eq!(
        types,
        [
            ("q1", "multiple", 2),
            ("volgorde", "order", 1),
            ("q3", "text", 1),
            ("q4", "match", 1),
            ("q5", "numeric", 1),
            ("q6", "multiple", 1),
            ("q7", "single", 1),
            ("q8", "numeric", 1),
        ]
    );
    match &m.questions[0].answer {
        Answer::Multiple { options, scoring } => {
            assert_eq!(*scoring, Scoring::AllOrNothing);
            assert_eq!(
                options.iter().map(|o| o.weight).collect::<Vec<_>>(),
                [1.0, 1.0, 0.0]
            );
            assert!(options.iter().all(|o| o.feedback_html.is_some()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        m.questions[1].answer,
        Answer::Order {
            items: vec![
                "Kaders bepalen".into(),
                "Inwoners uitnodigen".into(),
                "Gesprekken voeren".into(),
                "Terugkoppelen".into()
            ],
            feedback: vec![None; 4],
        }
    );
    match &m.questions[2].answer {
        Answer::Text { accepted } => {
            let texts: Vec<&str> = accepted.iter().map(|a| a.text.as_str()).collect();
            assert_eq!(texts, ["Omgevingswet", "de Omgevingswet"]);
            assert!(accepted.iter().all(|a| a.weight == 1.0));
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[3].answer {
        Answer::Match { pairs } => {
            let p: Vec<(&str, &str)> = pairs
                .iter()
                .map(|p| (p.left_html.as_str(), p.right.as_str()))
                .collect();
            assert_eq!(
                p,
                [
                    ("Gemeenteraad", "stelt de kaders vast"),
                    ("College", "voert uit"),
                    ("<em>Inwoners</em>", "denken mee")
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    match &m.questions[4].answer {
        Answer::Numeric { accepted } => {
            assert_eq!(
                accepted[0].target,
                NumericTarget::Tolerance {
                    value: 2024.0,
                    tolerance: 0.0
                }
            );
            assert_eq!(
                accepted[1].target,
                NumericTarget::Range {
                    min: 2023.0,
                    max: 2025.0
                }
            );
            assert!(accepted[0].target.contains(2024.0));
        }
        other => panic!("{other:?}"),
    }
    // `type=multiple` with a single [x] stays a multiple-choice question.
    assert!(
        matches!(&m.questions[5].answer, Answer::Multiple { options, .. } if options.iter().filter(|o| o.is_correct()).count() == 1)
    );
    // GIFT questions share the module's numbering and get file lines.
    let gift_q = &m.questions[6];
    assert_eq!(gift_q.title.as_deref(), Some("Ladder"));
    assert!(gift_q.line > m.questions[5].line);
    assert_eq!(m.reflections.len(), 1);
    assert_eq!(m.reflections[0].id, "r1");
}

#[test]
fn valid_exam_settings() {
    let (_, course) = valid();
    let m = course.module("toets").expect("module toets");
    assert_eq!(m.questions.len(), 3);
    match &m.kind {
        ModuleKind::Exam(s) => {
            assert_eq!(s.attempts, 2);
            assert!(!s.shuffle);
            assert_eq!(s.draw, Some(2));
            assert_eq!(s.pass_score, Some(80));
        }
        other => panic!("exam expected: {other:?}"),
    }
    assert!(m.toc.iter().any(|t| t.anchor == "afsluiting"));
}

#[test]
fn valid_scan() {
    use domain::model::ScanTarget;
    let (result, course) = valid();
    let scan = course.scan.as_ref().expect("participatie has a scan");
    assert_eq!(scan.title, "Waar sta je?");
    // Text, the tip, then the two questions in place.
    let html = html_of(&scan.segments);
    assert!(html.contains("Er is geen goed of fout.") && html.contains("Twee minuten"));
    let places: Vec<&str> = scan
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Question(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(places, ["stadium", "hulp"]);
    let stadium = scan.question("stadium").unwrap();
    assert!(!stadium.multiple);
    assert_eq!(stadium.options.len(), 3);
    // A module id from the front matter (`id: aan-de-slag`) and an exam.
    assert_eq!(
        stadium.options[1].targets,
        [
            ScanTarget::Module("aan-de-slag".into()),
            ScanTarget::Module("toets".into())
        ]
    );
    assert_eq!(stadium.options[2].targets, []);
    let hulp = scan.question("hulp").unwrap();
    assert!(hulp.multiple);
    // Another course, by folder name; Markdown in a label.
    assert_eq!(
        hulp.options[0].targets,
        [ScanTarget::Course("work-basics".into())]
    );
    assert_eq!(hulp.options[1].html, "<strong>Werkvormen</strong>");
    assert_eq!(hulp.options[1].reason_html, None);
    assert!(result.catalog.course("work-basics").unwrap().scan.is_none());
}
