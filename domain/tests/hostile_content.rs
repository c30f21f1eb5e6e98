//! Hostile content: what a malicious (or careless) author can put in a
//! course, and what the checker and the renderer make of it.
//!
//! `fixtures/hostile/` holds a course with every way of writing script in
//! Markdown the project knows of: script elements, event attributes,
//! `javascript:` and `data:` addresses (also in odd case), iframes, objects,
//! forms, styles, `<base>`, `<meta refresh>`, mXSS shapes (`<math>`,
//! `<noscript>`, `<svg>`), the same inside blocks, questions, options and
//! feedback, and an SVG asset with script. The same course is served to
//! Chromium by the browser suite (`end2end/tests/hostile.spec.ts`), which
//! checks that nothing runs. Here:
//!
//! - every line of the fixture that tries to run script gets a diagnostic on
//!   that line (only plain-text fields are exempt: they are never HTML);
//! - no HTML the model holds carries anything that runs;
//! - sanitising the rendered HTML again changes nothing (no mutation XSS);
//! - a 50 MB module file, 10,000 levels of Markdown nesting and 200,000 of
//!   raw HTML are reported, without the memory or time a parse of them
//!   would take.

use domain::content::assets::ActiveContent;
use domain::content::{self, LoadResult, Problem};
use domain::diagnostics::Severity;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// Every HTML string in the model (`*_html` fields and HTML segments).
fn html_strings(value: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if key.ends_with("html") => out.push(s.clone()),
        serde_json::Value::Object(map) => {
            let is_html_segment = map.get("type").and_then(|t| t.as_str()) == Some("html");
            for (k, v) in map {
                let k = if is_html_segment && k == "value" {
                    "html"
                } else {
                    k.as_str()
                };
                html_strings(v, k, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                html_strings(v, key, out);
            }
        }
        _ => {}
    }
}

fn load() -> LoadResult {
    content::load(&fixture())
}

#[test]
fn every_attempt_at_script_is_reported_where_it_is() {
    let result = load();
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "the course loads: {errors:?}");
    let course_dir = fixture().join("courses/vijandig");
    let mut unreported = Vec::new();
    let mut attempts = 0;
    for file in ["course.md", "01-markdown.md", "02-svg.md"] {
        let path = course_dir.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let mut in_front_matter = false;
        for (i, line) in text.lines().enumerate() {
            if line == "---" {
                in_front_matter = !in_front_matter;
                continue;
            }
            // Front matter fields are plain text, escaped wherever shown;
            // a destination with a tab in it is not a link at all.
            if in_front_matter || !line.contains("alert(") || line.contains("java\tscript") {
                continue;
            }
            attempts += 1;
            let reported = result
                .diagnostics
                .iter()
                .any(|d| d.path == path && d.line == i + 1);
            if !reported {
                unreported.push(format!("{file}:{}: {line}", i + 1));
            }
        }
    }
    assert!(attempts >= 25, "the fixture tries {attempts} times");
    assert!(
        unreported.is_empty(),
        "not reported:\n{}",
        unreported.join("\n")
    );
    // The SVG asset with script in it.
    assert!(
        result
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.path.ends_with("assets/kwaad.svg")
                && d.problem
                    == Problem::ActiveSvg {
                        path: "assets/kwaad.svg".into(),
                        found: ActiveContent::Script
                    }),
        "{:#?}",
        result.diagnostics
    );
}

#[test]
fn nothing_that_runs_reaches_the_model() {
    let result = load();
    let json = serde_json::to_value(&result.catalog).unwrap();
    let mut html = Vec::new();
    html_strings(&json, "", &mut html);
    assert!(html.len() >= 8, "found {} HTML strings", html.len());
    let all = html.join("\n");
    assert!(all.contains("Beweeg hierover."), "the harmless text stays");
    let lower = all.to_ascii_lowercase();
    for needle in [
        "<script",
        "javascript:",
        "data:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<button",
        "<style",
        "<base",
        "<meta",
        "<svg",
        "<math",
        "<noscript",
        "formaction",
        "style=",
        "srcdoc",
        "<details open",
    ] {
        assert!(
            !lower.contains(needle),
            "`{needle}` in the rendered HTML:\n{all}"
        );
    }
    // No event attribute anywhere: ` on…=` inside a tag.
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let handler = tag
            .split_whitespace()
            .skip(1)
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        assert!(!handler, "event attribute in <{tag}>");
    }
    // Sanitising again changes nothing: what the browser parses is what
    // the sanitiser saw (no mutation XSS through re-parsing).
    for h in &html {
        assert_eq!(
            &domain::markdown::sanitize(h),
            h,
            "not stable under re-sanitising"
        );
    }
}

/// A scratch copy of the fixture in the temp folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lp-hostile-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let target = dir.join("courses/vijandig");
    fs::create_dir_all(target.join("assets")).unwrap();
    for entry in fs::read_dir(fixture().join("courses/vijandig")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
        }
    }
    dir
}

#[test]
fn huge_and_deep_files_are_refused_with_a_message() {
    let dir = scratch("big");
    let course = dir.join("courses/vijandig");
    // 50 MB of Markdown: refused before it is read.
    let line = "Een regel tekst met **nadruk** en een [link](https://example.org).\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len());
    fs::write(
        course.join("04-groot.md"),
        format!("---\ntitle: Groot\n---\n{big}"),
    )
    .unwrap();
    // 10,000 levels: block quotes, and list items.
    let deep = format!(
        "---\ntitle: Diep\n---\n{} diep <script>alert('diep')</script>\n\n{}lijst\n",
        ">".repeat(10_000),
        "- ".repeat(10_000)
    );
    fs::write(course.join("05-diep.md"), deep).unwrap();
    // Just under 1 MB of raw HTML opening elements inside each other (the
    // sanitiser's parser took 100 s over this before the nesting limit).
    let html = format!("---\ntitle: HTML\n---\n{}\n", "<div>".repeat(200_000));
    fs::write(course.join("06-html.md"), html).unwrap();
    let started = std::time::Instant::now();
    let result = content::load(&dir);
    let took = started.elapsed();
    let problems = |file: &str| {
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.path.ends_with(file))
            .map(|d| d.problem.clone())
            .collect::<Vec<_>>()
    };
    let big = problems("04-groot.md");
    assert_eq!(
        big,
        [Problem::FileTooLarge {
            kb: 51199,
            max_kb: 1024
        }]
    );
    let deep = problems("05-diep.md");
    assert!(
        !deep.is_empty()
            && deep
                .iter()
                .all(|p| *p == Problem::MarkdownTooDeep { max: 32 }),
        "{deep:?}"
    );
    let html = problems("06-html.md");
    assert_eq!(html, [Problem::RawHtmlTooDeep { max: 64 }]);
    // Seconds would mean the file was parsed after all (debug build).
    assert!(took.as_secs() < 10, "loading took {took:?}");
    let _ = fs::remove_dir_all(&dir);
}
