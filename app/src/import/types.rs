//! What the import page holds: the preview of an uploaded file (counts,
//! problems with their line, column and code, the changes) and what an
//! applied import did; what the import's queries refuse. Codes and values
//! only: `words.rs` puts them into the reader's language.

use domain::hr_import::{Encoding, Field, Problem};
use serde::{Deserialize, Serialize};

/// One problem or warning, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemLine {
    /// 1-based line in the file; the header is line 1.
    pub line: usize,
    /// The column's header as the file spells it; `None` for the whole line.
    pub column: Option<String>,
    /// What is wrong, with its details (`words::problem` says it).
    pub problem: Problem,
}

/// How a file was read (`words::read_as`: "UTF-8, puntkomma").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadAs {
    pub encoding: Encoding,
    pub separator: char,
}

/// How many of each kind of change the file means.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewCounts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub skipped_inactive: usize,
    pub deactivate: usize,
    pub new_departments: usize,
}

/// A person the import creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPerson {
    pub line: usize,
    pub employee_number: String,
    pub name: String,
    pub email: String,
    pub department_code: String,
    /// Canonical role names (`learner`, `manager`, …; `words::roles`).
    pub roles: Vec<String>,
}

/// One changed field of a person, old and new value as the domain gives
/// them (`domain::hr_import::FieldChange`: empty for none, roles canonical
/// as `learner, manager`, active as `ja`/`nee`); `words::change_value`
/// says them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub field: Field,
    pub from: String,
    pub to: String,
}

/// An existing person the import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonUpdate {
    pub line: usize,
    pub employee_number: String,
    pub name: String,
    pub changes: Vec<ChangeLine>,
}

/// A person the import sets to inactive (not in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeactivatedPerson {
    pub employee_number: String,
    pub name: String,
}

/// A department the import creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDepartment {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
}

/// What a file would change, as of now. With problems nothing can be
/// applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub file_name: String,
    pub deactivate_missing: bool,
    /// How the file was read, when it could be read.
    pub read_as: Option<ReadAs>,
    /// Employees in the file (0 when it could not be read).
    pub rows: usize,
    pub counts: PreviewCounts,
    /// Blocking, in line order.
    pub problems: Vec<ProblemLine>,
    pub warnings: Vec<ProblemLine>,
    pub creates: Vec<NewPerson>,
    pub updates: Vec<PersonUpdate>,
    pub deactivations: Vec<DeactivatedPerson>,
    pub new_departments: Vec<NewDepartment>,
}

impl ImportPreview {
    /// Whether "Import uitvoeren" may be offered: no problems.
    pub fn applicable(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether applying would write nothing.
    pub fn changes_nothing(&self) -> bool {
        self.creates.is_empty()
            && self.updates.is_empty()
            && self.deactivations.is_empty()
            && self.new_departments.is_empty()
    }
}

/// What an applied import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub departments_created: usize,
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub unchanged: usize,
    pub skipped_inactive: usize,
}

impl ImportSummary {
    /// The query string of the page after applying (`klaar=1&nieuw=…`).
    pub fn to_query(&self) -> String {
        format!(
            "klaar=1&afdelingen={}&nieuw={}&bijgewerkt={}&inactief={}&ongewijzigd={}&overgeslagen={}",
            self.departments_created,
            self.created,
            self.updated,
            self.deactivated,
            self.unchanged,
            self.skipped_inactive
        )
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportState {
    /// No file uploaded (or no `voorbeeld` in the address).
    NoUpload,
    /// The `voorbeeld` token is unknown: expired, already applied, or
    /// somebody else's.
    Expired,
    /// The preview of the uploaded file, as of now.
    Ready {
        token: String,
        preview: Box<ImportPreview>,
    },
}

/// What this capability's queries refuse, as codes with their details;
/// put into words by `words::refusal` where the refusal is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The file (as planned now) has `problems` problems: nothing is
    /// imported.
    HasProblems { problems: usize },
    /// Since the preview, somebody took an e-mail address, personeelsnummer
    /// or department code of the file (a unique key): nothing is imported.
    Conflict,
    /// The pending upload is gone: applied already, or older than
    /// `minutes` minutes (or somebody else's).
    Expired { minutes: u64 },
}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    pub fn is_conflict(&self) -> bool {
        match self {
            Refusal::HasProblems { .. } => false,
            Refusal::Conflict | Refusal::Expired { .. } => true,
        }
    }
}
