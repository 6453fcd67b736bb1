//! Running cargo and other programs: echo the command, stop at the first failure.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// `$CARGO` (set by cargo for `cargo run`, so nested builds use the same toolchain), else `cargo`,
/// started in the workspace root whatever the caller's directory.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(args).current_dir(workspace_root());
    command
}

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// Runs `command`, echoing it first; `Err` carries the exit code to stop with.
pub fn run(command: &mut Command) -> Result<(), ExitCode> {
    let shown = describe(command);
    eprintln!("$ {shown}");
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            // A signal has no exit code; 1 still says "failed".
            let code = status.code().unwrap_or(1);
            eprintln!("xtask: `{shown}` failed with exit code {code}");
            Err(ExitCode::from(u8::try_from(code).unwrap_or(1)))
        }
        Err(e) => {
            eprintln!("xtask: cannot run `{shown}`: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// [`run`], then how long it took: the phases of `cargo xtask test`.
pub fn run_timed(command: &mut Command) -> Result<(), ExitCode> {
    let started = std::time::Instant::now();
    let result = run(command);
    eprintln!("xtask: took {}s", started.elapsed().as_secs());
    result
}

/// Runs `command` and returns its own exit code, for commands whose code is the result.
pub fn exec(command: &mut Command) -> ExitCode {
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn describe(command: &Command) -> String {
    let program = PathBuf::from(command.get_program());
    // `$CARGO` is an absolute toolchain path; the short name reads better and means the same.
    let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::iter::once(name)
        .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}
