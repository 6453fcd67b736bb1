//! The entry points: parse the arguments, run the command, turn the outcome into an exit code.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use crate::app::App;
use crate::args::Cli;
use crate::commands::{self, Ctx};
use crate::error::exit;
use crate::output::{ErrorDocument, Output};

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
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints usage errors on stderr and --help/--version on stdout.
            let _ = e.print();
            if !e.use_stderr() {
                return ExitCode::from(exit::SUCCESS);
            }
            // clap could not tell us the format, but a script that asked for JSON still gets it.
            if asks_for_json(&args) {
                ErrorDocument::new("usage", usage_message(&e), Vec::new(), exit::USAGE).print();
            }
            return ExitCode::from(exit::USAGE);
        }
    };
    // Completions are registered under the name the binary is called by.
    let bin_name = args
        .first()
        .and_then(|arg0| Path::new(arg0).file_name())
        .and_then(OsStr::to_str)
        .unwrap_or("migrate")
        .to_string();
    let (global, command) = cli.into_parts();
    let mut out = Output::new(&global);
    crate::logging::init(out.verbosity());
    let mut ctx = Ctx::new(&app, &global, &mut out).bin_name(bin_name);
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

/// Whether the arguments ask for `--format json`, read without clap (which just refused them).
fn asks_for_json(args: &[OsString]) -> bool {
    let args: Vec<&OsStr> = args.iter().skip(1).map(OsString::as_os_str).take_while(|a| *a != "--").collect();
    args.iter().any(|a| *a == "--format=json") || args.windows(2).any(|w| w[0] == "--format" && w[1] == "json")
}

/// clap's error in one line, without its `error:` prefix, usage and tips.
fn usage_message(e: &clap::Error) -> String {
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return "no command given; run with --help for the list (a deploy says `upgrade head`)".to_string();
    }
    let text = e.to_string();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    first.trim().strip_prefix("error:").unwrap_or(first).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn json_is_recognised_in_both_spellings_before_a_double_dash() {
        assert!(asks_for_json(&os(&["migrate", "upgrade", "--format", "json"])));
        assert!(asks_for_json(&os(&["migrate", "--format=json", "frobnicate"])));
        assert!(!asks_for_json(&os(&["migrate", "--format", "text"])));
        assert!(!asks_for_json(&os(&["migrate", "new", "--", "--format", "json"])));
    }
}
