//! What the scan's pages hold: figures, ids and content markup, no display
//! text of our own (see `words`).

use domain::completion::Date;
use serde::{Deserialize, Serialize};

/// The scan page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanView {
    pub course_id: String,
    pub course_title: String,
    /// The course's language (`nl`/`en`), for `lang` on its text.
    pub language: String,
    pub title: String,
    /// Text and questions in reading order.
    pub segments: Vec<ScanSegment>,
    /// The learner's latest result, if any.
    pub mine: Option<MyScan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScanSegment {
    Html(String),
    Question(ScanQuestionView),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanQuestionView {
    pub id: String,
    /// 1-based, as "vraag 2 van 3".
    pub number: usize,
    pub prompt_html: String,
    pub multiple: bool,
    /// The options' labels (markup), in the order written.
    pub options: Vec<String>,
    /// What the learner chose last time (indexes), to take it again.
    pub chosen: Vec<usize>,
}

/// A learner's result: when, and where to start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyScan {
    pub taken_on: Date,
    pub advice: Vec<AdviceLine>,
    /// The scan changed since: the advice is from the answers that still
    /// fit, or empty; the learner is asked to take it again.
    pub outdated: bool,
}

/// One recommended module or course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdviceLine {
    pub href: String,
    pub title: String,
    /// A course rather than a module of the scan's course.
    pub is_course: bool,
    /// The learner has completed it already.
    pub done: bool,
    /// Why (markup, from the scan), each once.
    pub reasons: Vec<String>,
}

/// On the dashboard: a course's scan, taken or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanLine {
    pub course_id: String,
    pub course_title: String,
    pub title: String,
    pub mine: Option<MyScan>,
}

/// A scan form that cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Question `question` (1-based) has no answer.
    Unanswered { question: usize },
    /// Question `question` got a value that is none of its options.
    NoSuchOption { question: usize },
}

impl Refusal {
    /// Neither conflicts with the state: each is wrong in itself.
    pub fn is_conflict(&self) -> bool {
        false
    }
}

/// HR's page: every course's scan with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanReport {
    pub scans: Vec<CourseScanReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseScanReport {
    pub course_id: String,
    pub course_title: String,
    pub title: String,
    /// People who took the current version, in the whole organisation.
    pub people: usize,
    pub questions: Vec<QuestionReport>,
    /// Departments left out because fewer than five people there took it.
    pub small_departments: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    /// 1-based.
    pub number: usize,
    pub prompt_html: String,
    /// Option labels (markup).
    pub options: Vec<String>,
    /// The whole organisation first (`department` empty), then each
    /// department with at least five people, by name.
    pub rows: Vec<ReportRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    /// Empty: the whole organisation.
    pub department: String,
    pub people: usize,
    /// Per option, how many chose it.
    pub counts: Vec<usize>,
}

/// The scan's and the report's markup is the trainers' content.
impl crate::hydration::Markup for ScanView {
    fn clear_markup(&mut self) {
        for segment in &mut self.segments {
            match segment {
                ScanSegment::Html(html) => html.clear(),
                ScanSegment::Question(q) => {
                    q.prompt_html.clear();
                    q.options.iter_mut().for_each(String::clear);
                }
            }
        }
        if let Some(mine) = &mut self.mine {
            mine.clear_markup();
        }
    }
}

impl crate::hydration::Markup for MyScan {
    fn clear_markup(&mut self) {
        for line in &mut self.advice {
            line.reasons.iter_mut().for_each(String::clear);
        }
    }
}

impl crate::hydration::Markup for ScanReport {
    fn clear_markup(&mut self) {
        for q in self.scans.iter_mut().flat_map(|s| &mut s.questions) {
            q.prompt_html.clear();
            q.options.iter_mut().for_each(String::clear);
        }
    }
}
