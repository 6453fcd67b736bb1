//! `retort init` (the `retort` binary, run in a new crate's folder): the files it writes, the
//! Cargo.toml lines it prints, and its refusal to overwrite anything.

use std::path::Path;
use std::process::{Command, Output};

const RETORT: &str = env!("CARGO_BIN_EXE_retort");

/// A crate as `cargo new shop-app` leaves it.
fn new_crate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"shop-app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    dir
}

fn retort(dir: &Path, args: &[&str]) -> Output {
    Command::new(RETORT).args(args).current_dir(dir).env_remove("DATABASE_URL").env("NO_COLOR", "1").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, relative, with its contents.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn init_writes_the_migrations_module_build_script_and_binary_and_prints_the_cargo_lines() {
    let dir = new_crate();
    let run = retort(dir.path(), &["init"]);
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert_eq!(run.status.code(), Some(0), "{stdout}\n{stderr}");

    let mod_rs = std::fs::read_to_string(dir.path().join("src/migrations/mod.rs")).unwrap();
    assert!(mod_rs.lines().any(|l| l == "retort::migrations!();"), "{mod_rs}");
    let build = std::fs::read_to_string(dir.path().join("build.rs")).unwrap();
    assert!(build.contains("println!(\"cargo:rerun-if-changed=src/migrations\");"), "{build}");
    let migrate = std::fs::read_to_string(dir.path().join("src/bin/migrate.rs")).unwrap();
    assert!(migrate.contains("#[path = \"../migrations/mod.rs\"]\nmod migrations;\n"), "{migrate}");
    assert!(migrate.contains("retort_cli::run_with(retort_cli::app!())"), "{migrate}");
    let code_lines = migrate.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//")).count();
    assert!(code_lines <= 6, "a thin binary: {migrate}");

    let version = env!("CARGO_PKG_VERSION").rsplit_once('.').unwrap().0;
    for line in [
        "[dependencies]".to_string(),
        format!("retort = \"{version}\""),
        format!("retort-cli = \"{version}\""),
        format!("retort-cli = {{ version = \"{version}\", features = [\"bundled-libpq\"] }}"),
        format!("retort-cli = {{ version = \"{version}\", features = [\"mysql\"] }}"),
    ] {
        assert!(stdout.contains(&line), "`{line}` missing from:\n{stdout}");
    }
    assert!(stdout.contains("new -m"), "the next step is the first revision:\n{stdout}");
    assert!(stdout.contains("--database-url sqlite://shop_app.sqlite3 upgrade head"), "{stdout}");

    // Run again, everything exists: refused, nothing changed.
    let before = tree(dir.path());
    let run = retort(dir.path(), &["init"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn init_refuses_when_one_of_its_files_exists_and_writes_nothing() {
    let dir = new_crate();
    std::fs::create_dir_all(dir.path().join("src/bin")).unwrap();
    std::fs::write(dir.path().join("src/bin/migrate.rs"), "// mine\nfn main() {}\n").unwrap();
    let before = tree(dir.path());
    let run = retort(dir.path(), &["init"]);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("src/bin/migrate.rs") && stderr.contains("already exists"), "{stderr}");
    assert_eq!(tree(dir.path()), before, "init changed files");
    assert!(!dir.path().join("src/migrations").exists() && !dir.path().join("build.rs").exists());

    let run = retort(dir.path(), &["init", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!((doc["error"]["kind"].as_str(), doc["error"]["exit_code"].as_u64()), (Some("init"), Some(2)));
}

#[test]
fn an_existing_build_script_is_not_edited_and_the_line_to_add_is_printed() {
    let dir = new_crate();
    std::fs::write(dir.path().join("build.rs"), "fn main() {}\n").unwrap();
    let run = retort(dir.path(), &["init", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["build_script_state"], "add_line");
    assert_eq!(doc["rerun_line"], "println!(\"cargo:rerun-if-changed=src/migrations\");");
    assert_eq!(doc["written"], serde_json::json!(["src/migrations/mod.rs", "src/bin/migrate.rs"]));
    assert_eq!(std::fs::read_to_string(dir.path().join("build.rs")).unwrap(), "fn main() {}\n");

    let run = retort(dir.path(), &["init"]);
    assert_eq!(run.status.code(), Some(2), "the second run finds its files");
}

#[test]
fn init_outside_a_crate_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = retort(dir.path(), &["init"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("no Cargo.toml"), "{}", text(&run.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
