//! Reading one cell: e-mail addresses, yes/no, dates and roles, each the
//! way a Dutch HR export writes them.

use crate::completion::Date;

/// The platform's roles, in the order they are listed and stored.
pub const ROLES: [&str; 5] = ["learner", "trainer", "hr", "manager", "admin"];

/// The canonical role a role name in the file means (Dutch or English,
/// case-insensitive), if any.
pub fn role(name: &str) -> Option<&'static str> {
    let canonical = match name.trim().to_lowercase().as_str() {
        "learner" | "leerling" | "medewerker" | "deelnemer" | "cursist" => "learner",
        "trainer" | "docent" | "opleider" => "trainer",
        "hr" | "hrm" | "p&o" => "hr",
        "manager" | "leidinggevende" => "manager",
        "admin" | "beheerder" | "administrator" | "functioneel beheerder" => "admin",
        _ => return None,
    };
    Some(canonical)
}

/// The roles in a cell, separated by `|` or `,`: canonical, deduplicated and
/// in [`ROLES`] order; `Err` with every name that is not a role.
pub fn roles(cell: &str) -> Result<Vec<String>, Vec<String>> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for name in cell
        .split(['|', ','])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match role(name) {
            Some(r) => found.push(r),
            None => unknown.push(name.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(canonical_roles(found))
}

/// Roles as the platform lists them: known ones in [`ROLES`] order, then any
/// other (stored by an older version, say) alphabetically; no duplicates.
pub fn canonical_roles<'a>(roles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut roles: Vec<String> = roles.into_iter().map(|r| r.trim().to_lowercase()).collect();
    let rank = |r: &String| ROLES.iter().position(|k| k == r).unwrap_or(ROLES.len());
    roles.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    roles.dedup();
    roles
}

/// Yes or no, in the ways exports write it; `None` for anything else.
pub fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "waar" | "1" => Some(true),
        "nee" | "n" | "no" | "false" | "onwaar" | "0" => Some(false),
        _ => None,
    }
}

/// A date as `2026-03-01` (ISO), or day-month-year as `01-03-2026`,
/// `1-3-2026` or `01/03/2026`; `None` for anything else, including a real
/// looking date that does not exist (`31-02-2026`) and two-digit years.
pub fn date(cell: &str) -> Option<Date> {
    let cell = cell.trim();
    let separator = if cell.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = cell.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, lengths: &[usize]| -> Option<u32> {
        (lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if separator == '-' && a.len() == 4 {
        (number(a, &[4])?, number(b, &[1, 2])?, number(c, &[1, 2])?)
    } else {
        (number(c, &[4])?, number(b, &[1, 2])?, number(a, &[1, 2])?)
    };
    Date::new(i32::try_from(year).ok()?, month, day)
}

/// Trimmed, with every run of whitespace (a line break in a quoted field,
/// a non-breaking space from Excel) turned into one space.
pub fn collapse_whitespace(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Addresses compare the way sign-in compares them: trimmed, lowercase.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether a (normalised) address has the shape `local@domain.tld` that mail
/// servers accept: a local part of ASCII letters, digits and `.!#$%&'*+/=?^_`{|}~-`
/// without leading, trailing or double dots, and a domain of at least two
/// labels of letters, digits and inner hyphens, the last at least two
/// letters. Stricter than RFC 5321 on purpose: quoted local parts and IP
/// literals are legal but never a colleague's work address, and usually a
/// paste error.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-!#$&'*/=?^`{|}~".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok && email.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn dates_in_every_accepted_form() {
        assert_eq!(date("2026-03-01"), d(2026, 3, 1));
        assert_eq!(date("2026-3-1"), d(2026, 3, 1));
        assert_eq!(date("01-03-2026"), d(2026, 3, 1));
        assert_eq!(date("1-3-2026"), d(2026, 3, 1));
        assert_eq!(date("01/03/2026"), d(2026, 3, 1));
        assert_eq!(date("1/3/2026"), d(2026, 3, 1));
        assert_eq!(date(" 29-02-2024 "), d(2024, 2, 29));
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in [
            "",
            "31-02-2026",
            "29-02-2025",
            "2026-13-01",
            "01-03-26",
            "2026/03/01",
            "01.03.2026",
            "1 maart 2026",
            "2026-03-01 00:00:00",
            "01-03-2026-1",
            "001-03-2026",
            "+1-03-2026",
            "0000-01-01",
            "x1-03-2026",
        ] {
            assert_eq!(date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn yes_and_no() {
        for yes in ["ja", "JA", " Ja ", "j", "true", "TRUE", "1", "yes", "waar"] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["nee", "Nee", "n", "false", "0", "no", "onwaar"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        for bad in ["", "misschien", "2", "jaa", "-"] {
            assert_eq!(yes_no(bad), None, "{bad}");
        }
    }

    #[test]
    fn roles_and_their_dutch_names() {
        assert_eq!(roles(""), Ok(vec![]));
        assert_eq!(roles("Medewerker"), Ok(vec!["learner".to_string()]));
        assert_eq!(
            roles("beheerder|leidinggevende, Trainer|hr|leerling|"),
            Ok(["learner", "trainer", "hr", "manager", "admin"]
                .map(String::from)
                .to_vec())
        );
        assert_eq!(roles("manager|manager"), Ok(vec!["manager".to_string()]));
        assert_eq!(
            roles("manager|directeur, baas"),
            Err(vec!["directeur".to_string(), "baas".to_string()])
        );
        for canonical in ROLES {
            assert_eq!(role(canonical), Some(canonical));
        }
    }

    #[test]
    fn stored_roles_are_put_in_order() {
        assert_eq!(
            canonical_roles(["admin", " Learner", "zzz", "aaa", "learner"]),
            ["learner", "admin", "aaa", "zzz"]
        );
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            collapse_whitespace("  Jan\n de\u{a0}\u{a0}Vries "),
            "Jan de Vries"
        );
    }

    #[test]
    fn email_addresses() {
        for good in [
            "jan.devries@gemeente.nl",
            "j.de-vries+hr@sub.gemeente-west.nl",
            "o'brien@gemeente.nl",
            "a@b.co",
            "1234@gemeente.amsterdam",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "",
            "jan.devries@",
            "@gemeente.nl",
            "jan devries@gemeente.nl",
            "jan@gemeente",
            "jan@@gemeente.nl",
            "jan@gemeente..nl",
            "jan@.gemeente.nl",
            "jan@gemeente.nl.",
            ".jan@gemeente.nl",
            "jan.@gemeente.nl",
            "jan..devries@gemeente.nl",
            "jan@-gemeente.nl",
            "jan@gemeente-.nl",
            "jan@gemeente.n",
            "jan@gemeente.123",
            "josé@gemeente.nl",
            "jan@gemeénte.nl",
            "jan@gemeente.nl;piet@gemeente.nl",
            "\"jan\"@gemeente.nl",
            "jan@[127.0.0.1]",
            "Jan de Vries <jan@gemeente.nl>",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        assert!(!is_valid_email(&format!("{}@gemeente.nl", "a".repeat(65))));
        assert_eq!(
            normalise_email(" Jan.DeVries@Gemeente.NL "),
            "jan.devries@gemeente.nl"
        );
    }
}
