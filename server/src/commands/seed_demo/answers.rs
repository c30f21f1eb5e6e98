//! The form fields of an answer to a question, right or wrong, named as a
//! learner's page names them: how `seed-demo` answers for its demo people
//! through the same server functions' queries a browser reaches, and how
//! the tests answer.

use domain::model::{Answer, NumericTarget, Question};
use domain::option_tokens::{Namer, Part};

/// The form fields of a fully correct answer to `q`, with options named by
/// their authored index; [`tokenized`] names them as the page does.
pub fn correct_fields(q: &Question) -> Vec<(String, String)> {
    let f = |part: String| format!("f[{}.{}]", q.id, part);
    match &q.answer {
        Answer::Single { options } => {
            let best = options
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
                .map_or(0, |(i, _)| i);
            vec![(f("c".into()), best.to_string())]
        }
        Answer::Multiple { options, .. } => options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.weight > 0.0)
            .map(|(i, _)| (f(format!("c{i}")), i.to_string()))
            .collect(),
        Answer::Order { items, .. } => (0..items.len())
            .map(|i| (f(format!("o{i}")), (i + 1).to_string()))
            .collect(),
        Answer::Match { pairs } => (0..pairs.len())
            .map(|i| (f(format!("m{i}")), i.to_string()))
            .collect(),
        Answer::Text { accepted } => {
            let best = accepted
                .iter()
                .max_by(|a, b| a.weight.total_cmp(&b.weight))
                .map(|a| a.text.clone())
                .unwrap_or_default();
            vec![(f("t".into()), best)]
        }
        Answer::Numeric { accepted } => {
            let x = accepted
                .iter()
                .max_by(|a, b| a.weight.total_cmp(&b.weight))
                .map_or(0.0, |best| match best.target {
                    NumericTarget::Tolerance { value, .. } => value,
                    NumericTarget::Range { min, max } => (min + max) / 2.0,
                });
            vec![(f("t".into()), x.to_string())]
        }
    }
}

/// The form fields of a wrong answer to `q` (its first wrong option, for a
/// choice question).
pub fn wrong_fields(q: &Question) -> Vec<(String, String)> {
    wrong_fields_nth(q, 0)
}

/// Typed answers that are wrong for any question of the demo content; a
/// few, so the question analysis shows frequent wrong answers.
const WRONG_TEXTS: [&str; 3] = ["weet ik niet", "geen idee", "inspraak"];

/// The `n`th of several wrong answers to `q`: another wrong option, the
/// order reversed, the right sides moved one place, a known wrong typed
/// answer (`- ~`) or one of a few common ones, a number far off.
pub fn wrong_fields_nth(q: &Question, n: usize) -> Vec<(String, String)> {
    let f = |part: String| format!("f[{}.{}]", q.id, part);
    match &q.answer {
        Answer::Single { options } => {
            let wrong: Vec<usize> = (0..options.len())
                .filter(|&i| options[i].weight <= 0.0)
                .collect();
            let pick = wrong.get(n % wrong.len().max(1)).copied().unwrap_or(0);
            vec![(f("c".into()), pick.to_string())]
        }
        Answer::Multiple { options, .. } => {
            let wrong: Vec<usize> = (0..options.len())
                .filter(|&i| options[i].weight <= 0.0)
                .collect();
            // No wrong option: one right option alone is still not all of them.
            let pick = wrong.get(n % wrong.len().max(1)).copied().unwrap_or(0);
            vec![(f(format!("c{pick}")), pick.to_string())]
        }
        Answer::Order { items, .. } => (0..items.len())
            .map(|i| (f(format!("o{i}")), (items.len() - i).to_string()))
            .collect(),
        Answer::Match { pairs } => (0..pairs.len())
            .map(|i| (f(format!("m{i}")), ((i + 1) % pairs.len()).to_string()))
            .collect(),
        Answer::Text { accepted } => {
            let known: Vec<&str> = accepted
                .iter()
                .filter(|a| a.weight <= 0.0)
                .map(|a| a.text.as_str())
                .collect();
            let text = if known.is_empty() {
                WRONG_TEXTS[n % WRONG_TEXTS.len()]
            } else {
                known[n % known.len()]
            };
            vec![(f("t".into()), text.to_string())]
        }
        Answer::Numeric { accepted } => {
            let far = accepted
                .iter()
                .map(|a| match a.target {
                    NumericTarget::Tolerance { value, tolerance } => value.abs() + tolerance.abs(),
                    NumericTarget::Range { min, max } => min.abs().max(max.abs()),
                })
                .fold(0.0_f64, f64::max);
            vec![(f("t".into()), (far * 10.0 + 1000.0 + n as f64).to_string())]
        }
    }
}

/// Fields with options named by authored index, as the page names them:
/// by their tokens (`domain::option_tokens`), as a browser sends back what
/// the page holds.
pub fn tokenized(
    q: &Question,
    fields: Vec<(String, String)>,
    names: &Namer,
) -> Vec<(String, String)> {
    let prefix = format!("f[{}.", q.id);
    fields
        .into_iter()
        .map(|(name, value)| {
            let Some(part) = name.strip_prefix(&prefix).and_then(|p| p.strip_suffix(']')) else {
                return (name, value);
            };
            let idx = |s: &str| s.parse::<usize>().unwrap_or(usize::MAX);
            let field = |p: String| format!("{prefix}{p}]");
            match (&q.answer, part) {
                (Answer::Single { .. } | Answer::Multiple { .. }, "c") => {
                    (name, names.token(&q.id, Part::Choice, idx(&value)))
                }
                (Answer::Multiple { .. }, p) if p.starts_with('c') => {
                    let t = names.token(&q.id, Part::Choice, idx(&p[1..]));
                    (field(format!("c{t}")), t)
                }
                (Answer::Order { .. }, p) if p.starts_with('o') => (
                    field(format!(
                        "o{}",
                        names.token(&q.id, Part::OrderItem, idx(&p[1..]))
                    )),
                    value,
                ),
                (Answer::Match { .. }, p) if p.starts_with('m') => (
                    field(format!(
                        "m{}",
                        names.token(&q.id, Part::MatchLeft, idx(&p[1..]))
                    )),
                    names.token(&q.id, Part::MatchRight, idx(&value)),
                ),
                _ => (name, value),
            }
        })
        .collect()
}
