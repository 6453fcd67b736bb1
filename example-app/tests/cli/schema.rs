//! `show REV --schema`: the chain's schema model after a revision, folded from the ops without
//! a database, in text and JSON; and it is what `upgrade` builds.

use retort_tests::TestDb;

use crate::support::{head, json, ok, Migrate};

#[test]
fn show_schema_prints_the_model_at_a_revision_as_text_and_json() {
    let head = head();
    // No database is needed: the URL only names the dialect.
    let text = Migrate::db("sqlite::memory:").args(["show", &head, "--schema"]).run().ok().stdout;
    assert!(text.starts_with(&format!("schema after {head} (sqlite)")), "{text}");
    assert!(text.contains("table users"), "{text}");

    let pg = json("sqlite::memory:", &["show", &head, "--schema", "--dialect", "postgres"]);
    assert_eq!(pg["dialect"], "postgres");
    assert_eq!(pg["revision"], head.as_str());
    let users = &pg["schema"]["tables"]["users"];
    assert!(users["columns"].as_array().is_some_and(|c| c.iter().any(|c| c["name"] == "email")), "{users:#}");
    // The partitioned events table exists on PostgreSQL only (`.only([postgres])`).
    assert!(pg["schema"]["tables"]["events"]["partition_key"].is_string(), "{pg:#}");
    let lite = json("sqlite::memory:", &["show", &head, "--schema", "--dialect", "sqlite"]);
    assert!(lite["schema"]["tables"]["events"]["partition_key"].is_null());
}

#[test]
fn the_model_shown_is_what_upgrade_builds() {
    let db = TestDb::sqlite().unwrap();
    let url = db.url();
    ok(url, &["upgrade", "head"]);
    let shown: retort::schema::Schema =
        serde_json::from_value(json(url, &["show", "head", "--schema"])["schema"].clone()).unwrap();
    let mut conn = retort::runner::Database::connect(url).unwrap();
    let catalog = retort::runner::read_schema(&mut conn, &retort::runner::Settings::default()).unwrap();
    let drift: Vec<String> = retort::schema::diff(&shown, &catalog).iter().map(ToString::to_string).collect();
    assert_eq!(drift, Vec::<String>::new());
}

#[test]
fn show_schema_of_an_unknown_revision_exits_2() {
    Migrate::db("sqlite::memory:").args(["show", "nope", "--schema"]).run().code(2);
}

/// The example app's chain as `migrate schema --diesel` prints it for `dialect`.
fn diesel(dialect: &str, extra: &[&str]) -> crate::support::Run {
    Migrate::db("sqlite::memory:").args(["schema", "--diesel", "--dialect", dialect]).args(extra).run()
}

#[test]
fn schema_diesel_prints_what_the_library_prints_for_the_model_at_head() {
    let head = head();
    for dialect in ["postgres", "sqlite", "mysql"] {
        let text = diesel(dialect, &[]).ok().stdout;
        let model: retort::schema::Schema = serde_json::from_value(
            json("sqlite::memory:", &["show", &head, "--schema", "--dialect", dialect])["schema"].clone(),
        )
        .unwrap();
        let d: retort::Dialect = dialect.parse().unwrap();
        let expected = retort::schema::diesel::print_schema(&model, d, &Default::default());
        assert_eq!(text, expected, "{dialect}");
        assert!(text.contains("diesel::table! {\n"), "{text}");
        assert!(text.contains("    users (id) {\n"), "{text}");
        let doc = diesel(dialect, &["--format", "json"]).ok().json();
        assert_eq!(doc["schema"].as_str(), Some(text.as_str()));
        assert_eq!(doc["revision"], head.as_str());
    }
}

#[test]
fn schema_diesel_at_an_earlier_revision_prints_that_revision_s_tables() {
    let history = crate::support::history();
    let first = history.last().unwrap();
    let at_first = diesel("postgres", &["--at", first]).ok().stdout;
    let at_head = diesel("postgres", &[]).ok().stdout;
    assert_ne!(at_first, at_head);
    assert!(!at_first.contains("role_assignments (") && at_head.contains("role_assignments ("), "{at_first}");
}

#[test]
fn schema_diesel_writes_the_file_then_check_passes_and_a_stale_file_fails_with_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.rs");
    let path_arg = path.to_str().unwrap();
    // A missing file is stale.
    let missing = diesel("sqlite", &["-o", path_arg, "--check"]).code(1);
    assert!(missing.stderr.contains("is stale"), "{}", missing.stderr);
    assert!(!path.exists());

    let wrote = diesel("sqlite", &["-o", path_arg]).ok();
    assert!(wrote.stdout.starts_with("wrote "), "{}", wrote.stdout);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, diesel("sqlite", &[]).ok().stdout);
    let again = diesel("sqlite", &["-o", path_arg]).ok();
    assert!(again.stdout.contains("is up to date"), "{}", again.stdout);
    diesel("sqlite", &["-o", path_arg, "--check"]).ok();

    // Another dialect's schema differs: --check prints the diff, exits 1 and writes nothing.
    let stale = diesel("postgres", &["-o", path_arg, "--check"]).code(1);
    assert!(
        stale.stdout.starts_with(&format!("--- {path_arg}\n+++ {path_arg} (from the chain)\n")),
        "{}",
        stale.stdout
    );
    assert!(stale.stdout.lines().any(|l| l.starts_with('-') && l.contains("-> Text")), "{}", stale.stdout);
    assert!(stale.stdout.lines().any(|l| l.starts_with('+') && l.contains("-> Uuid")), "{}", stale.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let doc = diesel("postgres", &["-o", path_arg, "--check", "--format", "json"]).code(1).json();
    assert_eq!(doc["fresh"], false);
    assert!(doc["diff"].as_str().is_some_and(|d| d.contains("+++ ")), "{doc:#}");
}

#[test]
fn schema_needs_diesel_and_check_needs_an_output_file() {
    Migrate::db("sqlite::memory:").args(["schema"]).run().code(2);
    diesel("sqlite", &["--check"]).code(2);
    diesel("sqlite", &["--at", "nope"]).code(2);
}
