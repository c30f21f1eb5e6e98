//! The scan's words in the requester's language.

use super::types::Refusal;
use crate::i18n::{td_string, Locale};

/// A refusal, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Unanswered { question } => {
            td_string!(locale, scan.unanswered, question = *question).to_string()
        }
        Refusal::NoSuchOption { question } => {
            td_string!(locale, scan.no_such_option, question = *question).to_string()
        }
    }
}
