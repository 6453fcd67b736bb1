//! Running the measured programs: wall time of the whole process, output kept for the error.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` to completion and returns its wall time, process start and exit included;
/// a failure carries the command and the end of its output.
pub fn timed(command: &mut Command) -> Result<Duration, String> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let output = command.output();
    let elapsed = start.elapsed();
    check(command, output)?;
    Ok(elapsed)
}

/// Runs `command` and returns its stdout; a failure carries the command and its output.
pub fn stdout(command: &mut Command) -> Result<String, String> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let output = command.output();
    let output = check(command, output)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `command` with its output shown (builds: long, and the user wants to see progress).
pub fn shown(command: &mut Command) -> Result<Duration, String> {
    eprintln!("$ {}", describe(command));
    let start = Instant::now();
    let status = command.status().map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    let elapsed = start.elapsed();
    if status.success() {
        Ok(elapsed)
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

fn check(command: &Command, output: std::io::Result<Output>) -> Result<Output, String> {
    let shown = describe(command);
    let output = output.map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if output.status.success() {
        return Ok(output);
    }
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    Err(format!("`{shown}` failed ({}):\n{}", output.status, tail(&text, 30)))
}

/// The last `lines` lines of `text`: the error is at the end of a long migration log.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.trim_end().lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The command as a shell line, with the program's file name only.
pub fn describe(command: &Command) -> String {
    let program = Path::new(command.get_program());
    let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::iter::once(name)
        .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `program` is an executable file on `PATH` (peers are detected, never installed).
pub fn on_path(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
