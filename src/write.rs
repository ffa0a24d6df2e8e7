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
/// `..`, and no folder on the way that links outside `folder`, so nothing can land outside it.
pub fn write(folder: &Path, relative: &Path, bytes: &[u8], mode: Mode) -> io::Result<PathBuf> {
    let target = inside(folder, relative, "write")?;
    let parent = target.parent().unwrap_or(folder);
    // Checked before any folder is created, so no folder is made through a link either; and
    // again after, in case one appeared meanwhile.
    std::fs::create_dir_all(folder)?;
    check_within(folder, &deepest_existing(parent), relative, "write")?;
    std::fs::create_dir_all(parent)?;
    check_within(folder, parent, relative, "write")?;
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

/// Removes `folder/relative` if it is there, under the same rules as [`write`]: a plain
/// relative path, reached through no link out of `folder`. `Ok(false)`: there was nothing.
pub fn remove(folder: &Path, relative: &Path) -> io::Result<bool> {
    let target = inside(folder, relative, "remove")?;
    let parent = target.parent().unwrap_or(folder);
    if !parent.exists() {
        return Ok(false);
    }
    check_within(folder, parent, relative, "remove")?;
    match std::fs::remove_file(&target) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// `folder/relative`, if `relative` is a plain relative path.
fn inside(folder: &Path, relative: &Path, verb: &str) -> io::Result<PathBuf> {
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain || relative.as_os_str().is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to {verb} {} outside {}",
                relative.display(),
                folder.display()
            ),
        ));
    }
    Ok(folder.join(relative))
}

/// An error unless `dir` (which exists) resolves to a place inside `folder`: a folder inside
/// `folder` may be a link to somewhere else, so both are resolved and compared.
fn check_within(folder: &Path, dir: &Path, relative: &Path, verb: &str) -> io::Result<()> {
    if dir.canonicalize()?.starts_with(folder.canonicalize()?) {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "refusing to {verb} {}: {} links outside {}",
            relative.display(),
            dir.display(),
            folder.display()
        ),
    ))
}

/// `dir`, or its nearest ancestor that exists.
fn deepest_existing(dir: &Path) -> PathBuf {
    let mut at = dir;
    while at.symlink_metadata().is_err() {
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    at.to_path_buf()
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
        // Not even a folder is made through the link.
        let error = write(
            dir.path(),
            Path::new("letters/2026/a.md"),
            b"x",
            Mode::Output,
        );
        assert!(error.is_err());
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);

        std::fs::write(elsewhere.path().join("kept.md"), b"x").unwrap();
        let error = remove(dir.path(), Path::new("letters/kept.md")).unwrap_err();
        assert!(error.to_string().contains("links outside"), "{error}");
        assert!(elsewhere.path().join("kept.md").exists());
        assert!(remove(dir.path(), Path::new("../kept.md")).is_err());
        write(dir.path(), Path::new("own/a.md"), b"x", Mode::Output).unwrap();
        assert!(remove(dir.path(), Path::new("own/a.md")).unwrap());
        assert!(!remove(dir.path(), Path::new("own/a.md")).unwrap());
        assert!(!remove(dir.path(), Path::new("none/a.md")).unwrap());
    }
}
