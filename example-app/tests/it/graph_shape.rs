//! The chain's shape: one head after the merge, the `analytics` label, and every revision linked.

use crate::support::{migrator, TestResult};

#[test]
fn chain_has_one_head_after_the_analytics_merge() -> TestResult {
    let migrator = migrator()?;
    let graph = migrator.graph();
    assert_eq!(graph.len(), 35, "every revision file is linked and registered");
    let heads: Vec<_> = graph.heads().iter().map(|r| r.id.to_string()).collect();
    assert_eq!(heads, ["58369ea7399b"]);
    let bases: Vec<_> = graph.bases().iter().map(|r| r.id.to_string()).collect();
    assert_eq!(bases, ["c53736363ba8"]);
    let merges: Vec<_> = graph.merge_points().iter().map(|r| r.id.to_string()).collect();
    assert_eq!(merges, ["5939a45f6c19"]);
    // The label names the branch's first revision; after the merge its head is the chain's.
    assert_eq!(graph.resolve("analytics")?.id, "6543f098affb");
    assert_eq!(graph.resolve("analytics@head")?.id, "58369ea7399b");
    Ok(())
}

/// The test docs/cli.md tells users to add (here over a copy made by the CLI, since the app's
/// own src/schema.rs is written by hand): the library prints what `migrate schema --diesel` does.
#[test]
fn print_chain_schema_is_what_the_cli_writes() -> TestResult {
    let _ = migrator()?; // keeps the app's revisions linked
    let schema = retort::schema::diesel::print_chain_schema("head", retort::Dialect::Postgres, &Default::default())?;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_migrate"))
        .args(["--database-url", "sqlite::memory:", "schema", "--diesel", "--dialect", "postgres"])
        .output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout)?, schema);
    assert!(schema.contains("diesel::joinable!(sessions -> users (user_id));"), "{schema}");
    Ok(())
}
