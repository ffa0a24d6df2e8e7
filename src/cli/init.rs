//! `spotlight init DIR`: a new programme repository, ready to validate. Refuses a folder that is
//! not empty, so nothing is ever overwritten.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use spotlight::write::{Mode, write};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (or an empty one)
    dir: PathBuf,
}

/// The files of a new programme: this edition's programme with fictional example reviewers to
/// replace, one example submission, the CI workflow and the templates folder's guide.
const FILES: &[(&str, &str)] = &[
    ("categories.yaml", include_str!("../../categories.yaml")),
    (
        "submissions/2026/camden-practice-insight-dashboard.md",
        include_str!("../../submissions/2026/camden-practice-insight-dashboard.md"),
    ),
    (
        ".github/workflows/spotlight.yml",
        include_str!("../../docs/github-workflow.yml"),
    ),
    (
        "templates/README.md",
        include_str!("../../templates/README.md"),
    ),
    (
        ".gitignore",
        "# spotlight's generated letters, reports and hub\n/out/\n",
    ),
];

pub fn run(args: &Args) -> Result<Outcome> {
    let dir = &args.dir;
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; spotlight init only fills an empty or new folder",
                dir.display()
            );
        }
    }
    for (relative, text) in FILES {
        write(dir, Path::new(relative), text.as_bytes(), Mode::CreateNew)
            .with_context(|| format!("cannot write {}", dir.join(relative).display()))?;
    }
    anstream::println!(
        "created a programme in {}: edit categories.yaml (the reviewers are fictional examples), then run `spotlight validate` there",
        dir.display()
    );
    Ok(Outcome::Clean)
}
