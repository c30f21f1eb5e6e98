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
    (ok && dir.is_dir()).then_some(dir)
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

/// What changes when any file of the folder changes: every file's path,
/// size and modification time, hashed. Cheap (no file is read).
pub fn fingerprint(dir: &Path) -> String {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                files.push((entry.path(), meta.len(), meta.modified().ok()));
            }
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

/// A published draft, swapped in; [`Swap::keep`] or [`Swap::undo`] once
/// the live reload said whether it took it.
#[derive(Debug)]
pub struct Swap {
    live: PathBuf,
    /// The course folder it replaced, kept beside it (hidden) until then.
    old: Option<PathBuf>,
}

/// Copy draft `id` beside the live courses (a hidden folder, which the
/// loader skips), then rename the live course away and the copy into its
/// place: a reload sees the old course or the new one, never half of one.
pub fn swap_in(content: &Path, id: &str) -> io::Result<Swap> {
    let source = course_dir(content, id)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "draft folder"))?;
    let courses = content.join("courses");
    std::fs::create_dir_all(&courses)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let staging = courses.join(format!(".{id}.new-{stamp}"));
    if let Err(err) = copy_tree(&source, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    let live = courses.join(id);
    let old = if live.exists() {
        let old = courses.join(format!(".{id}.old-{stamp}"));
        if let Err(err) = std::fs::rename(&live, &old) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(err);
        }
        Some(old)
    } else {
        None
    };
    if let Err(err) = std::fs::rename(&staging, &live) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, &live);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    Ok(Swap { live, old })
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

    /// The live content refused it: the old folder comes back.
    pub fn undo(self) -> io::Result<()> {
        std::fs::remove_dir_all(&self.live)?;
        match self.old {
            Some(old) => std::fs::rename(old, &self.live),
            None => Ok(()),
        }
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
        write(&dir.join("course.md"), "ab");
        assert_ne!(second, fingerprint(&dir));
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

        let swap = swap_in(&content, "c").unwrap();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("concept"));
        assert_eq!(read("courses/c/assets/a.svg").as_deref(), Some("<svg/>"));
        assert_eq!(read("courses/c/01-oud.md"), None);
        assert!(!content.join("courses/c/link.md").exists());
        swap.undo().unwrap();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("live"));
        assert_eq!(read("courses/c/01-oud.md").as_deref(), Some("oud"));

        swap_in(&content, "c").unwrap().keep();
        assert_eq!(read("courses/c/course.md").as_deref(), Some("concept"));
        let left: Vec<_> = std::fs::read_dir(content.join("courses"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["c"], "no staging or old folder is left");
        // The draft stays, to go on writing.
        assert!(course_dir(&content, "c").is_some());
        let _ = std::fs::remove_dir_all(&content);
    }
}
