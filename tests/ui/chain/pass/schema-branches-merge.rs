//! Two branches changing different tables, joined by a merge: the union applies.

mod migrations {
    retort::migrations!("../fixtures/schema-branches-merge");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 5);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let mut heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    heads.sort_unstable();
    assert_eq!(heads, ["after5"]);
}
