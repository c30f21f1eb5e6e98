//! The words for problems in the GIFT text of a `::: gift` block
//! (`domain::gift::Problem`). GIFT's own notation (`{=a ~b}`, `%50%`,
//! `1822:2`, `3.141..3.142`) is quoted as GIFT writes it, also in Dutch.

use super::number;
use crate::i18n::{td_string, Locale};
use domain::gift::Problem;

/// What is wrong, in `locale`.
pub(super) fn message(locale: Locale, problem: &Problem) -> String {
    use Problem::*;
    match problem {
        TitleNotClosed => td_string!(locale, checker.gift_title_not_closed).to_string(),
        NoText => td_string!(locale, checker.gift_no_text).to_string(),
        NoAnswers => td_string!(locale, checker.gift_no_answers).to_string(),
        BraceNotClosed => td_string!(locale, checker.gift_brace_not_closed).to_string(),
        CloseWithoutOpen => td_string!(locale, checker.gift_close_without_open).to_string(),
        CloseBeforeOpen => td_string!(locale, checker.gift_close_before_open).to_string(),
        BraceInsideAnswers => td_string!(locale, checker.gift_brace_inside_answers).to_string(),
        SecondAnswerBlock => td_string!(locale, checker.gift_second_answer_block).to_string(),
        CloseAfterAnswers => td_string!(locale, checker.gift_close_after_answers).to_string(),
        Cloze => td_string!(locale, checker.gift_cloze).to_string(),
        EssayWithFeedback => td_string!(locale, checker.gift_essay_with_feedback).to_string(),
        TooDeep { max } => td_string!(locale, checker.gift_too_deep, max).to_string(),
        AnswerWithoutMarker | ShortAnswerWithoutMarker => {
            td_string!(locale, checker.gift_answer_without_marker).to_string()
        }
        EmptyAnswer => td_string!(locale, checker.gift_empty_answer).to_string(),
        ArrowInChoice => td_string!(locale, checker.gift_arrow_in_choice).to_string(),
        TooFewChoices => td_string!(locale, checker.gift_too_few_choices).to_string(),
        NoFullMarks => td_string!(locale, checker.gift_no_full_marks).to_string(),
        NoRightAnswer => td_string!(locale, checker.gift_no_right_answer).to_string(),
        WeightsNotFull { total } => {
            let total = number(locale, *total);
            td_string!(locale, checker.gift_weights_not_full, total).to_string()
        }
        WeightNotClosed => td_string!(locale, checker.gift_weight_not_closed).to_string(),
        NotAWeight { text } => td_string!(locale, checker.gift_not_a_weight, text).to_string(),
        WeightOutOfRange { weight } => {
            let weight = number(locale, *weight);
            td_string!(locale, checker.gift_weight_out_of_range, weight).to_string()
        }
        NoShortAnswers => td_string!(locale, checker.gift_no_short_answers).to_string(),
        PairWithoutEquals => td_string!(locale, checker.gift_pair_without_equals).to_string(),
        PairWithWeight => td_string!(locale, checker.gift_pair_with_weight).to_string(),
        PairWithoutArrow => td_string!(locale, checker.gift_pair_without_arrow).to_string(),
        PairWithFeedback => td_string!(locale, checker.gift_pair_with_feedback).to_string(),
        RightWithoutLeft => td_string!(locale, checker.gift_right_without_left).to_string(),
        PairWithoutRight => td_string!(locale, checker.gift_pair_without_right).to_string(),
        TooFewPairs => td_string!(locale, checker.gift_too_few_pairs).to_string(),
        SecondTilde => td_string!(locale, checker.gift_second_tilde).to_string(),
        NumericStartsWithTilde => {
            td_string!(locale, checker.gift_numeric_starts_with_tilde).to_string()
        }
        NumberAfterCatchAll => td_string!(locale, checker.gift_number_after_catch_all).to_string(),
        NoNumber => td_string!(locale, checker.gift_no_number).to_string(),
        NumberMissing => td_string!(locale, checker.gift_number_missing).to_string(),
        NotANumber { text, .. } => td_string!(locale, checker.gift_not_a_number, text).to_string(),
        // GIFT's range notation, with its decimal point, in both languages.
        EmptyRange { min, max } => {
            td_string!(locale, checker.gift_empty_range, min, max).to_string()
        }
        NegativeTolerance => td_string!(locale, checker.gift_negative_tolerance).to_string(),
    }
}

/// How to fix it, in `locale`; every GIFT problem has a hint.
pub(super) fn hint(locale: Locale, problem: &Problem) -> Option<String> {
    use Problem::*;
    let hint = match problem {
        TitleNotClosed => td_string!(locale, checker.gift_title_not_closed_hint),
        NoText => td_string!(locale, checker.gift_no_text_hint),
        NoAnswers => td_string!(locale, checker.gift_no_answers_hint),
        BraceNotClosed => td_string!(locale, checker.gift_brace_not_closed_hint),
        CloseWithoutOpen | CloseBeforeOpen | CloseAfterAnswers => {
            td_string!(locale, checker.gift_literal_close_hint)
        }
        BraceInsideAnswers => td_string!(locale, checker.gift_brace_inside_answers_hint),
        SecondAnswerBlock => td_string!(locale, checker.gift_second_answer_block_hint),
        Cloze => td_string!(locale, checker.gift_cloze_hint),
        EssayWithFeedback => td_string!(locale, checker.gift_essay_with_feedback_hint),
        TooDeep { .. } => td_string!(locale, checker.nesting_hint),
        AnswerWithoutMarker | EmptyAnswer | TooFewChoices | NoShortAnswers => {
            td_string!(locale, checker.gift_answer_hint)
        }
        ShortAnswerWithoutMarker => td_string!(locale, checker.gift_short_answer_hint),
        ArrowInChoice => td_string!(locale, checker.gift_arrow_in_choice_hint),
        NoFullMarks => td_string!(locale, checker.gift_no_full_marks_hint),
        NoRightAnswer => td_string!(locale, checker.gift_no_right_answer_hint),
        WeightsNotFull { .. } => td_string!(locale, checker.gift_weights_not_full_hint),
        WeightNotClosed | NotAWeight { .. } | WeightOutOfRange { .. } => {
            td_string!(locale, checker.gift_weight_hint)
        }
        PairWithoutEquals | PairWithoutArrow | PairWithoutRight | TooFewPairs => {
            td_string!(locale, checker.gift_pair_hint)
        }
        PairWithWeight => td_string!(locale, checker.gift_pair_with_weight_hint),
        PairWithFeedback => td_string!(locale, checker.gift_pair_with_feedback_hint),
        RightWithoutLeft => td_string!(locale, checker.gift_right_without_left_hint),
        SecondTilde | NumericStartsWithTilde | NumberAfterCatchAll => {
            td_string!(locale, checker.gift_tilde_hint)
        }
        NoNumber | NumberMissing | NotANumber { comma: false, .. } => {
            td_string!(locale, checker.gift_number_hint)
        }
        NotANumber { comma: true, .. } => td_string!(locale, checker.gift_number_comma_hint),
        EmptyRange { .. } => td_string!(locale, checker.gift_empty_range_hint),
        NegativeTolerance => td_string!(locale, checker.gift_negative_tolerance_hint),
    };
    Some(hint.to_string())
}
