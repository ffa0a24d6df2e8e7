//! The integration tests: the real binary on fixture programme repositories.

mod assign;
mod corpus;
mod docs;
mod ecosystem;
mod harness;
mod hostile;
mod import;
mod intake;
mod layout;
mod letters;
mod mail;
mod recovery;
mod report;
mod site;
mod validate;
