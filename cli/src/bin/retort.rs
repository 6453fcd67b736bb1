//! `retort`: the command line with no revisions linked (`cargo install retort-cli`), for what
//! needs none: `init` in a new crate, `new`, `completions`. The crate's own `migrate` binary,
//! which `init` writes, runs everything else.

fn main() -> std::process::ExitCode {
    retort_cli::run()
}
