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
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

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

    /// One Dutch sentence per kind of change, for the page and the CLI.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = vec![
            format!(
                "{} toegevoegd.",
                plural(self.created, "medewerker", "medewerkers")
            ),
            format!(
                "{} bijgewerkt.",
                plural(self.updated, "medewerker", "medewerkers")
            ),
        ];
        if self.deactivated > 0 {
            out.push(format!(
                "{} op inactief gezet.",
                plural(self.deactivated, "medewerker", "medewerkers")
            ));
        }
        if self.departments_created > 0 {
            out.push(format!(
                "{} toegevoegd.",
                plural(self.departments_created, "afdeling", "afdelingen")
            ));
        }
        if self.unchanged > 0 {
            out.push(if self.unchanged == 1 {
                "1 medewerker stond al goed in het platform.".to_string()
            } else {
                format!(
                    "{} medewerkers stonden al goed in het platform.",
                    self.unchanged
                )
            });
        }
        if self.skipped_inactive > 0 {
            out.push(format!(
                "{} niet aangemaakt, omdat ze niet (meer) in dienst zijn.",
                plural(self.skipped_inactive, "medewerker", "medewerkers")
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
    match code {
        "te-groot" => {
            "Het bestand is groter dan 10 MB. Een export van medewerkers is meestal veel kleiner: \
             controleer of u het goede bestand kiest, en sla het op als CSV."
        }
        "geen-bestand" => "Kies eerst een bestand en klik dan op \"Bestand controleren\".",
        _ => "Het bestand kon niet worden ontvangen. Probeer het opnieuw.",
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
    view! {
        <Title text="Medewerkers importeren"/>
        <h1>"Medewerkers importeren"</h1>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(state) => view! { <ImportBody state apply/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportBody(state: ImportState, apply: ServerAction<ApplyImport>) -> impl IntoView {
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
        .map(|code| upload_error_message(&code));
    let apply_error = move || apply.value().get().and_then(|r| r.err());
    let has_preview = matches!(state, ImportState::Ready { .. });
    view! {
        {done.map(|s| view! {
            <div class="notice" role="status">
                <p><strong>"De import is uitgevoerd."</strong></p>
                <ul>{s.sentences().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <p><a href="/beheer#accounts">"Bekijk de accounts"</a></p>
            </div>
        })}
        {upload_error.map(|m| view! { <div class="notice-error" role="alert"><p>{m}</p></div> })}
        {move || apply_error().map(|e| view! {
            <div class="notice-error" role="alert"><p>{e.message(crate::i18n::use_i18n().get_locale_untracked())}</p></div>
        })}
        {match state {
            ImportState::Ready { token, preview } => view! { <Preview token preview=*preview apply/> }.into_any(),
            ImportState::Expired => view! {
                <div class="notice-error" role="alert">
                    <p>"Dit voorbeeld bestaat niet meer. Een voorbeeld blijft 30 minuten bewaard en verdwijnt als de import is uitgevoerd. Upload het bestand opnieuw."</p>
                </div>
            }.into_any(),
            ImportState::NoUpload => ().into_any(),
        }}
        <UploadForm again=has_preview/>
    }
}

#[component]
fn UploadForm(again: bool) -> impl IntoView {
    let heading = if again {
        "Een ander bestand controleren"
    } else {
        "Bestand kiezen"
    };
    view! {
        <section aria-labelledby="upload-kop">
            <h2 id="upload-kop">{heading}</h2>
            {(!again).then(|| view! {
                <p class="lead">"Upload de export van medewerkers uit het HR-systeem (een CSV-bestand). U ziet eerst wat er verandert; pas als u op \"Import uitvoeren\" klikt, wordt alles in één keer doorgevoerd."</p>
            })}
            <form method="post" action="/beheer/import/upload" enctype="multipart/form-data">
                <div class="field">
                    <label for="import-bestand">
                        "CSV-bestand"
                        <span class="hint">" (opgeslagen als CSV of CSV UTF-8, hoogstens 10 MB)"</span>
                    </label>
                    <input id="import-bestand" name="bestand" type="file" accept=".csv,.txt" required/>
                </div>
                <div class="field option">
                    <input id="import-deactiveren" name="deactiveren" type="checkbox" value="ja"/>
                    <label for="import-deactiveren">"Medewerkers die niet in het bestand staan op inactief zetten"</label>
                </div>
                <button type="submit">"Bestand controleren"</button>
            </form>
        </section>
    }
}

fn column_text(column: &Option<String>) -> String {
    column.clone().unwrap_or_else(|| "(hele regel)".into())
}

#[component]
fn ProblemTable(caption: String, rows: Vec<ProblemLine>) -> impl IntoView {
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"Regel"</th><th scope="col">"Kolom"</th><th scope="col">"Reden"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|p| view! {
                    <tr><td>{p.line}</td><td>{column_text(&p.column)}</td><td>{p.message}</td></tr>
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
    let c = preview.counts.clone();
    let applicable = preview.applicable();
    let nothing = preview.changes_nothing();
    let problem_count = preview.problems.len();
    let read_as = preview
        .read_as
        .clone()
        .map(|r| format!(" Gelezen als {r}."))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="voorbeeld-kop">
            <h2 id="voorbeeld-kop">{format!("Voorbeeld: {}", preview.file_name)}</h2>
            <p>
                {format!("{} in het bestand.", plural(preview.rows, "medewerker", "medewerkers"))}
                {read_as}
                {if preview.deactivate_missing {
                    " Medewerkers die niet in het bestand staan, worden op inactief gezet."
                } else {
                    " Medewerkers die niet in het bestand staan, blijven zoals ze zijn."
                }}
            </p>
            {(!applicable).then(|| view! {
                <div class="notice-error" role="alert">
                    <p><strong>{format!(
                        "Het bestand heeft {}. Er wordt niets geïmporteerd.",
                        plural(problem_count, "fout", "fouten"),
                    )}</strong></p>
                    <p>"Pas het bestand aan in het HR-systeem of in Excel (de tabel hieronder zegt per regel en kolom wat er mis is), sla het op als CSV en upload het opnieuw."</p>
                </div>
                <ProblemTable
                    caption=format!("Fouten in het bestand ({problem_count})")
                    rows=preview.problems.clone()
                />
            })}
            {applicable.then(|| view! {
                <table>
                    <caption>"Samenvatting"</caption>
                    <thead><tr><th scope="col">"Wat"</th><th scope="col">"Aantal"</th></tr></thead>
                    <tbody>
                        <tr><td>"Nieuwe medewerkers"</td><td>{c.create}</td></tr>
                        <tr><td>"Medewerkers met wijzigingen"</td><td>{c.update}</td></tr>
                        <tr><td>"Medewerkers zonder wijzigingen"</td><td>{c.unchanged}</td></tr>
                        <tr><td>"Niet aangemaakt (niet meer in dienst)"</td><td>{c.skipped_inactive}</td></tr>
                        <tr><td>"Op inactief zetten"</td><td>{c.deactivate}</td></tr>
                        <tr><td>"Nieuwe afdelingen"</td><td>{c.new_departments}</td></tr>
                    </tbody>
                </table>
            })}
            {(!preview.warnings.is_empty()).then(|| view! {
                <ProblemTable
                    caption=format!("Let op ({}): dit houdt de import niet tegen", preview.warnings.len())
                    rows=preview.warnings.clone()
                />
            })}
            {applicable.then(|| view! { <Changes preview=preview.clone()/> })}
            {(applicable && nothing).then(|| view! {
                <p class="notice">"Het bestand verandert niets: alle medewerkers staan al goed in het platform."</p>
            })}
            {(applicable && !nothing).then(|| view! {
                <ActionForm action=apply>
                    <input type="hidden" name="token" value=token/>
                    <p>"Alles hierboven wordt in één keer doorgevoerd. Gaat er iets mis, dan wordt er niets veranderd."</p>
                    <button type="submit">"Import uitvoeren"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Changes(preview: ImportPreview) -> impl IntoView {
    view! {
        {(!preview.new_departments.is_empty()).then(|| view! {
            <table>
                <caption>{format!("Nieuwe afdelingen ({})", preview.new_departments.len())}</caption>
                <thead><tr>
                    <th scope="col">"Code"</th><th scope="col">"Naam"</th><th scope="col">"Valt onder"</th>
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
                <caption>{format!("Nieuwe medewerkers ({})", preview.creates.len())}</caption>
                <thead><tr>
                    <th scope="col">"Regel"</th><th scope="col">"Personeelsnummer"</th><th scope="col">"Naam"</th>
                    <th scope="col">"E-mailadres"</th><th scope="col">"Afdeling"</th><th scope="col">"Rollen"</th>
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
                <caption>{format!("Medewerkers met wijzigingen ({})", preview.updates.len())}</caption>
                <thead><tr>
                    <th scope="col">"Regel"</th><th scope="col">"Personeelsnummer"</th><th scope="col">"Naam"</th>
                    <th scope="col">"Wijzigingen"</th>
                </tr></thead>
                <tbody>
                    {preview.updates.into_iter().map(|u| view! {
                        <tr>
                            <td>{u.line}</td><td>{u.employee_number}</td><td>{u.name}</td>
                            <td><ul>{u.changes.into_iter().map(|c| view! {
                                <li>{format!("{}: {} → {}", c.field, shown(&c.from), shown(&c.to))}</li>
                            }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!preview.deactivations.is_empty()).then(|| view! {
            <table>
                <caption>{format!("Op inactief zetten: niet in het bestand ({})", preview.deactivations.len())}</caption>
                <thead><tr><th scope="col">"Personeelsnummer"</th><th scope="col">"Naam"</th></tr></thead>
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
fn shown(value: &str) -> String {
    if value.is_empty() {
        "(leeg)".into()
    } else {
        format!("\"{value}\"")
    }
}
