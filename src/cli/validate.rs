//! `spotlight validate`: check everything and report in the chosen format.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use spotlight::diagnostic::Diagnostic;
use spotlight::load::ConfigError;
use spotlight::model::Repository;

use super::{Context, Outcome, relative_to_root, render, tally};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Report only on these files (the checks across files still run)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Fail (exit 1) on warnings as well as errors
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with the source line and a caret
    Human,
    /// GitHub Actions annotations, plus a table in $GITHUB_STEP_SUMMARY
    Github,
    /// The stable JSON document described in docs/guide/output-formats.md
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, mut report) = match context.load_and_check() {
        Ok(checked) => checked,
        Err(error) => {
            // A broken categories.yaml stops the run (exit 2, drawn on stderr), but in CI it
            // must still mark the file in the pull request.
            if args.format == Format::Github
                && let Some(config) = error.downcast_ref::<ConfigError>()
            {
                let annotation = render::github(std::slice::from_ref(&config.diagnostic));
                write!(anstream::stdout(), "{annotation}")?;
            }
            return Err(error);
        }
    };
    let mut files = repo.files;
    if !args.paths.is_empty() {
        let selection = Selection::new(&repo, &args.paths)?;
        files = selection.count_files(&repo, &report.diagnostics);
        report.diagnostics.retain(|d| selection.covers(&d.file));
        report.submissions.retain(|s| {
            repo.submission(&s.id)
                .is_some_and(|sub| selection.covers(&repo.source(sub.parsed.source).path))
        });
    }
    let (errors, warnings) = tally(&report.diagnostics);
    let mut stdout = anstream::stdout();
    match args.format {
        Format::Human => {
            write!(
                stdout,
                "{}",
                render::human(&report.diagnostics, &repo.sources_of(&report.diagnostics))
            )?;
            if !context.quiet {
                let eligible = report
                    .submissions
                    .iter()
                    .filter(|s| s.eligible == Some(true))
                    .count();
                let judged = report
                    .submissions
                    .iter()
                    .filter(|s| s.eligible.is_some())
                    .count();
                writeln!(
                    stdout,
                    "checked {files} files: {errors} error(s), {warnings} warning(s); {eligible} of {judged} submitted {} entries eligible",
                    repo.programme.edition()
                )?;
            }
        }
        Format::Github => {
            write!(stdout, "{}", render::github(&report.diagnostics))?;
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                let mut file = std::fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(&path)
                    .with_context(|| {
                        format!(
                            "cannot write the step summary to {}",
                            PathBuf::from(&path).display()
                        )
                    })?;
                file.write_all(render::step_summary(&report.diagnostics).as_bytes())?;
            }
        }
        Format::Json => write!(stdout, "{}", render::json(&report, files))?,
        Format::Sarif => write!(stdout, "{}", render::sarif(&report.diagnostics))?,
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    super::keep_until_exit((repo, report));
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The paths given on the command line: a file stands for itself, a folder for every file under
/// it (the root for every file).
struct Selection {
    files: BTreeSet<String>,
    folders: BTreeSet<String>,
}

impl Selection {
    fn new(repo: &Repository, paths: &[PathBuf]) -> Result<Selection> {
        let mut selection = Selection {
            files: BTreeSet::new(),
            folders: BTreeSet::new(),
        };
        for (path, relative) in paths.iter().zip(relative_to_root(&repo.root, paths)?) {
            if path.is_dir() {
                let prefix = if relative.is_empty() {
                    relative
                } else {
                    format!("{relative}/")
                };
                selection.folders.insert(prefix);
            } else {
                selection.files.insert(relative);
            }
        }
        Ok(selection)
    }

    fn covers(&self, file: &str) -> bool {
        self.files.contains(file) || self.folders.iter().any(|f| file.starts_with(f.as_str()))
    }

    /// How many of the files looked at are covered: those loaded, and those that could not be
    /// (each has a finding but no source).
    fn count_files(&self, repo: &Repository, diagnostics: &[Diagnostic]) -> usize {
        let mut looked_at: BTreeSet<&str> = repo.sources.iter().map(|s| s.path.as_str()).collect();
        looked_at.extend(diagnostics.iter().map(|d| d.file.as_str()));
        looked_at.into_iter().filter(|f| self.covers(f)).count()
    }
}
