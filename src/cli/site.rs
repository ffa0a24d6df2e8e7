//! `spotlight site`: builds the public hub as a static site in a folder.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use spotlight::render::Templates;
use spotlight::site::pages::Site;
use spotlight::write::{Mode, remove, write};

use super::{Context, Outcome};

/// The list of files the last build wrote, so a rebuild can remove pages that are gone
/// (withdrawn or superseded practice) without touching anything else in the folder.
const MANIFEST: &str = ".spotlight-site";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to build the hub in [default: out/site in the programme repository]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, report) = context.load_and_check()?;
    let templates = Templates::load(&repo.root)?;
    let out = match &args.out {
        Some(out) => out.clone(),
        None => repo.root.join("out").join("site"),
    };
    let site = Site::new(&repo, &report);
    let pages = site.pages();
    // Pages are rendered and written on every core, one at a time, so neither every page's
    // data nor every page's HTML is held at once.
    let written = spotlight::parallel::parallel_map(&pages, |page| -> Result<String> {
        let path = site.path(page);
        let html = site.render(page, &templates)?;
        put(&out, &path, html.as_bytes())?;
        Ok(path)
    });
    let mut files = BTreeSet::new();
    for path in written {
        files.insert(path?);
    }
    for asset in site.assets(&templates)? {
        put(&out, asset.path, &asset.bytes)?;
        files.insert(asset.path.to_string());
    }
    let removed = remove_stale(&out, &files)?;
    let manifest: String = files.iter().map(|f| format!("{f}\n")).collect();
    put(&out, MANIFEST, manifest.as_bytes())?;
    if !context.quiet {
        let mut stdout = anstream::stdout();
        writeln!(
            stdout,
            "built the hub in {}: {} submission{}, {} pages{}",
            out.display(),
            site.published.submissions.len(),
            if site.published.submissions.len() == 1 {
                ""
            } else {
                "s"
            },
            pages.len(),
            if removed > 0 {
                format!(", {removed} old file(s) removed")
            } else {
                String::new()
            }
        )?;
    }
    Ok(Outcome::Clean)
}

fn put(out: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    write(out, Path::new(relative), bytes, Mode::Output)
        .with_context(|| format!("cannot write {}", out.join(relative).display()))?;
    Ok(())
}

/// Removes the files the previous build listed that this one did not write.
fn remove_stale(out: &Path, files: &BTreeSet<String>) -> Result<usize> {
    let previous = match std::fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).context("cannot read the previous build's file list"),
    };
    let mut removed = 0;
    for line in previous.lines() {
        if line.is_empty() || files.contains(line) {
            continue;
        }
        // Only plain relative paths from our own list, reached through no link out of the
        // folder: never anything outside it.
        if remove(out, Path::new(line)).with_context(|| format!("cannot remove old {line}"))? {
            removed += 1;
        }
    }
    Ok(removed)
}
