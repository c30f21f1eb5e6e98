//! The parsed course model: what `content/` means once it has been read.
//!
//! Everything here is plain data, built once per (re)load by [`crate::content`]
//! and shared read-only afterwards. HTML fields hold sanitised HTML produced by
//! [`crate::markdown`]; nothing in this model is trusted raw input.
//!
//! The answer key lives in [`Answer`]. The web layer must never send an
//! [`Answer`] to the browser before the learner has answered: it builds its own
//! view types (prompt and option labels only) from this model.

use serde::Serialize;
use std::path::PathBuf;

/// Interface and content language of a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// All courses found under `content/courses/`, in folder-name order.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Catalog {
    pub courses: Vec<Course>,
}

impl Catalog {
    pub fn course(&self, id: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.id == id)
    }
    pub fn module_count(&self) -> usize {
        self.courses.iter().map(|c| c.modules.len()).sum()
    }
    pub fn question_count(&self) -> usize {
        self.courses
            .iter()
            .flat_map(|c| &c.modules)
            .map(|m| m.questions.len())
            .sum()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// Folder name, `[a-z0-9-]+`.
    pub id: String,
    pub title: String,
    pub summary: String,
    pub language: Language,
    /// Minutes: the front matter's `duration`, or the sum of the modules' durations.
    pub duration_minutes: u32,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    /// 0–100, default 70.
    pub pass_score: u8,
    /// Whether completing the course issues a completion record (default true).
    pub certificate: bool,
    pub valid_for_months: Option<u32>,
    /// The introduction from `course.md`, rendered.
    pub intro_html: String,
    /// In course order (`modules:` list, else file-name order).
    pub modules: Vec<Module>,
    /// The course's self-scan "Waar sta je?" (`scan.md`), if it has one.
    pub scan: Option<Scan>,
    /// Content hash of the whole course (course.md and every module hash):
    /// the "course version" a completion record names.
    pub version: String,
    /// Folder on disk, for assets.
    #[serde(skip)]
    pub dir: PathBuf,
}

impl Course {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }
}

#[cfg(test)]
impl Course {
    /// Course `c` with these modules and nothing else, for unit tests.
    pub(crate) fn for_test(modules: Vec<Module>) -> Course {
        Course {
            id: "c".into(),
            title: "C".into(),
            summary: String::new(),
            language: Language::Nl,
            duration_minutes: 0,
            audience: vec![],
            tags: vec![],
            pass_score: 70,
            certificate: true,
            valid_for_months: None,
            intro_html: String::new(),
            modules,
            scan: None,
            version: String::new(),
            dir: PathBuf::new(),
        }
    }
}

#[cfg(test)]
impl Module {
    /// Module `id` of this kind without text or questions, for unit tests.
    pub(crate) fn for_test(id: &str, kind: ModuleKind) -> Module {
        Module {
            id: id.into(),
            file_name: format!("01-{id}.md"),
            title: id.to_uppercase(),
            duration_minutes: None,
            objectives: vec![],
            kind,
            shuffle_options: false,
            segments: vec![],
            toc: vec![],
            questions: vec![],
            reflections: vec![],
            content_hash: String::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Module {
    pub id: String,
    /// File name inside the course folder, e.g. `01-waarom.md`.
    pub file_name: String,
    pub title: String,
    pub duration_minutes: Option<u32>,
    pub objectives: Vec<String>,
    pub kind: ModuleKind,
    /// Format 1.1: shuffle the options of this lesson's questions (front
    /// matter `shuffle: true`; stable per learner). Exams: as
    /// [`ExamSettings::shuffle`].
    pub shuffle_options: bool,
    /// The body in reading order: rendered HTML interleaved with the places
    /// where a question or reflection form goes.
    pub segments: Vec<Segment>,
    /// Headings (level 2 and 3) with their anchor ids, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Graded questions in document order (from `::: question` and `::: gift`).
    pub questions: Vec<Question>,
    pub reflections: Vec<Reflection>,
    /// SHA-256 (hex) of the module file's bytes.
    pub content_hash: String,
}

impl Module {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
    pub fn is_exam(&self) -> bool {
        matches!(self.kind, ModuleKind::Exam(_))
    }
    /// Whether `q`'s options, items or right sides are shown shuffled:
    /// order and match always, the others when the module shuffles (an
    /// exam by default, a lesson with `shuffle: true`).
    pub fn shuffles_options(&self, q: &Question) -> bool {
        self.shuffle_options || matches!(q.answer, Answer::Order { .. } | Answer::Match { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ModuleKind {
    Lesson,
    Exam(ExamSettings),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExamSettings {
    /// Maximum attempts, default 3.
    pub attempts: u32,
    /// Shuffle the question order, default true (the options follow
    /// [`Module::shuffle_options`], set from the same field).
    pub shuffle: bool,
    /// Draw this many questions at random per attempt; `None` = all. With
    /// [`ExamSettings::groups`] the sum of the groups' counts.
    pub draw: Option<u32>,
    /// Format 1.1, `draw:` as a map: how many questions to draw from each
    /// group (`group=` on the questions), in the order written. Empty when
    /// the exam draws from all its questions at once.
    pub groups: Vec<GroupDraw>,
    /// Overrides the course's pass score.
    pub pass_score: Option<u8>,
}

/// One entry of a per-group `draw:`: draw `count` of the questions marked
/// `group=<group>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDraw {
    pub group: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Segment {
    /// Sanitised HTML.
    Html(String),
    /// A graded question, by id (see [`Module::questions`]).
    Question(String),
    /// A reflection, by id (see [`Module::reflections`]).
    Reflection(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    /// Anchor id of the heading (`<h2 id="...">`).
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reflection {
    /// `r<N>` (1-based position among the module's reflections) unless `id=` is given.
    pub id: String,
    pub prompt_html: String,
    /// 1-based line of the opening `:::` in the module file.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// `id=` attribute, or `q<N>`: the 1-based position among the module's questions.
    pub id: String,
    /// GIFT `::title::`, if any.
    pub title: Option<String>,
    pub prompt_html: String,
    pub points: u32,
    /// Format 1.1: the exam draw group (`group=`), e.g. the lesson the
    /// question is about.
    pub group: Option<String>,
    pub answer: Answer,
    /// Shown after answering: text after the answer list, or GIFT `####` general feedback.
    pub explanation_html: Option<String>,
    /// 1-based line of the question's start in the module file.
    pub line: usize,
}

impl Question {
    pub fn type_name(&self) -> &'static str {
        self.answer.type_name()
    }
}

/// The answer key of a question. Weights are fractions of the question's
/// points, in -1.0..=1.0; a question's score never goes below zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Answer {
    /// Radio buttons. True/false is two options.
    Single { options: Vec<Choice> },
    /// Checkboxes.
    Multiple {
        options: Vec<Choice>,
        scoring: Scoring,
    },
    /// The items in their correct order; shown shuffled. `feedback[i]`
    /// (format 1.1) is shown when item `i` is not in its place.
    Order {
        items: Vec<String>,
        feedback: Vec<Option<String>>,
    },
    /// Typed answer; compared case-insensitively, trimmed, inner white space
    /// folded. Answers of weight 0 are known wrong answers with feedback.
    Text { accepted: Vec<TextAnswer> },
    /// Left sides shown in order, right sides shuffled.
    Match { pairs: Vec<MatchPair> },
    /// A number within a tolerance or a range.
    Numeric { accepted: Vec<NumericAnswer> },
}

impl Answer {
    pub fn type_name(&self) -> &'static str {
        match self {
            Answer::Single { .. } => "single",
            Answer::Multiple { .. } => "multiple",
            Answer::Order { .. } => "order",
            Answer::Text { .. } => "text",
            Answer::Match { .. } => "match",
            Answer::Numeric { .. } => "numeric",
        }
    }
}

/// How a `multiple` question is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// Markdown `::: question`: exactly the correct set, or nothing.
    AllOrNothing,
    /// GIFT: the sum of the chosen options' weights, clamped to 0..=1.
    Weighted,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Option label, sanitised inline HTML.
    pub html: String,
    /// Fraction of the points this option is worth (-1.0..=1.0). For Markdown
    /// questions: 1.0 for `[x]`, 0.0 otherwise.
    pub weight: f64,
    pub feedback_html: Option<String>,
}

impl Choice {
    pub fn is_correct(&self) -> bool {
        self.weight > 0.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextAnswer {
    pub text: String,
    pub weight: f64,
    pub feedback_html: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchPair {
    pub left_html: String,
    /// Plain text: right sides are offered as choices.
    pub right: String,
    /// Format 1.1: shown when this left side is matched wrongly.
    pub feedback_html: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumericAnswer {
    pub target: NumericTarget,
    pub weight: f64,
    pub feedback_html: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum NumericTarget {
    /// `value ± tolerance` (tolerance may be 0).
    Tolerance { value: f64, tolerance: f64 },
    /// `min..max`, inclusive.
    Range { min: f64, max: f64 },
}

impl NumericTarget {
    pub fn contains(&self, x: f64) -> bool {
        match *self {
            NumericTarget::Tolerance { value, tolerance } => (x - value).abs() <= tolerance + 1e-9,
            NumericTarget::Range { min, max } => x >= min - 1e-9 && x <= max + 1e-9,
        }
    }
}

/// A self-scan (`scan.md` in a course folder): a few questions whose options
/// point to modules or courses, so a learner is told where to start and
/// why. Nothing in it is right or wrong; see [`crate::scan`] for the advice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scan {
    pub title: String,
    /// The body in reading order: rendered text and, by id, the places
    /// of the questions.
    pub segments: Vec<Segment>,
    pub questions: Vec<ScanQuestion>,
    /// SHA-256 (hex) of `scan.md`: stored answers name the version they
    /// were given on.
    pub content_hash: String,
}

impl Scan {
    pub fn question(&self, id: &str) -> Option<&ScanQuestion> {
        self.questions.iter().find(|q| q.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanQuestion {
    /// `id=` attribute, or `q<N>`.
    pub id: String,
    pub prompt_html: String,
    /// `type=multiple`: checkboxes, any number may be chosen (also none).
    pub multiple: bool,
    pub options: Vec<ScanOption>,
    /// 1-based line of the opening `:::`.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanOption {
    /// Option label, sanitised inline HTML.
    pub html: String,
    /// Why the targets are recommended to whoever chooses this option (the
    /// nested `>` quote), shown with the advice.
    pub reason_html: Option<String>,
    /// What to start with; empty: nothing to add (e.g. "we are running").
    pub targets: Vec<ScanTarget>,
    /// 1-based line of the option in `scan.md`.
    pub line: usize,
}

/// What a scan option recommends.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum ScanTarget {
    /// A module of the scan's own course, by id.
    Module(String),
    /// Another course, by id.
    Course(String),
}
