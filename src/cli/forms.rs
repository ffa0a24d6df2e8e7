//! `spotlight forms`: the GitHub issue form that takes submissions
//! (`.github/ISSUE_TEMPLATE/submission.yml`), written from categories.yaml and the London
//! register, and the workflow recipe that turns its issues into pull requests
//! (`docs/intake-workflow.yml`). Never overwrites either unless `--force`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use spotlight::intake::form::{self, FORM_PATH, WORKFLOW_PATH};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write into [default: the programme's root]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Print the issue form to stdout instead of writing the files
    #[arg(long, conflicts_with_all = ["out", "force"])]
    print: bool,

    /// Replace the files when they exist (after changing categories.yaml)
    #[arg(long)]
    force: bool,

    /// The GitHub repository (owner/name) whose releases of spotlight the workflow downloads
    /// [default: the repository this spotlight was built from, when known]
    #[arg(long, value_name = "OWNER/NAME", value_parser = super::init::repository)]
    release_from: Option<String>,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let root = context.root()?;
    let programme = context.try_programme().context(
        "categories.yaml must parse before the form can be written: run `spotlight validate`",
    )?;
    let text = form::form(&programme)
        .map_err(|why| anyhow::anyhow!("cannot write the issue form: {why}"))?;
    if args.print {
        anstream::stdout().write_all(text.as_bytes())?;
        return Ok(Outcome::Clean);
    }
    let repository = args.release_from.clone().or_else(super::init::built_from);
    let workflow = form::workflow(repository.as_deref());
    let out = args.out.clone().unwrap_or(root);
    let files = [
        (FORM_PATH, text.as_str()),
        (WORKFLOW_PATH, workflow.as_str()),
    ];
    if !args.force {
        let existing: Vec<&str> = files
            .iter()
            .map(|(path, _)| *path)
            .filter(|path| out.join(path).exists())
            .collect();
        if !existing.is_empty() {
            bail!(
                "{} already exist(s) in {} and is never overwritten: pass --force to replace it, or --out DIR to write elsewhere",
                existing.join(" and "),
                out.display()
            );
        }
    }
    let mode = if args.force {
        Mode::Replace
    } else {
        Mode::CreateNew
    };
    for (relative, text) in files {
        write(&out, Path::new(relative), text.as_bytes(), mode)
            .with_context(|| format!("cannot write {}", out.join(relative).display()))?;
        if !context.quiet {
            anstream::println!("wrote {relative}");
        }
    }
    if !context.quiet {
        anstream::println!(
            "copy {WORKFLOW_PATH} to .github/workflows/intake.yml to turn submission issues into pull requests"
        );
    }
    if repository.is_none() {
        anstream::eprintln!(
            "warning: {WORKFLOW_PATH} downloads spotlight from `{}`, which is a placeholder: set SPOTLIGHT_REPOSITORY there, or pass --release-from OWNER/NAME",
            spotlight::scaffold::WORKFLOW_PLACEHOLDER
        );
    }
    Ok(Outcome::Clean)
}
