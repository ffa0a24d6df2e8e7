//! The integration tests: the real binary on fixture programme repositories.

mod assign;
mod corpus;
mod harness;
mod validate;
