//! Front matter: the YAML between `---` lines at the top of every file.
//!
//! Steps:
//! 1. [`split`]: find the opening and closing `---`; a missing or unclosed
//!    block is an error that says how to fix it.
//! 2. [`fields`]: find each top-level field and its line, so problems point
//!    at the field, not at line 1.
//! 3. [`deserialize`]: report every unknown or repeated field (with a
//!    "did you mean" hint), then let serde_yaml_ng read the rest into a
//!    `deny_unknown_fields` struct, turning its error locations into file
//!    lines. A field with a wrong type is reported and skipped, so one typo
//!    does not hide the other fields. Front matter longer than
//!    [`MAX_FRONT_MATTER_BYTES`] is an error and not read.
//!
//! The meaning of the fields (required, ranges, exam-only) is checked by the
//! callers in `course.rs` and `module.rs`.

use super::source::{Pos, Reporter, SourceFile};
use super::suggest::closest;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::borrow::Cow;

/// `course.md` front matter, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseFields {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub language: Option<String>,
    pub duration: Option<u32>,
    pub audience: Option<Vec<String>>,
    pub pass_score: Option<i64>,
    pub certificate: Option<bool>,
    pub valid_for_months: Option<u32>,
    pub modules: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
}

pub(crate) const COURSE_FIELDS: &[&str] = &[
    "title",
    "summary",
    "language",
    "duration",
    "audience",
    "pass_score",
    "certificate",
    "valid_for_months",
    "modules",
    "tags",
];

/// Module front matter, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ModuleFields {
    pub title: Option<String>,
    pub id: Option<String>,
    pub duration: Option<u32>,
    pub objectives: Option<Vec<String>>,
    pub kind: Option<String>,
    pub attempts: Option<u32>,
    pub shuffle: Option<bool>,
    pub draw: Option<u32>,
    pub pass_score: Option<i64>,
}

pub(crate) const MODULE_FIELDS: &[&str] = &[
    "title",
    "id",
    "duration",
    "objectives",
    "kind",
    "attempts",
    "shuffle",
    "draw",
    "pass_score",
];

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// 0-based file line of the first YAML line (the line after `---`).
    pub yaml_line: usize,
    /// 0-based file line where the body starts (after the closing `---`).
    pub body_line: usize,
}

/// Why a file has no usable front matter. Both are errors; the body is then
/// read from `body_line` (the whole file, or nothing) so other checks still run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// `---` at the top, but no closing `---`.
    Unterminated,
}

impl SplitError {
    /// Where the body starts despite the error: the whole file when the
    /// front matter is missing, nothing when it is not closed.
    pub fn body_line(self, file: &SourceFile<'_>) -> usize {
        match self {
            SplitError::Missing => 0,
            SplitError::Unterminated => file.line_count(),
        }
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_start_matches('\u{feff}').trim_end() == "---"
}

/// Find the front matter. It must start on the very first line.
pub(crate) fn split<'a>(file: &SourceFile<'a>) -> Result<Split<'a>, SplitError> {
    if file.line_count() == 0 || !is_delimiter(file.line_text(0)) {
        return Err(SplitError::Missing);
    }
    let close = (1..file.line_count())
        .find(|&idx| is_delimiter(file.line_text(idx)))
        .ok_or(SplitError::Unterminated)?;
    Ok(Split {
        yaml: &file.text[file.line_start(1)..file.line_start(close)],
        yaml_line: 1,
        body_line: close + 1,
    })
}

/// Report a [`SplitError`] the way a trainer can act on it.
pub(crate) fn report_split_error(err: SplitError, file: &SourceFile<'_>, report: &mut Reporter) {
    match err {
        SplitError::Missing => {
            let first_text = (0..file.line_count())
                .map(|i| file.line_text(i).trim())
                .find(|l| !l.is_empty());
            let looks_like_field = first_text.is_some_and(|l| {
                l.split_once(':').is_some_and(|(k, _)| {
                    !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                })
            });
            // Lines ended by a carriage return alone (classic Mac) are one
            // line here, as everywhere in the checker, although editors show
            // them as many: say so rather than that `---` is missing.
            let cr_only = (0..file.line_count())
                .map(|i| file.line_text(i))
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| {
                    l.trim_start_matches('\u{feff}')
                        .trim_start()
                        .starts_with("---\r")
                });
            let hint = match first_text {
                _ if cr_only => "this file's lines end in a carriage return only (old Mac line ends), so it reads as one line: save it with LF or CRLF line ends",
                Some("---") => "the front matter must start on the very first line: remove the empty lines above `---`",
                Some("+++") => "front matter is YAML between `---` lines, not TOML between `+++` lines",
                _ if looks_like_field => "the fields need a line `---` above them and another line `---` below the last one",
                _ => "start the file with a line `---`, then the fields (at least `title: ...`), then another line `---`",
            };
            report
                .error(
                    Pos::START,
                    "missing front matter: the file must start with a line `---`",
                )
                .hint(hint);
        }
        SplitError::Unterminated => {
            report
                .error(
                    Pos::START,
                    "front matter is not closed: no second `---` line",
                )
                .hint("add a line with only `---` after the last field, before the text starts");
        }
    }
}

/// A top-level field of the front matter.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    /// Position of the field name in the file.
    pub pos: Pos,
    /// 0-based YAML lines `start..end` that hold the field and its value.
    pub lines: std::ops::Range<usize>,
}

/// The top-level fields in order, found line by line: a field starts at a
/// line that begins with `name:` in column 1; the lines below it that are
/// indented, empty, comments or `- item`s belong to it.
pub(crate) fn fields(split: &Split<'_>) -> Vec<Field> {
    let lines: Vec<&str> = split.yaml.lines().collect();
    let mut out: Vec<Field> = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        let starts_field = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-');
        let name = line.split_once(':').map(|(name, _)| name.trim());
        match (starts_field, name) {
            (true, Some(name)) if !name.is_empty() => {
                if let Some(prev) = out.last_mut() {
                    prev.lines.end = idx;
                }
                out.push(Field {
                    name: name.trim_matches(|c| c == '"' || c == '\'').to_string(),
                    pos: Pos::line(split.yaml_line + idx + 1),
                    lines: idx..lines.len(),
                });
            }
            _ => {}
        }
    }
    out
}

/// The front matter read into `T`, plus where each field is.
pub(crate) struct Parsed<T> {
    pub value: T,
    pub fields: Vec<Field>,
    /// Fields that were present but already reported (wrong type, broken
    /// YAML), so callers do not report them again as missing or empty.
    pub rejected: Vec<String>,
    /// False when the YAML could not be read at all.
    pub readable: bool,
}

impl<T> Parsed<T> {
    /// Position of a field, or of the front matter's first line.
    pub fn pos_of(&self, name: &str) -> Pos {
        self.field(name).map_or(Pos::START, |f| f.pos)
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether checks on the value of `name` make sense: the YAML was read
    /// and this field was not already reported.
    pub fn checkable(&self, name: &str) -> bool {
        self.readable && !self.rejected.iter().any(|r| r == name)
    }
}

/// The longest front matter read, in bytes. Real front matter is a few
/// hundred bytes (the largest in `content/` is 431). The YAML scanner takes
/// time quadratic in how deeply `[` and `{` nest, so without a bound a line
/// of 64 kB of `[` took 2 s, and larger ones minutes.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 8 * 1024;

/// Read the front matter into `T`. `known` lists `T`'s field names (kept in
/// sync with the struct by a unit test) and `file_kind` names the file in
/// hints ("course.md", "a module file").
pub(crate) fn deserialize<T: DeserializeOwned + Default>(
    split: &Split<'_>,
    known: &[&str],
    file_kind: &str,
    report: &mut Reporter,
) -> Parsed<T> {
    let fields = fields(split);
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        report
            .error(
                Pos::START,
                format!(
                    "front matter is too long: {} KiB between the `---` lines on line 1 and \
                     line {}, at most {} KiB",
                    split.yaml.len().div_ceil(1024),
                    split.body_line,
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            )
            .hint(format!(
                "the front matter holds a few short fields ({}); if it should end earlier, \
                 add the closing `---` line there, and put long text below it",
                known.join(", ")
            ));
        return Parsed {
            value: T::default(),
            fields,
            rejected: Vec::new(),
            readable: false,
        };
    }
    let mut skip: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        if !known.contains(&field.name.as_str()) {
            let hint = match closest(&field.name, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the fields of {file_kind} are: {}", known.join(", ")),
            };
            report
                .error(
                    field.pos,
                    format!("unknown front matter field `{}`", field.name),
                )
                .hint(hint);
            skip.push(field.lines.clone());
        } else if let Some(first) = fields[..i].iter().find(|f| f.name == field.name) {
            report
                .error(field.pos, format!("`{}` is given twice", field.name))
                .hint(format!(
                    "it is also on line {}: keep one of them",
                    first.pos.line
                ));
            skip.push(field.lines.clone());
        }
    }

    // Each round reads the YAML; a field serde rejects is reported and
    // blanked, and the next round reads the others.
    let mut rejected: Vec<String> = Vec::new();
    for _ in 0..=fields.len() {
        let yaml = blank_lines(split.yaml, &skip);
        if yaml.trim().is_empty() {
            return Parsed {
                value: T::default(),
                fields,
                rejected,
                readable: true,
            };
        }
        let err = match serde_yaml_ng::from_str::<T>(&yaml) {
            Ok(value) => {
                return Parsed {
                    value,
                    fields,
                    rejected,
                    readable: true,
                }
            }
            Err(err) => err,
        };
        let (pos, yaml_idx) = match err.location() {
            Some(loc) => {
                let (idx, column) = yaml_to_text_pos(&yaml, loc.line(), loc.column());
                (
                    Pos {
                        line: split.yaml_line + idx + 1,
                        column,
                    },
                    Some(idx),
                )
            }
            None => (Pos::line(split.yaml_line + 1), None),
        };
        let (message, is_syntax) = friendly_yaml_message(&err.to_string(), &yaml, split.yaml_line);
        let reported = report.error(pos, message);
        if is_syntax {
            reported.hint(
                "check the YAML here: text containing `: ` or starting with a special character needs quotes",
            );
        }
        let culprit = yaml_idx
            .and_then(|idx| fields.iter().find(|f| f.lines.contains(&idx)))
            .filter(|f| !skip.contains(&f.lines));
        match culprit {
            Some(field) => {
                skip.push(field.lines.clone());
                rejected.push(field.name.clone());
            }
            None => break,
        }
    }
    Parsed {
        value: T::default(),
        fields,
        rejected,
        readable: false,
    }
}

/// The YAML with the given line ranges emptied, keeping line numbers.
fn blank_lines<'a>(yaml: &'a str, skip: &[std::ops::Range<usize>]) -> Cow<'a, str> {
    if skip.is_empty() {
        return Cow::Borrowed(yaml);
    }
    let mut out = String::with_capacity(yaml.len());
    for (idx, line) in yaml.lines().enumerate() {
        if !skip.iter().any(|r| r.contains(&idx)) {
            out.push_str(line);
        }
        out.push('\n');
    }
    Cow::Owned(out)
}

/// A 1-based line and column as the YAML reader counts them in `yaml`, as
/// the 0-based index of the line in `yaml` and the 1-based column the
/// checker uses. The YAML reader also ends a line at a lone carriage return
/// and at U+0085, U+2028 and U+2029; the checker, like the rest of the
/// content parser, only at `\n`. Without this a file with lone carriage
/// returns in its front matter got an error on a line past its end (found
/// by fuzzing, issue 14).
fn yaml_to_text_pos(yaml: &str, line: usize, column: usize) -> (usize, usize) {
    let (mut yaml_line, mut yaml_column) = (1, 1);
    let (mut idx, mut text_column) = (0, 1);
    let mut chars = yaml.chars().peekable();
    while (yaml_line, yaml_column) < (line, column) {
        let Some(c) = chars.next() else { break };
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                (yaml_line, yaml_column) = (yaml_line + 1, 1);
                (idx, text_column) = (idx + 1, 1);
            }
            '\n' => {
                (yaml_line, yaml_column) = (yaml_line + 1, 1);
                (idx, text_column) = (idx + 1, 1);
            }
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                (yaml_line, yaml_column) = (yaml_line + 1, 1);
                text_column += 1;
            }
            _ => {
                yaml_column += 1;
                text_column += 1;
            }
        }
    }
    (idx, text_column)
}

/// serde_yaml_ng's message without its locations (we print our own) and
/// with Rust type names replaced by words a trainer knows; true for a YAML
/// syntax error. A syntax error's second location (where the construct that
/// failed started, e.g. an opening quote) is kept as a file line. `yaml` is
/// the text the message is about; its first line is file line
/// `yaml_line + 1`.
fn friendly_yaml_message(raw: &str, yaml: &str, yaml_line: usize) -> (String, bool) {
    let (msg, marks) = strip_marks(raw);
    let msg = msg
        .replace("expected u32", "expected a whole number")
        .replace("expected i64", "expected a whole number")
        .replace("expected a sequence", "expected a list")
        .replace("expected a string", "expected text");
    if let Some((field, rest)) = msg.split_once(": invalid type: ") {
        (format!("`{field}` has the wrong type: found {rest}"), false)
    } else if let Some((field, rest)) = msg.split_once(": invalid value: ") {
        (format!("`{field}` has an invalid value: {rest}"), false)
    } else {
        let started = match marks.get(1) {
            Some(&(line, column)) => {
                let (idx, column) = yaml_to_text_pos(yaml, line, column);
                format!(" (from line {}, column {column})", yaml_line + idx + 1)
            }
            None => String::new(),
        };
        (
            format!("front matter is not valid YAML: {msg}{started}"),
            true,
        )
    }
}

/// Remove every ` at line L column C` from a message; the (L, C)s in order.
fn strip_marks(raw: &str) -> (String, Vec<(usize, usize)>) {
    const AT: &str = " at line ";
    let mut out = String::with_capacity(raw.len());
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(AT) {
        out.push_str(&rest[..i]);
        let after = &rest[i + AT.len()..];
        let mut parts = after.splitn(3, ' ');
        let line = parts.next().and_then(|l| l.parse::<usize>().ok());
        let word = parts.next();
        let tail = parts.next().unwrap_or("");
        let col_len = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        match (line, word, tail[..col_len].parse::<usize>().ok()) {
            (Some(line), Some("column"), Some(column)) => {
                marks.push((line, column));
                rest = &tail[col_len..];
            }
            _ => {
                out.push_str(AT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse<T: DeserializeOwned + Default>(
        text: &str,
        known: &[&str],
    ) -> (Option<Parsed<T>>, Vec<String>) {
        let file = SourceFile::new(text);
        let mut report = Reporter::new(PathBuf::from("f.md"));
        let parsed = match split(&file) {
            Ok(s) => Some(deserialize::<T>(&s, known, "f.md", &mut report)),
            Err(e) => {
                report_split_error(e, &file, &mut report);
                None
            }
        };
        let msgs = report.list.iter().map(|d| d.to_string()).collect();
        (parsed, msgs)
    }

    #[test]
    fn field_lists_match_the_structs() {
        let course = "---\ntitle: t\nsummary: s\nlanguage: nl\nduration: 5\naudience: [a]\npass_score: 70\ncertificate: true\nvalid_for_months: 12\nmodules: [a]\ntags: [x]\n---\n";
        let (p, msgs) = parse::<CourseFields>(course, COURSE_FIELDS);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.map(|p| p.fields.len()), Some(COURSE_FIELDS.len()));
        let module = "---\ntitle: t\nid: a\nduration: 5\nobjectives: [a]\nkind: exam\nattempts: 2\nshuffle: false\ndraw: 1\npass_score: 80\n---\n";
        let (p, msgs) = parse::<ModuleFields>(module, MODULE_FIELDS);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.map(|p| p.fields.len()), Some(MODULE_FIELDS.len()));
    }

    #[test]
    fn unknown_fields_are_all_reported_with_their_line() {
        let (p, msgs) = parse::<ModuleFields>(
            "---\ntitel: Inleiding\nduration: 10\nfoo:\n  - a\n---\nBody\n",
            MODULE_FIELDS,
        );
        assert_eq!(
            msgs,
            [
                "f.md:2:1: error: unknown front matter field `titel`\n  hint: did you mean `title`?",
                "f.md:4:1: error: unknown front matter field `foo`\n  hint: the fields of f.md are: title, id, duration, objectives, kind, attempts, shuffle, draw, pass_score",
            ]
        );
        let p = p.expect("split");
        assert!(p.readable);
        assert_eq!(p.value.duration, Some(10));
    }

    #[test]
    fn wrong_types_point_at_the_value_and_keep_other_fields() {
        let (p, msgs) = parse::<ModuleFields>(
            "---\ntitle: Inleiding\nduration: tien\ndraw: [1]\n---\n",
            MODULE_FIELDS,
        );
        assert_eq!(
            msgs,
            [
                "f.md:3:11: error: `duration` has the wrong type: found string \"tien\", expected a whole number",
                "f.md:4:7: error: `draw` has the wrong type: found sequence, expected a whole number",
            ]
        );
        assert_eq!(p.expect("split").value.title.as_deref(), Some("Inleiding"));
    }

    #[test]
    fn missing_and_unterminated() {
        let (_, msgs) = parse::<ModuleFields>("# Titel\n", MODULE_FIELDS);
        assert!(
            msgs[0].starts_with("f.md:1:1: error: missing front matter"),
            "{msgs:?}"
        );
        let (_, msgs) = parse::<ModuleFields>("\n---\ntitle: x\n---\n", MODULE_FIELDS);
        assert!(msgs[0].contains("remove the empty lines"), "{msgs:?}");
        let (_, msgs) = parse::<ModuleFields>("---\ntitle: x\n\nTekst\n", MODULE_FIELDS);
        assert!(
            msgs[0].starts_with("f.md:1:1: error: front matter is not closed"),
            "{msgs:?}"
        );
    }

    #[test]
    fn yaml_marks_are_stripped() {
        assert_eq!(
            strip_marks("did not find expected key at line 3 column 1, while parsing a block mapping at line 1 column 1"),
            (
                "did not find expected key, while parsing a block mapping".to_string(),
                vec![(3, 1), (1, 1)]
            )
        );
        assert_eq!(strip_marks("plain"), ("plain".to_string(), vec![]));
    }

    #[test]
    fn duplicate_field() {
        let (_, msgs) = parse::<ModuleFields>("---\ntitle: a\ntitle: b\n---\n", MODULE_FIELDS);
        assert_eq!(
            msgs,
            ["f.md:3:1: error: `title` is given twice\n  hint: it is also on line 2: keep one of them"]
        );
    }

    #[test]
    fn empty_front_matter_and_crlf() {
        let (p, msgs) = parse::<ModuleFields>("---\n---\nBody", MODULE_FIELDS);
        assert!(msgs.is_empty());
        assert!(p.expect("split").value.title.is_none());
        let (p, msgs) = parse::<ModuleFields>("---\r\ntitle: a\r\n---\r\nBody", MODULE_FIELDS);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.expect("split").value.title.as_deref(), Some("a"));
    }

    #[test]
    fn broken_yaml_syntax() {
        let (p, msgs) = parse::<ModuleFields>("---\ntitle: \"open\n---\n", MODULE_FIELDS);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].starts_with("f.md:3:1: error: front matter is not valid YAML: found unexpected end of stream, while scanning a quoted scalar (from line 2, column 8)"),
            "{msgs:?}"
        );
        assert!(!p.expect("split").checkable("title"));
    }

    // Found by fuzzing (issue 14, docs/fuzzing.md): the YAML reader also
    // ends a line at a lone carriage return, the checker does not, so an
    // error after one pointed at a line past the end of the file.
    #[test]
    fn yaml_errors_after_lone_carriage_returns_stay_in_the_file() {
        let text = "---\ntitle: T\ntags\r\r\r\r: [a]\n---\nTekst.\n";
        let (_, msgs) = parse::<CourseFields>(text, COURSE_FIELDS);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].starts_with("f.md:3:9: error: front matter is not valid YAML: could not find expected ':', while scanning a simple key (from line 3, column 1)"),
            "{msgs:?}"
        );
        // The same in U+2028 (line separator), and a type error after it.
        let text = "---\ntitle: T\u{2028}\u{2028}\nduration: lang\n---\n";
        let (_, msgs) = parse::<ModuleFields>(text, MODULE_FIELDS);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].starts_with("f.md:3:11: error: `duration` has the wrong type"),
            "{msgs:?}"
        );
    }

    #[test]
    fn yaml_positions_map_to_text_lines() {
        assert_eq!(yaml_to_text_pos("a: b\n", 1, 1), (0, 1));
        assert_eq!(yaml_to_text_pos("a: b\nc: d\n", 2, 3), (1, 3));
        assert_eq!(yaml_to_text_pos("a: b\r\nc: d\r\n", 2, 3), (1, 3));
        // Two YAML lines in one text line: the column continues.
        assert_eq!(yaml_to_text_pos("a\rbc: d\n", 2, 2), (0, 4));
        assert_eq!(yaml_to_text_pos("\u{85}x\ny", 3, 1), (1, 1));
        // Past the end: the end.
        assert_eq!(yaml_to_text_pos("ab", 9, 9), (0, 3));
    }

    #[test]
    fn old_mac_line_ends_get_their_own_hint() {
        let (_, msgs) = parse::<ModuleFields>("---\rtitle: T\r---\rTekst.\r", MODULE_FIELDS);
        assert_eq!(
            msgs,
            ["f.md:1:1: error: missing front matter: the file must start with a line `---`\n  hint: this file's lines end in a carriage return only (old Mac line ends), so it reads as one line: save it with LF or CRLF line ends"]
        );
    }
}
