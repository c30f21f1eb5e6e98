//! What the learner's own page holds.

use domain::completion::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseLine {
    pub id: String,
    pub title: String,
    pub percent: u32,
    pub next_module: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandatoryLine {
    pub id: String,
    pub title: String,
    pub mandatory: crate::catalog::types::Mandatory,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordLine {
    pub course_title: String,
    pub completed_on: Date,
    /// The last day it is valid; `None`: it never expires.
    pub expires_on: Option<Date>,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionLine {
    pub course_id: String,
    pub course_title: String,
    pub module_id: String,
    pub module_title: String,
    pub prompt_html: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    pub name: String,
    /// Mandatory courses, the most urgent first.
    pub mandatory: Vec<MandatoryLine>,
    pub in_progress: Vec<CourseLine>,
    pub records: Vec<RecordLine>,
    pub reflections: Vec<ReflectionLine>,
    /// Every course's self-scan, with the learner's advice where taken.
    pub scans: Vec<crate::scan::types::ScanLine>,
}

/// The reflection prompts are markup.
impl crate::hydration::Markup for DashboardView {
    fn clear_markup(&mut self) {
        for r in &mut self.reflections {
            crate::hydration::Markup::clear_markup(&mut r.prompt_html);
        }
        for mine in self.scans.iter_mut().filter_map(|s| s.mine.as_mut()) {
            crate::hydration::Markup::clear_markup(mine);
        }
    }
}
