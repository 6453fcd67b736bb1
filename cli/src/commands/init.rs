//! `init`: sets a crate up for retort. Writes the migrations folder's `mod.rs`, a `build.rs`
//! that rebuilds the crate when a revision file is added, and the `migrate` binary; prints the
//! `Cargo.toml` lines. It never overwrites: when one of its files exists it refuses before
//! writing anything.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Ctx;
use crate::args::InitArgs;
use crate::error::CliError;
use crate::output::style::{BOLD, DIM, OK};
use crate::output::{Verbosity, View};

/// `init` could not set the crate up; nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InitError {
    /// The folder is not a crate's.
    #[error("there is no Cargo.toml in {}; run init in your crate's folder (`cargo new my_app` makes one)", dir.display())]
    NotACrate {
        /// The folder.
        dir: PathBuf,
    },
    /// `Cargo.toml` cannot be read or has no `[package]`.
    #[error("{} cannot be read as a package manifest: {reason}", path.display())]
    Manifest {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Some of the files `init` writes exist already.
    #[error(
        "{} already {}; init writes nothing when one of its files is there: move {} away and run init again, \
         or finish the set-up by hand (docs/cli.md, \"init\")",
        list(paths), if paths.len() == 1 { "exists" } else { "exist" }, if paths.len() == 1 { "it" } else { "them" }
    )]
    Exists {
        /// The files.
        paths: Vec<PathBuf>,
    },
    /// The configured migrations folder is not in the crate.
    #[error("the migrations folder {} is outside the crate's folder {}; init writes only inside the crate", dir.display(), crate_dir.display())]
    OutsideCrate {
        /// The migrations folder.
        dir: PathBuf,
        /// The crate's folder.
        crate_dir: PathBuf,
    },
    /// Writing failed; what was written is removed again.
    #[error("could not write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

fn list(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// What happened to the build script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum BuildScript {
    /// There was none: `init` wrote it.
    Written,
    /// It exists and already watches the migrations folder.
    Watches,
    /// It exists without the line: the user adds it (`init` does not edit files).
    AddLine,
}

/// What `init` did and what is left to do (JSON fields in docs/cli.md).
#[derive(Debug, Serialize)]
struct Initialized {
    /// The files written, in the order written.
    written: Vec<PathBuf>,
    /// The build script and what became of it.
    build_script: PathBuf,
    build_script_state: BuildScript,
    /// The line the build script prints so that cargo rebuilds when a revision file is added.
    rerun_line: String,
    /// The lines to add to `Cargo.toml`; empty when it depends on `retort` and `retort-cli` already.
    cargo_toml: String,
    /// The commands to run next.
    next: Vec<String>,
}

impl View for Initialized {
    fn text(&self, w: &mut dyn Write, _: Verbosity) -> io::Result<()> {
        for path in &self.written {
            writeln!(w, "{OK}created{OK:#} {}", path.display())?;
        }
        match self.build_script_state {
            BuildScript::Written => {}
            BuildScript::Watches => {
                writeln!(w, "{} already watches the migrations folder", self.build_script.display())?
            }
            BuildScript::AddLine => {
                writeln!(
                    w,
                    "{BOLD}add this line to main() in {}{BOLD:#}, so that cargo rebuilds when a revision file is added:",
                    self.build_script.display()
                )?;
                writeln!(w, "    {}", self.rerun_line)?;
            }
        }
        if self.cargo_toml.is_empty() {
            writeln!(w, "Cargo.toml already depends on retort and retort-cli")?;
        } else {
            writeln!(
                w,
                "\n{BOLD}add to Cargo.toml{BOLD:#} {DIM}(each backend is a feature; docs/backends.md){DIM:#}:\n"
            )?;
            write!(w, "{}", self.cargo_toml)?;
        }
        writeln!(w, "\n{BOLD}then{BOLD:#}:")?;
        for step in &self.next {
            writeln!(w, "  {step}")?;
        }
        Ok(())
    }
}

/// The `Cargo.toml` lines for retort at this version: SQLite alone, the other backends as
/// commented alternatives with what each needs on the build machine.
fn cargo_toml_lines() -> String {
    let v = concat!(env!("CARGO_PKG_VERSION_MAJOR"), ".", env!("CARGO_PKG_VERSION_MINOR"));
    format!(
        "[dependencies]\n\
         retort = \"{v}\"       # the revisions: migration! and migrations!\n\
         retort-cli = \"{v}\"   # the migrate binary, with SQLite built in (needs only a C compiler)\n\
         # with PostgreSQL too: retort-cli = {{ version = \"{v}\", features = [\"bundled-libpq\"] }}   # needs libssl-dev, pkg-config\n\
         # with MySQL/MariaDB too: retort-cli = {{ version = \"{v}\", features = [\"mysql\"] }}       # needs libmariadb-dev-compat\n"
    )
}

/// The migrations folder's `mod.rs`.
const MOD_RS: &str = "\
//! The revisions, one file each, written by `cargo run --bin migrate -- new -m MESSAGE`.
//!
//! `retort::migrations!()` declares every file of this folder as a module and checks the graph
//! they form at compile time; build.rs makes cargo rebuild when a file is added.

retort::migrations!();
";

/// The `migrate` binary, which compiles the migrations folder into itself (`module_path`: the
/// folder's `mod.rs` as seen from `src/bin/`).
fn migrate_rs(module_path: &str, crate_name: &str) -> String {
    format!(
        "//! The migrate binary: `cargo run --bin migrate -- upgrade head` (`-- --help` lists the commands).\n\
         \n\
         #[path = \"{module_path}\"]\n\
         mod migrations;\n\
         \n\
         fn main() -> std::process::ExitCode {{\n    \
             // Add `.default_sqlite(\"{crate_name}.sqlite3\")` after `app!()` to use that file when no database URL\n    \
             // is given (development only: a production binary should stop when its URL is missing).\n    \
             retort_cli::run_with(retort_cli::app!())\n\
         }}\n"
    )
}

/// A build script that only watches the migrations folder.
fn build_rs(rerun_line: &str, folder: &str) -> String {
    format!(
        "//! Rebuilds the crate when a revision file is added to or removed from {folder}, which\n\
         //! `retort::migrations!()` reads: cargo does not watch a folder for a macro by itself.\n\
         \n\
         fn main() {{\n    {rerun_line}\n}}\n"
    )
}

/// Sets up the crate in the app's folder.
pub fn init(ctx: &mut Ctx<'_>, _args: &InitArgs) -> Result<(), CliError> {
    let crate_dir = ctx.app.dir();
    let migrations_dir = ctx.config()?.migrations_dir.clone();
    let done = plan(&crate_dir, &migrations_dir)?.write()?;
    ctx.out.emit(&done)
}

/// The files to write, checked: nothing is written unless every one of them is new.
struct Plan {
    files: Vec<(PathBuf, String)>,
    view: Initialized,
}

fn plan(crate_dir: &Path, migrations_dir: &Path) -> Result<Plan, InitError> {
    let manifest_path = crate_dir.join("Cargo.toml");
    if !manifest_path.is_file() {
        return Err(InitError::NotACrate { dir: crate_dir.to_path_buf() });
    }
    let manifest_error = |reason: String| InitError::Manifest { path: manifest_path.clone(), reason };
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| manifest_error(e.to_string()))?;
    let manifest: toml::Table = toml::from_str(&text).map_err(|e| manifest_error(e.message().to_string()))?;
    let package = manifest.get("package").and_then(toml::Value::as_table).ok_or_else(|| {
        manifest_error("it has no [package] (a workspace's root manifest?); run init in the crate's folder".into())
    })?;
    let crate_name = package.get("name").and_then(toml::Value::as_str).unwrap_or("app").replace('-', "_");
    let depends =
        |name: &str| manifest.get("dependencies").and_then(toml::Value::as_table).is_some_and(|d| d.contains_key(name));
    let cargo_toml = if depends("retort") && depends("retort-cli") { String::new() } else { cargo_toml_lines() };

    let relative = migrations_dir.strip_prefix(crate_dir).map_err(|_| InitError::OutsideCrate {
        dir: migrations_dir.to_path_buf(),
        crate_dir: crate_dir.to_path_buf(),
    })?;
    let folder = slashes(relative);
    // `#[path]` in src/bin/migrate.rs is relative to src/bin/.
    let module_path = match folder.strip_prefix("src/") {
        Some(below_src) => format!("../{below_src}/mod.rs"),
        None => format!("../../{folder}/mod.rs"),
    };
    let rerun_line = format!("println!(\"cargo:rerun-if-changed={folder}\");");
    let build_script = crate_dir.join(package.get("build").and_then(toml::Value::as_str).unwrap_or("build.rs"));

    let mut files = vec![
        (migrations_dir.join("mod.rs"), MOD_RS.to_string()),
        (crate_dir.join("src/bin/migrate.rs"), migrate_rs(&module_path, &crate_name)),
    ];
    let build_script_state = match std::fs::read_to_string(&build_script) {
        Ok(existing) if existing.contains(&format!("rerun-if-changed={folder}")) => BuildScript::Watches,
        Ok(_) => BuildScript::AddLine,
        Err(_) if build_script.exists() => BuildScript::AddLine,
        Err(_) => {
            files.insert(1, (build_script.clone(), build_rs(&rerun_line, &folder)));
            BuildScript::Written
        }
    };
    let taken: Vec<PathBuf> = files.iter().filter(|(path, _)| path.exists()).map(|(path, _)| shown(path)).collect();
    if !taken.is_empty() {
        return Err(InitError::Exists { paths: taken });
    }
    let next = vec![
        "cargo run --bin migrate -- new -m \"create users\"   # the first revision: fill in its `up`".to_string(),
        format!("cargo run --bin migrate -- --database-url sqlite://{crate_name}.sqlite3 upgrade head"),
    ];
    let view = Initialized {
        written: files.iter().map(|(path, _)| shown(path)).collect(),
        build_script: shown(&build_script),
        build_script_state,
        rerun_line,
        cargo_toml,
        next,
    };
    Ok(Plan { files, view })
}

impl Plan {
    /// Writes the files, each only if it still does not exist; on a failure, removes the ones
    /// written so far.
    fn write(self) -> Result<Initialized, InitError> {
        let mut written: Vec<&Path> = Vec::new();
        for (path, text) in &self.files {
            if let Err(source) = create_new(path, text) {
                for done in written {
                    let _ = std::fs::remove_file(done);
                }
                return Err(match source.kind() {
                    io::ErrorKind::AlreadyExists => InitError::Exists { paths: vec![shown(path)] },
                    _ => InitError::Write { path: path.clone(), source },
                });
            }
            written.push(path);
        }
        Ok(self.view)
    }
}

fn create_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}

/// A path with `/` between its parts, as Cargo and `#[path]` take it on every platform.
fn slashes(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `path` relative to the working directory when it is below it, for shorter messages.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krate(name: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), format!("[package]\nname = \"{name}\"\n")).unwrap();
        dir
    }

    #[test]
    fn the_binary_includes_the_migrations_folder_from_src_bin() {
        let dir = krate("shop-app");
        let default = plan(dir.path(), &dir.path().join("src/migrations")).unwrap();
        let migrate = &default.files.iter().find(|(p, _)| p.ends_with("src/bin/migrate.rs")).unwrap().1;
        assert!(migrate.contains("#[path = \"../migrations/mod.rs\"]\nmod migrations;"), "{migrate}");
        assert!(migrate.contains("shop_app.sqlite3"), "{migrate}");
        let elsewhere = plan(dir.path(), &dir.path().join("db/revisions")).unwrap();
        let migrate = &elsewhere.files.iter().find(|(p, _)| p.ends_with("src/bin/migrate.rs")).unwrap().1;
        assert!(migrate.contains("#[path = \"../../db/revisions/mod.rs\"]"), "{migrate}");
        assert!(elsewhere.view.rerun_line.contains("rerun-if-changed=db/revisions"));
    }

    #[test]
    fn an_existing_build_script_is_left_alone() {
        let dir = krate("shop");
        std::fs::write(dir.path().join("build.rs"), "fn main() {}\n").unwrap();
        let planned = plan(dir.path(), &dir.path().join("src/migrations")).unwrap();
        assert_eq!(planned.view.build_script_state, BuildScript::AddLine);
        assert_eq!(planned.files.len(), 2);
    }

    #[test]
    fn a_manifest_without_package_or_outside_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        assert!(matches!(plan(dir.path(), &dir.path().join("src/migrations")), Err(InitError::Manifest { .. })));
        let dir = krate("shop");
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(matches!(plan(dir.path(), elsewhere.path()), Err(InitError::OutsideCrate { .. })));
    }
}
