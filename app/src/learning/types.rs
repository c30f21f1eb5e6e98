//! What the learning pages hold, for the server and the browser alike: a
//! course with its modules, a module with its content, questions and
//! reflections, an exam and an attempt's result. A question holds its
//! prompt and options only; the answer key stays on the server (see
//! [`super::question_view`]).

use crate::hydration::Markup;
use domain::completion::Date;
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------ courses

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModuleStatus {
    NotStarted,
    InProgress,
    Complete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleRow {
    pub id: String,
    pub title: String,
    pub duration_minutes: Option<u32>,
    pub is_exam: bool,
    pub status: ModuleStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub intro_html: String,
    pub duration_minutes: u32,
    pub modules: Vec<ModuleRow>,
    pub signed_in: bool,
    pub percent: u32,
    /// Where "continue" goes (first unfinished module).
    pub next_module: Option<String>,
    pub started: bool,
    /// The learner is in a second or later round (recertification).
    pub renewing: bool,
    pub record_code: Option<String>,
    /// Set when the learner's latest record expires.
    pub renewal: Option<Renewal>,
    /// Once the learner completed every module: their feedback on this
    /// version of the course as a whole (`Some(None)`: none given yet).
    pub feedback: Option<Option<crate::feedback::types::MyFeedback>>,
    /// The course has a self-scan "Waar sta je?" (`/scan/:course`).
    pub has_scan: bool,
}

/// The course's introduction is markup.
impl crate::hydration::Markup for CourseView {
    fn clear_markup(&mut self) {
        crate::hydration::Markup::clear_markup(&mut self.intro_html);
    }
}

/// Recertification of the learner's latest record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Renewal {
    /// The record's expiry day (it is valid until the day before).
    pub expires_on: Date,
    pub expired: bool,
    /// The first day the learner may start over.
    pub opens_on: Date,
    /// The learner may start over now.
    pub open: bool,
}

// ------------------------------------------------------------ questions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Single,
    Multiple,
    Order,
    Match,
    Text,
    Numeric,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionView {
    /// The option's opaque name: what the form sends back.
    pub token: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    /// 1-based number on the page.
    pub number: usize,
    pub prompt_html: String,
    pub kind: QuestionKind,
    /// Choices, order items or match left sides, in display order.
    pub options: Vec<OptionView>,
    /// Match right sides in display order; plain text, shown as
    /// `<option>` labels.
    pub rights: Vec<OptionView>,
    pub points: u32,
    pub previous: Option<PreviousAnswer>,
}

/// The learner's last answer and what the server said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PreviousAnswer {
    pub correct: bool,
    pub fraction: f64,
    /// Tokens of the chosen options.
    pub chosen: Vec<String>,
    /// For order questions: the position (1-based) given to each item token.
    pub positions: Vec<(String, usize)>,
    /// For match questions: (left token, chosen right token).
    pub matches: Vec<(String, String)>,
    pub text: String,
    pub feedback: Vec<String>,
    pub explanation_html: Option<String>,
}

/// The prompt, the option labels (not the match right sides: plain text),
/// the feedback and the explanation are markup.
impl Markup for QuestionView {
    fn clear_markup(&mut self) {
        self.prompt_html.clear_markup();
        for o in &mut self.options {
            o.html.clear_markup();
        }
        if let Some(p) = &mut self.previous {
            p.feedback.clear_markup();
            p.explanation_html.clear_markup();
        }
    }
}

impl QuestionView {
    pub fn anchor(&self) -> String {
        format!("vraag-{}", self.id)
    }
    pub(crate) fn field(&self, part: &str) -> String {
        format!("f[{}.{}]", self.id, part)
    }
}

// ------------------------------------------------------------ modules

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TocItem {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionView {
    pub id: String,
    pub prompt_html: String,
    pub saved: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SegmentView {
    Html(String),
    Question(QuestionView),
    Reflection(ReflectionView),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NavLink {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub number: i32,
    pub score: Option<f64>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamView {
    pub used: u32,
    pub allowed: u32,
    pub pass_score: u8,
    pub question_count: usize,
    pub passed: bool,
    pub best_score: Option<f64>,
    /// The attempt in progress and its questions, in the order shown.
    pub open_attempt: Option<(i32, Vec<QuestionView>)>,
    pub past: Vec<AttemptSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleView {
    pub course_id: String,
    pub course_title: String,
    pub language: String,
    pub id: String,
    pub title: String,
    pub objectives: Vec<String>,
    pub toc: Vec<TocItem>,
    pub segments: Vec<SegmentView>,
    pub complete: bool,
    pub has_questions: bool,
    pub position: usize,
    pub total: usize,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
    pub course_complete: bool,
    pub record_code: Option<String>,
    pub exam: Option<ExamView>,
    /// The learner's feedback on this version of the module, if given.
    pub feedback: Option<crate::feedback::types::MyFeedback>,
}

/// The lesson's HTML, the reflection prompts and the questions' markup.
impl Markup for ModuleView {
    fn clear_markup(&mut self) {
        for seg in &mut self.segments {
            match seg {
                SegmentView::Html(h) => h.clear_markup(),
                SegmentView::Question(q) => q.clear_markup(),
                SegmentView::Reflection(r) => r.prompt_html.clear_markup(),
            }
        }
        if let Some(exam) = &mut self.exam {
            if let Some((_, questions)) = &mut exam.open_attempt {
                questions.clear_markup();
            }
        }
    }
}

// ------------------------------------------------------------ exam results

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptResultView {
    pub course_id: String,
    pub course_title: String,
    pub module_id: String,
    pub module_title: String,
    pub number: i32,
    pub score: f64,
    pub pass_score: u8,
    pub passed: bool,
    pub questions: Vec<QuestionView>,
    pub attempts_left: u32,
    pub record_code: Option<String>,
}

impl Markup for AttemptResultView {
    fn clear_markup(&mut self) {
        self.questions.clear_markup();
    }
}

/// What this capability's queries refuse, as codes with their details;
/// put into words by `words::refusal` where the refusal is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// An exam question answered outside an attempt.
    ExamQuestionOutsideAttempt,
    /// "Mark as read" on a module with questions (they decide completion).
    MarkReadHasQuestions,
    /// A reflection longer than `max` characters.
    ReflectionTooLong { max: usize },
    /// A renewal asked for while the course is still in progress.
    RenewInProgress,
    /// A renewal asked for before its window opens on `opens`.
    RenewNotYet { opens: Date },
    /// A renewal asked for a record that does not expire.
    RenewNotNeeded,
    /// An exam attempt asked for when all `allowed` are used.
    NoAttemptsLeft { allowed: u32 },
    /// An exam attempt handed in twice.
    AttemptAlreadySubmitted,
    /// The result of an exam attempt asked for before it was handed in.
    AttemptNotSubmitted,
    /// An exam attempt of an earlier round (before a renewal).
    AttemptEarlierRound,
    /// An extra attempt granted to oneself.
    GrantSelf,
    /// An extra attempt granted to someone who passed.
    GrantAlreadyPassed,
    /// An extra attempt granted to someone who has attempts left.
    GrantAttemptsLeft { used: u32, allowed: u32 },
    /// An answer whose fields do not belong to the question.
    AnswerUnreadable,
    /// An order answer with a position or item twice.
    AnswerOrderDuplicate,
    /// No answer given.
    AnswerEmpty,
    /// A numeric answer that is not a number.
    AnswerNotANumber { typed: String },
    /// More than one option chosen where one is asked.
    AnswerChooseOne,
    /// Not every item ordered or matched.
    AnswerIncomplete,
    /// The same option used twice.
    AnswerDuplicate,
    /// An answer of another kind than the question asks.
    AnswerMismatch,
}

impl Refusal {
    /// Whether the request conflicts with the current state (409) rather
    /// than being wrong in itself (422).
    pub fn is_conflict(&self) -> bool {
        !matches!(
            self,
            Refusal::ReflectionTooLong { .. }
                | Refusal::AnswerUnreadable
                | Refusal::AnswerOrderDuplicate
                | Refusal::AnswerEmpty
                | Refusal::AnswerNotANumber { .. }
                | Refusal::AnswerChooseOne
                | Refusal::AnswerIncomplete
                | Refusal::AnswerDuplicate
                | Refusal::AnswerMismatch
        )
    }
}
