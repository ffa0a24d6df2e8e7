//! `spotlight letters`: render the recognition letters that are due, write them with a
//! mail-merge index, and say which submissions were skipped and why.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::ValueEnum;

use lettre::message::Mailbox;

use spotlight::check;
use spotlight::mail::{self, Draft, File, Person};
use spotlight::render::Templates;
use spotlight::render::letters::{self, Letter, Letters};
use spotlight::write::{Mode, remove, write};

use super::mailing::{self, MailArgs, Written};
use super::{Context, Outcome, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write letters and index.csv into [default: out/letters in the programme]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Formats to write, comma-separated (pdf needs a spotlight built with `--features pdf`)
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md,html")]
    format: Vec<Format>,

    /// Write only the letter for this submission (e.g. 2026/merton-family-hub)
    #[arg(long, value_name = "ID")]
    only: Option<String>,

    /// The date on the letters [default: --today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,

    /// Write the letters that are due even when some submission or review of this edition
    /// could not be read (each is named on stderr; its earlier letter is kept as it was)
    #[arg(long)]
    allow_errors: bool,

    #[command(flatten)]
    mail: MailArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum Format {
    /// Markdown, for e-mail bodies
    Md,
    /// HTML that prints as an A4 letter
    Html,
    /// PDF typeset by typst
    Pdf,
    /// An e-mail ready to send (To the contact, Cc each director whose address is known): the
    /// letter as text and HTML, with the PDF attached when pdf is asked for too
    Eml,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Eml => "eml",
        }
    }
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let mut formats = args.format.clone();
    // Sending is sending the e-mails.
    if args.mail.sending() {
        formats.push(Format::Eml);
    }
    formats.sort();
    formats.dedup();
    if formats.contains(&Format::Pdf) && !cfg!(feature = "pdf") {
        bail!("this spotlight was built without PDF support; build it with `--features pdf`");
    }
    let sender = if formats.contains(&Format::Eml) {
        Some(args.mail.sender()?)
    } else {
        None
    };
    let server = args.mail.server()?;
    let (repo, report) = context.load_and_check()?;
    let edition = repo.programme.edition();
    let unread: Vec<_> = check::unread(&repo, &report)
        .into_iter()
        .filter(|u| u.edition() == Some(edition))
        .filter(|u| {
            args.only
                .as_deref()
                .is_none_or(|only| u.submission_id() == only)
        })
        .collect();
    let count = super::name_unread(&unread, "its letter is not written or removed");
    if let Some(outcome) = super::refuse_unread(count, args.allow_errors, "the letters") {
        return Ok(outcome);
    }
    // Their letters from an earlier run stay, index rows and all, until they can be read.
    let unread_ids: HashSet<String> = unread.iter().map(|u| u.submission_id()).collect();
    let date = args
        .date
        .unwrap_or_else(|| context.today_in(repo.programme.tz));
    let mut due = letters::build(&repo, &report, date)?;
    if let Some(only) = &args.only {
        if repo.submission(only).is_none() {
            bail!("there is no submission {only}; ids look like 2026/merton-family-hub");
        }
        due.letters.retain(|l| &l.id == only);
        due.skipped.retain(|s| &s.id == only);
        if due.letters.is_empty() && due.skipped.is_empty() {
            bail!(
                "{only} is not in the current edition ({}); letters are written for the current edition only",
                repo.programme.edition()
            );
        }
    }
    let templates = Templates::load(&repo.root)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| repo.root.join("out").join("letters"));
    let pdf_source = pdf_source(&repo.root, &formats)?;
    let mut index = vec![header(&formats)];
    // One letter rewritten: the other rows of the index stay as the last full run left them.
    let kept = match &args.only {
        Some(only) => kept_rows(&out.join("index.csv"), &index[0], |id| id != only)?,
        None if unread_ids.is_empty() => Vec::new(),
        None => kept_rows(&out.join("index.csv"), &index[0], |id| {
            unread_ids.contains(id)
        })
        .unwrap_or_default(),
    };
    // The letters the old index listed for current-edition submissions that no longer get one
    // (withdrawn since, say) are removed, so they cannot be sent by mistake; with --only, just
    // that submission's. Earlier editions' letters are never touched.
    let mut previous = listed_files(&out.join("index.csv"), repo.programme.edition());
    if let Some(only) = &args.only {
        previous.retain(|(id, _)| id == only);
    }
    let mut written = Vec::new();
    let mut messages = Vec::new();
    let mut unwritten = 0;
    for letter in &due.letters {
        let mut files = Vec::new();
        let mut made: Vec<(Format, Vec<u8>)> = Vec::new();
        for &format in &formats {
            let bytes = match (format, &sender) {
                (Format::Eml, Some(from)) => {
                    let made_as = |f| made.iter().find(|(m, _)| *m == f).map(|(_, b)| b.clone());
                    let email = Email {
                        from,
                        date,
                        tz: repo.programme.tz,
                        md: made_as(Format::Md),
                        html: made_as(Format::Html),
                        pdf: made_as(Format::Pdf),
                    };
                    // One address the mail library refuses costs that e-mail, not the run.
                    let message = match email.message(&templates, letter) {
                        Ok(message) => message,
                        Err(e) => {
                            anstream::eprintln!("error: {e:#}; its e-mail is not written");
                            unwritten += 1;
                            continue;
                        }
                    };
                    let bytes = message.formatted();
                    messages.push(Written {
                        message_id: mailing::message_id("letter", &letter.id, from),
                        file: format!("{}/{}.eml", letter.edition, letter.slug),
                        message,
                    });
                    bytes
                }
                _ => render(&templates, pdf_source.as_deref(), letter, format)?,
            };
            made.push((format, bytes.clone()));
            let relative =
                Path::new(&letter.edition).join(format!("{}.{}", letter.slug, format.extension()));
            write(&out, &relative, &bytes, Mode::Output)
                .with_context(|| format!("cannot write {}", out.join(&relative).display()))?;
            files.push(format!(
                "{}/{}.{}",
                letter.edition,
                letter.slug,
                format.extension()
            ));
        }
        index.push(row(letter, &files));
        written.push((letter.id.as_str(), files));
    }
    index.extend(kept);
    super::write_index(&out, &mut index)?;
    let due_now: HashSet<&str> = written.iter().map(|(id, _)| *id).collect();
    let mut removed = Vec::new();
    for (_, file) in previous
        .iter()
        .filter(|(id, _)| !due_now.contains(id.as_str()) && !unread_ids.contains(id))
    {
        if remove(&out, Path::new(file))
            .with_context(|| format!("cannot remove {}", out.join(file).display()))?
        {
            removed.push(file.as_str());
        }
    }
    print_summary(context, &out, &formats, &written, &due, count)?;
    if !removed.is_empty() && !context.quiet {
        let mut stdout = anstream::stdout();
        writeln!(stdout, "removed {} letter(s) no longer due:", removed.len())?;
        for file in removed {
            writeln!(stdout, "  {file}")?;
        }
    }
    if let Some(server) = &server {
        let outcome = mailing::deliver(server, &out, &messages, context.quiet)?;
        if outcome != Outcome::Clean {
            return Ok(outcome);
        }
    }
    if unwritten > 0 {
        return Ok(Outcome::Findings);
    }
    // Asking for one letter that cannot be written is a finding; a full run that skips some is
    // the normal state of a programme in progress.
    Ok(if args.only.is_some() && due.letters.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The typst source for PDF letters, when PDF is asked for: the programme's own
/// `templates/letter.typ`, or the built-in one.
fn pdf_source(root: &Path, formats: &[Format]) -> Result<Option<String>> {
    if !formats.contains(&Format::Pdf) {
        return Ok(None);
    }
    let path = root.join("templates").join("letter.typ");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin_typst()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(feature = "pdf")]
fn builtin_typst() -> Option<String> {
    Some(spotlight::render::pdf::BUILTIN.to_string())
}

#[cfg(not(feature = "pdf"))]
fn builtin_typst() -> Option<String> {
    None
}

fn render(
    templates: &Templates,
    pdf_source: Option<&str>,
    letter: &Letter,
    format: Format,
) -> Result<Vec<u8>> {
    match format {
        Format::Md => Ok(templates.render("letter.md", letter)?.into_bytes()),
        Format::Html => Ok(templates.render("letter.html", letter)?.into_bytes()),
        Format::Pdf => render_pdf(pdf_source.unwrap_or_default(), letter),
        Format::Eml => unreachable!("e-mails are built from the other formats"),
    }
}

/// What an e-mailed letter is made of: the sender, the date, and the letter as the run rendered
/// it in other formats (rendered here when not asked for, never written).
struct Email<'a> {
    from: &'a Mailbox,
    date: NaiveDate,
    tz: chrono_tz::Tz,
    md: Option<Vec<u8>>,
    html: Option<Vec<u8>>,
    pdf: Option<Vec<u8>>,
}

impl Email<'_> {
    fn message(self, templates: &Templates, letter: &Letter) -> Result<lettre::Message> {
        let md = match self.md {
            Some(bytes) => String::from_utf8(bytes).context("the Markdown letter is UTF-8")?,
            None => templates.render("letter.md", letter)?,
        };
        let html = match self.html {
            Some(bytes) => String::from_utf8(bytes).context("the HTML letter is UTF-8")?,
            None => templates.render("letter.html", letter)?,
        };
        let draft = Draft {
            from: self.from.clone(),
            to: vec![Person {
                name: letter.to.name.clone(),
                email: letter.to.email.clone(),
            }],
            cc: letter
                .directors
                .iter()
                .filter(|d| !d.email.is_empty())
                .map(|d| Person {
                    name: d.name.clone(),
                    email: d.email.clone(),
                })
                .collect(),
            subject: letter.subject.clone(),
            date: mailing::date(self.date, self.tz),
            message_id: mailing::message_id("letter", &letter.id, self.from),
            text: mail::text::plain(&md),
            html: Some(html),
            files: self
                .pdf
                .map(|bytes| File {
                    name: format!("{}.pdf", letter.slug),
                    content_type: "application/pdf",
                    bytes,
                })
                .into_iter()
                .collect(),
        };
        mail::message(&draft)
            .map_err(|e| anyhow::anyhow!("cannot write the e-mail for {}: {e}", letter.id))
    }
}

#[cfg(feature = "pdf")]
fn render_pdf(source: &str, letter: &Letter) -> Result<Vec<u8>> {
    spotlight::render::pdf::render("letter.typ", source, letter)
        .with_context(|| format!("cannot typeset the letter for {}", letter.id))
}

#[cfg(not(feature = "pdf"))]
fn render_pdf(_source: &str, _letter: &Letter) -> Result<Vec<u8>> {
    bail!("this spotlight was built without PDF support; build it with `--features pdf`")
}

/// The rows of an existing index whose id `keep` accepts: with `--only`, every row but that
/// submission's, so that one row is updated instead of leaving an index of one letter; in a full
/// run, the rows of submissions that could not be read. No index yet: no rows. An index written
/// for other formats cannot take these rows, so that is an error before anything is written.
fn kept_rows(
    path: &Path,
    header: &[String],
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Vec<String>>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{} is not valid CSV", path.display()))?;
        rows.push(record.iter().map(String::from).collect::<Vec<String>>());
    }
    match rows.first() {
        None => return Ok(Vec::new()),
        Some(found) if found.as_slice() != header => bail!(
            "{} has the columns {}, not {}: run `spotlight letters` without --only to rewrite \
             it, or ask for the formats it lists",
            path.display(),
            found.join(","),
            header.join(",")
        ),
        Some(_) => {}
    }
    rows.remove(0);
    rows.retain(|row| row.first().is_some_and(|id| keep(id)));
    Ok(rows)
}

/// The letter files an existing index lists for submissions of `edition`, with their ids: the
/// cells of its `file_*` columns that are exactly `<id>.md`, `.html` or `.pdf` for the row's
/// `id`, found by the columns' names. Anything else, or an unreadable index, lists nothing, so
/// nothing but a letter spotlight wrote for that submission is ever removed.
fn listed_files(path: &Path, edition: &str) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else {
        return Vec::new();
    };
    let Some(id_column) = headers.iter().position(|name| name == "id") else {
        return Vec::new();
    };
    let file_columns: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, name)| name.starts_with("file_"))
        .map(|(i, _)| i)
        .collect();
    let mut listed = Vec::new();
    for record in reader.records().flatten() {
        let Some(id) = record.get(id_column) else {
            continue;
        };
        let Some((id_edition, slug)) = id.split_once('/') else {
            continue;
        };
        // Both parts must be slugs, as the paths letters are written to are.
        if id_edition != edition || !is_slug(id_edition) || !is_slug(slug) {
            continue;
        }
        for cell in file_columns.iter().filter_map(|&i| record.get(i)) {
            let is_its_letter = ["md", "html", "pdf", "eml"]
                .iter()
                .any(|extension| cell == format!("{id}.{extension}"));
            if is_its_letter {
                listed.push((id.to_string(), cell.to_string()));
            }
        }
    }
    listed
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
}

fn header(formats: &[Format]) -> Vec<String> {
    let mut cells: Vec<String> = ["id", "to_name", "to", "cc", "subject"]
        .map(String::from)
        .to_vec();
    cells.extend(formats.iter().map(|f| format!("file_{}", f.extension())));
    cells
}

/// One mail-merge row. Each director is copied by name, role and authority (submissions give
/// no e-mail address for them), separated by `; ` when a joint submission has several.
fn row(letter: &Letter, files: &[String]) -> Vec<String> {
    let cc = letter
        .directors
        .iter()
        .map(|d| format!("{} ({}, {})", d.name, d.role, d.local_authority))
        .collect::<Vec<_>>()
        .join("; ");
    let mut cells = vec![
        letter.id.clone(),
        letter.to.name.clone(),
        letter.to.email.clone(),
        cc,
        letter.subject.clone(),
    ];
    cells.extend(files.iter().cloned());
    cells
}

fn print_summary(
    context: &Context,
    out: &Path,
    formats: &[Format],
    written: &[(&str, Vec<String>)],
    due: &Letters,
    unread: usize,
) -> Result<()> {
    let mut stdout = anstream::stdout();
    if !context.quiet {
        let names: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
        let noun = if written.len() == 1 {
            "letter"
        } else {
            "letters"
        };
        writeln!(
            stdout,
            "wrote {} {noun} ({}) and index.csv to {}{}",
            written.len(),
            names.join(", "),
            out.display(),
            if unread > 0 {
                format!("; {} could not be read", super::files_could_not(unread))
            } else {
                String::new()
            }
        )?;
        for (id, files) in written {
            writeln!(stdout, "  {id}: {}", files.join(", "))?;
        }
    }
    if !due.skipped.is_empty() {
        writeln!(stdout, "skipped {}:", due.skipped.len())?;
        for skipped in &due.skipped {
            writeln!(stdout, "  {}: {}", skipped.id, skipped.reason.describe())?;
        }
    }
    Ok(())
}
