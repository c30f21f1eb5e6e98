//! What the preview pages hold. A question holds what the learner's page
//! holds (`learning::types::QuestionView`); the checker's problems are
//! worded by the server in the requester's language
//! (`admin::types::ContentProblem`).

use crate::admin::types::ContentProblem;
use crate::hydration::Markup;
use crate::learning::types::{NavLink, QuestionView, ReflectionView, TocItem};
use serde::{Deserialize, Serialize};

/// The drafts folder and what is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftList {
    /// Where drafts go, as the server sees it (`content/drafts/courses`).
    pub folder: String,
    pub drafts: Vec<DraftSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    /// The folder name: the course id.
    pub id: String,
    /// The course title, when `course.md` could be read.
    pub title: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    /// A live course has this id (publishing replaces it).
    pub live: bool,
}

/// A draft course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftCourse {
    pub id: String,
    /// The course title, or the folder name when the course cannot be built.
    pub title: String,
    pub summary: String,
    pub intro_html: String,
    pub language: String,
    pub version: String,
    pub modules: Vec<DraftModuleRow>,
    /// Every problem the checker found in the course, by file and line.
    pub problems: Vec<ContentProblem>,
    pub errors: usize,
    pub warnings: usize,
    /// A live course has this id.
    pub live: bool,
    /// The draft's fingerprint when the page was made (see `LiveReload`).
    pub fingerprint: String,
}

impl Markup for DraftCourse {
    fn clear_markup(&mut self) {
        self.intro_html.clear_markup();
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftModuleRow {
    pub id: String,
    pub title: String,
    pub is_exam: bool,
    /// Problems in the module's file.
    pub problems: usize,
}

/// A draft module, as learners will see it, with the checker's problems
/// at their place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftModule {
    pub course_id: String,
    pub course_title: String,
    pub language: String,
    pub id: String,
    pub title: String,
    /// The module's file, as the checker names it.
    pub file: String,
    pub objectives: Vec<String>,
    pub toc: Vec<TocItem>,
    /// Problems before the first question (front matter, text).
    pub problems: Vec<ContentProblem>,
    pub segments: Vec<DraftSegment>,
    /// For an exam: how many questions an attempt draws from the pool shown.
    pub exam_draw: Option<usize>,
    pub position: usize,
    pub total: usize,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
    /// Errors in the whole course (publishing waits for 0).
    pub course_errors: usize,
    pub fingerprint: String,
    /// An answer that could not be graded: the question's id and why.
    pub refused: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DraftSegment {
    Html(String),
    /// A question with the checker's problems from its first line on.
    Question(Box<QuestionView>, Vec<ContentProblem>),
    Reflection(ReflectionView),
}

impl Markup for DraftModule {
    fn clear_markup(&mut self) {
        for seg in &mut self.segments {
            match seg {
                DraftSegment::Html(h) => h.clear_markup(),
                DraftSegment::Question(q, _) => q.clear_markup(),
                DraftSegment::Reflection(r) => r.prompt_html.clear_markup(),
            }
        }
    }
}

/// What publishing refuses; put into words by `words::refusal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The draft has errors.
    HasErrors { errors: usize },
    /// The live content did not take the published course (the old one is
    /// back); `errors` problems, on the admin page.
    LiveRejected { errors: usize },
}

impl Refusal {
    /// Both conflict with the state of the draft or the live content (409).
    pub fn is_conflict(&self) -> bool {
        true
    }
}
