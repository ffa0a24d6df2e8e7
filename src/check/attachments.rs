//! Files a submission shows or links to: each must exist beside the submission, be a kind the
//! hub copies and not too large; a picture needs alt text. The references are found by
//! [`crate::attachments`]; this rule looks at the files.

use std::path::Path;

use super::File;
use crate::attachments::{self, ALLOWED, MAX_BYTES, Refused, Unusable};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::parse::yaml::suggest;
use crate::source::Source;

pub fn check(
    submission: &Submission,
    file: &File,
    source: &Source,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !submission.parsed.body_found {
        return out;
    }
    let offset = submission.parsed.body_offset;
    let Some(body) = source.text.get(offset..) else {
        return out;
    };
    let folder = Path::new(&source.path)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    for reference in attachments::references(body) {
        let at = source.position(offset + reference.range.start, reference.range.len());
        let written = &reference.dest;
        if reference.image && !reference.has_alt {
            out.push(file.at(
                Code::ImageWithoutAlt,
                at,
                format!("the picture `{written}` has no alt text"),
                "describe it in the brackets, e.g. `![Families at the hub's opening day](photo.png)`",
            ));
        }
        let relative = match attachments::resolve(written) {
            Ok(relative) => relative,
            Err(Refused::Outside) => {
                out.push(file.at(
                    Code::AttachmentRefused,
                    at,
                    format!("`{written}` is outside {}/", folder.display()),
                    "the hub copies only files in the submission's own folder: move the file there and link to it by its name",
                ));
                continue;
            }
            Err(Refused::Kind(kind)) => {
                let kind = if kind.is_empty() {
                    "a file with no extension".to_string()
                } else {
                    format!("a .{kind} file")
                };
                out.push(file.at(
                    Code::AttachmentRefused,
                    at,
                    format!("`{written}` is {kind}, which the hub does not copy"),
                    format!(
                        "use a picture or a PDF ({}), or link to the file on the web",
                        ALLOWED.join(", ")
                    ),
                ));
                continue;
            }
        };
        let path = folder.join(&relative);
        match attachments::locate(root, &folder, &relative) {
            Ok(_) => {}
            Err(Unusable::TooLarge(bytes)) => out.push(file.at(
                Code::AttachmentRefused,
                at,
                format!(
                    "`{written}` is {:.1} MiB; the hub copies files up to {} MiB",
                    bytes as f64 / 1048576.0,
                    MAX_BYTES / 1048576
                ),
                "make it smaller (a lower resolution, a compressed PDF), or link to it on the web",
            )),
            Err(Unusable::Link) => out.push(file.at(
                Code::AttachmentRefused,
                at,
                format!("`{written}` is reached through a symbolic link"),
                "put the file itself in the submission's folder: a link could publish a file from anywhere",
            )),
            Err(Unusable::Missing) => out.push(file.at(
                Code::AttachmentMissing,
                at,
                format!("`{written}` does not exist: there is no {}", slashed(&path)),
                missing_help(root, &folder, &relative),
            )),
        }
    }
    out
}

/// A repository path with `/` separators, as every finding names files.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// How to fix a missing file: the nearest name in its folder, when one is close.
fn missing_help(root: &Path, folder: &Path, relative: &str) -> String {
    let wanted = Path::new(relative);
    let dir = folder.join(wanted.parent().unwrap_or(Path::new("")));
    let names: Vec<String> = std::fs::read_dir(root.join(&dir))
        .map(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let name = wanted
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match suggest(&name, &candidates) {
        Some(near) => format!("did you mean `{near}`? Names are case-sensitive"),
        None => format!(
            "add the file to {}/, or correct the name",
            slashed(&dir).trim_end_matches('/')
        ),
    }
}
