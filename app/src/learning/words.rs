//! The learning pages' words in the page's language.

use super::types::{ModuleStatus, Refusal};
use crate::i18n::{td_string, Locale};
use crate::language::date_text;
use leptos_i18n::Locale as _;

/// A module's status on the course page.
pub fn module_status(status: ModuleStatus, locale: Locale) -> &'static str {
    match status {
        ModuleStatus::NotStarted => td_string!(locale, course.status_not_started),
        ModuleStatus::InProgress => td_string!(locale, course.status_in_progress),
        ModuleStatus::Complete => td_string!(locale, course.status_complete),
    }
}

/// `lang` for course content shown in an interface of another language
/// (WCAG 3.1.2), `None` when they are the same.
pub fn content_lang(course_language: &str, locale: Locale) -> Option<String> {
    (course_language != locale.as_str()).then(|| course_language.to_string())
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    let text: &str = match refusal {
        Refusal::ExamQuestionOutsideAttempt => {
            td_string!(locale, errors.exam_question_outside_attempt)
        }
        Refusal::MarkReadHasQuestions => td_string!(locale, errors.mark_read_has_questions),
        Refusal::ReflectionTooLong { max } => {
            return td_string!(locale, errors.reflection_too_long, max = *max).to_string()
        }
        Refusal::RenewInProgress => td_string!(locale, errors.renew_in_progress),
        Refusal::RenewNotYet { opens } => {
            return td_string!(locale, errors.renew_not_yet, date = date_text(*opens)).to_string()
        }
        Refusal::RenewNotNeeded => td_string!(locale, errors.renew_not_needed),
        Refusal::NoAttemptsLeft { allowed } => {
            return td_string!(locale, errors.no_attempts_left, allowed = *allowed).to_string()
        }
        Refusal::AttemptAlreadySubmitted => td_string!(locale, errors.attempt_already_submitted),
        Refusal::AttemptNotSubmitted => td_string!(locale, errors.attempt_not_submitted),
        Refusal::AttemptEarlierRound => td_string!(locale, errors.attempt_earlier_round),
        Refusal::GrantSelf => td_string!(locale, errors.grant_self),
        Refusal::GrantAlreadyPassed => td_string!(locale, errors.grant_already_passed),
        Refusal::GrantAttemptsLeft { used, allowed } => {
            return td_string!(
                locale,
                errors.grant_attempts_left,
                used = *used,
                allowed = *allowed
            )
            .to_string()
        }
        Refusal::AnswerUnreadable => td_string!(locale, errors.answer_unreadable),
        Refusal::AnswerOrderDuplicate => td_string!(locale, errors.answer_order_duplicate),
        Refusal::AnswerEmpty => td_string!(locale, errors.answer_empty),
        Refusal::AnswerNotANumber { typed } => {
            return td_string!(locale, errors.answer_not_a_number, typed).to_string()
        }
        Refusal::AnswerChooseOne => td_string!(locale, errors.answer_choose_one),
        Refusal::AnswerIncomplete => td_string!(locale, errors.answer_incomplete),
        Refusal::AnswerDuplicate => td_string!(locale, errors.answer_duplicate),
        Refusal::AnswerMismatch => td_string!(locale, errors.answer_mismatch),
    };
    text.to_string()
}
