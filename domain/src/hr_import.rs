//! HR import: the CSV of employees that HR exports from its HR system, read
//! and validated, and compared with the people the platform already has.
//!
//! This module owns the import format (`docs/hr-import.md`) as pure
//! functions; it knows no database and no HTTP. The pipeline:
//!
//! 1. [`parse`] decodes the bytes (UTF-8 with or without BOM, UTF-16 with a
//!    BOM, else Windows-1252), takes an Excel `sep=` line or detects the
//!    separator (`;`, `,` or tab) from the header, maps the header to the
//!    known [`Column`]s, and validates every row and the department tree.
//!    It collects every problem instead of stopping at the first, and returns
//!    either a complete [`ParsedImport`] or the complete list.
//! 2. [`plan`] compares a parsed file with the people and department codes
//!    in the database: who is created, updated (and which fields), left
//!    alone or deactivated, which departments are new, and what conflicts
//!    with existing people. The web layer shows it as a preview and applies
//!    it in one transaction, only when [`ImportPlan::is_applicable`].
//!
//! Problems carry the physical line in the file (the header is line 1, a
//! quoted field with line breaks counts every line), the column header as
//! the file spells it, and what is wrong as a code, a [`Problem`] with its
//! details. The words (in the reader's language, each saying what to do)
//! are made at the edge: `app::import::words::problem`.

mod columns;
mod plan;
mod problems;
mod text;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::completion::Date;
use values::collapse_whitespace;

pub use columns::{normalise_header, Column};
pub use plan::{
    plan, Deactivation, EmployeeUpdate, ExistingEmployee, Field, FieldChange, ImportPlan,
};
pub use problems::{ImportProblem, LongValue, OtherLines, Problem, UnknownColumn};
pub use values::{is_valid_email, normalise_email, role, ROLES};

/// The longest personeelsnummer and afdelingscode accepted: a key, not prose.
pub const MAX_CODE_CHARS: usize = 64;
/// The longest name (of a person or a department) accepted.
pub const MAX_NAME_CHARS: usize = 200;

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A valid file: every employee and department in it, nothing wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedImport {
    /// In file order.
    pub rows: Vec<EmployeeRow>,
    /// Every department code the rows name, by depth in the file's tree and
    /// then in file order, so parents come before their children and the
    /// list can be inserted in this order.
    pub departments: Vec<DepartmentRow>,
    /// The known columns in file order, with the header as the file spells it.
    pub columns: Vec<(Column, String)>,
    /// Not wrong, but worth a look: unknown columns, a mixed encoding, an
    /// `actief` of "ja" for someone who left.
    pub warnings: Vec<ImportProblem>,
    pub encoding: Encoding,
    pub separator: char,
}

impl ParsedImport {
    /// The header of a known column as the file spells it.
    pub fn header(&self, column: Column) -> Option<&str> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, h)| h.as_str())
    }
}

/// One employee as the file describes them, validated and normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRow {
    /// The line the row starts on.
    pub line: usize,
    /// The key that links the file to a person, as written (trimmed; leading
    /// zeros matter).
    pub employee_number: String,
    /// The display name: `naam`, or `voornaam tussenvoegsel achternaam`,
    /// with runs of whitespace collapsed.
    pub name: String,
    /// Trimmed and lowercase, as sign-in compares it.
    pub email: String,
    pub department_code: String,
    /// Canonical role names (see [`ROLES`]) in that order. Empty when the file
    /// names none: an existing person keeps their roles, a new one becomes a
    /// learner. Otherwise the complete set the person will have.
    pub roles: Vec<String>,
    /// `actief` (default yes), and not when `uit_dienst` lies before today.
    pub active: bool,
}

/// A department the file names, with what the file says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub code: String,
    /// From the `afdeling` column; `None` when no row gives one.
    pub name: Option<String>,
    pub parent_code: Option<String>,
    /// The first line naming this department.
    pub line: usize,
    /// The first line giving its parent code.
    pub parent_line: Option<usize>,
}

/// Read and validate an HR export. `today` decides whether an `uit_dienst`
/// date has passed. `Err` holds every problem found, in line order; then
/// nothing of the file may be applied.
pub fn parse(bytes: &[u8], today: Date) -> Result<ParsedImport, Vec<ImportProblem>> {
    let decoded = text::decode(bytes).map_err(|p| vec![p])?;
    let mut warnings = decoded.warnings;

    let text = text::unix_line_breaks(&decoded.text);
    let (body, first_line, hinted) = match text::separator_hint(&text) {
        Some((separator, _)) if !separator.is_ascii() || separator == '"' => {
            return Err(vec![ImportProblem::file(Problem::UnusableSeparator {
                separator,
            })]);
        }
        Some((separator, rest)) => (rest, 2, Some(separator)),
        None => (&*text, 1, None),
    };
    let (separator, header_record) =
        choose_separator(body, first_line, hinted).map_err(|p| vec![p])?;
    let (header, header_problems, header_warnings) =
        columns::read_header(&header_record.fields, header_record.line, separator);
    if !header_problems.is_empty() {
        return Err(header_problems);
    }
    warnings.extend(header_warnings);

    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    let records = text::Reader::new(body, separator as u8, first_line)
        .skip_while(|r| r.as_ref().is_ok_and(|r| r.line <= header_record.line));
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(unclosed) => {
                problems.push(ImportProblem::at(
                    unclosed.line,
                    None,
                    Problem::UnclosedQuote,
                ));
                continue;
            }
        };
        if record.is_blank() {
            continue;
        }
        if record.fields.len() != header.width {
            problems.push(ImportProblem::at(
                record.line,
                None,
                Problem::FieldCount {
                    fields: record.fields.len(),
                    header: header.width,
                    separator,
                },
            ));
            continue;
        }
        drafts.push(read_row(
            &record,
            &header,
            today,
            &mut problems,
            &mut warnings,
        ));
    }

    if drafts.is_empty() && problems.is_empty() {
        problems.push(ImportProblem::at(
            header_record.line,
            None,
            Problem::HeaderOnly,
        ));
    }
    report_duplicates(&drafts, &header, &mut problems);
    let departments = departments(&drafts, &header, &mut problems);

    if !problems.is_empty() {
        // In line order, and within a line in column order, as the preview
        // lists them.
        let position = |p: &ImportProblem| {
            p.column.as_deref().map_or(0, |c| {
                header_record
                    .fields
                    .iter()
                    .position(|h| h.trim() == c)
                    .map_or(usize::MAX, |i| i + 1)
            })
        };
        problems.sort_by_key(|p| (p.line, position(p)));
        return Err(problems);
    }
    warnings.sort_by_key(|p| p.line);
    let rows = drafts.into_iter().filter_map(RowDraft::into_row).collect();
    Ok(ParsedImport {
        rows,
        departments,
        columns: header.found(),
        warnings,
        encoding: decoded.encoding,
        separator,
    })
}

/// The separators tried when the file does not name one.
const SEPARATORS: [char; 3] = [';', ',', '\t'];

/// The separator that makes the header name the most known columns (a tie
/// goes to the one that splits it into more fields), with that header. The
/// header is the first line that is not blank.
fn choose_separator(
    body: &str,
    first_line: usize,
    hinted: Option<char>,
) -> Result<(char, text::Record), ImportProblem> {
    let header_with = |separator: char| {
        text::Reader::new(body, separator as u8, first_line)
            .find(|r| !r.as_ref().is_ok_and(text::Record::is_blank))
    };
    let candidates: &[char] = match &hinted {
        Some(separator) => std::slice::from_ref(separator),
        None => &SEPARATORS,
    };
    let mut best: Option<(usize, usize, char, text::Record)> = None;
    let mut unclosed = None;
    for &separator in candidates {
        let record = match header_with(separator) {
            None => continue,
            Some(Err(e)) => {
                unclosed = Some(e.line);
                continue;
            }
            Some(Ok(record)) => record,
        };
        let known = record
            .fields
            .iter()
            .filter(|f| Column::from_header(f).is_some())
            .count();
        let better = best
            .as_ref()
            .is_none_or(|(k, w, _, _)| (known, record.fields.len()) > (*k, *w));
        if better {
            best = Some((known, record.fields.len(), separator, record));
        }
    }
    match (best, unclosed) {
        // A header with an unclosed quote reads as one odd field with the
        // other separators: the quote is the real problem.
        (Some((0, _, _, _)) | None, Some(line)) => {
            Err(ImportProblem::at(line, None, Problem::UnclosedQuote))
        }
        (Some((_, _, separator, record)), _) => Ok((separator, record)),
        (None, None) => Err(ImportProblem::file(Problem::EmptyFile)),
    }
}

/// A row as read, before the checks across rows. Fields that had a problem
/// are `None`; the row is only turned into an [`EmployeeRow`] when the whole
/// file is valid.
#[derive(Debug)]
struct RowDraft {
    line: usize,
    employee_number: Option<String>,
    name: Option<String>,
    email: Option<String>,
    department_code: Option<String>,
    department_name: Option<String>,
    parent_code: Option<String>,
    roles: Option<Vec<String>>,
    active: Option<bool>,
}

impl RowDraft {
    fn into_row(self) -> Option<EmployeeRow> {
        Some(EmployeeRow {
            line: self.line,
            employee_number: self.employee_number?,
            name: self.name?,
            email: self.email?,
            department_code: self.department_code?,
            roles: self.roles?,
            active: self.active?,
        })
    }
}

/// One cell of a row, with where it came from, for problems.
struct Cell<'a> {
    line: usize,
    header: &'a str,
    value: &'a str,
}

impl Cell<'_> {
    fn problem(&self, problem: Problem) -> ImportProblem {
        ImportProblem::at(self.line, Some(self.header.to_string()), problem)
    }
}

fn cell<'a>(
    record: &'a text::Record,
    header: &'a columns::Header,
    column: Column,
) -> Option<Cell<'a>> {
    let index = header.index(column)?;
    Some(Cell {
        line: record.line,
        header: header.name(column)?,
        value: record.fields.get(index).map_or("", |v| v.trim()),
    })
}

/// The cell when it is filled; else `None`, with `empty` as the problem.
fn required<'a>(
    cell: Cell<'a>,
    empty: Problem,
    problems: &mut Vec<ImportProblem>,
) -> Option<Cell<'a>> {
    if cell.value.is_empty() {
        problems.push(cell.problem(empty));
        return None;
    }
    Some(cell)
}

/// A key (personeelsnummer, afdelingscode): whitespace collapsed, at most
/// [`MAX_CODE_CHARS`] long. `what` names it in the problem.
fn code(cell: &Cell<'_>, what: LongValue, problems: &mut Vec<ImportProblem>) -> Option<String> {
    let value = collapse_whitespace(cell.value);
    let chars = value.chars().count();
    if chars > MAX_CODE_CHARS {
        problems.push(cell.problem(Problem::TooLong {
            value: what,
            chars,
            max: MAX_CODE_CHARS,
        }));
        return None;
    }
    Some(value)
}

/// A name (of a person or a department), at most [`MAX_NAME_CHARS`] long.
fn name_length(
    cell: &Cell<'_>,
    what: LongValue,
    name: String,
    problems: &mut Vec<ImportProblem>,
) -> Option<String> {
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        problems.push(cell.problem(Problem::TooLong {
            value: what,
            chars,
            max: MAX_NAME_CHARS,
        }));
        return None;
    }
    Some(name)
}

fn read_row(
    record: &text::Record,
    header: &columns::Header,
    today: Date,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) -> RowDraft {
    let get = |column| cell(record, header, column);

    let employee_number = get(Column::EmployeeNumber)
        .and_then(|c| required(c, Problem::EmptyEmployeeNumber, problems))
        .and_then(|c| code(&c, LongValue::EmployeeNumber, problems));

    let name = read_name(record, header, problems);

    let email = get(Column::Email)
        .and_then(|c| required(c, Problem::EmptyEmail, problems))
        .and_then(|c| {
            let email = values::normalise_email(c.value);
            if !values::is_valid_email(&email) {
                problems.push(c.problem(Problem::InvalidEmail {
                    value: c.value.to_string(),
                }));
                return None;
            }
            Some(email)
        });

    let department_code = get(Column::DepartmentCode)
        .and_then(|c| required(c, Problem::EmptyDepartmentCode, problems))
        .and_then(|c| code(&c, LongValue::DepartmentCode, problems));
    let department_name = get(Column::DepartmentName).and_then(|c| {
        let name = collapse_whitespace(c.value);
        if name.is_empty() {
            return None;
        }
        name_length(&c, LongValue::DepartmentName, name, problems)
    });
    let parent_code = get(Column::ParentDepartmentCode)
        .filter(|c| !c.value.is_empty())
        .and_then(|c| code(&c, LongValue::ParentDepartmentCode, problems));

    let roles = match get(Column::Roles) {
        None => Some(Vec::new()),
        Some(c) => match values::roles(c.value) {
            Ok(roles) => Some(roles),
            Err(unknown) => {
                for name in unknown {
                    problems.push(c.problem(Problem::UnknownRole { name }));
                }
                None
            }
        },
    };

    // `None` when the cell has a problem; `Some(None)` when the column is
    // absent or the cell empty.
    let active_cell = get(Column::Active);
    let active_flag = match &active_cell {
        None => Some(None),
        Some(c) if c.value.is_empty() => Some(None),
        Some(c) => match values::yes_no(c.value) {
            Some(flag) => Some(Some(flag)),
            None => {
                problems.push(c.problem(Problem::InvalidActive {
                    value: c.value.to_string(),
                }));
                None
            }
        },
    };
    let end_date = match get(Column::EndDate) {
        None => Some(None),
        Some(c) if c.value.is_empty() => Some(None),
        Some(c) => match values::date(c.value) {
            Some(date) => Some(Some(date)),
            None => {
                problems.push(c.problem(Problem::InvalidDate {
                    value: c.value.to_string(),
                }));
                None
            }
        },
    };
    let active = match (active_flag, end_date) {
        (Some(flag), Some(end)) => {
            let left = end.is_some_and(|end| end < today);
            if let (Some(true), Some(end), true, Some(c)) = (flag, end, left, &active_cell) {
                warnings.push(c.problem(Problem::ActiveButLeft {
                    value: c.value.to_string(),
                    left_on: end,
                }));
            }
            Some(flag.unwrap_or(true) && !left)
        }
        _ => None,
    };

    RowDraft {
        line: record.line,
        employee_number,
        name,
        email,
        department_code,
        department_name,
        parent_code,
        roles,
        active,
    }
}

/// The `naam` column when filled, else `voornaam tussenvoegsel achternaam`
/// when the file has those columns.
fn read_name(
    record: &text::Record,
    header: &columns::Header,
    problems: &mut Vec<ImportProblem>,
) -> Option<String> {
    let get = |column| cell(record, header, column);
    let full = get(Column::Name);
    if let Some(c) = &full {
        let name = collapse_whitespace(c.value);
        if !name.is_empty() {
            return name_length(c, LongValue::Name, name, problems);
        }
    }
    match (get(Column::FirstName), get(Column::LastName)) {
        (Some(first), Some(last)) => {
            let or_name = full.is_some();
            if first.value.is_empty() {
                problems.push(first.problem(Problem::EmptyFirstName { or_name }));
            }
            if last.value.is_empty() {
                problems.push(last.problem(Problem::EmptyLastName { or_name }));
            }
            if first.value.is_empty() || last.value.is_empty() {
                return None;
            }
            let infix = get(Column::Infix).map_or("", |c| c.value);
            let name = collapse_whitespace(&format!("{} {infix} {}", first.value, last.value));
            name_length(&first, LongValue::Name, name, problems)
        }
        _ => {
            if let Some(c) = &full {
                problems.push(c.problem(Problem::EmptyName));
            }
            None
        }
    }
}

/// Every line with a personeelsnummer or e-mail address that another line
/// also has gets a problem naming the other lines.
fn report_duplicates(
    drafts: &[RowDraft],
    header: &columns::Header,
    problems: &mut Vec<ImportProblem>,
) {
    let mut numbers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut emails: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for draft in drafts {
        if let Some(n) = &draft.employee_number {
            numbers.entry(n).or_default().push(draft.line);
        }
        if let Some(e) = &draft.email {
            emails.entry(e).or_default().push(draft.line);
        }
    }
    let number_header = header.name(Column::EmployeeNumber).map(str::to_string);
    let email_header = header.name(Column::Email).map(str::to_string);
    for draft in drafts {
        if let Some(n) = &draft.employee_number {
            if let Some(others) = others(&numbers, n, draft.line) {
                problems.push(ImportProblem::at(
                    draft.line,
                    number_header.clone(),
                    Problem::DuplicateEmployeeNumber {
                        number: n.clone(),
                        others,
                    },
                ));
            }
        }
        if let Some(e) = &draft.email {
            if let Some(others) = others(&emails, e, draft.line) {
                problems.push(ImportProblem::at(
                    draft.line,
                    email_header.clone(),
                    Problem::DuplicateEmail {
                        email: e.clone(),
                        others,
                    },
                ));
            }
        }
    }
}

/// How many other lines a duplicate's problem names before it only counts
/// the rest.
const MAX_OTHER_LINES: usize = 5;

/// The lines other than `line` that have `key` (in words "regel 3, 7 en
/// 9"); with more than one line beyond [`MAX_OTHER_LINES`], only the first
/// [`MAX_OTHER_LINES`] and a count of the rest ("regel 3, 7, 9, 12, 15 en
/// nog 95 andere regels"). `None` when there are none.
///
/// Bounded, because every line involved gets its own problem: a file in
/// which 6 000 rows share one placeholder address made 250 MB of messages
/// (each naming every other line) and took seconds; a 10 MB file would not
/// fit in memory.
fn others(index: &BTreeMap<&str, Vec<usize>>, key: &str, line: usize) -> Option<OtherLines> {
    let lines = index.get(key)?;
    // Lines are pushed in file order, so the list is sorted.
    let total = lines.len() - usize::from(lines.binary_search(&line).is_ok());
    // One more than the limit is named rather than counted as "nog 1".
    let mut shown: Vec<usize> = lines
        .iter()
        .filter(|&&l| l != line)
        .take(MAX_OTHER_LINES + 1)
        .copied()
        .collect();
    if shown.is_empty() {
        return None;
    }
    let mut more = 0;
    if total > MAX_OTHER_LINES + 1 {
        shown.truncate(MAX_OTHER_LINES);
        more = total - MAX_OTHER_LINES;
    }
    Some(OtherLines { shown, more })
}

/// The departments the rows name, each with one name and one parent across
/// all its rows; problems for rows that disagree and for cycles in the tree.
fn departments(
    drafts: &[RowDraft],
    header: &columns::Header,
    problems: &mut Vec<ImportProblem>,
) -> Vec<DepartmentRow> {
    let name_header = header.name(Column::DepartmentName).map(str::to_string);
    let parent_header = header
        .name(Column::ParentDepartmentCode)
        .map(str::to_string);
    let mut order: Vec<String> = Vec::new();
    let mut by_code: BTreeMap<String, DepartmentRow> = BTreeMap::new();
    let mut name_lines: BTreeMap<String, usize> = BTreeMap::new();
    for draft in drafts {
        let Some(code) = &draft.department_code else {
            continue;
        };
        let department = by_code.entry(code.clone()).or_insert_with(|| {
            order.push(code.clone());
            DepartmentRow {
                code: code.clone(),
                name: None,
                parent_code: None,
                line: draft.line,
                parent_line: None,
            }
        });
        if let Some(name) = &draft.department_name {
            match (&department.name, name_lines.get(code)) {
                (Some(first), Some(first_line)) if first != name => {
                    problems.push(ImportProblem::at(
                        draft.line,
                        name_header.clone(),
                        Problem::DepartmentNameDiffers {
                            code: code.clone(),
                            name: name.clone(),
                            first_line: *first_line,
                            first_name: first.clone(),
                        },
                    ));
                }
                (Some(_), _) => {}
                (None, _) => {
                    department.name = Some(name.clone());
                    name_lines.insert(code.clone(), draft.line);
                }
            }
        }
        if let Some(parent) = &draft.parent_code {
            match (&department.parent_code, department.parent_line) {
                (Some(first), Some(first_line)) if first != parent => {
                    problems.push(ImportProblem::at(
                        draft.line,
                        parent_header.clone(),
                        Problem::DepartmentParentDiffers {
                            code: code.clone(),
                            parent: parent.clone(),
                            first_line,
                            first_parent: first.clone(),
                        },
                    ));
                }
                (Some(_), _) => {}
                (None, _) => {
                    department.parent_code = Some(parent.clone());
                    department.parent_line = Some(draft.line);
                }
            }
        }
    }
    let in_file: Vec<DepartmentRow> = order
        .iter()
        .filter_map(|code| by_code.get(code).cloned())
        .collect();
    problems.extend(cycles(&in_file, parent_header.as_deref()));
    parents_first(in_file)
}

/// Each cycle in the file's department tree once, reported on the line that
/// gives the parent code of its earliest member.
fn cycles(departments: &[DepartmentRow], parent_header: Option<&str>) -> Vec<ImportProblem> {
    let parent_of: BTreeMap<&str, (&str, usize)> = departments
        .iter()
        .filter_map(|d| Some((d.code.as_str(), (d.parent_code.as_deref()?, d.parent_line?))))
        .collect();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut problems = Vec::new();
    for start in departments {
        let mut path: Vec<&str> = Vec::new();
        // Where each code is in `path`: a lookup instead of a search, so a
        // long chain or ring of departments costs linear time, not quadratic.
        let mut on_path: BTreeMap<&str, usize> = BTreeMap::new();
        let mut node = start.code.as_str();
        while !done.contains(node) {
            if let Some(&position) = on_path.get(node) {
                let cycle = &path[position..];
                // Start the description at the member whose parent is given
                // first, so the problem sits on the earliest line involved.
                let Some((first, line)) = cycle
                    .iter()
                    .filter_map(|n| parent_of.get(n).map(|(_, l)| (*n, *l)))
                    .min_by_key(|(_, l)| *l)
                else {
                    break;
                };
                let offset = cycle.iter().position(|&n| n == first).unwrap_or(0);
                let mut ring: Vec<String> = cycle[offset..]
                    .iter()
                    .chain(&cycle[..offset])
                    .map(|code| code.to_string())
                    .collect();
                ring.push(first.to_string());
                problems.push(ImportProblem::at(
                    line,
                    parent_header.map(str::to_string),
                    Problem::DepartmentCycle { ring },
                ));
                break;
            }
            on_path.insert(node, path.len());
            path.push(node);
            match parent_of.get(node) {
                Some((parent, _)) => node = parent,
                None => break,
            }
        }
        done.extend(path);
    }
    problems
}

/// Order departments by their depth in the file's tree (so each parent in
/// the list comes before its children), then in file order.
fn parents_first(departments: Vec<DepartmentRow>) -> Vec<DepartmentRow> {
    let position: BTreeMap<&str, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code.as_str(), i))
        .collect();
    let parent = |i: usize| {
        departments[i]
            .parent_code
            .as_deref()
            .and_then(|p| position.get(p))
            .copied()
    };
    // Depth in the file's tree, each department's once: walking every
    // department up to the root was quadratic for a long chain (6 500
    // nested departments took 3 s). A cycle, already reported as a
    // problem, counts from where the walk met it.
    let mut depth: Vec<Option<usize>> = vec![None; departments.len()];
    for start in 0..departments.len() {
        let mut path = Vec::new();
        let mut on_path = BTreeSet::new();
        let mut current = Some(start);
        let mut base = 0;
        while let Some(i) = current {
            if let Some(known) = depth[i] {
                base = known + 1;
                break;
            }
            if !on_path.insert(i) {
                break;
            }
            path.push(i);
            current = parent(i);
        }
        for (steps, &i) in path.iter().rev().enumerate() {
            depth[i] = Some(base + steps);
        }
    }
    let mut keyed: Vec<(usize, usize)> = depth
        .into_iter()
        .enumerate()
        .map(|(i, d)| (d.unwrap_or(0), i))
        .collect();
    keyed.sort();
    let mut slots: Vec<Option<DepartmentRow>> = departments.into_iter().map(Some).collect();
    keyed
        .into_iter()
        .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn department(code: &str, parent: Option<&str>, line: usize) -> DepartmentRow {
        DepartmentRow {
            code: code.into(),
            name: None,
            parent_code: parent.map(str::to_string),
            line,
            parent_line: parent.map(|_| line),
        }
    }

    fn codes(departments: &[DepartmentRow]) -> Vec<&str> {
        departments.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn parents_come_before_children() {
        let sorted = parents_first(vec![
            department("TEAM", Some("AFD"), 2),
            department("AFD", Some("DIR"), 3),
            department("LOS", Some("ELDERS"), 4),
            department("DIR", None, 5),
            department("TEAM2", Some("AFD"), 6),
        ]);
        assert_eq!(codes(&sorted), ["LOS", "DIR", "AFD", "TEAM", "TEAM2"]);
    }

    #[test]
    fn cycles_are_reported_once_from_their_earliest_line() {
        let departments = vec![
            department("A", Some("B"), 4),
            department("B", Some("C"), 2),
            department("C", Some("A"), 3),
            department("D", Some("A"), 5),
            department("E", Some("E"), 6),
        ];
        let problems = cycles(&departments, Some("hoofd"));
        let ring = |codes: &[&str]| Problem::DepartmentCycle {
            ring: codes.iter().map(|c| c.to_string()).collect(),
        };
        assert_eq!(
            problems,
            [
                ImportProblem::at(2, Some("hoofd".into()), ring(&["B", "C", "A", "B"])),
                ImportProblem::at(6, Some("hoofd".into()), ring(&["E", "E"])),
            ]
        );
        // Sorting a cyclic tree still terminates and keeps every department.
        assert_eq!(parents_first(departments).len(), 5);
    }

    fn lines(shown: &[usize], more: usize) -> Option<OtherLines> {
        Some(OtherLines {
            shown: shown.to_vec(),
            more,
        })
    }

    #[test]
    fn other_lines_are_listed() {
        let index: BTreeMap<&str, Vec<usize>> =
            [("a", vec![2]), ("b", vec![2, 5]), ("c", vec![2, 5, 9, 11])].into();
        assert_eq!(others(&index, "a", 2), None);
        assert_eq!(others(&index, "b", 2), lines(&[5], 0));
        assert_eq!(others(&index, "c", 5), lines(&[2, 9, 11], 0));
        assert_eq!(others(&index, "zz", 5), None);
    }

    // Found by fuzzing (issue 14, docs/fuzzing.md): every line of a
    // duplicate names the others, so 6 000 rows with one address made
    // 250 MB of messages. Five are named, the rest counted.
    #[test]
    fn many_other_lines_are_counted_not_listed() {
        let many: Vec<usize> = (2..=100).collect();
        let six = vec![2, 3, 4, 5, 6, 7];
        let seven = vec![2, 3, 4, 5, 6, 7, 8];
        let index: BTreeMap<&str, Vec<usize>> =
            [("many", many), ("six", six), ("seven", seven)].into();
        assert_eq!(others(&index, "many", 50), lines(&[2, 3, 4, 5, 6], 93));
        assert_eq!(others(&index, "many", 2), lines(&[3, 4, 5, 6, 7], 93));
        assert_eq!(others(&index, "six", 7), lines(&[2, 3, 4, 5, 6], 0));
        assert_eq!(others(&index, "seven", 2), lines(&[3, 4, 5, 6, 7, 8], 0));
        assert_eq!(others(&index, "seven", 8), lines(&[2, 3, 4, 5, 6, 7], 0));
        let eight: BTreeMap<&str, Vec<usize>> = [("x", (2..=9).collect())].into();
        assert_eq!(others(&eight, "x", 9), lines(&[2, 3, 4, 5, 6], 2));
        assert_eq!(others(&eight, "x", 2), lines(&[3, 4, 5, 6, 7], 2));
        let seven_others: BTreeMap<&str, Vec<usize>> = [("x", (2..=8).collect())].into();
        assert_eq!(others(&seven_others, "x", 20), lines(&[2, 3, 4, 5, 6], 2));
        let six_others: BTreeMap<&str, Vec<usize>> = [("x", (2..=7).collect())].into();
        assert_eq!(others(&six_others, "x", 20), lines(&[2, 3, 4, 5, 6, 7], 0));
    }

    // Found by fuzzing (issue 14): a chain of 6 500 departments, each under
    // the previous, took 3 s to sort and a ring of them 5 s to report (both
    // walked the tree again from every department). Now linear; same order.
    #[test]
    fn long_chains_and_rings_of_departments_are_quick() {
        let n = 20_000;
        let chain: Vec<DepartmentRow> = (0..n)
            .rev()
            .map(|i| {
                let parent = (i > 0).then(|| format!("D{}", i - 1));
                department(&format!("D{i}"), parent.as_deref(), i + 2)
            })
            .collect();
        let started = std::time::Instant::now();
        assert!(cycles(&chain, None).is_empty());
        let sorted = parents_first(chain);
        let expected: Vec<String> = (0..n).map(|i| format!("D{i}")).collect();
        assert_eq!(codes(&sorted), expected);

        let ring: Vec<DepartmentRow> = (0..n)
            .map(|i| department(&format!("R{i}"), Some(&format!("R{}", (i + 1) % n)), i + 2))
            .collect();
        let problems = cycles(&ring, Some("hoofd"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        let Problem::DepartmentCycle { ring: members } = &problems[0].problem else {
            panic!("a cycle: {problems:?}");
        };
        assert_eq!(members.len(), n + 1);
        assert_eq!(members[..3], ["R0", "R1", "R2"]);
        assert_eq!(parents_first(ring).len(), n);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn depths_below_a_cycle_and_in_a_forest() {
        // X under the ring A → B → A; the sort terminates and keeps all.
        let sorted = parents_first(vec![
            department("X", Some("A"), 2),
            department("A", Some("B"), 3),
            department("B", Some("A"), 4),
            department("R", None, 5),
            department("S", Some("R"), 6),
            department("T", Some("S"), 7),
            department("U", Some("R"), 8),
        ]);
        assert_eq!(sorted.len(), 7);
        let position = |code: &str| codes(&sorted).iter().position(|c| *c == code);
        assert!(position("R") < position("S") && position("S") < position("T"));
        assert!(position("R") < position("U"));
    }
}
