//! The import's words in the requester's language: the summary after
//! applying, and why an upload was sent back.

use super::types::ImportSummary;
use crate::i18n::{td_string, Locale};

/// The text for a count in `locale`: the `single` key for 1, the `multiple`
/// key (with `n`) for any other number.
macro_rules! counted {
    ($locale:expr, $n:expr, $single:ident, $multiple:ident) => {{
        let n = $n;
        if n == 1 {
            td_string!($locale, import.$single).to_string()
        } else {
            td_string!($locale, import.$multiple, n).to_string()
        }
    }};
}
pub(crate) use counted;

/// One sentence per kind of change.
pub fn sentences(summary: &ImportSummary) -> Vec<String> {
    sentences_in(summary, Locale::nl)
}

/// One sentence per kind of change in `locale` (the page; the CLI in Dutch).
pub fn sentences_in(s: &ImportSummary, locale: Locale) -> Vec<String> {
    let mut out = vec![
        counted!(locale, s.created, created_single, created_multiple),
        counted!(locale, s.updated, updated_single, updated_multiple),
    ];
    if s.deactivated > 0 {
        out.push(counted!(
            locale,
            s.deactivated,
            deactivated_single,
            deactivated_multiple
        ));
    }
    if s.departments_created > 0 {
        out.push(counted!(
            locale,
            s.departments_created,
            departments_created_single,
            departments_created_multiple
        ));
    }
    if s.unchanged > 0 {
        out.push(counted!(
            locale,
            s.unchanged,
            unchanged_single,
            unchanged_multiple
        ));
    }
    if s.skipped_inactive > 0 {
        out.push(counted!(
            locale,
            s.skipped_inactive,
            skipped_single,
            skipped_multiple
        ));
    }
    out
}

/// `1 medewerker`, `3 medewerkers`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Why an upload was sent back (`?fout=`), in Dutch.
pub fn upload_error_message(code: &str) -> &'static str {
    upload_error_message_in(Locale::nl, code)
}

/// Why an upload was sent back (`?fout=`), in `locale`.
pub fn upload_error_message_in(locale: Locale, code: &str) -> &'static str {
    match code {
        "te-groot" => td_string!(locale, import.upload_too_big),
        "geen-bestand" => td_string!(locale, import.upload_no_file),
        _ => td_string!(locale, import.upload_failed),
    }
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(_locale: Locale, refusal: &super::types::Refusal) -> String {
    match *refusal {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::types::ImportSummary;

    fn summary() -> ImportSummary {
        ImportSummary {
            departments_created: 1,
            created: 4,
            updated: 0,
            deactivated: 1,
            unchanged: 2,
            skipped_inactive: 1,
        }
    }

    #[test]
    fn sentences_in_dutch() {
        assert_eq!(
            sentences(&summary()),
            vec![
                "4 medewerkers toegevoegd.",
                "0 medewerkers bijgewerkt.",
                "1 medewerker op inactief gezet.",
                "1 afdeling toegevoegd.",
                "2 medewerkers stonden al goed in het platform.",
                "1 medewerker niet aangemaakt, omdat ze niet (meer) in dienst zijn.",
            ]
        );
        assert_eq!(sentences_in(&summary(), Locale::nl), sentences(&summary()));
    }

    #[test]
    fn sentences_in_english() {
        assert_eq!(
            sentences_in(&summary(), Locale::en),
            vec![
                "4 employees added.",
                "0 employees updated.",
                "1 employee set to inactive.",
                "1 department added.",
                "2 employees were already correct in the platform.",
                "1 employee not created, because they are not (or no longer) employed.",
            ]
        );
    }

    #[test]
    fn plural_counts() {
        assert_eq!(plural(1, "fout", "fouten"), "1 fout");
        assert_eq!(plural(3, "fout", "fouten"), "3 fouten");
    }

    #[test]
    fn upload_errors_in_both_languages() {
        assert!(upload_error_message("te-groot").starts_with("Het bestand is groter dan 10 MB."));
        assert_eq!(
            upload_error_message_in(Locale::en, "geen-bestand"),
            "First choose a file, then click \"Check file\"."
        );
        assert_eq!(
            upload_error_message("iets"),
            "Het bestand kon niet worden ontvangen. Probeer het opnieuw."
        );
    }
}
