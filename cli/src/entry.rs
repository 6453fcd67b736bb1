//! The entry points: parse the arguments, run the command, turn the outcome into an exit code.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use crate::app::App;
use crate::args::Cli;
use crate::commands::{self, Ctx};
use crate::error::exit;
use crate::output::Output;

/// Runs the CLI for the app in the working directory (named after it); see [`run_with`] to name
/// the app's crate instead, which is what a `migrate` binary should do.
pub fn run() -> ExitCode {
    run_with(App::from_current_dir())
}

/// Runs the CLI for `app` with the process arguments: `retort_cli::run_with(retort_cli::app!())`.
pub fn run_with(app: App) -> ExitCode {
    run_from(app, std::env::args_os())
}

/// Runs the CLI for `app` with the given arguments (the first is the program name).
pub fn run_from(app: App, args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints usage errors on stderr and --help/--version on stdout.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { exit::SUCCESS });
        }
    };
    let (global, command) = cli.into_parts();
    let mut out = Output::new(&global);
    crate::logging::init(out.verbosity());
    let mut ctx = Ctx::new(&app, &global, &mut out);
    match commands::dispatch(&mut ctx, command) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            if !e.is_silent() {
                out.error(&e);
            }
            ExitCode::from(e.exit_code())
        }
    }
}
