//! Server only: the drafts folder on disk. Finding a draft, its
//! fingerprint, reading it, and swapping it into the live content.

use domain::content::LoadResult;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// The drafts folder of a content folder: laid out like it
/// (`drafts/courses/<id>/`).
pub fn root(content: &Path) -> PathBuf {
    content.join("drafts")
}

/// The folder of draft `id`, when `id` is a course id and the folder is there.
pub fn course_dir(content: &Path, id: &str) -> Option<PathBuf> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let dir = root(content).join("courses").join(id);
    // A folder, not a symbolic link to one elsewhere.
    let real = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
    (ok && real).then_some(dir)
}

/// The drafts' folder names, sorted (hidden ones left out, as the loader does).
pub fn list(content: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root(content).join("courses")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// What changes when any file of the folder changes: every file's path
/// within the folder and its content (files over 1 MiB by size and time),
/// hashed. The same on every node that has the same files.
pub fn fingerprint(dir: &Path) -> String {
    const READ_UP_TO: u64 = 1 << 20;
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            let path = entry.path();
            if meta.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let what = if meta.len() <= READ_UP_TO {
                std::fs::read(&path).unwrap_or_default()
            } else {
                let time = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                format!("{}:{time:?}", meta.len()).into_bytes()
            };
            files.push((relative, what));
        }
    }
    files.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    files.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Read every draft, with the live courses' ids known (a draft's scan may
/// name them). Blocking.
pub fn load(content: &Path, live: &[String]) -> LoadResult {
    domain::content::load_beside(&root(content), live)
}

/// Read draft `id` alone, the same way. Blocking.
pub fn load_one(content: &Path, id: &str, live: &[String]) -> LoadResult {
    domain::content::load_one_beside(&root(content), id, live)
}

/// A copy of a draft, made to be checked and then published: what is
/// checked is what goes live, whatever the author saves meanwhile. It sits
/// in the drafts folder (`.publish-…/courses/<id>`, hidden), which the live
/// content and its watcher never read, on the same file system as the live
/// courses, so it moves there by a rename.
#[derive(Debug)]
pub struct Staged {
    root: PathBuf,
    id: String,
}

fn stamp() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Copy draft `id` for publishing (symbolic links are left out: a draft
/// cannot publish a file from elsewhere on the server).
pub fn stage(content: &Path, id: &str) -> io::Result<Staged> {
    let source = course_dir(content, id)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "draft folder"))?;
    let root = root(content).join(format!(".publish-{}", stamp()));
    let staged = Staged {
        root,
        id: id.to_string(),
    };
    std::fs::create_dir_all(staged.root.join("courses"))?;
    if let Err(err) = copy_tree(&source, &staged.dir()) {
        staged.discard();
        return Err(err);
    }
    Ok(staged)
}

impl Staged {
    /// A content folder holding the copy alone, to check it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn dir(&self) -> PathBuf {
        self.root.join("courses").join(&self.id)
    }

    /// Not published after all.
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }

    /// Put the copy in the live course's place: the live folder is renamed
    /// away (hidden, which the loader skips) and the copy renamed in.
    pub fn swap_in(self, content: &Path) -> io::Result<Swap> {
        let courses = content.join("courses");
        std::fs::create_dir_all(&courses)?;
        let live = courses.join(&self.id);
        let old = if live.exists() {
            let old = courses.join(format!(".{}.old-{}", self.id, stamp()));
            if let Err(err) = std::fs::rename(&live, &old) {
                self.discard();
                return Err(err);
            }
            Some(old)
        } else {
            None
        };
        if let Err(err) = std::fs::rename(self.dir(), &live) {
            let back = old.as_ref().map(|old| std::fs::rename(old, &live));
            self.discard();
            return match back {
                Some(Err(back)) => Err(io::Error::other(format!(
                    "{err}; putting the live course back failed too: {back}"
                ))),
                _ => Err(err),
            };
        }
        self.discard();
        Ok(Swap { live, old })
    }
}

/// A published draft, swapped in; [`Swap::keep`] or [`Swap::undo`] once
/// the live reload said whether it took it.
#[derive(Debug)]
pub struct Swap {
    live: PathBuf,
    /// The course folder it replaced, kept beside it (hidden) until then.
    old: Option<PathBuf>,
}

impl Swap {
    /// The live content took it: the old folder goes.
    pub fn keep(self) {
        if let Some(old) = self.old {
            if let Err(err) = std::fs::remove_dir_all(&old) {
                tracing::warn!(error = %err, folder = %old.display(), "the replaced course folder stays");
            }
        }
    }

    /// The live content refused it: the old folder comes back. The
    /// refused one is renamed away first (a rename cannot half fail, a
    /// removal can), then removed.
    pub fn undo(self) -> io::Result<()> {
        let refused = self.live.with_file_name(format!(
            ".{}.refused-{}",
            self.live
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            stamp()
        ));
        std::fs::rename(&self.live, &refused)?;
        if let Some(old) = &self.old {
            std::fs::rename(old, &self.live)?;
        }
        if let Err(err) = std::fs::remove_dir_all(&refused) {
            tracing::warn!(error = %err, folder = %refused.display(), "the refused course folder stays");
        }
        Ok(())
    }
}

/// Copy files and folders; anything else (a symbolic link) is left out,
/// so a draft cannot publish a file from elsewhere on the server.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lp-drafts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_fingerprint_moves_with_any_file() {
        let dir = folder("fingerprint");
        write(&dir.join("course.md"), "a");
        let first = fingerprint(&dir);
        assert_eq!(first, fingerprint(&dir));
        write(&dir.join("assets/x.svg"), "<svg/>");
        let second = fingerprint(&dir);
        assert_ne!(first, second);
        write(&dir.join("course.md"), "b");
        let third = fingerprint(&dir);
        assert_ne!(second, third, "a save of the same size");
        // Where the folder is does not matter (nodes with their own copy).
        let elsewhere = folder("fingerprint-copy");
        write(&elsewhere.join("course.md"), "b");
        write(&elsewhere.join("assets/x.svg"), "<svg/>");
        assert_eq!(third, fingerprint(&elsewhere));
        let _ = std::fs::remove_dir_all(&elsewhere);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_course_ids_name_a_draft() {
        let content = folder("ids");
        std::fs::create_dir_all(root(&content).join("courses/goed")).unwrap();
        std::fs::create_dir_all(root(&content).join("courses/.verborgen")).unwrap();
        assert!(course_dir(&content, "goed").is_some());
        assert!(course_dir(&content, "..").is_none());
        assert!(course_dir(&content, "../drafts/courses/goed").is_none());
        assert!(course_dir(&content, "bestaat-niet").is_none());
        assert!(course_dir(&content, "").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", root(&content).join("courses/link")).unwrap();
            assert!(course_dir(&content, "link").is_none());
        }
        assert_eq!(list(&content), ["goed"]);
        let _ = std::fs::remove_dir_all(&content);
    }

    #[test]
    fn a_swap_replaces_the_course_and_undo_puts_it_back() {
        let content = folder("swap");
        write(&content.join("courses/c/course.md"), "live");
        write(&content.join("courses/c/01-oud.md"), "oud");
        write(&root(&content).join("courses/c/course.md"), "concept");
        write(&root(&content).join("courses/c/assets/a.svg"), "<svg/>");
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/hostname", root(&content).join("courses/c/link.md"))
            .unwrap();
        let read = |p: &str| std::fs::read_to_string(content.join(p)).ok();
        let hidden = |dir: &str| -> Vec<String> {
            std::fs::read_dir(content.join(dir))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect()
        };

        let staged = stage(&content, "c").unwrap();
        // What is checked is the copy: a save after staging is not in it.
        write(&root(&content).join("courses/c/course.md"), "later");
        assert_eq!(
            std::fs::read_to_string(staged.root().join("courses/c/course.md")).unwrap(),
            "concept"
        );
        let swap = staged.swap_in(&content).unwrap();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("concept"));
        assert_eq!(read("courses/c/assets/a.svg").as_deref(), Some("<svg/>"));
        assert_eq!(read("courses/c/01-oud.md"), None);
        assert!(
            std::fs::symlink_metadata(content.join("courses/c/link.md")).is_err(),
            "the link is not copied"
        );
        swap.undo().unwrap();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("live"));
        assert_eq!(read("courses/c/01-oud.md").as_deref(), Some("oud"));
        assert_eq!(hidden("courses"), Vec::<String>::new());

        stage(&content, "c")
            .unwrap()
            .swap_in(&content)
            .unwrap()
            .keep();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("later"));
        assert_eq!(
            hidden("courses"),
            Vec::<String>::new(),
            "no old folder is left"
        );
        assert_eq!(hidden("drafts"), Vec::<String>::new(), "no copy is left");
        // A new course: nothing to put back.
        write(&root(&content).join("courses/n/course.md"), "nieuw");
        let swap = stage(&content, "n").unwrap().swap_in(&content).unwrap();
        assert_eq!(read("courses/n/course.md").as_deref(), Some("nieuw"));
        swap.undo().unwrap();
        assert!(!content.join("courses/n").exists());
        // The draft stays, to go on writing.
        assert!(course_dir(&content, "c").is_some());
        let _ = std::fs::remove_dir_all(&content);
    }
}
