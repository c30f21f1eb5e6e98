//! The mandatory-training page's words in the requester's language.

use super::types::AssignedTo;
use crate::i18n::{td_string, Locale};

/// Whom an assignment is for: a person's name and address, or a
/// department's path with whether its sub-departments count.
pub fn assigned_to(locale: Locale, to: &AssignedTo) -> String {
    match to {
        AssignedTo::Person { name, email } => format!("{name} ({email})"),
        AssignedTo::Department { path, sub: None } => path.clone(),
        AssignedTo::Department {
            path,
            sub: Some(true),
        } => td_string!(locale, assignments.target_with_sub, path).to_string(),
        AssignedTo::Department {
            path,
            sub: Some(false),
        } => td_string!(locale, assignments.target_without_sub, path).to_string(),
        AssignedTo::Unknown => td_string!(locale, errors.assignment_unknown_person).to_string(),
    }
}

/// The text for a `?klaar=` key (fixed texts only).
pub fn done_message(locale: Locale, key: &str) -> Option<&'static str> {
    match key {
        "toegevoegd" => Some(td_string!(locale, assignments.done_added)),
        "verwijderd" => Some(td_string!(locale, assignments.done_removed)),
        _ => None,
    }
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(_locale: Locale, refusal: &super::types::Refusal) -> String {
    match *refusal {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_messages_in_both_languages() {
        assert_eq!(
            done_message(Locale::nl, "verwijderd"),
            Some("De verplichting is verwijderd.")
        );
        assert_eq!(
            done_message(Locale::en, "verwijderd"),
            Some("The mandatory course has been removed.")
        );
        assert_eq!(done_message(Locale::en, "iets"), None);
    }

    #[test]
    fn whom_in_both_languages() {
        let dept = |sub| AssignedTo::Department {
            path: "Gemeente / Team X".into(),
            sub,
        };
        assert_eq!(
            assigned_to(Locale::nl, &dept(Some(true))),
            "Gemeente / Team X (met onderliggende afdelingen)"
        );
        assert_eq!(
            assigned_to(Locale::en, &dept(Some(false))),
            "Gemeente / Team X (excluding sub-departments)"
        );
        assert_eq!(assigned_to(Locale::en, &dept(None)), "Gemeente / Team X");
        let person = AssignedTo::Person {
            name: "Lotte".into(),
            email: "l@x.example".into(),
        };
        assert_eq!(assigned_to(Locale::en, &person), "Lotte (l@x.example)");
        assert_eq!(
            assigned_to(Locale::en, &AssignedTo::Unknown),
            "unknown person"
        );
    }
}
