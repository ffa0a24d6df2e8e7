//! The one way spotlight writes files: inside a chosen folder only, atomically (a temporary file
//! beside the target, then a rename or link), and, for files people own, never over an existing
//! one.

use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

/// Whether a write may replace an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Fail with `AlreadyExists` if the target exists (review stubs, new submissions).
    CreateNew,
    /// Replace the target atomically, flushed to disk before the rename (files people edit:
    /// a submission's approval block, CODEOWNERS).
    Replace,
    /// Replace the target atomically without waiting for the disk: output that the next run
    /// rebuilds (hub pages, letters, reports). Ten thousand hub pages with a flush each took
    /// seconds on an ordinary disk.
    Output,
}

/// Writes `bytes` to `folder/relative`. `relative` must be a plain relative path: no root, no
/// `..`, so nothing can land outside `folder`.
pub fn write(folder: &Path, relative: &Path, bytes: &[u8], mode: Mode) -> io::Result<PathBuf> {
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !safe || relative.as_os_str().is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write {} outside {}",
                relative.display(),
                folder.display()
            ),
        ));
    }
    let target = folder.join(relative);
    let parent = target.parent().unwrap_or(folder);
    std::fs::create_dir_all(parent)?;
    // A folder inside `folder` may be a link to somewhere else: resolve both and compare.
    if !parent.canonicalize()?.starts_with(folder.canonicalize()?) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write {}: {} links outside {}",
                relative.display(),
                parent.display(),
                folder.display()
            ),
        ));
    }
    if mode == Mode::CreateNew && target.symlink_metadata().is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists and is never overwritten",
                target.display()
            ),
        ));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        if mode != Mode::Output {
            file.sync_all()?;
        }
        match mode {
            // A hard link fails if the target appeared meanwhile: no race can clobber it.
            Mode::CreateNew => std::fs::hard_link(&temp, &target),
            Mode::Replace | Mode::Output => std::fs::rename(&temp, &target),
        }
    })();
    let _ = std::fs::remove_file(&temp);
    result.map(|()| target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_outside_the_folder_and_never_over_an_existing_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(
                write(root, Path::new(bad), b"x", Mode::Replace).is_err(),
                "{bad}"
            );
        }
        let path = Path::new("reviews/2026/a/b.md");
        write(root, path, b"first", Mode::CreateNew).unwrap();
        let error = write(root, path, b"second", Mode::CreateNew).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(root.join(path)).unwrap(), b"first");
        write(root, path, b"third", Mode::Replace).unwrap();
        assert_eq!(std::fs::read(root.join(path)).unwrap(), b"third");
        write(root, path, b"fourth", Mode::Output).unwrap();
        assert_eq!(std::fs::read(root.join(path)).unwrap(), b"fourth");
        let leftovers: Vec<_> = std::fs::read_dir(root.join("reviews/2026/a"))
            .unwrap()
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn never_through_a_link_to_a_folder_outside() {
        let dir = tempfile::TempDir::new().unwrap();
        let elsewhere = tempfile::TempDir::new().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("letters")).unwrap();
        let error = write(dir.path(), Path::new("letters/a.md"), b"x", Mode::Replace).unwrap_err();
        assert!(error.to_string().contains("links outside"), "{error}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
