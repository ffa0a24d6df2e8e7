//! `spotlight schema`: JSON Schemas for editors, from the same types spotlight parses into.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use spotlight::schema::{self, Kind};
use spotlight::write::{Mode, write};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema to print; without one, all three are written to --out
    #[arg(value_enum)]
    kind: Option<SchemaKind>,

    /// Write submission.schema.json, review.schema.json and categories.schema.json here
    #[arg(long, value_name = "DIR", default_value = ".spotlight")]
    out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    /// A submission's front matter
    Submission,
    /// A review's front matter
    Review,
    /// categories.yaml
    Categories,
}

impl From<SchemaKind> for Kind {
    fn from(kind: SchemaKind) -> Kind {
        match kind {
            SchemaKind::Submission => Kind::Submission,
            SchemaKind::Review => Kind::Review,
            SchemaKind::Categories => Kind::Categories,
        }
    }
}

pub fn run(context: &Context, args: &Args) -> Result<Outcome> {
    // Inside a programme the schemas also list its categories, themes and reviewers; outside
    // one they describe the formats alone.
    let programme = context.try_programme();
    let text = |kind: Kind| -> Result<String> {
        let mut text = serde_json::to_string_pretty(&schema::schema(kind, programme.as_ref()))?;
        text.push('\n');
        Ok(text)
    };
    if let Some(kind) = args.kind {
        anstream::stdout().write_all(text(kind.into())?.as_bytes())?;
        return Ok(Outcome::Clean);
    }
    let base = context.root().unwrap_or_else(|_| PathBuf::from("."));
    let folder = if args.out.is_absolute() {
        args.out.clone()
    } else {
        base.join(&args.out)
    };
    for kind in Kind::ALL {
        write(
            &folder,
            Path::new(kind.file_name()),
            text(kind)?.as_bytes(),
            Mode::Replace,
        )
        .with_context(|| format!("cannot write {}", folder.join(kind.file_name()).display()))?;
    }
    if !context.quiet {
        anstream::println!("wrote 3 schemas to {}", folder.display());
    }
    Ok(Outcome::Clean)
}
