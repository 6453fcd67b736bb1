//! retort's command line as a library: a user's `migrate` binary calls [`run_with`] (or [`run`]),
//! so that the binary links the user's revisions.
//!
//! ```no_run
//! // src/bin/migrate.rs, next to `extern crate my_app as _;` which links the app's revisions
//! fn main() -> std::process::ExitCode {
//!     retort_cli::run_with(retort_cli::app!())
//! }
//! ```

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod app;
pub mod args;
mod commands;
mod entry;
mod error;
mod logging;
mod output;
pub mod reference;

pub use app::App;
pub use commands::scaffold::{NewRevision, ScaffoldError, Written};
pub use entry::{run, run_from, run_with};
pub use error::{exit, CliError};
