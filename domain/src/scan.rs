//! The self-scan's rules: reading a learner's choices from the form, and
//! the advice they lead to.
//!
//! The advice is every target of every chosen option, each once, with the
//! reasons of the options that led to it: modules of the course first, in
//! the course's order (the order a learner would meet them), then other
//! courses in the order the scan first names them. A module the learner
//! has completed stays in the advice; the page says so.

use crate::model::{Course, Scan, ScanQuestion, ScanTarget};
use std::collections::BTreeMap;

/// The options a learner chose: question id → option indexes (0-based,
/// ascending). Every question of the scan has an entry; a `multiple`
/// question's may be empty.
pub type Choices = BTreeMap<String, Vec<usize>>;

/// What is wrong with a filled-in scan form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    /// A single-choice question without an answer.
    Unanswered { question: usize },
    /// A value that is not an option of the question (a stale or made-up
    /// form).
    NoSuchOption { question: usize },
}

/// The form field of a single-choice question: `f[<id>]` = option index.
pub fn field_single(question: &str) -> String {
    question.to_string()
}

/// The form field of one checkbox of a multiple-choice question:
/// `f[<id>.<index>]` = anything.
pub fn field_multiple(question: &str, option: usize) -> String {
    format!("{question}.{option}")
}

/// Read the choices from the form's `f[...]` fields. Fields that belong to
/// no question are ignored; every single-choice question must be answered.
/// Errors name the question by its 1-based number, as the page shows it.
pub fn read_choices(
    scan: &Scan,
    fields: &BTreeMap<String, String>,
) -> Result<Choices, ChoiceError> {
    let mut out = Choices::new();
    for (n, q) in scan.questions.iter().enumerate() {
        let question = n + 1;
        let chosen = if q.multiple {
            (0..q.options.len())
                .filter(|&i| fields.contains_key(&field_multiple(&q.id, i)))
                .collect()
        } else {
            let value = fields
                .get(&field_single(&q.id))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .ok_or(ChoiceError::Unanswered { question })?;
            let index = value
                .parse::<usize>()
                .ok()
                .filter(|&i| i < q.options.len())
                .ok_or(ChoiceError::NoSuchOption { question })?;
            vec![index]
        };
        out.insert(q.id.clone(), chosen);
    }
    Ok(out)
}

/// Stored choices as they are kept: `id=1;id2=0,2` (ids are slugs, so
/// neither `=`, `;` nor `,` occur in them).
pub fn encode(choices: &Choices) -> String {
    choices
        .iter()
        .map(|(id, options)| {
            let list: Vec<String> = options.iter().map(usize::to_string).collect();
            format!("{id}={}", list.join(","))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Stored choices read back; `None` when they do not fit `scan` (it
/// changed since: a question or option is gone, or a question is new).
pub fn decode(scan: &Scan, stored: &str) -> Option<Choices> {
    let mut out = Choices::new();
    for part in stored.split(';').filter(|p| !p.is_empty()) {
        let (id, list) = part.split_once('=')?;
        let q = scan.question(id)?;
        let options = list
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<usize>().ok().filter(|&i| i < q.options.len()))
            .collect::<Option<Vec<_>>>()?;
        out.insert(id.to_string(), options);
    }
    scan.questions
        .iter()
        .all(|q| out.contains_key(&q.id))
        .then_some(out)
}

/// One line of advice: where to go, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub target: ScanTarget,
    /// The reasons (rendered HTML) of the chosen options that named this
    /// target, in question order, each once.
    pub reasons: Vec<String>,
}

/// The advice `choices` lead to in `scan` of `course` (see module docs).
pub fn advice(course: &Course, scan: &Scan, choices: &Choices) -> Vec<Advice> {
    let mut found: Vec<Advice> = Vec::new();
    for q in &scan.questions {
        for &i in choices.get(&q.id).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(option) = q.options.get(i) else {
                continue;
            };
            for target in &option.targets {
                let at = match found.iter().position(|a| &a.target == target) {
                    Some(at) => at,
                    None => {
                        found.push(Advice {
                            target: target.clone(),
                            reasons: Vec::new(),
                        });
                        found.len() - 1
                    }
                };
                if let Some(reason) = &option.reason_html {
                    if !found[at].reasons.contains(reason) {
                        found[at].reasons.push(reason.clone());
                    }
                }
            }
        }
    }
    let rank = |t: &ScanTarget| match t {
        ScanTarget::Module(id) => (0, course.modules.iter().position(|m| &m.id == id)),
        ScanTarget::Course(_) => (1, None),
    };
    // Stable: courses keep the order the scan first named them in.
    found.sort_by_key(|a| rank(&a.target));
    found
}

/// The chosen options' labels of one question, for the learner's summary.
pub fn chosen_labels<'a>(q: &'a ScanQuestion, choices: &Choices) -> Vec<&'a str> {
    choices
        .get(&q.id)
        .map(|list| {
            list.iter()
                .filter_map(|&i| q.options.get(i).map(|o| o.html.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Module, ModuleKind, ScanOption};

    fn option(label: &str, targets: &[ScanTarget], reason: Option<&str>) -> ScanOption {
        ScanOption {
            html: label.into(),
            reason_html: reason.map(str::to_string),
            targets: targets.to_vec(),
            line: 1,
        }
    }

    fn m(id: &str) -> ScanTarget {
        ScanTarget::Module(id.into())
    }

    fn fixture() -> (Course, Scan) {
        let scan = Scan {
            title: "Waar sta je?".into(),
            segments: vec![],
            questions: vec![
                ScanQuestion {
                    id: "stadium".into(),
                    prompt_html: String::new(),
                    multiple: false,
                    options: vec![
                        option("niet begonnen", &[m("waarom"), m("stappen")], Some("basis")),
                        option("tool gekocht", &[m("stappen")], Some("eerst het plan")),
                        option("loopt", &[], None),
                    ],
                    line: 1,
                },
                ScanQuestion {
                    id: "zorgen".into(),
                    prompt_html: String::new(),
                    multiple: true,
                    options: vec![
                        option(
                            "weinig reacties",
                            &[m("monitoren"), m("stappen")],
                            Some("bereik"),
                        ),
                        option(
                            "initiatieven",
                            &[ScanTarget::Course("andere".into())],
                            Some("uitdaagrecht"),
                        ),
                    ],
                    line: 9,
                },
            ],
            content_hash: "h".into(),
        };
        let modules = ["waarom", "stappen", "monitoren"]
            .into_iter()
            .map(|id| Module::for_test(id, ModuleKind::Lesson))
            .collect();
        let course = Course {
            scan: Some(scan.clone()),
            ..Course::for_test(modules)
        };
        (course, scan)
    }

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_advice_follows_the_chosen_options_in_course_order() {
        let (course, scan) = fixture();
        let choices = read_choices(
            &scan,
            &form(&[("stadium", "1"), ("zorgen.0", "on"), ("zorgen.1", "on")]),
        )
        .expect("a complete form");
        let advice = advice(&course, &scan, &choices);
        let targets: Vec<&ScanTarget> = advice.iter().map(|a| &a.target).collect();
        // Modules in course order (stappen before monitoren although the
        // second question named monitoren first), then the other course.
        assert_eq!(
            targets,
            [
                &m("stappen"),
                &m("monitoren"),
                &ScanTarget::Course("andere".into())
            ]
        );
        assert_eq!(advice[0].reasons, ["eerst het plan", "bereik"]);
        assert_eq!(advice[1].reasons, ["bereik"]);
    }

    #[test]
    fn not_started_is_sent_to_the_basics_and_running_gets_nothing_extra() {
        let (course, scan) = fixture();
        let started = read_choices(&scan, &form(&[("stadium", "0")])).unwrap();
        assert_eq!(started["zorgen"], Vec::<usize>::new());
        let advice_started = advice(&course, &scan, &started);
        assert_eq!(advice_started[0].target, m("waarom"));
        assert_eq!(advice_started[0].reasons, ["basis"]);
        let running = read_choices(&scan, &form(&[("stadium", "2")])).unwrap();
        assert!(advice(&course, &scan, &running).is_empty());
    }

    #[test]
    fn a_form_without_an_answer_or_with_a_made_up_option_is_refused() {
        let (_, scan) = fixture();
        assert_eq!(
            read_choices(&scan, &form(&[("zorgen.0", "on")])),
            Err(ChoiceError::Unanswered { question: 1 })
        );
        assert_eq!(
            read_choices(&scan, &form(&[("stadium", "3")])),
            Err(ChoiceError::NoSuchOption { question: 1 })
        );
        assert_eq!(
            read_choices(&scan, &form(&[("stadium", "een")])),
            Err(ChoiceError::NoSuchOption { question: 1 })
        );
        // A checkbox that does not exist is ignored, like any unknown field.
        let choices = read_choices(&scan, &form(&[("stadium", "0"), ("zorgen.7", "on")])).unwrap();
        assert_eq!(choices["zorgen"], Vec::<usize>::new());
    }

    #[test]
    fn stored_choices_round_trip_and_do_not_fit_a_changed_scan() {
        let (_, mut scan) = fixture();
        let choices = read_choices(&scan, &form(&[("stadium", "1"), ("zorgen.1", "on")])).unwrap();
        let stored = encode(&choices);
        assert_eq!(stored, "stadium=1;zorgen=1");
        assert_eq!(decode(&scan, &stored), Some(choices));
        assert_eq!(decode(&scan, "stadium=1"), None, "a question missing");
        assert_eq!(decode(&scan, "stadium=5;zorgen="), None, "no such option");
        scan.questions[1].options.pop();
        assert_eq!(decode(&scan, &stored), None, "the option is gone");
    }
}
