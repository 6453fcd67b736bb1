//! Ops on a table no revision creates: taken to predate the chain (a chain adopted onto an existing database).

mod migrations {
    retort::migrations!("../fixtures/schema-adopted-tables");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 1);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let mut heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    heads.sort_unstable();
    assert_eq!(heads, ["adopt1"]);
}
