//! The throwaway crates the benchmarks build: N small revisions (create a table, add a column,
//! index it; a linear chain) with a `migrate` binary, written with `migration!` or, for the
//! compile comparison, as plain calls of retort's op builders.
//!
//! They live in `target/bench/<style>-<n>/`, each its own workspace (not a member of ours), with
//! path dependencies on this workspace's `core` and `cli`, and share one target directory,
//! `target/bench/target`: dependencies are built once, and timed builds never wait for the lock
//! of the shared `target/` that other cargo commands hold.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::proc;
use super::report::bench_dir;
use crate::cmd::{self, workspace_root};

/// How the revisions are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `retort::migration! { .. }`, one invocation per file, listed by hand as `mod rNNNNN;`.
    Macro,
    /// The same files, declared by `retort::migrations!()` (which also checks the chain) and
    /// a `build.rs` watching the folder: what users write.
    Chain,
    /// `retort::ops::CreateTable::new(..)` etc. in a plain function per file: the same ops
    /// without the macro, to tell the macro's share of the build time.
    Builder,
}

impl Style {
    /// The folder prefix, also used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Style::Macro => "apply",
            Style::Chain => "chain",
            Style::Builder => "builder",
        }
    }
}

/// The cargo profile a crate is built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `dev`: what a developer's edit-build loop uses (incremental).
    Dev,
    /// `release`: what a deploy runs.
    Release,
}

impl Profile {
    /// The folder under the target directory.
    pub fn dir(self) -> &'static str {
        match self {
            Profile::Dev => "debug",
            Profile::Release => "release",
        }
    }
}

/// One generated crate.
#[derive(Debug, Clone)]
pub struct BenchCrate {
    /// `apply` or `builder` style.
    pub style: Style,
    /// Number of revisions.
    pub n: usize,
}

impl BenchCrate {
    /// The crate of `n` revisions in `style`.
    pub fn new(style: Style, n: usize) -> Self {
        Self { style, n }
    }

    /// `target/bench/<style>-<n>/`.
    pub fn dir(&self) -> PathBuf {
        bench_dir().join(format!("{}-{}", self.style.name(), self.n))
    }

    /// The package name (also the lib name, with `_`).
    pub fn package(&self) -> String {
        format!("retort-bench-{}-{}", self.style.name(), self.n)
    }

    /// The binary's name: `migrate-<style>-<n>`, since binaries of every generated crate land in
    /// the one shared target directory, where the same name would overwrite each other.
    pub fn bin(&self) -> String {
        format!("migrate-{}-{}", self.style.name(), self.n)
    }

    /// The built binary.
    pub fn binary(&self, profile: Profile) -> PathBuf {
        target_dir().join(profile.dir()).join(format!("{}{}", self.bin(), std::env::consts::EXE_SUFFIX))
    }

    /// The file holding revision `i` (1-based).
    pub fn revision_file(&self, i: usize) -> PathBuf {
        self.dir().join("src").join("migrations").join(format!("{}.rs", module(i)))
    }

    /// Writes the crate; files whose content is unchanged are left alone, so that cargo does not
    /// rebuild what did not change.
    pub fn write(&self) -> Result<(), String> {
        let lib = self.package().replace('-', "_");
        let mut files: Vec<(PathBuf, String)> = vec![
            (self.dir().join("Cargo.toml"), self.manifest()),
            (self.dir().join("src").join("lib.rs"), self.lib_rs()),
            (self.dir().join("src").join("migrations").join("mod.rs"), self.mod_rs()),
            (self.dir().join("src").join("bin").join(format!("{}.rs", self.bin())), self.main_rs(&lib)),
        ];
        if self.style == Style::Chain {
            files.push((self.dir().join("build.rs"), BUILD_RS.to_string()));
        }
        for i in 1..=self.n {
            files.push((self.revision_file(i), self.revision(i, "")));
        }
        for (path, text) in &files {
            write_if_changed(path, text)?;
        }
        // The workspace's lock file pins the same dependency versions the tests use, and lets
        // cargo resolve without the network; cargo prunes the entries this crate does not need.
        let lock = self.dir().join("Cargo.lock");
        if !lock.exists() {
            std::fs::copy(workspace_root().join("Cargo.lock"), &lock)
                .map_err(|e| format!("cannot copy Cargo.lock to {}: {e}", lock.display()))?;
        }
        Ok(())
    }

    /// Rewrites revision `i` with `edit` added to its message: a one-file change a developer
    /// makes, for the incremental rebuild.
    pub fn touch_revision(&self, i: usize, edit: &str) -> Result<(), String> {
        write_if_changed(&self.revision_file(i), &self.revision(i, edit))
    }

    /// `cargo build` of the crate (output shown), returning its wall time.
    pub fn build(&self, profile: Profile) -> Result<Duration, String> {
        let mut command = self.cargo("build");
        if profile == Profile::Release {
            command.arg("--release");
        }
        proc::shown(&mut command)
    }

    /// `cargo <verb>` (`build` or `check`) of the crate, timed, with cargo's output kept back:
    /// returns the wall time and the packages cargo compiled (retort's own crates among them when
    /// someone edited them since the last build, which makes the time meaningless as a build of
    /// this crate alone).
    pub fn timed(&self, verb: &str, profile: Profile) -> Result<(Duration, Vec<String>), String> {
        let mut command = self.cargo(verb);
        if profile == Profile::Release {
            command.arg("--release");
        }
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        let start = Instant::now();
        let output = command.output().map_err(|e| format!("cannot run `{}`: {e}", proc::describe(&command)))?;
        let elapsed = start.elapsed();
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("`{}` failed ({}):\n{log}", proc::describe(&command), output.status));
        }
        let compiled = log
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                l.strip_prefix("Compiling ").or_else(|| l.strip_prefix("Checking "))
            })
            .filter_map(|rest| rest.split_whitespace().next())
            .map(str::to_string)
            .collect();
        Ok((elapsed, compiled))
    }

    /// Removes the crate's own build output (not its dependencies'), for a clean build of it.
    pub fn clean(&self, profile: Profile) -> Result<(), String> {
        let mut command = self.cargo("clean");
        command.args(["--quiet", "-p", &self.package()]);
        if profile == Profile::Release {
            command.arg("--release");
        }
        proc::stdout(&mut command).map(drop)
    }

    /// `cargo <verb>` for this crate's manifest and the benchmarks' own target directory.
    fn cargo(&self, verb: &str) -> Command {
        let mut command = cmd::cargo([verb]);
        command.arg("--manifest-path").arg(self.dir().join("Cargo.toml")).arg("--target-dir").arg(target_dir());
        command
    }

    fn manifest(&self) -> String {
        let core = toml_path(&workspace_root().join("core"));
        let cli = toml_path(&workspace_root().join("cli"));
        format!(
            r#"# Generated by `cargo xtask bench`; rewritten on every run.
[package]
name = "{package}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
retort = {{ path = "{core}" }}
retort-cli = {{ path = "{cli}" }}

# The same profiles as the retort workspace, so that the numbers are the ones its users see.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false

[profile.release]
debug = false

# Its own workspace: not a member of retort's.
[workspace]
"#,
            package = self.package(),
        )
    }

    fn lib_rs(&self) -> String {
        let mut s =
            format!("//! {} benchmark revisions, generated by `cargo xtask bench`.\n\npub mod migrations;\n", self.n);
        if self.style == Style::Builder {
            s.push_str(
                "\n/// Every revision, built at run time.\npub fn revisions() -> Vec<retort::Revision> {\n    vec![\n",
            );
            for i in 1..=self.n {
                s.push_str(&format!("        migrations::{}::revision(),\n", module(i)));
            }
            s.push_str("    ]\n}\n");
        }
        s
    }

    fn mod_rs(&self) -> String {
        if self.style == Style::Chain {
            return "//! One module per revision file, declared by the chain macro.\n\nretort::migrations!();\n".into();
        }
        let mut s = String::from("//! One module per revision.\n\n");
        let vis = if self.style == Style::Builder { "pub " } else { "" };
        for i in 1..=self.n {
            s.push_str(&format!("{vis}mod {};\n", module(i)));
        }
        s
    }

    fn main_rs(&self, lib: &str) -> String {
        match self.style {
            Style::Macro | Style::Chain => format!(
                "//! The benchmark's `migrate` binary: retort's CLI linked with the generated revisions.\n\n\
                 extern crate {lib} as _;\n\n\
                 fn main() -> std::process::ExitCode {{\n    retort_cli::run_with(retort_cli::app!())\n}}\n"
            ),
            // Builder-style revisions cannot register themselves at compile time; this binary
            // exists so that the build links the same things as the macro style's.
            Style::Builder => format!(
                "//! The builder-style crate's binary: links the revisions and the CLI, for the build-time comparison.\n\n\
                 fn main() -> std::process::ExitCode {{\n    std::hint::black_box({lib}::revisions());\n    \
                 retort_cli::run_with(retort_cli::app!())\n}}\n"
            ),
        }
    }

    /// Revision `i`'s file; `edit` is appended to its message.
    fn revision(&self, i: usize, edit: &str) -> String {
        let id = rev_id(i);
        let table = table(i);
        let index = index(i);
        let message = format!("Bench revision {i}: table {table}{edit}");
        match self.style {
            Style::Macro | Style::Chain => {
                let parent = if i == 1 { "none".to_string() } else { format!("\"{}\"", rev_id(i - 1)) };
                format!(
                    r#"//! Benchmark revision {i} of {n}, generated by `cargo xtask bench`.

retort::migration! {{
    /// {message}
    revision: "{id}",
    parent: {parent},
    up {{
        create_table("{table}", [column("id", BigInt).primary_key().identity()]);
        add_column("{table}", column("note", Text));
        create_index("{index}").on("{table}", ["note"]);
    }}
}}
"#,
                    n = self.n,
                )
            }
            Style::Builder => {
                let parents =
                    if i == 1 { "&[]".to_string() } else { format!("&[Cow::Borrowed(\"{}\")]", rev_id(i - 1)) };
                format!(
                    r#"//! Benchmark revision {i} of {n} as plain builder calls, generated by `cargo xtask bench`.

use std::borrow::Cow;

use retort::ops::{{AddColumn, Column, ColumnType, CreateIndex, CreateTable, Op, TransactionMode}};
use retort::Revision;

/// {message}
pub fn revision() -> Revision {{
    let up = vec![
        Op::CreateTable(CreateTable::new("{table}", [Column::new("id", ColumnType::BigInt).primary_key().identity()])),
        Op::AddColumn(AddColumn::new("{table}", Column::new("note", ColumnType::Text))),
        Op::CreateIndex(CreateIndex::new("{index}").on("{table}", ["note"])),
    ];
    let ops = retort::ops::serialize(&up, None);
    let checksum = retort::checksum(&ops, TransactionMode::PerMigration);
    Revision {{
        id: Cow::Borrowed("{id}"),
        parents: Cow::Borrowed({parents}),
        branch_labels: Cow::Borrowed(&[]),
        depends_on: Cow::Borrowed(&[]),
        message: Cow::Borrowed("{message}"),
        transaction: TransactionMode::PerMigration,
        ops: Cow::Owned(ops),
        irreversible: false,
        checksum: Cow::Owned(checksum),
        source: Cow::Borrowed(file!()),
        allowed: Cow::Borrowed(&[]),
        lock_timeout_ms: None,
        statement_timeout_ms: None,
        lock_retries: None,
    }}
}}
"#,
                    n = self.n,
                )
            }
        }
    }
}

/// The chain style's build script: cargo reruns it, and so rebuilds the crate, when a file is
/// added to the folder that `migrations!()` reads.
const BUILD_RS: &str =
    "//! Watches the revision folder.\n\nfn main() {\n    println!(\"cargo:rerun-if-changed=src/migrations\");\n}\n";

/// `target/bench/target`: the generated crates' shared target directory.
pub fn target_dir() -> PathBuf {
    bench_dir().join("target")
}

/// Revision `i`'s id: 12 hex digits, scattered like real ids (multiplying by an odd constant is
/// a bijection modulo 2^48, so they are unique).
pub fn rev_id(i: usize) -> String {
    format!("{:012x}", (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) & 0xFFFF_FFFF_FFFF)
}

/// Revision `i`'s table.
pub fn table(i: usize) -> String {
    format!("bench_t{i:05}")
}

/// Revision `i`'s index.
pub fn index(i: usize) -> String {
    format!("ix_bench_t{i:05}_note")
}

fn module(i: usize) -> String {
    format!("r{i:05}")
}

fn toml_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::rev_id;

    #[test]
    fn revision_ids_are_unique_twelve_digit_hex() {
        let ids: std::collections::BTreeSet<String> = (1..=10_000).map(rev_id).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit())));
    }
}
