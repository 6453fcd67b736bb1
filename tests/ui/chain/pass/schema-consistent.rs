//! A chain whose every op applies where it stands: tables, a foreign key, an index, a rename, a drop with its exact definition.

mod migrations {
    retort::migrations!("../fixtures/schema-consistent");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 4);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let mut heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    heads.sort_unstable();
    assert_eq!(heads, ["drop4"]);
}
