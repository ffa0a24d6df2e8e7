//! The integration tests: the real binary on fixture programme repositories.

mod harness;
mod validate;
