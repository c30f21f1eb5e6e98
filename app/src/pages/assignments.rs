//! Mandatory training (roles `hr` and `admin`): assign a course to a
//! department (with or without its sub-departments) or to one person, with a
//! due date; see and remove the current assignments.
//!
//! Plain POST forms (`ActionForm`) that work without JavaScript: success
//! redirects back with `?klaar=`, a refusal comes back in the URL (`__err`)
//! and is shown beside its form.

use crate::auth::Role;
use crate::components::forms::{error_of, FormError};
use crate::error::AppError;
use crate::pages::departments::{DepartmentSelect, DeptOption};
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
    use crate::ssr::{assignments, departments, session, status, AppState};
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
    Ok(AssignmentsView {
        courses,
        departments: departments::options(&state.db).await?,
        assignments: assignments::list(&state.db).await?,
        today: status::today().format("%Y-%m-%d").to_string(),
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
    let department = crate::pages::departments::parse_department(department.as_deref())?;
    let target = match (target.as_deref(), person, department) {
        (Some("persoon"), Some(p), _) | (None, Some(p), None) => Target::Person(p),
        (Some("persoon"), None, _) => {
            return Err(AppError::Invalid(
                "Vul het e-mailadres of het personeelsnummer van de persoon in.".into(),
            ))
        }
        (Some("afdeling") | None, _, Some(id)) => Target::Department {
            id,
            include_subdepartments: include_sub.is_some(),
        },
        _ => {
            return Err(AppError::Invalid(
                "Kies een afdeling, of kies ‘Eén persoon’ en vul een e-mailadres of personeelsnummer in."
                    .into(),
            ))
        }
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

fn done_message(key: &str) -> Option<&'static str> {
    match key {
        "toegevoegd" => Some(
            "De cursus is verplicht gesteld. De medewerkers zien de datum in hun leeromgeving.",
        ),
        "verwijderd" => Some("De verplichting is verwijderd."),
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
    view! {
        <Title text="Verplichte cursussen"/>
        <h1>"Verplichte cursussen"</h1>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AssignmentsBody d create delete/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
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
    let done = move || {
        query
            .read()
            .get("klaar")
            .and_then(|k| done_message(&k))
            .map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })
    };
    let no_courses = d.courses.is_empty();
    view! {
        <p class="lead">"Stel een cursus verplicht voor een afdeling of voor één persoon. Wie eronder valt, ziet de cursus met de uiterste datum in de eigen leeromgeving."</p>
        {done}
        <section aria-labelledby="nieuw-kop">
            <h2 id="nieuw-kop">"Cursus verplicht stellen"</h2>
            <FormError message=error_of(move || create.value().get()) id="verplicht-fout"/>
            {if no_courses {
                view! { <p>"Er zijn nog geen cursussen. Zodra er cursussen zijn, kun je ze hier verplicht stellen."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=create attr:class="assign-form">
                        <div class="field">
                            <label for="verplicht-cursus">"Cursus"</label>
                            <select id="verplicht-cursus" name="course" required>
                                {d.courses.into_iter().map(|c| view! { <option value=c.id>{c.title}</option> }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="field target-choice">
                            <legend>"Voor wie?"</legend>
                            <div class="option">
                                <input type="radio" id="doel-afdeling" name="target" value="afdeling" checked=true/>
                                <label for="doel-afdeling">"Een afdeling"</label>
                            </div>
                            <div class="target-detail">
                                <div class="field">
                                    <label for="verplicht-afdeling">"Afdeling"</label>
                                    <DepartmentSelect id="verplicht-afdeling" name="department" options=d.departments none=Some("Kies een afdeling")/>
                                </div>
                                <div class="option">
                                    <input type="checkbox" id="verplicht-onder" name="include_sub" value="ja" checked=true/>
                                    <label for="verplicht-onder">"Inclusief onderliggende afdelingen"</label>
                                </div>
                            </div>
                            <div class="option">
                                <input type="radio" id="doel-persoon" name="target" value="persoon"/>
                                <label for="doel-persoon">"Eén persoon"</label>
                            </div>
                            <div class="target-detail">
                                <div class="field">
                                    <label for="verplicht-persoon">"E-mailadres of personeelsnummer"</label>
                                    <input id="verplicht-persoon" name="person" type="text" autocomplete="off"/>
                                </div>
                            </div>
                        </fieldset>
                        <div class="field">
                            <label for="verplicht-datum">"Uiterlijk af op"<span class="hint">" (vandaag of later)"</span></label>
                            <input id="verplicht-datum" name="due" type="date" min=d.today.clone() required/>
                        </div>
                        <button type="submit">"Verplicht stellen"</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="lijst">
            <h2 id="lijst">"Huidige verplichtingen"</h2>
            <FormError message=error_of(move || delete.value().get()) id="verwijder-fout"/>
            {if d.assignments.is_empty() {
                view! { <p>"Er zijn nog geen verplichte cursussen."</p> }.into_any()
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
    view! {
        <div class="hr-table-wrap">
        <table>
            <caption class="visually-hidden">"Alle verplichte cursussen"</caption>
            <thead><tr>
                <th scope="col">"Cursus"</th>
                <th scope="col">"Voor"</th>
                <th scope="col">"Uiterlijk af op"</th>
                <th scope="col">"Ingesteld door"</th>
                <th scope="col">"Aantal medewerkers"</th>
                <th scope="col"><span class="visually-hidden">"Actie"</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| {
                    let label = format!(": {} voor {}", a.course_title, a.target);
                    view! {
                        <tr>
                            <td>{a.course_title.clone()}</td>
                            <td>
                                {if a.person { "Persoon: " } else { "Afdeling: " }}
                                {a.target.clone()}
                            </td>
                            <td>
                                {a.due_on.clone()}
                                {a.overdue.then(|| view! { " " <span class="badge badge-overdue">"verstreken"</span> })}
                            </td>
                            <td>{a.assigned_by.clone().unwrap_or_else(|| "–".into())}</td>
                            <td class="hr-num">{a.covers}</td>
                            <td>
                                <ActionForm action=delete attr:class="inline-form">
                                    <input type="hidden" name="id" value=a.id.to_string()/>
                                    <button type="submit" class="button-quiet">
                                        "Verwijderen"<span class="visually-hidden">{label}</span>
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
