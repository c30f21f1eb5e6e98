//! Invariant checks shared by the fuzz targets (see docs/fuzzing.md).
//!
//! A fuzz target fails when the code under test panics, runs out of time or
//! memory, or when one of these checks fails: each check is something the
//! rest of the platform relies on, so a violation is a bug even without a
//! panic.

use domain::grading::{self, Response};
use domain::model::{Answer, Question};

/// The lines of a text (split at `\n`, as the parsers count them), with
/// their widths in characters, computed once per text: checking every
/// diagnostic against the text itself made the harness quadratic.
pub struct Lines {
    widths: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        Lines {
            widths: text.split('\n').map(|l| l.chars().count()).collect(),
        }
    }

    /// Number of lines, counting the (empty) one after a trailing newline.
    pub fn count(&self) -> usize {
        self.widths.len()
    }

    /// Where a 1-based (line, column) may point: on a line of the text, at
    /// most one column past its last character, or at the start of the line
    /// after the last one (for "ends too early" problems). Columns count
    /// characters.
    pub fn check(&self, line: usize, column: usize, what: &dyn std::fmt::Debug) {
        assert!(line >= 1, "line 0 in {what:?}");
        assert!(column >= 1, "column 0 in {what:?}");
        assert!(
            line <= self.count(),
            "line {line} is past the end of the text ({} lines) in {what:?}",
            self.count()
        );
        let width = self.widths[line - 1];
        assert!(
            column <= width + 1,
            "column {column} is past the end of line {line} ({width} characters) in {what:?}"
        );
    }
}

/// A question the parser accepted must be gradable: sane weights and
/// numbers, and at least one response that earns full marks (otherwise no
/// learner can ever get it right).
pub fn check_question(q: &Question) {
    assert!(q.line >= 1, "question line 0: {q:?}");
    let weight_ok = |w: f64| w.is_finite() && (-1.0 - 1e-9..=1.0 + 1e-9).contains(&w);
    let response = match &q.answer {
        Answer::Single { options } => {
            assert!(options.iter().all(|o| weight_ok(o.weight)), "{q:?}");
            let best = (0..options.len())
                .max_by(|&a, &b| options[a].weight.total_cmp(&options[b].weight))
                .unwrap_or_else(|| panic!("single choice without options: {q:?}"));
            Response::Choice(vec![best])
        }
        Answer::Multiple { options, .. } => {
            assert!(options.iter().all(|o| weight_ok(o.weight)), "{q:?}");
            Response::Choice(
                (0..options.len())
                    .filter(|&i| options[i].is_correct())
                    .collect(),
            )
        }
        Answer::Order { items, .. } => Response::Order((0..items.len()).collect()),
        Answer::Text { accepted } => {
            assert!(accepted.iter().all(|a| weight_ok(a.weight)), "{q:?}");
            let best = accepted
                .iter()
                .max_by(|a, b| a.weight.total_cmp(&b.weight))
                .unwrap_or_else(|| panic!("text question without answers: {q:?}"));
            Response::Text(best.text.clone())
        }
        Answer::Match { pairs } => Response::Match((0..pairs.len()).map(Some).collect()),
        Answer::Numeric { accepted } => {
            use domain::model::NumericTarget;
            assert!(accepted.iter().all(|a| weight_ok(a.weight)), "{q:?}");
            for a in accepted {
                match a.target {
                    NumericTarget::Tolerance { value, tolerance } => assert!(
                        value.is_finite() && tolerance.is_finite() && tolerance >= 0.0,
                        "{q:?}"
                    ),
                    NumericTarget::Range { min, max } => {
                        assert!(min.is_finite() && max.is_finite() && min <= max, "{q:?}")
                    }
                }
            }
            let best = accepted
                .iter()
                .max_by(|a, b| a.weight.total_cmp(&b.weight))
                .unwrap_or_else(|| panic!("numeric question without answers: {q:?}"));
            let x = match best.target {
                NumericTarget::Tolerance { value, .. } => value,
                NumericTarget::Range { min, .. } => min,
            };
            // `Display` for f64 writes plain digits (no exponent), as a
            // learner would type the number.
            Response::Numeric(format!("{x}"))
        }
    };
    match grading::grade(q, &response) {
        Ok(grade) => assert!(
            grade.correct,
            "no full marks for the best response {response:?} to {q:?}: {grade:?}"
        ),
        Err(err) => panic!("the best response {response:?} to {q:?} cannot be graded: {err}"),
    }
}
