//! The integration tests: the real binary on fixture programme repositories.

mod assign;
mod corpus;
mod ecosystem;
mod harness;
mod hostile;
mod import;
mod report;
mod letters;
mod site;
mod validate;
