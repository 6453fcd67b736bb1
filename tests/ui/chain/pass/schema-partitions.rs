//! Range partitions that do not overlap, on a partitioned table whose key includes the partition column.

mod migrations {
    retort::migrations!("../fixtures/schema-partitions");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 2);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let mut heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    heads.sort_unstable();
    assert_eq!(heads, ["feb2"]);
}
