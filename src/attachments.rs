//! Files a submission shows or links to beside its text (`![photo](photo.png)`,
//! `[Evaluation](evaluation.pdf)`): which references are to files in the repository, where each
//! file is, and whether the hub may copy it. `validate` reports what is wrong with each; the hub
//! copies the ones [`locate`] finds.
//!
//! A reference is resolved against the submission's folder (`submissions/<edition>/`) and must
//! stay inside it, and the hub copies it to the same place beside the submission's page
//! (`practice/<edition>/`), so the link written in the Markdown works unchanged on the hub.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The kinds of file the hub copies: pictures browsers show, and PDF documents.
pub const ALLOWED: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "pdf"];

/// The largest file the hub copies: enough for a photo or a report, not for a video.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// A reference to a file in the repository, as written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The address as written (`photo.png`, `./docs/Evaluation%202026.pdf`).
    pub dest: String,
    pub image: bool,
    /// For an image, whether it has alt text.
    pub has_alt: bool,
    /// Byte range of the whole link or image in the body.
    pub range: Range<usize>,
}

/// Why a reference cannot be copied to the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It leaves the submission's folder (`../`), or names a hidden file or folder.
    Outside,
    /// Its kind is not in [`ALLOWED`]; the extension as written, or empty.
    Kind(String),
}

/// The references in `markdown` to files in the repository: links and images whose address has
/// no scheme and is not a fragment or an absolute path. In order of position.
pub fn references(markdown: &str) -> Vec<Reference> {
    // Most bodies link nowhere; a link or image needs `](` or a `]:` definition.
    if !markdown.contains("](") && !markdown.contains("]:") {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The image being read, and whether text was seen inside it (its alt text).
    let mut image: Option<(Reference, bool)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_local(&dest_url) => {
                let reference = Reference {
                    dest: dest_url.to_string(),
                    image: true,
                    has_alt: false,
                    range,
                };
                image = Some((reference, false));
            }
            Event::Start(Tag::Link { dest_url, .. }) if is_local(&dest_url) => {
                out.push(Reference {
                    dest: dest_url.to_string(),
                    image: false,
                    has_alt: false,
                    range,
                });
            }
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some((_, alt)) = image.as_mut() {
                    *alt = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((mut reference, alt)) = image.take() {
                    reference.has_alt = alt;
                    out.push(reference);
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.range.start);
    out
}

/// Whether an address points into the repository: not a web or mail address (any scheme), not
/// a fragment of the page, not an absolute path.
fn is_local(dest: &str) -> bool {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/', '\\', '?']) {
        return false;
    }
    // A scheme is letters, digits, `+`, `-` and `.` before a colon that comes before any `/`.
    let scheme = dest.split_once(':').is_some_and(|(before, _)| {
        !before.contains('/')
            && before.starts_with(|c: char| c.is_ascii_alphabetic())
            && before
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    !scheme
}

/// The file a reference names, relative to the submission's folder (`photos/hub.png`), with
/// `./` and percent-escapes resolved and any `?query` or `#fragment` dropped.
pub fn resolve(dest: &str) -> Result<String, Refused> {
    let path = dest.trim();
    let path = path.split(['#', '?']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refused::Outside)?;
    if path.contains('\\') || path.contains('\0') {
        return Err(Refused::Outside);
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            _ if part.starts_with('.') => return Err(Refused::Outside),
            _ => parts.push(part),
        }
    }
    let Some(name) = parts.last() else {
        return Err(Refused::Outside);
    };
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !ALLOWED.contains(&extension.as_str()) {
        return Err(Refused::Kind(extension));
    }
    Ok(parts.join("/"))
}

/// Why a file a reference names cannot be copied, once its path is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Nothing is there, or not a file.
    Missing,
    /// The path goes through a symbolic link, which could lead anywhere on the machine.
    Link,
    /// Over [`MAX_BYTES`]; its size.
    TooLarge(u64),
}

/// The file at `folder/relative` under `root` (`folder` is the submission's folder, relative to
/// the root) and its size, when the hub may copy it: a plain file, not reached through a
/// symbolic link, at most [`MAX_BYTES`].
pub fn locate(root: &Path, folder: &Path, relative: &str) -> Result<(PathBuf, u64), Unusable> {
    let mut path = root.join(folder);
    for part in relative.split('/') {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(Unusable::Link),
            Ok(_) => {}
            Err(_) => return Err(Unusable::Missing),
        }
    }
    let meta = std::fs::symlink_metadata(&path).map_err(|_| Unusable::Missing)?;
    if !meta.is_file() {
        return Err(Unusable::Missing);
    }
    if meta.len() > MAX_BYTES {
        return Err(Unusable::TooLarge(meta.len()));
    }
    Ok((path, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_images_to_files_are_found_with_their_alt_text() {
        let body = "See ![Families at the opening](photo.png) and ![](plan.jpg).\n\n\
                    [Evaluation](docs/evaluation.pdf), [site](https://example.org/x.pdf),\n\
                    [mail](mailto:a@example.org), [top](#how), [abs](/etc/passwd), [ref].\n\n\
                    [ref]: ./report.pdf\n";
        let found = references(body);
        let summary: Vec<(&str, bool, bool)> = found
            .iter()
            .map(|r| (r.dest.as_str(), r.image, r.has_alt))
            .collect();
        assert_eq!(
            summary,
            [
                ("photo.png", true, true),
                ("plan.jpg", true, false),
                ("docs/evaluation.pdf", false, false),
                ("./report.pdf", false, false),
            ]
        );
        let first = &found[0];
        assert_eq!(
            &body[first.range.clone()],
            "![Families at the opening](photo.png)"
        );
    }

    #[test]
    fn prose_without_links_is_not_parsed() {
        assert!(references("Plain prose about [brackets] and (parentheses).").is_empty());
    }

    #[test]
    fn resolving_stays_in_the_folder_and_takes_only_allowed_kinds() {
        assert_eq!(resolve("photo.png").as_deref(), Ok("photo.png"));
        assert_eq!(resolve("./a/./b.PDF#page=2").as_deref(), Ok("a/b.PDF"));
        assert_eq!(
            resolve("Evaluation%202026.pdf").as_deref(),
            Ok("Evaluation 2026.pdf")
        );
        assert_eq!(resolve("../2025/x.png"), Err(Refused::Outside));
        assert_eq!(resolve("a/../../x.png"), Err(Refused::Outside));
        assert_eq!(resolve(".git/config.png"), Err(Refused::Outside));
        assert_eq!(resolve("a%2F..%2F..%2Fx.png"), Err(Refused::Outside));
        assert_eq!(resolve("a\\x.png"), Err(Refused::Outside));
        assert_eq!(resolve("notes.docx"), Err(Refused::Kind("docx".into())));
        assert_eq!(resolve("drawing.svg"), Err(Refused::Kind("svg".into())));
        assert_eq!(resolve("README"), Err(Refused::Kind(String::new())));
    }

    #[test]
    fn web_addresses_fragments_and_absolute_paths_are_not_files() {
        for dest in [
            "https://example.org/a.png",
            "HTTP://example.org",
            "mailto:x@example.org",
            "tel:+442079460000",
            "data:image/png;base64,AAAA",
            "#impact",
            "/abs.png",
            "//example.org/a.png",
            "",
        ] {
            assert!(!is_local(dest), "{dest}");
        }
        assert!(is_local("a.png") && is_local("photos/a:b.png") && is_local("./x.pdf"));
    }
}
