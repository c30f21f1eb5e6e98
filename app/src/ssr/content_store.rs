//! The content at run time: parsed once into an immutable index behind an
//! `Arc`, swapped atomically on reload, and synced into the database.
//!
//! Readers take a cheap snapshot (`current()`); a reload parses the whole
//! folder off the request path and swaps the pointer only when the new
//! content has no errors. A failed reload keeps serving the last good
//! content and keeps its diagnostics for the admins to see.

use super::entities::{course_modules, courses};
use arc_swap::ArcSwap;
use chrono::Utc;
use domain::diagnostics::Diagnostic;
use domain::model::{Catalog, ModuleKind};
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, TransactionTrait,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One successfully loaded version of the content.
#[derive(Debug, Default)]
pub struct ContentIndex {
    pub catalog: Catalog,
    /// Warnings of the load that produced this index.
    pub warnings: Vec<Diagnostic>,
    pub loaded_at: chrono::DateTime<Utc>,
}

#[derive(Clone)]
pub struct ContentStore {
    root: Arc<PathBuf>,
    current: Arc<ArcSwap<ContentIndex>>,
    /// Errors of the most recent reload, if it failed (empty when it succeeded).
    last_errors: Arc<ArcSwap<Vec<Diagnostic>>>,
    /// Loads since start: [succeeded, rejected] (for `/metrics`).
    loads: Arc<[AtomicU64; 2]>,
}

/// What a reload did.
#[derive(Debug)]
pub enum ReloadOutcome {
    /// New content is live.
    Swapped { courses: usize, warnings: usize },
    /// The content had errors; the previous content stays live.
    Rejected { errors: Vec<Diagnostic> },
}

impl ContentStore {
    /// Parse `root` (the folder holding `courses/`). Errors make the store
    /// start empty, with the errors kept for the admin page.
    pub fn open(root: impl Into<PathBuf>) -> (Self, ReloadOutcome) {
        let store = ContentStore {
            root: Arc::new(root.into()),
            current: Arc::new(ArcSwap::from_pointee(ContentIndex::default())),
            last_errors: Arc::new(ArcSwap::from_pointee(Vec::new())),
            loads: Arc::new([AtomicU64::new(0), AtomicU64::new(0)]),
        };
        let outcome = store.reload_blocking();
        (store, outcome)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A snapshot of the live content; cheap, never blocks a reload.
    pub fn current(&self) -> Arc<ContentIndex> {
        self.current.load_full()
    }

    /// Errors of the last reload that was rejected (empty if the last one succeeded).
    pub fn last_errors(&self) -> Arc<Vec<Diagnostic>> {
        self.last_errors.load_full()
    }

    /// How many loads succeeded and how many were rejected since start.
    pub fn load_counts(&self) -> (u64, u64) {
        (
            self.loads[0].load(Ordering::Relaxed),
            self.loads[1].load(Ordering::Relaxed),
        )
    }

    /// Re-read the folder (blocking I/O: call from `spawn_blocking`).
    pub fn reload_blocking(&self) -> ReloadOutcome {
        let result = domain::content::load(&self.root);
        if result.has_errors() {
            self.loads[1].fetch_add(1, Ordering::Relaxed);
            let errors: Vec<Diagnostic> = result
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            self.last_errors.store(Arc::new(errors.clone()));
            return ReloadOutcome::Rejected { errors };
        }
        let courses = result.catalog.courses.len();
        let warnings = result.diagnostics.len();
        self.loads[0].fetch_add(1, Ordering::Relaxed);
        self.current.store(Arc::new(ContentIndex {
            catalog: result.catalog,
            warnings: result.diagnostics,
            loaded_at: Utc::now(),
        }));
        self.last_errors.store(Arc::new(Vec::new()));
        ReloadOutcome::Swapped { courses, warnings }
    }

    /// Reload off the async runtime's worker threads.
    pub async fn reload(&self) -> ReloadOutcome {
        let store = self.clone();
        match tokio::task::spawn_blocking(move || store.reload_blocking()).await {
            Ok(outcome) => outcome,
            Err(err) => {
                tracing::error!(error = %err, "content reload task failed");
                ReloadOutcome::Rejected { errors: Vec::new() }
            }
        }
    }
}

/// Bring the `courses` and `course_modules` tables in line with the catalog.
///
/// Upserts what is there and marks what disappeared as inactive. It never
/// deletes a row, so nobody's progress or records lose their course.
pub async fn sync_catalog(db: &DatabaseConnection, catalog: &Catalog) -> Result<(), DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    let live_ids: Vec<String> = catalog.courses.iter().map(|c| c.id.clone()).collect();
    courses::Entity::update_many()
        .col_expr(
            courses::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(courses::Column::Id.is_not_in(live_ids))
        .exec(&txn)
        .await?;
    for course in &catalog.courses {
        let model = courses::ActiveModel {
            id: Set(course.id.clone()),
            title: Set(course.title.clone()),
            language: Set(course.language.code().to_string()),
            version: Set(course.version.clone()),
            pass_score: Set(i16::from(course.pass_score)),
            certificate: Set(course.certificate),
            valid_for_months: Set(course.valid_for_months.map(|m| m as i32)),
            active: Set(true),
            synced_at: Set(now),
        };
        courses::Entity::insert(model)
            .on_conflict(
                OnConflict::column(courses::Column::Id)
                    .update_columns([
                        courses::Column::Title,
                        courses::Column::Language,
                        courses::Column::Version,
                        courses::Column::PassScore,
                        courses::Column::Certificate,
                        courses::Column::ValidForMonths,
                        courses::Column::Active,
                        courses::Column::SyncedAt,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        let module_ids: Vec<String> = course.modules.iter().map(|m| m.id.clone()).collect();
        course_modules::Entity::update_many()
            .col_expr(
                course_modules::Column::Active,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(course_modules::Column::CourseId.eq(course.id.clone()))
            .filter(course_modules::Column::ModuleId.is_not_in(module_ids))
            .exec(&txn)
            .await?;
        for (position, module) in course.modules.iter().enumerate() {
            let kind = match module.kind {
                ModuleKind::Lesson => "lesson",
                ModuleKind::Exam(_) => "exam",
            };
            let model = course_modules::ActiveModel {
                course_id: Set(course.id.clone()),
                module_id: Set(module.id.clone()),
                title: Set(module.title.clone()),
                position: Set(position as i32),
                kind: Set(kind.to_string()),
                content_hash: Set(module.content_hash.clone()),
                active: Set(true),
            };
            course_modules::Entity::insert(model)
                .on_conflict(
                    OnConflict::columns([
                        course_modules::Column::CourseId,
                        course_modules::Column::ModuleId,
                    ])
                    .update_columns([
                        course_modules::Column::Title,
                        course_modules::Column::Position,
                        course_modules::Column::Kind,
                        course_modules::Column::ContentHash,
                        course_modules::Column::Active,
                    ])
                    .to_owned(),
                )
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await
}

/// Reload the content and, when it is good, sync it into the database; then
/// tell the other nodes (`ssr::cluster`), which reload too. Used by SIGHUP,
/// the file watcher and the admin page alike.
pub async fn reload_and_sync(state: &super::AppState) -> ReloadOutcome {
    let outcome = reload_here(state).await;
    if let Err(err) = super::cluster::announce_content_reload(&state.db, &state.node).await {
        tracing::error!(error = %err, "content reloaded but the other nodes could not be told");
    }
    outcome
}

/// Reload this node's content and, when it is good, sync it into the
/// database (another node's reload, told through `ssr::cluster`).
pub async fn reload_here(state: &super::AppState) -> ReloadOutcome {
    let outcome = state.content.reload().await;
    match &outcome {
        ReloadOutcome::Swapped { courses, warnings } => {
            tracing::info!(courses, warnings, "content reloaded");
            if let Err(err) = sync_catalog(&state.writer, &state.content.current().catalog).await {
                tracing::error!(error = %err, "content reloaded but the database sync failed");
            }
        }
        ReloadOutcome::Rejected { errors } => {
            tracing::warn!(
                errors = errors.len(),
                "content reload rejected; still serving the previous content"
            );
            // The operators' log is English (`content_words` for the words).
            for e in errors {
                tracing::warn!(
                    "{}",
                    crate::content_words::plain(crate::i18n::Locale::en, e)
                );
            }
        }
    }
    outcome
}
