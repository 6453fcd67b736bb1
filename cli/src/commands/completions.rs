//! `completions SHELL`: the shell completion script of this command line, from its clap
//! definition (clap_complete), for the name the binary was called by.

use clap::CommandFactory;

use super::Ctx;
use crate::args::{Cli, CompletionsArgs};
use crate::error::CliError;

/// Prints the completion script for `args.shell` on stdout.
pub fn completions(ctx: &mut Ctx<'_>, args: &CompletionsArgs) -> Result<(), CliError> {
    // Into memory first: the generators panic when a write fails (`completions bash | head`),
    // and `raw` turns a closed pipe into a quiet exit instead.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), ctx.bin_name.clone(), &mut script);
    ctx.out.raw(&String::from_utf8_lossy(&script))
}
