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
