//! Reading `content/` into a [`Catalog`] plus [`Diagnostic`]s, exactly as
//! `docs/content-format.md` describes the format.
//!
//! Pipeline ([`load`]):
//! 1. layout: `courses/<course-id>/` folders (id `[a-z0-9-]+`), each with
//!    `course.md`, `NN-<module-id>.md` files and an `assets/` tree; other
//!    files get a warning (this file);
//! 2. per course ([`parse_course`], `course.rs`): `course.md` front matter,
//!    module heads and ids, module order;
//! 3. per module (`module.rs`): front matter meaning, then the body
//!    (`body.rs`): `:::` blocks (`blocks.rs`), questions (`question.rs`),
//!    GIFT blocks ([`crate::gift`]), and Markdown rendering with link,
//!    image, heading and raw-HTML checks (`render.rs`, `links.rs`);
//! 4. diagnostics sorted by path, line, column.
//!
//! Bad input never panics: every problem becomes a diagnostic with the
//! file, line and column, and what is wrong as a code with its details
//! ([`Problem`], `problems.rs`); the words, with a hint where one helps,
//! are made at the edge (`app::content_words`). A course with errors
//! is still returned when it can be built (so the checker can show the
//! model), but callers treat any error as "this content is not usable".

pub mod assets;
mod blocks;
mod body;
mod course;
mod front_matter;
mod links;
mod module;
mod problems;
mod question;
mod render;
mod scan;
mod slug;
pub use scan::FILE_NAME as SCAN_FILE;
pub use slug::PAGE_IDS;
mod source;
mod suggest;

pub use problems::{
    FileKind, FileStart, ListStyle, NumberProblem, Opener, Place, Problem, QuestionType, YamlType,
    YamlValue,
};

/// The block kinds `::: kind` takes, as the format spells them.
pub const BLOCK_KINDS: &[&str] = blocks::KINDS;

/// The question types `type=` takes, as the format spells them.
pub const QUESTION_TYPES: &[&str] = &["single", "multiple", "order", "text", "match", "numeric"];

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Catalog, Course};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The outcome of reading `content/`.
#[derive(Debug, Clone, Default)]
pub struct LoadResult {
    pub catalog: Catalog,
    /// Sorted by path, line, column.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadResult {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Read the content folder `root` (the one holding `courses/`).
///
/// Diagnostic paths are `root.join(relative file path)`, so
/// `load(Path::new("content"))` reports `content/courses/x/01-a.md`.
pub fn load(root: &Path) -> LoadResult {
    load_with(root, None, None)
}

/// Read a drafts folder (laid out like `content/`, see `docs/auteurs.md`)
/// whose courses will each join the live catalog on their own: a scan may
/// name the live courses `live_courses` and its own course, not another
/// draft.
pub fn load_beside(root: &Path, live_courses: &[String]) -> LoadResult {
    load_with(root, Some(live_courses), None)
}

/// [`load_beside`] for one draft, course `id`, alone (the others are not read).
pub fn load_one_beside(root: &Path, id: &str, live_courses: &[String]) -> LoadResult {
    load_with(root, Some(live_courses), Some(id))
}

fn load_with(root: &Path, live_courses: Option<&[String]>, only: Option<&str>) -> LoadResult {
    let mut diagnostics = Vec::new();
    let mut courses = Vec::new();
    let courses_dir = root.join("courses");
    let entries = match sorted_entries(&courses_dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                &courses_dir,
                1,
                1,
                Problem::CoursesFolderUnreadable {
                    error: err.to_string(),
                },
            ));
            return LoadResult {
                catalog: Catalog::default(),
                diagnostics,
            };
        }
    };
    let mut course_dirs = Vec::new();
    for entry in entries {
        if entry.name.starts_with('.') || only.is_some_and(|id| entry.name != id) {
            continue;
        }
        if entry.is_dir {
            course_dirs.push(entry);
        } else {
            diagnostics.push(Diagnostic::warning(
                &entry.path,
                1,
                1,
                Problem::NotACourseFolder {
                    name: entry.name.clone(),
                },
            ));
        }
    }
    for (course, diags) in load_courses(root, &course_dirs) {
        diagnostics.extend(diags);
        courses.extend(course);
    }
    scan::check_course_targets(root, &mut courses, live_courses, &mut diagnostics);
    sort_diagnostics(&mut diagnostics);
    LoadResult {
        catalog: Catalog { courses },
        diagnostics,
    }
}

/// Parse one course from in-memory files: `course_md` is the text of
/// `course.md`, `modules` the module files as (file name, text), `assets`
/// the asset paths that exist (`assets/x.png`). Diagnostic paths are
/// `root_for_paths/courses/<course_id>/<file>`.
pub fn parse_course(
    root_for_paths: &Path,
    course_id: &str,
    course_md: &str,
    modules: &[(String, String)],
    assets: &BTreeSet<String>,
) -> (Option<Course>, Vec<Diagnostic>) {
    let (course, mut diagnostics) = course::parse(
        root_for_paths,
        course_id,
        Some(course_md),
        modules,
        None,
        assets,
    );
    sort_diagnostics(&mut diagnostics);
    (course, diagnostics)
}

fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    // Stable, so problems at the same place keep the order they were found in.
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
}

/// Read course folders, in order. Courses are independent, so they are
/// spread over the machine's cores: a reload is what a trainer waits for
/// after saving a file.
fn load_courses(root: &Path, dirs: &[Entry]) -> Vec<(Option<Course>, Vec<Diagnostic>)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 || dirs.len() < 2 {
        return dirs
            .iter()
            .map(|e| load_course(root, &e.name, &e.path))
            .collect();
    }
    let chunk = dirs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .chunks(chunk)
            .map(|part| {
                let handle = scope.spawn(move || {
                    part.iter()
                        .map(|e| load_course(root, &e.name, &e.path))
                        .collect::<Vec<_>>()
                });
                (part, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                handle.join().unwrap_or_else(|_| {
                    // Parsing must never panic; if it does, say where
                    // instead of taking the server down.
                    part.iter()
                        .map(|e| {
                            let d = Diagnostic::error(&e.path, 1, 1, Problem::InternalError);
                            (None, vec![d])
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// One course folder from disk.
fn load_course(root: &Path, id: &str, dir: &Path) -> (Option<Course>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if !question::is_slug(id) {
        diagnostics.push(Diagnostic::error(
            dir,
            1,
            1,
            Problem::InvalidCourseId {
                id: id.to_string(),
                suggestion: slug::slugify(id),
            },
        ));
    }
    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                dir,
                1,
                1,
                Problem::CourseFolderUnreadable {
                    error: err.to_string(),
                },
            ));
            return (None, diagnostics);
        }
    };
    let mut course_md: Option<String> = None;
    let mut scan_md: Option<String> = None;
    let mut modules: Vec<(String, String)> = Vec::new();
    let mut assets = BTreeSet::new();
    for entry in entries {
        if entry.name.starts_with('.') {
            continue;
        }
        match (entry.name.as_str(), entry.is_dir) {
            ("assets", true) => {
                collect_assets(&entry.path, "assets", &mut assets, &mut diagnostics)
            }
            ("course.md", false) => course_md = read_text(&entry.path, &mut diagnostics),
            (scan::FILE_NAME, false) => scan_md = read_text(&entry.path, &mut diagnostics),
            (name, false) if module::id_from_file_name(name).is_some() => {
                if let Some(text) = read_text(&entry.path, &mut diagnostics) {
                    modules.push((entry.name.clone(), text));
                }
            }
            (name, false) if name.ends_with(".md") => diagnostics.push(Diagnostic::warning(
                &entry.path,
                1,
                1,
                Problem::NotAModuleFile {
                    name: name.to_string(),
                    suggestion: format!(
                        "01-{}",
                        name.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
                    ),
                },
            )),
            (name, _) => diagnostics.push(Diagnostic::warning(
                &entry.path,
                1,
                1,
                Problem::OutsideCourseLayout {
                    name: name.to_string(),
                },
            )),
        }
    }
    if course_md.is_none() && !dir.join("course.md").exists() {
        diagnostics.push(Diagnostic::error(
            dir.join("course.md"),
            1,
            1,
            Problem::MissingCourseMd,
        ));
    }
    let (course, diags) = course::parse(
        root,
        id,
        course_md.as_deref(),
        &modules,
        scan_md.as_deref(),
        &assets,
    );
    diagnostics.extend(diags);
    (course, diagnostics)
}

struct Entry {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

/// Directory entries sorted by name; names that are not UTF-8 are skipped
/// (they cannot be linked from Markdown anyway).
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_dir = entry.file_type()?.is_dir() || entry.path().is_dir();
        out.push(Entry {
            name,
            path: entry.path(),
            is_dir,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn collect_assets(
    dir: &Path,
    prefix: &str,
    assets: &mut BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                dir,
                1,
                1,
                Problem::AssetsFolderUnreadable {
                    error: err.to_string(),
                },
            ));
            return;
        }
    };
    for entry in entries {
        let rel = format!("{prefix}/{}", entry.name);
        if entry.is_dir {
            collect_assets(&entry.path, &rel, assets, diagnostics);
        } else {
            if assets::asset_kind(&rel) == assets::AssetKind::Refused {
                diagnostics.push(Diagnostic::error(
                    &entry.path,
                    1,
                    1,
                    Problem::RefusedAsset { path: rel.clone() },
                ));
            }
            if assets::asset_kind(&rel) == assets::AssetKind::Svg {
                // Illustrations are small; a huge one is not read whole.
                let small = fs::metadata(&entry.path).is_ok_and(|m| m.len() <= 8 * MAX_FILE_BYTES);
                let active = small
                    .then(|| fs::read(&entry.path).ok())
                    .flatten()
                    .and_then(|bytes| assets::svg_active_content(&bytes));
                if let Some(found) = active {
                    diagnostics.push(Diagnostic::warning(
                        &entry.path,
                        1,
                        1,
                        Problem::ActiveSvg {
                            path: rel.clone(),
                            found,
                        },
                    ));
                }
            }
            assets.insert(rel);
        }
    }
}

/// The largest course or module file the checker reads. The longest module
/// of the starter course is about 12 kB; a file a hundred times larger is a
/// mistake (or an attack), and parsing and rendering it would take far more
/// memory than the server should spend on content.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    if let Ok(meta) = fs::metadata(path) {
        if meta.len() > MAX_FILE_BYTES {
            diagnostics.push(Diagnostic::error(
                path,
                1,
                1,
                Problem::FileTooLarge {
                    kb: meta.len() / 1024,
                    max_kb: MAX_FILE_BYTES / 1024,
                },
            ));
            return None;
        }
    }
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
                let pos = source::SourceFile::new(&valid).pos(offset);
                diagnostics.push(Diagnostic::error(
                    path,
                    pos.line,
                    pos.column,
                    Problem::NotUtf8,
                ));
                None
            }
        },
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                path,
                1,
                1,
                Problem::FileUnreadable {
                    error: err.to_string(),
                },
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests;
