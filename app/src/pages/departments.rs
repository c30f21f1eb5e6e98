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
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
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

/// A select value: empty means "none", otherwise a department id. For the
/// server functions (the refusal is in the requester's language).
#[cfg(feature = "ssr")]
pub fn parse_department(value: Option<&str>) -> Result<Option<i32>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::Invalid(server_text!(departments.choose_from_list))),
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

/// The text for a `?klaar=` key (fixed texts only: nothing from the URL is
/// shown as is).
fn done_message(locale: Locale, key: &str) -> Option<&'static str> {
    let text: &'static str = match key {
        "toegevoegd" => td_string!(locale, departments.done_added),
        "gewijzigd" => td_string!(locale, departments.done_saved),
        "verwijderd" => td_string!(locale, departments.done_deleted),
        "verplaatst" => td_string!(locale, departments.done_moved),
        _ => return None,
    };
    Some(text)
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
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, departments.title)/>
        <h1>{t!(i18n, departments.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map();
    let done = move || {
        query
            .read()
            .get("klaar")
            .and_then(|k| done_message(locale, &k))
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
    let parent_none: &'static str = td_string!(locale, departments.parent_none);
    let no_department: &'static str = td_string!(locale, departments.no_department);
    view! {
        <p class="lead">{t!(i18n, departments.intro)}</p>
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
            <h2 id="boom-kop">{t!(i18n, departments.structure)}</h2>
            {if d.rows.is_empty() {
                view! { <p>{t!(i18n, departments.empty)}</p> }.into_any()
            } else {
                view! { <DepartmentTable rows=d.rows.clone()/> }.into_any()
            }}
        </section>
        <section aria-labelledby="toevoegen-kop">
            <h2 id="toevoegen-kop">{t!(i18n, departments.add)}</h2>
            <FormError message=error_of(move || actions.create.value().get()) id="toevoegen-fout"/>
            <ActionForm action=actions.create>
                <div class="field">
                    <label for="nieuw-naam">{t!(i18n, departments.name)}</label>
                    <input id="nieuw-naam" name="name" type="text" maxlength="120" required/>
                </div>
                <div class="field">
                    <label for="nieuw-code">
                        {t!(i18n, departments.code)}
                        <span class="hint">{format!(" {}", td_string!(locale, departments.code_hint_new))}</span>
                    </label>
                    <input id="nieuw-code" name="code" type="text" maxlength="40"/>
                </div>
                <div class="field">
                    <label for="nieuw-boven">{t!(i18n, departments.parent)}</label>
                    <DepartmentSelect id="nieuw-boven" name="parent" options=add_options none=Some(parent_none)/>
                </div>
                <button type="submit">{t!(i18n, departments.add)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="verplaatsen">
            <h2 id="verplaatsen">{t!(i18n, departments.move_heading)}</h2>
            <p>{t!(i18n, departments.move_intro)}</p>
            <FormError message=error_of(move || actions.move_person.value().get()) id="verplaatsen-fout"/>
            <ActionForm action=actions.move_person>
                <div class="field">
                    <label for="verplaats-persoon">{t!(i18n, departments.person)}</label>
                    <input id="verplaats-persoon" name="person" type="text" autocomplete="off" required/>
                </div>
                <div class="field">
                    <label for="verplaats-afdeling">{t!(i18n, departments.new_department)}</label>
                    <DepartmentSelect id="verplaats-afdeling" name="department" options none=Some(no_department)/>
                </div>
                <button type="submit">{t!(i18n, departments.move_button)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DepartmentTable(rows: Vec<DeptRow>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="hr-table-wrap">
        <table class="dept-tree">
            <caption class="visually-hidden">{t!(i18n, departments.table_caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, departments.col_department)}</th>
                <th scope="col">{t!(i18n, departments.code)}</th>
                <th scope="col">{t!(i18n, departments.col_active)}</th>
                <th scope="col">{t!(i18n, departments.col_children)}</th>
                <th scope="col"><span class="visually-hidden">{t!(i18n, departments.col_action)}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let under = r
                        .parent_name
                        .clone()
                        .map(|parent| td_string!(locale, departments.under, parent).to_string());
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
                                    {t!(i18n, departments.edit)}
                                    <span class="visually-hidden">{format!(": {}", r.name)}</span>
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let refusal = delete_refusal_in(
        locale,
        &row.name,
        row.people,
        row.children as u64,
        row.assignments,
    );
    let delete_label = td_string!(locale, departments.delete_button, name = &row.name).to_string();
    let heading = td_string!(locale, departments.edit_heading, name = &row.name).to_string();
    let parent_none: &'static str = td_string!(locale, departments.parent_none);
    let update_id = row.id.to_string();
    let delete_id = row.id.to_string();
    view! {
        <section aria-labelledby="wijzigen" class="hr-panel">
            <h2 id="wijzigen">{heading}</h2>
            <p class="hint">{row.path.clone()}</p>
            <FormError message=error_of(move || actions.update.value().get()) id="wijzigen-fout"/>
            <ActionForm action=actions.update>
                <input type="hidden" name="id" value=update_id/>
                <div class="field">
                    <label for="wijzig-naam">{t!(i18n, departments.name)}</label>
                    <input id="wijzig-naam" name="name" type="text" maxlength="120" value=row.name required/>
                </div>
                <div class="field">
                    <label for="wijzig-code">
                        {t!(i18n, departments.code)}
                        <span class="hint">{format!(" {}", td_string!(locale, departments.code_hint))}</span>
                    </label>
                    <input id="wijzig-code" name="code" type="text" maxlength="40" value=row.code.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="wijzig-boven">
                        {t!(i18n, departments.parent)}
                        <span class="hint">{format!(" {}", td_string!(locale, departments.parent_hint))}</span>
                    </label>
                    <DepartmentSelect id="wijzig-boven" name="parent" options none=Some(parent_none) selected=row.parent_id exclude=subtree/>
                </div>
                <button type="submit">{t!(i18n, departments.save)}</button>
                " "
                <a class="button button-secondary" href=PATH>{t!(i18n, departments.cancel)}</a>
            </ActionForm>
            <h3>{t!(i18n, departments.delete_heading)}</h3>
            <FormError message=error_of(move || actions.delete.value().get()) id="verwijderen-fout"/>
            {match refusal {
                Some(why) => view! { <p>{why}</p> }.into_any(),
                None => view! {
                    <p>{t!(i18n, departments.delete_empty)}</p>
                    <ActionForm action=actions.delete>
                        <input type="hidden" name="id" value=delete_id/>
                        <button type="submit" class="button-danger">{delete_label}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

/// Why a department cannot be deleted, in `locale`; `None` when it can. The
/// page shows it instead of the delete button, and the server checks again
/// when asked (with [`delete_refusal`]).
pub fn delete_refusal_in(
    locale: Locale,
    name: &str,
    people: u64,
    children: u64,
    assignments: u64,
) -> Option<String> {
    let mut reasons: Vec<String> = Vec::new();
    let mut todo: Vec<&'static str> = Vec::new();
    if people == 1 {
        reasons.push(td_string!(locale, departments.refusal_people_single).to_string());
        todo.push(td_string!(locale, departments.refusal_people_todo_single));
    } else if people > 1 {
        reasons
            .push(td_string!(locale, departments.refusal_people_multiple, n = people).to_string());
        todo.push(td_string!(locale, departments.refusal_people_todo_multiple));
    }
    if children > 0 {
        reasons.push(if children == 1 {
            td_string!(locale, departments.refusal_children_single).to_string()
        } else {
            td_string!(locale, departments.refusal_children_multiple, n = children).to_string()
        });
        todo.push(td_string!(locale, departments.refusal_children_todo));
    }
    if assignments > 0 {
        reasons.push(if assignments == 1 {
            td_string!(locale, departments.refusal_assignments_single).to_string()
        } else {
            td_string!(
                locale,
                departments.refusal_assignments_multiple,
                n = assignments
            )
            .to_string()
        });
        todo.push(td_string!(locale, departments.refusal_assignments_todo));
    }
    let last = reasons.pop()?;
    let reasons = if reasons.is_empty() {
        last
    } else {
        let first = reasons.join(", ");
        td_string!(locale, departments.refusal_and, first, last).to_string()
    };
    let todo = todo.join(" ");
    Some(td_string!(locale, departments.refusal, name, reasons, todo).to_string())
}

/// [`delete_refusal_in`] in the language of the current request (Dutch
/// outside a request): the server's refusal to delete.
#[cfg(feature = "ssr")]
pub fn delete_refusal(name: &str, people: u64, children: u64, assignments: u64) -> Option<String> {
    delete_refusal_in(crate::ssr::locale(), name, people, children, assignments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_names_every_reason() {
        assert_eq!(delete_refusal_in(Locale::nl, "X", 0, 0, 0), None);
        let msg = delete_refusal_in(Locale::nl, "Team", 2, 1, 0).unwrap();
        assert_eq!(
            msg,
            "Team kan niet worden verwijderd, want er horen nog 2 personen bij en er valt nog 1 \
             afdeling onder. Verplaats die personen eerst naar een andere afdeling. Verplaats of \
             verwijder eerst de onderliggende afdelingen."
        );
        let msg = delete_refusal_in(Locale::nl, "Team", 1, 0, 3).unwrap();
        assert_eq!(
            msg,
            "Team kan niet worden verwijderd, want er hoort nog 1 persoon bij en er zijn nog 3 \
             verplichte cursussen voor ingesteld. Verplaats die persoon eerst naar een andere \
             afdeling. Verwijder eerst de verplichte cursussen van deze afdeling (bij Verplichte \
             cursussen)."
        );
    }

    #[test]
    fn refusal_in_english() {
        assert_eq!(delete_refusal_in(Locale::en, "X", 0, 0, 0), None);
        let msg = delete_refusal_in(Locale::en, "Team", 2, 1, 1).unwrap();
        assert_eq!(
            msg,
            "Team cannot be deleted, because 2 people still belong to it, 1 department still \
             falls under it and 1 mandatory course is still set for it. First move those people \
             to another department. First move or delete the departments under it. First remove \
             the mandatory courses of this department (under Mandatory courses)."
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn refusal_outside_a_request_is_dutch() {
        assert_eq!(
            delete_refusal("Team", 0, 0, 1).unwrap(),
            "Team kan niet worden verwijderd, want er is nog 1 verplichte cursus voor ingesteld. \
             Verwijder eerst de verplichte cursussen van deze afdeling (bij Verplichte cursussen)."
        );
    }

    #[test]
    fn done_messages_in_both_languages() {
        assert_eq!(
            done_message(Locale::nl, "toegevoegd"),
            Some("De afdeling is toegevoegd.")
        );
        assert_eq!(
            done_message(Locale::en, "verwijderd"),
            Some("The department has been deleted.")
        );
        assert_eq!(done_message(Locale::en, "iets"), None);
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
