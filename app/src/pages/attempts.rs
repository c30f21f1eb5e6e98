//! Extra exam attempts (roles `trainer`, `hr` and `admin`): everyone who used
//! every attempt an exam allows without passing it, and a button that gives
//! one of them one attempt more.
//!
//! A plain POST form (`ActionForm`) that works without JavaScript: success
//! redirects back with `?klaar=`, a refusal comes back in the URL (`__err`)
//! and is shown above the list.

use crate::auth::Role;
use crate::components::forms::{error_of, FormError};
use crate::error::AppError;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PATH: &str = "/beheer/pogingen";

/// Who may grant an extra attempt.
pub const ROLES: &[Role] = &[Role::Trainer, Role::Hr, Role::Admin];

/// One learner stuck at one exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StuckRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub department: String,
    pub course_id: String,
    pub course_title: String,
    pub module_id: String,
    pub exam_title: String,
    pub used: u32,
    pub allowed: u32,
    /// `73%`, or `–` when no attempt was graded.
    pub best: String,
}

#[server(endpoint = "attempts_stuck")]
pub async fn stuck_overview() -> Result<Vec<StuckRow>, AppError> {
    use crate::ssr::entities::users;
    use crate::ssr::{learning, report_summary, session, AppState};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use std::collections::HashMap;
    session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let stuck = learning::stuck_at_exams(&state.db, &index.catalog).await?;
    let ids: Vec<i32> = stuck.iter().map(|s| s.user_id).collect();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let tree = report_summary::department_tree(&state.db).await?;
    let mut rows: Vec<StuckRow> = stuck
        .into_iter()
        .filter_map(|s| {
            let person = people.get(&s.user_id)?;
            let course = index.catalog.course(&s.course_id)?;
            let exam = course.module(&s.module_id)?;
            Some(StuckRow {
                user_id: s.user_id,
                name: person.display_name.clone(),
                email: person.email.clone(),
                department: person
                    .department_id
                    .map(|d| tree.path_name(d))
                    .unwrap_or_else(|| "–".into()),
                course_title: course.title.clone(),
                exam_title: exam.title.clone(),
                course_id: s.course_id,
                module_id: s.module_id,
                used: s.used,
                allowed: s.allowed,
                best: s
                    .best_score
                    .map(|b| format!("{b:.0}%"))
                    .unwrap_or_else(|| "–".into()),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.course_title).cmp(&(b.name.to_lowercase(), &b.course_title))
    });
    Ok(rows)
}

#[server(endpoint = "attempt_grant")]
pub async fn grant_extra_attempt(
    user: i32,
    course: String,
    module: String,
) -> Result<(), AppError> {
    use crate::ssr::{learning, session, AppState};
    let grader = session::require_role(ROLES).await?;
    let state = AppState::from_context()?;
    let index = state.content.current();
    let course = index
        .catalog
        .course(&course)
        .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
    let exam = course
        .module(&module)
        .ok_or(AppError::NotFound(crate::error::Missing::Exam))?;
    learning::grant_attempt(&state.writer, grader.id, user, course, exam).await?;
    leptos_axum::redirect(&format!("{PATH}?klaar=gegeven"));
    Ok(())
}

#[component]
pub fn AttemptsPage() -> impl IntoView {
    let grant = ServerAction::<GrantExtraAttempt>::new();
    let data = Resource::new(move || grant.version().get(), |_| stuck_overview());
    let query = use_query_map();
    let i18n = use_i18n();
    let done = move || {
        query
            .read()
            .get("klaar")
            .filter(|k| k == "gegeven")
            .map(|_| {
                view! {
                    <div class="notice" role="status">
                        <p>{t!(i18n, attempts.granted)}</p>
                    </div>
                }
            })
    };
    view! {
        <Title text=move || t_string!(i18n, attempts.title)/>
        <h1>{t!(i18n, attempts.title)}</h1>
        <p class="lead">{t!(i18n, attempts.lead)}</p>
        {done}
        <FormError message=error_of(move || grant.value().get()) id="poging-fout"/>
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) if rows.is_empty() => view! {
                        <p>{t!(i18n, attempts.none)}</p>
                    }.into_any(),
                    Ok(rows) => view! { <StuckTable rows grant/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::auth::SignInPrompt/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StuckTable(rows: Vec<StuckRow>, grant: ServerAction<GrantExtraAttempt>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="hr-table-wrap">
        <table>
            <caption class="visually-hidden">{t!(i18n, attempts.caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, attempts.employee)}</th>
                <th scope="col">{t!(i18n, attempts.department)}</th>
                <th scope="col">{t!(i18n, attempts.course_and_exam)}</th>
                <th scope="col">{t!(i18n, attempts.attempts)}</th>
                <th scope="col">{t!(i18n, attempts.best_score)}</th>
                <th scope="col"><span class="visually-hidden">{t!(i18n, attempts.action)}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let label = format!(
                        " {}",
                        td_string!(locale, attempts.grant_for, name = &r.name, exam = &r.exam_title)
                    );
                    let used = td_string!(locale, attempts.used_of, used = r.used, allowed = r.allowed)
                        .to_string();
                    view! {
                        <tr>
                            <td>{r.name.clone()}<br/><span class="hint">{r.email.clone()}</span></td>
                            <td>{r.department.clone()}</td>
                            <td>{r.course_title.clone()}<br/><span class="hint">{r.exam_title.clone()}</span></td>
                            <td class="hr-num">{used}</td>
                            <td class="hr-num">{r.best.clone()}</td>
                            <td>
                                <ActionForm action=grant attr:class="inline-form">
                                    <input type="hidden" name="user" value=r.user_id.to_string()/>
                                    <input type="hidden" name="course" value=r.course_id.clone()/>
                                    <input type="hidden" name="module" value=r.module_id.clone()/>
                                    <button type="submit">
                                        {t!(i18n, attempts.grant)}
                                        <span class="visually-hidden">{label}</span>
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
