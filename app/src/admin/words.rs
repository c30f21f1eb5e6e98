//! The administration page's words: the names of the roles.

use crate::auth::Role;
use crate::i18n::{td_string, Locale};

/// The name of a role as people see it.
pub fn role_label(r: Role, locale: Locale) -> &'static str {
    match r {
        Role::Learner => td_string!(locale, admin.role_learner),
        Role::Trainer => td_string!(locale, admin.role_trainer),
        Role::Hr => td_string!(locale, admin.role_hr),
        Role::Manager => td_string!(locale, admin.role_manager),
        Role::Admin => td_string!(locale, admin.role_admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_labels_in_both_languages() {
        assert_eq!(role_label(Role::Learner, Locale::nl), "Medewerker (leren)");
        assert_eq!(role_label(Role::Learner, Locale::en), "Employee (learning)");
        assert_eq!(role_label(Role::Admin, Locale::nl), "Beheerder");
        assert_eq!(role_label(Role::Admin, Locale::en), "Administrator");
    }

    #[test]
    fn account_messages_in_both_languages() {
        let msg =
            |locale: Locale| td_string!(locale, admin.invalid_email, email = "x@").to_string();
        assert_eq!(msg(Locale::nl), "'x@' is geen geldig e-mailadres.");
        assert_eq!(msg(Locale::en), "'x@' is not a valid e-mail address.");
        let msg =
            |locale: Locale| td_string!(locale, admin.password_too_short, min = 10).to_string();
        assert_eq!(
            msg(Locale::nl),
            "Het wachtwoord moet minstens 10 tekens lang zijn."
        );
        assert_eq!(
            msg(Locale::en),
            "The password must be at least 10 characters long."
        );
        // Outside a request the server speaks Dutch.
        #[cfg(feature = "ssr")]
        assert_eq!(server_text!(admin.empty_name), "Vul een naam in.");
    }
}
