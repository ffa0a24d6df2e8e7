//! `spotlight approve ID`: records a director's sign-off in the submission, with the date and a
//! digest of the public text, so `validate` can say when the text changed after they signed.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use spotlight::check::approver_role;
use spotlight::london;
use spotlight::signoff::{self, Approval};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The submission, as <edition>/<slug>
    id: String,

    /// The approving director's name
    #[arg(long)]
    name: String,

    /// Their role: Director of Children's Services, Practice Leader or Assistant Director
    #[arg(long)]
    role: String,

    /// The submitting authority they approve for
    #[arg(long)]
    authority: String,

    /// The date they signed [default: --today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    date: Option<NaiveDate>,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, _) = context.load_and_check()?;
    let Some(submission) = repo.submission(&args.id) else {
        bail!(
            "there is no submission `{}`; `spotlight list` shows the ids",
            args.id
        );
    };
    let source = repo.read_source(submission.parsed.source)?;
    if submission.meta().is_none() {
        bail!(
            "{}'s front matter does not parse: run `spotlight validate {}` and fix it first",
            args.id,
            source.path
        );
    }
    let roles: Vec<&str> = repo
        .programme
        .settings()
        .approver_roles
        .iter()
        .map(|r| r.value.as_str())
        .collect();
    if approver_role(&args.role, &roles).is_none() {
        bail!(
            "`{}` cannot approve a submission: the approver must be one of {}",
            args.role,
            roles.join(", ")
        );
    }
    let index = london::register().find(&args.authority);
    if index.is_none_or(|i| !submission.authorities().contains(&i)) {
        bail!(
            "`{}` is not one of {}'s authorities: a director of a submitting authority must approve",
            args.authority,
            args.id
        );
    }
    let date = args
        .date
        .unwrap_or_else(|| context.today_in(repo.programme.tz))
        .to_string();
    let digest = signoff::digest(submission, &source.text)
        .context("the submission's front matter parses")?;
    let approval = Approval {
        name: &args.name,
        role: &args.role,
        local_authority: &args.authority,
        date: &date,
        digest: &digest,
    };
    let text = signoff::with_approval(&source.text, &approval)
        .context("the submission has front matter")?;
    write(
        &repo.root,
        Path::new(&source.path),
        text.as_bytes(),
        Mode::Replace,
    )
    .with_context(|| format!("cannot write {}", source.path))?;
    if !context.quiet {
        anstream::println!(
            "recorded {}'s approval ({}, {}) of {} on {date}; validate will warn if the text changes",
            args.name,
            args.role,
            args.authority,
            source.path
        );
    }
    Ok(Outcome::Clean)
}
