//! The one way spotlight writes files: inside a chosen folder only, atomically (a temporary file
//! beside the target, then a rename or link), and, for files people own, never over an existing
//! one.

use std::collections::HashSet;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

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
    let temp = temporary(&target);
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

/// A folder that a command fills with many generated files (the hub's pages): the rules of
/// [`write`] with mode [`Mode::Output`], but the folder is resolved once and each folder inside
/// it is checked once, not for every file, and a file can be written as a stream.
pub struct OutputFolder {
    folder: PathBuf,
    /// Folders inside already made and checked to resolve inside `folder`.
    checked: Mutex<HashSet<PathBuf>>,
}

impl OutputFolder {
    /// Makes `folder` if needed.
    pub fn new(folder: &Path) -> io::Result<OutputFolder> {
        std::fs::create_dir_all(folder)?;
        Ok(OutputFolder {
            folder: folder.to_path_buf(),
            checked: Mutex::new(HashSet::new()),
        })
    }

    /// Replaces `relative` with `bytes`, atomically. Written whole, so with no buffer between.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.open(relative, 0)?;
        file.write_all(bytes)?;
        file.finish()
    }

    /// A file written piece by piece, which replaces `relative` when finished (and is removed
    /// if dropped unfinished).
    pub fn create(&self, relative: &Path) -> io::Result<Streamed> {
        self.open(relative, 64 * 1024)
    }

    fn open(&self, relative: &Path, buffer: usize) -> io::Result<Streamed> {
        let (temp, target) = self.temp_and_target(relative)?;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        Ok(Streamed {
            file: Some(io::BufWriter::with_capacity(buffer, file)),
            temp,
            target,
        })
    }

    /// The temporary file and the target of a write to `relative`, in a folder made and checked.
    fn temp_and_target(&self, relative: &Path) -> io::Result<(PathBuf, PathBuf)> {
        let target = inside(&self.folder, relative, "write")?;
        let parent = target.parent().unwrap_or(&self.folder).to_path_buf();
        self.prepare(&parent, relative)?;
        Ok((temporary(&target), target))
    }

    /// Makes `parent` and checks it resolves inside the folder, once per folder.
    fn prepare(&self, parent: &Path, relative: &Path) -> io::Result<()> {
        let mut checked = self.checked.lock().unwrap_or_else(|p| p.into_inner());
        if checked.contains(parent) {
            return Ok(());
        }
        check_within(&self.folder, &deepest_existing(parent), relative, "write")?;
        std::fs::create_dir_all(parent)?;
        check_within(&self.folder, parent, relative, "write")?;
        checked.insert(parent.to_path_buf());
        Ok(())
    }
}

/// A file of an [`OutputFolder`] being written.
pub struct Streamed {
    file: Option<io::BufWriter<std::fs::File>>,
    temp: PathBuf,
    target: PathBuf,
}

impl Streamed {
    /// Puts the file in place of its target.
    pub fn finish(mut self) -> io::Result<()> {
        let file = self.file.take().expect("a file is finished once");
        let result = file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|_| std::fs::rename(&self.temp, &self.target));
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temp);
        }
        result
    }
}

impl io::Write for Streamed {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("not finished").write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("not finished").flush()
    }
}

impl Drop for Streamed {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The temporary file a write to `target` goes through, beside it, named for this process so
/// two runs never share one.
fn temporary(target: &Path) -> PathBuf {
    // Asked once: the hub writes ten thousand files, and each asking is a system call.
    static PROCESS: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let process = *PROCESS.get_or_init(std::process::id);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{process}.tmp"))
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

    #[test]
    fn an_output_folder_writes_inside_only_and_leaves_nothing_behind() {
        let dir = tempfile::TempDir::new().unwrap();
        let out = OutputFolder::new(&dir.path().join("site")).unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(out.write(Path::new(bad), b"x").is_err(), "{bad}");
        }
        out.write(Path::new("a/b.html"), b"first").unwrap();
        out.write(Path::new("a/b.html"), b"second").unwrap();
        let mut streamed = out.create(Path::new("a/c.json")).unwrap();
        streamed.write_all(b"[1,").unwrap();
        streamed.write_all(b"2]").unwrap();
        assert!(
            !dir.path().join("site/a/c.json").exists(),
            "not there until finished"
        );
        streamed.finish().unwrap();
        let unfinished = out.create(Path::new("a/d.json")).unwrap();
        drop(unfinished);
        assert_eq!(
            std::fs::read(dir.path().join("site/a/b.html")).unwrap(),
            b"second"
        );
        assert_eq!(
            std::fs::read(dir.path().join("site/a/c.json")).unwrap(),
            b"[1,2]"
        );
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("site/a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["b.html", "c.json"]);
    }

    #[test]
    fn an_output_folder_never_writes_through_a_link_to_a_folder_outside() {
        let dir = tempfile::TempDir::new().unwrap();
        let elsewhere = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("site/practice")).unwrap();
        let out = OutputFolder::new(&dir.path().join("site")).unwrap();
        let error = out
            .write(Path::new("practice/2026/a.html"), b"x")
            .unwrap_err();
        assert!(error.to_string().contains("links outside"), "{error}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
