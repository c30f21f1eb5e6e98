//! Employee import (role `admin`): upload an HR export, see what it would
//! change, then apply it all-or-nothing. See `docs/hr-import.md`.
//!
//! The flow works without JavaScript:
//!
//! 1. The upload form is a plain multipart POST to `/beheer/import/upload`
//!    (`server::import_upload`), which keeps the file for a while and
//!    redirects to `/beheer/import?voorbeeld=TOKEN`.
//! 2. This page, with `voorbeeld`, plans the file again against the current
//!    database and shows the preview: counts, every problem with its line
//!    and column, warnings and the changes. Problems travel as codes and
//!    are put into words here, in the page's language (`words::problem`).
//! 3. "Import uitvoeren" (an `ActionForm`) applies it in one transaction and
//!    redirects to `/beheer/import?klaar=1&…` with the counts.
//!

use super::api::{import_overview, ApplyImport};
use super::types::{ImportPreview, ImportState, ImportSummary, ProblemLine};
use super::words;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ImportPage() -> impl IntoView {
    let apply = ServerAction::<ApplyImport>::new();
    let query = use_query_map();
    let data = Resource::new(
        move || (query.read().get("voorbeeld"), apply.version().get()),
        |(token, _)| import_overview(token),
    );
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, import.title)/>
        <h1>{t!(i18n, import.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(state) => view! { <ImportBody state apply/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportBody(state: ImportState, apply: ServerAction<ApplyImport>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map();
    let number = move |key: &str| -> usize {
        query
            .read_untracked()
            .get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let done = query
        .read_untracked()
        .get("klaar")
        .is_some()
        .then(|| ImportSummary {
            departments_created: number("afdelingen"),
            created: number("nieuw"),
            updated: number("bijgewerkt"),
            deactivated: number("inactief"),
            unchanged: number("ongewijzigd"),
            skipped_inactive: number("overgeslagen"),
        });
    let upload_error = query
        .read_untracked()
        .get("fout")
        .map(|code| words::upload_error_message_in(locale, &code));
    let apply_error = move || apply.value().get().and_then(|r| r.err());
    let has_preview = matches!(state, ImportState::Ready { .. });
    view! {
        {done.map(|s| view! {
            <div class="notice" role="status">
                <p><strong>{t!(i18n, import.done)}</strong></p>
                <ul>{words::sentences_in(&s, locale).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <p><a href="/beheer#accounts">{t!(i18n, import.view_accounts)}</a></p>
            </div>
        })}
        {upload_error.map(|m| view! { <div class="notice-error" role="alert"><p>{m}</p></div> })}
        {move || apply_error().map(|e| view! {
            <div class="notice-error" role="alert"><p>{e.message(locale)}</p></div>
        })}
        {match state {
            ImportState::Ready { token, preview } => view! { <Preview token preview=*preview apply/> }.into_any(),
            ImportState::Expired => view! {
                <div class="notice-error" role="alert">
                    <p>{t!(i18n, import.expired)}</p>
                </div>
            }.into_any(),
            ImportState::NoUpload => ().into_any(),
        }}
        <UploadForm again=has_preview/>
    }
}

#[component]
fn UploadForm(again: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading: &'static str = if again {
        td_string!(locale, import.upload_again)
    } else {
        td_string!(locale, import.upload_choose)
    };
    view! {
        <section aria-labelledby="upload-kop">
            <h2 id="upload-kop">{heading}</h2>
            {(!again).then(|| view! {
                <p class="lead">{t!(i18n, import.upload_intro)}</p>
            })}
            <form method="post" action="/beheer/import/upload" enctype="multipart/form-data">
                <div class="field">
                    <label for="import-bestand">
                        {t!(i18n, import.csv_file)}
                        <span class="hint">{format!(" {}", td_string!(locale, import.csv_hint))}</span>
                    </label>
                    <input id="import-bestand" name="bestand" type="file" accept=".csv,.txt" required/>
                </div>
                <div class="field option">
                    <input id="import-deactiveren" name="deactiveren" type="checkbox" value="ja"/>
                    <label for="import-deactiveren">{t!(i18n, import.deactivate_option)}</label>
                </div>
                <button type="submit">{t!(i18n, import.check_file)}</button>
            </form>
        </section>
    }
}

fn column_text(locale: Locale, column: &Option<String>) -> String {
    column
        .clone()
        .unwrap_or_else(|| td_string!(locale, import.whole_line).to_string())
}

#[component]
fn ProblemTable(caption: String, rows: Vec<ProblemLine>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, import.col_line)}</th>
                <th scope="col">{t!(i18n, import.col_column)}</th>
                <th scope="col">{t!(i18n, import.col_reason)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|p| view! {
                    <tr><td>{p.line}</td><td>{column_text(locale, &p.column)}</td><td>{words::problem(locale, &p.problem)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Preview(
    token: String,
    preview: ImportPreview,
    apply: ServerAction<ApplyImport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let c = preview.counts.clone();
    let applicable = preview.applicable();
    let nothing = preview.changes_nothing();
    let problem_count = preview.problems.len();
    let heading = td_string!(locale, import.preview_heading, file = &preview.file_name).to_string();
    let in_file = words::counted!(locale, preview.rows, in_file_single, in_file_multiple);
    let read_as = preview
        .read_as
        .map(|how| {
            let how = words::read_as(locale, &how);
            format!(" {}", td_string!(locale, import.read_as, how))
        })
        .unwrap_or_default();
    let missing: &'static str = if preview.deactivate_missing {
        td_string!(locale, import.deactivate_yes)
    } else {
        td_string!(locale, import.deactivate_no)
    };
    let missing = format!(" {missing}");
    let has_errors = words::counted!(
        locale,
        problem_count,
        has_errors_single,
        has_errors_multiple
    );
    let errors_caption = td_string!(locale, import.errors_caption, n = problem_count).to_string();
    let warnings_caption =
        td_string!(locale, import.warnings_caption, n = preview.warnings.len()).to_string();
    view! {
        <section aria-labelledby="voorbeeld-kop">
            <h2 id="voorbeeld-kop">{heading}</h2>
            <p>
                {in_file}
                {read_as}
                {missing}
            </p>
            {(!applicable).then(|| view! {
                <div class="notice-error" role="alert">
                    <p><strong>{has_errors}</strong></p>
                    <p>{t!(i18n, import.fix_hint)}</p>
                </div>
                <ProblemTable caption=errors_caption rows=preview.problems.clone()/>
            })}
            {applicable.then(|| view! {
                <table>
                    <caption>{t!(i18n, import.summary)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, import.col_what)}</th>
                        <th scope="col">{t!(i18n, import.col_count)}</th>
                    </tr></thead>
                    <tbody>
                        <tr><td>{t!(i18n, import.sum_new)}</td><td>{c.create}</td></tr>
                        <tr><td>{t!(i18n, import.sum_changed)}</td><td>{c.update}</td></tr>
                        <tr><td>{t!(i18n, import.sum_unchanged)}</td><td>{c.unchanged}</td></tr>
                        <tr><td>{t!(i18n, import.sum_skipped)}</td><td>{c.skipped_inactive}</td></tr>
                        <tr><td>{t!(i18n, import.sum_deactivate)}</td><td>{c.deactivate}</td></tr>
                        <tr><td>{t!(i18n, import.sum_new_departments)}</td><td>{c.new_departments}</td></tr>
                    </tbody>
                </table>
            })}
            {(!preview.warnings.is_empty()).then(|| view! {
                <ProblemTable caption=warnings_caption rows=preview.warnings.clone()/>
            })}
            {applicable.then(|| view! { <Changes preview=preview.clone()/> })}
            {(applicable && nothing).then(|| view! {
                <p class="notice">{t!(i18n, import.nothing_changes)}</p>
            })}
            {(applicable && !nothing).then(|| view! {
                <ActionForm action=apply>
                    <input type="hidden" name="token" value=token/>
                    <p>{t!(i18n, import.apply_hint)}</p>
                    <button type="submit">{t!(i18n, import.apply_button)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Changes(preview: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let new_departments_caption = td_string!(
        locale,
        import.new_departments_caption,
        n = preview.new_departments.len()
    )
    .to_string();
    let new_people_caption =
        td_string!(locale, import.new_people_caption, n = preview.creates.len()).to_string();
    let updates_caption =
        td_string!(locale, import.updates_caption, n = preview.updates.len()).to_string();
    let deactivations_caption = td_string!(
        locale,
        import.deactivations_caption,
        n = preview.deactivations.len()
    )
    .to_string();
    view! {
        {(!preview.new_departments.is_empty()).then(|| view! {
            <table>
                <caption>{new_departments_caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, import.col_code)}</th>
                    <th scope="col">{t!(i18n, import.col_name)}</th>
                    <th scope="col">{t!(i18n, import.col_parent)}</th>
                </tr></thead>
                <tbody>
                    {preview.new_departments.into_iter().map(|d| view! {
                        <tr><td>{d.code}</td><td>{d.name}</td><td>{d.parent_code.unwrap_or_else(|| "–".into())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!preview.creates.is_empty()).then(|| view! {
            <table>
                <caption>{new_people_caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, import.col_line)}</th>
                    <th scope="col">{t!(i18n, import.col_employee_number)}</th>
                    <th scope="col">{t!(i18n, import.col_name)}</th>
                    <th scope="col">{t!(i18n, import.col_email)}</th>
                    <th scope="col">{t!(i18n, import.col_department)}</th>
                    <th scope="col">{t!(i18n, import.col_roles)}</th>
                </tr></thead>
                <tbody>
                    {preview.creates.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.line}</td><td>{p.employee_number}</td><td>{p.name}</td>
                            <td>{p.email}</td><td>{p.department_code}</td><td>{words::roles(locale, &p.roles)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!preview.updates.is_empty()).then(|| view! {
            <table>
                <caption>{updates_caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, import.col_line)}</th>
                    <th scope="col">{t!(i18n, import.col_employee_number)}</th>
                    <th scope="col">{t!(i18n, import.col_name)}</th>
                    <th scope="col">{t!(i18n, import.col_changes)}</th>
                </tr></thead>
                <tbody>
                    {preview.updates.into_iter().map(|u| view! {
                        <tr>
                            <td>{u.line}</td><td>{u.employee_number}</td><td>{u.name}</td>
                            <td><ul>{u.changes.into_iter().map(|c| view! {
                                <li>{format!(
                                    "{}: {} → {}",
                                    words::field_name(locale, c.field),
                                    shown(locale, &words::change_value(locale, c.field, &c.from)),
                                    shown(locale, &words::change_value(locale, c.field, &c.to))
                                )}</li>
                            }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!preview.deactivations.is_empty()).then(|| view! {
            <table>
                <caption>{deactivations_caption}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, import.col_employee_number)}</th>
                    <th scope="col">{t!(i18n, import.col_name)}</th>
                </tr></thead>
                <tbody>
                    {preview.deactivations.into_iter().map(|d| view! {
                        <tr><td>{d.employee_number}</td><td>{d.name}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// An old or new value in the changes list: `(leeg)` for none.
fn shown(locale: Locale, value: &str) -> String {
    if value.is_empty() {
        td_string!(locale, import.empty_value).to_string()
    } else {
        format!("\"{value}\"")
    }
}
