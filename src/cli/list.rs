//! `spotlight list`: one row per submission with its standing and review progress.

use std::io::Write as _;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use spotlight::check::Verdict;
use spotlight::london;
use spotlight::model::{Repository, Submission};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// One row of the list.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    authorities: Vec<&'static str>,
    categories: Vec<String>,
    status: Option<&'static str>,
    eligible: Option<bool>,
    reasons: Vec<&'static str>,
    reviews: Progress,
}

/// Reviews done, waiting and needed.
#[derive(Debug, Default, Serialize)]
struct Progress {
    complete: usize,
    assigned: usize,
    needed: usize,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let (repo, report) = context.load_and_check()?;
    let unread = spotlight::check::unread(&repo, &report);
    super::name_unread(
        unread.iter().filter(|u| !u.is_review()),
        "it is listed with what could be read",
    );
    let rows: Vec<Row> = repo
        .submissions
        .iter()
        .zip(&report.submissions)
        .map(|(submission, verdict)| row(&repo, submission, verdict))
        .collect();
    let mut stdout = anstream::stdout();
    match args.format {
        Format::Json => {
            let document = serde_json::json!({"version": 1, "submissions": rows});
            writeln!(stdout, "{}", serde_json::to_string_pretty(&document)?)?;
        }
        Format::Human => write!(stdout, "{}", table(&rows))?,
    }
    Ok(Outcome::Clean)
}

fn row<'a>(repo: &'a Repository, submission: &'a Submission, verdict: &Verdict) -> Row<'a> {
    let register = london::register();
    let categories: Vec<String> = submission
        .categories()
        .into_iter()
        .map(|c| c.value)
        .collect();
    let mut progress = Progress::default();
    for review in repo.reviews_of(&submission.id) {
        // Marked complete but without a rating or reflections is still waiting (SP0507).
        if review.is_complete() {
            progress.complete += 1;
        } else {
            progress.assigned += 1;
        }
    }
    if verdict.eligible == Some(true) {
        progress.needed = categories.len() * repo.programme.reviewers_per_submission() as usize;
    }
    Row {
        id: &submission.id,
        title: submission.meta().map_or("", |m| m.title.value.as_str()),
        authorities: submission
            .authorities()
            .into_iter()
            .map(|i| register.get(i).short_name.as_str())
            .collect(),
        categories,
        status: verdict.status.map(|s| s.as_str()),
        eligible: verdict.eligible,
        reasons: verdict.reasons.iter().map(|c| c.as_str()).collect(),
        reviews: progress,
    }
}

fn table(rows: &[Row]) -> String {
    let header = [
        "ID",
        "STATUS",
        "ELIGIBLE",
        "REVIEWS",
        "AUTHORITIES",
        "CATEGORIES",
        "TITLE",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let eligible = match r.eligible {
                Some(true) => "yes".to_string(),
                Some(false) => format!("no ({})", r.reasons.join(", ")),
                None => "-".to_string(),
            };
            let reviews = if r.reviews.needed == 0 && r.reviews.complete + r.reviews.assigned == 0 {
                "-".to_string()
            } else {
                format!("{}/{}", r.reviews.complete, r.reviews.needed)
            };
            [
                r.id.to_string(),
                r.status.unwrap_or("?").to_string(),
                eligible,
                reviews,
                r.authorities.join(", "),
                r.categories.join(", "),
                r.title.to_string(),
            ]
            .map(|text| cell(&text))
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&header.map(String::from));
    for row in &cells {
        line(row);
    }
    out
}

/// A cell kept on its row: runs of white space (the line breaks of a `title: |` block too)
/// become one space, and other control characters are shown escaped, never sent to the terminal.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_title_stays_on_its_row() {
        assert_eq!(
            cell("A single front door\nfor family  help\n"),
            "A single front door for family help"
        );
        assert_eq!(cell("Bell\u{7}\u{1b}[31m red"), "Bell\\u{7}\\u{1b}[31m red");
    }
}
