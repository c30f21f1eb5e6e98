//! The learning pages' words in the page's language.

use super::types::ModuleStatus;
use crate::i18n::{td_string, Locale};
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
pub fn refusal(_locale: Locale, refusal: &super::types::Refusal) -> String {
    match *refusal {}
}
