//! What the reports hold, for the server and the browser alike: counts,
//! codes ([`Status`]), dates ([`Date`]) and names from the data (people,
//! departments, course titles), never a word of the interface. The pages
//! and the downloads put those in, in the requester's language.

use domain::completion::Date;
use domain::report::status::Status;
use serde::{Deserialize, Serialize};

/// The filters every report understands (query parameters, Dutch names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportFilters {
    pub cursus: Option<String>,
    pub afdeling: Option<i32>,
    /// Period start, `YYYY-MM-DD` (records report), as typed: the query
    /// says what is wrong with it.
    pub van: Option<String>,
    /// Period end, inclusive.
    pub tot: Option<String>,
    pub pagina: Option<u32>,
}

impl ReportFilters {
    /// Read the filters from a query string map; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ReportFilters {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ReportFilters {
            cursus: text("cursus"),
            afdeling: text("afdeling").and_then(|v| v.parse().ok()),
            van: text("van"),
            tot: text("tot"),
            pagina: text("pagina").and_then(|v| v.parse().ok()),
        }
    }

    /// The query string for these filters (page left out unless `with_page`).
    pub fn query(&self, with_page: Option<u32>) -> String {
        use crate::language::encode_query_value as encode;
        let mut parts = Vec::new();
        if let Some(c) = &self.cursus {
            parts.push(format!("cursus={}", encode(c)));
        }
        if let Some(a) = self.afdeling {
            parts.push(format!("afdeling={a}"));
        }
        if let Some(v) = &self.van {
            parts.push(format!("van={}", encode(v)));
        }
        if let Some(t) = &self.tot {
            parts.push(format!("tot={}", encode(t)));
        }
        if let Some(p) = with_page {
            parts.push(format!("pagina={p}"));
        }
        parts.join("&")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseRef {
    pub id: String,
    pub title: String,
}

/// A department: its id and its own name. In the filter's list the name
/// is indented by depth with no-break spaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptRef {
    pub id: i32,
    pub name: String,
}

/// The counts of one cell; see `domain::report::status::Counts`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CellView {
    pub population: i64,
    pub completed: i64,
    pub expiring: i64,
    pub expired: i64,
    pub in_progress: i64,
    pub not_started: i64,
    pub overdue: i64,
    pub required: i64,
}

impl CellView {
    /// Completed (valid) as a share of the people, in percent: the one
    /// rule; downloads keep it exact, pages and charts round it.
    pub fn share(&self) -> Option<f64> {
        (self.population > 0).then(|| self.completed as f64 * 100.0 / self.population as f64)
    }

    /// [`CellView::share`] in whole percents.
    pub fn percent(&self) -> Option<i64> {
        self.share().map(|s| s.round() as i64)
    }

    pub fn percent_text(&self) -> String {
        self.percent()
            .map_or_else(|| "–".to_string(), |p| format!("{p} %"))
    }
}

/// Whose counts a matrix row holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Unit {
    Department(DeptRef),
    /// The people with no department.
    NoDepartment,
    /// Everyone.
    Organisation,
}

impl Unit {
    pub fn department(&self) -> Option<i32> {
        match self {
            Unit::Department(d) => Some(d.id),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub unit: Unit,
    pub has_children: bool,
    pub cells: Vec<CellView>,
    pub total: CellView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixView {
    pub today: Date,
    pub courses: Vec<CourseRef>,
    pub focus: Option<DeptRef>,
    pub trail: Vec<DeptRef>,
    /// The focus department (or the whole organisation), rolled up.
    pub summary: MatrixRow,
    /// The departments directly under the focus, each rolled up.
    pub rows: Vec<MatrixRow>,
    pub departments: Vec<DeptRef>,
}

/// The matrix page's data: the matrix, the courses to filter on, and the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixPage {
    pub matrix: MatrixView,
    pub all_courses: Vec<CourseRef>,
    pub chart_svg: String,
}

/// The chart (SVG) is markup.
impl crate::hydration::Markup for MatrixPage {
    fn clear_markup(&mut self) {
        crate::hydration::Markup::clear_markup(&mut self.chart_svg);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PersonCell {
    /// `None`: no row at all, i.e. not started and not mandatory.
    pub status: Option<Status>,
    pub overdue: bool,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeopleRow {
    pub id: i32,
    pub name: String,
    pub employee_number: Option<String>,
    /// The department's path from the top ("Gemeente / Afdeling / Team").
    pub department: String,
    pub cells: Vec<PersonCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeopleView {
    pub department: DeptRef,
    pub trail: Vec<DeptRef>,
    pub courses: Vec<CourseRef>,
    pub rows: Vec<PeopleRow>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonCourse {
    pub title: String,
    pub status: Status,
    pub overdue: bool,
    pub completed_on: Option<Date>,
    pub valid_until: Option<Date>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub employee_number: Option<String>,
    pub department: Option<String>,
    pub active: bool,
    pub courses: Vec<PersonCourse>,
    /// Every record of the person, newest first.
    pub records: Vec<RecordRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueRow {
    pub user_id: i32,
    pub name: String,
    pub employee_number: Option<String>,
    pub department: String,
    pub course: String,
    pub due: Date,
    pub days_late: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueView {
    pub today: Date,
    pub rows: Vec<OverdueRow>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub courses: Vec<CourseRef>,
    pub departments: Vec<DeptRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRow {
    pub user_id: i32,
    pub name: String,
    pub course: String,
    pub version: String,
    pub completed_on: Date,
    pub department: Option<String>,
    pub valid_until: Option<Date>,
    pub code: String,
    pub score: f64,
}

/// A calendar month: year and month (1–12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsView {
    pub rows: Vec<RecordRow>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// Completions per month, oldest first.
    pub per_month: Vec<(Month, i64)>,
    pub courses: Vec<CourseRef>,
    pub departments: Vec<DeptRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsPage {
    pub records: RecordsView,
    pub chart_svg: String,
}

/// The chart (SVG) is markup.
impl crate::hydration::Markup for RecordsPage {
    fn clear_markup(&mut self) {
        crate::hydration::Markup::clear_markup(&mut self.chart_svg);
    }
}

#[cfg(test)]
mod tests {
    use super::CellView;

    #[test]
    fn the_share_is_rounded_half_up_for_pages() {
        let cell = |completed, population| CellView {
            completed,
            population,
            ..Default::default()
        };
        assert_eq!(cell(1, 8).share(), Some(12.5));
        assert_eq!(cell(1, 8).percent(), Some(13));
        assert_eq!(cell(2, 3).percent(), Some(67));
        assert_eq!(cell(0, 0).percent(), None);
        assert_eq!(cell(0, 0).percent_text(), "–");
        assert_eq!(cell(3, 3).percent_text(), "100 %");
    }
}
