//! What the department pages hold: the tree in order, with its figures.

use serde::{Deserialize, Serialize};

/// One department in a select list, in tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptOption {
    pub id: i32,
    pub name: String,
    pub depth: usize,
}

/// One department on the admin page, in tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptRow {
    pub id: i32,
    pub name: String,
    pub code: Option<String>,
    pub depth: usize,
    pub parent_id: Option<i32>,
    pub parent_name: Option<String>,
    /// "Gemeente / Directie / Afdeling".
    pub path: String,
    /// Active people in this department itself.
    pub active_people: u64,
    /// All people (active or not) in this department itself.
    pub people: u64,
    /// Direct sub-departments.
    pub children: usize,
    /// Assignments for this department.
    pub assignments: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentsView {
    pub rows: Vec<DeptRow>,
}

/// What this capability's queries refuse, as codes with their details;
/// put into words by `words::refusal` where the refusal is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No name filled in.
    NameMissing,
    /// The name is longer than `max` characters.
    NameTooLong { max: usize },
    /// The code is longer than `max` characters.
    CodeTooLong { max: usize },
    /// The code holds a space.
    CodeSpaces,
    /// The chosen parent department was removed meanwhile.
    ParentGone,
    /// The department would hang under itself.
    UnderItself { name: String },
    /// The department would hang under one of its own sub-departments.
    Cycle { own: String, target: String },
    /// Another department has this code.
    CodeTaken { code: String, other: String },
    /// A department with this name already hangs under the same parent
    /// (`None`: at the top).
    NameTaken {
        name: String,
        parent: Option<String>,
    },
    /// People, sub-departments or mandatory courses still belong to the
    /// department, so it cannot be deleted.
    InUse {
        name: String,
        people: u64,
        children: u64,
        assignments: u64,
    },
    /// The chosen department (to move someone to) was removed meanwhile.
    DepartmentGone,
    /// The person is already in that department.
    AlreadyThere { name: String },
}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Refusal::CodeTaken { .. }
                | Refusal::NameTaken { .. }
                | Refusal::InUse { .. }
                | Refusal::AlreadyThere { .. }
        )
    }
}

/// Whether a department can be deleted: only when no people,
/// sub-departments and mandatory courses belong to it. The page asks
/// before it offers the delete button; the server asks again when told to
/// delete.
pub fn delete_blocked(name: &str, people: u64, children: u64, assignments: u64) -> Option<Refusal> {
    (people + children + assignments > 0).then(|| Refusal::InUse {
        name: name.to_string(),
        people,
        children,
        assignments,
    })
}
