//! The audit log (admins): who viewed or exported which report with personal
//! data, who imported employees, changed accounts, departments or
//! assignments, and when. Newest first, filterable by kind.

use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    pub rows: Vec<AuditRow>,
    pub actions: Vec<String>,
    pub page: u32,
    pub more: bool,
}

/// Names for the kinds of entries, in the interface language. The stored
/// action is a code (`report_view`); every code the platform writes has a
/// name here, and an unknown code (from a newer version) is shown as it is.
pub fn action_label(action: &str, locale: Locale) -> &str {
    match action {
        "report_view" => td_string!(locale, audit.action_report_view),
        "report_export" => td_string!(locale, audit.action_report_export),
        "employee_import" => td_string!(locale, audit.action_employee_import),
        "content_reload" => td_string!(locale, audit.action_content_reload),
        "create_user" => td_string!(locale, audit.action_user_created),
        "sign_in" => td_string!(locale, audit.action_sign_in),
        "grant_attempt" => td_string!(locale, audit.action_grant_attempt),
        "assignment_create" => td_string!(locale, audit.action_assignment_create),
        "assignment_delete" => td_string!(locale, audit.action_assignment_delete),
        "department_create" => td_string!(locale, audit.action_department_create),
        "department_update" => td_string!(locale, audit.action_department_update),
        "department_delete" => td_string!(locale, audit.action_department_delete),
        "user_move" => td_string!(locale, audit.action_user_move),
        "data_export" => td_string!(locale, audit.action_data_export),
        "person_anonymise" => td_string!(locale, audit.action_person_anonymise),
        "person_delete" => td_string!(locale, audit.action_person_delete),
        other => other,
    }
}

#[cfg(feature = "ssr")]
const PER_PAGE: u64 = 100;

#[server(endpoint = "audit_log")]
pub async fn audit_log(action: Option<String>, page: Option<u32>) -> Result<AuditView, AppError> {
    use crate::auth::Role;
    use crate::ssr::entities::{audit_log, users};
    use crate::ssr::{session, AppState};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    use std::collections::HashMap;
    session::require_role(&[Role::Admin]).await?;
    let state = AppState::from_context()?;
    let db = &state.db;
    let page = page.unwrap_or(1).max(1);
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(a) = action.as_deref().filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::Action.eq(a));
    }
    let mut entries = query
        .offset((page as u64 - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
        .all(db)
        .await?;
    let more = entries.len() as u64 > PER_PAGE;
    entries.truncate(PER_PAGE as usize);
    let actor_ids: Vec<i32> = entries.iter().filter_map(|e| e.actor_id).collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.display_name, u.email)))
        .collect();
    let actions: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Action)
        .distinct()
        .order_by_asc(audit_log::Column::Action)
        .into_tuple()
        .all(db)
        .await?;
    Ok(AuditView {
        rows: entries
            .into_iter()
            .map(|e| AuditRow {
                at: e.at.format("%d-%m-%Y %H:%M:%S UTC").to_string(),
                actor: e.actor_id.and_then(|id| names.get(&id).cloned()),
                action: e.action,
                subject: e.subject,
                details: e.details,
            })
            .collect(),
        actions,
        page,
        more,
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let args = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("soort").filter(|s| !s.is_empty()),
                q.get("pagina").and_then(|p| p.parse::<u32>().ok()),
            )
        })
    });
    let data = Resource::new(move || args.get(), |(a, p)| audit_log(a, p));
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, audit.title)/>
        <h1>{t!(i18n, audit.title)}</h1>
        <p>{t!(i18n, audit.lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AuditBody d current=args.get_untracked().0/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditBody(d: AuditView, current: Option<String>) -> impl IntoView {
    let current = current.unwrap_or_default();
    let soort = if current.is_empty() {
        String::new()
    } else {
        format!("soort={current}&")
    };
    let page = d.page;
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <form method="get" action="/beheer/audit" class="filters">
            <div class="field">
                <label for="soort">{t!(i18n, audit.kind)}</label>
                <select id="soort" name="soort">
                    <option value="" selected=current.is_empty()>{t!(i18n, audit.all)}</option>
                    {d.actions.into_iter().map(|a| {
                        let selected = a == current;
                        let label = action_label(&a, locale).to_string();
                        view! { <option value=a selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t!(i18n, audit.show)}</button>
        </form>
        {if d.rows.is_empty() {
            view! { <p>{t!(i18n, audit.none)}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t!(i18n, audit.caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, audit.when)}</th>
                        <th scope="col">{t!(i18n, audit.who)}</th>
                        <th scope="col">{t!(i18n, audit.what)}</th>
                        <th scope="col">{t!(i18n, audit.subject)}</th>
                        <th scope="col">{t!(i18n, audit.details)}</th>
                    </tr></thead>
                    <tbody>
                        {d.rows.into_iter().map(|r| view! {
                            <tr>
                                <td>{r.at}</td>
                                <td>{r.actor.unwrap_or_else(|| td_string!(locale, audit.system).to_string())}</td>
                                <td>{action_label(&r.action, locale).to_string()}</td>
                                <td>{r.subject}</td>
                                <td><code class="details">{r.details}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <nav aria-label=move || t_string!(i18n, audit.pages) class="pager">
            {(page > 1).then(|| view! { <a href=format!("/beheer/audit?{soort}pagina={}", page - 1) rel="prev">{t!(i18n, audit.newer)}</a> })}
            {d.more.then(|| view! { <a href=format!("/beheer/audit?{soort}pagina={}", page + 1) rel="next">{t!(i18n, audit.older)}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_labels_in_both_languages() {
        assert_eq!(action_label("report_view", Locale::nl), "Rapport bekeken");
        assert_eq!(action_label("report_view", Locale::en), "Report viewed");
        assert_eq!(
            action_label("employee_import", Locale::nl),
            "Medewerkers geïmporteerd"
        );
        assert_eq!(
            action_label("employee_import", Locale::en),
            "Employees imported"
        );
        assert_eq!(
            action_label("grant_attempt", Locale::en),
            "Extra exam attempt granted"
        );
        // Codes without a name (from a newer version) are shown as stored.
        assert_eq!(action_label("something_new", Locale::en), "something_new");
    }
}
