//! spotlight runs London's Practice Spotlight programme from files in git.
//!
//! The pipeline flows one way. [`load`] finds the programme root, reads `categories.yaml`
//! ([`programme`]) and every submission and review file ([`source`]), and [`parse`]s each into
//! typed front matter and Markdown sections ([`model`]), resolving authorities against the
//! built-in [`london`] register. [`check`] runs every rule and returns [`diagnostic`]s and each
//! submission's eligibility; it never prints. The binary's `cli` module is the only code that
//! knows about flags, colours, output formats and exit codes.

pub mod ascii;
pub mod assign;
pub mod attachments;
pub mod check;
pub mod codes;
pub mod conflict;
pub mod dates;
pub mod diagnostic;
pub mod import;
pub mod intake;
pub mod load;
pub mod london;
pub mod mail;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod programme;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod signoff;
pub mod site;
pub mod source;
pub mod spreadsheet;
pub mod write;
