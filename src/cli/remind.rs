//! `spotlight remind`: a reminder for every open review of the current edition, to its reviewer,
//! as an e-mail ready to send and a row of a mail-merge index, optionally sent over SMTP.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use spotlight::check;
use spotlight::mail::{self, Draft, Person};
use spotlight::render::Templates;
use spotlight::render::reminders::{self, Reminder, Which};
use spotlight::scaffold;
use spotlight::write::{Mode, remove, write};

use super::mailing::{self, MailArgs, Written};
use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write reminders and index.csv into [default: out/reminders in the programme]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Only reviews due within N days of today (overdue ones included)
    #[arg(long, value_name = "N", conflicts_with = "overdue")]
    before: Option<u32>,

    /// Only reviews past the review deadline
    #[arg(long)]
    overdue: bool,

    /// Write the reminders even when some submission or review of this edition could not be
    /// read (each is named on stderr)
    #[arg(long)]
    allow_errors: bool,

    #[command(flatten)]
    mail: MailArgs,
}

const COLUMNS: [&str; 9] = [
    "submission",
    "reviewer",
    "to_name",
    "to",
    "category",
    "due",
    "days_left",
    "subject",
    "file_eml",
];

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let from = args.mail.sender()?;
    let server = args.mail.server()?;
    let (repo, report) = context.load_and_check()?;
    let which = match (args.before, args.overdue) {
        (Some(days), _) => Which::DueWithin(i64::from(days)),
        (None, true) => Which::Overdue,
        (None, false) => Which::All,
    };
    if which != Which::All && repo.programme.review_deadline.is_none() {
        bail!(
            "--before and --overdue count from the review deadline, and categories.yaml sets none: \
             add `review_deadline: YYYY-MM-DD` under `programme:`"
        );
    }
    let edition = repo.programme.edition();
    let unread: Vec<_> = check::unread(&repo, &report)
        .into_iter()
        .filter(|u| u.edition() == Some(edition))
        .collect();
    let count = super::name_unread(&unread, "no reminder is written from it");
    if let Some(outcome) = super::refuse_unread(count, args.allow_errors, "the reminders") {
        return Ok(outcome);
    }
    let today = context.today_in(repo.programme.tz);
    let base = files_on_github(&repo.root);
    let due = reminders::build(&repo, today, which, base.as_deref());
    let templates = Templates::load(&repo.root)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out").join("reminders"));
    let previous = listed_files(&out.join("index.csv"), edition);
    let mut index = vec![COLUMNS.map(String::from).to_vec()];
    let mut written = Vec::new();
    let mut unwritten = 0;
    for reminder in &due {
        let text = templates.render("reminder.txt", reminder)?;
        // The day is part of the id: the sent log stops a second send of today's reminder, not
        // next week's chase of the same review.
        let message_id = mailing::message_id(
            &format!("reminder.{today}"),
            &format!("{}.{}", reminder.submission_id, reminder.reviewer.id),
            &from,
        );
        let draft = Draft {
            from: from.clone(),
            to: vec![Person {
                name: reminder.reviewer.name.clone(),
                email: reminder.reviewer.email.clone(),
            }],
            cc: Vec::new(),
            subject: reminder.subject.clone(),
            date: mailing::date(today, repo.programme.tz),
            message_id: message_id.clone(),
            text,
            html: None,
            files: Vec::new(),
        };
        // One address the mail library refuses costs that reminder, not the run.
        let message = match mail::message(&draft) {
            Ok(message) => message,
            Err(e) => {
                anstream::eprintln!(
                    "error: cannot write the reminder to {} for {}: {e}; it is not written",
                    reminder.reviewer.id,
                    reminder.submission_id
                );
                unwritten += 1;
                continue;
            }
        };
        let file = format!("{}/{}.eml", reminder.edition, reminder.stem);
        write(&out, Path::new(&file), &message.formatted(), Mode::Output)
            .with_context(|| format!("cannot write {}", out.join(&file).display()))?;
        index.push(row(reminder, &file));
        written.push(Written {
            message_id,
            file,
            message,
        });
    }
    super::write_index(&out, &mut index)?;
    // A reminder of a review completed since (or no longer chosen) is removed, so it cannot be
    // sent by mistake.
    let now: HashSet<&str> = written.iter().map(|w| w.file.as_str()).collect();
    let mut removed = 0;
    for file in previous.iter().filter(|f| !now.contains(f.as_str())) {
        if remove(&out, Path::new(file))
            .with_context(|| format!("cannot remove {}", out.join(file).display()))?
        {
            removed += 1;
        }
    }
    if !context.quiet {
        let mut stdout = anstream::stdout();
        writeln!(
            stdout,
            "wrote {} reminder(s) and index.csv to {}{}",
            written.len(),
            out.display(),
            if removed > 0 {
                format!("; removed {removed} no longer due")
            } else {
                String::new()
            }
        )?;
        for reminder in &due {
            writeln!(
                stdout,
                "  {} ({}, {}){}",
                reminder.reviewer.id,
                reminder.submission_id,
                reminder.category.id,
                if reminder.days_text.is_empty() {
                    String::new()
                } else {
                    format!(": {}", reminder.days_text)
                }
            )?;
        }
    }
    let outcome = match &server {
        Some(server) => mailing::deliver(server, &out, &written, context.quiet)?,
        None => Outcome::Clean,
    };
    Ok(if outcome == Outcome::Clean && unwritten > 0 {
        Outcome::Findings
    } else {
        outcome
    })
}

fn row(reminder: &Reminder, file: &str) -> Vec<String> {
    vec![
        reminder.submission_id.clone(),
        reminder.reviewer.id.clone(),
        reminder.reviewer.name.clone(),
        reminder.reviewer.email.clone(),
        reminder.category.id.clone(),
        reminder.deadline_iso.clone(),
        reminder
            .days_left
            .map(|d| d.to_string())
            .unwrap_or_default(),
        reminder.subject.clone(),
        file.to_string(),
    ]
}

/// The reminder files an existing index lists for `edition`: only cells of its `file_eml`
/// column shaped as spotlight writes them (`<edition>/<slug>--<reviewer>.eml`), so nothing else
/// is ever removed.
fn listed_files(path: &Path, edition: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let Some(column) = reader
        .headers()
        .ok()
        .and_then(|h| h.iter().position(|name| name == "file_eml"))
    else {
        return Vec::new();
    };
    reader
        .records()
        .flatten()
        .filter_map(|record| record.get(column).map(String::from))
        .filter(|cell| {
            cell.strip_prefix(&format!("{edition}/"))
                .and_then(|rest| rest.strip_suffix(".eml"))
                .and_then(|stem| stem.split_once("--"))
                .is_some_and(|(slug, reviewer)| {
                    spotlight::model::is_slug(slug) && spotlight::model::is_slug(reviewer)
                })
        })
        .collect()
}

/// `https://github.com/<owner>/<name>/blob/HEAD/<folder of the programme>/`, from the git
/// remote `origin` of the repository holding `root`; `None` when git, the repository or a
/// GitHub remote is missing.
fn files_on_github(root: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let repository = scaffold::github_repository(&git(&["remote", "get-url", "origin"])?)?;
    let prefix = git(&["rev-parse", "--show-prefix"]).unwrap_or_default();
    Some(format!(
        "https://github.com/{repository}/blob/HEAD/{prefix}"
    ))
}
