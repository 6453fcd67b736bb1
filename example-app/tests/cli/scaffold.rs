//! `new` and `merge` write revision files: contents, module registration, refusals, and a real
//! rebuild that picks the new revision up.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{head, history, json, Migrate};

/// A migrations folder with an empty `mod.rs`, and a `retort.toml` pointing at it.
fn migrations_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("revs")).unwrap();
    std::fs::write(dir.path().join("revs/mod.rs"), "//! Revisions.\n").unwrap();
    std::fs::write(dir.path().join("retort.toml"), "migrations_dir = \"revs\"\n").unwrap();
    dir
}

fn new_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    Migrate::new().in_dir(dir).args(["new", "--format", "json"]).args(args).run().ok().json()
}

#[test]
fn new_writes_a_revision_on_top_of_the_head_and_registers_it() {
    let dir = migrations_dir();
    let written = new_in(dir.path(), &["-m", "Add user nicknames"]);
    let id = written["revision"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert_eq!(written["parents"], serde_json::json!([head()]));

    let path = PathBuf::from(written["path"].as_str().unwrap());
    let module = written["module"].as_str().unwrap();
    assert_eq!(path.file_name().unwrap().to_str().unwrap(), format!("{module}.rs"));
    assert!(module.starts_with('r') && module.ends_with(&format!("_{id}_add_user_nicknames")), "{module}");

    let source = std::fs::read_to_string(&path).unwrap();
    assert!(source.starts_with("//! Add user nicknames\n"), "{source}");
    assert!(source.contains("    /// Add user nicknames\n"), "{source}");
    assert!(source.contains(&format!("    revision: \"{id}\",\n    parent: \"{}\",\n", head())), "{source}");
    assert!(source.contains("    up {\n"), "{source}");

    let mod_rs = std::fs::read_to_string(dir.path().join("revs/mod.rs")).unwrap();
    assert_eq!(mod_rs, format!("//! Revisions.\nmod {module};\n"));
}

#[test]
fn new_with_head_label_and_dependency_writes_them() {
    let dir = migrations_dir();
    let all = history();
    let oldest = all.last().unwrap();
    let written = new_in(
        dir.path(),
        &["-m", "side branch", "--head", &oldest[..8], "--branch-label", "sidecar", "--depends-on", &all[0]],
    );
    assert_eq!(written["parents"], serde_json::json!([oldest]));
    let source = std::fs::read_to_string(written["path"].as_str().unwrap()).unwrap();
    assert!(source.contains("    branch_label: \"sidecar\",\n"), "{source}");
    assert!(source.contains(&format!("    depends_on: [\"{}\"],\n", all[0])), "{source}");
}

#[test]
fn new_refuses_an_unknown_head_and_writes_nothing() {
    let dir = migrations_dir();
    let run = Migrate::new().in_dir(dir.path()).args(["new", "-m", "x", "--head", "ffffffffffff"]).run().code(2);
    assert!(run.stderr.contains("--head"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path().join("revs")).unwrap().count(), 1);
}

#[test]
fn new_refuses_a_missing_migrations_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "migrations_dir = \"nope\"\n").unwrap();
    let run = Migrate::new().in_dir(dir.path()).args(["new", "-m", "x"]).run().code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn merge_of_a_single_head_is_refused() {
    let dir = migrations_dir();
    let run = Migrate::new().in_dir(dir.path()).args(["merge", "heads", "-m", "join"]).run().code(2);
    assert!(run.stderr.contains("at least two"), "{}", run.stderr);
}

#[test]
fn merge_writes_a_revision_with_both_parents() {
    // The parents of a merge point in the example chain are two revisions neither of which
    // descends from the other: merging them again is a valid merge.
    let revisions = json("sqlite::memory:", &["history"])["revisions"].as_array().unwrap().clone();
    let Some(merge_point) = revisions.iter().find(|r| r["is_merge"] == true) else { return };
    let parents: Vec<&str> = merge_point["parents"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let dir = migrations_dir();
    let mut args = vec!["merge", "--format", "json", "-m", "join again"];
    args.extend(&parents);
    let written = Migrate::new().in_dir(dir.path()).args(args).run().ok().json();
    assert_eq!(written["parents"], serde_json::json!(parents));
    let source = std::fs::read_to_string(written["path"].as_str().unwrap()).unwrap();
    assert!(source.contains("    parents: ["), "{source}");
}

/// A scratch app outside the workspace, depending on retort and retort-cli by path, built into
/// the workspace's target folder so that its dependencies are already compiled.
///
/// Scratch apps share the package name and target folder, so one exists at a time: the guard
/// serializes the tests that build one.
struct ScratchApp {
    dir: PathBuf,
    _one_at_a_time: std::sync::MutexGuard<'static, ()>,
}

impl ScratchApp {
    fn new() -> Self {
        static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let guard = ONE.lock().unwrap_or_else(|e| e.into_inner());
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
        // Under target/ so that the workspace's rust-toolchain.toml applies to it too.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("scratch-app-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/migrations")).unwrap();
        let manifest = format!(
            "[package]\nname = \"scratch-app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nretort = {{ path = {core:?} }}\nretort-cli = {{ path = {cli:?} }}\n\n\
             [profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n\n[workspace]\n",
            core = workspace.join("core").display().to_string(),
            cli = workspace.join("cli").display().to_string(),
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        std::fs::write(
            dir.join("src/main.rs"),
            "//! A scratch app.\nmod migrations;\nfn main() -> std::process::ExitCode {\n    retort_cli::run_with(retort_cli::app!())\n}\n",
        )
        .unwrap();
        std::fs::write(dir.join("src/migrations/mod.rs"), "//! Revisions.\n\nretort::migrations!();\n").unwrap();
        std::fs::write(
            dir.join("build.rs"),
            "//! Watches the revision folder.\nfn main() {\n    println!(\"cargo:rerun-if-changed=src/migrations\");\n}\n",
        )
        .unwrap();
        Self { dir, _one_at_a_time: guard }
    }

    fn build(&self) -> PathBuf {
        let (ok, stderr) = self.try_build();
        assert!(ok, "build failed:\n{stderr}");
        Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("debug/scratch-app")
    }

    /// Builds; whether it succeeded, and the compiler's messages.
    fn try_build(&self) -> (bool, String) {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_path_buf();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "--offline", "--quiet", "--manifest-path"])
            .arg(self.dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// Appends `text` to the app's `Cargo.toml`.
    fn append_manifest(&self, text: &str) {
        let path = self.dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{manifest}{text}")).unwrap();
    }

    fn run(&self, bin: &Path, args: &[&str]) -> serde_json::Value {
        let output = Command::new(bin)
            .args(args)
            .args(["--format", "json"])
            .current_dir(&self.dir)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }
}

impl Drop for ScratchApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn new_reads_the_folder_and_the_next_build_picks_the_files_up() {
    let app = ScratchApp::new();
    let db = format!("sqlite://{}", app.dir.join("scratch.sqlite3").display());
    std::fs::write(app.dir.join("retort.toml"), "migrations_dir = \"src/migrations\"\n").unwrap();

    // A binary that links no revision: its first `new` writes the root, and its second, without
    // a rebuild, reads that file and builds on it instead of writing a second root.
    let empty = app.build();
    let first = app.run(&empty, &["new", "-m", "Create widgets"]);
    assert_eq!(first["parents"], serde_json::json!([]));
    assert_eq!(first["registered"], false, "migrations!() declares the folder: {first}");
    let second = app.run(&empty, &["new", "-m", "Add gadgets"]);
    assert_eq!(second["parents"], serde_json::json!([first["revision"]]));
    assert_eq!(
        std::fs::read_to_string(app.dir.join("src/migrations/mod.rs")).unwrap(),
        "//! Revisions.\n\nretort::migrations!();\n"
    );

    for (written, table) in [(&first, "widgets"), (&second, "gadgets")] {
        let path = PathBuf::from(written["path"].as_str().unwrap());
        let source = std::fs::read_to_string(&path).unwrap().replace(
            "        // e.g. add_column(\"users\", column(\"nickname\", Text).nullable());\n",
            &format!("        create_table(\"{table}\", [column(\"id\", BigInt).primary_key()]);\n"),
        );
        std::fs::write(&path, source).unwrap();
    }

    // Nothing the crate declared changed, only its folder: the build script makes cargo rebuild.
    let bin = app.build();
    let heads = app.run(&bin, &["heads"]);
    assert_eq!(heads["heads"][0]["revision"], second["revision"]);
    assert_eq!(heads["heads"][0]["message"], "Add gadgets");
    let up = app.run(&bin, &["--database-url", &db, "upgrade"]);
    let applied: Vec<&serde_json::Value> = up["steps"].as_array().unwrap().iter().map(|s| &s["revision"]).collect();
    assert_eq!(applied, [&first["revision"], &second["revision"]]);
}

#[test]
fn two_new_in_a_row_chain_without_a_rebuild() {
    let dir = migrations_dir();
    let first = new_in(dir.path(), &["-m", "first"]);
    assert_eq!(first["parents"], serde_json::json!([head()]));
    let second = new_in(dir.path(), &["-m", "second"]);
    assert_eq!(second["parents"], serde_json::json!([first["revision"]]));
}

#[test]
fn new_refuses_a_folder_whose_files_break_the_chain() {
    let dir = migrations_dir();
    std::fs::write(
        dir.path().join("revs/r1_orphan.rs"),
        "retort::migration! {\n    revision: \"orphan\",\n    parent: \"0123456789ab\",\n    up { create_table(\"t\", [column(\"id\", BigInt)]); }\n}\n",
    )
    .unwrap();
    let run = Migrate::new().in_dir(dir.path()).args(["new", "-m", "x"]).run().code(2);
    assert!(run.stderr.contains("0123456789ab"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path().join("revs")).unwrap().count(), 2, "nothing written");
}

/// `[package.metadata.retort]` is read at compile time: PostgreSQL's rules do not hold a
/// SQLite-only app, a rule can be turned off by id, and `start_after` leaves the revisions it
/// names and their ancestors unlinted. Editing it rebuilds the crate.
#[test]
fn package_metadata_targets_dialects_turns_rules_off_and_starts_linting_after_a_revision() {
    let app = ScratchApp::new();
    std::fs::write(
        app.dir.join("src/migrations/r1_items.rs"),
        "//! Items.\nretort::migration! {\n    revision: \"a1\",\n    parent: none,\n    up {\n        create_table(\"items\", [column(\"id\", BigInt).primary_key(), column(\"name\", Text)]);\n    }\n}\n",
    )
    .unwrap();
    std::fs::write(
        app.dir.join("src/migrations/r2_index.rs"),
        "//! Index and drop.\nretort::migration! {\n    revision: \"b2\",\n    parent: \"a1\",\n    up {\n        create_index(\"ix_items_id\").on(\"items\", [\"id\"]);\n        drop_column(\"items\", \"name\").definition(column(\"name\", Text));\n    }\n}\n",
    )
    .unwrap();
    let (ok, stderr) = app.try_build();
    assert!(!ok, "both rules hold by default");
    assert!(stderr.contains("index-concurrently") || stderr.contains("CONCURRENTLY"), "{stderr}");
    assert!(stderr.contains("drop_column"), "{stderr}");

    // SQLite only: the CONCURRENTLY rule is PostgreSQL's; dropping a column still breaks
    // running app instances, until that rule is turned off.
    app.append_manifest("\n[package.metadata.retort]\ndialects = [\"sqlite\"]\n");
    let (ok, stderr) = app.try_build();
    assert!(!ok, "{stderr}");
    assert!(!stderr.contains("CONCURRENTLY"), "{stderr}");
    app.append_manifest("rules = { drop-column = false }\n");
    let bin = app.build();
    // `lint` reads the same settings, which `migrations!()` registered in the binary.
    let lint = app.run(&bin, &["lint"]);
    assert_eq!(lint["errors"], 0, "{lint}");

    // A fresh manifest with only start_after: b2 predates the rules.
    let manifest = std::fs::read_to_string(app.dir.join("Cargo.toml")).unwrap();
    let kept = manifest.split("\n[package.metadata.retort]").next().unwrap().to_string();
    std::fs::write(app.dir.join("Cargo.toml"), format!("{kept}\n[package.metadata.retort]\nstart_after = \"b2\"\n"))
        .unwrap();
    app.build();

    // A typo is a compile error naming the key.
    std::fs::write(app.dir.join("Cargo.toml"), format!("{kept}\n[package.metadata.retort]\nstart_afer = \"b2\"\n"))
        .unwrap();
    let (ok, stderr) = app.try_build();
    assert!(!ok);
    assert!(stderr.contains("start_afer: unknown key"), "{stderr}");
}
