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
pub enum Refusal {}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    pub fn is_conflict(&self) -> bool {
        match *self {}
    }
}
