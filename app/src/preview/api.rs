//! The preview server functions (roles in [`super::ROLES`]): who asks, the
//! draft read from disk (`drafts`), the page's data built from it.

use super::types::{DraftCourse, DraftList, DraftModule};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::{
    admin::api::worded,
    auth::CurrentUser,
    error::Missing,
    ssr::{session, AppState},
};
#[cfg(feature = "ssr")]
use domain::{content::LoadResult, diagnostics::Diagnostic};
#[cfg(feature = "ssr")]
use std::path::{Path, PathBuf};

/// The drafts and how each stands.
#[server(endpoint = "preview_drafts")]
pub async fn preview_drafts() -> Result<DraftList, AppError> {
    let (state, _) = trainer().await?;
    let root = state.content.root().to_path_buf();
    let live = live_ids(&state);
    let known = live.clone();
    let (names, result) = blocking(move || {
        let names = super::drafts::list(&root);
        let result = if names.is_empty() {
            LoadResult::default()
        } else {
            super::drafts::load(&root, &known)
        };
        (names, result)
    })
    .await?;
    let courses = super::drafts::root(state.content.root()).join("courses");
    Ok(DraftList {
        folder: courses.display().to_string(),
        drafts: names
            .into_iter()
            .map(|id| {
                let dir = courses.join(&id);
                let problems: Vec<&Diagnostic> = of_dir(&result, &dir).collect();
                super::types::DraftSummary {
                    title: result.catalog.course(&id).map(|c| c.title.clone()),
                    errors: problems.iter().filter(|d| d.is_error()).count(),
                    warnings: problems.iter().filter(|d| !d.is_error()).count(),
                    live: live.contains(&id),
                    id,
                }
            })
            .collect(),
    })
}

/// A draft course: its page, and every problem the checker found in it.
#[server(endpoint = "preview_course")]
pub async fn preview_course(course_id: String) -> Result<DraftCourse, AppError> {
    let (state, _) = trainer().await?;
    let draft = read(&state, &course_id).await?;
    let locale = crate::ssr::locale();
    let problems: Vec<&Diagnostic> = of_dir(&draft.result, &draft.dir).collect();
    let course = draft.result.catalog.course(&course_id);
    let modules = course
        .map(|c| {
            c.modules
                .iter()
                .map(|m| {
                    let file = draft.dir.join(&m.file_name);
                    super::types::DraftModuleRow {
                        id: m.id.clone(),
                        title: m.title.clone(),
                        is_exam: m.is_exam(),
                        problems: problems.iter().filter(|d| d.path == file).count(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(DraftCourse {
        id: course_id.clone(),
        title: course.map_or_else(|| course_id.clone(), |c| c.title.clone()),
        summary: course.map(|c| c.summary.clone()).unwrap_or_default(),
        intro_html: course
            .map(|c| super::view::in_preview(&c.id, &c.intro_html))
            .unwrap_or_default(),
        language: course.map_or("nl", |c| c.language.code()).to_string(),
        version: course.map(|c| c.version.clone()).unwrap_or_default(),
        modules,
        errors: problems.iter().filter(|d| d.is_error()).count(),
        warnings: problems.iter().filter(|d| !d.is_error()).count(),
        problems: problems.iter().map(|d| worded(locale, d)).collect(),
        live: draft.live,
        fingerprint: draft.fingerprint,
    })
}

/// A draft module as learners see it. With `answer` (a question id) and
/// its fields `f`, that question is graded against the draft and shown
/// with its feedback; nothing is stored.
#[server(endpoint = "preview_module")]
pub async fn preview_module(
    course_id: String,
    module_id: String,
    #[server(default)] answer: Option<String>,
    #[server(default)] f: BTreeMap<String, String>,
) -> Result<DraftModule, AppError> {
    let (state, user) = trainer().await?;
    let draft = read(&state, &course_id).await?;
    let course = draft
        .result
        .catalog
        .course(&course_id)
        .ok_or(AppError::NotFound(Missing::Course))?;
    let module = course
        .module(&module_id)
        .ok_or(AppError::NotFound(Missing::Module))?;
    let names = domain::option_tokens::Namer::lesson(&state.option_key, user.id);
    let locale = crate::ssr::locale();
    // The answer graded, or why it cannot be (shown at its question).
    let (mut answered, mut refused) = (None, None);
    if let Some(id) = answer.filter(|a| !a.is_empty()) {
        let question = module
            .question(&id)
            .ok_or(AppError::NotFound(Missing::Question))?;
        match graded(question, &f, &names) {
            Ok(json) => answered = Some((id, json)),
            Err(e @ (AppError::Refused(_) | AppError::Invalid(_))) => {
                refused = Some((id, e.message(locale)))
            }
            Err(e) => return Err(e),
        }
    }
    let problems: Vec<&Diagnostic> = of_dir(&draft.result, &draft.dir).collect();
    let mut view = super::view::module(
        &super::view::Draft {
            course,
            module,
            file: draft.dir.join(&module.file_name),
            problems: &problems,
            locale,
            fingerprint: draft.fingerprint.clone(),
        },
        answered
            .as_ref()
            .map(|(id, json)| (id.as_str(), json.as_str())),
        &names,
    );
    view.refused = refused;
    Ok(view)
}

/// The draft's fingerprint now: the open preview reloads when it moves.
#[server(endpoint = "preview_fingerprint")]
pub async fn preview_fingerprint(course_id: String) -> Result<String, AppError> {
    let (state, _) = trainer().await?;
    let root = state.content.root().to_path_buf();
    blocking(move || {
        super::drafts::course_dir(&root, &course_id).map(|d| super::drafts::fingerprint(&d))
    })
    .await?
    .ok_or(AppError::NotFound(Missing::Draft))
}

/// Publish a draft: a copy of it is checked on its own beside the live
/// courses; with any error it is refused. Otherwise the copy is swapped into
/// the live content, which reloads (on every node); should the live catalog
/// reject it, the previous course is put back. Audited.
#[server(endpoint = "preview_publish")]
pub async fn publish_draft(course_id: String) -> Result<(), AppError> {
    use super::types::Refusal;
    let (state, user) = trainer().await?;
    let root = state.content.root().to_path_buf();
    let live = live_ids(&state);
    let id = course_id.clone();
    let checked = blocking(move || {
        let staged = super::drafts::stage(&root, &id)?;
        let result = domain::content::load_beside(staged.root(), &live);
        let version = result.catalog.course(&id).map(|c| c.version.clone());
        Ok::<_, std::io::Error>((staged, result.error_count(), version))
    })
    .await?
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::NotFound(Missing::Draft),
        _ => AppError::internal("stage draft", e),
    })?;
    let (staged, errors, version) = checked;
    let Some(version) = version.filter(|_| errors == 0) else {
        blocking(move || staged.discard()).await?;
        return Err(Refusal::HasErrors {
            errors: errors.max(1),
        }
        .into());
    };
    // From here on the work runs to its end even when the request is
    // dropped (a browser that goes away mid-publish must not leave a swap
    // half done).
    let task = tokio::spawn(publish_staged(
        state,
        staged,
        course_id.clone(),
        version,
        user.id,
    ));
    task.await
        .map_err(|e| AppError::internal("publish task", e))??;
    leptos_axum::redirect(&format!(
        "{}?gepubliceerd=1",
        super::course_path(&course_id)
    ));
    Ok(())
}

/// Swap a checked copy in, reload, keep or undo, and audit.
#[cfg(feature = "ssr")]
async fn publish_staged(
    state: AppState,
    staged: super::drafts::Staged,
    course_id: String,
    version: String,
    user_id: i32,
) -> Result<(), AppError> {
    use super::types::Refusal;
    use crate::ssr::{audit, content_store};
    // One publish at a time on this node: two would swap folders at once.
    static PUBLISHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one = PUBLISHING.lock().await;
    let root = state.content.root().to_path_buf();
    let swap = blocking(move || staged.swap_in(&root))
        .await?
        .map_err(|e| AppError::internal("publish draft", e))?;
    let refused = match content_store::reload_and_sync(&state).await {
        content_store::ReloadOutcome::Swapped { .. } => {
            blocking(move || swap.keep()).await?;
            None
        }
        content_store::ReloadOutcome::Rejected { errors } => {
            if let Err(err) = blocking(move || swap.undo()).await? {
                tracing::error!(error = %err, course = %course_id, "a refused publish could not be undone");
            }
            content_store::reload_and_sync(&state).await;
            Some(Refusal::LiveRejected {
                errors: errors.len(),
            })
        }
    };
    audit::record(
        &state.writer,
        Some(user_id),
        "draft_publish",
        &format!("course:{course_id}"),
        serde_json::json!({ "ok": refused.is_none(), "version": version }),
    )
    .await?;
    match refused {
        Some(refusal) => Err(refusal.into()),
        None => Ok(()),
    }
}

/// A trainer (or admin) asks.
#[cfg(feature = "ssr")]
async fn trainer() -> Result<(AppState, CurrentUser), AppError> {
    let user = session::require_role(super::ROLES).await?;
    Ok((AppState::from_context()?, user))
}

/// The ids of the live courses.
#[cfg(feature = "ssr")]
fn live_ids(state: &AppState) -> Vec<String> {
    let index = state.content.current();
    index.catalog.courses.iter().map(|c| c.id.clone()).collect()
}

/// A draft as read now.
#[cfg(feature = "ssr")]
struct ReadDraft {
    dir: PathBuf,
    fingerprint: String,
    result: LoadResult,
    /// A live course has its id.
    live: bool,
}

/// Read draft `id` alone (not found without it).
/// The fingerprint is taken first: a file saved while reading moves it
/// after, and the page reloads once more.
#[cfg(feature = "ssr")]
async fn read(state: &AppState, id: &str) -> Result<ReadDraft, AppError> {
    let root = state.content.root().to_path_buf();
    let live = live_ids(state);
    let is_live = live.iter().any(|l| l == id);
    let id = id.to_string();
    let read = blocking(move || {
        let dir = super::drafts::course_dir(&root, &id)?;
        let fingerprint = super::drafts::fingerprint(&dir);
        let result = super::drafts::load_one(&root, &id, &live);
        Some(ReadDraft {
            dir,
            fingerprint,
            result,
            live: is_live,
        })
    })
    .await?;
    read.ok_or(AppError::NotFound(Missing::Draft))
}

/// The problems in `dir` and below.
#[cfg(feature = "ssr")]
fn of_dir<'a>(result: &'a LoadResult, dir: &'a Path) -> impl Iterator<Item = &'a Diagnostic> {
    result
        .diagnostics
        .iter()
        .filter(move |d| d.path.starts_with(dir))
}

/// Grade an answer to a draft question: its response as stored answers
/// keep it, for the question's view to show the feedback.
#[cfg(feature = "ssr")]
fn graded(
    question: &domain::model::Question,
    f: &BTreeMap<String, String>,
    names: &domain::option_tokens::Namer,
) -> Result<String, AppError> {
    use crate::learning::queries::{response_error, response_from_fields};
    let response = response_from_fields(question, f, names)?
        .ok_or_else(|| AppError::Invalid(server_text!(errors.answer_missing)))?;
    domain::grading::grade(question, &response).map_err(response_error)?;
    serde_json::to_string(&response).map_err(|e| AppError::internal("response json", e))
}

#[cfg(feature = "ssr")]
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::internal("draft task", e))
}
