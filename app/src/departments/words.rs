//! The departments' words in the requester's language: why a department
//! cannot be deleted, and the short message after a change.

use super::types::Refusal;
use crate::i18n::{td_string, Locale};

/// The text for a `?klaar=` key (fixed texts only: nothing from the URL is
/// shown as is).
pub fn done_message(locale: Locale, key: &str) -> Option<&'static str> {
    let text: &'static str = match key {
        "toegevoegd" => td_string!(locale, departments.done_added),
        "gewijzigd" => td_string!(locale, departments.done_saved),
        "verwijderd" => td_string!(locale, departments.done_deleted),
        "verplaatst" => td_string!(locale, departments.done_moved),
        _ => return None,
    };
    Some(text)
}

/// Why a department cannot be deleted ([`Refusal::InUse`]), in `locale`;
/// `None` when it can.
fn delete_refusal_in(
    locale: Locale,
    name: &str,
    people: u64,
    children: u64,
    assignments: u64,
) -> Option<String> {
    let mut reasons: Vec<String> = Vec::new();
    let mut todo: Vec<&'static str> = Vec::new();
    if people == 1 {
        reasons.push(td_string!(locale, departments.refusal_people_single).to_string());
        todo.push(td_string!(locale, departments.refusal_people_todo_single));
    } else if people > 1 {
        reasons
            .push(td_string!(locale, departments.refusal_people_multiple, n = people).to_string());
        todo.push(td_string!(locale, departments.refusal_people_todo_multiple));
    }
    if children > 0 {
        reasons.push(if children == 1 {
            td_string!(locale, departments.refusal_children_single).to_string()
        } else {
            td_string!(locale, departments.refusal_children_multiple, n = children).to_string()
        });
        todo.push(td_string!(locale, departments.refusal_children_todo));
    }
    if assignments > 0 {
        reasons.push(if assignments == 1 {
            td_string!(locale, departments.refusal_assignments_single).to_string()
        } else {
            td_string!(
                locale,
                departments.refusal_assignments_multiple,
                n = assignments
            )
            .to_string()
        });
        todo.push(td_string!(locale, departments.refusal_assignments_todo));
    }
    let last = reasons.pop()?;
    let reasons = if reasons.is_empty() {
        last
    } else {
        let first = reasons.join(", ");
        td_string!(locale, departments.refusal_and, first, last).to_string()
    };
    let todo = todo.join(" ");
    Some(td_string!(locale, departments.refusal, name, reasons, todo).to_string())
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::NameMissing => td_string!(locale, errors.dept_name_missing).to_string(),
        Refusal::NameTooLong { max } => {
            td_string!(locale, errors.dept_name_too_long, max = *max).to_string()
        }
        Refusal::CodeTooLong { max } => {
            td_string!(locale, errors.dept_code_too_long, max = *max).to_string()
        }
        Refusal::CodeSpaces => td_string!(locale, errors.dept_code_spaces).to_string(),
        Refusal::ParentGone => td_string!(locale, errors.dept_parent_gone).to_string(),
        Refusal::UnderItself { name } => {
            td_string!(locale, errors.dept_under_itself, name).to_string()
        }
        Refusal::Cycle { own, target } => {
            td_string!(locale, errors.dept_cycle, own, target).to_string()
        }
        Refusal::CodeTaken { code, other } => {
            td_string!(locale, errors.dept_code_taken, code, other).to_string()
        }
        Refusal::NameTaken {
            name,
            parent: Some(parent),
        } => td_string!(locale, errors.dept_name_taken_under, parent, name).to_string(),
        Refusal::NameTaken { name, parent: None } => {
            td_string!(locale, errors.dept_name_taken_top, name).to_string()
        }
        Refusal::InUse {
            name,
            people,
            children,
            assignments,
        } => delete_refusal_in(locale, name, *people, *children, *assignments).unwrap_or_default(),
        Refusal::DepartmentGone => td_string!(locale, errors.department_gone).to_string(),
        Refusal::AlreadyThere { name } => {
            td_string!(locale, errors.user_already_in_department, name).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::departments::types::delete_blocked;

    #[test]
    fn refusal_names_every_reason() {
        assert_eq!(delete_refusal_in(Locale::nl, "X", 0, 0, 0), None);
        let msg = delete_refusal_in(Locale::nl, "Team", 2, 1, 0).unwrap();
        assert_eq!(
            msg,
            "Team kan niet worden verwijderd, want er horen nog 2 personen bij en er valt nog 1 \
             afdeling onder. Verplaats die personen eerst naar een andere afdeling. Verplaats of \
             verwijder eerst de onderliggende afdelingen."
        );
        let msg = delete_refusal_in(Locale::nl, "Team", 1, 0, 3).unwrap();
        assert_eq!(
            msg,
            "Team kan niet worden verwijderd, want er hoort nog 1 persoon bij en er zijn nog 3 \
             verplichte cursussen voor ingesteld. Verplaats die persoon eerst naar een andere \
             afdeling. Verwijder eerst de verplichte cursussen van deze afdeling (bij Verplichte \
             cursussen)."
        );
    }

    #[test]
    fn refusal_in_english() {
        assert_eq!(delete_refusal_in(Locale::en, "X", 0, 0, 0), None);
        let msg = delete_refusal_in(Locale::en, "Team", 2, 1, 1).unwrap();
        assert_eq!(
            msg,
            "Team cannot be deleted, because 2 people still belong to it, 1 department still \
             falls under it and 1 mandatory course is still set for it. First move those people \
             to another department. First move or delete the departments under it. First remove \
             the mandatory courses of this department (under Mandatory courses)."
        );
    }

    #[test]
    fn a_department_in_use_is_refused_with_every_reason() {
        assert_eq!(delete_blocked("Team", 0, 0, 0), None);
        let refused = delete_blocked("Team", 0, 0, 1).unwrap();
        assert!(refused.is_conflict());
        assert_eq!(
            refusal(Locale::nl, &refused),
            "Team kan niet worden verwijderd, want er is nog 1 verplichte cursus voor ingesteld. \
             Verwijder eerst de verplichte cursussen van deze afdeling (bij Verplichte cursussen)."
        );
    }

    #[test]
    fn done_messages_in_both_languages() {
        assert_eq!(
            done_message(Locale::nl, "toegevoegd"),
            Some("De afdeling is toegevoegd.")
        );
        assert_eq!(
            done_message(Locale::en, "verwijderd"),
            Some("The department has been deleted.")
        );
        assert_eq!(done_message(Locale::en, "iets"), None);
    }
}
