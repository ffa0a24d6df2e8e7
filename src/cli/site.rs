//! `spotlight site`: builds the public hub as a static site in a folder.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use spotlight::attachments::{self, Unusable};
use spotlight::check;
use spotlight::parallel::parallel_map;
use spotlight::render::Templates;
use spotlight::site::Attachment;
use spotlight::site::pages::{PER_PAGE, Page, Rendered, Site};
use spotlight::site::search;
use spotlight::write::{OutputFolder, Streamed, remove};

use super::{Context, Outcome};

/// The list of files the last build wrote, so a rebuild can remove pages that are gone
/// (withdrawn or superseded practice) without touching anything else in the folder.
const MANIFEST: &str = ".spotlight-site";

/// Pages rendered at once: enough to keep every core busy, few enough that their HTML and
/// index entries are never a large part of memory.
const PAGES_AT_ONCE: usize = 128;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to build the hub in [default: out/site in the programme repository]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Cards on each page of a category, authority, theme or edition
    #[arg(long, value_name = "N", default_value_t = PER_PAGE, value_parser = per_page)]
    per_page: usize,

    /// Build the hub even when some submission could not be read (each is named on stderr and
    /// left out)
    #[arg(long)]
    allow_errors: bool,
}

fn per_page(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("`{text}` is not a number of cards of 1 or more")),
    }
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, report) = context.load_and_check()?;
    let unread = check::unread(&repo, &report);
    let left_out = super::name_unread(
        unread.iter().filter(|u| !u.is_review()),
        "it is left out of the hub",
    );
    if let Some(outcome) = super::refuse_unread(left_out, args.allow_errors, "the hub") {
        return Ok(outcome);
    }
    let templates = Templates::load(&repo.root)?;
    let out_dir = match &args.out {
        Some(out) => out.clone(),
        None => repo.root.join("out").join("site"),
    };
    let out = OutputFolder::new(&out_dir)
        .with_context(|| format!("cannot make {}", out_dir.display()))?;
    let site = Site::new(&repo, &report, args.per_page);
    let pages = site.pages();
    let planned = addresses(&site, &pages)?;
    // Before anything is written, the list of files names both what the last build left and
    // everything this one may write: a build that stops half-way leaves nothing behind that the
    // next good build will not remove.
    let previous = previous_build(&out_dir)?;
    let mut pending: BTreeSet<&str> = previous.iter().map(String::as_str).collect();
    pending.extend(planned.iter().map(|(_, path)| path.as_str()));
    pending.extend(FIXED);
    put_manifest(&out, &out_dir, pending.iter().copied())?;

    let mut index = SearchIndex::create(&out, &out_dir)?;
    let mut files = BTreeSet::new();
    let mut attachments = Vec::new();
    // Pages are rendered and written on every core, a batch at a time, in order: submission
    // pages come first and hand over their search index entries, which go straight to the
    // index files.
    // Submission pages come first; the tile maps they drew are let go once they are written.
    let submission_pages = site.published.submissions.len();
    let mut maps_drawn = true;
    for (n, batch) in planned.chunks(PAGES_AT_ONCE).enumerate() {
        if maps_drawn && n * PAGES_AT_ONCE >= submission_pages {
            site.forget_maps();
            maps_drawn = false;
        }
        let written = parallel_map(batch, |(page, path)| -> Result<Rendered> {
            let rendered = site.render(page, path, &templates)?;
            put(&out, &out_dir, path, rendered.html.as_bytes())?;
            Ok(rendered)
        });
        for ((_, path), result) in batch.iter().zip(written) {
            let rendered = result?;
            if let Some(entry) = &rendered.index_entry {
                index.add(entry)?;
            }
            attachments.extend(rendered.attachments);
            files.insert(path.as_str());
        }
    }
    index.finish()?;
    // Files beside the submissions, once each; the list of files names them before any is
    // copied, as it named the pages before they were written.
    let attachments: BTreeMap<String, Attachment> =
        attachments.into_iter().map(|a| (a.to.clone(), a)).collect();
    pending.extend(attachments.keys().map(String::as_str));
    put_manifest(&out, &out_dir, pending.iter().copied())?;
    let copied = copy_attachments(&out, &out_dir, &repo.root, &attachments)?;
    files.extend(copied.iter().map(String::as_str));
    for asset in site.assets(&templates)? {
        put(&out, &out_dir, asset.path, &asset.bytes)?;
    }
    files.extend(FIXED);
    let removed = remove_stale(&out_dir, &previous, &files)?;
    put_manifest(&out, &out_dir, files)?;
    if !context.quiet {
        let count = site.published.submissions.len();
        let pages = pages.len();
        let mut stdout = anstream::stdout();
        writeln!(
            stdout,
            "built the hub in {}: {count} submission{}, {pages} pages{}{}{}",
            out_dir.display(),
            if count == 1 { "" } else { "s" },
            match copied.len() {
                0 => String::new(),
                1 => ", 1 file beside them".to_string(),
                n => format!(", {n} files beside them"),
            },
            if removed > 0 {
                format!(", {removed} old file(s) removed")
            } else {
                String::new()
            },
            if left_out > 0 {
                format!(
                    "; {} could not be read and left out",
                    super::files_could_not(left_out)
                )
            } else {
                String::new()
            }
        )?;
    }
    drop(site);
    super::keep_until_exit((repo, report));
    Ok(Outcome::Clean)
}

/// The files every build writes besides its pages.
const FIXED: [&str; 4] = [
    "site.css",
    "search.js",
    SearchIndex::JSON,
    SearchIndex::SCRIPT,
];

/// Each page with the address it is written to. Two pages with one address would overwrite each
/// other (and share a temporary file while they did): that is refused, naming the address.
fn addresses<'p>(site: &Site, pages: &'p [Page]) -> Result<Vec<(&'p Page, String)>> {
    let mut seen = BTreeSet::new();
    let mut planned = Vec::with_capacity(pages.len());
    for page in pages {
        let path = site.path(page);
        if !seen.insert(path.clone()) {
            bail!(
                "two pages of the hub would both be written to {path}: a category, theme or \
                 edition may not be called `index`, and no two submissions, categories, themes \
                 or editions may have names that differ only in case or punctuation"
            );
        }
        planned.push((page, path));
    }
    Ok(planned)
}

/// The files the previous build listed, if there was one.
fn previous_build(out_dir: &Path) -> Result<BTreeSet<String>> {
    match std::fs::read_to_string(out_dir.join(MANIFEST)) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(e).context("cannot read the previous build's file list"),
    }
}

fn put_manifest<'f>(
    out: &OutputFolder,
    out_dir: &Path,
    files: impl IntoIterator<Item = &'f str>,
) -> Result<()> {
    let manifest: String = files.into_iter().map(|f| format!("{f}\n")).collect();
    put(out, out_dir, MANIFEST, manifest.as_bytes())
}

/// Copies each file a published section shows or links to beside its page, and returns where
/// the copies are. A file `validate` reports (missing, reached through a link, too large, gone
/// since) is named on stderr and not copied; the rest of the hub is built.
fn copy_attachments(
    out: &OutputFolder,
    out_dir: &Path,
    root: &Path,
    attachments: &BTreeMap<String, Attachment>,
) -> Result<Vec<String>> {
    let mut copied = Vec::new();
    for (to, attachment) in attachments {
        let from = attachment.folder.join(&attachment.relative);
        let shown = from.to_string_lossy().replace('\\', "/");
        let why = match attachments::locate(root, &attachment.folder, &attachment.relative) {
            Ok((path, _)) => match std::fs::read(&path) {
                Ok(bytes) => {
                    put(out, out_dir, to, &bytes)?;
                    copied.push(to.clone());
                    continue;
                }
                Err(e) => format!("cannot be read: {e}"),
            },
            Err(Unusable::Missing) => "does not exist (SP0408)".to_string(),
            Err(Unusable::Link) => "is reached through a symbolic link (SP0409)".to_string(),
            Err(Unusable::TooLarge(_)) => {
                format!("is over {} MiB (SP0409)", attachments::MAX_BYTES / 1048576)
            }
        };
        anstream::eprintln!("warning: {shown} {why}; it is not copied to the hub");
    }
    Ok(copied)
}

fn put(out: &OutputFolder, out_dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    out.write(Path::new(relative), bytes)
        .with_context(|| format!("cannot write {}", out_dir.join(relative).display()))
}

/// The search index, written entry by entry as `search-index.json` (for other tools) and as
/// `search-index.js` (the same JSON assigned to a variable, for the search page).
struct SearchIndex {
    json: Streamed,
    script: Streamed,
    entries: usize,
    out_dir: PathBuf,
}

impl SearchIndex {
    const JSON: &str = "search-index.json";
    const SCRIPT: &str = "search-index.js";

    fn create(out: &OutputFolder, out_dir: &Path) -> Result<SearchIndex> {
        let open = |name: &str| {
            out.create(Path::new(name))
                .with_context(|| format!("cannot write {}", out_dir.join(name).display()))
        };
        let mut index = SearchIndex {
            json: open(Self::JSON)?,
            script: open(Self::SCRIPT)?,
            entries: 0,
            out_dir: out_dir.to_path_buf(),
        };
        index.write_script(search::SCRIPT_START)?;
        index.both(search::INDEX_START)?;
        Ok(index)
    }

    fn add(&mut self, entry: &str) -> Result<()> {
        if self.entries > 0 {
            self.both(",")?;
        }
        self.entries += 1;
        self.both(entry)
    }

    /// Writes `text` to both files.
    fn both(&mut self, text: &str) -> Result<()> {
        self.write_json(text)?;
        self.write_script(text)
    }

    fn write_json(&mut self, text: &str) -> Result<()> {
        let path = self.out_dir.join(Self::JSON);
        self.json
            .write_all(text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    fn write_script(&mut self, text: &str) -> Result<()> {
        let path = self.out_dir.join(Self::SCRIPT);
        self.script
            .write_all(text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Closes the index and puts both files in place.
    fn finish(mut self) -> Result<()> {
        self.both(search::INDEX_END)?;
        self.write_json("\n")?;
        self.write_script(search::SCRIPT_END)?;
        let out_dir = self.out_dir.clone();
        let failed = |name: &str| format!("cannot write {}", out_dir.join(name).display());
        self.json.finish().with_context(|| failed(Self::JSON))?;
        self.script.finish().with_context(|| failed(Self::SCRIPT))?;
        Ok(())
    }
}

/// Removes the files the previous build listed that this one did not write.
fn remove_stale(out: &Path, previous: &BTreeSet<String>, files: &BTreeSet<&str>) -> Result<usize> {
    let mut removed = 0;
    for line in previous {
        if files.contains(line.as_str()) {
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
