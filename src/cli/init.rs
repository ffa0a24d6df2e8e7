//! `spotlight init DIR`: a new programme repository, ready to validate. Refuses a folder that is
//! not empty, so nothing is ever overwritten.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use spotlight::intake;
use spotlight::programme::Programme;
use spotlight::scaffold;
use spotlight::source::Source;
use spotlight::write::{Mode, write};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (or an empty one)
    dir: PathBuf,

    /// The GitHub repository (owner/name) whose releases of spotlight the CI workflow downloads
    /// [default: the repository this spotlight was built from, when known]
    #[arg(long, value_name = "OWNER/NAME", value_parser = repository)]
    release_from: Option<String>,
}

pub(super) fn repository(text: &str) -> Result<String, String> {
    if scaffold::is_repository(text) {
        Ok(text.to_string())
    } else {
        Err("expected a GitHub repository as owner/name, e.g. example-org/spotlight".into())
    }
}

/// Where this spotlight's releases are published: the GitHub `origin` it was built from, or the
/// package's `repository`.
pub(super) fn built_from() -> Option<String> {
    scaffold::github_repository(env!("SPOTLIGHT_BUILT_FROM"))
        .or_else(|| scaffold::github_repository(env!("CARGO_PKG_REPOSITORY")))
}

/// The files of a new programme: this edition's programme with fictional example reviewers to
/// replace, one example submission and the templates folder's guide; the CI workflow, the
/// submission issue form and the intake workflow recipe are written beside them.
const FILES: &[(&str, &str)] = &[
    ("categories.yaml", include_str!("../../categories.yaml")),
    (
        "submissions/2026/camden-practice-insight-dashboard.md",
        include_str!("../../submissions/2026/camden-practice-insight-dashboard.md"),
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

const WORKFLOW_PATH: &str = ".github/workflows/spotlight.yml";

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
    let repository = args.release_from.clone().or_else(built_from);
    let workflow = scaffold::workflow(repository.as_deref());
    // The issue form that takes submissions, from the programme being written, and the
    // workflow recipe that turns its issues into pull requests (a recipe in docs/: running it
    // needs the repository to let Actions open pull requests, which only its owner can allow).
    let categories = FILES[0].1;
    let programme =
        Programme::from_source(&Source::new(spotlight::programme::FILE_NAME, categories)).map_err(
            |d| anyhow::anyhow!("the bundled categories.yaml does not parse: {}", d.message),
        )?;
    let issue_form = intake::form(&programme).map_err(anyhow::Error::msg)?;
    let intake_workflow = intake::form::workflow(repository.as_deref());
    let files = FILES.iter().copied().chain([
        (WORKFLOW_PATH, workflow.as_str()),
        (intake::form::FORM_PATH, issue_form.as_str()),
        (intake::form::WORKFLOW_PATH, intake_workflow.as_str()),
    ]);
    for (relative, text) in files {
        write(dir, Path::new(relative), text.as_bytes(), Mode::CreateNew)
            .with_context(|| format!("cannot write {}", dir.join(relative).display()))?;
    }
    anstream::println!(
        "created a programme in {}: edit categories.yaml (the reviewers are fictional examples), then run `spotlight validate` there",
        dir.display()
    );
    if repository.is_none() {
        anstream::eprintln!(
            "warning: {WORKFLOW_PATH} and {} download spotlight from `{}`, which is a placeholder: \
             set SPOTLIGHT_REPOSITORY there to the GitHub repository that publishes spotlight's \
             releases, or run init again with --release-from OWNER/NAME",
            intake::form::WORKFLOW_PATH,
            scaffold::WORKFLOW_PLACEHOLDER
        );
    }
    Ok(Outcome::Clean)
}
