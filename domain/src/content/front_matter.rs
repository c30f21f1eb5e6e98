//! Front matter: the YAML between `---` lines at the top of every file.
//!
//! Steps:
//! 1. [`split`]: find the opening and closing `---`; a missing or unclosed
//!    block is an error, with what the file starts with instead (for the
//!    hint on how to fix it).
//! 2. [`fields`]: find each top-level field and its line, so problems point
//!    at the field, not at line 1.
//! 3. [`deserialize`]: report every unknown or repeated field (with the
//!    field probably meant, for a "did you mean" hint), then let serde_yaml_ng read the rest into a
//!    `deny_unknown_fields` struct, turning its error locations into file
//!    lines. A field with a wrong type is reported and skipped, so one typo
//!    does not hide the other fields. Front matter longer than
//!    [`MAX_FRONT_MATTER_BYTES`] is an error and not read.
//!
//! The meaning of the fields (required, ranges, exam-only) is checked by the
//! callers in `course.rs` and `module.rs`.

use super::problems::{FileKind, FileStart, Place, Problem, YamlType, YamlValue};
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

/// `scan.md` front matter, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScanFields {
    pub title: Option<String>,
}

pub(crate) const SCAN_FIELDS: &[&str] = &["title"];

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
    pub draw: Option<DrawField>,
    pub pass_score: Option<i64>,
}

/// `draw:` as written: a whole number (format 1.0), or (format 1.1) one
/// `group: number` line per group, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DrawField {
    Count(u32),
    PerGroup(Vec<(String, u32)>),
}

/// serde's name for what `draw:` takes; [`yaml_type`] words it.
const DRAW_EXPECTED: &str = "a whole number or groups";

impl<'de> Deserialize<'de> for DrawField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = DrawField;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(DRAW_EXPECTED)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DrawField, E> {
                u32::try_from(v)
                    .map(DrawField::Count)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DrawField, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<DrawField, A::Error> {
                let mut groups = Vec::new();
                while let Some((group, count)) = map.next_entry::<String, u32>()? {
                    groups.push((group, count));
                }
                Ok(DrawField::PerGroup(groups))
            }
        }
        d.deserialize_any(Visitor)
    }
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

/// A module's or scan's front matter, read: the fields (empty and
/// unreadable when the file has none), whether it has front matter at all,
/// and the 0-based line where the body starts. Problems go to `report`.
pub(crate) fn read<T: DeserializeOwned + Default>(
    file: &SourceFile<'_>,
    kind: FileKind,
    report: &mut Reporter,
) -> (Parsed<T>, bool, usize) {
    match split(file) {
        Ok(split) => (
            deserialize::<T>(&split, kind, report),
            true,
            split.body_line,
        ),
        Err(err) => {
            report_split_error(err, file, report);
            let empty = Parsed {
                value: T::default(),
                fields: Vec::new(),
                rejected: Vec::new(),
                readable: false,
            };
            (empty, false, err.body_line(file))
        }
    }
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
            let start = match first_text {
                _ if cr_only => FileStart::CarriageReturns,
                Some("---") => FileStart::EmptyLinesAbove,
                Some("+++") => FileStart::Toml,
                _ if looks_like_field => FileStart::FieldsWithoutDashes,
                _ => FileStart::Other,
            };
            report.error(Pos::START, Problem::MissingFrontMatter { start });
        }
        SplitError::Unterminated => report.error(Pos::START, Problem::UnclosedFrontMatter),
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

/// Read the front matter of `file` into `T`; `file.fields()` lists `T`'s
/// field names (kept in sync with the struct by a unit test).
pub(crate) fn deserialize<T: DeserializeOwned + Default>(
    split: &Split<'_>,
    file: FileKind,
    report: &mut Reporter,
) -> Parsed<T> {
    let known = file.fields();
    let fields = fields(split);
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        report.error(
            Pos::START,
            Problem::FrontMatterTooLong {
                kib: split.yaml.len().div_ceil(1024),
                end_line: split.body_line,
                max_kib: MAX_FRONT_MATTER_BYTES / 1024,
                file,
            },
        );
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
            report.error(
                field.pos,
                Problem::UnknownField {
                    name: field.name.clone(),
                    suggestion: closest(&field.name, known.iter().copied()).map(str::to_string),
                    file,
                },
            );
            skip.push(field.lines.clone());
        } else if let Some(first) = fields[..i].iter().find(|f| f.name == field.name) {
            report.error(
                field.pos,
                Problem::FieldTwice {
                    name: field.name.clone(),
                    first_line: first.pos.line,
                },
            );
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
        report.error(pos, yaml_problem(&err.to_string(), &yaml, split.yaml_line));
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

/// serde_yaml_ng's error as a [`Problem`]: a value of the wrong type or an
/// invalid value as what was found and what was expected (Rust's type names
/// become kinds a trainer knows: whole number, text, list), anything else as
/// a YAML syntax error in the reader's words, without its locations (we give
/// our own). A syntax error's second location (where the construct that
/// failed started, e.g. an opening quote) is kept as a file place. `yaml` is
/// the text the message is about; its first line is file line
/// `yaml_line + 1`.
fn yaml_problem(raw: &str, yaml: &str, yaml_line: usize) -> Problem {
    let (msg, marks) = strip_marks(raw);
    if let Some((field, rest)) = msg.split_once(": invalid type: ") {
        let (found, expected) = found_and_expected(rest);
        Problem::WrongType {
            field: field.to_string(),
            found,
            expected,
        }
    } else if let Some((field, rest)) = msg.split_once(": invalid value: ") {
        let (found, expected) = found_and_expected(rest);
        Problem::InvalidValue {
            field: field.to_string(),
            found,
            expected,
        }
    } else {
        let from = marks.get(1).map(|&(line, column)| {
            let (idx, column) = yaml_to_text_pos(yaml, line, column);
            Place {
                line: yaml_line + idx + 1,
                column,
            }
        });
        Problem::InvalidYaml { detail: msg, from }
    }
}

/// serde's `string "tien", expected u32` taken apart.
fn found_and_expected(text: &str) -> (YamlValue, YamlType) {
    let (found, expected) = text.rsplit_once(", expected ").unwrap_or((text, ""));
    (yaml_value(found), yaml_type(expected))
}

/// serde's description of an unexpected value (`string "tien"`, `integer
/// `5``, `sequence`).
fn yaml_value(found: &str) -> YamlValue {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
            .map(str::to_string)
    };
    if let Some(text) = found
        .strip_prefix("string \"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return YamlValue::Text(text.to_string());
    }
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return YamlValue::Number(n);
    }
    match found {
        "boolean `true`" => YamlValue::Bool(true),
        "boolean `false`" => YamlValue::Bool(false),
        "sequence" => YamlValue::List,
        "map" => YamlValue::Map,
        "unit value" => YamlValue::Nothing,
        other => YamlValue::Other(other.to_string()),
    }
}

/// serde's name of the expected type (`u32`, `a sequence`).
fn yaml_type(expected: &str) -> YamlType {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => YamlType::WholeNumber,
        "a string" => YamlType::Text,
        "a sequence" => YamlType::List,
        "a boolean" => YamlType::Bool,
        DRAW_EXPECTED => YamlType::DrawCount,
        other => YamlType::Other(other.to_string()),
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

    /// What was reported, as `(line, column, problem)`.
    type Reported = Vec<(usize, usize, Problem)>;

    /// The front matter of `text` read as `file`'s, and what was reported.
    fn parse<T: DeserializeOwned + Default>(
        text: &str,
        file: FileKind,
    ) -> (Option<Parsed<T>>, Reported) {
        let source = SourceFile::new(text);
        let mut report = Reporter::new(PathBuf::from("f.md"));
        let parsed = match split(&source) {
            Ok(s) => Some(deserialize::<T>(&s, file, &mut report)),
            Err(e) => {
                report_split_error(e, &source, &mut report);
                None
            }
        };
        let found = report
            .list
            .into_iter()
            .map(|d| {
                assert!(d.is_error(), "{d:?}");
                (d.line, d.column, d.problem)
            })
            .collect();
        (parsed, found)
    }

    #[test]
    fn field_lists_match_the_structs() {
        let course = "---\ntitle: t\nsummary: s\nlanguage: nl\nduration: 5\naudience: [a]\npass_score: 70\ncertificate: true\nvalid_for_months: 12\nmodules: [a]\ntags: [x]\n---\n";
        let (p, msgs) = parse::<CourseFields>(course, FileKind::CourseMd);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.map(|p| p.fields.len()), Some(COURSE_FIELDS.len()));
        let module = "---\ntitle: t\nid: a\nduration: 5\nobjectives: [a]\nkind: exam\nattempts: 2\nshuffle: false\ndraw: 1\npass_score: 80\n---\n";
        let (p, msgs) = parse::<ModuleFields>(module, FileKind::Module);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.map(|p| p.fields.len()), Some(MODULE_FIELDS.len()));
    }

    #[test]
    fn unknown_fields_are_all_reported_with_their_line() {
        let (p, msgs) = parse::<ModuleFields>(
            "---\ntitel: Inleiding\nduration: 10\nfoo:\n  - a\n---\nBody\n",
            FileKind::Module,
        );
        assert_eq!(
            msgs,
            [
                (
                    2,
                    1,
                    Problem::UnknownField {
                        name: "titel".into(),
                        suggestion: Some("title".into()),
                        file: FileKind::Module
                    }
                ),
                (
                    4,
                    1,
                    Problem::UnknownField {
                        name: "foo".into(),
                        suggestion: None,
                        file: FileKind::Module
                    }
                ),
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
            FileKind::Module,
        );
        assert_eq!(
            msgs,
            [
                (
                    3,
                    11,
                    Problem::WrongType {
                        field: "duration".into(),
                        found: YamlValue::Text("tien".into()),
                        expected: YamlType::WholeNumber
                    }
                ),
                (
                    4,
                    7,
                    Problem::WrongType {
                        field: "draw".into(),
                        found: YamlValue::List,
                        expected: YamlType::DrawCount
                    }
                ),
            ]
        );
        assert_eq!(p.expect("split").value.title.as_deref(), Some("Inleiding"));
    }

    #[test]
    fn serde_values_and_types_are_read() {
        assert_eq!(
            found_and_expected("integer `-1`, expected u32"),
            (YamlValue::Number("-1".into()), YamlType::WholeNumber)
        );
        assert_eq!(
            found_and_expected("boolean `true`, expected a sequence"),
            (YamlValue::Bool(true), YamlType::List)
        );
        assert_eq!(
            found_and_expected("map, expected a string"),
            (YamlValue::Map, YamlType::Text)
        );
        assert_eq!(
            found_and_expected("sequence, expected a boolean"),
            (YamlValue::List, YamlType::Bool)
        );
        assert_eq!(
            found_and_expected("string \"a, expected b\", expected u32"),
            (
                YamlValue::Text("a, expected b".into()),
                YamlType::WholeNumber
            )
        );
        assert_eq!(
            found_and_expected("something odd"),
            (
                YamlValue::Other("something odd".into()),
                YamlType::Other(String::new())
            )
        );
    }

    #[test]
    fn missing_and_unterminated() {
        let missing = |start| Problem::MissingFrontMatter { start };
        let (_, msgs) = parse::<ModuleFields>("# Titel\n", FileKind::Module);
        assert_eq!(msgs, [(1, 1, missing(FileStart::Other))]);
        let (_, msgs) = parse::<ModuleFields>("\n---\ntitle: x\n---\n", FileKind::Module);
        assert_eq!(msgs, [(1, 1, missing(FileStart::EmptyLinesAbove))]);
        let (_, msgs) = parse::<ModuleFields>("+++\ntitle = 'x'\n+++\n", FileKind::Module);
        assert_eq!(msgs, [(1, 1, missing(FileStart::Toml))]);
        let (_, msgs) = parse::<ModuleFields>("title: x\n\nTekst\n", FileKind::Module);
        assert_eq!(msgs, [(1, 1, missing(FileStart::FieldsWithoutDashes))]);
        let (_, msgs) = parse::<ModuleFields>("---\ntitle: x\n\nTekst\n", FileKind::Module);
        assert_eq!(msgs, [(1, 1, Problem::UnclosedFrontMatter)]);
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
        let (_, msgs) = parse::<ModuleFields>("---\ntitle: a\ntitle: b\n---\n", FileKind::Module);
        assert_eq!(
            msgs,
            [(
                3,
                1,
                Problem::FieldTwice {
                    name: "title".into(),
                    first_line: 2
                }
            )]
        );
    }

    #[test]
    fn empty_front_matter_and_crlf() {
        let (p, msgs) = parse::<ModuleFields>("---\n---\nBody", FileKind::Module);
        assert!(msgs.is_empty());
        assert!(p.expect("split").value.title.is_none());
        let (p, msgs) = parse::<ModuleFields>("---\r\ntitle: a\r\n---\r\nBody", FileKind::Module);
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(p.expect("split").value.title.as_deref(), Some("a"));
    }

    #[test]
    fn broken_yaml_syntax() {
        let (p, msgs) = parse::<ModuleFields>("---\ntitle: \"open\n---\n", FileKind::Module);
        assert_eq!(
            msgs,
            [(
                3,
                1,
                Problem::InvalidYaml {
                    detail: "found unexpected end of stream, while scanning a quoted scalar".into(),
                    from: Some(Place { line: 2, column: 8 })
                }
            )]
        );
        assert!(!p.expect("split").checkable("title"));
    }

    // Found by fuzzing (issue 14, docs/fuzzing.md): the YAML reader also
    // ends a line at a lone carriage return, the checker does not, so an
    // error after one pointed at a line past the end of the file.
    #[test]
    fn yaml_errors_after_lone_carriage_returns_stay_in_the_file() {
        let text = "---\ntitle: T\ntags\r\r\r\r: [a]\n---\nTekst.\n";
        let (_, msgs) = parse::<CourseFields>(text, FileKind::CourseMd);
        assert_eq!(
            msgs,
            [(
                3,
                9,
                Problem::InvalidYaml {
                    detail: "could not find expected ':', while scanning a simple key".into(),
                    from: Some(Place { line: 3, column: 1 })
                }
            )]
        );
        // The same in U+2028 (line separator), and a type error after it.
        let text = "---\ntitle: T\u{2028}\u{2028}\nduration: lang\n---\n";
        let (_, msgs) = parse::<ModuleFields>(text, FileKind::Module);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            matches!(&msgs[0], (3, 11, Problem::WrongType { field, .. }) if field == "duration"),
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
        let (_, msgs) = parse::<ModuleFields>("---\rtitle: T\r---\rTekst.\r", FileKind::Module);
        assert_eq!(
            msgs,
            [(
                1,
                1,
                Problem::MissingFrontMatter {
                    start: FileStart::CarriageReturns
                }
            )]
        );
    }
}
