//! The report pages. Each reads its filters from the address, asks its
//! server function ([`super::api`]) and writes the words in the page's
//! language ([`super::words`]).

use super::api::{report_matrix, report_overdue, report_people, report_person, report_records};
use super::types::{
    CellView, CourseRef, DeptRef, MatrixPage, MatrixRow, OverdueView, PeopleView, PersonView,
    RecordsPage, ReportFilters,
};
use super::words;
use crate::auth::SignInPrompt;
use crate::components::page_states::{report_page, SignInNeeded};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::language::status_text;
use domain::report::status::Status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn use_filters() -> Memo<ReportFilters> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| ReportFilters::from_query(|k| q.get(k))))
}

#[component]
pub(crate) fn ReportNav(current: &'static str) -> impl IntoView {
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
                {link("/rapportage/scan", td_string!(locale, scan.report_title))}
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
            <DepartmentFilter departments selected=dept/>
            {period.then(|| view! { <PeriodFilter van=filters.van.clone() tot=filters.tot.clone()/> })}
            <button type="submit">{t!(i18n, reports.show)}</button>
        </form>
    }
}

/// A GET filter's department field (`afdeling`), everyone by default.
#[component]
pub fn DepartmentFilter(departments: Vec<DeptRef>, selected: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="f-afdeling">{t!(i18n, reports.department)}</label>
            <select id="f-afdeling" name="afdeling">
                <option value="" selected=selected.is_none()>{t!(i18n, reports.all_departments)}</option>
                {departments.into_iter().map(|d| {
                    let is_selected = Some(d.id) == selected;
                    view! { <option value=d.id.to_string() selected=is_selected>{d.name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A GET filter's period fields (`van`, `tot`), as typed.
#[component]
pub fn PeriodFilter(van: Option<String>, tot: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="f-van">{t!(i18n, reports.from)}</label>
            <input id="f-van" type="date" name="van" value=van.unwrap_or_default()/>
        </div>
        <div class="field">
            <label for="f-tot">{t!(i18n, reports.until)}</label>
            <input id="f-tot" type="date" name="tot" value=tot.unwrap_or_default()/>
        </div>
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
    let data = crate::hydration::resource(move || filters.get(), report_matrix);
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, common.reports)/>
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
        let name = words::unit_name(locale, &r.unit);
        let link = match (r.unit.department(), is_summary) {
            (Some(id), false) if r.has_children => {
                view! { <a href=format!("/rapportage?afdeling={id}")>{name.clone()}</a> }.into_any()
            }
            _ => view! { <span>{name.clone()}</span> }.into_any(),
        };
        let people = r.unit.department().map(|id| view! {
            <a class="people-link" href=format!("/rapportage/afdeling/{id}")>
                {t!(i18n, reports.people_link)}<span class="visually-hidden">{format!(" {}", td_string!(locale, reports.people_link_of, name = &name))}</span>
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
                <th scope="col">{status_text(locale, Status::Completed)}</th>
                <th scope="col">{status_text(locale, Status::Expiring)}</th>
                <th scope="col">{status_text(locale, Status::Expired)}</th>
                <th scope="col">{status_text(locale, Status::InProgress)}</th>
                <th scope="col">{status_text(locale, Status::NotStarted)}</th>
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
        td_string!(
            locale,
            reports.caption_single,
            course,
            date = words::date(m.today)
        )
        .to_string()
    } else {
        td_string!(locale, reports.caption_all, date = words::date(m.today)).to_string()
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
        <Title text=t_string!(i18n, reports.people_title)/>
        <ReportNav current=""/>
        {report_page!(i18n, data, move |d: PeopleView| view! { <PeopleBody d filters=filters.get_untracked()/> }, SignInNeeded)}
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
                                let status = words::status(locale, c.status);
                                view! {
                                    <td class={if c.overdue { "late" } else { "" }}>
                                        {status}
                                        {c.overdue.then(|| view! { <span class="late">" "{t!(i18n, reports.late_mark)}</span> })}
                                        {c.due.map(|date| view! { <span class="detail">{td_string!(locale, reports.due_by, date = words::date(date)).to_string()}</span> })}
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
        <Title text=t_string!(i18n, reports.person_title)/>
        <ReportNav current=""/>
        {report_page!(i18n, data, move |d: PersonView| view! { <PersonBody d/> }, SignInNeeded)}
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
        <crate::components::privacy_link::PersonPrivacyLink person=d.id/>
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
                                <td>{words::status(locale, Some(c.status))}{c.overdue.then(|| late.clone())}</td>
                                <td>{c.completed_on.map(words::date).unwrap_or_default()}</td>
                                <td>{c.valid_until.map(words::date).unwrap_or_default()}</td>
                                <td>{c.due.map(words::date).unwrap_or_default()}</td>
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
                                <th scope="row">{r.course}</th>
                                <td>{words::date(r.completed_on)}</td>
                                <td>{r.department.unwrap_or_default()}</td>
                                <td>{format!("{:.0} %", r.score)}</td>
                                <td>{r.valid_until.map_or_else(|| td_string!(locale, reports.unlimited).to_string(), words::date)}</td>
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
        <Title text=t_string!(i18n, reports.overdue)/>
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
        date = words::date(d.today)
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
                                <td>{words::date(r.due)}</td>
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
    let data = crate::hydration::resource(move || filters.get(), report_records);
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, reports.records)/>
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
                    {r.per_month.into_iter().map(|(m, n)| view! { <tr><th scope="row">{words::month(locale, m)}</th><td>{n}</td></tr> }).collect_view()}
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
                                <td>{words::date(x.completed_on)}</td>
                                <td>{x.department.unwrap_or_default()}</td>
                                <td>{x.valid_until.map_or_else(|| td_string!(locale, reports.unlimited).to_string(), words::date)}</td>
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
