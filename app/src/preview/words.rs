//! The preview's words in the requester's language.

use super::types::Refusal;
use crate::i18n::{td_string, Locale};

/// A refusal, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::HasErrors { errors } => {
            td_string!(locale, preview.refused_errors, n = *errors).to_string()
        }
        Refusal::LiveRejected { errors } => {
            td_string!(locale, preview.refused_live, n = *errors).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_in_both_languages() {
        let errors = Refusal::HasErrors { errors: 2 };
        assert_eq!(
            refusal(Locale::nl, &errors),
            "Dit concept heeft nog 2 fout(en). Los ze eerst op; daarna kun je publiceren."
        );
        assert_eq!(
            refusal(Locale::en, &errors),
            "This draft still has 2 error(s). Fix them first; then you can publish."
        );
        assert!(refusal(Locale::nl, &Refusal::LiveRejected { errors: 3 }).contains("3 fout(en)"));
        assert!(errors.is_conflict());
    }
}
