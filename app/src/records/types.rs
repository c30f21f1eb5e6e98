//! What a record's pages show: the facts of one completion record.

use domain::completion::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordView {
    pub holder: String,
    pub course_title: String,
    pub completed_on: Date,
    pub department: Option<String>,
    /// The last day it is valid; `None`: it never expires.
    pub expires_on: Option<Date>,
    pub valid: bool,
    pub code: String,
    pub score: Option<f64>,
    /// The holder was anonymised: `holder` and `department` are empty, and
    /// the page says why.
    pub anonymous: bool,
}
