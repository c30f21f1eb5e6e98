//! Moodle GIFT import: the text of one `::: gift` block → [`GiftItem`]s.
//!
//! This module owns the GIFT syntax listed in the content format ("GIFT
//! blocks") and its mapping onto the platform's answer keys with the same
//! meaning, partial and negative weights included. It does not number
//! questions (the content parser does) and never sees the module file: lines
//! and columns are relative to the text it is given.
//!
//! It reads text the way Moodle's own importer (`question/format/gift/format.php`)
//! does, so a question bank exported from Moodle means the same thing here:
//!
//! - questions are separated by blank lines, and every line is trimmed;
//! - a line starting with `//` is a comment, a `$CATEGORY:` line is ignored
//!   (neither ends a question);
//! - `\~ \= \# \{ \} \: \\` are literal characters and `\n` a line break;
//!   any other backslash is kept as typed (so Markdown's own escapes work);
//! - inside the braces every unescaped `=` or `~` starts a new answer and the
//!   first unescaped `#` of an answer starts its feedback, so `=`, `~` and `#`
//!   in answer or feedback text must be escaped, exactly as in Moodle.
//!
//! Where Moodle guesses, this importer refuses with a [`GiftError`] rather
//! than import a question that means something else than its author meant:
//! an answer without `=`/`~`, a weight that is not `%number%`, a question no
//! answer of which earns full marks, a multiple-answer question whose weights
//! do not add up to 100%, and everything the platform cannot grade (Cloze
//! embedded answers, description-only items, matching distractors, feedback
//! on matching pairs, general feedback on an essay). What is wrong is a code
//! with its details ([`Problem`], `gift/problems.rs`); the words are made at
//! the edge (`app::content_words`).

use std::fmt;

mod problems;
pub use problems::Problem;

use pulldown_cmark::{Event, Parser};

use crate::markdown;
use crate::model::{
    Answer, Choice, Language, MatchPair, NumericAnswer, NumericTarget, Question, Scoring,
    TextAnswer,
};

/// One item of a GIFT block.
#[derive(Debug, Clone, PartialEq)]
pub enum GiftItem {
    /// A gradable question. Its `id` is left empty: the caller numbers it.
    /// Its `line` is 1-based within the GIFT text.
    Question(Question),
    /// An essay question `{}`: becomes a reflection.
    Essay {
        title: Option<String>,
        prompt_html: String,
        line: usize,
    },
}

/// A problem in GIFT text; `line`/`column` are 1-based within the text given.
/// What is wrong is a code with its details ([`Problem`]); the words are
/// made where a person reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftError {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

impl GiftError {
    fn at(ch: Ch, problem: Problem) -> Self {
        GiftError {
            line: ch.line,
            column: ch.column,
            problem,
        }
    }
}

/// `line:column: code`, for logs and test failures.
impl fmt::Display for GiftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.problem.code())
    }
}

impl std::error::Error for GiftError {}

/// Parse the text of one `::: gift` block.
///
/// Returns every item, or every problem found: one bad question does not hide
/// the problems of the next.
pub fn parse(text: &str, language: Language) -> Result<Vec<GiftItem>, Vec<GiftError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for block in split_questions(text) {
        match parse_question(&block, language) {
            Ok(item) => items.push(item),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Moodle rounds the sum of a multiple-answer question's weights to two
/// decimals of a fraction before it checks that it is 100%; the same slack
/// here lets `%33.333%` three times count as 100%.
const WEIGHT_SLACK: f64 = 0.005;

/// Floating-point noise: a weight this close to 1 is 100%.
const FULL: f64 = 1.0 - 1e-9;

/// What a missing-word question shows where its braces were.
const BLANK: &str = "_____";

/// How deeply Markdown elements may nest, in a `[markdown]` text here and
/// in a module file (`content::render`). Real text stays far below it. The
/// HTML sanitiser takes time quadratic in the depth, so a runaway line such
/// as `>>>>>>…` or `- - - - …` (thousands of block quotes or lists inside
/// each other) is refused: 64 kB of `>` took 20 s.
pub(crate) const MAX_MARKDOWN_NESTING: usize = 32;

// ---------------------------------------------------------------------------
// Characters with their origin
// ---------------------------------------------------------------------------

/// One character of the GIFT text after escapes are resolved, with where it
/// came from, so every error can name its line and column. `literal` is true
/// for a character written with a backslash escape: it is never syntax.
#[derive(Debug, Clone, Copy)]
struct Ch {
    c: char,
    literal: bool,
    line: usize,
    column: usize,
}

impl Ch {
    /// Whether this is the unescaped syntax character `c`.
    fn is(self, c: char) -> bool {
        !self.literal && self.c == c
    }
}

/// The non-comment lines of one question, joined by (unescaped) newlines.
struct Block {
    chars: Vec<Ch>,
    /// The first character: the question's start (for its `line`, and for
    /// errors about the question as a whole).
    first: Ch,
}

fn finish(current: &mut Vec<Ch>, blocks: &mut Vec<Block>) {
    let chars = std::mem::take(current);
    if let Some(&first) = chars.first() {
        blocks.push(Block { chars, first });
    }
}

/// Split the text into questions at blank lines, dropping comment and
/// `$CATEGORY:` lines, trimming every line (as Moodle does) and resolving
/// escapes.
fn split_questions(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut blocks = Vec::new();
    let mut current: Vec<Ch> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            finish(&mut current, &mut blocks);
            continue;
        }
        // Moodle only treats a line that starts with `//` as a comment: a `//`
        // inside text (a URL) is text.
        if trimmed.starts_with("//") || trimmed.starts_with("$CATEGORY:") {
            continue;
        }
        if let Some(last) = current.last().copied() {
            current.push(Ch {
                c: '\n',
                literal: false,
                line: last.line,
                column: last.column + 1,
            });
        }
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        unescape_line(trimmed, index + 1, lead + 1, &mut current);
    }
    finish(&mut current, &mut blocks);
    blocks
}

fn unescape_line(text: &str, line: usize, first_column: usize, out: &mut Vec<Ch>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let column = first_column + i;
        let c = chars[i];
        if c == '\\' {
            let escaped = match chars.get(i + 1) {
                Some(&n @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => Some(n),
                Some('n') => Some('\n'),
                _ => None,
            };
            if let Some(e) = escaped {
                out.push(Ch {
                    c: e,
                    literal: true,
                    line,
                    column,
                });
                i += 2;
                continue;
            }
        }
        // Any other backslash is kept as an ordinary character, so that a
        // Markdown escape such as `\*` still reaches the Markdown renderer.
        out.push(Ch {
            c,
            literal: false,
            line,
            column,
        });
        i += 1;
    }
}

fn trim(s: &[Ch]) -> &[Ch] {
    trim_end(trim_start(s))
}

fn trim_start(s: &[Ch]) -> &[Ch] {
    let start = s
        .iter()
        .position(|c| !c.c.is_whitespace())
        .unwrap_or(s.len());
    &s[start..]
}

fn trim_end(s: &[Ch]) -> &[Ch] {
    let end = s
        .iter()
        .rposition(|c| !c.c.is_whitespace())
        .map_or(0, |e| e + 1);
    &s[..end]
}

/// Index of the first unescaped `c` at or after `from`.
fn find(s: &[Ch], c: char, from: usize) -> Option<usize> {
    s.iter()
        .enumerate()
        .skip(from)
        .find(|(_, ch)| ch.is(c))
        .map(|(i, _)| i)
}

fn matches_at(s: &[Ch], at: usize, pattern: &[char]) -> bool {
    s.len() >= at + pattern.len() && pattern.iter().enumerate().all(|(k, &p)| s[at + k].is(p))
}

/// Index of the first unescaped occurrence of `pattern`.
fn find_seq(s: &[Ch], pattern: &str) -> Option<usize> {
    let p: Vec<char> = pattern.chars().collect();
    (0..s.len()).find(|&i| matches_at(s, i, &p))
}

/// Index of the last unescaped occurrence of `pattern`.
fn rfind_seq(s: &[Ch], pattern: &str) -> Option<usize> {
    let p: Vec<char> = pattern.chars().collect();
    (0..s.len()).rev().find(|&i| matches_at(s, i, &p))
}

/// The characters as plain text (escapes resolved).
fn plain(s: &[Ch]) -> String {
    s.iter().map(|c| c.c).collect()
}

// ---------------------------------------------------------------------------
// Text formats
// ---------------------------------------------------------------------------

/// Moodle's text formats. `[moodle]` (Moodle's default, "auto-format") is
/// treated like `[plain]`: the text is escaped and its line breaks are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Moodle,
    Plain,
    Html,
    Markdown,
}

/// Take an optional `[format]` prefix off trimmed text. An unknown name in
/// brackets is ordinary text, as in Moodle.
fn take_format(s: &[Ch]) -> (Option<Format>, &[Ch]) {
    let s = trim(s);
    if s.first().is_some_and(|c| c.is('[')) {
        if let Some(end) = find(s, ']', 1) {
            let format = match plain(&s[1..end]).to_ascii_lowercase().as_str() {
                "moodle" => Some(Format::Moodle),
                "plain" => Some(Format::Plain),
                "html" => Some(Format::Html),
                "markdown" => Some(Format::Markdown),
                _ => None,
            };
            if format.is_some() {
                return (format, trim(&s[end + 1..]));
            }
        }
    }
    (None, s)
}

/// The characters as source text of the given format. For Markdown an
/// escaped GIFT character stays literal by becoming a Markdown escape (so
/// `\#` cannot turn a line into a heading); `\n` becomes a hard line break.
fn source(s: &[Ch], format: Format) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s {
        if format == Format::Markdown && ch.literal {
            if ch.c == '\n' {
                out.push_str("  \n");
                continue;
            }
            if ch.c.is_ascii_punctuation() {
                out.push('\\');
            }
        }
        out.push(ch.c);
    }
    out
}

fn plain_html(text: &str) -> String {
    markdown::escape_text(text.trim()).replace('\n', "<br>\n")
}

/// A prompt or general feedback: block HTML.
fn block_html(format: Format, src: &str) -> String {
    match format {
        Format::Markdown => markdown::render(src),
        Format::Html => markdown::sanitize(src.trim()),
        Format::Moodle | Format::Plain => format!("<p>{}</p>", plain_html(src)),
    }
}

/// An option label, feedback or matching left side: inline HTML.
fn inline_html(format: Format, src: &str) -> String {
    match format {
        Format::Markdown => markdown::render_inline(src),
        Format::Html => markdown::sanitize(src.trim()),
        Format::Moodle | Format::Plain => plain_html(src),
    }
}

/// Whether Markdown source nests elements more than [`MAX_MARKDOWN_NESTING`]
/// deep. Parsing is linear; only rendering and sanitising deep nesting is not.
fn markdown_too_deep(src: &str) -> bool {
    let mut depth = 0usize;
    Parser::new_ext(src, markdown::options()).any(|event| {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth > MAX_MARKDOWN_NESTING
    })
}

/// Refuse `[markdown]` text starting at `at` that nests too deeply.
fn check_nesting(format: Format, src: &str, at: Ch) -> Result<(), GiftError> {
    if format == Format::Markdown && markdown_too_deep(src) {
        Err(GiftError::at(
            at,
            Problem::TooDeep {
                max: MAX_MARKDOWN_NESTING,
            },
        ))
    } else {
        Ok(())
    }
}

/// A fragment (answer, feedback) in its own `[format]` or the question's.
fn fragment_html(s: &[Ch], default: Format) -> Result<String, GiftError> {
    let (format, text) = take_format(s);
    let format = format.unwrap_or(default);
    let src = source(text, format);
    if let Some(&at) = text.first() {
        check_nesting(format, &src, at)?;
    }
    Ok(inline_html(format, &src))
}

/// Feedback, `None` when empty.
fn feedback_html(s: Option<&[Ch]>, default: Format) -> Result<Option<String>, GiftError> {
    match s.map(trim) {
        Some(s) if !s.is_empty() => fragment_html(s, default).map(Some),
        _ => Ok(None),
    }
}

// ---------------------------------------------------------------------------
// One question
// ---------------------------------------------------------------------------

fn parse_question(block: &Block, language: Language) -> Result<GiftItem, Vec<GiftError>> {
    let first = block.first;
    let line = first.line;
    let mut rest = trim(&block.chars);

    // `::title::`
    let mut title = None;
    if matches_at(rest, 0, &[':', ':']) {
        let body = &rest[2..];
        let Some(end) = find_seq(body, "::") else {
            return Err(vec![GiftError::at(rest[0], Problem::TitleNotClosed)]);
        };
        let text = plain(trim(&body[..end]));
        title = (!text.is_empty()).then_some(text);
        rest = trim(&body[end + 2..]);
    }

    // `[format]` of the question text, the default for its answers and feedback.
    let (format, rest) = take_format(rest);
    let format = format.unwrap_or(Format::Moodle);

    let (open, close) = find_braces(rest, first)?;
    let before = &rest[..open];
    let after = trim(&rest[close + 1..]);
    let open_ch = rest[open];
    let mut answer = trim(&rest[open + 1..close]);

    // A missing-word question (text after the braces) shows a visible blank
    // where the braces were: before + "_____" + after, keeping the spacing the
    // author wrote around the braces. Moodle does the same; a blank with text
    // only after it ("{...} is de hoofdstad") also reads as a blank to fill.
    let prompt_src = if after.is_empty() {
        source(trim(before), format)
    } else {
        let blank = if format == Format::Markdown {
            // Underscores would be emphasis syntax in Markdown.
            "\\_\\_\\_\\_\\_"
        } else {
            BLANK
        };
        let mut src = source(before, format);
        src.push_str(blank);
        src.push_str(&source(&rest[close + 1..], format));
        src.trim().to_string()
    };
    if trim(before).is_empty() && after.is_empty() {
        return Err(vec![GiftError::at(first, Problem::NoText)]);
    }
    let prompt_at = trim(before)
        .first()
        .or(after.first())
        .copied()
        .unwrap_or(open_ch);
    check_nesting(format, &prompt_src, prompt_at).map_err(|e| vec![e])?;
    let prompt_html = block_html(format, &prompt_src);

    // `####general feedback`, the last one inside the braces.
    let mut general = None;
    if let Some(at) = rfind_seq(answer, "####") {
        general = Some(trim(&answer[at + 4..]));
        answer = trim(&answer[..at]);
    }
    let explanation_html = match general.filter(|g| !g.is_empty()) {
        Some(g) => {
            let (f, text) = take_format(g);
            let f = f.unwrap_or(format);
            let src = source(text, f);
            check_nesting(f, &src, g[0]).map_err(|e| vec![e])?;
            Some(block_html(f, &src))
        }
        None => None,
    };

    if answer.is_empty() {
        if explanation_html.is_some() {
            return Err(vec![GiftError::at(open_ch, Problem::EssayWithFeedback)]);
        }
        return Ok(GiftItem::Essay {
            title,
            prompt_html,
            line,
        });
    }

    if looks_like_cloze(answer) {
        return Err(vec![GiftError::at(open_ch, Problem::Cloze)]);
    }

    let answer = if answer[0].is('#') {
        numeric(&answer[1..], open_ch, format)?
    } else if find(answer, '~', 0).is_some() {
        choice(answer, open_ch, format)?
    } else if find(answer, '=', 0).is_some() && find_seq(answer, "->").is_some() {
        matching(answer, open_ch, format)?
    } else if let Some(value) = true_false_value(answer) {
        true_false(answer, value, format, language).map_err(|e| vec![e])?
    } else {
        short_answer(answer, open_ch, format)?
    };

    Ok(GiftItem::Question(Question {
        id: String::new(),
        title,
        prompt_html,
        points: 1,
        group: None,
        answer,
        explanation_html,
        line,
    }))
}

/// Find the one answer block `{...}`: (index of `{`, index of `}`).
fn find_braces(s: &[Ch], first: Ch) -> Result<(usize, usize), Vec<GiftError>> {
    let opens: Vec<usize> = (0..s.len()).filter(|&i| s[i].is('{')).collect();
    let closes: Vec<usize> = (0..s.len()).filter(|&i| s[i].is('}')).collect();
    let (open, close) = match (opens.first(), closes.first()) {
        (Some(&o), Some(&c)) => (o, c),
        (None, None) => return Err(vec![GiftError::at(first, Problem::NoAnswers)]),
        (Some(&o), None) => return Err(vec![GiftError::at(s[o], Problem::BraceNotClosed)]),
        (None, Some(&c)) => return Err(vec![GiftError::at(s[c], Problem::CloseWithoutOpen)]),
    };
    let mut errors = Vec::new();
    if close < open {
        errors.push(GiftError::at(s[close], Problem::CloseBeforeOpen));
        return Err(errors);
    }
    if let Some(&nested) = opens.iter().find(|&&o| o > open && o < close) {
        errors.push(GiftError::at(s[nested], Problem::BraceInsideAnswers));
    }
    if let Some(&second) = opens.iter().find(|&&o| o > close) {
        errors.push(GiftError::at(s[second], Problem::SecondAnswerBlock));
    } else if let Some(&stray) = closes.iter().find(|&&c| c > close) {
        errors.push(GiftError::at(s[stray], Problem::CloseAfterAnswers));
    }
    if errors.is_empty() {
        Ok((open, close))
    } else {
        Err(errors)
    }
}

/// Moodle's embedded answers: `{1:MULTICHOICE:...}`, `{:SA:...}`.
fn looks_like_cloze(answer: &[Ch]) -> bool {
    let digits = answer.iter().take_while(|c| c.c.is_ascii_digit()).count();
    let rest = &answer[digits..];
    if !rest.first().is_some_and(|c| c.is(':')) {
        return false;
    }
    let name = rest[1..]
        .iter()
        .take_while(|c| c.c.is_ascii_alphabetic() || c.c == '_')
        .count();
    name > 0 && rest.get(1 + name).is_some_and(|c| c.is(':'))
}

/// One answer inside the braces: the `=`/`~` that starts it (none for text
/// before the first one) and what follows up to the next.
struct Part<'a> {
    marker: Option<Ch>,
    body: &'a [Ch],
}

impl Part<'_> {
    /// Where to point at this answer in an error.
    fn pos(&self, fallback: Ch) -> Ch {
        self.marker
            .or_else(|| trim(self.body).first().copied())
            .unwrap_or(fallback)
    }
}

fn split_parts<'a>(s: &'a [Ch], markers: &[char]) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut marker = None;
    for (i, ch) in s.iter().enumerate() {
        if !ch.literal && markers.contains(&ch.c) {
            let body = &s[start..i];
            if marker.is_some() || !trim(body).is_empty() {
                parts.push(Part { marker, body });
            }
            marker = Some(*ch);
            start = i + 1;
        }
    }
    let body = &s[start..];
    if marker.is_some() || !trim(body).is_empty() {
        parts.push(Part { marker, body });
    }
    parts
}

/// An optional `%n%` weight at the start of an answer, as a fraction.
fn take_weight(body: &[Ch]) -> Result<(Option<f64>, &[Ch]), GiftError> {
    let b = trim_start(body);
    let Some(&percent) = b.first().filter(|c| c.is('%')) else {
        return Ok((None, b));
    };
    let Some(end) = find(b, '%', 1) else {
        return Err(GiftError::at(percent, Problem::WeightNotClosed));
    };
    let text = plain(&b[1..end]);
    let Some(value) = text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) else {
        return Err(GiftError::at(percent, Problem::NotAWeight { text }));
    };
    if !(-100.0..=100.0).contains(&value) {
        return Err(GiftError::at(
            percent,
            Problem::WeightOutOfRange { weight: value },
        ));
    }
    Ok((Some(value / 100.0), &b[end + 1..]))
}

/// Split an answer into its text and its `#feedback`.
fn split_feedback(s: &[Ch]) -> (&[Ch], Option<&[Ch]>) {
    match find(s, '#', 0) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    }
}

fn max_weight(weights: impl Iterator<Item = f64>) -> f64 {
    weights.fold(f64::NEG_INFINITY, f64::max)
}

fn no_full_marks(at: Ch) -> GiftError {
    GiftError::at(at, Problem::NoFullMarks)
}

/// Multiple choice `{=right ~wrong}`, and Moodle's multiple answers
/// (`~%50%a ~%50%b ~c`, no `=`).
fn choice(answer: &[Ch], open: Ch, format: Format) -> Result<Answer, Vec<GiftError>> {
    let mut errors = Vec::new();
    let mut options = Vec::new();
    let mut has_right = false;
    for part in split_parts(answer, &['=', '~']) {
        let Some(marker) = part.marker else {
            errors.push(GiftError::at(part.pos(open), Problem::AnswerWithoutMarker));
            continue;
        };
        let (weight, body) = match take_weight(part.body) {
            Ok(w) => w,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (text, feedback) = split_feedback(body);
        let text = trim(text);
        if text.is_empty() {
            errors.push(GiftError::at(marker, Problem::EmptyAnswer));
            continue;
        }
        if let Some(arrow) = find_seq(text, "->") {
            errors.push(GiftError::at(text[arrow], Problem::ArrowInChoice));
            continue;
        }
        let (html, feedback_html) =
            match (fragment_html(text, format), feedback_html(feedback, format)) {
                (Ok(html), Ok(feedback_html)) => (html, feedback_html),
                (Err(e), _) | (_, Err(e)) => {
                    errors.push(e);
                    continue;
                }
            };
        let right = marker.c == '=';
        has_right |= right;
        options.push(Choice {
            html,
            weight: weight.unwrap_or(if right { 1.0 } else { 0.0 }),
            feedback_html,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if options.len() < 2 {
        return Err(vec![GiftError::at(open, Problem::TooFewChoices)]);
    }
    if has_right {
        // A right answer `=` makes it single choice (radio buttons), partial
        // weights on the other answers included, as in Moodle.
        if max_weight(options.iter().map(|o| o.weight)) < FULL {
            return Err(vec![no_full_marks(open)]);
        }
        return Ok(Answer::Single { options });
    }
    // No `=`: Moodle's "multiple answers" (checkboxes), scored by the sum of
    // the chosen weights; the right answers must add up to 100%.
    let total: f64 = options.iter().map(|o| o.weight).filter(|w| *w > 0.0).sum();
    if total <= 0.0 {
        return Err(vec![GiftError::at(open, Problem::NoRightAnswer)]);
    }
    if (total - 1.0).abs() >= WEIGHT_SLACK {
        return Err(vec![GiftError::at(
            open,
            Problem::WeightsNotFull {
                total: round2(total * 100.0),
            },
        )]);
    }
    // Rescale so that ticking exactly the right answers is worth exactly
    // 100%, not 99.999% (which grading would not call correct).
    for option in options.iter_mut().filter(|o| o.weight > 0.0) {
        option.weight /= total;
    }
    Ok(Answer::Multiple {
        options,
        scoring: Scoring::Weighted,
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Matching `{=left -> right ...}`.
fn matching(answer: &[Ch], open: Ch, format: Format) -> Result<Answer, Vec<GiftError>> {
    let mut errors = Vec::new();
    let mut pairs = Vec::new();
    for part in split_parts(answer, &['=']) {
        let Some(marker) = part.marker else {
            errors.push(GiftError::at(part.pos(open), Problem::PairWithoutEquals));
            continue;
        };
        let body = trim(part.body);
        if body.first().is_some_and(|c| c.is('%')) {
            errors.push(GiftError::at(body[0], Problem::PairWithWeight));
            continue;
        }
        let Some(arrow) = find_seq(body, "->") else {
            errors.push(GiftError::at(marker, Problem::PairWithoutArrow));
            continue;
        };
        if let Some(hash) = find(body, '#', 0) {
            errors.push(GiftError::at(body[hash], Problem::PairWithFeedback));
            continue;
        }
        let left = trim(&body[..arrow]);
        let right = trim(&body[arrow + 2..]);
        if left.is_empty() {
            errors.push(GiftError::at(marker, Problem::RightWithoutLeft));
            continue;
        }
        if right.is_empty() {
            errors.push(GiftError::at(body[arrow], Problem::PairWithoutRight));
            continue;
        }
        let left_html = match fragment_html(left, format) {
            Ok(html) => html,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        pairs.push(MatchPair {
            left_html,
            // Right sides are offered as choices: plain text, like Moodle.
            right: plain(right),
            feedback_html: None,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if pairs.len() < 2 {
        return Err(vec![GiftError::at(open, Problem::TooFewPairs)]);
    }
    Ok(Answer::Match { pairs })
}

/// `T`/`TRUE` → true, `F`/`FALSE` → false (before any feedback), exactly as
/// Moodle spells them.
fn true_false_value(answer: &[Ch]) -> Option<bool> {
    let (value, _) = split_feedback(answer);
    match plain(trim(value)).as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

/// True/false `{T}`, `{F#feedback for a wrong answer#feedback for a right one}`:
/// a single-choice question with the options "true" and "false".
fn true_false(
    answer: &[Ch],
    value: bool,
    format: Format,
    language: Language,
) -> Result<Answer, GiftError> {
    // Moodle: the first `#` gives the feedback for the wrong answer, the
    // second the feedback for the right one.
    let (_, rest) = split_feedback(answer);
    let (wrong, right) = match rest {
        Some(rest) => {
            let (w, r) = split_feedback(rest);
            (Some(w), r)
        }
        None => (None, None),
    };
    let (true_label, false_label) = match language {
        Language::Nl => ("Waar", "Niet waar"),
        Language::En => ("True", "False"),
    };
    let option = |label: &str, is_right: bool| -> Result<Choice, GiftError> {
        Ok(Choice {
            html: markdown::escape_text(label),
            weight: if is_right { 1.0 } else { 0.0 },
            feedback_html: feedback_html(if is_right { right } else { wrong }, format)?,
        })
    };
    Ok(Answer::Single {
        options: vec![option(true_label, value)?, option(false_label, !value)?],
    })
}

/// Short answer `{=a =%50%b}`.
fn short_answer(answer: &[Ch], open: Ch, format: Format) -> Result<Answer, Vec<GiftError>> {
    let mut errors = Vec::new();
    let mut accepted = Vec::new();
    for part in split_parts(answer, &['=']) {
        let Some(marker) = part.marker else {
            errors.push(GiftError::at(
                part.pos(open),
                Problem::ShortAnswerWithoutMarker,
            ));
            continue;
        };
        let (weight, body) = match take_weight(part.body) {
            Ok(w) => w,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (text, feedback) = split_feedback(body);
        let (_, text) = take_format(text);
        if text.is_empty() {
            errors.push(GiftError::at(marker, Problem::EmptyAnswer));
            continue;
        }
        let feedback_html = match feedback_html(feedback, format) {
            Ok(html) => html,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        accepted.push(TextAnswer {
            text: plain(text),
            weight: weight.unwrap_or(1.0),
            feedback_html,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if accepted.is_empty() {
        return Err(vec![GiftError::at(open, Problem::NoShortAnswers)]);
    }
    if max_weight(accepted.iter().map(|a| a.weight)) < FULL {
        return Err(vec![no_full_marks(open)]);
    }
    Ok(Answer::Text { accepted })
}

/// Numeric `{#1822}`, `{#1822:2}`, `{#3.141..3.142}`, `{#=1822:0 =%50%1822:2 ~#feedback}`.
/// `answer` is what follows the leading `#`.
fn numeric(answer: &[Ch], open: Ch, format: Format) -> Result<Answer, Vec<GiftError>> {
    let mut errors = Vec::new();
    let mut accepted = Vec::new();

    // `~#feedback`: feedback for any other answer (Moodle exports it so).
    let (main, other) = match find(answer, '~', 0) {
        Some(at) => (&answer[..at], Some((answer[at], &answer[at + 1..]))),
        None => (answer, None),
    };
    let mut catch_all = None;
    if let Some((tilde, rest)) = other {
        let rest = trim(rest);
        if let Some(second) = find(rest, '~', 0) {
            errors.push(GiftError::at(rest[second], Problem::SecondTilde));
        } else if !rest.is_empty() && !rest[0].is('#') {
            errors.push(GiftError::at(tilde, Problem::NumericStartsWithTilde));
        } else if find(rest, '=', 0).is_some() {
            errors.push(GiftError::at(tilde, Problem::NumberAfterCatchAll));
        } else {
            // Any number: the widest finite range (it must serialise), worth
            // nothing; grading picks the best-weighted answer containing the
            // response, so a real answer always wins over this one.
            match feedback_html(rest.get(1..), format) {
                Ok(feedback_html) => {
                    catch_all = Some(NumericAnswer {
                        target: NumericTarget::Range {
                            min: f64::MIN,
                            max: f64::MAX,
                        },
                        weight: 0.0,
                        feedback_html,
                    })
                }
                Err(e) => errors.push(e),
            }
        }
    }

    for part in split_parts(main, &['=']) {
        let at = part.pos(open);
        let (weight, body) = match take_weight(part.body) {
            Ok(w) => w,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (text, feedback) = split_feedback(body);
        let text = trim(text);
        match numeric_target(text, at) {
            Ok(target) => match feedback_html(feedback, format) {
                Ok(feedback_html) => accepted.push(NumericAnswer {
                    target,
                    weight: weight.unwrap_or(1.0),
                    feedback_html,
                }),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if accepted.is_empty() {
        return Err(vec![GiftError::at(open, Problem::NoNumber)]);
    }
    if max_weight(accepted.iter().map(|a| a.weight)) < FULL {
        return Err(vec![no_full_marks(open)]);
    }
    accepted.extend(catch_all);
    Ok(Answer::Numeric { accepted })
}

fn number(s: &[Ch], fallback: Ch) -> Result<f64, GiftError> {
    let s = trim(s);
    let text = plain(s);
    let at = s.first().copied().unwrap_or(fallback);
    if text.is_empty() {
        return Err(GiftError::at(at, Problem::NumberMissing));
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => {
            let comma = text.contains(',');
            Err(GiftError::at(at, Problem::NotANumber { text, comma }))
        }
    }
}

fn numeric_target(text: &[Ch], at: Ch) -> Result<NumericTarget, GiftError> {
    let first = text.first().copied().unwrap_or(at);
    if text.is_empty() {
        return Err(GiftError::at(at, Problem::NumberMissing));
    }
    // `min..max` (Moodle: a `..` after the first character, so `-5..-3` works).
    if let Some(dots) = find_seq(text, "..").filter(|&d| d > 0) {
        let min = number(&text[..dots], first)?;
        let max = number(&text[dots + 2..], text[dots])?;
        if min > max {
            return Err(GiftError::at(first, Problem::EmptyRange { min, max }));
        }
        return Ok(NumericTarget::Range { min, max });
    }
    // `value:tolerance`.
    if let Some(colon) = find(text, ':', 1) {
        let value = number(&text[..colon], first)?;
        let tolerance = number(&text[colon + 1..], text[colon])?;
        if tolerance < 0.0 {
            return Err(GiftError::at(text[colon], Problem::NegativeTolerance));
        }
        return Ok(NumericTarget::Tolerance { value, tolerance });
    }
    Ok(NumericTarget::Tolerance {
        value: number(text, first)?,
        tolerance: 0.0,
    })
}

#[cfg(test)]
// The pi questions are about approximating pi: 3.1415 is the data, not a
// stand-in for `PI`.
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    fn parse_en(text: &str) -> Vec<GiftItem> {
        match parse(text, Language::En) {
            Ok(items) => items,
            Err(errors) => panic!("unexpected errors: {errors:#?}"),
        }
    }

    fn question(text: &str) -> Question {
        let mut items = parse_en(text);
        assert_eq!(items.len(), 1, "{items:#?}");
        match items.remove(0) {
            GiftItem::Question(q) => q,
            other => panic!("expected a question, got {other:?}"),
        }
    }

    fn errors(text: &str) -> Vec<GiftError> {
        match parse(text, Language::En) {
            Ok(items) => panic!("expected errors, got {items:#?}"),
            Err(errors) => errors,
        }
    }

    /// The only error, checked to be `problem` at `line:column`.
    fn error_at(text: &str, line: usize, column: usize, problem: Problem) -> GiftError {
        let errs = errors(text);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let e = errs[0].clone();
        assert_eq!((e.line, e.column), (line, column), "{e:?}");
        assert_eq!(e.problem, problem, "{text:?}");
        e
    }

    fn options(q: &Question) -> &[Choice] {
        match &q.answer {
            Answer::Single { options } | Answer::Multiple { options, .. } => options,
            other => panic!("expected choices, got {other:?}"),
        }
    }

    fn weights(q: &Question) -> Vec<f64> {
        options(q).iter().map(|o| o.weight).collect()
    }

    fn labels(q: &Question) -> Vec<String> {
        options(q).iter().map(|o| o.html.clone()).collect()
    }

    fn feedback(q: &Question) -> Vec<Option<String>> {
        options(q).iter().map(|o| o.feedback_html.clone()).collect()
    }

    fn accepted_numbers(q: &Question) -> Vec<NumericAnswer> {
        match &q.answer {
            Answer::Numeric { accepted } => accepted.clone(),
            other => panic!("expected numeric, got {other:?}"),
        }
    }

    fn accepted_texts(q: &Question) -> Vec<TextAnswer> {
        match &q.answer {
            Answer::Text { accepted } => accepted.clone(),
            other => panic!("expected text, got {other:?}"),
        }
    }

    // --- structure -------------------------------------------------------

    #[test]
    fn empty_text_has_no_items() {
        assert_eq!(parse_en(""), vec![]);
        assert_eq!(parse_en("\n\n// only a comment\n\n"), vec![]);
    }

    #[test]
    fn questions_are_separated_by_blank_lines() {
        let items = parse_en("Een?{T}\n\n  \nTwee?{F}\n\t\nDrie?{=3}");
        assert_eq!(items.len(), 3);
    }

    #[test]
    fn question_defaults() {
        let q = question("Wat?{=a ~b}");
        assert_eq!(q.id, "");
        assert_eq!(q.points, 1);
        assert_eq!(q.title, None);
        assert_eq!(q.explanation_html, None);
        assert_eq!(q.line, 1);
    }

    #[test]
    fn line_is_the_first_non_comment_line() {
        let items = parse_en("// kop\n\n// nog een\n// en nog\nEen?{T}\n\nTwee\n?{F}");
        let lines: Vec<usize> = items
            .iter()
            .map(|i| match i {
                GiftItem::Question(q) => q.line,
                GiftItem::Essay { line, .. } => *line,
            })
            .collect();
        assert_eq!(lines, [5, 7]);
    }

    #[test]
    fn comment_lines_are_ignored_inside_a_question_too() {
        let q = question("Wat?{\n// eerst de goede\n=a\n   // dan de foute\n~b\n}");
        assert_eq!(labels(&q), ["a", "b"]);
    }

    #[test]
    fn double_slash_inside_text_is_text() {
        let q = question("Staat https://example.org online?{T}");
        assert_eq!(q.prompt_html, "<p>Staat https://example.org online?</p>");
    }

    #[test]
    fn category_lines_are_ignored() {
        let items =
            parse_en("$CATEGORY: $course$/Participatie\n\nEen?{T}\n$CATEGORY: x\n\nTwee?{F}");
        assert_eq!(items.len(), 2);
        let q = question("$CATEGORY: tom\nWat?{T}");
        assert_eq!(q.line, 2);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let items = parse_en("\u{feff}Een?{\r\n=a\r\n~b}\r\n\r\nTwee?{T}\r\n");
        assert_eq!(items.len(), 2);
        match &items[0] {
            GiftItem::Question(q) => assert_eq!(labels(q), ["a", "b"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn title() {
        let q = question("::Grondwet::Sinds wanneer?{#1848}");
        assert_eq!(q.title.as_deref(), Some("Grondwet"));
        assert_eq!(q.prompt_html, "<p>Sinds wanneer?</p>");
        // On a line of its own, with an escaped colon, around spaces.
        let q = question("::  Tijd\\: 10\\:00 ::\nHoe laat?{=tien}");
        assert_eq!(q.title.as_deref(), Some("Tijd: 10:00"));
        assert_eq!(q.prompt_html, "<p>Hoe laat?</p>");
        // An empty title is none.
        assert_eq!(question("::::Wat?{T}").title, None);
    }

    // --- formats ---------------------------------------------------------

    #[test]
    fn default_format_is_escaped_plain_text_with_line_breaks() {
        let q = question("Is <b>dit</b> & dat\nwaar?{=ja ~<i>nee</i>}");
        assert_eq!(
            q.prompt_html,
            "<p>Is &lt;b&gt;dit&lt;/b&gt; &amp; dat<br>\nwaar?</p>"
        );
        assert_eq!(labels(&q), ["ja", "&lt;i&gt;nee&lt;/i&gt;"]);
        assert_eq!(question("[plain]*a*?{T}").prompt_html, "<p>*a*?</p>");
        assert_eq!(question("[moodle]*a*?{T}").prompt_html, "<p>*a*?</p>");
    }

    #[test]
    fn markdown_format_is_rendered() {
        let q = question("[markdown]Wie is **de** *baas*?{=de raad#*Goed*. ~het college}");
        assert_eq!(
            q.prompt_html,
            "<p>Wie is <strong>de</strong> <em>baas</em>?</p>\n"
        );
        assert_eq!(feedback(&q)[0].as_deref(), Some("<em>Goed</em>."));
        let q = question("[markdown]Wie?{=a ~b ####Zie **artikel 1**.}");
        assert_eq!(
            q.explanation_html.as_deref(),
            Some("<p>Zie <strong>artikel 1</strong>.</p>\n")
        );
    }

    #[test]
    fn markdown_blank_and_escapes_stay_literal() {
        let q = question("[markdown]De _____ en {=raad ~college} __beslist__.");
        assert!(
            q.prompt_html.contains("_____ <strong>beslist</strong>"),
            "{}",
            q.prompt_html
        );
        // `\#` is a literal #, not a heading; Markdown's own escapes still work.
        let q = question("[markdown]\\# deelnemers en 2 \\* 3?{#6}");
        assert_eq!(q.prompt_html, "<p># deelnemers en 2 * 3?</p>\n");
    }

    #[test]
    fn html_format_is_sanitised() {
        let q = question("[html]<p>Wie <b>beslist</b>?<script>alert(1)</script></p>{=[html]<em>de raad</em> ~[plain]<em>niemand</em>}");
        assert_eq!(q.prompt_html, "<p>Wie <b>beslist</b>?</p>");
        assert_eq!(
            labels(&q),
            ["<em>de raad</em>", "&lt;em&gt;niemand&lt;/em&gt;"]
        );
    }

    #[test]
    fn unknown_format_name_is_text() {
        let q = question("[tip] Lees eerst.{T}");
        assert_eq!(q.prompt_html, "<p>[tip] Lees eerst.</p>");
    }

    // --- multiple choice -------------------------------------------------

    #[test]
    fn single_choice() {
        let q = question("Wie beslist?{~het college =de raad ~de burgemeester}");
        assert!(matches!(q.answer, Answer::Single { .. }));
        assert_eq!(labels(&q), ["het college", "de raad", "de burgemeester"]);
        assert_eq!(weights(&q), [0.0, 1.0, 0.0]);
        assert_eq!(feedback(&q), [None, None, None]);
        assert_eq!(q.prompt_html, "<p>Wie beslist?</p>");
    }

    #[test]
    fn single_choice_with_partial_and_negative_weights_stays_single() {
        let q = question("Wie?{=a ~%50%b ~%-25%c ~%33.5%d}");
        assert!(matches!(q.answer, Answer::Single { .. }));
        assert_eq!(weights(&q), [1.0, 0.5, -0.25, 0.335]);
    }

    #[test]
    fn right_answer_with_its_own_weight() {
        let q = question("Wie?{=%100%a =%50%b ~c}");
        assert_eq!(weights(&q), [1.0, 0.5, 0.0]);
    }

    #[test]
    fn multiple_answers_are_weighted_checkboxes() {
        let q = question("Welke twee?{~%50%a ~%50%b ~%-100%c ~d}");
        match &q.answer {
            Answer::Multiple { scoring, .. } => assert_eq!(*scoring, Scoring::Weighted),
            other => panic!("{other:?}"),
        }
        assert_eq!(weights(&q), [0.5, 0.5, -1.0, 0.0]);
        // Thirds add up to 100% within Moodle's rounding, and are rescaled
        // so that the three right answers are worth exactly 100%.
        let q = question("Welke drie?{~%33.333%a ~%33.333%b ~%33.333%c ~%-10%d}");
        assert!(matches!(q.answer, Answer::Multiple { .. }));
        let w = weights(&q);
        assert!((w[0] + w[1] + w[2] - 1.0).abs() < 1e-12, "{w:?}");
        assert_eq!(w[3], -0.1);
    }

    #[test]
    fn per_answer_feedback() {
        let q = question("Wie?{=de raad#Juist. ~het college # Nee: dat voert uit. ~x#}");
        assert_eq!(
            feedback(&q),
            [
                Some("Juist.".to_string()),
                Some("Nee: dat voert uit.".to_string()),
                None
            ]
        );
        assert_eq!(labels(&q)[1], "het college");
    }

    #[test]
    fn general_feedback() {
        let q = question("Wie?{=a#goed ~b####De raad is het hoogste orgaan.}");
        assert_eq!(
            q.explanation_html.as_deref(),
            Some("<p>De raad is het hoogste orgaan.</p>")
        );
        assert_eq!(feedback(&q)[0].as_deref(), Some("goed"));
        // With its own format, and on a line of its own.
        let q = question("Wie?{\n=a\n~b\n####[markdown]**Zie** art. 1\n}");
        assert_eq!(
            q.explanation_html.as_deref(),
            Some("<p><strong>Zie</strong> art. 1</p>\n")
        );
    }

    #[test]
    fn answers_spanning_lines_with_feedback_continuing() {
        let q = question(
            "Wie?{\n  =de raad   #Juist, want\n     de raad stelt kaders.\n  ~het college\n}",
        );
        assert_eq!(labels(&q), ["de raad", "het college"]);
        assert_eq!(
            feedback(&q)[0].as_deref(),
            Some("Juist, want<br>\nde raad stelt kaders.")
        );
    }

    #[test]
    fn escapes() {
        let q = question("Welke\\: a \\{b\\} \\\\ c?{=\\= 5 ~\\~ 4 ~\\# 3#fout\\#1 ~1\\n2}");
        assert_eq!(q.prompt_html, "<p>Welke: a {b} \\ c?</p>");
        assert_eq!(labels(&q), ["= 5", "~ 4", "# 3", "1<br>\n2"]);
        assert_eq!(feedback(&q)[2].as_deref(), Some("fout#1"));
        // An unknown escape is kept as typed.
        let q = question("C:\\temp?{T}");
        assert_eq!(q.prompt_html, "<p>C:\\temp?</p>");
    }

    #[test]
    fn missing_word_prompt_has_a_visible_blank() {
        let q = question("De {=raad ~burgemeester} stelt de begroting vast.");
        assert_eq!(q.prompt_html, "<p>De _____ stelt de begroting vast.</p>");
        // Blank with text only after it.
        let q = question("{=Amsterdam ~Den Haag} is de hoofdstad.");
        assert_eq!(q.prompt_html, "<p>_____ is de hoofdstad.</p>");
        // Braces at the end: no blank.
        let q = question("Wat is de hoofdstad? {=Amsterdam ~Den Haag}");
        assert_eq!(q.prompt_html, "<p>Wat is de hoofdstad?</p>");
    }

    // --- true/false ------------------------------------------------------

    #[test]
    fn true_false_spellings() {
        for (text, right_is_true) in [
            ("{T}", true),
            ("{TRUE}", true),
            ("{F}", false),
            ("{FALSE}", false),
        ] {
            let q = question(&format!("De zon komt op in het oosten.{text}"));
            assert!(matches!(q.answer, Answer::Single { .. }));
            assert_eq!(labels(&q), ["True", "False"]);
            let expected = if right_is_true {
                [1.0, 0.0]
            } else {
                [0.0, 1.0]
            };
            assert_eq!(weights(&q), expected, "{text}");
        }
    }

    #[test]
    fn true_false_labels_follow_the_language() {
        let items = parse("Waar?{T}", Language::Nl).unwrap_or_default();
        match items.first() {
            Some(GiftItem::Question(q)) => assert_eq!(labels(q), ["Waar", "Niet waar"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn true_false_feedback_wrong_then_right() {
        // Moodle: the first # is shown for the wrong answer, the second for the right one.
        let q = question("Waar?{T#Helaas.#Goed zo.}");
        assert_eq!(
            feedback(&q),
            [Some("Goed zo.".to_string()), Some("Helaas.".to_string())]
        );
        let q = question("Waar?{FALSE#Nee, het is onwaar.}");
        assert_eq!(
            feedback(&q),
            [Some("Nee, het is onwaar.".to_string()), None]
        );
        let q = question("Waar?{F##Goed.####Uitleg}");
        assert_eq!(feedback(&q), [None, Some("Goed.".to_string())]);
        assert_eq!(q.explanation_html.as_deref(), Some("<p>Uitleg</p>"));
    }

    // --- short answer ----------------------------------------------------

    #[test]
    fn short_answer_with_weights_and_feedback() {
        let q = question("Welke wet?{=Omgevingswet#Juist =%75%Omgevings wet#Bijna =%25%Wro}");
        let a = accepted_texts(&q);
        let got: Vec<(&str, f64, Option<&str>)> = a
            .iter()
            .map(|a| (a.text.as_str(), a.weight, a.feedback_html.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Omgevingswet", 1.0, Some("Juist")),
                ("Omgevings wet", 0.75, Some("Bijna")),
                ("Wro", 0.25, None)
            ]
        );
    }

    #[test]
    fn short_answer_text_is_plain_and_unescaped() {
        let q = question("Som?{=1 \\= 1 =a<b}");
        let texts: Vec<String> = accepted_texts(&q).into_iter().map(|a| a.text).collect();
        assert_eq!(texts, ["1 = 1", "a<b"]);
    }

    // --- matching --------------------------------------------------------

    #[test]
    fn matching_pairs() {
        let q = question("Koppel.{\n=Raad -> kaders stellen\n=College->uitvoeren\n=  *Burgemeester*  ->  openbare orde \n####Zo werkt het.}");
        match &q.answer {
            Answer::Match { pairs } => {
                let got: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|p| (p.left_html.as_str(), p.right.as_str()))
                    .collect();
                assert_eq!(
                    got,
                    [
                        ("Raad", "kaders stellen"),
                        ("College", "uitvoeren"),
                        ("*Burgemeester*", "openbare orde")
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(q.explanation_html.as_deref(), Some("<p>Zo werkt het.</p>"));
    }

    #[test]
    fn matching_right_side_is_plain_text() {
        let q = question("[markdown]Koppel.{=**a** -> <b>x</b> =b -> y\\=z}");
        match &q.answer {
            Answer::Match { pairs } => {
                assert_eq!(pairs[0].left_html, "<strong>a</strong>");
                assert_eq!(pairs[0].right, "<b>x</b>");
                assert_eq!(pairs[1].right, "y=z");
            }
            other => panic!("{other:?}"),
        }
    }

    // --- numeric ---------------------------------------------------------

    fn tol(value: f64, tolerance: f64) -> NumericTarget {
        NumericTarget::Tolerance { value, tolerance }
    }

    #[test]
    fn numeric_exact_tolerance_and_range() {
        let q = question("Jaar?{#1848}");
        assert_eq!(accepted_numbers(&q)[0].target, tol(1848.0, 0.0));
        let q = question("Pi?{#3.1415:0.0005}");
        assert_eq!(accepted_numbers(&q)[0].target, tol(3.1415, 0.0005));
        let q = question("Pi?{#3.141..3.142}");
        assert_eq!(
            accepted_numbers(&q)[0].target,
            NumericTarget::Range {
                min: 3.141,
                max: 3.142
            }
        );
        let q = question("Temperatuur?{#-5..-3}");
        assert_eq!(
            accepted_numbers(&q)[0].target,
            NumericTarget::Range {
                min: -5.0,
                max: -3.0
            }
        );
        let q = question("Schuld?{#-2.5:0.5#Klopt}");
        let a = &accepted_numbers(&q)[0];
        assert_eq!(a.target, tol(-2.5, 0.5));
        assert_eq!(a.feedback_html.as_deref(), Some("Klopt"));
        assert_eq!(a.weight, 1.0);
    }

    #[test]
    fn numeric_several_answers_with_weights_and_feedback() {
        let q = question("Geboren?{#\n=1822:0 #Precies\n=%50%1822:2 #Bijna\n####Hij is van 1822.}");
        let a = accepted_numbers(&q);
        assert_eq!(a.len(), 2);
        assert_eq!((a[0].target, a[0].weight), (tol(1822.0, 0.0), 1.0));
        assert_eq!((a[1].target, a[1].weight), (tol(1822.0, 2.0), 0.5));
        assert_eq!(a[0].feedback_html.as_deref(), Some("Precies"));
        assert_eq!(a[1].feedback_html.as_deref(), Some("Bijna"));
        assert_eq!(
            q.explanation_html.as_deref(),
            Some("<p>Hij is van 1822.</p>")
        );
    }

    #[test]
    fn numeric_feedback_for_any_other_answer() {
        let q = question("Geboren?{#=1822 =%50%1822:2 ~#Nee, 1822.}");
        let a = accepted_numbers(&q);
        assert_eq!(a.len(), 3);
        let other = &a[2];
        assert_eq!(other.weight, 0.0);
        assert_eq!(other.feedback_html.as_deref(), Some("Nee, 1822."));
        assert!(other.target.contains(-1e300) && other.target.contains(1e300));
    }

    // --- essay -----------------------------------------------------------

    #[test]
    fn essay_becomes_a_reflection() {
        let items = parse_en("::Eigen gemeente::Hoe betrek jij inwoners?{}\n\nEn nu?{\n}");
        assert_eq!(
            items,
            [
                GiftItem::Essay {
                    title: Some("Eigen gemeente".into()),
                    prompt_html: "<p>Hoe betrek jij inwoners?</p>".into(),
                    line: 1,
                },
                GiftItem::Essay {
                    title: None,
                    prompt_html: "<p>En nu?</p>".into(),
                    line: 3,
                }
            ]
        );
    }

    // --- errors ----------------------------------------------------------

    #[test]
    fn unclosed_brace() {
        error_at("Wie?{=a ~b\n\nVolgende?{T}", 1, 5, Problem::BraceNotClosed);
        // The error does not stop the next question from being read.
        let errs = errors("Wie?{=a ~b\n\nVolgende?{T\n\nDerde{=x}");
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[1].line, errs[1].column), (3, 10));
    }

    #[test]
    fn closing_brace_without_opening() {
        error_at("Wie?=a ~b}", 1, 10, Problem::CloseWithoutOpen);
        error_at("Wie} is?{=a ~b}", 1, 4, Problem::CloseBeforeOpen);
    }

    #[test]
    fn brace_inside_answers() {
        error_at("Wie?{=a {~b}", 1, 9, Problem::BraceInsideAnswers);
    }

    #[test]
    fn two_answer_blocks_in_one_question() {
        // Two questions without a blank line between them.
        error_at(
            "Een?{T}\n// kop\nTwee?{F}",
            3,
            6,
            Problem::SecondAnswerBlock,
        );
        error_at("Een?{T} en }", 1, 12, Problem::CloseAfterAnswers);
    }

    #[test]
    fn answer_without_marker() {
        error_at(
            "Wie?{de raad ~het college}",
            1,
            6,
            Problem::AnswerWithoutMarker,
        );
        error_at("Hoeveel?{vier}", 1, 10, Problem::ShortAnswerWithoutMarker);
        error_at("Waar?{true}", 1, 7, Problem::ShortAnswerWithoutMarker);
    }

    #[test]
    fn empty_answer() {
        error_at("Wie?{=a ~ #leeg}", 1, 9, Problem::EmptyAnswer);
        error_at("Wie?{= =b}", 1, 6, Problem::EmptyAnswer);
    }

    #[test]
    fn bad_numbers() {
        let not_a_number = |text: &str, comma| Problem::NotANumber {
            text: text.into(),
            comma,
        };
        error_at("Jaar?{#achttien}", 1, 8, not_a_number("achttien", false));
        error_at("Pi?{#3,14}", 1, 6, not_a_number("3,14", true));
        error_at("Pi?{#3.14:x}", 1, 11, not_a_number("x", false));
        error_at("Pi?{#3.14:}", 1, 10, Problem::NumberMissing);
        error_at("Pi?{#3..}", 1, 7, Problem::NumberMissing);
        error_at("Pi?{#inf}", 1, 6, not_a_number("inf", false));
        error_at("Pi?{#=%50%3 =NaN}", 1, 14, not_a_number("NaN", false));
        error_at("Pi?{#}", 1, 4, Problem::NoNumber);
    }

    #[test]
    fn bad_numeric_range_and_tolerance() {
        error_at(
            "Pi?{#3.142..3.141}",
            1,
            6,
            Problem::EmptyRange {
                min: 3.142,
                max: 3.141,
            },
        );
        error_at("Pi?{#3.14:-1}", 1, 10, Problem::NegativeTolerance);
    }

    #[test]
    fn tilde_misused_in_numeric() {
        error_at("Jaar?{#1822 ~1823}", 1, 13, Problem::NumericStartsWithTilde);
        error_at("Jaar?{#1822 ~#nee ~#ook nee}", 1, 19, Problem::SecondTilde);
        error_at("Jaar?{#~#nee =1822}", 1, 8, Problem::NumberAfterCatchAll);
    }

    #[test]
    fn arrow_in_a_non_matching_question() {
        error_at("Wat?{=a -> b ~c}", 1, 9, Problem::ArrowInChoice);
        // In feedback it is just text.
        let q = question("Wat?{=a#stap 1 -> stap 2 ~c}");
        assert_eq!(feedback(&q)[0].as_deref(), Some("stap 1 -&gt; stap 2"));
    }

    #[test]
    fn weights_out_of_range_or_malformed() {
        let outside = |weight| Problem::WeightOutOfRange { weight };
        error_at("Wie?{=a ~%150%b}", 1, 10, outside(150.0));
        error_at("Wie?{=a ~%-101%b}", 1, 10, outside(-101.0));
        error_at(
            "Wie?{=a ~%vijftig%b}",
            1,
            10,
            Problem::NotAWeight {
                text: "vijftig".into(),
            },
        );
        error_at("Wie?{=a ~%50 b}", 1, 10, Problem::WeightNotClosed);
        error_at("Wie?{=%200%a =b}", 1, 7, outside(200.0));
    }

    #[test]
    fn description_without_answers_is_an_error() {
        error_at("Dit is alleen uitleg.", 1, 1, Problem::NoAnswers);
        error_at(
            "// kop\n  ::Titel:: Alleen uitleg.",
            2,
            3,
            Problem::NoAnswers,
        );
    }

    #[test]
    fn cloze_embedded_answers_are_refused() {
        error_at("Kies {1:MULTICHOICE:=a~b} nu.", 1, 6, Problem::Cloze);
        error_at("Typ {:SHORTANSWER:=raad}", 1, 5, Problem::Cloze);
    }

    #[test]
    fn title_not_closed() {
        error_at(
            "::Titel zonder einde\nWie?{T}",
            1,
            1,
            Problem::TitleNotClosed,
        );
    }

    #[test]
    fn question_without_text() {
        error_at("{=a ~b}", 1, 1, Problem::NoText);
        error_at("::Alleen titel::{T}", 1, 1, Problem::NoText);
    }

    #[test]
    fn single_option_is_not_a_choice() {
        error_at("Wie?{=a ~}", 1, 9, Problem::EmptyAnswer);
        error_at("Wie?{~%100%a}", 1, 5, Problem::TooFewChoices);
    }

    #[test]
    fn no_answer_earns_full_marks() {
        error_at("Wie?{=%50%a ~b}", 1, 5, Problem::NoFullMarks);
        error_at("Wat?{=%50%a =%25%b}", 1, 5, Problem::NoFullMarks);
        error_at("Jaar?{#=%50%1822}", 1, 6, Problem::NoFullMarks);
        // Only a multiple-answer sum gets rounding slack, not a single answer.
        error_at("Wie?{=%99.9%a ~b}", 1, 5, Problem::NoFullMarks);
    }

    #[test]
    fn multiple_answers_must_add_up_to_100() {
        error_at(
            "Welke?{~%50%a ~%40%b ~c}",
            1,
            7,
            Problem::WeightsNotFull { total: 90.0 },
        );
        error_at("Welke?{~a ~b ~%-50%c}", 1, 7, Problem::NoRightAnswer);
    }

    #[test]
    fn matching_errors() {
        error_at("Koppel.{=a -> x =b}", 1, 17, Problem::PairWithoutArrow);
        error_at("Koppel.{=a -> x = -> y}", 1, 17, Problem::RightWithoutLeft);
        error_at(
            "Koppel.{=a -> x =b -> y#goed}",
            1,
            24,
            Problem::PairWithFeedback,
        );
        error_at(
            "Koppel.{=a -> x =%50%b -> y}",
            1,
            18,
            Problem::PairWithWeight,
        );
        error_at("Koppel.{=a -> x =b -> }", 1, 20, Problem::PairWithoutRight);
        error_at("Koppel.{=a -> x}", 1, 8, Problem::TooFewPairs);
        error_at("Koppel.{a -> x =b -> y}", 1, 9, Problem::PairWithoutEquals);
    }

    #[test]
    fn essay_with_general_feedback_is_refused() {
        error_at("Vertel.{####Dank je.}", 1, 8, Problem::EssayWithFeedback);
    }

    #[test]
    fn all_errors_are_collected() {
        let text = "Een?{de raad ~b ~%300%c}\n\nGoed?{T}\n\nDrie?{#x =%50%y}\n\nAlleen tekst";
        let errs = errors(text);
        let at: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(1, 6), (1, 18), (5, 8), (5, 15), (7, 1)]);
    }

    #[test]
    fn columns_count_leading_white_space_and_characters() {
        // Indented, and after a multi-byte character.
        error_at(
            "    Één?{~a ~%500%b}",
            1,
            14,
            Problem::WeightOutOfRange { weight: 500.0 },
        );
    }

    #[test]
    fn error_display() {
        let e = GiftError {
            line: 3,
            column: 7,
            problem: Problem::NoText,
        };
        assert_eq!(e.to_string(), "3:7: gift-no-text");
    }

    // Found by fuzzing (issue 14, docs/fuzzing.md): `[markdown]` text nested
    // thousands of levels deep (`>>>>…`, `- - - …`) made the HTML sanitiser
    // quadratic: 64 kB of `>` took 20 s. More than 32 levels is an error, at
    // the start of the text that has it, wherever that text is.
    #[test]
    fn markdown_nested_too_deeply_is_refused() {
        let deep = ">".repeat(33);
        let needle = || Problem::TooDeep { max: 32 };
        error_at(
            &format!("[markdown]{deep} Vraag?{{=a ~b}}"),
            1,
            11,
            needle(),
        );
        error_at(
            &format!("[markdown]Vraag?{{=a ~b}}\n{deep} na"),
            1,
            11,
            needle(),
        );
        error_at(&format!("Vraag?{{=[markdown]{deep}a ~b}}"), 1, 19, needle());
        error_at(
            &format!("[markdown]V?{{=a#ok ~b#{deep}nee}}"),
            1,
            23,
            needle(),
        );
        error_at(
            &format!("[markdown]V?{{=a->b =c->d ={deep} f -> g}}"),
            1,
            27,
            needle(),
        );
        error_at(&format!("[markdown]V?{{T#{deep}nee}}"), 1, 16, needle());
        error_at(&format!("[markdown]V?{{=een#{deep}ja}}"), 1, 19, needle());
        error_at(&format!("[markdown]V?{{#1822#{deep}ja}}"), 1, 20, needle());
        error_at(
            &format!("[markdown]V?{{#1822 ~#{deep}nee}}"),
            1,
            22,
            needle(),
        );
        error_at(
            &format!("[markdown]V?{{=a ~b####{deep}uitleg}}"),
            1,
            23,
            needle(),
        );
        // 31 quotes and the paragraph in them are 32 levels: fine. In other
        // formats `>` is only text.
        let fine = ">".repeat(31);
        question(&format!("[markdown]{fine} Vraag?{{=a ~b}}"));
        question(&format!("{deep} Vraag?{{=a ~b}}"));
        question(&format!("[html]{deep} Vraag?{{=a ~b}}"));

        let started = std::time::Instant::now();
        let errs = errors(&format!(
            "[markdown]{}Vraag?{{=a ~b}}",
            "- ".repeat(32 * 1024)
        ));
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}
