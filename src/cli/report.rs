//! `spotlight report`: the London picture of the programme as Markdown (for a GitHub step
//! summary), one self-contained HTML page, a CSV table or the JSON document.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;
use serde::Serialize;

use spotlight::render::Templates;
use spotlight::report::{self, Figures, charts, tables};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: md suits $GITHUB_STEP_SUMMARY; html is one self-contained page with
    /// charts and a London tile map; csv needs --table; json is the stable document
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,

    /// The table to write with --format csv (docs/guide/report.md lists each table's columns)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(tables::NAMES))]
    table: Option<String>,

    /// Write the report to FILE instead of standard output (atomically; the folder is created)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Exit 0 even when some submission or review could not be read (each is named on stderr
    /// and counted under "could not be read")
    #[arg(long)]
    allow_errors: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Md,
    Html,
    Csv,
    Json,
}

/// What the HTML template sees: the figures and the charts drawn from them.
#[derive(Serialize)]
struct HtmlContext<'a> {
    #[serde(flatten)]
    figures: &'a Figures,
    charts: charts::Charts,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    if args.table.is_some() && args.format != Format::Csv {
        bail!("--table chooses a CSV table; add --format csv");
    }
    let (repo, checked) = context.load_and_check()?;
    let unread = spotlight::check::unread(&repo, &checked);
    let count = super::name_unread(&unread, "it is counted with what could be read");
    let today = context.today_in(repo.programme.tz);
    let figures = report::figures(&repo, &checked, today);
    let text = match args.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&figures)?;
            text.push('\n');
            text
        }
        Format::Csv => {
            let Some(name) = &args.table else {
                bail!(
                    "--format csv writes one table: add --table NAME, one of {}",
                    tables::NAMES.join(", ")
                );
            };
            let rows =
                tables::table(&figures, name).with_context(|| format!("no table named {name}"))?;
            spotlight::spreadsheet::to_csv(&rows)
        }
        Format::Md => Templates::load(&repo.root)?.render("report.md", &figures)?,
        Format::Html => {
            let context = HtmlContext {
                figures: &figures,
                charts: charts::charts(&figures),
            };
            Templates::load(&repo.root)?.render("report.html", &context)?
        }
    };
    match &args.out {
        Some(file) => write_out(file, text.as_bytes())?,
        None => anstream::stdout().write_all(text.as_bytes())?,
    }
    // The report is written either way: it counts them. The exit code tells CI.
    Ok(if count > 0 && !args.allow_errors {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Writes to `file` through the one writer, so the file is replaced atomically and nothing
/// lands outside its folder.
fn write_out(file: &Path, bytes: &[u8]) -> Result<()> {
    let name = file
        .file_name()
        .with_context(|| format!("--out {} names no file", file.display()))?;
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    write(folder, Path::new(name), bytes, Mode::Output)
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}
