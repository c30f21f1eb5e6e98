//! HR reports (roles hr and admin: everything; manager: their own department
//! and below): the department × course matrix rolled up the tree with a
//! chart, a department's people, one person's history, the overdue list and
//! the completion records. Every report has CSV and XLSX downloads
//! (`server::exports`) made from the same queries (`ssr::reports`).
//!
//! Filters are plain GET forms, so every report has a URL and works without
//! JavaScript. Viewing a report with personal data is written to the audit
//! log.

use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::language::status_text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The filters every report understands (query parameters, Dutch names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportFilters {
    pub cursus: Option<String>,
    pub afdeling: Option<i32>,
    /// Period start, `YYYY-MM-DD` (records report).
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

/// Percent-encode a query value (ids and dates need little, but be exact).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseRef {
    pub id: String,
    pub title: String,
}

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
    /// Completed (valid) as a share of the people, in whole percents.
    pub fn percent(&self) -> Option<i64> {
        (self.population > 0)
            .then(|| (self.completed * 100 + self.population / 2) / self.population)
    }
    pub fn percent_text(&self) -> String {
        self.percent()
            .map_or_else(|| "–".to_string(), |p| format!("{p} %"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    /// `None`: people without a department, or the whole organisation.
    pub department: Option<i32>,
    pub name: String,
    pub has_children: bool,
    pub cells: Vec<CellView>,
    pub total: CellView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixView {
    pub today: String,
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
impl crate::pages::hydration::Markup for MatrixPage {
    fn clear_markup(&mut self) {
        crate::pages::hydration::Markup::clear_markup(&mut self.chart_svg);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonCell {
    /// Empty: no row at all, i.e. not started and not mandatory.
    pub status: String,
    pub overdue: bool,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeopleRow {
    pub id: i32,
    pub name: String,
    pub employee_number: Option<String>,
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
    pub status: String,
    pub overdue: bool,
    pub completed_on: Option<String>,
    pub valid_until: Option<String>,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub course_title: String,
    pub version: String,
    pub completed_on: String,
    pub department: Option<String>,
    pub valid_until: Option<String>,
    pub code: String,
    pub score: f64,
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
    pub records: Vec<PersonRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueRow {
    pub user_id: i32,
    pub name: String,
    pub employee_number: Option<String>,
    pub department: String,
    pub course: String,
    pub due: String,
    pub days_late: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueView {
    pub today: String,
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
    pub completed_on: String,
    pub department: Option<String>,
    pub valid_until: Option<String>,
    pub code: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsView {
    pub rows: Vec<RecordRow>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// Completions per month ("mrt 2026", count), oldest first.
    pub per_month: Vec<(String, i64)>,
    pub courses: Vec<CourseRef>,
    pub departments: Vec<DeptRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsPage {
    pub records: RecordsView,
    pub chart_svg: String,
}

/// The chart (SVG) is markup.
impl crate::pages::hydration::Markup for RecordsPage {
    fn clear_markup(&mut self) {
        crate::pages::hydration::Markup::clear_markup(&mut self.chart_svg);
    }
}

// ---------------------------------------------------------------------------
// Server functions: thin; the queries are in `ssr::reports`.
// ---------------------------------------------------------------------------

#[cfg(feature = "ssr")]
async fn report_scope() -> Result<
    (
        crate::auth::CurrentUser,
        crate::ssr::reports::Scope,
        crate::ssr::AppState,
    ),
    AppError,
> {
    use crate::auth::Role;
    use crate::ssr::{reports::Scope, session, AppState};
    let user = session::require_role(&[Role::Hr, Role::Manager, Role::Admin]).await?;
    let scope = Scope::for_user(&user)?;
    Ok((user, scope, AppState::from_context()?))
}

/// Write "who looked at which personal data" to the audit log.
#[cfg(feature = "ssr")]
pub async fn audit_view(
    state: &crate::ssr::AppState,
    user_id: i32,
    action: &str,
    report: &str,
    filters: &ReportFilters,
) -> Result<(), AppError> {
    crate::ssr::audit::record(
        &state.writer,
        Some(user_id),
        action,
        report,
        serde_json::to_value(filters).unwrap_or_default(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "report_matrix")]
pub async fn report_matrix(filters: ReportFilters) -> Result<MatrixPage, AppError> {
    let (_, scope, state) = report_scope().await?;
    let mut matrix = crate::ssr::reports::matrix(&state, &scope, &filters).await?;
    // The rows without a department are named by the query in Dutch.
    if matrix.summary.department.is_none() {
        matrix.summary.name = server_text!(reports.whole_organisation);
    }
    for row in matrix.rows.iter_mut().filter(|r| r.department.is_none()) {
        row.name = server_text!(reports.no_department);
    }
    let bars: Vec<(String, f64)> = matrix
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.total.percent().map_or(0.0, |p| p as f64)))
        .collect();
    let chart_svg = domain::report::chart::bar_chart(
        "afgerond-per-afdeling",
        &server_text!(reports.chart_by_department),
        &bars,
    );
    let all_courses = crate::ssr::reports::courses_for_filter(&state);
    Ok(MatrixPage {
        matrix,
        all_courses,
        chart_svg,
    })
}

#[server(endpoint = "report_people")]
pub async fn report_people(
    department: i32,
    filters: ReportFilters,
) -> Result<PeopleView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let mut view = crate::ssr::reports::people(
        &state,
        &scope,
        department,
        &filters,
        crate::ssr::reports::Rows::Page,
    )
    .await?;
    let locale = crate::ssr::locale();
    for cell in view.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        cell.status = localise_status(locale, &cell.status);
    }
    audit_view(
        &state,
        user.id,
        "report_view",
        &format!("afdeling:{department}"),
        &filters,
    )
    .await?;
    Ok(view)
}

#[server(endpoint = "report_person")]
pub async fn report_person(person: i32) -> Result<PersonView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let mut view = crate::ssr::reports::person(&state, &scope, person).await?;
    let locale = crate::ssr::locale();
    for course in view.courses.iter_mut() {
        course.status = localise_status(locale, &course.status);
    }
    audit_view(
        &state,
        user.id,
        "report_view",
        &format!("persoon:{person}"),
        &ReportFilters::default(),
    )
    .await?;
    Ok(view)
}

#[server(endpoint = "report_overdue")]
pub async fn report_overdue(filters: ReportFilters) -> Result<OverdueView, AppError> {
    let (user, scope, state) = report_scope().await?;
    let view =
        crate::ssr::reports::overdue(&state, &scope, &filters, crate::ssr::reports::Rows::Page)
            .await?;
    audit_view(&state, user.id, "report_view", "te-laat", &filters).await?;
    Ok(view)
}

#[server(endpoint = "report_records")]
pub async fn report_records(filters: ReportFilters) -> Result<RecordsPage, AppError> {
    let (user, scope, state) = report_scope().await?;
    let mut records =
        crate::ssr::reports::records(&state, &scope, &filters, crate::ssr::reports::Rows::Page)
            .await?;
    audit_view(&state, user.id, "report_view", "certificaten", &filters).await?;
    let locale = crate::ssr::locale();
    for (month, _) in records.per_month.iter_mut() {
        *month = localise_month(locale, month);
    }
    let chart_svg = domain::report::chart::column_chart(
        "afgerond-per-maand",
        &server_text!(reports.chart_per_month),
        &records.per_month,
    );
    Ok(RecordsPage { records, chart_svg })
}

/// A status label from `ssr::reports` (Dutch, `Status::label_nl`) in
/// `locale`; anything else (empty: no row) is left as it is.
#[cfg(feature = "ssr")]
fn localise_status(locale: crate::i18n::Locale, label: &str) -> String {
    use domain::report::status::Status;
    Status::ALL
        .iter()
        .find(|s| s.label_nl() == label)
        .map_or_else(
            || label.to_string(),
            |s| status_text(locale, s.code()).to_string(),
        )
}

/// The short name of month `n` (1–12) in `locale`.
#[cfg(feature = "ssr")]
fn month_name(locale: crate::i18n::Locale, n: usize) -> Option<&'static str> {
    Some(match n {
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
        _ => return None,
    })
}

/// A month label from `ssr::reports` ("mrt 2026") in `locale` ("Mar 2026").
#[cfg(feature = "ssr")]
fn localise_month(locale: crate::i18n::Locale, label: &str) -> String {
    let Some((month, year)) = label.split_once(' ') else {
        return label.to_string();
    };
    (1..=12)
        .find(|&n| month_name(crate::i18n::Locale::nl, n) == Some(month))
        .and_then(|n| month_name(locale, n))
        .map_or_else(|| label.to_string(), |m| format!("{m} {year}"))
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

fn use_filters() -> Memo<ReportFilters> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| ReportFilters::from_query(|k| q.get(k))))
}

/// Loading, then the page, a sign-in prompt or the error page.
macro_rules! report_page {
    ($i18n:expr, $data:expr, $body:expr) => {
        view! {
            <Suspense fallback=move || view! { <p>{t!($i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match $data.await {
                        Ok(d) => ($body)(d).into_any(),
                        Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                        Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    };
}

#[component]
fn ReportNav(current: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let link = move |href: &'static str, text: &'static str| {
        let here = href == current;
        view! {
            <li><a href=href aria-current=here.then_some("page")>{text}</a></li>
        }
    };
    view! {
        <nav aria-label=move || t_string!(i18n, reports.nav_label) class="subnav">
            <ul>
                {link("/rapportage", td_string!(locale, reports.nav_overview))}
                {link("/rapportage/te-laat", td_string!(locale, reports.overdue))}
                {link("/rapportage/certificaten", td_string!(locale, reports.records))}
                {link("/rapportage/verplicht", td_string!(locale, reports.assignments))}
            </ul>
        </nav>
    }
}

#[component]
fn Downloads(#[prop(into)] name: String, query: String) -> impl IntoView {
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let i18n = use_i18n();
    view! {
        <p class="downloads">
            {t!(i18n, reports.downloads)}" "
            <a href=format!("/rapportage/export/{name}.csv{q}") download="">"CSV"<span class="visually-hidden">" "{t!(i18n, reports.for_excel)}</span></a>
            " · "
            <a href=format!("/rapportage/export/{name}.xlsx{q}") download="">"Excel (XLSX)"</a>
        </p>
    }
}

#[component]
fn FilterForm(
    action: &'static str,
    filters: ReportFilters,
    courses: Vec<CourseRef>,
    departments: Vec<DeptRef>,
    #[prop(optional)] period: bool,
) -> impl IntoView {
    let course = filters.cursus.clone().unwrap_or_default();
    let dept = filters.afdeling;
    let i18n = use_i18n();
    view! {
        <form method="get" action=action class="filters">
            <div class="field">
                <label for="f-cursus">{t!(i18n, reports.course)}</label>
                <select id="f-cursus" name="cursus">
                    <option value="" selected=course.is_empty()>{t!(i18n, reports.all_courses)}</option>
                    {courses.into_iter().map(|c| {
                        let selected = c.id == course;
                        view! { <option value=c.id.clone() selected=selected>{c.title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-afdeling">{t!(i18n, reports.department)}</label>
                <select id="f-afdeling" name="afdeling">
                    <option value="" selected=dept.is_none()>{t!(i18n, reports.all_departments)}</option>
                    {departments.into_iter().map(|d| {
                        let selected = Some(d.id) == dept;
                        view! { <option value=d.id.to_string() selected=selected>{d.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            {period.then(|| view! {
                <div class="field">
                    <label for="f-van">{t!(i18n, reports.from)}</label>
                    <input id="f-van" type="date" name="van" value=filters.van.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="f-tot">{t!(i18n, reports.until)}</label>
                    <input id="f-tot" type="date" name="tot" value=filters.tot.clone().unwrap_or_default()/>
                </div>
            })}
            <button type="submit">{t!(i18n, reports.show)}</button>
        </form>
    }
}

#[component]
fn Pager(base: String, filters: ReportFilters, page: u32, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    (pages > 1).then(|| {
        let href = move |p: u32| format!("{base}?{}", filters.query(Some(p)));
        view! {
            <nav aria-label=move || t_string!(i18n, reports.pages) class="pager">
                {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev">{t!(i18n, reports.previous)}</a> })}
                <span>{td_string!(locale, reports.page_of, page, pages).to_string()}</span>
                {(page < pages).then(|| view! { <a href=href(page + 1) rel="next">{t!(i18n, reports.next)}</a> })}
            </nav>
        }
    })
}

#[component]
fn Trail(trail: Vec<DeptRef>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav aria-label=move || t_string!(i18n, reports.breadcrumbs) class="breadcrumbs">
            <ol>
                <li><a href="/rapportage">{t!(i18n, reports.whole_organisation)}</a></li>
                {trail.into_iter().map(|d| view! {
                    <li><a href=format!("/rapportage?afdeling={}", d.id)>{d.name}</a></li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let filters = use_filters();
    let data = crate::pages::hydration::resource(move || filters.get(), report_matrix);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, common.reports)/>
        <h1>{t!(i18n, common.reports)}</h1>
        <ReportNav current="/rapportage"/>
        {report_page!(i18n, data, move |d: MatrixPage| view! { <MatrixBody d filters=filters.get_untracked()/> })}
    }
}

#[component]
fn MatrixBody(d: MatrixPage, filters: ReportFilters) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let m = d.matrix;
    let single = m.courses.len() == 1;
    let heading = match &m.focus {
        Some(f) => td_string!(locale, reports.overview_of, name = &f.name).to_string(),
        None => td_string!(locale, reports.overview_whole).to_string(),
    };
    let query = filters.query(None);
    let courses = m.courses.clone();
    let cell = move |c: CellView| {
        view! {
            <td class="cell">
                <span class="pct">{c.percent_text()}</span>
                <span class="detail">{td_string!(locale, reports.cell_of, completed = c.completed, population = c.population).to_string()}</span>
                {(c.overdue > 0).then(|| view! { <span class="late">{td_string!(locale, reports.cell_late, count = c.overdue).to_string()}</span> })}
            </td>
        }
    };
    let detail_cells = move |c: CellView| {
        view! {
            <td>{c.population}</td>
            <td>{c.completed}</td>
            <td>{c.expiring}</td>
            <td>{c.expired}</td>
            <td>{c.in_progress}</td>
            <td>{c.not_started}</td>
            <td>{c.required}</td>
            <td class={if c.overdue > 0 { "late" } else { "" }}>{c.overdue}</td>
            <td>{c.percent_text()}</td>
        }
    };
    let row_head = move |r: &MatrixRow, is_summary: bool| {
        let name = r.name.clone();
        let link = match (r.department, is_summary) {
            (Some(id), false) if r.has_children => {
                view! { <a href=format!("/rapportage?afdeling={id}")>{name}</a> }.into_any()
            }
            _ => view! { <span>{name}</span> }.into_any(),
        };
        let people = r.department.map(|id| view! {
            <a class="people-link" href=format!("/rapportage/afdeling/{id}")>
                {t!(i18n, reports.people_link)}<span class="visually-hidden">{format!(" {}", td_string!(locale, reports.people_link_of, name = &r.name))}</span>
            </a>
        });
        view! { <th scope="row">{link}" "{people}</th> }
    };
    let render_row = move |r: MatrixRow, is_summary: bool| {
        let head = row_head(&r, is_summary);
        let class = if is_summary { "summary" } else { "" };
        if single {
            let c = r.cells.first().copied().unwrap_or_default();
            view! { <tr class=class>{head}{detail_cells(c)}</tr> }.into_any()
        } else {
            view! {
                <tr class=class>
                    {head}
                    {r.cells.into_iter().map(cell).collect_view()}
                    {cell(r.total)}
                </tr>
            }
            .into_any()
        }
    };
    let header = if single {
        view! {
            <tr>
                <th scope="col">{t!(i18n, reports.department)}</th>
                <th scope="col">{t!(i18n, reports.employees)}</th>
                <th scope="col">{status_text(locale, "completed")}</th>
                <th scope="col">{status_text(locale, "expiring")}</th>
                <th scope="col">{status_text(locale, "expired")}</th>
                <th scope="col">{status_text(locale, "in_progress")}</th>
                <th scope="col">{status_text(locale, "not_started")}</th>
                <th scope="col">{t!(i18n, reports.col_required)}</th>
                <th scope="col">{t!(i18n, reports.overdue)}</th>
                <th scope="col">{t!(i18n, reports.col_percent)}</th>
            </tr>
        }
        .into_any()
    } else {
        view! {
            <tr>
                <th scope="col">{t!(i18n, reports.department)}</th>
                {courses.into_iter().map(|c| view! { <th scope="col">{c.title}</th> }).collect_view()}
                <th scope="col">{t!(i18n, reports.all_courses)}</th>
            </tr>
        }
        .into_any()
    };
    let caption = if single {
        let course = m
            .courses
            .first()
            .map(|c| c.title.clone())
            .unwrap_or_default();
        td_string!(locale, reports.caption_single, course, date = &m.today).to_string()
    } else {
        td_string!(locale, reports.caption_all, date = &m.today).to_string()
    };
    let empty = m.rows.is_empty();
    view! {
        <Trail trail=m.trail.clone()/>
        <FilterForm action="/rapportage" filters=filters.clone() courses=d.all_courses departments=m.departments.clone()/>
        <h2>{heading}</h2>
        <Downloads name="overzicht" query=query/>
        <div class="report-grid">
            <figure class="chart">
                <div inner_html=d.chart_svg></div>
                <figcaption>{t!(i18n, reports.chart_caption)}</figcaption>
            </figure>
        </div>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, reports.table_label)>
            <table class="matrix">
                <caption>{caption}</caption>
                <thead>{header}</thead>
                <tbody>
                    {render_row(m.summary, true)}
                    {m.rows.into_iter().map(|r| render_row(r, false)).collect_view()}
                </tbody>
            </table>
        </div>
        {empty.then(|| view! { <p>{t!(i18n, reports.no_subdepartments)}</p> })}
        <p class="hint">{t!(i18n, reports.matrix_hint)}</p>
    }
}

#[component]
pub fn DepartmentPeoplePage() -> impl IntoView {
    let params = use_params_map();
    let filters = use_filters();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok())),
                filters.get(),
            )
        },
        |(id, f)| async move {
            match id {
                Some(id) => report_people(id, f).await,
                None => Err(AppError::NotFound(crate::error::Missing::Department)),
            }
        },
    );
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, reports.people_title)/>
        <ReportNav current=""/>
        {report_page!(i18n, data, move |d: PeopleView| view! { <PeopleBody d filters=filters.get_untracked()/> })}
    }
}

#[component]
fn PeopleBody(d: PeopleView, filters: ReportFilters) -> impl IntoView {
    let base = format!("/rapportage/afdeling/{}", d.department.id);
    let courses = d.courses.clone();
    let query = filters.query(None);
    let export_name = format!("afdeling-{}", d.department.id);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name = &d.department.name;
    let total = if d.total == 1 {
        td_string!(locale, reports.people_total_single, count = d.total).to_string()
    } else {
        td_string!(locale, reports.people_total, count = d.total).to_string()
    };
    view! {
        <Trail trail=d.trail.clone()/>
        <h1>{td_string!(locale, reports.people_heading, name).to_string()}</h1>
        <p>{total}</p>
        <Downloads name=export_name query=query/>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, reports.employees)>
            <table class="people">
                <caption>{td_string!(locale, reports.people_caption, name).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, reports.name)}</th>
                        <th scope="col">{t!(i18n, reports.employee_number)}</th>
                        <th scope="col">{t!(i18n, reports.department)}</th>
                        {courses.into_iter().map(|c| view! { <th scope="col">{c.title}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {d.rows.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row"><a href=format!("/rapportage/persoon/{}", p.id)>{p.name}</a></th>
                            <td>{p.employee_number.unwrap_or_default()}</td>
                            <td>{p.department}</td>
                            {p.cells.into_iter().map(|c| {
                                let status = if c.status.is_empty() {
                                    status_text(locale, "not_started").to_string()
                                } else {
                                    c.status
                                };
                                view! {
                                    <td class={if c.overdue { "late" } else { "" }}>
                                        {status}
                                        {c.overdue.then(|| view! { <span class="late">" "{t!(i18n, reports.late_mark)}</span> })}
                                        {c.due.map(|date| view! { <span class="detail">{td_string!(locale, reports.due_by, date).to_string()}</span> })}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager base filters page=d.page pages=d.pages/>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok())),
        |id| async move {
            match id {
                Some(id) => report_person(id).await,
                None => Err(AppError::NotFound(crate::error::Missing::Employee)),
            }
        },
    );
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, reports.person_title)/>
        <ReportNav current=""/>
        {report_page!(i18n, data, move |d: PersonView| view! { <PersonBody d/> })}
    }
}

#[component]
fn PersonBody(d: PersonView) -> impl IntoView {
    let export_name = format!("persoon-{}", d.id);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let late = format!(" {}", td_string!(locale, reports.late_mark));
    view! {
        <h1>{d.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, reports.email)}</dt><dd>{d.email}</dd>
            <dt>{t!(i18n, reports.employee_number)}</dt><dd>{d.employee_number.unwrap_or_else(|| "–".into())}</dd>
            <dt>{t!(i18n, reports.department)}</dt><dd>{d.department.unwrap_or_else(|| td_string!(locale, reports.no_department_short).to_string())}</dd>
            <dt>{t!(i18n, reports.account)}</dt><dd>{if d.active {
                td_string!(locale, reports.active)
            } else {
                td_string!(locale, reports.inactive)
            }}</dd>
        </dl>
        <Downloads name=export_name query=String::new()/>
        <crate::privacy::admin_page::PersonPrivacyLink person=d.id/>
        <h2>{t!(i18n, reports.courses)}</h2>
        {if d.courses.is_empty() {
            view! { <p>{t!(i18n, reports.person_no_courses)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t!(i18n, reports.person_courses_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.course)}</th><th scope="col">{t!(i18n, reports.col_progress)}</th><th scope="col">{t!(i18n, reports.completed_on)}</th>
                        <th scope="col">{t!(i18n, reports.valid_until)}</th><th scope="col">{t!(i18n, reports.due)}</th>
                    </tr></thead>
                    <tbody>
                        {d.courses.into_iter().map(|c| view! {
                            <tr class={if c.overdue { "late" } else { "" }}>
                                <th scope="row">{c.title}</th>
                                <td>{c.status}{c.overdue.then(|| late.clone())}</td>
                                <td>{c.completed_on.unwrap_or_default()}</td>
                                <td>{c.valid_until.unwrap_or_default()}</td>
                                <td>{c.due.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <h2>{t!(i18n, reports.records)}</h2>
        {if d.records.is_empty() {
            view! { <p>{t!(i18n, reports.person_no_records)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t!(i18n, reports.person_records_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.course)}</th><th scope="col">{t!(i18n, reports.completed_on)}</th><th scope="col">{t!(i18n, reports.department_then)}</th>
                        <th scope="col">{t!(i18n, reports.score)}</th><th scope="col">{t!(i18n, reports.valid_until)}</th><th scope="col">{t!(i18n, reports.code)}</th>
                    </tr></thead>
                    <tbody>
                        {d.records.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.course_title}</th>
                                <td>{r.completed_on}</td>
                                <td>{r.department.unwrap_or_default()}</td>
                                <td>{format!("{:.0} %", r.score)}</td>
                                <td>{r.valid_until.unwrap_or_else(|| td_string!(locale, reports.unlimited).to_string())}</td>
                                <td><a href=format!("/verify/{}", r.code)><code>{r.code.clone()}</code></a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

#[component]
pub fn OverduePage() -> impl IntoView {
    let filters = use_filters();
    let data = Resource::new(move || filters.get(), report_overdue);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, reports.overdue)/>
        <h1>{t!(i18n, reports.overdue)}</h1>
        <ReportNav current="/rapportage/te-laat"/>
        {report_page!(i18n, data, move |d: OverdueView| view! { <OverdueBody d filters=filters.get_untracked()/> })}
    }
}

#[component]
fn OverdueBody(d: OverdueView, filters: ReportFilters) -> impl IntoView {
    let query = filters.query(None);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let total = td_string!(
        locale,
        reports.overdue_total,
        count = d.total,
        date = &d.today
    )
    .to_string();
    view! {
        <FilterForm action="/rapportage/te-laat" filters=filters.clone() courses=d.courses departments=d.departments/>
        <p>{total}</p>
        <Downloads name="te-laat" query=query/>
        {if d.rows.is_empty() {
            view! { <p>{t!(i18n, reports.nobody_overdue)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t!(i18n, reports.overdue_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.name)}</th><th scope="col">{t!(i18n, reports.employee_number)}</th><th scope="col">{t!(i18n, reports.department)}</th>
                        <th scope="col">{t!(i18n, reports.course)}</th><th scope="col">{t!(i18n, reports.due)}</th><th scope="col">{t!(i18n, reports.days_late)}</th>
                    </tr></thead>
                    <tbody>
                        {d.rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row"><a href=format!("/rapportage/persoon/{}", r.user_id)>{r.name}</a></th>
                                <td>{r.employee_number.unwrap_or_default()}</td>
                                <td>{r.department}</td>
                                <td>{r.course}</td>
                                <td>{r.due}</td>
                                <td>{r.days_late}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pager base="/rapportage/te-laat".to_string() filters page=d.page pages=d.pages/>
    }
}

#[component]
pub fn RecordsPage() -> impl IntoView {
    let filters = use_filters();
    let data = crate::pages::hydration::resource(move || filters.get(), report_records);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, reports.records)/>
        <h1>{t!(i18n, reports.records)}</h1>
        <ReportNav current="/rapportage/certificaten"/>
        {report_page!(i18n, data, move |d: RecordsPage| view! { <RecordsBody d filters=filters.get_untracked()/> })}
    }
}

#[component]
fn RecordsBody(d: RecordsPage, filters: ReportFilters) -> impl IntoView {
    let r = d.records;
    let query = filters.query(None);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let total = if r.total == 1 {
        td_string!(locale, reports.records_total_single, count = r.total).to_string()
    } else {
        td_string!(locale, reports.records_total, count = r.total).to_string()
    };
    view! {
        <FilterForm action="/rapportage/certificaten" filters=filters.clone() courses=r.courses departments=r.departments period=true/>
        <p>{total}</p>
        <Downloads name="certificaten" query=query/>
        <div class="report-grid">
            <figure class="chart">
                <div inner_html=d.chart_svg></div>
                <figcaption>{t!(i18n, reports.records_chart_caption)}</figcaption>
            </figure>
            <table class="compact">
                <caption>{t!(i18n, reports.per_month)}</caption>
                <thead><tr><th scope="col">{t!(i18n, reports.month)}</th><th scope="col">{t!(i18n, reports.count)}</th></tr></thead>
                <tbody>
                    {r.per_month.into_iter().map(|(m, n)| view! { <tr><th scope="row">{m}</th><td>{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
        {if r.rows.is_empty() {
            view! { <p>{t!(i18n, reports.no_records_found)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t!(i18n, reports.records_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.name)}</th><th scope="col">{t!(i18n, reports.course)}</th><th scope="col">{t!(i18n, reports.completed_on)}</th>
                        <th scope="col">{t!(i18n, reports.department_then)}</th><th scope="col">{t!(i18n, reports.valid_until)}</th><th scope="col">{t!(i18n, reports.code)}</th>
                    </tr></thead>
                    <tbody>
                        {r.rows.into_iter().map(|x| view! {
                            <tr>
                                <th scope="row"><a href=format!("/rapportage/persoon/{}", x.user_id)>{x.name}</a></th>
                                <td>{x.course}</td>
                                <td>{x.completed_on}</td>
                                <td>{x.department.unwrap_or_default()}</td>
                                <td>{x.valid_until.unwrap_or_else(|| td_string!(locale, reports.unlimited).to_string())}</td>
                                <td><a href=format!("/verify/{}", x.code)><code>{x.code.clone()}</code></a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pager base="/rapportage/certificaten".to_string() filters page=r.page pages=r.pages/>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn month_labels_follow_the_language() {
        assert_eq!(localise_month(Locale::nl, "mrt 2026"), "mrt 2026");
        assert_eq!(localise_month(Locale::en, "mrt 2026"), "Mar 2026");
        assert_eq!(localise_month(Locale::en, "okt 2025"), "Oct 2025");
        assert_eq!(localise_month(Locale::en, "2026-13"), "2026-13");
    }

    #[test]
    fn status_labels_follow_the_language() {
        assert_eq!(localise_status(Locale::nl, "Verlopen"), "Verlopen");
        assert_eq!(localise_status(Locale::en, "Verlopen"), "Expired");
        assert_eq!(
            localise_status(Locale::en, "Verloopt binnenkort"),
            "Expiring soon"
        );
        assert_eq!(localise_status(Locale::en, ""), "");
    }
}
