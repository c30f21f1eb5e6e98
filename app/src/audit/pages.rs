//! The audit log page.

use super::api::audit_log;
use super::types::AuditView;
use super::words::action_label;
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
        <Title text=t_string!(i18n, audit.title)/>
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
