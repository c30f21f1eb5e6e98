//! What the item-statistics pages hold: figures and codes, no display text
//! (the pages word them in the requester's language).

use crate::reports::types::{CourseRef, DeptRef};
use serde::{Deserialize, Serialize};

/// The filters, as they stand in the address (`?versie=alle&afdeling=…&van=…&tot=…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemFilters {
    /// `alle`: every version of the course; otherwise only answers to the
    /// version learners get now.
    pub versie: Option<String>,
    /// A department, counted with everything below it.
    pub afdeling: Option<i32>,
    /// Period start and end (inclusive), `YYYY-MM-DD`, as typed.
    pub van: Option<String>,
    pub tot: Option<String>,
}

impl ItemFilters {
    /// Read the filters from a query string map; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ItemFilters {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ItemFilters {
            versie: text("versie").filter(|v| v == ALL_VERSIONS),
            afdeling: text("afdeling").and_then(|v| v.parse().ok()),
            van: text("van"),
            tot: text("tot"),
        }
    }

    /// Whether answers to earlier versions count.
    pub fn all_versions(&self) -> bool {
        self.versie.as_deref() == Some(ALL_VERSIONS)
    }
}

/// The `versie` value for every version.
pub const ALL_VERSIONS: &str = "alle";

/// The courses a trainer can look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseList {
    pub courses: Vec<CourseRef>,
}

/// One course's item statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseStats {
    pub course: CourseRef,
    /// The current course version (its content hash, shortened).
    pub version: String,
    pub filters: ItemFilters,
    /// For the department filter.
    pub departments: Vec<DeptRef>,
    /// The modules with graded questions, in course order.
    pub modules: Vec<ModuleStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleStats {
    pub id: String,
    pub title: String,
    pub exam: bool,
    /// The module's file in the course folder.
    pub file: String,
    pub questions: Vec<QuestionStats>,
}

/// Codes of `domain::item_stats::Flag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlagCode {
    TooEasy,
    TooHard,
    NegativeDiscrimination,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionStats {
    pub id: String,
    /// The question's text, sanitised HTML (as the module page shows it).
    pub prompt_html: String,
    /// `single`, `multiple`, `order`, `text`, `match` or `numeric`.
    pub kind: String,
    /// 1-based line in the module file where the question starts.
    pub line: usize,
    /// Exam: answers in handed-in attempts; lesson: first answers.
    pub answers: u64,
    /// How many people gave them.
    pub people: u64,
    /// `false` when fewer than `domain::item_stats::MIN_PEOPLE` people
    /// answered in the filter: then no figure below is filled in.
    pub shown: bool,
    /// Mean score (exam) or share right at the first try (lesson), 0 to 1.
    pub facility: Option<f64>,
    /// Exam questions: Pearson's r of the question against the rest of the
    /// attempt.
    pub discrimination: Option<f64>,
    pub flags: Vec<FlagCode>,
    /// Choice questions: each option with how many chose it.
    pub options: Vec<OptionShare>,
    /// Typed answers (text, numeric): the most frequent wrong ones.
    pub wrong: Vec<WrongAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionShare {
    /// The option's label, sanitised inline HTML.
    pub html: String,
    pub correct: bool,
    pub chosen: u64,
    /// Of the answers to the question, 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrongAnswer {
    pub text: String,
    pub count: u64,
}

/// A module file with its lines, for the link from a question to where it
/// is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    pub course: CourseRef,
    pub file: String,
    pub lines: Vec<String>,
}
