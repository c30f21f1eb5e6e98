//! The mandatory-training page's words in the requester's language.

use super::types::{AssignedTo, Refusal};
use crate::i18n::{td_string, Locale};
use crate::language::date_text;

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
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::PersonMissing => td_string!(locale, errors.person_missing).to_string(),
        Refusal::PersonUnknown { text } => {
            td_string!(locale, errors.person_unknown, text).to_string()
        }
        Refusal::DueMissing => td_string!(locale, errors.due_missing).to_string(),
        Refusal::DueInvalid { text } => td_string!(locale, errors.due_invalid, text).to_string(),
        Refusal::DueInPast { date } => {
            td_string!(locale, errors.due_in_past, date = date_text(*date)).to_string()
        }
        Refusal::CourseUnknown => td_string!(locale, errors.assignment_course_unknown).to_string(),
        Refusal::DepartmentGone => td_string!(locale, errors.department_gone).to_string(),
        Refusal::PersonInactive { name } => {
            td_string!(locale, errors.assignment_person_inactive, name).to_string()
        }
        Refusal::Exists {
            course,
            target,
            date,
        } => td_string!(
            locale,
            errors.assignment_exists,
            course,
            target,
            date = date_text(*date)
        )
        .to_string(),
    }
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
