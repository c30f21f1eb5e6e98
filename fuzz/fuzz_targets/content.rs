//! The content parser: the input is a module file and, separately, a
//! `course.md`, each next to a fixed valid counterpart, parsed from memory
//! with `domain::content::parse_course` (what `load` does per course folder,
//! without the filesystem).

#![no_main]

use domain::content::parse_course;
use domain::diagnostics::Diagnostic;
use leerplatform_fuzz::{check_question, Lines};
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

const COURSE_ID: &str = "fuzz";
const MODULE_FILE: &str = "01-fuzz.md";

const COURSE_MD: &str = "---\ntitle: Fuzz\nsummary: A course around the fuzzed file.\n---\n\n\
    Read [the lesson](01-fuzz.md).\n";
const MODULE_MD: &str = "---\ntitle: Les\nduration: 5\n---\n\n## Vraag\n\n\
    ::: question\nWelke?\n\n- [x] Deze\n- [ ] Die\n:::\n";

fuzz_target!(|data: &[u8]| {
    // `load` refuses a file that is not UTF-8 before it parses anything, so
    // the parser only ever sees text; lossy decoding keeps every input useful.
    let text = String::from_utf8_lossy(data);
    check_course(COURSE_MD, &text);
    check_course(&text, MODULE_MD);
});

fn check_course(course_md: &str, module_md: &str) {
    let root = Path::new("content");
    let dir = root.join("courses").join(COURSE_ID);
    let assets: BTreeSet<String> = ["assets/ladder.png", "assets/checklist.pdf"]
        .into_iter()
        .map(String::from)
        .collect();
    let modules = vec![(MODULE_FILE.to_string(), module_md.to_string())];
    let (course, diagnostics) = parse_course(root, COURSE_ID, course_md, &modules, &assets);

    let course_path = dir.join("course.md");
    let module_path = dir.join(MODULE_FILE);
    let course_lines = Lines::new(course_md);
    let module_lines = Lines::new(module_md);
    for d in &diagnostics {
        check_diagnostic(
            d,
            &dir,
            &[(&course_path, &course_lines), (&module_path, &module_lines)],
        );
    }
    assert!(
        diagnostics
            .windows(2)
            .all(|w| (&w[0].path, w[0].line, w[0].column) <= (&w[1].path, w[1].line, w[1].column)),
        "diagnostics not sorted: {diagnostics:#?}"
    );

    let Some(course) = course else {
        assert!(
            diagnostics.iter().any(Diagnostic::is_error),
            "no course and no error explaining why: {diagnostics:#?}"
        );
        return;
    };
    assert_eq!(course.id, COURSE_ID);
    for module in &course.modules {
        assert_eq!(module.file_name, MODULE_FILE);
        // Questions and reflections have ids of their own kind: the page
        // prefixes them (`vraag-…`, `reflectie-…`) and stores their answers
        // in different tables, so one of each may share an id.
        let mut ids = HashSet::new();
        for q in &module.questions {
            assert!(ids.insert(q.id.as_str()), "question id `{}` twice", q.id);
            check_question(q);
            assert!(
                q.line <= module_lines.count(),
                "question line past the end: {q:?}"
            );
        }
        let mut ids = HashSet::new();
        for r in &module.reflections {
            assert!(ids.insert(r.id.as_str()), "reflection id `{}` twice", r.id);
            assert!(r.line >= 1 && r.line <= module_lines.count(), "{r:?}");
        }
        for s in &module.segments {
            match s {
                domain::model::Segment::Question(id) => {
                    assert!(
                        module.question(id).is_some(),
                        "segment names unknown question {id}"
                    )
                }
                domain::model::Segment::Reflection(id) => assert!(
                    module.reflections.iter().any(|r| &r.id == id),
                    "segment names unknown reflection {id}"
                ),
                domain::model::Segment::Html(_) => {}
            }
        }
    }
}

/// A diagnostic names a file of this course, a position inside it, and
/// what is wrong.
fn check_diagnostic(d: &Diagnostic, dir: &Path, files: &[(&PathBuf, &Lines)]) {
    assert!(!d.code().is_empty(), "no code: {d:?}");
    assert!(
        d.path.starts_with(dir),
        "diagnostic outside the course folder: {d:?}"
    );
    match files.iter().find(|(p, _)| **p == d.path) {
        Some((_, lines)) => lines.check(d.line, d.column, d),
        None => assert!(d.line >= 1 && d.column >= 1, "{d:?}"),
    }
}
