//! `cargo xtask`: the workspace's developer commands (`migrate`, `test`, `bench`, `tidy`).

mod bench;
mod cli;
mod cmd;
mod migrate;
mod setup;
mod test;
mod tidy;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}
