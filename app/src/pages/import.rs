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
//!    and column, warnings and the changes.
//! 3. "Import uitvoeren" (an `ActionForm`) applies it in one transaction and
//!    redirects to `/beheer/import?klaar=1&…` with the counts.
//!
//! The preview types below are shared with the browser; the server side is
//! `crate::ssr::import`.

use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The text for a count in `locale`: the `single` key for 1, the `multiple`
/// key (with `n`) for any other number.
macro_rules! counted {
    ($locale:expr, $n:expr, $single:ident, $multiple:ident) => {{
        let n = $n;
        if n == 1 {
            td_string!($locale, import.$single).to_string()
        } else {
            td_string!($locale, import.$multiple, n).to_string()
        }
    }};
}

/// One problem or warning, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemLine {
    /// 1-based line in the file; the header is line 1.
    pub line: usize,
    /// The column's header as the file spells it; `None` for the whole line.
    pub column: Option<String>,
    pub message: String,
}

/// How many of each kind of change the file means.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewCounts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub skipped_inactive: usize,
    pub deactivate: usize,
    pub new_departments: usize,
}

/// A person the import creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPerson {
    pub line: usize,
    pub employee_number: String,
    pub name: String,
    pub email: String,
    pub department_code: String,
    /// Dutch role names (`medewerker`, `leidinggevende`, …).
    pub roles: Vec<String>,
}

/// One changed field of a person: Dutch label, old and new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// An existing person the import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonUpdate {
    pub line: usize,
    pub employee_number: String,
    pub name: String,
    pub changes: Vec<ChangeLine>,
}

/// A person the import sets to inactive (not in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeactivatedPerson {
    pub employee_number: String,
    pub name: String,
}

/// A department the import creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDepartment {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
}

/// What a file would change, as of now. With problems nothing can be
/// applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub file_name: String,
    pub deactivate_missing: bool,
    /// How the file was read (`UTF-8, puntkomma`), when it could be read.
    pub read_as: Option<String>,
    /// Employees in the file (0 when it could not be read).
    pub rows: usize,
    pub counts: PreviewCounts,
    /// Blocking, in line order.
    pub problems: Vec<ProblemLine>,
    pub warnings: Vec<ProblemLine>,
    pub creates: Vec<NewPerson>,
    pub updates: Vec<PersonUpdate>,
    pub deactivations: Vec<DeactivatedPerson>,
    pub new_departments: Vec<NewDepartment>,
}

impl ImportPreview {
    /// Whether "Import uitvoeren" may be offered: no problems.
    pub fn applicable(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether applying would write nothing.
    pub fn changes_nothing(&self) -> bool {
        self.creates.is_empty()
            && self.updates.is_empty()
            && self.deactivations.is_empty()
            && self.new_departments.is_empty()
    }
}

/// What an applied import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub departments_created: usize,
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub unchanged: usize,
    pub skipped_inactive: usize,
}

impl ImportSummary {
    /// The query string of the page after applying (`klaar=1&nieuw=…`).
    pub fn to_query(&self) -> String {
        format!(
            "klaar=1&afdelingen={}&nieuw={}&bijgewerkt={}&inactief={}&ongewijzigd={}&overgeslagen={}",
            self.departments_created,
            self.created,
            self.updated,
            self.deactivated,
            self.unchanged,
            self.skipped_inactive
        )
    }

    /// One Dutch sentence per kind of change, for the CLI.
    pub fn sentences(&self) -> Vec<String> {
        self.sentences_in(Locale::nl)
    }

    /// One sentence per kind of change in `locale`, for the page.
    pub fn sentences_in(&self, locale: Locale) -> Vec<String> {
        let mut out = vec![
            counted!(locale, self.created, created_single, created_multiple),
            counted!(locale, self.updated, updated_single, updated_multiple),
        ];
        if self.deactivated > 0 {
            out.push(counted!(
                locale,
                self.deactivated,
                deactivated_single,
                deactivated_multiple
            ));
        }
        if self.departments_created > 0 {
            out.push(counted!(
                locale,
                self.departments_created,
                departments_created_single,
                departments_created_multiple
            ));
        }
        if self.unchanged > 0 {
            out.push(counted!(
                locale,
                self.unchanged,
                unchanged_single,
                unchanged_multiple
            ));
        }
        if self.skipped_inactive > 0 {
            out.push(counted!(
                locale,
                self.skipped_inactive,
                skipped_single,
                skipped_multiple
            ));
        }
        out
    }
}

/// `1 medewerker`, `3 medewerkers`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Why an upload was sent back (`?fout=`), in Dutch.
pub fn upload_error_message(code: &str) -> &'static str {
    upload_error_message_in(Locale::nl, code)
}

/// Why an upload was sent back (`?fout=`), in `locale`.
pub fn upload_error_message_in(locale: Locale, code: &str) -> &'static str {
    match code {
        "te-groot" => td_string!(locale, import.upload_too_big),
        "geen-bestand" => td_string!(locale, import.upload_no_file),
        _ => td_string!(locale, import.upload_failed),
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportState {
    /// No file uploaded (or no `voorbeeld` in the address).
    NoUpload,
    /// The `voorbeeld` token is unknown: expired, already applied, or
    /// somebody else's.
    Expired,
    /// The preview of the uploaded file, as of now.
    Ready {
        token: String,
        preview: Box<ImportPreview>,
    },
}

#[server(endpoint = "import_overview")]
pub async fn import_overview(token: Option<String>) -> Result<ImportState, AppError> {
    use crate::auth::Role;
    use crate::ssr::{import, session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(ImportState::NoUpload);
    };
    let Some(pending) = import::pending(&token, user.id) else {
        return Ok(ImportState::Expired);
    };
    let preview = import::preview(
        &state.db,
        pending.bytes.clone(),
        &pending.file_name,
        pending.deactivate_missing,
    )
    .await?;
    Ok(ImportState::Ready {
        token,
        preview: Box::new(preview),
    })
}

#[server(endpoint = "import_apply")]
pub async fn apply_import(token: String) -> Result<(), AppError> {
    use crate::auth::Role;
    use crate::ssr::{import, session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let summary = import::apply_pending(&state, &token, user.id).await?;
    leptos_axum::redirect(&format!("/beheer/import?{}", summary.to_query()));
    Ok(())
}

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
        <Title text=move || t_string!(i18n, import.title)/>
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
        .map(|code| upload_error_message_in(locale, &code));
    let apply_error = move || apply.value().get().and_then(|r| r.err());
    let has_preview = matches!(state, ImportState::Ready { .. });
    view! {
        {done.map(|s| view! {
            <div class="notice" role="status">
                <p><strong>{t!(i18n, import.done)}</strong></p>
                <ul>{s.sentences_in(locale).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
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
                    <tr><td>{p.line}</td><td>{column_text(locale, &p.column)}</td><td>{p.message}</td></tr>
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
    let in_file = counted!(locale, preview.rows, in_file_single, in_file_multiple);
    let read_as = preview
        .read_as
        .clone()
        .map(|how| format!(" {}", td_string!(locale, import.read_as, how)))
        .unwrap_or_default();
    let missing: &'static str = if preview.deactivate_missing {
        td_string!(locale, import.deactivate_yes)
    } else {
        td_string!(locale, import.deactivate_no)
    };
    let missing = format!(" {missing}");
    let has_errors = counted!(
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
                            <td>{p.email}</td><td>{p.department_code}</td><td>{p.roles.join(", ")}</td>
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
                                <li>{format!("{}: {} → {}", c.field, shown(locale, &c.from), shown(locale, &c.to))}</li>
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

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> ImportSummary {
        ImportSummary {
            departments_created: 1,
            created: 4,
            updated: 0,
            deactivated: 1,
            unchanged: 2,
            skipped_inactive: 1,
        }
    }

    #[test]
    fn sentences_in_dutch() {
        assert_eq!(
            summary().sentences(),
            vec![
                "4 medewerkers toegevoegd.",
                "0 medewerkers bijgewerkt.",
                "1 medewerker op inactief gezet.",
                "1 afdeling toegevoegd.",
                "2 medewerkers stonden al goed in het platform.",
                "1 medewerker niet aangemaakt, omdat ze niet (meer) in dienst zijn.",
            ]
        );
        assert_eq!(summary().sentences_in(Locale::nl), summary().sentences());
    }

    #[test]
    fn sentences_in_english() {
        assert_eq!(
            summary().sentences_in(Locale::en),
            vec![
                "4 employees added.",
                "0 employees updated.",
                "1 employee set to inactive.",
                "1 department added.",
                "2 employees were already correct in the platform.",
                "1 employee not created, because they are not (or no longer) employed.",
            ]
        );
    }

    #[test]
    fn plural_counts() {
        assert_eq!(plural(1, "fout", "fouten"), "1 fout");
        assert_eq!(plural(3, "fout", "fouten"), "3 fouten");
    }

    #[test]
    fn upload_errors_in_both_languages() {
        assert!(upload_error_message("te-groot").starts_with("Het bestand is groter dan 10 MB."));
        assert_eq!(
            upload_error_message_in(Locale::en, "geen-bestand"),
            "First choose a file, then click \"Check file\"."
        );
        assert_eq!(
            upload_error_message("iets"),
            "Het bestand kon niet worden ontvangen. Probeer het opnieuw."
        );
    }
}
