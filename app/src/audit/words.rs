//! The audit log's words: the names of the kinds of entries.

use crate::i18n::{td_string, Locale};

/// Names for the kinds of entries, in the interface language. The stored
/// action is a code (`report_view`); every code the platform writes has a
/// name here, and an unknown code (from a newer version) is shown as it is.
pub fn action_label(action: &str, locale: Locale) -> &str {
    match action {
        "report_view" => td_string!(locale, audit.action_report_view),
        "report_export" => td_string!(locale, audit.action_report_export),
        "employee_import" => td_string!(locale, audit.action_employee_import),
        "content_reload" => td_string!(locale, audit.action_content_reload),
        "draft_publish" => td_string!(locale, audit.action_draft_publish),
        "create_user" => td_string!(locale, audit.action_user_created),
        "sign_in" => td_string!(locale, audit.action_sign_in),
        "grant_attempt" => td_string!(locale, audit.action_grant_attempt),
        "assignment_create" => td_string!(locale, audit.action_assignment_create),
        "assignment_delete" => td_string!(locale, audit.action_assignment_delete),
        "department_create" => td_string!(locale, audit.action_department_create),
        "department_update" => td_string!(locale, audit.action_department_update),
        "department_delete" => td_string!(locale, audit.action_department_delete),
        "user_move" => td_string!(locale, audit.action_user_move),
        "data_export" => td_string!(locale, audit.action_data_export),
        "person_anonymise" => td_string!(locale, audit.action_person_anonymise),
        "person_delete" => td_string!(locale, audit.action_person_delete),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_labels_in_both_languages() {
        assert_eq!(action_label("report_view", Locale::nl), "Rapport bekeken");
        assert_eq!(action_label("report_view", Locale::en), "Report viewed");
        assert_eq!(
            action_label("employee_import", Locale::nl),
            "Medewerkers geïmporteerd"
        );
        assert_eq!(
            action_label("employee_import", Locale::en),
            "Employees imported"
        );
        assert_eq!(
            action_label("grant_attempt", Locale::en),
            "Extra exam attempt granted"
        );
        // Codes without a name (from a newer version) are shown as stored.
        assert_eq!(action_label("something_new", Locale::en), "something_new");
    }
}
