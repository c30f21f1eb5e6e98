//! What is wrong with a GIFT question, as codes: one [`Problem`] variant
//! per kind, with the details a sentence about it needs. The words (what is
//! wrong and how to fix it, in the trainer's language) are made at the
//! edge: `app::content_words`.

use serde::{Deserialize, Serialize};

/// One thing wrong with the GIFT text of a `::: gift` block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    // --- The question's structure ---------------------------------------------
    /// `::Title` without the closing `::`.
    TitleNotClosed,
    /// Answers `{…}` but no question text.
    NoText,
    /// No `{…}` at all: Moodle would import a description.
    NoAnswers,
    /// `{` without `}` before the next blank line.
    BraceNotClosed,
    /// `}` without `{`.
    CloseWithoutOpen,
    /// `}` before the answers' `{`.
    CloseBeforeOpen,
    /// `{` inside the answers.
    BraceInsideAnswers,
    /// A second `{…}` in one question.
    SecondAnswerBlock,
    /// `}` after the answers were closed.
    CloseAfterAnswers,
    /// Moodle's embedded answers (Cloze, `{1:MULTICHOICE:…}`).
    Cloze,
    /// An essay `{}` with general feedback (`####`).
    EssayWithFeedback,
    /// `[markdown]` text nested more than `max` levels deep.
    TooDeep {
        max: usize,
    },

    // --- Answers and weights ----------------------------------------------------
    /// A multiple-choice answer without `=` or `~`.
    AnswerWithoutMarker,
    /// A short answer without `=` (also `{true}` for `{T}`).
    ShortAnswerWithoutMarker,
    /// `=` or `~` with no text after it.
    EmptyAnswer,
    /// `->` in a multiple-choice answer.
    ArrowInChoice,
    /// A multiple-choice question with one answer.
    TooFewChoices,
    /// No answer earns full marks.
    NoFullMarks,
    /// No `=` and no positive weight.
    NoRightAnswer,
    /// The positive weights of a multiple-answer question add up to
    /// `total` percent (rounded to hundredths), not 100.
    WeightsNotFull {
        total: f64,
    },
    /// `%` without the closing `%`.
    WeightNotClosed,
    /// `%text%` where text is not a number.
    NotAWeight {
        text: String,
    },
    /// A weight outside -100..100 percent.
    WeightOutOfRange {
        weight: f64,
    },
    /// A short-answer question without answers.
    NoShortAnswers,

    // --- Matching ---------------------------------------------------------------
    PairWithoutEquals,
    PairWithWeight,
    PairWithoutArrow,
    PairWithFeedback,
    /// `= -> right`: Moodle's extra wrong answer.
    RightWithoutLeft,
    PairWithoutRight,
    TooFewPairs,

    // --- Numbers ----------------------------------------------------------------
    /// A second `~` in a numeric question.
    SecondTilde,
    /// A numeric answer starting with `~` (other than `~#feedback`).
    NumericStartsWithTilde,
    /// A number after the `~#feedback` for other answers.
    NumberAfterCatchAll,
    /// `{#}` without a number.
    NoNumber,
    /// Nothing where a number should be (`{#2024:}`).
    NumberMissing,
    /// `text` is not a number; `comma` when it has a comma (GIFT uses a
    /// decimal point).
    NotANumber {
        text: String,
        comma: bool,
    },
    /// `min..max` with `min > max`.
    EmptyRange {
        min: f64,
        max: f64,
    },
    NegativeTolerance,
}

impl Problem {
    /// A stable kebab-case name, for JSON and tests; every one starts with
    /// `gift-`.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            TitleNotClosed => "gift-title-not-closed",
            NoText => "gift-no-text",
            NoAnswers => "gift-no-answers",
            BraceNotClosed => "gift-brace-not-closed",
            CloseWithoutOpen => "gift-close-without-open",
            CloseBeforeOpen => "gift-close-before-open",
            BraceInsideAnswers => "gift-brace-inside-answers",
            SecondAnswerBlock => "gift-second-answer-block",
            CloseAfterAnswers => "gift-close-after-answers",
            Cloze => "gift-cloze",
            EssayWithFeedback => "gift-essay-with-feedback",
            TooDeep { .. } => "gift-too-deep",
            AnswerWithoutMarker => "gift-answer-without-marker",
            ShortAnswerWithoutMarker => "gift-short-answer-without-marker",
            EmptyAnswer => "gift-empty-answer",
            ArrowInChoice => "gift-arrow-in-choice",
            TooFewChoices => "gift-too-few-choices",
            NoFullMarks => "gift-no-full-marks",
            NoRightAnswer => "gift-no-right-answer",
            WeightsNotFull { .. } => "gift-weights-not-full",
            WeightNotClosed => "gift-weight-not-closed",
            NotAWeight { .. } => "gift-not-a-weight",
            WeightOutOfRange { .. } => "gift-weight-out-of-range",
            NoShortAnswers => "gift-no-short-answers",
            PairWithoutEquals => "gift-pair-without-equals",
            PairWithWeight => "gift-pair-with-weight",
            PairWithoutArrow => "gift-pair-without-arrow",
            PairWithFeedback => "gift-pair-with-feedback",
            RightWithoutLeft => "gift-right-without-left",
            PairWithoutRight => "gift-pair-without-right",
            TooFewPairs => "gift-too-few-pairs",
            SecondTilde => "gift-second-tilde",
            NumericStartsWithTilde => "gift-numeric-starts-with-tilde",
            NumberAfterCatchAll => "gift-number-after-catch-all",
            NoNumber => "gift-no-number",
            NumberMissing => "gift-number-missing",
            NotANumber { .. } => "gift-not-a-number",
            EmptyRange { .. } => "gift-empty-range",
            NegativeTolerance => "gift-negative-tolerance",
        }
    }
}
