//! What the feedback form and the trainers' section hold: figures and
//! codes, no display text (see `words`).

use serde::{Deserialize, Serialize};

/// A learner's saved feedback on what they see now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFeedback {
    /// 1 to 5.
    pub rating: u8,
    pub comment: String,
}

/// Feedback that cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No rating chosen, or not one of 1 to 5.
    RatingMissing,
    /// A comment of `chars` characters, more than `max`.
    CommentTooLong { max: usize, chars: usize },
}

impl Refusal {
    /// None of these conflicts with the state: each is wrong in itself.
    pub fn is_conflict(&self) -> bool {
        false
    }
}

/// A course's feedback as trainers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseFeedback {
    /// The course as a whole first, then its modules in course order.
    pub parts: Vec<PartFeedback>,
}

/// The feedback on one module, or on the course as a whole (`module_id`
/// empty), within the page's filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartFeedback {
    pub module_id: String,
    pub title: String,
    /// How many people gave feedback.
    pub people: u64,
    /// `false` when fewer than `domain::feedback::MIN_PEOPLE` did: then
    /// nothing below is filled in.
    pub shown: bool,
    pub mean: Option<f64>,
    /// How many gave each rating: `counts[0]` gave 1.
    pub counts: [u64; 5],
    /// The ratings over time, oldest first, in periods of whole months.
    pub periods: Vec<PeriodFeedback>,
    /// The comments, lowest rating first, without names or dates.
    pub comments: Vec<CommentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodFeedback {
    /// First and last month, `YYYY-MM`.
    pub first: String,
    pub last: String,
    pub people: u64,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub rating: u8,
    pub text: String,
}
