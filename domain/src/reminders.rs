//! Reminders for mandatory training: which mail is due for whom today.
//! Pure: the job (`app::reminders`) reads the due dates, asks here, and
//! records each mail it sends under its [`Reminder::key`], so a reminder
//! goes out once per person, course, due date and threshold.

use crate::completion::Date as NaiveDate;

/// The moments a learner is reminded of a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threshold {
    /// A set number of days before the due date (learners may turn this
    /// one off: "less mail").
    Before,
    /// On the due date.
    Due,
    /// After the due date, once.
    Overdue,
}

impl Threshold {
    pub fn code(self) -> &'static str {
        match self {
            Threshold::Before => "voor",
            Threshold::Due => "vandaag",
            Threshold::Overdue => "te-laat",
        }
    }
}

/// The learner's choice of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailChoice {
    /// Every reminder.
    All,
    /// Only what mandatory training requires: the due date and being late.
    Fewer,
}

impl MailChoice {
    pub fn code(self) -> &'static str {
        match self {
            MailChoice::All => "alles",
            MailChoice::Fewer => "minder",
        }
    }

    /// Unknown text counts as [`MailChoice::All`] (the default).
    pub fn from_code(code: &str) -> MailChoice {
        if code == "minder" {
            MailChoice::Fewer
        } else {
            MailChoice::All
        }
    }
}

/// The one reminder due today for a course due on `due`, if any: only the
/// latest threshold reached counts, so a learner whose early reminder was
/// missed (the server was down) is not sent a stale one.
pub fn due_today(
    today: NaiveDate,
    due: NaiveDate,
    days_before: u32,
    choice: MailChoice,
) -> Option<Threshold> {
    let days_left = today.days_until(due);
    match days_left {
        d if d < 0 => Some(Threshold::Overdue),
        0 => Some(Threshold::Due),
        d if d <= i64::from(days_before) && choice == MailChoice::All => Some(Threshold::Before),
        _ => None,
    }
}

/// The key under which a learner's reminder is recorded: one mail per
/// course, due date and threshold.
pub fn learner_key(course: &str, due: NaiveDate, threshold: Threshold) -> String {
    format!("{course}/{due}/{}", threshold.code())
}

/// The key of a manager's weekly digest: one per week (named by its Monday).
pub fn digest_key(today: NaiveDate) -> String {
    format!("overzicht/{}", today.monday())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_iso(s).unwrap()
    }

    #[test]
    fn only_the_latest_threshold_reached_counts() {
        let due = d("2026-12-14");
        let at = |today: &str, choice| due_today(d(today), due, 7, choice);
        assert_eq!(at("2026-12-06", MailChoice::All), None);
        assert_eq!(at("2026-12-07", MailChoice::All), Some(Threshold::Before));
        assert_eq!(at("2026-12-13", MailChoice::All), Some(Threshold::Before));
        assert_eq!(at("2026-12-14", MailChoice::All), Some(Threshold::Due));
        assert_eq!(at("2026-12-15", MailChoice::All), Some(Threshold::Overdue));
        assert_eq!(at("2027-03-01", MailChoice::All), Some(Threshold::Overdue));
    }

    #[test]
    fn less_mail_keeps_the_due_date_and_being_late() {
        let due = d("2026-12-14");
        let at = |today: &str| due_today(d(today), due, 7, MailChoice::Fewer);
        assert_eq!(at("2026-12-10"), None);
        assert_eq!(at("2026-12-14"), Some(Threshold::Due));
        assert_eq!(at("2026-12-20"), Some(Threshold::Overdue));
        assert_eq!(MailChoice::from_code("minder"), MailChoice::Fewer);
        assert_eq!(MailChoice::from_code("?"), MailChoice::All);
    }

    #[test]
    fn keys_name_course_date_threshold_and_week() {
        assert_eq!(
            learner_key("participatie", d("2026-12-14"), Threshold::Due),
            "participatie/2026-12-14/vandaag"
        );
        // 7 December 2026 is a Monday; 1 January 2027 a Friday.
        assert_eq!(digest_key(d("2026-12-07")), "overzicht/2026-12-07");
        assert_eq!(digest_key(d("2026-12-13")), "overzicht/2026-12-07");
        assert_eq!(digest_key(d("2027-01-01")), "overzicht/2026-12-28");
    }
}
