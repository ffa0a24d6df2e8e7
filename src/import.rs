//! A web form's export (CSV, or an Excel workbook read by [`xlsx`]) turned into submission
//! files. Pure: the cells, an optional column mapping and the programme in; for each row, either
//! the file to write or why it cannot be converted (with the row number a spreadsheet shows).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::check::is_email;
use crate::check::shine::SECTIONS;
use crate::dates::{DateError, DateOrder, FormDateError, parse_form_date};
use crate::london::{self, Resolution};
use crate::model::{is_slug, slugify};
use crate::parse::yaml::suggest;
use crate::programme::Programme;
use crate::scaffold::{Approval, list, quoted};

pub mod xlsx;

/// The columns spotlight reads, in the order the README documents them.
pub const COLUMNS: &[&str] = &[
    "title",
    "categories",
    "local_authorities",
    "partners",
    "summary",
    "contact_name",
    "contact_role",
    "contact_email",
    "team",
    "approver_name",
    "approver_role",
    "approver_authority",
    "approval_date",
    "approver_email",
    "submitted",
    "themes",
    "links",
    "setting_the_scene",
    "how",
    "impact",
    "next_steps",
    "evolve",
    "slug",
];

/// One converted row: where it goes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub row: u64,
    pub slug: String,
    pub text: String,
    /// Whether a date in the row was read by the day/month order (`03/04/2026`), not ISO.
    pub dates_by_order: bool,
}

/// A row that cannot be converted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub row: u64,
    pub reasons: Vec<String>,
}

/// A form export read into cells: the header row, then the data rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One data row of a [`Table`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The number a spreadsheet shows for it: the header is row 1 in a CSV file; a workbook's
    /// rows keep their own numbers.
    pub number: u64,
    pub cells: Vec<String>,
    /// The cells (by index) whose value is a spreadsheet error such as `#REF!`: a workbook's
    /// formula that failed. Their text is the error's.
    pub errors: Vec<usize>,
}

/// Reads a CSV export: the header is row 1, and rows are numbered as a spreadsheet numbers
/// them, whatever newlines cells hold.
pub fn read_csv(csv: &str) -> Result<Table, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(String::from)
        .collect();
    let mut rows = Vec::new();
    for (number, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("cannot read the CSV: {e}"))?;
        rows.push(Row {
            number: number as u64 + 2,
            cells: record.iter().map(String::from).collect(),
            errors: Vec::new(),
        });
    }
    Ok(Table { header, rows })
}

/// Converts every row of `csv`. `mapping` maps spotlight's column names to the export's own
/// headers, for forms whose questions are worded differently. `order` says how to read dates
/// such as `03/04/2026`.
pub fn convert(
    csv: &str,
    mapping: &BTreeMap<String, String>,
    programme: &Programme,
    order: DateOrder,
) -> Result<Vec<Result<Converted, Rejected>>, String> {
    convert_table(&read_csv(csv)?, mapping, programme, order)
}

/// Converts every row of a table read from a CSV export or a workbook, as [`convert`] does.
pub fn convert_table(
    table: &Table,
    mapping: &BTreeMap<String, String>,
    programme: &Programme,
    order: DateOrder,
) -> Result<Vec<Result<Converted, Rejected>>, String> {
    let headers = &table.header;
    let index: HashMap<&'static str, usize> = COLUMNS
        .iter()
        .filter_map(|&column| {
            let header = mapping.get(column).map_or(column, String::as_str);
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(header.trim()))
                .map(|i| (column, i))
        })
        .collect();
    for required in [
        "title",
        "categories",
        "local_authorities",
        "contact_name",
        "contact_email",
    ] {
        if !index.contains_key(required) {
            let header = mapping.get(required).map_or(required, String::as_str);
            return Err(format!(
                "no `{header}` column; the header row has: {}. Map your form's column names with --mapping",
                headers.join(", ")
            ));
        }
    }
    let mut rows = Vec::new();
    let mut slugs: HashMap<String, u64> = HashMap::new();
    for record in &table.rows {
        let row = record.number;
        let cells = Cells {
            record: &record.cells,
            index: &index,
        };
        let mut result = convert_row(row, &cells, programme, order);
        // A failed formula's error is no value to write: say which column holds it.
        let mut errors: Vec<String> = COLUMNS
            .iter()
            .filter(|column| index.get(*column).is_some_and(|i| record.errors.contains(i)))
            .map(|column| {
                format!(
                    "`{column}` holds the spreadsheet error `{}`: correct its formula in the workbook",
                    cells.get(column)
                )
            })
            .collect();
        if !errors.is_empty() {
            if let Err(rejected) = result {
                errors.extend(rejected.reasons);
            }
            result = Err(Rejected {
                row,
                reasons: errors,
            });
        }
        if let Ok(converted) = &result
            && let Some(first) = slugs.insert(converted.slug.clone(), row)
        {
            result = Err(Rejected {
                row,
                reasons: vec![format!(
                    "its file name `{}` is already used by row {first}; add a `slug` column to tell them apart",
                    converted.slug
                )],
            });
        }
        rows.push(result);
    }
    Ok(rows)
}

/// One record's cells by spotlight's column names.
struct Cells<'a> {
    record: &'a [String],
    index: &'a HashMap<&'static str, usize>,
}

impl<'a> Cells<'a> {
    /// The trimmed cell of `column`, empty when the column or cell is absent.
    fn get(&self, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", String::as_str)
            .trim()
    }
}

/// The ISO text written for the `submitted` and `approval_date` cells, when present.
#[derive(Default)]
struct Dates {
    submitted: Option<String>,
    approval_date: Option<String>,
    by_order: bool,
}

fn convert_row(
    row: u64,
    cells: &Cells,
    programme: &Programme,
    order: DateOrder,
) -> Result<Converted, Rejected> {
    let cell = |column: &str| cells.get(column);
    let mut reasons = Vec::new();
    let title = cell("title");
    if title.is_empty() {
        reasons.push("`title` is empty".to_string());
    }
    let categories = categories(cell("categories"), programme, &mut reasons);
    let authorities = authorities(cell("local_authorities"), &mut reasons);
    let contact_email = cell("contact_email");
    if cell("contact_name").is_empty() {
        reasons.push("`contact_name` is empty".into());
    }
    if !is_email(contact_email) {
        reasons.push(format!(
            "`contact_email` `{contact_email}` is not an email address"
        ));
    }
    let approver_email = cell("approver_email");
    if !approver_email.is_empty() && !is_email(approver_email) {
        reasons.push(format!(
            "`approver_email` `{approver_email}` is not an email address"
        ));
    }
    let mut dates = Dates::default();
    for column in ["submitted", "approval_date"] {
        let value = cell(column);
        if value.is_empty() {
            continue;
        }
        match form_date(column, value, order, programme) {
            Ok((iso, by_order)) => {
                dates.by_order |= by_order;
                let slot = match column {
                    "submitted" => &mut dates.submitted,
                    _ => &mut dates.approval_date,
                };
                *slot = Some(iso);
            }
            Err(reason) => reasons.push(reason),
        }
    }
    let slug = match cell("slug") {
        "" => slugify(title),
        given => given.to_string(),
    };
    if !title.is_empty() && !is_slug(&slug) {
        reasons.push(format!(
            "`{slug}` is not a valid file name: lowercase letters, digits and hyphens"
        ));
    }
    if !reasons.is_empty() {
        return Err(Rejected { row, reasons });
    }
    let text = render(cells, title, &categories, &authorities, &dates);
    Ok(Converted {
        row,
        slug,
        text,
        dates_by_order: dates.by_order,
    })
}

/// The ISO text for a date cell, and whether the order decided it; or why it cannot be used.
/// A local time the clocks skip or repeat is refused here, as `validate` would refuse it.
fn form_date(
    column: &str,
    value: &str,
    order: DateOrder,
    programme: &Programme,
) -> Result<(String, bool), String> {
    let read = match parse_form_date(value, order) {
        Ok(read) => read,
        Err(FormDateError::Unreadable) => {
            return Err(format!(
                "`{column}` `{value}` is not a date such as 2026-04-22, 22/04/2026 or 22/04/2026 16:05"
            ));
        }
        Err(FormDateError::NoSuchDay) => {
            return Err(format!(
                "`{column}` `{value}` is not a day in the calendar, read either way"
            ));
        }
        Err(FormDateError::OtherOrder(other)) => {
            let flag = match other {
                DateOrder::DayMonthYear => "dmy",
                DateOrder::MonthDayYear => "mdy",
            };
            return Err(format!(
                "`{column}` `{value}` is no day read {}; this looks like {}: pass --date-order {flag}",
                order.describe(),
                other.describe()
            ));
        }
    };
    match read.when.start(programme.tz) {
        Ok(_) => Ok((read.when.to_iso(), read.by_order)),
        Err(DateError::Nonexistent) => Err(format!(
            "`{column}` `{value}` never happens in London: the clocks go forward; give the offset, e.g. 2026-03-29T01:30:00+00:00"
        )),
        Err(DateError::Ambiguous(first, second)) => Err(format!(
            "`{column}` `{value}` happens twice in London (at {first} and {second}); give the offset you meant"
        )),
        Err(DateError::Unreadable) => Err(format!("`{column}` `{value}` is not a date")),
    }
}

fn split(cell: &str) -> Vec<String> {
    cell.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Category cells may hold ids, numbers or titles ("7. Delivering together with health
/// services"), as forms show them.
fn categories(cell: &str, programme: &Programme, reasons: &mut Vec<String>) -> Vec<String> {
    let mut ids = Vec::new();
    for item in split(cell) {
        match category_id(&item, programme) {
            Some(id) => ids.push(id),
            None => {
                let known = programme.category_ids();
                reasons.push(match suggest(&item, &known) {
                    Some(best) => format!("category `{item}` is not known; did you mean `{best}`?"),
                    None => format!("category `{item}` is not known: use an id, number or title from categories.yaml"),
                });
            }
        }
    }
    if ids.is_empty() && reasons.iter().all(|r| !r.starts_with("category")) {
        reasons.push("`categories` is empty".into());
    }
    ids.dedup();
    ids
}

/// The id of the category `item` names: by id, number or title ("7. Delivering together with
/// health services"), as forms show them.
pub fn category_id(item: &str, programme: &Programme) -> Option<String> {
    let lower = item.trim().to_lowercase();
    let number = lower
        .split(['.', ' ', ')'])
        .next()
        .and_then(|n| n.parse::<u32>().ok());
    programme
        .categories()
        .iter()
        .find(|c| {
            c.id.value == lower
                || Some(c.number.value) == number
                || lower.contains(&c.title.to_lowercase())
        })
        .map(|c| c.id.value.clone())
}

fn authorities(cell: &str, reasons: &mut Vec<String>) -> Vec<String> {
    let mut names = Vec::new();
    for item in split(cell) {
        match london::register().resolve(&item) {
            Resolution::Found(i) => names.push(london::register().get(i).short_name.clone()),
            Resolution::Ambiguous(options) => {
                reasons.push(format!("`{item}` could mean any of {}", options.join(", ")))
            }
            Resolution::Unknown { suggestion } => reasons.push(match suggestion {
                Some(best) => format!("`{item}` is not a London authority; did you mean `{best}`?"),
                None => {
                    format!("`{item}` is not a London authority; put other bodies in `partners`")
                }
            }),
        }
    }
    if names.is_empty()
        && !reasons
            .iter()
            .any(|r| r.contains("London authority") || r.contains("could mean"))
    {
        reasons.push("`local_authorities` is empty: name at least one London authority".into());
    }
    names
}

/// The submission file for a row that converted. Every value is written as a quoted YAML
/// string, so form text can never break or inject front matter.
fn render(
    cells: &Cells,
    title: &str,
    categories: &[String],
    authorities: &[String],
    dates: &Dates,
) -> String {
    let cell = |column: &str| cells.get(column);
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(title));
    let _ = writeln!(out, "categories: {}", list(categories));
    let _ = writeln!(out, "local_authorities: {}", list(authorities));
    let partners = split(cell("partners"));
    if !partners.is_empty() {
        let _ = writeln!(out, "partners: {}", list(&partners));
    }
    if !cell("summary").is_empty() {
        let _ = writeln!(out, "summary: {}", quoted(cell("summary")));
    }
    let role = match cell("contact_role") {
        "" => String::new(),
        r => format!(", role: {}", quoted(r)),
    };
    let _ = writeln!(
        out,
        "contact: {{name: {}{role}, email: {}}}",
        quoted(cell("contact_name")),
        quoted(cell("contact_email"))
    );
    let team = split(cell("team"));
    if !team.is_empty() {
        out.push_str("team:\n");
        for member in team {
            let (name, role) = match member.split_once('(') {
                Some((name, role)) => (
                    name.trim().to_string(),
                    Some(role.trim_end_matches(')').trim().to_string()),
                ),
                None => (member.clone(), None),
            };
            let role = role
                .map(|r| format!(", role: {}", quoted(&r)))
                .unwrap_or_default();
            let _ = writeln!(out, "  - {{name: {}{role}}}", quoted(&name));
        }
    }
    let approval_date = dates
        .approval_date
        .as_deref()
        .filter(|_| !cell("approver_name").is_empty());
    let approved = approval_date.is_some();
    if let Some(date) = approval_date {
        let approval = Approval {
            name: cell("approver_name").to_string(),
            role: cell("approver_role").to_string(),
            local_authority: cell("approver_authority").to_string(),
            date: date.to_string(),
            email: Some(cell("approver_email").to_string()).filter(|e| !e.is_empty()),
        };
        let _ = writeln!(out, "{}", approval.entry());
    }
    if let Some(submitted) = &dates.submitted {
        let _ = writeln!(out, "submitted: {}", quoted(submitted));
    }
    let themes = split(cell("themes"));
    if !themes.is_empty() {
        let _ = writeln!(out, "themes: {}", list(&themes));
    }
    let links = split(cell("links"));
    if !links.is_empty() {
        out.push_str("links:\n");
        for link in links {
            let (title, url) = link
                .split_once('|')
                .map_or((link.as_str(), link.as_str()), |(t, u)| {
                    (t.trim(), u.trim())
                });
            let _ = writeln!(
                out,
                "  - {{title: {}, url: {}}}",
                quoted(title),
                quoted(url)
            );
        }
    }
    let status = if approved && dates.submitted.is_some() {
        "submitted"
    } else {
        "draft"
    };
    let _ = writeln!(out, "status: {status}");
    out.push_str("---\n");
    for (heading, column) in
        SECTIONS
            .iter()
            .zip(["setting_the_scene", "how", "impact", "next_steps", "evolve"])
    {
        let _ = write!(out, "\n## {heading}\n\n");
        // A line that could make a heading would cut the section short: it is kept as text.
        out.push_str(&crate::scaffold::section_text(cell(column)));
    }
    out
}
