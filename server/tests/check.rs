//! `server check`: the content checker's report in the user's language.
//! Plain lines, pretty excerpts and JSON (with a stable `code` per
//! diagnostic, and the model in `catalog`, which the `platform` script
//! hands to the browser tests); English when the POSIX locale names
//! English, Dutch otherwise (also for `C.UTF-8` and no locale at all).

use app::i18n::Locale;
use codespan_reporting::term::termcolor::NoColor;
use server::commands::check::{check, Format};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A content folder with one error: a misspelt front matter field.
fn broken() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../domain/tests/fixtures/broken/unknown-front-matter-field")
}

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// The report for `dir` and its exit code; paths relative to `dir`.
fn report(dir: &Path, format: Format, locale: Locale) -> (String, i32) {
    let mut out = NoColor::new(Vec::new());
    let code = check(dir, format, locale, &mut out).expect("the check runs");
    let text = String::from_utf8(out.into_inner()).expect("UTF-8");
    (text.replace(&format!("{}/", dir.display()), ""), code)
}

const DUTCH: &str = "\
courses/cursus/01-les.md:3:1: fout: onbekend veld `duratoin` in de front matter
  tip: bedoel je `duration`?
cursussen: 1, modules: 1, vragen: 0; fouten: 1, waarschuwingen: 0
";

const ENGLISH: &str = "\
courses/cursus/01-les.md:3:1: error: unknown front matter field `duratoin`
  hint: did you mean `duration`?
1 course(s), 1 module(s), 0 question(s): 1 error(s), 0 warning(s)
";

#[test]
fn plain_lines_in_both_languages() {
    assert_eq!(
        report(&broken(), Format::Plain, Locale::nl),
        (DUTCH.to_string(), 1)
    );
    assert_eq!(
        report(&broken(), Format::Plain, Locale::en),
        (ENGLISH.to_string(), 1)
    );
}

#[test]
fn pretty_shows_the_line_with_the_words() {
    let (text, code) = report(&broken(), Format::Pretty, Locale::nl);
    assert_eq!(code, 1);
    for part in [
        "error[unknown-field]: onbekend veld `duratoin` in de front matter",
        "courses/cursus/01-les.md:3:1",
        "duratoin: 10",
        "= tip: bedoel je `duration`?",
        "cursussen: 1, modules: 1, vragen: 0; fouten: 1, waarschuwingen: 0",
    ] {
        assert!(text.contains(part), "{part:?} in:\n{text}");
    }
    let (text, _) = report(&broken(), Format::Pretty, Locale::en);
    assert!(
        text.contains("error[unknown-field]: unknown front matter field `duratoin`")
            && text.contains("= hint: did you mean `duration`?"),
        "{text}"
    );
}

#[test]
fn json_has_codes_details_and_words() {
    let (text, code) = report(&broken(), Format::Json, Locale::nl);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(d["message"], "onbekend veld `duratoin` in de front matter");
    assert_eq!(d["hint"], "bedoel je `duration`?");
    assert_eq!(d["problem"]["UnknownField"]["name"], "duratoin");
    assert_eq!(d["problem"]["UnknownField"]["suggestion"], "duration");
    assert!(d["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("courses/cursus/01-les.md")));

    let (text, _) = report(&broken(), Format::Json, Locale::en);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        json["diagnostics"][0]["message"],
        "unknown front matter field `duratoin`"
    );
    assert_eq!(json["diagnostics"][0]["hint"], "did you mean `duration`?");
}

#[test]
fn the_platform_reads_the_model_from_catalog() {
    let (text, code) = report(&content(), Format::Json, Locale::nl);
    assert_eq!(code, 0, "the shipped content has no errors");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let courses = json["catalog"]["courses"]
        .as_array()
        .expect("catalog.courses");
    assert!(!courses.is_empty());
    assert!(courses
        .iter()
        .all(|c| c["id"].is_string() && c["modules"].is_array()));
}

#[test]
fn a_missing_folder_is_an_error() {
    let mut out = NoColor::new(Vec::new());
    let err = check(
        Path::new("/does/not/exist"),
        Format::Plain,
        Locale::nl,
        &mut out,
    )
    .expect_err("no folder");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

/// `server check . --format plain` in the broken fixture, with only the
/// given locale variables set.
fn run_binary(env: &[(&str, &str)]) -> (String, Option<i32>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(["check", ".", "--format", "plain"])
        .current_dir(broken())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("server runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    (text.replace("./", ""), output.status.code())
}

#[test]
fn the_command_line_speaks_the_users_language() {
    assert_eq!(
        run_binary(&[("LANG", "en_GB.UTF-8")]),
        (ENGLISH.to_string(), Some(1))
    );
    assert_eq!(
        run_binary(&[("LANG", "nl_NL.UTF-8")]),
        (DUTCH.to_string(), Some(1))
    );
    // LC_ALL wins over LANG, as everywhere.
    assert_eq!(
        run_binary(&[("LANG", "nl_NL.UTF-8"), ("LC_ALL", "en_US.UTF-8")]),
        (ENGLISH.to_string(), Some(1))
    );
    // A locale that names no language we have, or none: Dutch.
    assert_eq!(
        run_binary(&[("LANG", "C.UTF-8")]),
        (DUTCH.to_string(), Some(1))
    );
    assert_eq!(run_binary(&[]), (DUTCH.to_string(), Some(1)));
}
