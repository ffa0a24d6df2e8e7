//! `spotlight intake [FILE|-]`: an issue's body, as GitHub renders the submission form, becomes
//! `submissions/<edition>/<slug>.md`. Every answer that cannot be read is reported with its
//! field and fix, and nothing is written; an existing file is never overwritten.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use spotlight::intake;
use spotlight::scaffold;
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

/// GitHub keeps an issue's body under 65,536 characters; anything far larger is not one.
const MAX_BODY: u64 = 1 << 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The body (Markdown as GitHub renders the form); `-` or none reads stdin
    file: Option<PathBuf>,

    /// When the issue was opened (a date or date-time such as 2026-04-22T15:05:00Z); with an
    /// approval in the body, the file is `status: submitted`, otherwise a draft
    #[arg(long, value_name = "WHEN")]
    submitted: Option<String>,

    /// Print only the path of the file written, for a workflow to use
    #[arg(long)]
    print_path: bool,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let root = context.root()?;
    let programme = context.try_programme().context(
        "categories.yaml must parse before taking a submission: run `spotlight validate`",
    )?;
    let body = read_body(args.file.as_deref())?;
    let submitted = match &args.submitted {
        Some(text) => Some(
            intake::check_submitted(text, &programme)
                .map_err(|why| anyhow::anyhow!("--submitted: {why}; nothing was written"))?,
        ),
        None => None,
    };
    let today = context.today_in(programme.tz);
    let taken = match intake::read(&body, &programme, today, submitted.as_deref()) {
        Ok(taken) => taken,
        Err(errors) => {
            let mut stderr = anstream::stderr();
            for error in &errors {
                match error.label {
                    Some(label) => writeln!(stderr, "error: `{label}`: {}", error.message)?,
                    None => writeln!(stderr, "error: {}", error.message)?,
                }
                writeln!(stderr, "  help: {}", error.help)?;
            }
            writeln!(
                stderr,
                "cannot make the submission: {} answer(s) to fix; nothing was written",
                errors.len()
            )?;
            return Ok(Outcome::Findings);
        }
    };
    let relative = format!("submissions/{}/{}.md", programme.edition(), taken.slug);
    let text = scaffold::submission(&taken.new, &programme);
    match write(
        &root,
        Path::new(&relative),
        text.as_bytes(),
        Mode::CreateNew,
    ) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{relative} already exists and is never overwritten: this practice was taken already, or another has the same title and first authority; change the title, or edit {relative} instead"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot write {relative}")),
    }
    if args.print_path {
        anstream::println!("{relative}");
    } else if !context.quiet {
        let status = if taken.new.approval.is_some() && taken.new.submitted.is_some() {
            "submitted"
        } else {
            "a draft (no approval or no --submitted date yet)"
        };
        anstream::println!("wrote {relative}: {status}");
    }
    Ok(Outcome::Clean)
}

fn read_body(file: Option<&Path>) -> Result<String> {
    let mut bytes = Vec::new();
    match file {
        None => {
            std::io::stdin()
                .take(MAX_BODY + 1)
                .read_to_end(&mut bytes)
                .context("cannot read the issue's body from stdin")?;
        }
        Some(path) if path == Path::new("-") => {
            std::io::stdin()
                .take(MAX_BODY + 1)
                .read_to_end(&mut bytes)
                .context("cannot read the issue's body from stdin")?;
        }
        Some(path) => {
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_BODY + 1).read_to_end(&mut bytes))
                .with_context(|| format!("cannot read {}", path.display()))?;
        }
    }
    if bytes.len() as u64 > MAX_BODY {
        bail!(
            "the issue's body is over 1 MiB, far more than GitHub allows in an issue; is it the right file?"
        );
    }
    String::from_utf8(bytes).context("the issue's body is not UTF-8 text")
}
