//! Running the `migrate` binary and reading what it printed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example app's `migrate` binary, built by cargo for this test target.
pub const MIGRATE: &str = env!("CARGO_BIN_EXE_migrate");

/// The same binary without the embedded SQLite default, as an app that did not opt in builds it.
pub const MIGRATE_WITHOUT_DEFAULT: &str = env!("CARGO_BIN_EXE_migrate-without-default");

/// A `migrate` invocation: no inherited `DATABASE_URL`/`RUST_LOG`, no colors, run from an empty
/// directory so that no `.env` or `retort.toml` of the developer's is picked up.
pub struct Migrate {
    cmd: Command,
    _cwd: Option<tempfile::TempDir>,
}

impl Migrate {
    pub fn new() -> Self {
        Self::binary(MIGRATE)
    }

    /// `migrate-without-default`: no URL unless one is given.
    pub fn without_default() -> Self {
        Self::binary(MIGRATE_WITHOUT_DEFAULT)
    }

    fn binary(path: &str) -> Self {
        let cwd = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(path);
        cmd.current_dir(cwd.path()).env_remove("DATABASE_URL").env_remove("RUST_LOG").env("NO_COLOR", "1");
        Self { cmd, _cwd: Some(cwd) }
    }

    /// `migrate --database-url URL`.
    pub fn db(url: &str) -> Self {
        let mut m = Self::new();
        m.cmd.arg("--database-url").arg(url);
        m
    }

    pub fn in_dir(mut self, dir: &Path) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.cmd.env_remove(key);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.cmd.args(args);
        self
    }

    pub fn run(mut self) -> Run {
        let output = self.cmd.output().unwrap();
        Run::from(output)
    }

    pub fn command(self) -> (Command, Option<tempfile::TempDir>) {
        (self.cmd, self._cwd)
    }
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(self.code, expected, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        self.code(0)
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// `migrate --database-url URL ARGS..`, expected to succeed.
#[track_caller]
pub fn ok(url: &str, args: &[&str]) -> Run {
    Migrate::db(url).args(args).run().ok()
}

/// `migrate --database-url URL ARGS.. --format json`, expected to succeed, parsed.
#[track_caller]
pub fn json(url: &str, args: &[&str]) -> serde_json::Value {
    Migrate::db(url).args(args).args(["--format", "json"]).run().ok().json()
}

/// The ids in a JSON array of revision objects.
pub fn ids(value: &serde_json::Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|r| r["revision"].as_str().unwrap().to_string()).collect()
}

/// The single head of the example app's chain.
pub fn head() -> String {
    let heads = ids(&json("sqlite::memory:", &["heads"])["heads"]);
    assert_eq!(heads.len(), 1, "the example app's chain ends in one head: {heads:?}");
    heads[0].clone()
}

/// Every revision of the example app, newest first.
pub fn history() -> Vec<String> {
    ids(&json("sqlite::memory:", &["history"])["revisions"])
}

/// A SQLite URL for a file in `dir`.
pub fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(name).display())
}

/// The example app's folder.
pub fn app_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A revision two steps above the base (a child of the base), as a target for short upgrades.
pub fn second() -> String {
    let revisions = json("sqlite::memory:", &["history"])["revisions"].as_array().unwrap().clone();
    let base = revisions.last().unwrap()["revision"].clone();
    let child =
        revisions.iter().rev().find(|r| r["parents"] == serde_json::json!([base])).expect("the base has a child");
    child["revision"].as_str().unwrap().to_string()
}

/// Whether `text` is a duration in retort's one style (`retort::human`): `97us`, `7ms`,
/// `3s 400ms`, `2m 5s`, each part a whole number with its unit and no space between them.
pub fn is_duration(text: &str) -> bool {
    !text.is_empty()
        && text.split(' ').all(|part| {
            let digits = part.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && ["ns", "us", "ms", "s", "m", "h", "days"].contains(&&part[digits..])
        })
}

/// The duration in the parentheses that end `line` (`↑ 9c2b3f1a4e5d Add roles (7ms)`).
pub fn trailing_duration(line: &str) -> &str {
    let line = line.trim_end();
    let open = line.rfind('(').map_or(line.len(), |i| i + 1);
    line[open..].strip_suffix(')').unwrap_or_default()
}
