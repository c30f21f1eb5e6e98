//! Grading: scoring one learner response against a question's answer key.
//!
//! This module owns the scoring rules of every question type (content
//! format, "Questions" and "GIFT blocks"): all-or-nothing for Markdown
//! questions, weights for GIFT ones, and a score that never goes below zero.
//! It runs on the server only, since the answer key never reaches the browser.
//! It knows nothing of attempts or completion (see [`crate::completion`]);
//! a malformed response is a [`ResponseError`], never a panic and never a
//! silent zero, so the web layer can ask the learner again.

use serde::{Deserialize, Serialize};

use crate::model::{Answer, Choice, NumericTarget, Question, Scoring};

/// A learner's response, as the browser sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Response {
    /// Indices into the options as authored (not as shown shuffled).
    Choice(Vec<usize>),
    /// Item indices (authored order) in the order the learner put them.
    Order(Vec<usize>),
    /// A typed answer.
    Text(String),
    /// For left side `i`, the authored pair index of the right side chosen
    /// for it; `None` when left unanswered.
    Match(Vec<Option<usize>>),
    /// A number as typed: `1822`, ` 3,1415 ` (Dutch decimal comma), `-2.5`.
    Numeric(String),
}

impl Response {
    /// The question type this response answers (as [`Answer::type_name`],
    /// except that `choice` answers both `single` and `multiple`).
    pub fn kind(&self) -> &'static str {
        match self {
            Response::Choice(_) => "choice",
            Response::Order(_) => "order",
            Response::Text(_) => "text",
            Response::Match(_) => "match",
            Response::Numeric(_) => "numeric",
        }
    }
}

/// The result of grading one response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// Share of the question's points earned, 0.0..=1.0.
    pub fraction: f64,
    /// Whether the response earned full marks.
    pub correct: bool,
    /// Feedback HTML of the chosen options (in authored order), of the
    /// matched text or numeric answer (right or known wrong), or of the
    /// order items and match pairs not in their place. Empty when there is
    /// none.
    pub feedback: Vec<String>,
    /// What a full-marks response is, for the result page. Only to be shown
    /// once the learner has answered.
    pub correct_answer: CorrectAnswer,
}

/// A full-marks response, in terms the result page can show next to the
/// question it already has (option indices refer to authored order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum CorrectAnswer {
    /// Single: the options worth full marks (usually one). Multiple: the
    /// options to tick (weight above zero).
    Choice { indices: Vec<usize> },
    /// The authored order, `0..n`.
    Order { order: Vec<usize> },
    /// The accepted texts worth full marks, as authored.
    Text { accepted: Vec<String> },
    /// For left `i`, the pair index of its right side (`i`).
    Match { rights: Vec<usize> },
    /// The numbers worth full marks.
    Numeric { accepted: Vec<CorrectNumber> },
}

/// A numeric answer worth full marks, for display (`1822 ± 1`, `3.141–3.142`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CorrectNumber {
    Tolerance { value: f64, tolerance: f64 },
    Range { min: f64, max: f64 },
}

impl From<NumericTarget> for CorrectNumber {
    fn from(t: NumericTarget) -> Self {
        match t {
            NumericTarget::Tolerance { value, tolerance } => {
                CorrectNumber::Tolerance { value, tolerance }
            }
            NumericTarget::Range { min, max } => CorrectNumber::Range { min, max },
        }
    }
}

/// Why a response cannot be graded. The messages are English; the web layer
/// shows its own (Dutch) text per variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    /// E.g. a text response to a choice question.
    #[error("a {got} response cannot answer a {expected} question")]
    WrongKind {
        expected: &'static str,
        got: &'static str,
    },
    /// No option chosen, no text typed, nothing matched.
    #[error("the response is empty")]
    Empty,
    /// An option, item or pair index that the question does not have.
    #[error("index {0} is out of range")]
    IndexOutOfRange(usize),
    /// The same option or item given twice.
    #[error("index {0} is given more than once")]
    DuplicateIndex(usize),
    /// More than one option for a single-choice question.
    #[error("a single-choice question takes one option, not {0}")]
    TooManyChoices(usize),
    /// An order or match response that does not cover every item.
    #[error("expected {expected} entries, got {got}")]
    WrongLength { expected: usize, got: usize },
    /// A numeric response that is not a number.
    #[error("`{0}` is not a number")]
    NotANumber(String),
}

/// Tolerance for floating-point weights: a fraction this close to 1 is full
/// marks (three options of 33.333% add up to 0.99999).
const EPSILON: f64 = 1e-6;

/// Grade one response. Never below 0, never above 1.
pub fn grade(question: &Question, response: &Response) -> Result<Grade, ResponseError> {
    let wrong_kind = || ResponseError::WrongKind {
        expected: question.type_name(),
        got: response.kind(),
    };
    match (&question.answer, response) {
        (Answer::Single { options }, Response::Choice(chosen)) => single(options, chosen),
        (Answer::Multiple { options, scoring }, Response::Choice(chosen)) => {
            multiple(options, *scoring, chosen)
        }
        (Answer::Order { items, feedback }, Response::Order(order)) => {
            let mut grade = order_grade(items.len(), order)?;
            // Format 1.1: the feedback of each item not in its place, in
            // authored order.
            grade.feedback = (0..items.len())
                .filter(|&i| order.get(i) != Some(&i))
                .filter_map(|i| feedback.get(i).cloned().flatten())
                .collect();
            Ok(grade)
        }
        (Answer::Text { accepted }, Response::Text(text)) => {
            let typed = normalise(text);
            if typed.is_empty() {
                return Err(ResponseError::Empty);
            }
            let best = best_of(
                accepted
                    .iter()
                    .filter(|a| normalise(&a.text) == typed)
                    .map(|a| (a.weight, a.feedback_html.as_ref())),
            );
            Ok(finish(
                best,
                CorrectAnswer::Text {
                    accepted: full_marks(accepted.iter().map(|a| (a.weight, a.text.clone()))),
                },
            ))
        }
        (Answer::Match { pairs }, Response::Match(chosen)) => {
            if chosen.len() != pairs.len() {
                return Err(ResponseError::WrongLength {
                    expected: pairs.len(),
                    got: chosen.len(),
                });
            }
            if chosen.iter().all(Option::is_none) {
                return Err(ResponseError::Empty);
            }
            let mut wrong = Vec::new();
            for (left, right) in chosen.iter().enumerate() {
                let right_here = match right {
                    Some(r) => {
                        let pair = pairs.get(*r).ok_or(ResponseError::IndexOutOfRange(*r))?;
                        // Compared by text: two left sides may share a right
                        // side, and either copy of it is right.
                        pairs.get(left).is_some_and(|p| p.right == pair.right)
                    }
                    None => false,
                };
                if !right_here {
                    wrong.push(left);
                }
            }
            let mut grade = finish(
                Some((if wrong.is_empty() { 1.0 } else { 0.0 }, None)),
                CorrectAnswer::Match {
                    rights: (0..pairs.len()).collect(),
                },
            );
            // Format 1.1: the feedback of each left side matched wrongly.
            grade.feedback = wrong
                .iter()
                .filter_map(|&i| pairs.get(i).and_then(|p| p.feedback_html.clone()))
                .collect();
            Ok(grade)
        }
        (Answer::Numeric { accepted }, Response::Numeric(typed)) => {
            let x = parse_number(typed)?;
            let best = best_of(
                accepted
                    .iter()
                    .filter(|a| a.target.contains(x))
                    .map(|a| (a.weight, a.feedback_html.as_ref())),
            );
            Ok(finish(
                best,
                CorrectAnswer::Numeric {
                    accepted: full_marks(
                        accepted
                            .iter()
                            .map(|a| (a.weight, CorrectNumber::from(a.target))),
                    ),
                },
            ))
        }
        _ => Err(wrong_kind()),
    }
}

/// The points a grade is worth: fraction × the question's points.
pub fn points(question: &Question, grade: &Grade) -> f64 {
    clamp01(grade.fraction) * f64::from(question.points)
}

/// A text answer as compared: trimmed, lower case, inner white space folded
/// to one space.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Read a number as a learner types it: white space ignored, a decimal
/// comma or point, and a thousands separator when both appear (`1.822,5`,
/// `1,822.5`). A lone separator repeated (`1.000.000`) is ambiguous and
/// refused rather than guessed.
pub fn parse_number(typed: &str) -> Result<f64, ResponseError> {
    let not_a_number = || ResponseError::NotANumber(typed.trim().to_string());
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if compact.is_empty() {
        return Err(ResponseError::Empty);
    }
    let last_comma = compact.rfind(',');
    let last_point = compact.rfind('.');
    let canonical = match (last_comma, last_point) {
        (Some(c), Some(p)) => {
            // The later one is the decimal separator, the other groups thousands.
            let (decimal, thousands) = if c > p { (',', '.') } else { ('.', ',') };
            let split = c.max(p);
            let (int, frac) = compact.split_at(split);
            if int.contains(decimal) {
                return Err(not_a_number());
            }
            format!("{}.{}", int.replace(thousands, ""), &frac[1..])
        }
        (Some(_), None) if compact.matches(',').count() == 1 => compact.replace(',', "."),
        (None, Some(_)) if compact.matches('.').count() == 1 => compact,
        (None, None) => compact,
        _ => return Err(not_a_number()),
    };
    // Only digits, one sign and one point: `f64::from_str` would also take
    // "inf", "NaN" and exponents, which nobody types as an answer.
    let digits = canonical.strip_prefix(['-', '+']).unwrap_or(&canonical);
    let valid = !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !valid {
        return Err(not_a_number());
    }
    canonical
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(not_a_number)
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}

fn finish(best: Option<(f64, Option<&String>)>, correct_answer: CorrectAnswer) -> Grade {
    let (weight, feedback) = best.unwrap_or((0.0, None));
    let fraction = clamp01(weight);
    Grade {
        fraction,
        correct: fraction >= 1.0 - EPSILON,
        feedback: feedback.cloned().into_iter().collect(),
        correct_answer,
    }
}

/// The best-weighted of the answers that match; the first on a tie, so an
/// author's specific answer wins over a later catch-all with the same weight.
fn best_of<'a>(
    matches: impl Iterator<Item = (f64, Option<&'a String>)>,
) -> Option<(f64, Option<&'a String>)> {
    matches.fold(None, |best, m| match best {
        Some(b) if b.0 >= m.0 => Some(b),
        _ => Some(m),
    })
}

/// The answers worth full marks, or the best ones if none is (which the
/// content checker should not let through).
fn full_marks<T>(answers: impl Iterator<Item = (f64, T)> + Clone) -> Vec<T> {
    let max = answers
        .clone()
        .map(|(w, _)| w)
        .fold(f64::NEG_INFINITY, f64::max);
    let bar = if max >= 1.0 - EPSILON {
        1.0 - EPSILON
    } else {
        max
    };
    answers
        .filter(|(w, _)| *w >= bar && *w > 0.0)
        .map(|(_, a)| a)
        .collect()
}

/// Check option indices: in range and no duplicates; returned sorted.
fn chosen_indices(options: &[Choice], chosen: &[usize]) -> Result<Vec<usize>, ResponseError> {
    if chosen.is_empty() {
        return Err(ResponseError::Empty);
    }
    let mut sorted = chosen.to_vec();
    sorted.sort_unstable();
    for pair in sorted.windows(2) {
        if pair[0] == pair[1] {
            return Err(ResponseError::DuplicateIndex(pair[0]));
        }
    }
    if let Some(&bad) = sorted.iter().find(|&&i| i >= options.len()) {
        return Err(ResponseError::IndexOutOfRange(bad));
    }
    Ok(sorted)
}

fn feedback_of(options: &[Choice], chosen: &[usize]) -> Vec<String> {
    chosen
        .iter()
        .filter_map(|&i| options.get(i).and_then(|o| o.feedback_html.clone()))
        .collect()
}

fn single(options: &[Choice], chosen: &[usize]) -> Result<Grade, ResponseError> {
    let chosen = chosen_indices(options, chosen)?;
    if chosen.len() > 1 {
        return Err(ResponseError::TooManyChoices(chosen.len()));
    }
    let weight = chosen
        .first()
        .and_then(|&i| options.get(i))
        .map_or(0.0, |o| o.weight);
    let mut grade = finish(
        Some((weight, None)),
        CorrectAnswer::Choice {
            indices: full_marks(options.iter().enumerate().map(|(i, o)| (o.weight, i))),
        },
    );
    grade.feedback = feedback_of(options, &chosen);
    Ok(grade)
}

fn multiple(
    options: &[Choice],
    scoring: Scoring,
    chosen: &[usize],
) -> Result<Grade, ResponseError> {
    let chosen = chosen_indices(options, chosen)?;
    let right: Vec<usize> = (0..options.len())
        .filter(|&i| options[i].is_correct())
        .collect();
    let fraction = match scoring {
        Scoring::AllOrNothing => {
            if chosen == right {
                1.0
            } else {
                0.0
            }
        }
        // Negative weights subtract, but the question never scores below zero.
        Scoring::Weighted => chosen
            .iter()
            .filter_map(|&i| options.get(i))
            .map(|o| o.weight)
            .sum(),
    };
    let mut grade = finish(
        Some((fraction, None)),
        CorrectAnswer::Choice { indices: right },
    );
    grade.feedback = feedback_of(options, &chosen);
    Ok(grade)
}

fn order_grade(len: usize, order: &[usize]) -> Result<Grade, ResponseError> {
    if order.is_empty() {
        return Err(ResponseError::Empty);
    }
    if order.len() != len {
        return Err(ResponseError::WrongLength {
            expected: len,
            got: order.len(),
        });
    }
    let mut seen = vec![false; len];
    for &i in order {
        let slot = seen.get_mut(i).ok_or(ResponseError::IndexOutOfRange(i))?;
        if *slot {
            return Err(ResponseError::DuplicateIndex(i));
        }
        *slot = true;
    }
    let right = order.iter().enumerate().all(|(pos, &i)| pos == i);
    Ok(finish(
        Some((if right { 1.0 } else { 0.0 }, None)),
        CorrectAnswer::Order {
            order: (0..len).collect(),
        },
    ))
}

#[cfg(test)]
// The pi questions are about approximating pi: 3.1415 is the data, not a
// stand-in for `PI`.
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use crate::model::{MatchPair, NumericAnswer, TextAnswer};

    fn question(answer: Answer) -> Question {
        Question {
            id: "q1".into(),
            title: None,
            prompt_html: "<p>?</p>".into(),
            points: 2,
            group: None,
            answer,
            explanation_html: None,
            line: 1,
        }
    }

    fn choice(weight: f64, feedback: Option<&str>) -> Choice {
        Choice {
            html: format!("optie {weight}"),
            weight,
            feedback_html: feedback.map(String::from),
        }
    }

    fn single(weights: &[f64]) -> Question {
        question(Answer::Single {
            options: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| choice(w, Some(&format!("fb{i}"))))
                .collect(),
        })
    }

    fn multiple(weights: &[f64], scoring: Scoring) -> Question {
        question(Answer::Multiple {
            options: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| choice(w, (i != 1).then(|| format!("fb{i}")).as_deref()))
                .collect(),
            scoring,
        })
    }

    fn fraction(q: &Question, r: Response) -> f64 {
        match grade(q, &r) {
            Ok(g) => g.fraction,
            Err(e) => panic!("{e}"),
        }
    }

    fn choose(v: &[usize]) -> Response {
        Response::Choice(v.to_vec())
    }

    // --- single ----------------------------------------------------------

    #[test]
    fn single_right_and_wrong() {
        let q = single(&[0.0, 1.0, 0.0]);
        let g = grade(&q, &choose(&[1])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 1.0);
        assert!(g.correct);
        assert_eq!(g.feedback, ["fb1"]);
        assert_eq!(g.correct_answer, CorrectAnswer::Choice { indices: vec![1] });
        let g = grade(&q, &choose(&[2])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 0.0);
        assert!(!g.correct);
        assert_eq!(g.feedback, ["fb2"]);
    }

    #[test]
    fn single_partial_and_negative_weights_are_clamped() {
        let q = single(&[1.0, 0.5, -0.5, 0.25]);
        assert_eq!(fraction(&q, choose(&[1])), 0.5);
        assert_eq!(fraction(&q, choose(&[3])), 0.25);
        assert_eq!(fraction(&q, choose(&[2])), 0.0);
        let g = grade(&q, &choose(&[1])).unwrap_or_else(|e| panic!("{e}"));
        assert!(!g.correct);
        // Only the full-marks option is "the" answer.
        assert_eq!(g.correct_answer, CorrectAnswer::Choice { indices: vec![0] });
    }

    #[test]
    fn single_with_two_full_marks_options() {
        let q = single(&[1.0, 0.0, 1.0]);
        assert_eq!(fraction(&q, choose(&[2])), 1.0);
        let g = grade(&q, &choose(&[1])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Choice {
                indices: vec![0, 2]
            }
        );
    }

    #[test]
    fn single_needs_exactly_one_valid_choice() {
        let q = single(&[0.0, 1.0]);
        assert_eq!(grade(&q, &choose(&[])), Err(ResponseError::Empty));
        assert_eq!(
            grade(&q, &choose(&[0, 1])),
            Err(ResponseError::TooManyChoices(2))
        );
        assert_eq!(
            grade(&q, &choose(&[2])),
            Err(ResponseError::IndexOutOfRange(2))
        );
        assert_eq!(
            grade(&q, &choose(&[1, 1])),
            Err(ResponseError::DuplicateIndex(1))
        );
    }

    // --- multiple --------------------------------------------------------

    #[test]
    fn multiple_all_or_nothing() {
        let q = multiple(&[1.0, 0.0, 1.0, 0.0], Scoring::AllOrNothing);
        assert_eq!(fraction(&q, choose(&[0, 2])), 1.0);
        assert_eq!(fraction(&q, choose(&[2, 0])), 1.0, "order does not matter");
        assert_eq!(fraction(&q, choose(&[0])), 0.0, "a subset is wrong");
        assert_eq!(fraction(&q, choose(&[0, 1, 2])), 0.0, "a superset is wrong");
        let g = grade(&q, &choose(&[2, 0, 1])).unwrap_or_else(|e| panic!("{e}"));
        // Feedback in authored order; option 1 has none.
        assert_eq!(g.feedback, ["fb0", "fb2"]);
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Choice {
                indices: vec![0, 2]
            }
        );
    }

    #[test]
    fn multiple_weighted_sums_and_never_goes_below_zero() {
        let q = multiple(&[-0.5, 0.5, 0.5, -0.5], Scoring::Weighted);
        assert_eq!(fraction(&q, choose(&[1, 2])), 1.0);
        assert_eq!(fraction(&q, choose(&[1])), 0.5);
        assert_eq!(fraction(&q, choose(&[0, 1, 2])), 0.5);
        assert_eq!(fraction(&q, choose(&[0, 1])), 0.0);
        assert_eq!(fraction(&q, choose(&[0, 3])), 0.0, "clamped at zero");
        assert_eq!(fraction(&q, choose(&[0, 1, 2, 3])), 0.0);
        let g = grade(&q, &choose(&[1])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Choice {
                indices: vec![1, 2]
            }
        );
    }

    #[test]
    fn only_floating_point_noise_counts_as_full_marks() {
        let q = multiple(&[0.33333, 0.33333, 0.33333, 0.0], Scoring::Weighted);
        let g = grade(&q, &choose(&[0, 1, 2])).unwrap_or_else(|e| panic!("{e}"));
        assert!((g.fraction - 0.99999).abs() < 1e-12);
        // Within floating point noise only: 0.99999 is not full marks.
        assert!(!g.correct);
        let q = multiple(&[0.1, 0.2, 0.7], Scoring::Weighted);
        let g = grade(&q, &choose(&[0, 1, 2])).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.correct, "0.1 + 0.2 + 0.7 is 1 within epsilon");
        assert_eq!(g.fraction, 1.0);
    }

    #[test]
    fn multiple_weighted_above_one_is_clamped() {
        let q = multiple(&[1.0, 0.5], Scoring::Weighted);
        assert_eq!(fraction(&q, choose(&[0, 1])), 1.0);
    }

    #[test]
    fn multiple_bad_responses() {
        let q = multiple(&[1.0, 1.0], Scoring::AllOrNothing);
        assert_eq!(grade(&q, &choose(&[])), Err(ResponseError::Empty));
        assert_eq!(
            grade(&q, &choose(&[0, 5])),
            Err(ResponseError::IndexOutOfRange(5))
        );
        assert_eq!(
            grade(&q, &choose(&[0, 0])),
            Err(ResponseError::DuplicateIndex(0))
        );
    }

    // --- order -----------------------------------------------------------

    #[test]
    fn order_all_or_nothing() {
        let q = question(Answer::Order {
            items: vec!["a".into(), "b".into(), "c".into()],
            feedback: vec![None; 3],
        });
        let g = grade(&q, &Response::Order(vec![0, 1, 2])).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.correct);
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Order {
                order: vec![0, 1, 2]
            }
        );
        assert!(g.feedback.is_empty());
        assert_eq!(fraction(&q, Response::Order(vec![1, 0, 2])), 0.0);
        assert_eq!(fraction(&q, Response::Order(vec![2, 1, 0])), 0.0);
    }

    #[test]
    fn order_feedback_names_the_items_out_of_place() {
        let q = question(Answer::Order {
            items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            feedback: vec![
                Some("A eerst".into()),
                None,
                Some("C na B".into()),
                Some("D laatst".into()),
            ],
        });
        let g = grade(&q, &Response::Order(vec![0, 2, 1, 3])).unwrap_or_else(|e| panic!("{e}"));
        assert!(!g.correct);
        // b and c swapped: c's feedback; b has none; a and d are in place.
        assert_eq!(g.feedback, ["C na B"]);
        let g = grade(&q, &Response::Order(vec![3, 1, 2, 0])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.feedback, ["A eerst", "D laatst"]);
        let g = grade(&q, &Response::Order(vec![0, 1, 2, 3])).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.correct);
        assert!(g.feedback.is_empty(), "no item feedback when all is right");
    }

    #[test]
    fn order_bad_responses() {
        let q = question(Answer::Order {
            items: vec!["a".into(), "b".into(), "c".into()],
            feedback: vec![None; 3],
        });
        assert_eq!(
            grade(&q, &Response::Order(vec![])),
            Err(ResponseError::Empty)
        );
        assert_eq!(
            grade(&q, &Response::Order(vec![0, 1])),
            Err(ResponseError::WrongLength {
                expected: 3,
                got: 2
            })
        );
        assert_eq!(
            grade(&q, &Response::Order(vec![0, 1, 3])),
            Err(ResponseError::IndexOutOfRange(3))
        );
        assert_eq!(
            grade(&q, &Response::Order(vec![0, 1, 1])),
            Err(ResponseError::DuplicateIndex(1))
        );
    }

    // --- text ------------------------------------------------------------

    fn text_question() -> Question {
        question(Answer::Text {
            accepted: vec![
                TextAnswer {
                    text: "Omgevingswet".into(),
                    weight: 1.0,
                    feedback_html: Some("Juist".into()),
                },
                TextAnswer {
                    text: "Omgevings  wet".into(),
                    weight: 0.75,
                    feedback_html: Some("Bijna".into()),
                },
                TextAnswer {
                    text: "wro".into(),
                    weight: -0.5,
                    feedback_html: None,
                },
                TextAnswer {
                    text: "OMGEVINGSWET".into(),
                    weight: 0.5,
                    feedback_html: Some("Hoofdletters".into()),
                },
            ],
        })
    }

    #[test]
    fn text_is_normalised() {
        let q = text_question();
        for typed in [
            "Omgevingswet",
            "  omgevingswet ",
            "OMGEVINGSWET",
            "omgevingsWet\n",
        ] {
            let g = grade(&q, &Response::Text(typed.into())).unwrap_or_else(|e| panic!("{e}"));
            assert!(g.correct, "{typed:?}");
            // The best of several matching answers, with its feedback.
            assert_eq!(g.feedback, ["Juist"]);
        }
        assert_eq!(normalise("  De   Raad\t van\nState "), "de raad van state");
    }

    #[test]
    fn text_partial_negative_and_wrong() {
        let q = text_question();
        let g =
            grade(&q, &Response::Text("omgevings \t wet".into())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 0.75);
        assert_eq!(g.feedback, ["Bijna"]);
        assert_eq!(fraction(&q, Response::Text("WRO".into())), 0.0);
        let g = grade(&q, &Response::Text("Woningwet".into())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 0.0);
        assert!(g.feedback.is_empty());
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Text {
                accepted: vec!["Omgevingswet".into()]
            }
        );
        assert_eq!(
            grade(&q, &Response::Text("  ".into())),
            Err(ResponseError::Empty)
        );
    }

    #[test]
    fn text_compares_unicode_case_insensitively() {
        let q = question(Answer::Text {
            accepted: vec![TextAnswer {
                text: "Één Loket".into(),
                weight: 1.0,
                feedback_html: None,
            }],
        });
        assert_eq!(fraction(&q, Response::Text("één loket".into())), 1.0);
    }

    // --- match -----------------------------------------------------------

    fn match_question() -> Question {
        let pair = |l: &str, r: &str| MatchPair {
            left_html: l.into(),
            right: r.into(),
            feedback_html: Some(format!("over {l}")),
        };
        question(Answer::Match {
            pairs: vec![
                pair("Raad", "kaders"),
                pair("College", "uitvoeren"),
                pair("Griffie", "ondersteunen"),
                pair("Rekenkamer", "kaders"),
            ],
        })
    }

    #[test]
    fn match_feedback_names_the_left_sides_matched_wrongly() {
        let q = match_question();
        let g = grade(
            &q,
            &Response::Match(vec![Some(1), Some(0), Some(2), Some(3)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(!g.correct);
        assert_eq!(g.feedback, ["over Raad", "over College"]);
        // Either copy of a shared right side is right; unanswered is wrong.
        let g = grade(&q, &Response::Match(vec![Some(3), Some(1), None, Some(0)]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.feedback, ["over Griffie"]);
        let g = grade(
            &q,
            &Response::Match(vec![Some(0), Some(1), Some(2), Some(3)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(g.feedback.is_empty());
    }

    #[test]
    fn match_all_or_nothing() {
        let q = match_question();
        let g = grade(
            &q,
            &Response::Match(vec![Some(0), Some(1), Some(2), Some(3)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(g.correct);
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Match {
                rights: vec![0, 1, 2, 3]
            }
        );
        // One wrong pair is wrong.
        assert_eq!(
            fraction(
                &q,
                Response::Match(vec![Some(1), Some(0), Some(2), Some(3)])
            ),
            0.0
        );
        // One unanswered pair is wrong.
        assert_eq!(
            fraction(&q, Response::Match(vec![Some(0), Some(1), Some(2), None])),
            0.0
        );
    }

    #[test]
    fn match_identical_right_sides_are_interchangeable() {
        let q = match_question();
        assert_eq!(
            fraction(
                &q,
                Response::Match(vec![Some(3), Some(1), Some(2), Some(0)])
            ),
            1.0
        );
    }

    #[test]
    fn match_bad_responses() {
        let q = match_question();
        assert_eq!(
            grade(&q, &Response::Match(vec![Some(0)])),
            Err(ResponseError::WrongLength {
                expected: 4,
                got: 1
            })
        );
        assert_eq!(
            grade(&q, &Response::Match(vec![None; 4])),
            Err(ResponseError::Empty)
        );
        assert_eq!(
            grade(&q, &Response::Match(vec![Some(0), Some(9), None, None])),
            Err(ResponseError::IndexOutOfRange(9))
        );
    }

    // --- numeric ---------------------------------------------------------

    fn numeric_question() -> Question {
        question(Answer::Numeric {
            accepted: vec![
                NumericAnswer {
                    target: NumericTarget::Tolerance {
                        value: 1822.0,
                        tolerance: 0.0,
                    },
                    weight: 1.0,
                    feedback_html: Some("Precies".into()),
                },
                NumericAnswer {
                    target: NumericTarget::Tolerance {
                        value: 1822.0,
                        tolerance: 2.0,
                    },
                    weight: 0.5,
                    feedback_html: Some("Bijna".into()),
                },
                NumericAnswer {
                    target: NumericTarget::Range {
                        min: f64::MIN,
                        max: f64::MAX,
                    },
                    weight: 0.0,
                    feedback_html: Some("Nee".into()),
                },
            ],
        })
    }

    #[test]
    fn numeric_best_weight_among_containing_targets() {
        let q = numeric_question();
        let g = grade(&q, &Response::Numeric("1822".into())).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.correct);
        assert_eq!(g.feedback, ["Precies"]);
        let g = grade(&q, &Response::Numeric(" 1823,5 ".into())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 0.5);
        assert_eq!(g.feedback, ["Bijna"]);
        let g = grade(&q, &Response::Numeric("-2.5".into())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.fraction, 0.0);
        assert_eq!(g.feedback, ["Nee"]);
        assert_eq!(
            g.correct_answer,
            CorrectAnswer::Numeric {
                accepted: vec![CorrectNumber::Tolerance {
                    value: 1822.0,
                    tolerance: 0.0
                }]
            }
        );
    }

    #[test]
    fn numeric_range_and_tolerance_edges() {
        let q = question(Answer::Numeric {
            accepted: vec![NumericAnswer {
                target: NumericTarget::Range {
                    min: 3.141,
                    max: 3.142,
                },
                weight: 1.0,
                feedback_html: None,
            }],
        });
        assert_eq!(fraction(&q, Response::Numeric("3,141".into())), 1.0);
        assert_eq!(fraction(&q, Response::Numeric("3.142".into())), 1.0);
        assert_eq!(fraction(&q, Response::Numeric("3.1415".into())), 1.0);
        assert_eq!(fraction(&q, Response::Numeric("3.143".into())), 0.0);
        let g = grade(&q, &Response::Numeric("3".into())).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.feedback.is_empty());
    }

    #[test]
    fn numbers_as_learners_type_them() {
        let ok = |s: &str| parse_number(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        assert_eq!(ok("1822"), 1822.0);
        assert_eq!(ok(" 3,1415 "), 3.1415);
        assert_eq!(ok("-2.5"), -2.5);
        assert_eq!(ok("\u{2212}2,5"), -2.5);
        assert_eq!(ok("+4"), 4.0);
        assert_eq!(ok(",5"), 0.5);
        assert_eq!(ok("1.822,5"), 1822.5);
        assert_eq!(ok("1,822.5"), 1822.5);
        assert_eq!(ok("1 822"), 1822.0);
        assert_eq!(parse_number(""), Err(ResponseError::Empty));
        assert_eq!(parse_number("   "), Err(ResponseError::Empty));
        for bad in [
            "abc",
            "1.000.000",
            "1,2,3",
            "inf",
            "NaN",
            "1e5",
            "-",
            ".",
            "1,5.000,2",
            "12a",
        ] {
            assert_eq!(
                parse_number(bad),
                Err(ResponseError::NotANumber(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn numeric_bad_responses() {
        let q = numeric_question();
        assert_eq!(
            grade(&q, &Response::Numeric("achttien".into())),
            Err(ResponseError::NotANumber("achttien".into()))
        );
        assert_eq!(
            grade(&q, &Response::Numeric(" ".into())),
            Err(ResponseError::Empty)
        );
    }

    // --- kinds and points ------------------------------------------------

    #[test]
    fn wrong_kind_of_response() {
        let q = single(&[1.0, 0.0]);
        assert_eq!(
            grade(&q, &Response::Text("a".into())),
            Err(ResponseError::WrongKind {
                expected: "single",
                got: "text"
            })
        );
        assert_eq!(
            grade(&numeric_question(), &choose(&[0])),
            Err(ResponseError::WrongKind {
                expected: "numeric",
                got: "choice"
            })
        );
        let e = ResponseError::WrongKind {
            expected: "order",
            got: "match",
        };
        assert_eq!(
            e.to_string(),
            "a match response cannot answer a order question"
        );
    }

    #[test]
    fn points_are_fraction_times_points() {
        let q = single(&[1.0, 0.5]);
        let g = grade(&q, &choose(&[1])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(points(&q, &g), 1.0);
        let g = grade(&q, &choose(&[0])).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(points(&q, &g), 2.0);
    }

    #[test]
    fn response_json_shape() {
        let json = |r: &Response| serde_json::to_string(r).unwrap_or_default();
        assert_eq!(json(&choose(&[1, 2])), r#"{"type":"choice","value":[1,2]}"#);
        assert_eq!(
            json(&Response::Match(vec![Some(1), None])),
            r#"{"type":"match","value":[1,null]}"#
        );
        let back: Response = serde_json::from_str(r#"{"type":"numeric","value":"3,14"}"#)
            .unwrap_or(Response::Text(String::new()));
        assert_eq!(back, Response::Numeric("3,14".into()));
        assert!(serde_json::from_str::<Response>(r#"{"type":"nope","value":1}"#).is_err());
    }
}
