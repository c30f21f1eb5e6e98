//! What the administration page holds.

use crate::auth::Role;
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
    /// The live content's warnings.
    pub warnings: Vec<ContentProblem>,
    /// Errors of the last reload that was rejected (the previous content stays live).
    pub reload_errors: Vec<ContentProblem>,
    pub accounts: AccountPage,
    pub departments: Vec<DepartmentOption>,
}

/// One page of the accounts list, as searched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub accounts: Vec<AccountRow>,
    /// The search as applied (trimmed, cut); empty: all accounts.
    pub search: String,
    /// Accounts that match, on all pages.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    pub pages: u32,
}

/// One problem the content checker found, worded by the server function in
/// the requester's language (`content_words`, server-only: the checker's
/// 280-odd sentences in two languages would add 330 KB to the browser
/// bundle, for a page only admins open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentProblem {
    /// Where, as `server check` prints it: `path:line:column`.
    pub place: String,
    /// "fout"/"error", "waarschuwing"/"warning".
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, with its label ("tip: …"), where that helps.
    pub hint: Option<String>,
}
