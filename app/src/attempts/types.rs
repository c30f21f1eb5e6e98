//! What the extra-attempts page holds.

use serde::{Deserialize, Serialize};

/// One learner stuck at one exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StuckRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    /// The department's path; `None`: no department.
    pub department: Option<String>,
    pub course_id: String,
    pub course_title: String,
    pub module_id: String,
    pub exam_title: String,
    pub used: u32,
    pub allowed: u32,
    /// The best score, in percent; `None` when no attempt was graded.
    pub best: Option<f64>,
}
