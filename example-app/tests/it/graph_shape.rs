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
