//! Raw SQL with its effect declared as typed ops: the model folds the declaration, so later ops are checked against it.

mod migrations {
    retort::migrations!("../fixtures/schema-raw-sql-declared");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 3);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let mut heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    heads.sort_unstable();
    assert_eq!(heads, ["index3"]);
}
