//! Helpers shared by the GIFT import tests (`gift_own.rs`, `gift_moodle.rs`):
//! each takes one imported question apart into plain values to compare, and
//! panics with the question's line when it is not of the expected type.

// Each test crate that includes this module uses only some of the helpers.
#![allow(dead_code)]

use domain::model::{Answer, Choice, NumericTarget, Question, Scoring};

/// The question that starts on `line` of the GIFT text.
pub fn at(qs: &[Question], line: usize) -> &Question {
    qs.iter()
        .find(|q| q.line == line)
        .unwrap_or_else(|| panic!("no question starts on line {line}"))
}

/// The options of a single-choice question (radio buttons; true/false too).
pub fn options(q: &Question) -> &[Choice] {
    match &q.answer {
        Answer::Single { options } => options,
        other => panic!("line {}: expected single choice, got {other:?}", q.line),
    }
}

/// The options of a multiple-answer question (checkboxes), checked to be
/// scored by their weights as GIFT means them.
pub fn checkboxes(q: &Question) -> &[Choice] {
    match &q.answer {
        Answer::Multiple { options, scoring } => {
            assert_eq!(*scoring, Scoring::Weighted, "line {}", q.line);
            options
        }
        other => panic!("line {}: expected multiple, got {other:?}", q.line),
    }
}

pub fn labels(choices: &[Choice]) -> Vec<&str> {
    choices.iter().map(|c| c.html.as_str()).collect()
}

pub fn weights(choices: &[Choice]) -> Vec<f64> {
    choices.iter().map(|c| c.weight).collect()
}

pub fn feedback(choices: &[Choice]) -> Vec<Option<&str>> {
    choices.iter().map(|c| c.feedback_html.as_deref()).collect()
}

/// A short-answer question's accepted texts: (text, weight, feedback).
pub fn texts(q: &Question) -> Vec<(&str, f64, Option<&str>)> {
    match &q.answer {
        Answer::Text { accepted } => accepted
            .iter()
            .map(|a| (a.text.as_str(), a.weight, a.feedback_html.as_deref()))
            .collect(),
        other => panic!("line {}: expected text, got {other:?}", q.line),
    }
}

/// A numeric question's accepted numbers: (target, weight, feedback).
pub fn numbers(q: &Question) -> Vec<(NumericTarget, f64, Option<&str>)> {
    match &q.answer {
        Answer::Numeric { accepted } => accepted
            .iter()
            .map(|a| (a.target, a.weight, a.feedback_html.as_deref()))
            .collect(),
        other => panic!("line {}: expected numeric, got {other:?}", q.line),
    }
}

/// A matching question's pairs: (left side HTML, right side text).
pub fn pairs(q: &Question) -> Vec<(&str, &str)> {
    match &q.answer {
        Answer::Match { pairs } => pairs
            .iter()
            .map(|p| (p.left_html.as_str(), p.right.as_str()))
            .collect(),
        other => panic!("line {}: expected match, got {other:?}", q.line),
    }
}

pub fn tolerance(value: f64, tolerance: f64) -> NumericTarget {
    NumericTarget::Tolerance { value, tolerance }
}
