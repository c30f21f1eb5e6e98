//! The department tree (role `admin`): the tree with its figures, and forms
//! to add, change (name, code, place in the tree) and delete a department,
//! and to move a person to another department.
//!
//! Every form is a plain POST (`ActionForm`) that works without JavaScript:
//! the server redirects back to this page with a short success message in
//! `?klaar=`; a refusal comes back in the URL (`__err`) and is shown beside
//! its form. Changing one department is a separate view of the same page
//! (`?wijzig=<id>`), so the page stays light for a large organisation.

use crate::components::forms::{error_of, FormError};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PATH: &str = "/beheer/afdelingen";

/// One department in a select list, in tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptOption {
    pub id: i32,
    pub name: String,
    pub depth: usize,
}

/// One department on the admin page, in tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptRow {
    pub id: i32,
    pub name: String,
    pub code: Option<String>,
    pub depth: usize,
    pub parent_id: Option<i32>,
    pub parent_name: Option<String>,
    /// "Gemeente / Directie / Afdeling".
    pub path: String,
    /// Active people in this department itself.
    pub active_people: u64,
    /// All people (active or not) in this department itself.
    pub people: u64,
    /// Direct sub-departments.
    pub children: usize,
    /// Assignments for this department.
    pub assignments: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentsView {
    pub rows: Vec<DeptRow>,
}

#[server(endpoint = "departments_overview")]
pub async fn departments_overview() -> Result<DepartmentsView, AppError> {
    use crate::ssr::{departments, session, AppState};
    session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    Ok(DepartmentsView {
        rows: departments::overview(&state.db).await?,
    })
}

/// A select value: empty means "none", otherwise a department id.
pub fn parse_department(value: Option<&str>) -> Result<Option<i32>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::Invalid("Kies een afdeling uit de lijst.".into())),
    }
}

#[server(endpoint = "department_create")]
pub async fn create_department(
    name: String,
    #[server(default)] code: Option<String>,
    #[server(default)] parent: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{departments, session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    let dept = departments::create(
        &state.writer,
        admin.id,
        departments::DeptInput {
            name,
            code,
            parent_id: parse_department(parent.as_deref())?,
        },
    )
    .await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=toegevoegd#afdeling-{}", dept.id));
    Ok(())
}

#[server(endpoint = "department_update")]
pub async fn update_department(
    id: i32,
    name: String,
    #[server(default)] code: Option<String>,
    #[server(default)] parent: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{departments, session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    departments::update(
        &state.writer,
        admin.id,
        id,
        departments::DeptInput {
            name,
            code,
            parent_id: parse_department(parent.as_deref())?,
        },
    )
    .await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=gewijzigd#afdeling-{id}"));
    Ok(())
}

#[server(endpoint = "department_delete")]
pub async fn delete_department(id: i32) -> Result<(), AppError> {
    use crate::ssr::{departments, session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    departments::delete(&state.writer, admin.id, id).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verwijderd"));
    Ok(())
}

#[server(endpoint = "department_move_user")]
pub async fn move_user(
    person: String,
    #[server(default)] department: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{departments, session, AppState};
    let admin = session::require_role(&[crate::auth::Role::Admin]).await?;
    let state = AppState::from_context()?;
    let target = parse_department(department.as_deref())?;
    departments::move_user(&state.writer, admin.id, &person, target).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=verplaatst#verplaatsen"));
    Ok(())
}

/// The Dutch text for a `?klaar=` key (fixed texts only: nothing from the
/// URL is shown as is).
fn done_message(key: &str) -> Option<&'static str> {
    match key {
        "toegevoegd" => Some("De afdeling is toegevoegd."),
        "gewijzigd" => Some("De wijzigingen zijn opgeslagen."),
        "verwijderd" => Some("De afdeling is verwijderd."),
        "verplaatst" => Some(
            "De medewerker is verplaatst. Behaalde certificaten blijven op naam van de oude afdeling staan.",
        ),
        _ => None,
    }
}

/// The indented label of a department in a select list.
pub fn indented(name: &str, depth: usize) -> String {
    format!("{}{name}", "\u{a0}\u{a0}\u{a0}".repeat(depth))
}

/// A select list of departments in tree order, indented by depth.
/// `none` is the label of the empty choice (no empty choice when `None`);
/// departments in `exclude` are left out.
#[component]
pub fn DepartmentSelect(
    id: &'static str,
    name: &'static str,
    options: Vec<DeptOption>,
    #[prop(default = None)] none: Option<&'static str>,
    #[prop(default = None)] selected: Option<i32>,
    #[prop(optional)] exclude: Vec<i32>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <select id=id name=name required=required>
            {none.map(|label| view! { <option value="" selected=selected.is_none()>{label}</option> })}
            {options.into_iter().filter(|o| !exclude.contains(&o.id)).map(|o| {
                let is_selected = selected == Some(o.id);
                view! { <option value=o.id.to_string() selected=is_selected>{indented(&o.name, o.depth)}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let create = ServerAction::<CreateDepartment>::new();
    let update = ServerAction::<UpdateDepartment>::new();
    let delete = ServerAction::<DeleteDepartment>::new();
    let move_person = ServerAction::<MoveUser>::new();
    let data = Resource::new(
        move || {
            (
                create.version().get(),
                update.version().get(),
                delete.version().get(),
                move_person.version().get(),
            )
        },
        |_| departments_overview(),
    );
    let actions = Actions {
        create,
        update,
        delete,
        move_person,
    };
    view! {
        <Title text="Afdelingen"/>
        <h1>"Afdelingen"</h1>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DepartmentsBody d actions/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateDepartment>,
    update: ServerAction<UpdateDepartment>,
    delete: ServerAction<DeleteDepartment>,
    move_person: ServerAction<MoveUser>,
}

#[component]
fn DepartmentsBody(d: DepartmentsView, actions: Actions) -> impl IntoView {
    let query = use_query_map();
    let done = move || {
        query
            .read()
            .get("klaar")
            .and_then(|k| done_message(&k))
            .map(|m| view! { <div class="notice" role="status"><p>{m}</p></div> })
    };
    let options: Vec<DeptOption> = d
        .rows
        .iter()
        .map(|r| DeptOption {
            id: r.id,
            name: r.name.clone(),
            depth: r.depth,
        })
        .collect();
    let rows = d.rows.clone();
    let editing = move || {
        let id: i32 = query.read().get("wijzig")?.parse().ok()?;
        let pos = rows.iter().position(|r| r.id == id)?;
        let row = rows.get(pos)?.clone();
        // The department and everything below it cannot be its new parent.
        let subtree: Vec<i32> = std::iter::once(row.id)
            .chain(
                rows[pos + 1..]
                    .iter()
                    .take_while(|r| r.depth > row.depth)
                    .map(|r| r.id),
            )
            .collect();
        Some((row, subtree))
    };
    let edit_options = options.clone();
    let add_options = options.clone();
    view! {
        <p class="lead">"Hier zie en beheer je hoe de organisatie is ingedeeld. Medewerkers horen bij één afdeling; rapportages tellen een afdeling op met alles wat eronder valt."</p>
        {done}
        {move || match editing() {
            Some((row, subtree)) => view! {
                <EditDepartment row subtree options=edit_options.clone() actions/>
            }.into_any(),
            // A refusal for a department that is no longer open here.
            None => view! {
                <FormError message=error_of(move || actions.update.value().get()) id="wijzigen-fout"/>
                <FormError message=error_of(move || actions.delete.value().get()) id="verwijderen-fout"/>
            }.into_any(),
        }}
        <section aria-labelledby="boom-kop">
            <h2 id="boom-kop">"Indeling"</h2>
            {if d.rows.is_empty() {
                view! { <p>"Er zijn nog geen afdelingen. Voeg hieronder de eerste toe."</p> }.into_any()
            } else {
                view! { <DepartmentTable rows=d.rows.clone()/> }.into_any()
            }}
        </section>
        <section aria-labelledby="toevoegen-kop">
            <h2 id="toevoegen-kop">"Afdeling toevoegen"</h2>
            <FormError message=error_of(move || actions.create.value().get()) id="toevoegen-fout"/>
            <ActionForm action=actions.create>
                <div class="field">
                    <label for="nieuw-naam">"Naam"</label>
                    <input id="nieuw-naam" name="name" type="text" maxlength="120" required/>
                </div>
                <div class="field">
                    <label for="nieuw-code">"Code"<span class="hint">" (niet verplicht; moet uniek zijn, bijvoorbeeld AF-HR)"</span></label>
                    <input id="nieuw-code" name="code" type="text" maxlength="40"/>
                </div>
                <div class="field">
                    <label for="nieuw-boven">"Valt onder"</label>
                    <DepartmentSelect id="nieuw-boven" name="parent" options=add_options none=Some("Niets (hoogste niveau)")/>
                </div>
                <button type="submit">"Afdeling toevoegen"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="verplaatsen">
            <h2 id="verplaatsen">"Medewerker naar andere afdeling"</h2>
            <p>"Behaalde certificaten blijven op naam van de afdeling waar de medewerker toen werkte. Verplichte cursussen en rapportages gaan mee naar de nieuwe afdeling."</p>
            <FormError message=error_of(move || actions.move_person.value().get()) id="verplaatsen-fout"/>
            <ActionForm action=actions.move_person>
                <div class="field">
                    <label for="verplaats-persoon">"E-mailadres of personeelsnummer"</label>
                    <input id="verplaats-persoon" name="person" type="text" autocomplete="off" required/>
                </div>
                <div class="field">
                    <label for="verplaats-afdeling">"Nieuwe afdeling"</label>
                    <DepartmentSelect id="verplaats-afdeling" name="department" options none=Some("Geen afdeling")/>
                </div>
                <button type="submit">"Verplaatsen"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DepartmentTable(rows: Vec<DeptRow>) -> impl IntoView {
    view! {
        <div class="hr-table-wrap">
        <table class="dept-tree">
            <caption class="visually-hidden">"Alle afdelingen, ingesprongen onder de afdeling waar ze onder vallen"</caption>
            <thead><tr>
                <th scope="col">"Afdeling"</th>
                <th scope="col">"Code"</th>
                <th scope="col">"Actieve medewerkers"</th>
                <th scope="col">"Onderliggende afdelingen"</th>
                <th scope="col"><span class="visually-hidden">"Actie"</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let under = r.parent_name.clone().map(|p| format!(", onder {p}"));
                    let edit = format!("{PATH}?wijzig={}#wijzigen", r.id);
                    view! {
                        <tr id=format!("afdeling-{}", r.id)>
                            <th scope="row" class="dept-name" style=format!("--depth: {}", r.depth)>
                                {r.name.clone()}
                                {under.map(|u| view! { <span class="visually-hidden">{u}</span> })}
                            </th>
                            <td>{r.code.clone().unwrap_or_else(|| "–".into())}</td>
                            <td class="hr-num">{r.active_people}</td>
                            <td class="hr-num">{r.children}</td>
                            <td>
                                <a href=edit>
                                    "Wijzigen"<span class="visually-hidden">{format!(": {}", r.name)}</span>
                                </a>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn EditDepartment(
    row: DeptRow,
    subtree: Vec<i32>,
    options: Vec<DeptOption>,
    actions: Actions,
) -> impl IntoView {
    let refusal = delete_refusal(&row.name, row.people, row.children as u64, row.assignments);
    let delete_label = format!("{} verwijderen", row.name);
    let update_id = row.id.to_string();
    let delete_id = row.id.to_string();
    view! {
        <section aria-labelledby="wijzigen" class="hr-panel">
            <h2 id="wijzigen">{format!("{} wijzigen", row.name)}</h2>
            <p class="hint">{row.path.clone()}</p>
            <FormError message=error_of(move || actions.update.value().get()) id="wijzigen-fout"/>
            <ActionForm action=actions.update>
                <input type="hidden" name="id" value=update_id/>
                <div class="field">
                    <label for="wijzig-naam">"Naam"</label>
                    <input id="wijzig-naam" name="name" type="text" maxlength="120" value=row.name required/>
                </div>
                <div class="field">
                    <label for="wijzig-code">"Code"<span class="hint">" (niet verplicht; moet uniek zijn)"</span></label>
                    <input id="wijzig-code" name="code" type="text" maxlength="40" value=row.code.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="wijzig-boven">"Valt onder"<span class="hint">" (een afdeling kan niet onder zichzelf of haar eigen onderdelen vallen)"</span></label>
                    <DepartmentSelect id="wijzig-boven" name="parent" options none=Some("Niets (hoogste niveau)") selected=row.parent_id exclude=subtree/>
                </div>
                <button type="submit">"Wijzigingen opslaan"</button>
                " "
                <a class="button button-secondary" href=PATH>"Annuleren"</a>
            </ActionForm>
            <h3>"Verwijderen"</h3>
            <FormError message=error_of(move || actions.delete.value().get()) id="verwijderen-fout"/>
            {match refusal {
                Some(why) => view! { <p>{why}</p> }.into_any(),
                None => view! {
                    <p>"Deze afdeling is leeg. Je kunt haar verwijderen; dat kan niet ongedaan worden gemaakt."</p>
                    <ActionForm action=actions.delete>
                        <input type="hidden" name="id" value=delete_id/>
                        <button type="submit" class="button-danger">{delete_label}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

/// Why a department cannot be deleted, in Dutch; `None` when it can. The
/// page shows it instead of the delete button, and the server checks again
/// when asked.
pub fn delete_refusal(name: &str, people: u64, children: u64, assignments: u64) -> Option<String> {
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.replace('#', &n.to_string())
        }
    };
    let mut reasons = Vec::new();
    let mut todo = Vec::new();
    if people > 0 {
        reasons.push(plural(
            people,
            "er hoort nog 1 persoon bij",
            "er horen nog # personen bij",
        ));
        todo.push(plural(
            people,
            "Verplaats die persoon eerst naar een andere afdeling.",
            "Verplaats die personen eerst naar een andere afdeling.",
        ));
    }
    if children > 0 {
        reasons.push(plural(
            children,
            "er valt nog 1 afdeling onder",
            "er vallen nog # afdelingen onder",
        ));
        todo.push("Verplaats of verwijder eerst de onderliggende afdelingen.".to_string());
    }
    if assignments > 0 {
        reasons.push(plural(
            assignments,
            "er is nog 1 verplichte cursus voor ingesteld",
            "er zijn nog # verplichte cursussen voor ingesteld",
        ));
        todo.push(
            "Verwijder eerst de verplichte cursussen van deze afdeling (bij Verplichte cursussen)."
                .to_string(),
        );
    }
    let last = reasons.pop()?;
    let list = if reasons.is_empty() {
        last
    } else {
        format!("{} en {last}", reasons.join(", "))
    };
    Some(format!(
        "{name} kan niet worden verwijderd, want {list}. {}",
        todo.join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_names_every_reason() {
        assert_eq!(delete_refusal("X", 0, 0, 0), None);
        let msg = delete_refusal("Team", 2, 1, 0).unwrap();
        assert_eq!(
            msg,
            "Team kan niet worden verwijderd, want er horen nog 2 personen bij en er valt nog 1 \
             afdeling onder. Verplaats die personen eerst naar een andere afdeling. Verplaats of \
             verwijder eerst de onderliggende afdelingen."
        );
    }

    #[test]
    fn labels_are_indented_by_depth() {
        assert_eq!(indented("Team", 0), "Team");
        assert_eq!(
            indented("Team", 2),
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}Team"
        );
    }
}
