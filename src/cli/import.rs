//! `spotlight import FILE.csv|FILE.xlsx`: a form export becomes submission files; every row that
//! cannot be converted is reported with its row number and reason, and nothing is ever
//! overwritten.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;

use spotlight::dates::DateOrder;

use spotlight::import::xlsx::{self, WorkbookError};
use spotlight::import::{self, COLUMNS, Table};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The form's export: CSV, or an Excel workbook (.xlsx, as Microsoft Forms downloads its
    /// responses); one row per submission, a header row first
    file: PathBuf,

    /// The workbook's sheet to read (the first one when not given)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,

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
    let table = read_table(&args.file, args.sheet.as_deref())?;
    let mapping = match &args.mapping {
        Some(path) => read_mapping(path)?,
        None => BTreeMap::new(),
    };
    let order = args.date_order.date_order();
    let rows =
        import::convert_table(&table, &mapping, &programme, order).map_err(anyhow::Error::msg)?;
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

/// The export's cells: a workbook when the file is named `.xlsx` or is a ZIP archive (as every
/// workbook is), CSV otherwise.
fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(other) = extension
        .as_deref()
        .filter(|e| ["xls", "xlsb", "ods", "numbers"].contains(e))
    {
        bail!(
            "{} is a .{other} spreadsheet, which spotlight does not read: open it and save it as Excel Workbook (.xlsx) or as CSV",
            path.display()
        );
    }
    let named_workbook = matches!(extension.as_deref(), Some("xlsx" | "xlsm"));
    let zipped = std::fs::File::open(path).is_ok_and(|mut file| {
        let mut magic = [0; 4];
        file.read_exact(&mut magic).is_ok() && magic == xlsx::ZIP_MAGIC
    });
    if !(named_workbook || zipped) {
        if sheet.is_some() {
            bail!(
                "--sheet picks a sheet of an .xlsx workbook, and {} is read as CSV",
                path.display()
            );
        }
        let csv = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
        return import::read_csv(&csv).map_err(anyhow::Error::msg);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let quoted = |sheets: &[String]| {
        sheets
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    xlsx::read(&bytes, sheet).map_err(|e| match e {
        WorkbookError::Unreadable(why) => anyhow::anyhow!(
            "{} is not a workbook spotlight can read ({why}): open it in Excel and save it as Excel Workbook (.xlsx), or download the responses as CSV",
            path.display()
        ),
        WorkbookError::NoSuchSheet { name, sheets } => anyhow::anyhow!(
            "{} has no sheet `{name}`; its sheets are {}: pass one of them to --sheet",
            path.display(),
            quoted(&sheets)
        ),
        WorkbookError::NoSheets => anyhow::anyhow!("{} has no sheets", path.display()),
        WorkbookError::EmptySheet { name, sheets } => anyhow::anyhow!(
            "sheet `{name}` of {} is empty: it needs a header row and one row per submission (its sheets are {}; pick another with --sheet)",
            path.display(),
            quoted(&sheets)
        ),
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
