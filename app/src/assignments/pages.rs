//! Mandatory training (roles `hr` and `admin`): assign a course to a
//! department (with or without its sub-departments) or to one person, with a
//! due date; see and remove the current assignments.
//!
//! Plain POST forms (`ActionForm`) that work without JavaScript: success
//! redirects back with `?klaar=`, a refusal comes back in the URL (`__err`)
//! and is shown beside its form.

use super::api::{assignments_overview, CreateAssignment, DeleteAssignment};
use super::types::{AssignmentRow, AssignmentsView};
use super::words::{self, done_message};
use crate::components::done_notice::DoneNotice;
use crate::components::forms::{error_of, DepartmentSelect, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

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
        <Title text=t_string!(i18n, assignments.title)/>
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let no_courses = d.courses.is_empty();
    view! {
        <p class="lead">{t!(i18n, assignments.lead)}</p>
        <DoneNotice text=done_message/>
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
                            <input id="verplicht-datum" name="due" type="date" min=d.today.to_string() required/>
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
                    let target = words::assigned_to(locale, &a.assigned_to);
                    let label = format!(
                        ": {}",
                        td_string!(locale, assignments.delete_which, course = &a.course_title, target = &target)
                    );
                    let kind = if a.assigned_to.is_person() {
                        td_string!(locale, assignments.person)
                    } else {
                        td_string!(locale, assignments.department)
                    };
                    view! {
                        <tr>
                            <td>{a.course_title.clone()}</td>
                            <td>
                                {format!("{kind}: ")}
                                {target}
                            </td>
                            <td>
                                {crate::language::date_text(a.due_on)}
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
