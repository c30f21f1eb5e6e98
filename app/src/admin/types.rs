//! What the administration page holds.

use crate::auth::Role;
use domain::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub name: String,
    pub email: String,
    pub department: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentOption {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    /// When the live content was loaded, as the page shows it.
    pub content_loaded_at: String,
    pub courses: usize,
    pub modules: usize,
    /// The live content's warnings, as data: the page words them
    /// (`content_words`).
    pub warnings: Vec<Diagnostic>,
    /// Errors of the last reload that was rejected (the previous content stays live).
    pub reload_errors: Vec<Diagnostic>,
    pub accounts: Vec<AccountRow>,
    pub departments: Vec<DepartmentOption>,
}
