//! Administration (role `admin`): the content's state with a reload button
//! whose errors are shown here, and the accounts with a form to add one.

use crate::auth::Role;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
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
            AppError::Invalid(server_text!(admin.invalid_email, email = x))
        }
        AccountError::PasswordTooShort { min } => {
            AppError::Invalid(server_text!(admin.password_too_short, min))
        }
        AccountError::PasswordTooEasy => AppError::Invalid(server_text!(admin.password_too_easy)),
        AccountError::EmptyName => AppError::Invalid(server_text!(admin.empty_name)),
        AccountError::EmailTaken(x) => {
            AppError::Conflict(server_text!(admin.email_taken, email = x))
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
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, admin.title)/>
        <h1>{t!(i18n, admin.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AdminBody d reload create/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let loaded = td_string!(
        locale,
        admin.content_loaded,
        at = d.content_loaded_at,
        courses = d.courses,
        modules = d.modules
    )
    .to_string();
    view! {
        <nav aria-label=move || t_string!(i18n, admin.tasks_nav) class="subnav">
            <ul>
                <li><a href="/beheer/afdelingen">{t!(i18n, admin.nav_departments)}</a></li>
                <li><a href="/beheer/import">{t!(i18n, admin.nav_import)}</a></li>
                <li><a href="/rapportage/verplicht">{t!(i18n, admin.nav_mandatory)}</a></li>
                <li><a href="/beheer/audit">{t!(i18n, admin.nav_audit)}</a></li>
            </ul>
        </nav>
        <section aria-labelledby="inhoud-kop">
            <h2 id="inhoud-kop">{t!(i18n, admin.content_heading)}</h2>
            <p>{loaded}</p>
            {(!d.reload_errors.is_empty()).then(|| view! {
                <div class="notice-error" role="alert">
                    <p><strong>{t!(i18n, admin.reload_failed)}</strong></p>
                    <ul>{d.reload_errors.iter().map(|e| view! { <li><code>{e.clone()}</code></li> }).collect_view()}</ul>
                </div>
            })}
            {(!d.warnings.is_empty()).then(|| view! {
                <details>
                    <summary>{td_string!(locale, admin.warnings, n = d.warnings.len()).to_string()}</summary>
                    <ul>{d.warnings.iter().map(|w| view! { <li><code>{w.clone()}</code></li> }).collect_view()}</ul>
                </details>
            })}
            <ActionForm action=reload>
                <button type="submit">{t!(i18n, admin.reload)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="accounts">
            <h2 id="accounts">{t!(i18n, admin.accounts_heading)}</h2>
            <table>
                <caption class="visually-hidden">{t!(i18n, admin.accounts_caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, admin.name)}</th>
                    <th scope="col">{t!(i18n, admin.email)}</th>
                    <th scope="col">{t!(i18n, admin.department)}</th>
                    <th scope="col">{t!(i18n, admin.roles)}</th>
                    <th scope="col">{t!(i18n, admin.active)}</th>
                </tr></thead>
                <tbody>
                    {d.accounts.into_iter().map(move |a| view! {
                        <tr>
                            <td>{a.name}</td>
                            <td>{a.email}</td>
                            <td>{a.department.unwrap_or_else(|| "–".into())}</td>
                            <td>{a.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")}</td>
                            <td>{if a.active {
                                td_string!(locale, admin.yes)
                            } else {
                                td_string!(locale, admin.no)
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{t!(i18n, admin.add_account)}</h3>
            {move || create_error().map(|e| view! { <div class="notice-error" role="alert"><p>{e.message(locale)}</p></div> })}
            <ActionForm action=create>
                <div class="field"><label for="nieuw-naam">{t!(i18n, admin.name)}</label><input id="nieuw-naam" name="name" type="text" required/></div>
                <div class="field"><label for="nieuw-email">{t!(i18n, admin.email)}</label><input id="nieuw-email" name="email" type="email" required/></div>
                <div class="field">
                    <label for="nieuw-wachtwoord">
                        {t!(i18n, admin.password)}
                        <span class="hint">{format!(" {}", td_string!(locale, admin.password_hint))}</span>
                    </label>
                    <input id="nieuw-wachtwoord" name="password" type="password" autocomplete="new-password" minlength="10" required/>
                </div>
                <div class="field">
                    <label for="nieuw-afdeling">{t!(i18n, admin.department)}</label>
                    <select id="nieuw-afdeling" name="department">
                        <option value="">{t!(i18n, admin.no_department)}</option>
                        {d.departments.into_iter().map(|dep| view! { <option value=dep.id.to_string()>{dep.name}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t!(i18n, admin.roles)}</legend>
                    {Role::ALL.into_iter().map(|r| {
                        let id = format!("rol-{}", r.as_str());
                        view! {
                            <div class="option">
                                <input type="checkbox" id=id.clone() name=format!("roles[{}]", r.as_str()) value=r.as_str() checked=r == Role::Learner/>
                                <label for=id>{role_label(r, locale)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">{t!(i18n, admin.add_account)}</button>
            </ActionForm>
        </section>
    }
}

/// The name of a role as people see it.
fn role_label(r: Role, locale: Locale) -> &'static str {
    match r {
        Role::Learner => td_string!(locale, admin.role_learner),
        Role::Trainer => td_string!(locale, admin.role_trainer),
        Role::Hr => td_string!(locale, admin.role_hr),
        Role::Manager => td_string!(locale, admin.role_manager),
        Role::Admin => td_string!(locale, admin.role_admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_labels_in_both_languages() {
        assert_eq!(role_label(Role::Learner, Locale::nl), "Medewerker (leren)");
        assert_eq!(role_label(Role::Learner, Locale::en), "Employee (learning)");
        assert_eq!(role_label(Role::Admin, Locale::nl), "Beheerder");
        assert_eq!(role_label(Role::Admin, Locale::en), "Administrator");
    }

    #[test]
    fn account_messages_in_both_languages() {
        let msg =
            |locale: Locale| td_string!(locale, admin.invalid_email, email = "x@").to_string();
        assert_eq!(msg(Locale::nl), "'x@' is geen geldig e-mailadres.");
        assert_eq!(msg(Locale::en), "'x@' is not a valid e-mail address.");
        let msg =
            |locale: Locale| td_string!(locale, admin.password_too_short, min = 10).to_string();
        assert_eq!(
            msg(Locale::nl),
            "Het wachtwoord moet minstens 10 tekens lang zijn."
        );
        assert_eq!(
            msg(Locale::en),
            "The password must be at least 10 characters long."
        );
        // Outside a request the server speaks Dutch.
        #[cfg(feature = "ssr")]
        assert_eq!(server_text!(admin.empty_name), "Vul een naam in.");
    }
}
