//! `spotlight assign`: fill every open review place optimally, write the stubs (and optionally
//! the CODEOWNERS block), and report what was done in people's terms.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;
use serde::Serialize;

use spotlight::assign::explain::{self, final_loads};
use spotlight::assign::files::{self, Stub};
use spotlight::assign::from_repo::{self, Plan};
use spotlight::assign::{self as optimiser, Solution};
use spotlight::model::Repository;
use spotlight::write::{Mode, write};

use super::{Context, Outcome, render};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show what would be assigned without writing any file
    #[arg(long)]
    dry_run: bool,

    /// Also maintain spotlight's block in .github/CODEOWNERS, so GitHub asks each reviewer to
    /// approve changes to their review file
    #[arg(long)]
    codeowners: bool,

    /// Explain the choices for one submission (e.g. 2026/merton-family-hub): why each chosen
    /// reviewer, and why not each other panel member. Writes nothing.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Csv,
}

/// One assignment in the JSON and CSV output.
#[derive(Debug, Serialize)]
struct Row {
    submission: String,
    category: String,
    reviewer: String,
    new: bool,
}

/// The `assign --format json` document (a stable contract: fields in this order).
#[derive(Debug, Serialize)]
struct Document<'a> {
    version: u32,
    assignments: &'a [Row],
    unfilled: &'a [Open],
    load: &'a BTreeMap<&'a str, u32>,
}

/// An open slot in the JSON output.
#[derive(Debug, Serialize)]
struct Open {
    submission: String,
    category: String,
    missing: u32,
    reason: String,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, report) = context.load_and_check()?;
    let blocking: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && (d.file.starts_with("reviews/") || d.file == "categories.yaml"))
        .cloned()
        .collect();
    if !blocking.is_empty() {
        anstream::eprint!("{}", render::human(&blocking, &repo.sources_of(&blocking)));
        bail!(
            "assign needs categories.yaml and the review files to validate first: {} error(s) above",
            blocking.len()
        );
    }
    let edition = repo.programme.edition();
    let unread = spotlight::check::unread(&repo, &report);
    let left_out = super::name_unread(
        unread.iter().filter(|u| u.edition() == Some(edition)),
        "it gets no reviewers until it can be read",
    );
    let plan = from_repo::plan(&repo, &report);
    let solution = optimiser::solve(&plan.instance);

    if let Some(id) = &args.explain {
        return explain_one(&plan, &solution, id, args.format);
    }

    let rows = rows(&plan, &solution);
    let open: Vec<Open> = solution
        .unfilled
        .iter()
        .map(|&(slot, missing)| Open {
            submission: plan.slot_keys[slot].0.clone(),
            category: plan.slot_keys[slot].1.clone(),
            missing,
            reason: explain::unfilled_reason(&plan, &solution, slot),
        })
        .collect();
    let loads = final_loads(&plan, &solution);
    let load: BTreeMap<&str, u32> = plan
        .instance
        .reviewers
        .iter()
        .zip(&loads)
        .map(|(r, &n)| (r.id.as_str(), n))
        .collect();

    let written = if args.dry_run {
        0
    } else {
        write_stubs(&repo, &rows)?
    };
    if args.codeowners && !args.dry_run {
        write_codeowners(&repo, &rows)?;
    }

    let mut stdout = anstream::stdout();
    match args.format {
        Format::Json => {
            let document = Document {
                version: 1,
                assignments: &rows,
                unfilled: &open,
                load: &load,
            };
            writeln!(stdout, "{}", serde_json::to_string_pretty(&document)?)?;
        }
        Format::Csv => {
            let mut table = vec![vec![
                "submission".to_string(),
                "category".into(),
                "reviewer".into(),
                "new".into(),
            ]];
            table.extend(rows.iter().map(|r| {
                vec![
                    r.submission.clone(),
                    r.category.clone(),
                    r.reviewer.clone(),
                    r.new.to_string(),
                ]
            }));
            write!(stdout, "{}", spotlight::spreadsheet::to_csv(&table))?;
        }
        Format::Human => {
            write!(
                stdout,
                "{}",
                human(&plan, &rows, &open, &load, written, args.dry_run)
            )?;
            if left_out > 0 {
                writeln!(
                    stdout,
                    "{} could not be read: no reviewers assigned to {}",
                    super::files_could_not(left_out),
                    if left_out == 1 { "it" } else { "them" }
                )?;
            }
        }
    }
    Ok(if open.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Every assignment after the run, existing ones first marked `new: false`, sorted.
fn rows(plan: &Plan, solution: &Solution) -> Vec<Row> {
    let mut rows: Vec<Row> = plan
        .existing
        .iter()
        .map(|e| Row {
            submission: e.submission.clone(),
            category: e.category.clone(),
            reviewer: e.reviewer.clone(),
            new: false,
        })
        .collect();
    rows.extend(solution.assignments.iter().map(|&(slot, reviewer)| Row {
        submission: plan.slot_keys[slot].0.clone(),
        category: plan.slot_keys[slot].1.clone(),
        reviewer: plan.instance.reviewers[reviewer].id.clone(),
        new: true,
    }));
    rows.sort_by(|a, b| {
        (&a.submission, &a.category, &a.reviewer).cmp(&(&b.submission, &b.category, &b.reviewer))
    });
    rows
}

/// Writes a stub for each new assignment; an existing file is never touched.
fn write_stubs(repo: &Repository, rows: &[Row]) -> Result<usize> {
    let programme = &repo.programme;
    let due = programme
        .settings()
        .review_deadline
        .as_ref()
        .map(|d| d.value.as_str());
    let mut written = 0;
    for row in rows.iter().filter(|r| r.new) {
        let reviewer = programme
            .reviewer(&row.reviewer)
            .context("an assigned reviewer is listed")?;
        let category = programme
            .category(&row.category)
            .context("an assigned category exists")?;
        let text = files::stub(&Stub {
            submission: &row.submission,
            reviewer: &row.reviewer,
            reviewer_name: &reviewer.name,
            category: &row.category,
            category_title: &category.title,
            due,
        });
        let path = files::review_path(&row.submission, &row.reviewer);
        write(
            &repo.root,
            Path::new(&path),
            text.as_bytes(),
            Mode::CreateNew,
        )
        .with_context(|| format!("cannot write {path}"))?;
        written += 1;
    }
    Ok(written)
}

fn write_codeowners(repo: &Repository, rows: &[Row]) -> Result<()> {
    let relative = Path::new(".github/CODEOWNERS");
    let current = match std::fs::read_to_string(repo.root.join(relative)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).context("cannot read .github/CODEOWNERS"),
    };
    let mut paths: Vec<(String, &str)> = rows
        .iter()
        .map(|row| {
            (
                files::review_path(&row.submission, &row.reviewer),
                row.reviewer.as_str(),
            )
        })
        .collect();
    paths.sort();
    let lines: Vec<String> = paths
        .iter()
        .map(|(path, reviewer)| {
            let github = repo
                .programme
                .reviewer(reviewer)
                .and_then(|r| r.github.as_deref());
            files::codeowners_line(path, reviewer, github)
        })
        .collect();
    let text = files::codeowners(&current, &lines);
    if text != current {
        write(&repo.root, relative, text.as_bytes(), Mode::Replace)
            .context("cannot write .github/CODEOWNERS")?;
    }
    Ok(())
}

fn human(
    plan: &Plan,
    rows: &[Row],
    open: &[Open],
    load: &BTreeMap<&str, u32>,
    written: usize,
    dry_run: bool,
) -> String {
    let mut out = String::new();
    let new = rows.iter().filter(|r| r.new).count();
    let kept = rows.len() - new;
    let open_places: u32 = open.iter().map(|o| o.missing).sum();
    out.push_str(&format!(
        "{new} new review(s) assigned, {kept} kept as they were; {open_places} place(s) open\n"
    ));
    if new > 0 {
        out.push('\n');
        for row in rows.iter().filter(|r| r.new) {
            out.push_str(&format!(
                "  + {}  {}  {}\n",
                row.submission, row.category, row.reviewer
            ));
        }
    }
    if !open.is_empty() {
        out.push_str("\nopen places:\n");
        for o in open {
            out.push_str(&format!(
                "  {}  {}: {} missing; {}\n",
                o.submission, o.category, o.missing, o.reason
            ));
        }
    }
    out.push_str("\nreviewer load (reviews / cap):\n");
    let width = load.keys().map(|k| k.len()).max().unwrap_or(0);
    for reviewer in &plan.instance.reviewers {
        let n = load.get(reviewer.id.as_str()).copied().unwrap_or(0);
        out.push_str(&format!(
            "  {:<width$}  {n}/{}\n",
            reviewer.id, reviewer.cap
        ));
    }
    out.push('\n');
    if dry_run {
        out.push_str("dry run: nothing written\n");
    } else {
        out.push_str(&format!("wrote {written} review stub(s) under reviews/\n"));
    }
    out
}

fn explain_one(plan: &Plan, solution: &Solution, id: &str, format: Format) -> Result<Outcome> {
    let slots = explain::explain(plan, solution, id);
    if slots.is_empty() {
        bail!(
            "`{id}` is not an eligible submission of this edition, so it has no review places; `spotlight list` shows which are"
        );
    }
    let mut stdout = anstream::stdout();
    if format == Format::Json {
        writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"version": 1, "submission": id, "slots": slots})
            )?
        )?;
        return Ok(Outcome::Clean);
    }
    for slot in &slots {
        writeln!(
            stdout,
            "{id} for `{}`{}:",
            slot.category,
            if slot.open > 0 {
                format!(" ({} place(s) open)", slot.open)
            } else {
                String::new()
            }
        )?;
        for standing in &slot.reviewers {
            let mark = if standing.chosen { "✓" } else { "·" };
            writeln!(stdout, "  {mark} {}: {}", standing.reviewer, standing.why)?;
        }
    }
    Ok(Outcome::Clean)
}
