//! What the import finds wrong with a file, or worth a look, as codes: one
//! [`Problem`] variant per kind, carrying the details a sentence about it
//! needs (the value as typed, column names, other lines, counts, limits).
//!
//! The domain makes no display text. The words are made where a person
//! reads them, in their language: `app::import::words::problem` for the
//! page and the CLI (Dutch and English), and `docs/hr-import.md` lists the
//! Dutch sentences.

use serde::{Deserialize, Serialize};

use super::Column;
use crate::completion::Date;

/// One thing wrong with the file (or, in `ParsedImport::warnings` and
/// `ImportPlan::warnings`, worth a look), and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based physical line in the file; the header is line 1.
    pub line: usize,
    /// The column's header as the file spells it; `None` for the whole line.
    pub column: Option<String>,
    /// What is wrong, with its details.
    pub problem: Problem,
}

impl ImportProblem {
    pub(super) fn at(line: usize, column: Option<String>, problem: Problem) -> Self {
        ImportProblem {
            line,
            column,
            problem,
        }
    }

    /// A problem with the file as a whole, reported on line 1.
    pub(super) fn file(problem: Problem) -> Self {
        ImportProblem::at(1, None, problem)
    }
}

/// What is wrong. Each says (in words) what to do about it; the comments
/// give the Dutch gist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    // --- The file as a whole -------------------------------------------------
    /// An Excel workbook (`.xlsx`/`.xls`), not a CSV file.
    ExcelWorkbook,
    /// NUL characters: not a text file, or UTF-16 without a byte order mark.
    NulCharacters,
    /// The file starts with a UTF-8 BOM but this line is not UTF-8.
    InvalidUtf8AfterBom,
    /// Warning: read as Windows-1252, but this line looks like UTF-8
    /// (`Ã©` for `é`).
    MixedEncoding,
    /// Nothing in the file, not even a header.
    EmptyFile,
    /// A header and no employees.
    HeaderOnly,
    /// A quote that opens a field on this line is never closed.
    UnclosedQuote,
    /// The first line `sep=…` names a separator that cannot be one: not
    /// a single ASCII character other than the quote.
    UnusableSeparator {
        separator: char,
    },

    // --- The header ----------------------------------------------------------
    /// A required column is missing. `found` is every header field as
    /// found (trimmed); `read_with` is the separator the header was read
    /// with when it did not split at all (one field), a hint that the file
    /// uses another one. The accepted alternatives are
    /// `column.aliases()[1..]`; for `naam` the parts, and for `voornaam` /
    /// `achternaam` the one `naam` column, are alternatives too.
    MissingColumn {
        column: Column,
        found: Vec<String>,
        read_with: Option<char>,
    },
    /// Two headers mean the same column: `first` is kept, `second` (the
    /// problem's column) is one too many.
    ColumnTwice {
        column: Column,
        first: String,
        second: String,
    },
    /// Warning: columns the import does not know, ignored.
    UnknownColumns {
        columns: Vec<UnknownColumn>,
    },

    // --- One row -------------------------------------------------------------
    /// The row has `fields` fields, the header `header`; the file is read
    /// with `separator`.
    FieldCount {
        fields: usize,
        header: usize,
        separator: char,
    },
    EmptyEmployeeNumber,
    /// `naam` is empty and the file has no `voornaam` + `achternaam`.
    EmptyName,
    /// `voornaam` is empty; `or_name`: the file has a `naam` column that
    /// could be filled instead.
    EmptyFirstName {
        or_name: bool,
    },
    /// `achternaam` is empty; `or_name` as for [`Problem::EmptyFirstName`].
    EmptyLastName {
        or_name: bool,
    },
    EmptyEmail,
    EmptyDepartmentCode,
    /// A value longer than the import accepts: `chars` characters, at most
    /// `max`.
    TooLong {
        value: LongValue,
        chars: usize,
        max: usize,
    },
    /// Not an address of the shape `naam@gemeente.nl`; `value` as typed.
    InvalidEmail {
        value: String,
    },
    /// One problem per name in the `rol` cell that is not a role.
    UnknownRole {
        name: String,
    },
    /// An `actief` that is neither yes nor no; `value` as typed.
    InvalidActive {
        value: String,
    },
    /// An `uit_dienst` that is not a date in an accepted form.
    InvalidDate {
        value: String,
    },
    /// Warning: `actief` says yes (`value` as typed), but the person left
    /// on `left_on`: they become inactive.
    ActiveButLeft {
        value: String,
        left_on: Date,
    },

    // --- Across rows ---------------------------------------------------------
    /// This personeelsnummer is on other lines too.
    DuplicateEmployeeNumber {
        number: String,
        others: OtherLines,
    },
    /// This (normalised) e-mail address is on other lines too.
    DuplicateEmail {
        email: String,
        others: OtherLines,
    },
    /// Department `code` is called `name` here, but `first_name` on
    /// `first_line`.
    DepartmentNameDiffers {
        code: String,
        name: String,
        first_line: usize,
        first_name: String,
    },
    /// Department `code` falls under `parent` here, but under
    /// `first_parent` on `first_line`.
    DepartmentParentDiffers {
        code: String,
        parent: String,
        first_line: usize,
        first_parent: String,
    },
    /// The departments form a ring: each falls under the next, and the
    /// last is the first again (`["A", "B", "A"]`).
    DepartmentCycle {
        ring: Vec<String>,
    },

    // --- Against the platform (the plan) -------------------------------------
    /// The address belongs to another existing person: their name, their
    /// personeelsnummer if they have one, and whether they are active.
    EmailTaken {
        email: String,
        holder: String,
        holder_number: Option<String>,
        holder_active: bool,
    },
    /// The parent of `department` is neither in the file nor in the
    /// platform.
    UnknownParent {
        parent: String,
        department: String,
    },
    /// Warning: `name` loses the admin role, which the `rol` cell lacks.
    LosesAdmin {
        name: String,
    },
    /// Warning: department `code` is new and the file gives it no name; the
    /// code becomes its name.
    NewDepartmentWithoutName {
        code: String,
    },
}

/// A value with a length limit, for [`Problem::TooLong`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LongValue {
    EmployeeNumber,
    DepartmentCode,
    ParentDepartmentCode,
    /// The person's name (`naam`, or the parts joined).
    Name,
    DepartmentName,
}

/// A column the import does not know, for [`Problem::UnknownColumns`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnknownColumn {
    /// Its header as the file spells it (trimmed).
    Named(String),
    /// A column with an empty header: its 1-based position in the header.
    Unnamed(usize),
}

/// The other lines of a duplicate, for [`Problem::DuplicateEmployeeNumber`]
/// and [`Problem::DuplicateEmail`]: the first few by number, the rest only
/// counted, so a placeholder address on thousands of rows makes short
/// problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherLines {
    /// In file order; never empty.
    pub shown: Vec<usize>,
    /// How many more lines there are, not named (0: `shown` is all).
    pub more: usize,
}
