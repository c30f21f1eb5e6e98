//! The reports' words, in the language of the person who asks: made at the
//! edge (a page, a server function's chart, a download) from the codes and
//! dates the queries return.

use super::types::{Month, Unit};
use crate::i18n::{td_string, Locale};
use domain::completion::Date;
use domain::report::status::Status;

/// The name of a matrix row: the department's own, or what stands for
/// the people without one, or for everyone.
pub fn unit_name(locale: Locale, unit: &Unit) -> String {
    match unit {
        Unit::Department(d) => d.name.clone(),
        Unit::NoDepartment => td_string!(locale, reports.no_department).to_string(),
        Unit::Organisation => td_string!(locale, reports.whole_organisation).to_string(),
    }
}

/// A learner's status for a course; `None` (no row at all) is "not started".
pub fn status(locale: Locale, status: Option<Status>) -> &'static str {
    crate::language::status_text(locale, status.unwrap_or(Status::NotStarted))
}

/// The short name of a month and its year: "mrt 2026", "Mar 2026".
pub fn month(locale: Locale, m: Month) -> String {
    let name = match m.month {
        1 => td_string!(locale, reports.month_1),
        2 => td_string!(locale, reports.month_2),
        3 => td_string!(locale, reports.month_3),
        4 => td_string!(locale, reports.month_4),
        5 => td_string!(locale, reports.month_5),
        6 => td_string!(locale, reports.month_6),
        7 => td_string!(locale, reports.month_7),
        8 => td_string!(locale, reports.month_8),
        9 => td_string!(locale, reports.month_9),
        10 => td_string!(locale, reports.month_10),
        11 => td_string!(locale, reports.month_11),
        12 => td_string!(locale, reports.month_12),
        _ => return format!("{}-{:02}", m.year, m.month),
    };
    format!("{name} {}", m.year)
}

/// A date as the reports show it, as everywhere: "31-12-2026".
pub fn date(d: Date) -> String {
    crate::language::date_text(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::types::DeptRef;

    #[test]
    fn months_follow_the_language() {
        let march = Month {
            year: 2026,
            month: 3,
        };
        assert_eq!(month(Locale::nl, march), "mrt 2026");
        assert_eq!(month(Locale::en, march), "Mar 2026");
        let october = Month {
            year: 2025,
            month: 10,
        };
        assert_eq!(month(Locale::en, october), "Oct 2025");
    }

    #[test]
    fn statuses_and_rows_follow_the_language() {
        assert_eq!(status(Locale::nl, Some(Status::Expired)), "Verlopen");
        assert_eq!(status(Locale::en, Some(Status::Expiring)), "Expiring soon");
        assert_eq!(status(Locale::en, None), "Not started");
        assert_eq!(
            unit_name(Locale::en, &Unit::Organisation),
            "Whole organisation"
        );
        assert_eq!(
            unit_name(Locale::nl, &Unit::NoDepartment),
            "Zonder afdeling"
        );
        let team = Unit::Department(DeptRef {
            id: 4,
            name: "Team Wijk".into(),
        });
        assert_eq!(unit_name(Locale::en, &team), "Team Wijk");
    }

    #[test]
    fn dates_read_day_first() {
        assert_eq!(date(Date::new(2026, 3, 7).unwrap()), "07-03-2026");
    }
}
