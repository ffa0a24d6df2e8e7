//! `spotlight explain CODE`: what a diagnostic code means and how to fix it.

use anyhow::{Result, bail};

use spotlight::codes::Code;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code such as SP0201; without one, every code is listed
    code: Option<String>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let Some(text) = &args.code else {
        for code in Code::ALL {
            anstream::println!("{code}  {:<7}  {}", code.severity().as_str(), code.title());
        }
        return Ok(Outcome::Clean);
    };
    let Some(code) = Code::parse(text) else {
        bail!("`{text}` is not a spotlight code; `spotlight explain` lists them all");
    };
    anstream::println!(
        "{code} ({}): {}\n\n{}",
        code.severity().as_str(),
        code.title(),
        code.explanation()
    );
    Ok(Outcome::Clean)
}
