//! Mandatory training (roles `hr` and `admin`): assign a course to a
//! department (with or without its sub-departments) or to one person, with a
//! due date; see and remove the current assignments.
//!
//! Plain POST forms (`ActionForm`) that work without JavaScript: success
//! redirects back with `?klaar=`, a refusal comes back in the URL (`__err`)
//! and is shown beside its form.

use crate::auth::Role;
use crate::components::forms::DepartmentSelect;
use crate::components::forms::{error_of, FormError};
use crate::departments::types::DeptOption;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PATH: &str = "/rapportage/verplicht";

/// Who may assign mandatory training.
pub const ROLES: &[Role] = &[Role::Hr, Role::Admin];

/// One assignment in the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub id: i32,
    pub course_id: String,
    pub course_title: String,
    /// For one person (else a department).
    pub person: bool,
    /// The full department path, or the person's name and e-mail address.
    pub target: String,
    /// `dd-mm-jjjj`.
    pub due_on: String,
    /// The due date has passed.
    pub overdue: bool,
    pub assigned_by: Option<String>,
    /// Active people it covers now.
    pub covers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOption {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentsView {
    pub courses: Vec<CourseOption>,
    pub departments: Vec<DeptOption>,
    pub assignments: Vec<AssignmentRow>,
    /// `JJJJ-MM-DD`, the earliest due date allowed.
    pub today: String,
}

#[server(endpoint = "assignments_overview")]
pub async fn assignments_overview() -> Result<AssignmentsView, AppError> {
    use crate::departments::queries as departments;
    use crate::ssr::{assignments, report_summary, session, AppState};
    session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let mut courses: Vec<CourseOption> = index
        .catalog
        .courses
        .iter()
        .map(|c| CourseOption {
            id: c.id.clone(),
            title: c.title.clone(),
        })
        .collect();
    courses.sort_by_key(|c| c.title.to_lowercase());
    let mut rows = assignments::list(&state.db).await?;
    for row in rows.iter_mut().filter(|r| !r.person) {
        row.target = localise_target(&row.target);
    }
    Ok(AssignmentsView {
        courses,
        departments: departments::options(&state.db).await?,
        assignments: rows,
        today: report_summary::today().format("%Y-%m-%d").to_string(),
    })
}

#[server(endpoint = "assignment_create")]
pub async fn create_assignment(
    course: String,
    #[server(default)] target: Option<String>,
    #[server(default)] department: Option<String>,
    #[server(default)] include_sub: Option<String>,
    #[server(default)] person: Option<String>,
    due: String,
) -> Result<(), AppError> {
    use crate::ssr::assignments::{self, Target};
    use crate::ssr::{session, AppState};
    let user = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let person = person
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    let department = crate::departments::api::parse_department(department.as_deref())?;
    let target = match (target.as_deref(), person, department) {
        (Some("persoon"), Some(p), _) | (None, Some(p), None) => Target::Person(p),
        (Some("persoon"), None, _) => {
            return Err(AppError::Invalid(server_text!(
                assignments.err_person_missing
            )))
        }
        (Some("afdeling") | None, _, Some(id)) => Target::Department {
            id,
            include_subdepartments: include_sub.is_some(),
        },
        _ => return Err(AppError::Invalid(server_text!(assignments.err_no_target))),
    };
    let due_on = assignments::parse_due(&due)?;
    assignments::create(&state.writer, user.id, course.trim(), target, due_on).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=toegevoegd#lijst"));
    Ok(())
}

#[server(endpoint = "assignment_delete")]
pub async fn delete_assignment(id: i32) -> Result<(), AppError> {
    use crate::ssr::{assignments, session, AppState};
    let user = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    assignments::delete(&state.writer, user.id, id).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verwijderd#lijst"));
    Ok(())
}

/// A department target (`ssr::assignments::list` gives "path (met
/// onderliggende afdelingen)") in the requester's language.
#[cfg(feature = "ssr")]
fn localise_target(target: &str) -> String {
    if let Some(path) = target.strip_suffix(" (met onderliggende afdelingen)") {
        server_text!(assignments.target_with_sub, path = path)
    } else if let Some(path) = target.strip_suffix(" (zonder onderliggende afdelingen)") {
        server_text!(assignments.target_without_sub, path = path)
    } else {
        target.to_string()
    }
}

fn done_message(locale: Locale, key: &str) -> Option<&'static str> {
    match key {
        "toegevoegd" => Some(td_string!(locale, assignments.done_added)),
        "verwijderd" => Some(td_string!(locale, assignments.done_removed)),
        _ => None,
    }
}

#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let create = ServerAction::<CreateAssignment>::new();
    let delete = ServerAction::<DeleteAssignment>::new();
    let data = Resource::new(
        move || (create.version().get(), delete.version().get()),
        |_| assignments_overview(),
    );
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, assignments.title)/>
        <h1>{t!(i18n, assignments.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AssignmentsBody d create delete/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AssignmentsBody(
    d: AssignmentsView,
    create: ServerAction<CreateAssignment>,
    delete: ServerAction<DeleteAssignment>,
) -> impl IntoView {
    let query = use_query_map();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let done = move || {
        query
            .read()
            .get("klaar")
            .and_then(|k| done_message(locale, &k))
            .map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })
    };
    let no_courses = d.courses.is_empty();
    view! {
        <p class="lead">{t!(i18n, assignments.lead)}</p>
        {done}
        <section aria-labelledby="nieuw-kop">
            <h2 id="nieuw-kop">{t!(i18n, assignments.new_heading)}</h2>
            <FormError message=error_of(move || create.value().get()) id="verplicht-fout"/>
            {if no_courses {
                view! { <p>{t!(i18n, assignments.no_courses)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=create attr:class="assign-form">
                        <div class="field">
                            <label for="verplicht-cursus">{t!(i18n, assignments.course)}</label>
                            <select id="verplicht-cursus" name="course" required>
                                {d.courses.into_iter().map(|c| view! { <option value=c.id>{c.title}</option> }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="field target-choice">
                            <legend>{t!(i18n, assignments.for_whom)}</legend>
                            <div class="option">
                                <input type="radio" id="doel-afdeling" name="target" value="afdeling" checked=true/>
                                <label for="doel-afdeling">{t!(i18n, assignments.a_department)}</label>
                            </div>
                            <div class="target-detail">
                                <div class="field">
                                    <label for="verplicht-afdeling">{t!(i18n, assignments.department)}</label>
                                    <DepartmentSelect id="verplicht-afdeling" name="department" options=d.departments none=Some(td_string!(locale, assignments.choose_department))/>
                                </div>
                                <div class="option">
                                    <input type="checkbox" id="verplicht-onder" name="include_sub" value="ja" checked=true/>
                                    <label for="verplicht-onder">{t!(i18n, assignments.include_sub)}</label>
                                </div>
                            </div>
                            <div class="option">
                                <input type="radio" id="doel-persoon" name="target" value="persoon"/>
                                <label for="doel-persoon">{t!(i18n, assignments.one_person)}</label>
                            </div>
                            <div class="target-detail">
                                <div class="field">
                                    <label for="verplicht-persoon">{t!(i18n, assignments.person_field)}</label>
                                    <input id="verplicht-persoon" name="person" type="text" autocomplete="off"/>
                                </div>
                            </div>
                        </fieldset>
                        <div class="field">
                            <label for="verplicht-datum">{t!(i18n, assignments.due)}<span class="hint">" "{t!(i18n, assignments.due_hint)}</span></label>
                            <input id="verplicht-datum" name="due" type="date" min=d.today.clone() required/>
                        </div>
                        <button type="submit">{t!(i18n, assignments.submit)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="lijst">
            <h2 id="lijst">{t!(i18n, assignments.list_heading)}</h2>
            <FormError message=error_of(move || delete.value().get()) id="verwijder-fout"/>
            {if d.assignments.is_empty() {
                view! { <p>{t!(i18n, assignments.none)}</p> }.into_any()
            } else {
                view! { <AssignmentTable rows=d.assignments delete/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn AssignmentTable(
    rows: Vec<AssignmentRow>,
    delete: ServerAction<DeleteAssignment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="hr-table-wrap">
        <table>
            <caption class="visually-hidden">{t!(i18n, assignments.caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, assignments.course)}</th>
                <th scope="col">{t!(i18n, assignments.col_for)}</th>
                <th scope="col">{t!(i18n, assignments.due)}</th>
                <th scope="col">{t!(i18n, assignments.col_assigned_by)}</th>
                <th scope="col">{t!(i18n, assignments.col_covers)}</th>
                <th scope="col"><span class="visually-hidden">{t!(i18n, assignments.col_action)}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| {
                    let label = format!(
                        ": {}",
                        td_string!(locale, assignments.delete_which, course = &a.course_title, target = &a.target)
                    );
                    let kind = if a.person {
                        td_string!(locale, assignments.person)
                    } else {
                        td_string!(locale, assignments.department)
                    };
                    view! {
                        <tr>
                            <td>{a.course_title.clone()}</td>
                            <td>
                                {format!("{kind}: ")}
                                {a.target.clone()}
                            </td>
                            <td>
                                {a.due_on.clone()}
                                {a.overdue.then(|| view! { " " <span class="badge badge-overdue">{t!(i18n, assignments.overdue)}</span> })}
                            </td>
                            <td>{a.assigned_by.clone().unwrap_or_else(|| "–".into())}</td>
                            <td class="hr-num">{a.covers}</td>
                            <td>
                                <ActionForm action=delete attr:class="inline-form">
                                    <input type="hidden" name="id" value=a.id.to_string()/>
                                    <button type="submit" class="button-quiet">
                                        {t!(i18n, assignments.delete)}<span class="visually-hidden">{label}</span>
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_messages_in_both_languages() {
        assert_eq!(
            done_message(Locale::nl, "verwijderd"),
            Some("De verplichting is verwijderd.")
        );
        assert_eq!(
            done_message(Locale::en, "verwijderd"),
            Some("The mandatory course has been removed.")
        );
        assert_eq!(done_message(Locale::en, "iets"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn department_targets_are_translated() {
        // Outside a request `server_text!` is Dutch: unchanged.
        let target = "Gemeente Demodorp / Directie Ruimte (met onderliggende afdelingen)";
        assert_eq!(localise_target(target), target);
        assert_eq!(
            localise_target("Team X (zonder onderliggende afdelingen)"),
            "Team X (zonder onderliggende afdelingen)"
        );
        assert_eq!(localise_target("Team X"), "Team X");
    }
}
