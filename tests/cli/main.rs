//! The integration tests: the real binary on fixture programme repositories.

mod corpus;
mod harness;
mod validate;
