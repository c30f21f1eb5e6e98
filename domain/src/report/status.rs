//! What state a learner is in for one course on a given day, and the counts
//! a report shows per department.
//!
//! This is the definition. The database aggregates the same rules in SQL
//! and is tested against these functions, so they stay small and exact:
//!
//! - A record is *valid* on `today` when there is one (`completed_on`) and it
//!   has no expiry or `today < valid_until`: a record expires at the start
//!   of its expiry day, as [`crate::completion::record_valid_on`] says.
//! - Valid → [`Status::Expiring`] when `valid_until` is at most
//!   `warning_days` days after `today`, else [`Status::Completed`]. A valid
//!   record wins over `started`: a learner recertifying early stays
//!   completed.
//! - Not valid → [`Status::InProgress`] when started, else
//!   [`Status::Expired`] when there is an (expired) record, else
//!   [`Status::NotStarted`].
//! - A course is mandatory for a learner when an assignment gives a due
//!   date (`due_on`). With an expiring record the learner is due again by
//!   the later of `due_on` and `valid_until` ([`effective_due`]); they are
//!   overdue when not valid today and that date has passed ([`is_overdue`]).

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use crate::completion::Date;

/// The recertification warning period, in days.
pub const WARNING_DAYS: i64 = 60;

/// What is known about one learner and one course.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LearnerCourse {
    /// The learner has begun the course (current cycle).
    pub started: bool,
    /// The date of the latest completion record.
    pub completed_on: Option<Date>,
    /// That record's last valid day; `None`: it never expires.
    pub valid_until: Option<Date>,
    /// The mandatory due date from an assignment; `None`: not mandatory.
    pub due_on: Option<Date>,
}

/// A learner's state for one course on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    NotStarted,
    InProgress,
    Completed,
    /// Completed, but the record expires within the warning period.
    Expiring,
    Expired,
}

impl Status {
    /// Every status, in the order reports show them.
    pub const ALL: [Status; 5] = [
        Status::Completed,
        Status::Expiring,
        Status::Expired,
        Status::InProgress,
        Status::NotStarted,
    ];

    /// A stable code for the status, for the interface to translate.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Expiring => "expiring",
            Status::Expired => "expired",
        }
    }

    /// Completed or expiring: the learner holds a valid record.
    pub fn is_valid(self) -> bool {
        matches!(self, Status::Completed | Status::Expiring)
    }
}

/// Whether the learner holds a record that is valid on `today`.
pub fn valid_on(lc: &LearnerCourse, today: Date) -> bool {
    lc.completed_on.is_some() && lc.valid_until.is_none_or(|v| today < v)
}

/// The learner's state on `today`; `warning_days` is normally
/// [`WARNING_DAYS`].
pub fn status(lc: &LearnerCourse, today: Date, warning_days: i64) -> Status {
    if valid_on(lc, today) {
        match lc.valid_until {
            Some(v) if today.days_until(v) <= warning_days => Status::Expiring,
            _ => Status::Completed,
        }
    } else if lc.started {
        Status::InProgress
    } else if lc.completed_on.is_some() {
        Status::Expired
    } else {
        Status::NotStarted
    }
}

/// The date the learner must hold a valid record by; `None` when the course
/// is not mandatory for them. With a record that expires, that is the later
/// of the assignment's due date and the record's expiry.
pub fn effective_due(lc: &LearnerCourse) -> Option<Date> {
    let due = lc.due_on?;
    match (lc.completed_on, lc.valid_until) {
        (Some(_), Some(valid_until)) => Some(due.max(valid_until)),
        // A record that never expires settles it for good.
        (Some(_), None) => None,
        (None, _) => Some(due),
    }
}

/// Mandatory, no valid record today, and the effective due date has passed.
pub fn is_overdue(lc: &LearnerCourse, today: Date) -> bool {
    !valid_on(lc, today) && effective_due(lc).is_some_and(|due| due < today)
}

/// The figures of one group of learner–course pairs (a department, a
/// course, a department × course cell).
///
/// `completed` includes `expiring`; `overdue` and `required` are subsets of
/// the population; `population = completed + expired + in_progress +
/// not_started`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub population: i64,
    pub completed: i64,
    pub expiring: i64,
    pub expired: i64,
    pub in_progress: i64,
    pub not_started: i64,
    pub overdue: i64,
    pub required: i64,
}

impl Counts {
    /// Count one learner–course pair.
    pub fn add(&mut self, status: Status, required: bool, overdue: bool) {
        self.population += 1;
        match status {
            Status::Completed => self.completed += 1,
            Status::Expiring => {
                self.completed += 1;
                self.expiring += 1;
            }
            Status::Expired => self.expired += 1,
            Status::InProgress => self.in_progress += 1,
            Status::NotStarted => self.not_started += 1,
        }
        self.required += i64::from(required);
        self.overdue += i64::from(overdue);
    }

    /// Count one learner–course pair from its facts: [`status`],
    /// mandatory when it has a due date, [`is_overdue`].
    pub fn add_learner(&mut self, lc: &LearnerCourse, today: Date, warning_days: i64) {
        self.add(
            status(lc, today, warning_days),
            lc.due_on.is_some(),
            is_overdue(lc, today),
        );
    }

    /// `part` as a percentage of the population; `None` for an empty group.
    pub fn percent(&self, part: i64) -> Option<f64> {
        (self.population > 0).then(|| part as f64 * 100.0 / self.population as f64)
    }

    /// The share holding a valid record (expiring included).
    pub fn completed_percent(&self) -> Option<f64> {
        self.percent(self.completed)
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.population += other.population;
        self.completed += other.completed;
        self.expiring += other.expiring;
        self.expired += other.expired;
        self.in_progress += other.in_progress;
        self.not_started += other.not_started;
        self.overdue += other.overdue;
        self.required += other.required;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    fn today() -> Date {
        date(2026, 3, 1)
    }

    fn lc(
        started: bool,
        completed_on: Option<Date>,
        valid_until: Option<Date>,
        due_on: Option<Date>,
    ) -> LearnerCourse {
        LearnerCourse {
            started,
            completed_on,
            valid_until,
            due_on,
        }
    }

    fn st(l: LearnerCourse) -> Status {
        status(&l, today(), WARNING_DAYS)
    }

    #[test]
    fn codes_are_distinct() {
        // The interface translates the codes (`app::language::status_text`).
        let codes: std::collections::BTreeSet<_> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes.len(), 5);
        assert_eq!(Status::Expiring.code(), "expiring");
    }

    #[test]
    fn basic_states() {
        assert_eq!(st(LearnerCourse::default()), Status::NotStarted);
        assert_eq!(st(lc(true, None, None, None)), Status::InProgress);
        let done = Some(date(2025, 1, 10));
        assert_eq!(st(lc(false, done, None, None)), Status::Completed);
        assert_eq!(st(lc(true, done, None, None)), Status::Completed);
    }

    #[test]
    fn expiry_boundaries() {
        let done = Some(date(2025, 3, 1));
        // Expires at the start of its expiry day.
        assert_eq!(
            st(lc(false, done, Some(today()), None)),
            Status::Expired,
            "valid_until == today is no longer valid"
        );
        assert_eq!(
            st(lc(false, done, Some(today().plus_days(1)), None)),
            Status::Expiring,
            "valid through the day before"
        );
        assert_eq!(
            st(lc(false, done, Some(date(2026, 2, 28)), None)),
            Status::Expired
        );
        // The warning period: today + 60 days = 2026-04-30.
        assert_eq!(today().plus_days(WARNING_DAYS), date(2026, 4, 30));
        assert_eq!(
            st(lc(false, done, Some(date(2026, 4, 30)), None)),
            Status::Expiring
        );
        assert_eq!(
            st(lc(false, done, Some(date(2026, 5, 1)), None)),
            Status::Completed
        );
        // A different warning period.
        assert_eq!(
            status(&lc(false, done, Some(date(2026, 3, 2)), None), today(), 0),
            Status::Completed
        );
        assert_eq!(
            status(
                &lc(false, done, Some(today().plus_days(1)), None),
                today(),
                0
            ),
            Status::Completed
        );
        assert_eq!(
            status(
                &lc(false, done, Some(today().plus_days(1)), None),
                today(),
                1
            ),
            Status::Expiring
        );
    }

    #[test]
    fn expired_record_and_restart() {
        let done = Some(date(2024, 1, 1));
        let expired = Some(date(2025, 1, 1));
        assert_eq!(st(lc(false, done, expired, None)), Status::Expired);
        assert_eq!(st(lc(true, done, expired, None)), Status::InProgress);
        // Recertifying early: valid record wins over started.
        assert_eq!(
            st(lc(true, done, Some(date(2026, 3, 10)), None)),
            Status::Expiring
        );
        // An expiry date without a record is no record.
        assert_eq!(
            st(lc(false, None, Some(date(2027, 1, 1)), None)),
            Status::NotStarted
        );
        assert!(!valid_on(&lc(false, None, None, None), today()));
    }

    #[test]
    fn due_dates() {
        let due = Some(date(2026, 2, 1));
        // Not mandatory.
        assert_eq!(effective_due(&lc(false, None, None, None)), None);
        assert!(!is_overdue(&lc(false, None, None, None), today()));
        // Mandatory, nothing done, past due.
        let l = lc(false, None, None, due);
        assert_eq!(effective_due(&l), due);
        assert!(is_overdue(&l, today()));
        assert!(
            !is_overdue(&l, date(2026, 2, 1)),
            "due today is not overdue"
        );
        assert!(is_overdue(&lc(true, None, None, due), today()));
        // Completed with a record that never expires: done for good.
        let l = lc(false, Some(date(2026, 2, 15)), None, due);
        assert_eq!(effective_due(&l), None);
        assert!(!is_overdue(&l, today()));
        // Expired after the due date: due again by the expiry.
        let l = lc(false, Some(date(2025, 1, 1)), Some(date(2026, 2, 20)), due);
        assert_eq!(effective_due(&l), Some(date(2026, 2, 20)));
        assert!(is_overdue(&l, today()));
        assert!(!is_overdue(&l, date(2026, 2, 20)));
        assert!(is_overdue(&l, date(2026, 2, 21)));
        // Expired before a later due date: the due date counts.
        let l = lc(
            false,
            Some(date(2024, 1, 1)),
            Some(date(2025, 1, 1)),
            Some(date(2026, 6, 1)),
        );
        assert_eq!(effective_due(&l), Some(date(2026, 6, 1)));
        assert!(!is_overdue(&l, today()));
        assert_eq!(st(l), Status::Expired);
        // Expiring but valid: not overdue even if the due date passed.
        let l = lc(false, Some(date(2025, 3, 1)), Some(date(2026, 3, 15)), due);
        assert!(!is_overdue(&l, today()));
    }

    #[test]
    fn counts_add_and_percent() {
        let mut c = Counts::default();
        assert_eq!(c.completed_percent(), None);
        c.add(Status::Completed, true, false);
        c.add(Status::Expiring, false, false);
        c.add(Status::Expired, true, true);
        c.add(Status::InProgress, false, false);
        c.add(Status::NotStarted, true, true);
        assert_eq!(
            c,
            Counts {
                population: 5,
                completed: 2,
                expiring: 1,
                expired: 1,
                in_progress: 1,
                not_started: 1,
                overdue: 2,
                required: 3,
            }
        );
        assert_eq!(
            c.population,
            c.completed + c.expired + c.in_progress + c.not_started
        );
        assert_eq!(c.completed_percent(), Some(40.0));
        assert_eq!(c.percent(c.overdue), Some(40.0));
        assert_eq!(c.percent(0), Some(0.0));

        let mut sum = Counts::default();
        sum += c;
        sum += c;
        assert_eq!(sum.population, 10);
        assert_eq!(sum.expiring, 2);
        assert_eq!(sum.required, 6);
        assert_eq!(sum.completed_percent(), Some(40.0));
    }

    #[test]
    fn counts_from_facts() {
        let mut c = Counts::default();
        let due = Some(date(2026, 1, 1));
        c.add_learner(&lc(false, None, None, due), today(), WARNING_DAYS);
        c.add_learner(&lc(true, None, None, None), today(), WARNING_DAYS);
        c.add_learner(
            &lc(false, Some(date(2025, 6, 1)), Some(date(2026, 4, 1)), due),
            today(),
            WARNING_DAYS,
        );
        assert_eq!(c.population, 3);
        assert_eq!(c.not_started, 1);
        assert_eq!(c.in_progress, 1);
        assert_eq!(c.completed, 1);
        assert_eq!(c.expiring, 1);
        assert_eq!(c.required, 2);
        assert_eq!(c.overdue, 1);
    }
}
