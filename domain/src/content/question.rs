//! `::: question` blocks: the Markdown question syntax of the content format.
//!
//! Steps for one block:
//! 1. read the attributes (`id=`, `type=`, `points=`, `group=`);
//! 2. parse the body (with task lists) keeping offsets, and split it at the
//!    answer list: before it the prompt, after it the explanation;
//! 3. classify every list item (checkbox, `= answer`, `left -> right`,
//!    plain) and reject a mix of styles (`~ answer`, a known wrong answer,
//!    counts as the `= answer` style);
//! 4. settle the type from the list and `type=` (see the table in
//!    content-format.md) and build the [`Answer`]: weights are 1.0 for a
//!    correct option and 0.0 otherwise, scoring all or nothing;
//! 5. render prompt, labels, feedback and explanation through the
//!    [`Renderer`], so links, images and raw HTML are checked like the body.

use super::blocks::{attributes, Block};
use super::problems::{ListStyle as Style, NumberProblem, Opener, Problem, QuestionType as QType};
use super::render::{inside, matching_end, parse, plain_text, Locator, Renderer, Spanned};
use super::source::Pos;
use crate::markdown;
use crate::model::{
    Answer, Choice, MatchPair, NumericAnswer, NumericTarget, Question, Scoring, TextAnswer,
};
use pulldown_cmark::{Event, Options, Tag};
use std::ops::Range;

/// One item of the answer list, taken apart.
pub(crate) struct Item<'e> {
    /// Offset (in the block body) of the item's list marker.
    pub offset: usize,
    pub checked: Option<bool>,
    pub label: Vec<Spanned<'e>>,
    /// Source range of the label (block body offsets).
    pub label_range: Range<usize>,
    pub feedback: Vec<Spanned<'e>>,
    pub style: Style,
}

/// A parsed question and where its id was given (for duplicate-id errors).
pub(crate) struct Parsed {
    pub question: Question,
    pub id_pos: Pos,
}

/// Parse a `::: question` block; `number` is its 1-based position among the
/// module's questions (its default id is `q<number>`). `None` when the block
/// has errors that leave no usable question (they are reported).
pub(crate) fn parse_question(
    block: &Block<'_>,
    number: usize,
    r: &mut Renderer<'_>,
) -> Option<Parsed> {
    let Attrs {
        id,
        id_pos,
        declared,
        points,
        group,
    } = read_attributes(block, number, r);

    let AnswerList {
        text,
        base,
        loc,
        events,
        list_start,
        list_end,
        list_pos,
    } = answer_list(block, r)?;
    let ordered = matches!(events[list_start].0, Event::Start(Tag::List(Some(_))));
    let prompt = events[..list_start].to_vec();
    let explanation = events[list_end + 1..].to_vec();

    let items = split_items(&events, list_start, list_end, text);
    if let Some((first, odd)) = mixed_style(&items) {
        r.report.error(
            r.pos(loc, odd.offset),
            Problem::MixedAnswerList {
                first,
                this: odd.style,
            },
        );
        return None;
    }
    let style = items.first().map_or(Style::Plain, |i| i.style);
    let qtype = settle_type(style, ordered, &items, declared, list_pos, r)?;

    let answer = match qtype {
        QType::Single | QType::Multiple => choices(qtype, items, list_pos, loc, r)?,
        QType::Order => order(items, list_pos, loc, r)?,
        QType::Text => texts(items, declared.is_none(), list_pos, loc, r)?,
        QType::Numeric => numerics(items, list_pos, loc, r)?,
        QType::Match => pairs(items, list_pos, base, text, loc, r)?,
    };

    let prompt_html = r.render_events(prompt, loc);
    let explanation_html = r.render_events(explanation, loc);
    Some(Parsed {
        question: Question {
            id,
            title: None,
            prompt_html,
            points,
            group,
            answer,
            explanation_html: (!explanation_html.trim().is_empty()).then_some(explanation_html),
            line: block.open_line + 1,
        },
        id_pos,
    })
}

/// A question block's body, parsed (task lists on) and split at its answer
/// list: before it the prompt, after it the explanation.
pub(crate) struct AnswerList<'t> {
    /// The block's body.
    pub text: &'t str,
    /// File offset of the body.
    pub base: usize,
    pub loc: Locator<'static>,
    pub events: Vec<Spanned<'t>>,
    /// Indexes of the list's start and end events.
    pub list_start: usize,
    pub list_end: usize,
    pub list_pos: Pos,
}

/// Parse a question block's body and find its answer list. `None` (and
/// reported) without one; an empty prompt is reported too. Shared by module
/// questions and scan questions.
pub(crate) fn answer_list<'t>(block: &Block<'_>, r: &mut Renderer<'t>) -> Option<AnswerList<'t>> {
    let file = r.file;
    let opener = file.pos(file.line_start(block.open_line));
    let base = block.body.start;
    let loc = Locator::Contiguous(base);
    let text = &file.text[block.body.clone()];
    let events = parse(text, markdown::options() | Options::ENABLE_TASKLISTS);
    let top = top_level(&events);
    let Some(list) = find_answer_list(&events, &top) else {
        r.report.error(opener, Problem::QuestionWithoutAnswerList);
        return None;
    };
    let (list_start, list_end) = top[list];
    let list_pos = r.pos(loc, events[list_start].1.start);
    if shows_nothing(&events[..list_start]) {
        r.report.error(opener, Problem::QuestionWithoutPrompt);
    }
    Some(AnswerList {
        text,
        base,
        loc,
        events,
        list_start,
        list_end,
        list_pos,
    })
}

/// The attributes of a `::: question` line, with their defaults.
pub(crate) struct Attrs {
    pub id: String,
    /// Where the id was given: the `id=` value, or the opening line.
    pub id_pos: Pos,
    pub declared: Option<(QType, Pos)>,
    pub points: u32,
    pub group: Option<String>,
}

pub(crate) fn read_attributes(block: &Block<'_>, number: usize, r: &mut Renderer<'_>) -> Attrs {
    let file = r.file;
    let mut out = Attrs {
        id: format!("q{number}"),
        id_pos: file.pos(file.line_start(block.open_line)),
        declared: None,
        points: 1,
        group: None,
    };
    let attrs = attributes(block, Opener::Question, file, &mut r.report);
    for attr in &attrs {
        let value_pos = file.pos(attr.value_offset);
        match attr.key {
            "id" if is_slug(attr.value) => {
                out.id = attr.value.to_string();
                out.id_pos = value_pos;
            }
            "id" => r.report.error(
                value_pos,
                Problem::InvalidQuestionId {
                    id: attr.value.to_string(),
                },
            ),
            "group" => out.group = read_group(attr.value, value_pos, r),
            "type" => match QType::from_name(attr.value) {
                Some(t) => out.declared = Some((t, value_pos)),
                None => r.report.error(
                    value_pos,
                    Problem::UnknownQuestionType {
                        value: attr.value.to_string(),
                    },
                ),
            },
            _ => match attr.value.parse::<u32>() {
                Ok(p) if p >= 1 => out.points = p,
                _ => r.report.error(
                    value_pos,
                    Problem::InvalidPoints {
                        value: attr.value.to_string(),
                    },
                ),
            },
        }
    }
    out
}

/// A `group=` value: a slug, like ids (it names a `draw:` entry).
pub(crate) fn read_group(value: &str, pos: Pos, r: &mut Renderer<'_>) -> Option<String> {
    if is_slug(value) {
        Some(value.to_string())
    } else {
        r.report.error(
            pos,
            Problem::InvalidGroup {
                group: value.to_string(),
            },
        );
        None
    }
}

/// `[a-z0-9-]+`: ids end up in URLs and form names.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// (start, end) event indices of each top-level element.
fn top_level(events: &[Spanned<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let end = match events[i].0 {
            Event::Start(_) => matching_end(events, i),
            _ => i,
        };
        out.push((i, end));
        i = end + 1;
    }
    out
}

/// Index (in `top`) of the answer list: the first list written like
/// answers (checkboxes, `=` answers or `->` pairs); failing that, the first
/// numbered list (an order question), or else the first list at all (which
/// `settle_type` then rejects or accepts for `type=order`).
fn find_answer_list(events: &[Spanned<'_>], top: &[(usize, usize)]) -> Option<usize> {
    let is_list = |&(s, _): &(usize, usize)| matches!(events[s].0, Event::Start(Tag::List(_)));
    let answer_like = |&(s, e): &(usize, usize)| {
        events[s..=e].iter().any(|(ev, _)| match ev {
            Event::TaskListMarker(_) => true,
            Event::Text(t) => {
                let t = t.trim_start();
                t.starts_with('=') || t.starts_with('~') || t.contains("->")
            }
            _ => false,
        })
    };
    let lists: Vec<usize> = (0..top.len()).filter(|&i| is_list(&top[i])).collect();
    lists
        .iter()
        .copied()
        .find(|&i| answer_like(&top[i]))
        .or_else(|| {
            lists
                .iter()
                .copied()
                .find(|&i| matches!(events[top[i].0].0, Event::Start(Tag::List(Some(_)))))
        })
        .or_else(|| lists.first().copied())
}

pub(crate) fn split_items<'e>(
    events: &[Spanned<'e>],
    list_start: usize,
    list_end: usize,
    text: &str,
) -> Vec<Item<'e>> {
    let mut items = Vec::new();
    let mut i = list_start + 1;
    while i < list_end {
        let end = matching_end(events, i);
        items.push(split_item(&events[i..=end], text));
        i = end + 1;
    }
    items
}

/// Take one `Item` apart: checkbox, label events, nested `>` feedback.
fn split_item<'e>(item: &[Spanned<'e>], text: &str) -> Item<'e> {
    let offset = item.first().map_or(0, |(_, r)| r.start);
    let mut checked = None;
    let mut label = Vec::new();
    let mut feedback = Vec::new();
    let inner = inside(item, 0, item.len().saturating_sub(1));
    let mut j = 0;
    while j < inner.len() {
        match &inner[j].0 {
            Event::TaskListMarker(c) => {
                checked = Some(*c);
                j += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let end = matching_end(inner, j);
                feedback.extend_from_slice(inside(inner, j, end));
                j = end + 1;
            }
            _ => {
                label.push(inner[j].clone());
                j += 1;
            }
        }
    }
    let label_range = label
        .iter()
        .map(|(_, r)| r.clone())
        .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
        .unwrap_or(offset..offset);
    let source = text.get(label_range.clone()).unwrap_or("").trim();
    let style = if checked.is_some() {
        Style::Checkbox
    } else if plain_text(&label).trim_start().starts_with(['=', '~']) {
        Style::Accepted
    } else if source.contains("->") {
        Style::Pair
    } else {
        Style::Plain
    };
    Item {
        offset,
        checked,
        label,
        label_range,
        feedback,
        style,
    }
}

/// The first item's style and the first item that differs from it.
fn mixed_style<'a, 'e>(items: &'a [Item<'e>]) -> Option<(Style, &'a Item<'e>)> {
    let first = items.first()?.style;
    items
        .iter()
        .find(|i| i.style != first)
        .map(|odd| (first, odd))
}

/// The question type from the list style and `type=`; reports a mismatch.
fn settle_type(
    style: Style,
    ordered: bool,
    items: &[Item<'_>],
    declared: Option<(QType, Pos)>,
    list_pos: Pos,
    r: &mut Renderer<'_>,
) -> Option<QType> {
    let correct = items.iter().filter(|i| i.checked == Some(true)).count();
    let from_list = match style {
        Style::Checkbox if correct > 1 => QType::Multiple,
        Style::Checkbox => QType::Single,
        Style::Accepted => QType::Text,
        Style::Pair => QType::Match,
        Style::Plain if ordered => QType::Order,
        Style::Plain => {
            if let Some((QType::Order, _)) = declared {
                return Some(QType::Order);
            }
            r.report.error(list_pos, Problem::NoCheckboxes);
            return None;
        }
    };
    let Some((wanted, pos)) = declared else {
        return Some(from_list);
    };
    let fits = match wanted {
        QType::Single | QType::Multiple => style == Style::Checkbox,
        QType::Order => style == Style::Plain,
        QType::Text | QType::Numeric => style == Style::Accepted,
        QType::Match => style == Style::Pair,
    };
    if fits {
        Some(wanted)
    } else {
        r.report.error(
            pos,
            Problem::TypeDoesNotFit {
                declared: wanted,
                style,
            },
        );
        None
    }
}

/// True when Markdown events hold neither text nor an image.
fn shows_nothing(events: &[Spanned<'_>]) -> bool {
    plain_text(events).trim().is_empty()
        && !events
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
}

/// True when an item has neither text nor an image.
pub(crate) fn is_empty_label(item: &Item<'_>) -> bool {
    shows_nothing(&item.label)
}

fn label_html(r: &mut Renderer<'_>, item: &Item<'_>, loc: Locator<'_>) -> String {
    markdown::strip_paragraph(&r.render_events(item.label.clone(), loc))
}

pub(crate) fn feedback_html(
    r: &mut Renderer<'_>,
    item: &Item<'_>,
    loc: Locator<'_>,
) -> Option<String> {
    if item.feedback.is_empty() {
        return None;
    }
    let html = r.render_events(item.feedback.clone(), loc);
    (!html.trim().is_empty()).then_some(html)
}

fn choices(
    qtype: QType,
    items: Vec<Item<'_>>,
    list_pos: Pos,
    loc: Locator<'_>,
    r: &mut Renderer<'_>,
) -> Option<Answer> {
    let correct = items.iter().filter(|i| i.checked == Some(true)).count();
    let mut ok = true;
    if items.len() < 2 {
        r.report.error(list_pos, Problem::TooFewOptions);
        ok = false;
    }
    if correct == 0 {
        r.report.error(list_pos, Problem::NoCorrectOption);
        ok = false;
    } else if qtype == QType::Single && correct > 1 {
        r.report
            .error(list_pos, Problem::SeveralCorrect { correct });
        ok = false;
    }
    for item in items.iter().filter(|i| is_empty_label(i)) {
        let pos = r.pos(loc, item.offset);
        r.report.error(pos, Problem::EmptyOption);
        ok = false;
    }
    if !ok {
        return None;
    }
    let mut options = Vec::with_capacity(items.len());
    for item in &items {
        if item.feedback.is_empty() {
            let pos = r.pos(loc, item.offset);
            r.report.warning(pos, Problem::OptionWithoutFeedback);
        }
        options.push(Choice {
            html: label_html(r, item, loc),
            weight: if item.checked == Some(true) { 1.0 } else { 0.0 },
            feedback_html: feedback_html(r, item, loc),
        });
    }
    Some(match qtype {
        QType::Single => Answer::Single { options },
        _ => Answer::Multiple {
            options,
            scoring: Scoring::AllOrNothing,
        },
    })
}

fn order(
    items: Vec<Item<'_>>,
    list_pos: Pos,
    loc: Locator<'_>,
    r: &mut Renderer<'_>,
) -> Option<Answer> {
    if items.len() < 2 {
        r.report.error(list_pos, Problem::TooFewOrderItems);
        return None;
    }
    if let Some(item) = items.iter().find(|i| is_empty_label(i)) {
        let pos = r.pos(loc, item.offset);
        r.report.error(pos, Problem::EmptyOrderItem);
        return None;
    }
    let feedback = items.iter().map(|i| feedback_html(r, i, loc)).collect();
    let items = items.iter().map(|i| label_html(r, i, loc)).collect();
    Some(Answer::Order { items, feedback })
}

/// The text after `=` (or `~`) of an accepted (or known wrong) answer
/// item, and its weight: 1 for `=`, 0 for `~`.
fn accepted_text(item: &Item<'_>) -> (String, f64) {
    let text = plain_text(&item.label);
    let text = text.trim();
    match text.strip_prefix('~') {
        Some(wrong) => (wrong.trim().to_string(), 0.0),
        None => (text.trim_start_matches('=').trim().to_string(), 1.0),
    }
}

/// A typed-answer list needs at least one `=` answer besides any `~` ones.
fn has_accepted(items: &[Item<'_>], list_pos: Pos, r: &mut Renderer<'_>) -> bool {
    let any = items.iter().any(|i| accepted_text(i).1 > 0.0);
    if !any {
        r.report.error(list_pos, Problem::OnlyWrongAnswers);
    }
    any
}

fn texts(
    items: Vec<Item<'_>>,
    undeclared: bool,
    list_pos: Pos,
    loc: Locator<'_>,
    r: &mut Renderer<'_>,
) -> Option<Answer> {
    let mut accepted = Vec::new();
    let mut ok = has_accepted(&items, list_pos, r);
    for item in &items {
        let (text, weight) = accepted_text(item);
        let pos = r.pos(loc, item.offset);
        if text.is_empty() {
            r.report.error(pos, Problem::EmptyAcceptedAnswer);
            ok = false;
            continue;
        }
        if undeclared
            && parse_numeric(&text).is_ok()
            && (text.contains("..") || text.contains("+-") || text.contains('±'))
        {
            r.report
                .warning(pos, Problem::LooksNumeric { text: text.clone() });
        }
        accepted.push(TextAnswer {
            text,
            weight,
            feedback_html: feedback_html(r, item, loc),
        });
    }
    ok.then_some(Answer::Text { accepted })
}

fn numerics(
    items: Vec<Item<'_>>,
    list_pos: Pos,
    loc: Locator<'_>,
    r: &mut Renderer<'_>,
) -> Option<Answer> {
    let mut accepted = Vec::new();
    let mut ok = has_accepted(&items, list_pos, r);
    for item in &items {
        let (text, weight) = accepted_text(item);
        match parse_numeric(&text) {
            Ok(target) => accepted.push(NumericAnswer {
                target,
                weight,
                feedback_html: feedback_html(r, item, loc),
            }),
            Err(why) => {
                let pos = r.pos(loc, item.offset);
                r.report.error(pos, Problem::NotANumber { text, why });
                ok = false;
            }
        }
    }
    ok.then_some(Answer::Numeric { accepted })
}

fn pairs(
    items: Vec<Item<'_>>,
    list_pos: Pos,
    base: usize,
    text: &str,
    loc: Locator<'_>,
    r: &mut Renderer<'_>,
) -> Option<Answer> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in &items {
        let source = text.get(item.label_range.clone()).unwrap_or("");
        let split = source
            .find("->")
            .map(|at| (&source[..at], source[at + 2..].trim()));
        match split {
            Some((left, right)) if !left.trim().is_empty() && !right.is_empty() => {
                let html = r.render_fragment(left.trim_end(), base + item.label_range.start);
                out.push(MatchPair {
                    left_html: markdown::strip_paragraph(&html),
                    right: right.to_string(),
                    feedback_html: feedback_html(r, item, loc),
                });
            }
            _ => {
                let pos = r.pos(loc, item.offset);
                r.report.error(pos, Problem::PairWithoutSides);
                ok = false;
            }
        }
    }
    if ok && out.len() < 2 {
        r.report.error(list_pos, Problem::TooFewPairs);
        return None;
    }
    ok.then_some(Answer::Match { pairs: out })
}

/// `1822`, `1822 +- 1`, `1822 ± 1`, `1822:1` or `3.141..3.142`. A decimal
/// comma is accepted (Dutch trainers write `3,14`).
pub(crate) fn parse_numeric(text: &str) -> Result<NumericTarget, NumberProblem> {
    let text = text.trim();
    if let Some((min_text, max_text)) = text.split_once("..") {
        let (min, max) = (number(min_text)?, number(max_text)?);
        if min > max {
            return Err(NumberProblem::RangeReversed {
                min: min_text.trim().to_string(),
                max: max_text.trim().to_string(),
            });
        }
        return Ok(NumericTarget::Range { min, max });
    }
    let split = text
        .split_once("+-")
        .or_else(|| text.split_once('±'))
        .or_else(|| text.split_once(':'));
    let (value, tolerance) = match split {
        Some((v, t)) => (number(v)?, number(t)?),
        None => (number(text)?, 0.0),
    };
    if tolerance < 0.0 {
        return Err(NumberProblem::NegativeTolerance);
    }
    Ok(NumericTarget::Tolerance { value, tolerance })
}

fn number(s: &str) -> Result<f64, NumberProblem> {
    let s = s.trim();
    let normalised = if s.contains('.') {
        s.to_string()
    } else {
        s.replace(',', ".")
    };
    match normalised.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ if s.is_empty() => Err(NumberProblem::Missing),
        _ => Err(NumberProblem::NotANumber {
            text: s.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_forms() {
        assert_eq!(
            parse_numeric("1822"),
            Ok(NumericTarget::Tolerance {
                value: 1822.0,
                tolerance: 0.0
            })
        );
        assert_eq!(
            parse_numeric("1822 +- 1"),
            Ok(NumericTarget::Tolerance {
                value: 1822.0,
                tolerance: 1.0
            })
        );
        assert_eq!(
            parse_numeric("1822 ± 1"),
            Ok(NumericTarget::Tolerance {
                value: 1822.0,
                tolerance: 1.0
            })
        );
        assert_eq!(
            parse_numeric("0.25..0.5"),
            Ok(NumericTarget::Range {
                min: 0.25,
                max: 0.5
            })
        );
        assert_eq!(
            parse_numeric("3,5"),
            Ok(NumericTarget::Tolerance {
                value: 3.5,
                tolerance: 0.0
            })
        );
        assert_eq!(
            parse_numeric("-2..-1"),
            Ok(NumericTarget::Range {
                min: -2.0,
                max: -1.0
            })
        );
        assert_eq!(
            parse_numeric("veel"),
            Err(NumberProblem::NotANumber {
                text: "veel".into()
            })
        );
        assert_eq!(
            parse_numeric("5..1"),
            Err(NumberProblem::RangeReversed {
                min: "5".into(),
                max: "1".into()
            })
        );
        assert_eq!(
            parse_numeric("5 +- -1"),
            Err(NumberProblem::NegativeTolerance)
        );
        assert_eq!(parse_numeric(""), Err(NumberProblem::Missing));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("stap-1"));
        assert!(!is_slug("Stap"));
        assert!(!is_slug(""));
        assert!(!is_slug("a_b"));
    }
}
