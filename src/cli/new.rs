//! `spotlight new`: a new submission from flags, or from prompts on a terminal, with the SHINE
//! headings and a line of guidance under each. Never overwrites a file.

use std::io::{BufRead, IsTerminal, Write as _};
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use spotlight::model::{is_slug, slugify};
use spotlight::programme::Programme;
use spotlight::scaffold::{self, Field, NewSubmission, Problem};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The practice's title
    #[arg(long)]
    title: Option<String>,

    /// A London authority the practice is made with (repeat for several)
    #[arg(long = "authority", value_name = "NAME")]
    authorities: Vec<String>,

    /// A category id to enter (repeat for several)
    #[arg(long = "category", value_name = "ID")]
    categories: Vec<String>,

    /// The contact's name (the recognition letter is addressed to them)
    #[arg(long)]
    contact_name: Option<String>,

    /// The contact's email address
    #[arg(long)]
    contact_email: Option<String>,

    /// The contact's role
    #[arg(long)]
    contact_role: Option<String>,

    /// The file's slug [default: from the title]
    #[arg(long)]
    slug: Option<String>,
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    let root = context.root()?;
    let programme = context.try_programme().context(
        "categories.yaml must parse before a submission can be made: run `spotlight validate`",
    )?;
    let mut new = NewSubmission {
        title: args.title.clone().unwrap_or_default(),
        categories: args.categories.clone(),
        authorities: args.authorities.clone(),
        contact_name: args.contact_name.clone().unwrap_or_default(),
        contact_role: args.contact_role.clone(),
        contact_email: args.contact_email.clone().unwrap_or_default(),
        ..NewSubmission::default()
    };
    if std::io::stdin().is_terminal() {
        prompt_for_missing(&mut new, &programme)?;
    }
    check(&new, &programme)?;
    let slug = args.slug.clone().unwrap_or_else(|| slugify(&new.title));
    if !is_slug(&slug) {
        bail!("`{slug}` is not a valid slug: use lowercase letters, digits and single hyphens");
    }
    let relative = format!("submissions/{}/{slug}.md", programme.edition());
    let text = scaffold::submission(&new, &programme);
    write(&root, Path::new(&relative), text.as_bytes(), Mode::CreateNew).with_context(|| {
        format!("{relative} was not written; choose another --slug (existing files are never overwritten)")
    })?;
    if !context.quiet {
        anstream::println!(
            "wrote {relative}: a draft; fill in the five sections, then set status: submitted"
        );
    }
    Ok(Outcome::Clean)
}

/// Asks for each missing value on the terminal.
fn prompt_for_missing(new: &mut NewSubmission, programme: &Programme) -> Result<()> {
    let ask = |question: &str| -> Result<String> {
        let mut stdout = std::io::stdout();
        write!(stdout, "{question}: ")?;
        stdout.flush()?;
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim().to_string())
    };
    let split = |text: String| -> Vec<String> {
        text.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    if new.title.trim().is_empty() {
        new.title = ask("Title of the practice")?;
    }
    if new.authorities.is_empty() {
        new.authorities = split(ask("London authorities (comma-separated)")?);
    }
    if new.categories.is_empty() {
        let ids = programme.category_ids().join(", ");
        new.categories = split(ask(&format!("Categories ({ids})"))?);
    }
    if new.contact_name.trim().is_empty() {
        new.contact_name = ask("Contact's name")?;
    }
    if new.contact_email.trim().is_empty() {
        new.contact_email = ask("Contact's email")?;
    }
    Ok(())
}

/// Refuses values `validate` would reject, each with its fix, naming the flag it came from.
fn check(new: &NewSubmission, programme: &Programme) -> Result<()> {
    let problems: Vec<String> = scaffold::check(new, programme)
        .into_iter()
        .map(|problem| match problem {
            Problem::Missing(field) => match field {
                Field::Title => "--title is required".to_string(),
                Field::Authorities => {
                    "--authority is required (a London borough or the City of London)".into()
                }
                Field::Categories => format!(
                    "--category is required: one of {}",
                    programme.category_ids().join(", ")
                ),
                Field::ContactName => "--contact-name is required".into(),
                Field::ContactEmail => "--contact-email is required".into(),
            },
            Problem::Invalid(Field::ContactEmail, message) => format!("--contact-email {message}"),
            Problem::Invalid(_, message) => message,
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        bail!("cannot make the submission:\n  {}", problems.join("\n  "))
    }
}
