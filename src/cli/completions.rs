//! `spotlight completions SHELL` and `spotlight man`: shell completions and a man page,
//! generated from the same clap definition as `--help`.

use std::io::Write as _;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    shell: Shell,
}

pub fn completions(args: &CompletionArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "spotlight", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(Outcome::Clean)
}

pub fn man() -> Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::stdout().write_all(&out)?;
    Ok(Outcome::Clean)
}
