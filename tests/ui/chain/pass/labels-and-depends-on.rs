//! Labelled branches, one depending on the other by label and by id.

mod migrations {
    retort::migrations!("../fixtures/labels-and-depends-on");
}

fn main() {
    let registry = retort::Registry::collect().expect("the revisions are linked");
    assert_eq!(registry.revisions().len(), 4);
    let graph = retort::graph::RevisionGraph::build(registry.revisions().iter().copied()).expect("a sound graph");
    let heads: Vec<&str> = graph.heads().iter().map(|h| h.id.as_ref()).collect();
    assert_eq!(heads, ["bill01", "auth02"]);
}
