//! Administration (role `admin`): the content's state with a reload button
//! whose errors are shown here, and the accounts with a form to add one.

use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub name: String,
    pub email: String,
    pub department: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentOption {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub content_loaded_at: String,
    pub courses: usize,
    pub modules: usize,
    pub warnings: Vec<String>,
    /// Errors of the last reload that was rejected (the previous content stays live).
    pub reload_errors: Vec<String>,
    pub accounts: Vec<AccountRow>,
    pub departments: Vec<DepartmentOption>,
}

#[server(endpoint = "admin_overview")]
pub async fn admin_overview() -> Result<AdminView, AppError> {
    use crate::ssr::entities::{departments, user_roles, users};
    use crate::ssr::{session, AppState};
    use sea_orm::{EntityTrait, QueryOrder};
    use std::collections::HashMap;
    session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let depts = departments::Entity::find()
        .order_by_asc(departments::Column::Name)
        .all(&state.db)
        .await?;
    let dept_names: HashMap<i32, String> = depts.iter().map(|d| (d.id, d.name.clone())).collect();
    let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
    for r in user_roles::Entity::find().all(&state.db).await? {
        if let Ok(role) = r.role.parse() {
            roles.entry(r.user_id).or_default().push(role);
        }
    }
    let accounts = users::Entity::find()
        .order_by_asc(users::Column::DisplayName)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| AccountRow {
            department: u.department_id.and_then(|d| dept_names.get(&d).cloned()),
            roles: roles.remove(&u.id).unwrap_or_default(),
            name: u.display_name,
            email: u.email,
            active: u.active,
        })
        .collect();
    Ok(AdminView {
        content_loaded_at: index.loaded_at.format("%d-%m-%Y %H:%M:%S UTC").to_string(),
        courses: index.catalog.courses.len(),
        modules: index.catalog.module_count(),
        warnings: index.warnings.iter().map(|d| d.to_string()).collect(),
        reload_errors: state
            .content
            .last_errors()
            .iter()
            .map(|d| d.to_string())
            .collect(),
        accounts,
        departments: depts
            .into_iter()
            .map(|d| DepartmentOption {
                id: d.id,
                name: d.name,
            })
            .collect(),
    })
}

#[server(endpoint = "admin_reload")]
pub async fn reload_content() -> Result<(), AppError> {
    use crate::ssr::{audit, content_store, session, AppState};
    let user = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let outcome = content_store::reload_and_sync(&state).await;
    let ok = matches!(outcome, content_store::ReloadOutcome::Swapped { .. });
    audit::record(
        &state.writer,
        Some(user.id),
        "content_reload",
        "content",
        serde_json::json!({ "ok": ok }),
    )
    .await?;
    leptos_axum::redirect("/beheer");
    Ok(())
}

#[server(endpoint = "admin_create_user")]
pub async fn create_account(
    email: String,
    name: String,
    password: String,
    #[server(default)] department: Option<String>,
    #[server(default)] roles: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::ssr::accounts::{self, AccountError, NewUser};
    use crate::ssr::{audit, session, AppState};
    let admin = session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let roles: Vec<Role> = roles.values().filter_map(|r| r.parse().ok()).collect();
    let department_id = department
        .as_deref()
        .filter(|d| !d.is_empty())
        .and_then(|d| d.parse().ok());
    let user = accounts::create_user(
        &state.writer,
        NewUser {
            email: &email,
            display_name: &name,
            password: &password,
            department_id,
            roles: &roles,
        },
    )
    .await
    .map_err(|e| match e {
        AccountError::InvalidEmail(x) => {
            AppError::Invalid(format!("'{x}' is geen geldig e-mailadres."))
        }
        AccountError::PasswordTooShort { min } => AppError::Invalid(format!(
            "Het wachtwoord moet minstens {min} tekens lang zijn."
        )),
        AccountError::EmptyName => AppError::Invalid("Vul een naam in.".into()),
        AccountError::EmailTaken(x) => {
            AppError::Conflict(format!("Er bestaat al een account met e-mailadres {x}."))
        }
        AccountError::Hash(e) => AppError::internal("password hash", e),
        AccountError::Db(e) => e.into(),
    })?;
    audit::record(
        &state.writer,
        Some(admin.id),
        "create_user",
        &format!("user:{}", user.id),
        serde_json::json!({}),
    )
    .await?;
    leptos_axum::redirect("/beheer#accounts");
    Ok(())
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let reload = ServerAction::<ReloadContent>::new();
    let create = ServerAction::<CreateAccount>::new();
    let data = Resource::new(
        move || (reload.version().get(), create.version().get()),
        |_| admin_overview(),
    );
    view! {
        <Title text="Beheer"/>
        <h1>"Beheer"</h1>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AdminBody d reload create/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::pages::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminBody(
    d: AdminView,
    reload: ServerAction<ReloadContent>,
    create: ServerAction<CreateAccount>,
) -> impl IntoView {
    let create_error = move || create.value().get().and_then(|r| r.err());
    view! {
        <nav aria-label="Beheertaken" class="subnav">
            <ul>
                <li><a href="/beheer/afdelingen">"Afdelingen"</a></li>
                <li><a href="/beheer/import">"Medewerkers importeren"</a></li>
                <li><a href="/rapportage/verplicht">"Verplichte cursussen"</a></li>
                <li><a href="/beheer/audit">"Auditlog"</a></li>
            </ul>
        </nav>
        <section aria-labelledby="inhoud-kop">
            <h2 id="inhoud-kop">"Cursusinhoud"</h2>
            <p>{format!("Geladen op {}: {} cursussen, {} onderdelen.", d.content_loaded_at, d.courses, d.modules)}</p>
            {(!d.reload_errors.is_empty()).then(|| view! {
                <div class="notice-error" role="alert">
                    <p><strong>"De laatste keer laden is mislukt. De vorige inhoud blijft in gebruik tot de fouten zijn opgelost:"</strong></p>
                    <ul>{d.reload_errors.iter().map(|e| view! { <li><code>{e.clone()}</code></li> }).collect_view()}</ul>
                </div>
            })}
            {(!d.warnings.is_empty()).then(|| view! {
                <details>
                    <summary>{format!("{} waarschuwing(en)", d.warnings.len())}</summary>
                    <ul>{d.warnings.iter().map(|w| view! { <li><code>{w.clone()}</code></li> }).collect_view()}</ul>
                </details>
            })}
            <ActionForm action=reload>
                <button type="submit">"Inhoud opnieuw laden"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="accounts">
            <h2 id="accounts">"Accounts"</h2>
            <table>
                <caption class="visually-hidden">"Alle accounts"</caption>
                <thead><tr>
                    <th scope="col">"Naam"</th><th scope="col">"E-mailadres"</th><th scope="col">"Afdeling"</th>
                    <th scope="col">"Rollen"</th><th scope="col">"Actief"</th>
                </tr></thead>
                <tbody>
                    {d.accounts.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.name}</td>
                            <td>{a.email}</td>
                            <td>{a.department.unwrap_or_else(|| "–".into())}</td>
                            <td>{a.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")}</td>
                            <td>{if a.active { "ja" } else { "nee" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>"Account toevoegen"</h3>
            {move || create_error().map(|e| view! { <div class="notice-error" role="alert"><p>{e.message(crate::i18n::use_i18n().get_locale_untracked())}</p></div> })}
            <ActionForm action=create>
                <div class="field"><label for="nieuw-naam">"Naam"</label><input id="nieuw-naam" name="name" type="text" required/></div>
                <div class="field"><label for="nieuw-email">"E-mailadres"</label><input id="nieuw-email" name="email" type="email" required/></div>
                <div class="field">
                    <label for="nieuw-wachtwoord">"Wachtwoord"<span class="hint">" (minstens 10 tekens)"</span></label>
                    <input id="nieuw-wachtwoord" name="password" type="password" autocomplete="new-password" minlength="10" required/>
                </div>
                <div class="field">
                    <label for="nieuw-afdeling">"Afdeling"</label>
                    <select id="nieuw-afdeling" name="department">
                        <option value="">"Geen"</option>
                        {d.departments.into_iter().map(|dep| view! { <option value=dep.id.to_string()>{dep.name}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>"Rollen"</legend>
                    {Role::ALL.into_iter().map(|r| {
                        let id = format!("rol-{}", r.as_str());
                        view! {
                            <div class="option">
                                <input type="checkbox" id=id.clone() name=format!("roles[{}]", r.as_str()) value=r.as_str() checked=r == Role::Learner/>
                                <label for=id>{role_label(r)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">"Account toevoegen"</button>
            </ActionForm>
        </section>
    }
}

fn role_label(r: Role) -> &'static str {
    match r {
        Role::Learner => "Medewerker (leren)",
        Role::Trainer => "Trainer",
        Role::Hr => "HR",
        Role::Manager => "Leidinggevende",
        Role::Admin => "Beheerder",
    }
}
