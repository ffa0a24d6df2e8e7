//! The command line: flags, the commands, colour, output formats and exit codes. The only code
//! that knows about clap or prints.

mod approve;
mod assign;
mod calendar;
mod completions;
mod explain;
mod forms;
mod import;
mod init;
mod intake;
mod letters;
mod list;
mod mailing;
mod new;
mod remind;
mod render;
mod report;
mod schema;
mod site;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use spotlight::check::{self, Report};
use spotlight::diagnostic::Diagnostic;
use spotlight::load::{self, ConfigError};
use spotlight::model::Repository;

/// Run London's Practice Spotlight programme from a git repository.
#[derive(Debug, Parser)]
#[command(name = "spotlight", version, about, propagate_version = true)]
pub struct Cli {
    /// The programme repository [default: the nearest folder, here or above, holding categories.yaml]
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,

    /// When to colour output; NO_COLOR and CLICOLOR are honoured with `auto`
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    /// Print only findings, without the closing summary
    #[arg(short, long, global = true)]
    quiet: bool,

    /// The date to treat as today, for rules about the future [default: today in the
    /// programme's time zone]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check every submission, review and categories.yaml (or only the given files, with the
    /// checks across files)
    Validate(validate::Args),
    /// One row per submission: authorities, categories, status, eligibility, reviews
    List(list::Args),
    /// Assign reviewers to every open review place, optimally and without conflicts, and write
    /// the review stubs
    Assign(assign::Args),
    /// Write a new submission from flags (or prompts on a terminal), with the SHINE headings
    New(new::Args),
    /// Record a director's approval of a submission, bound to its current text
    Approve(approve::Args),
    /// Turn a form's export (CSV or .xlsx) into submission files (never overwriting one)
    Import(import::Args),
    /// Write the GitHub issue form that takes submissions, and the workflow recipe that turns
    /// its issues into pull requests
    Forms(forms::Args),
    /// Turn a submission issue's body (as GitHub renders the form) into a submission file
    Intake(intake::Args),
    /// Create a new programme repository in an empty folder
    Init(init::Args),
    /// Print the programme's milestones (deadline, review deadline) as an iCalendar file
    Calendar(calendar::Args),
    /// Print the JSON Schema of submission or review front matter or categories.yaml, or write
    /// all three (for editors' completion and checking)
    Schema(schema::Args),
    /// Print shell completions
    Completions(completions::CompletionArgs),
    /// Print the man page (roff)
    Man,
    /// Explain a diagnostic code and how to fix it (all codes when none is given)
    Explain(explain::Args),
    /// The London picture of the programme: entries, authorities, sub-regions, themes,
    /// partners, eligibility, review progress and reviewer load, as Markdown, HTML, CSV or JSON
    Report(report::Args),
    /// Build the public hub as a static site: every edition's published practice, browsable
    /// and searchable, with no personal data
    Site(site::Args),
    /// Write a recognition letter for each eligible submission whose reviews are all complete,
    /// and a mail-merge index
    Letters(letters::Args),
    /// Write a reminder e-mail to the reviewer of every open review (or those due soon or
    /// overdue), and a mail-merge index; `--send` sends them
    Remind(remind::Args),
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// How a command ended, as an exit code: 0 clean, 1 findings, 2 usage, configuration or I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Failed => 2,
        })
    }
}

/// Parses the command line and runs the command.
pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    let choice = match cli.color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    let context = Context {
        root: cli.root.clone(),
        quiet: cli.quiet,
        today: cli.today,
    };
    match cli.command {
        Command::Validate(args) => validate::run(&context, &args),
        Command::List(args) => list::run(&context, &args),
        Command::Assign(args) => assign::run(&context, &args),
        Command::New(args) => new::run(&context, &args),
        Command::Approve(args) => approve::run(&context, &args),
        Command::Import(args) => import::run(&context, &args),
        Command::Forms(args) => forms::run(&context, &args),
        Command::Intake(args) => intake::run(&context, &args),
        Command::Init(args) => init::run(&args),
        Command::Calendar(args) => calendar::run(&context, &args),
        Command::Schema(args) => schema::run(&context, &args),
        Command::Completions(args) => completions::completions(&args),
        Command::Man => completions::man(),
        Command::Explain(args) => explain::run(&args),
        Command::Report(args) => report::run(&context, &args),
        Command::Site(args) => site::run(&context, &args),
        Command::Letters(args) => letters::run(&context, &args),
        Command::Remind(args) => remind::run(&context, &args),
    }
}

/// What every command shares: where the programme is and what day it is.
pub struct Context {
    root: Option<PathBuf>,
    quiet: bool,
    /// `--today`; without it, today is the date in the programme's time zone, known once the
    /// programme is loaded.
    today: Option<NaiveDate>,
}

impl Context {
    /// The programme root: `--root`, or found from the working directory up.
    fn root(&self) -> Result<PathBuf> {
        if let Some(root) = &self.root {
            if !root.join(spotlight::programme::FILE_NAME).is_file() {
                bail!(
                    "{} has no categories.yaml; point --root at a programme repository",
                    root.display()
                );
            }
            return Ok(root.clone());
        }
        let here = std::env::current_dir().context("cannot read the current directory")?;
        load::find_root(&here).with_context(|| {
            format!(
                "no categories.yaml in {} or any folder above it; run spotlight inside a programme repository or pass --root",
                here.display()
            )
        })
    }

    /// The programme's settings, when spotlight runs inside a programme whose categories.yaml
    /// parses; `None` otherwise.
    fn try_programme(&self) -> Option<spotlight::programme::Programme> {
        let root = self.root().ok()?;
        let text = std::fs::read_to_string(root.join(spotlight::programme::FILE_NAME)).ok()?;
        let source = spotlight::source::Source::new(spotlight::programme::FILE_NAME, text);
        spotlight::programme::Programme::from_source(&source).ok()
    }

    /// `--today`, or today's date in `tz`.
    fn today_in(&self, tz: chrono_tz::Tz) -> NaiveDate {
        self.today.unwrap_or_else(|| spotlight::dates::today_in(tz))
    }

    /// Loads and checks the programme.
    fn load_and_check(&self) -> Result<(Repository, Report)> {
        check::run(&self.root()?, self.today)
    }
}

/// The submission and review files a command would have used but could not read in full:
/// each is named on stderr, one line with its codes and what the command does with it, and the
/// count closes the list. Returns how many there were.
fn name_unread<'a>(
    unread: impl IntoIterator<Item = &'a check::Unread<'a>>,
    consequence: &str,
) -> usize {
    let mut count = 0;
    for file in unread {
        count += 1;
        anstream::eprintln!(
            "warning: could not read {} in full ({}); {consequence}",
            file.file,
            file.describe()
        );
    }
    if count > 0 {
        anstream::eprintln!(
            "warning: {} could not be read in full; `spotlight validate` shows every finding",
            files_could_not(count)
        );
    }
    count
}

/// Writes `<out>/index.csv`, a mail-merge index: the header row, then the rows sorted, every cell
/// defused against spreadsheet formulas.
fn write_index(out: &Path, rows: &mut [Vec<String>]) -> Result<()> {
    rows[1..].sort();
    spotlight::write::write(
        out,
        Path::new("index.csv"),
        spotlight::spreadsheet::to_csv(rows).as_bytes(),
        spotlight::write::Mode::Output,
    )
    .with_context(|| format!("cannot write {}", out.join("index.csv").display()))?;
    Ok(())
}

/// "1 file" or "3 files".
fn files_could_not(count: usize) -> String {
    if count == 1 {
        "1 file".to_string()
    } else {
        format!("{count} files")
    }
}

/// Stops a command that would publish or send from a programme with files it could not read,
/// unless `--allow-errors` was given: the output would silently miss their work.
fn refuse_unread(count: usize, allow_errors: bool, what: &str) -> Option<Outcome> {
    (count > 0 && !allow_errors).then(|| {
        anstream::eprintln!(
            "error: {} could not be read, so {what} would miss {}; fix {} (`spotlight validate` says how) or pass --allow-errors to go on without {}",
            files_could_not(count),
            if count == 1 { "it" } else { "them" },
            if count == 1 { "it" } else { "them" },
            if count == 1 { "it" } else { "them" },
        );
        Outcome::Findings
    })
}

/// Prints an error that stopped a command, with its causes; a broken categories.yaml is drawn
/// like any other finding.
pub fn report_error(error: &anyhow::Error) {
    if let Some(config) = error.downcast_ref::<ConfigError>() {
        let sources = [config.source.clone()];
        let text = render::human(std::slice::from_ref(&config.diagnostic), &sources);
        anstream::eprint!("{text}");
        anstream::eprintln!(
            "error: categories.yaml must be fixed before anything else can be checked"
        );
        return;
    }
    anstream::eprintln!("error: {error:#}");
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date like 2026-04-24"))
}

/// Paths given on the command line, relative to the root with `/` separators.
fn relative_to_root(root: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot read {}", root.display()))?;
    paths
        .iter()
        .map(|path| {
            let full = path
                .canonicalize()
                .with_context(|| format!("cannot read {}", path.display()))?;
            let relative = full.strip_prefix(&root).with_context(|| {
                format!(
                    "{} is outside the programme at {}",
                    path.display(),
                    root.display()
                )
            })?;
            Ok(relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"))
        })
        .collect()
}

/// Leaves a loaded repository for the operating system to take back when the process ends, a
/// moment later: freeing 10,000 records one allocation at a time took 15–20 ms, some 3% of a
/// large `validate`. Only for the last use of a repository before a command returns.
fn keep_until_exit<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// Counts of errors and warnings.
fn tally(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}
