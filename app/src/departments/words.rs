//! The departments' words in the requester's language: why a department
//! cannot be deleted, and the short message after a change.

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

/// Why a department cannot be deleted, in `locale`; `None` when it can. The
/// page shows it instead of the delete button, and the server checks again
/// when asked (with [`delete_refusal`]).
pub fn delete_refusal_in(
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

/// [`delete_refusal_in`] in the language of the current request (Dutch
/// outside a request): the server's refusal to delete.
#[cfg(feature = "ssr")]
pub fn delete_refusal(name: &str, people: u64, children: u64, assignments: u64) -> Option<String> {
    delete_refusal_in(crate::ssr::locale(), name, people, children, assignments)
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(_locale: Locale, refusal: &super::types::Refusal) -> String {
    match *refusal {}
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[cfg(feature = "ssr")]
    #[test]
    fn refusal_outside_a_request_is_dutch() {
        assert_eq!(
            delete_refusal("Team", 0, 0, 1).unwrap(),
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
