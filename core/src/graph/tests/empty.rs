//! A graph without revisions: everything is already at head, and nothing can be named.

use pretty_assertions::assert_eq;

use super::*;

#[test]
fn an_empty_graph_builds_with_no_heads_or_bases() {
    let g = graph(&[]);
    assert!(g.is_empty());
    assert!(g.heads().is_empty());
    assert!(g.bases().is_empty());
    assert!(g.topological().is_empty());
    assert!(g.branch_labels().is_empty());
}

#[test]
fn upgrade_and_downgrade_of_an_empty_graph_plan_nothing() {
    let g = graph(&[]);
    assert!(g.plan_upgrade(&[], "head").unwrap().is_empty());
    assert!(g.plan_upgrade(&[], "heads").unwrap().is_empty());
    assert!(g.plan_downgrade(&[], "base").unwrap().is_empty());
    assert!(g.plan_range("base", "heads").unwrap().is_empty());
    assert!(g.rows_for("heads").unwrap().is_empty());
}

#[test]
fn naming_a_revision_in_an_empty_graph_fails() {
    let g = graph(&[]);
    assert_eq!(g.resolve("head").unwrap_err(), GraphError::UnknownRevision { target: "head".into() });
    assert_eq!(g.resolve("abcd").unwrap_err(), GraphError::UnknownRevision { target: "abcd".into() });
    assert_eq!(g.resolve("base").unwrap_err(), GraphError::NotARevision { target: "base".into() });
    assert_eq!(
        g.plan_upgrade(&[], "+1").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "+1".into(), steps: 1, available: 0 }
    );
}

#[test]
fn a_version_row_in_an_empty_graph_is_unknown() {
    let g = graph(&[]);
    assert_eq!(
        g.plan_upgrade(&["ae1027a6"], "head").unwrap_err(),
        GraphError::UnknownVersionRow { id: "ae1027a6".into() }
    );
}

#[test]
fn the_history_of_an_empty_graph_is_empty() {
    let g = graph(&[]);
    assert!(g.history(None, &[]).unwrap().entries.is_empty());
    assert!(g.history(Some("base:heads"), &[]).unwrap().entries.is_empty());
}
