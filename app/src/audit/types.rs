//! What the audit log page holds. An entry's kind is a code
//! (`report_view`); the page names it ([`super::words::action_label`]).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When, as the page shows it ("31-12-2026 14:05:09 UTC").
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    pub rows: Vec<AuditRow>,
    /// Every kind of entry in the log (codes), for the filter.
    pub actions: Vec<String>,
    pub page: u32,
    pub more: bool,
}
