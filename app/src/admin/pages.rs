//! The administration page.

use super::api::{admin_overview, CreateAccount, ReloadContent};
use super::types::AdminView;
use super::words::role_label;
use crate::auth::Role;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminPage() -> impl IntoView {
    let reload = ServerAction::<ReloadContent>::new();
    let create = ServerAction::<CreateAccount>::new();
    // The accounts list's search and page come from the address
    // (`/beheer?zoek=…&pagina=…`), so they work without JavaScript and can
    // be bookmarked.
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let (search, page) = query.with(|q| {
                (
                    q.get("zoek").unwrap_or_default(),
                    q.get("pagina").and_then(|p| p.parse().ok()).unwrap_or(1),
                )
            });
            (reload.version().get(), create.version().get(), search, page)
        },
        |(_, _, search, page)| admin_overview(search, page),
    );
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, admin.title)/>
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
    let found = if d.accounts.search.is_empty() {
        td_string!(locale, admin.accounts_found, n = d.accounts.total).to_string()
    } else {
        td_string!(
            locale,
            admin.accounts_found_for,
            n = d.accounts.total,
            q = d.accounts.search.clone()
        )
        .to_string()
    };
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
                    <ul>{d.reload_errors.iter().map(|e| view! { <DiagnosticItem d=e.clone()/> }).collect_view()}</ul>
                </div>
            })}
            {(!d.warnings.is_empty()).then(|| view! {
                <details>
                    <summary>{td_string!(locale, admin.warnings, n = d.warnings.len()).to_string()}</summary>
                    <ul>{d.warnings.iter().map(|w| view! { <DiagnosticItem d=w.clone()/> }).collect_view()}</ul>
                </details>
            })}
            <ActionForm action=reload>
                <button type="submit">{t!(i18n, admin.reload)}</button>
            </ActionForm>
        </section>
        <crate::sso::pages::PasswordSetting/>
        <crate::reminders::pages::ReminderJobStatus/>
        <section aria-labelledby="accounts">
            <h2 id="accounts">{t!(i18n, admin.accounts_heading)}</h2>
            <AccountSearch search=d.accounts.search.clone()/>
            <p role="status">{found}</p>
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
                    {d.accounts.accounts.into_iter().map(move |a| view! {
                        <tr>
                            <td>{a.name}</td>
                            <td>{a.email}</td>
                            <td>{a.department.unwrap_or_else(|| "–".into())}</td>
                            <td>{a.roles.iter().map(|&r| role_label(r, locale)).collect::<Vec<_>>().join(", ")}</td>
                            <td>{if a.active {
                                td_string!(locale, admin.yes)
                            } else {
                                td_string!(locale, admin.no)
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <AccountPager search=d.accounts.search page=d.accounts.page pages=d.accounts.pages/>
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

/// One content diagnostic, as the server worded it: where (as the checker
/// prints it, so a trainer finds it with `server check`), what is wrong,
/// and the tip below it.
#[component]
pub(crate) fn DiagnosticItem(d: super::types::ContentProblem) -> impl IntoView {
    let message = format!(": {}: {}", d.severity, d.message);
    let hint = d.hint.map(|h| view! { <br/><span class="hint">{h}</span> });
    view! { <li><code>{d.place}</code>{message}{hint}</li> }
}

/// The accounts search: a plain GET form, so it works without JavaScript.
#[component]
fn AccountSearch(search: String) -> impl IntoView {
    let i18n = use_i18n();
    let searching = !search.is_empty();
    view! {
        <form method="get" action="/beheer" role="search" class="filters">
            <div class="field">
                <label for="zoek-account">{t!(i18n, admin.search_label)}</label>
                <input id="zoek-account" name="zoek" type="search" value=search maxlength="100"/>
            </div>
            <button type="submit">{t!(i18n, admin.search_button)}</button>
            {searching.then(|| view! { <a href="/beheer#accounts">{t!(i18n, admin.search_clear)}</a> })}
        </form>
    }
}

/// Previous and next page of the accounts list, keeping the search.
#[component]
fn AccountPager(search: String, page: u32, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    (pages > 1).then(|| {
        let href = move |p: u32| {
            if search.is_empty() {
                format!("/beheer?pagina={p}#accounts")
            } else {
                let zoek = crate::language::encode_query_value(&search);
                format!("/beheer?zoek={zoek}&pagina={p}#accounts")
            }
        };
        view! {
            <nav aria-label=move || t_string!(i18n, admin.pages) class="pager">
                {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev">{t!(i18n, admin.previous)}</a> })}
                <span>{td_string!(locale, admin.page_of, page, pages).to_string()}</span>
                {(page < pages).then(|| view! { <a href=href(page + 1) rel="next">{t!(i18n, admin.next)}</a> })}
            </nav>
        }
    })
}
