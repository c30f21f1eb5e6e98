//! Raw SQL for both databases, and the one conversion between the
//! database's dates (chrono) and the domain's ([`Date`]).
//!
//! Queries that sea-orm's builder cannot say well (set-wise updates,
//! aggregates, `IN` lists over the department tree) are written once with
//! `$1`, `$2`… placeholders and run on SQLite and PostgreSQL alike.

use chrono::{Datelike, NaiveDate};
use domain::completion::Date;
use sea_orm::{DbBackend, Statement, Value};

/// A statement written with `$1`, `$2`… placeholders, for either database
/// (SQLite reads them as `?1`, `?2`…).
pub fn sql(backend: DbBackend, text: &str, values: Vec<Value>) -> Statement {
    let text = match backend {
        DbBackend::Sqlite => text.replace('$', "?"),
        _ => text.to_string(),
    };
    Statement::from_sql_and_values(backend, text, values)
}

/// `a, b, c` for an `IN (…)` list of ids (integers only, so inlining is safe).
pub fn id_list(ids: &[i32]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A database date as a domain date; `None` outside the years 1–9999,
/// which the domain does not know.
pub fn date(d: NaiveDate) -> Option<Date> {
    Date::new(d.year(), d.month(), d.day())
}

/// A date read from the database, where every date is in range: out of
/// range is a broken row, reported as an internal error.
pub fn day(d: NaiveDate) -> Result<Date, crate::error::AppError> {
    date(d).ok_or_else(|| crate::error::AppError::internal("date", format!("out of range: {d}")))
}

/// Today (UTC), as the domain counts days; `None` only if the clock is
/// outside the years 1–9999.
pub fn today() -> Option<Date> {
    date(chrono::Utc::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_database() {
        let s = sql(DbBackend::Sqlite, "SELECT $1, $2", vec![1.into(), 2.into()]);
        assert_eq!(s.sql, "SELECT ?1, ?2");
        let p = sql(DbBackend::Postgres, "SELECT $1", vec![1.into()]);
        assert_eq!(p.sql, "SELECT $1");
        assert_eq!(id_list(&[3, 1, 2]), "3, 1, 2");
    }

    #[test]
    fn dates_convert_exactly() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(date(d), Date::new(2024, 2, 29));
        assert_eq!(date(NaiveDate::from_ymd_opt(-5, 1, 1).unwrap()), None);
    }
}
