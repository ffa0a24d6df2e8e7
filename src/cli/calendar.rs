//! `spotlight calendar`: the programme's milestones as an iCalendar file to subscribe to.

use std::io::Write as _;

use anyhow::{Context as _, Result};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(context: &Context, _: &Args) -> Result<Outcome> {
    let programme = context
        .try_programme()
        .context("categories.yaml must parse first: run `spotlight validate`")?;
    let stamp = context.today_in(programme.tz);
    let text = spotlight::scaffold::calendar(&programme, stamp);
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}
