//! `spotlight import FILE.csv`: a form export becomes submission files; every row that cannot be
//! converted is reported with its row number and reason, and nothing is ever overwritten.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;

use spotlight::dates::DateOrder;

use spotlight::import::{self, COLUMNS};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The form's CSV export (one row per submission, a header row first)
    file: PathBuf,

    /// A YAML file mapping spotlight's column names to your form's headers, e.g.
    /// `title: "Name of your practice"`
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,

    /// How to read dates such as 03/04/2026: `dmy` (day/month/year, as UK forms write them)
    /// or `mdy` (month/day/year, as US-style exports do). A date that is no day in this order
    /// but is one in the other is refused, never swapped; ISO dates are read either way
    #[arg(long, value_enum, default_value_t = Order::Dmy, value_name = "ORDER")]
    date_order: Order,

    /// Report what would be written without writing anything
    #[arg(long)]
    dry_run: bool,
}

/// The order of day and month in a form's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Order {
    /// Day/month/year: 03/04/2026 is 3 April
    Dmy,
    /// Month/day/year: 03/04/2026 is 4 March
    Mdy,
}

impl Order {
    fn date_order(self) -> DateOrder {
        match self {
            Order::Dmy => DateOrder::DayMonthYear,
            Order::Mdy => DateOrder::MonthDayYear,
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Order::Dmy => "dmy",
            Order::Mdy => "mdy",
        }
    }
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let root = context.root()?;
    let programme = context
        .try_programme()
        .context("categories.yaml must parse before importing: run `spotlight validate`")?;
    let csv = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {} as UTF-8 text", args.file.display()))?;
    let mapping = match &args.mapping {
        Some(path) => read_mapping(path)?,
        None => BTreeMap::new(),
    };
    let order = args.date_order.date_order();
    let rows = import::convert(&csv, &mapping, &programme, order).map_err(anyhow::Error::msg)?;
    // A date valid both ways (03/04/2026) was read in the chosen order: say which, so a wrong
    // choice is noticed.
    let by_order = rows.iter().flatten().any(|c| c.dates_by_order);
    let mut stdout = anstream::stdout();
    let (mut written, mut refused) = (0, 0);
    for row in rows {
        match row {
            Ok(converted) => {
                let relative = format!("submissions/{}/{}.md", programme.edition(), converted.slug);
                if args.dry_run {
                    writeln!(stdout, "row {}: would write {relative}", converted.row)?;
                    written += 1;
                    continue;
                }
                match write(
                    &root,
                    Path::new(&relative),
                    converted.text.as_bytes(),
                    Mode::CreateNew,
                ) {
                    Ok(_) => {
                        writeln!(stdout, "row {}: wrote {relative}", converted.row)?;
                        written += 1;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        writeln!(
                            stdout,
                            "row {}: not converted: {relative} already exists and is never overwritten",
                            converted.row
                        )?;
                        refused += 1;
                    }
                    Err(e) => return Err(e).with_context(|| format!("cannot write {relative}")),
                }
            }
            Err(rejected) => {
                writeln!(
                    stdout,
                    "row {}: not converted: {}",
                    rejected.row,
                    rejected.reasons.join("; ")
                )?;
                refused += 1;
            }
        }
    }
    let verb = if args.dry_run { "would write" } else { "wrote" };
    writeln!(
        stdout,
        "{verb} {written} submission(s); {refused} row(s) not converted"
    )?;
    if by_order {
        anstream::eprintln!(
            "dates read {} (--date-order {})",
            order.describe(),
            args.date_order.flag()
        );
    }
    Ok(if refused > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn read_mapping(path: &Path) -> Result<BTreeMap<String, String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mapping: BTreeMap<String, String> = spotlight::parse::yaml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a mapping of column names: {e}", path.display()))?;
    for key in mapping.keys() {
        if !COLUMNS.contains(&key.as_str()) {
            bail!(
                "{}: `{key}` is not one of spotlight's columns: {}",
                path.display(),
                COLUMNS.join(", ")
            );
        }
    }
    Ok(mapping)
}
