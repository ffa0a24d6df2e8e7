//! The `spotlight` binary: parse the command line, run it, turn the outcome into an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(outcome) => outcome.into(),
        Err(error) => {
            cli::report_error(&error);
            cli::Outcome::Failed.into()
        }
    }
}

// Parsing thousands of small files is allocation-heavy: see the README benchmark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
