//! The department page (role `admin`): the tree with its figures, and forms
//! to add, change (name, code, place in the tree) and delete a department,
//! and to move a person to another department.
//!
//! Every form is a plain POST (`ActionForm`) that works without JavaScript:
//! the server redirects back to this page with a short success message in
//! `?klaar=`; a refusal comes back in the URL (`__err`) and is shown beside
//! its form. Changing one department is a separate view of the same page
//! (`?wijzig=<id>`), so the page stays light for a large organisation.

use super::api::departments_overview;
use super::api::{CreateDepartment, DeleteDepartment, MoveUser, UpdateDepartment};
use super::types::delete_blocked;
use super::types::{DepartmentsView, DeptOption, DeptRow};
use super::words::{done_message, refusal};
use super::PATH;
use crate::components::done_notice::DoneNotice;
use crate::components::forms::{error_of, DepartmentSelect, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
        <Title text=t_string!(i18n, departments.title)/>
        <h1>{t!(i18n, departments.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DepartmentsBody d actions/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
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
        <DoneNotice text=done_message/>
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
                    <input id="nieuw-naam" name="name" type="text" maxlength=domain::hr_import::MAX_NAME_CHARS required/>
                </div>
                <div class="field">
                    <label for="nieuw-code">
                        {t!(i18n, departments.code)}
                        <span class="hint">{format!(" {}", td_string!(locale, departments.code_hint_new))}</span>
                    </label>
                    <input id="nieuw-code" name="code" type="text" maxlength=domain::hr_import::MAX_CODE_CHARS/>
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
    let refusal = delete_blocked(&row.name, row.people, row.children as u64, row.assignments)
        .map(|r| refusal(locale, &r));
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
                    <input id="wijzig-naam" name="name" type="text" maxlength=domain::hr_import::MAX_NAME_CHARS value=row.name required/>
                </div>
                <div class="field">
                    <label for="wijzig-code">
                        {t!(i18n, departments.code)}
                        <span class="hint">{format!(" {}", td_string!(locale, departments.code_hint))}</span>
                    </label>
                    <input id="wijzig-code" name="code" type="text" maxlength=domain::hr_import::MAX_CODE_CHARS value=row.code.clone().unwrap_or_default()/>
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
