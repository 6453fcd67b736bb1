//! A branch and its merge: a -> {b, c} -> d (merge) -> e; and a fork that never merges.
//!
//! The expected version rows were checked by hand against Alembic's `HeadMaintainer`
//! (alembic/runtime/migration.py): a step whose parent is not a row creates one
//! (`should_create_branch`), a merge whose parents are both rows deletes one and updates the
//! other (`should_merge_branches`), and downgrading a merge re-inserts the parent rows
//! (`should_unmerge_branches`).

use pretty_assertions::assert_eq;

use super::*;
use crate::graph::Direction;

fn diamond() -> Vec<Revision> {
    vec![rev("a", &[]), rev("b", &["a"]), rev("c", &["a"]), rev("d", &["b", "c"]), rev("e", &["d"])]
}

fn fork() -> Vec<Revision> {
    vec![rev("a", &[]), rev("b", &["a"]), rev("c", &["a"])]
}

#[test]
fn upgrade_creates_a_row_for_the_second_branch_and_the_merge_deletes_it() {
    let revs = diamond();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "head").unwrap();
    // Alembic: at c the heads are {b}; c's parent a is not among them, so c is inserted. At d
    // both parents are heads: b is deleted and c updated to d.
    assert_eq!(deltas(&plan), ["a: +a", "b: -a +b", "c: +c", "d: -b -c +d", "e: -d +e"]);
    assert_eq!(apply(&[], &plan), [vec!["a"], vec!["b"], vec!["b", "c"], vec!["d"], vec!["e"]]);
    assert_eq!(plan.rows_after, ["e"]);
}

#[test]
fn downgrade_below_the_merge_restores_both_parent_rows() {
    let revs = diamond();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["e"], "a").unwrap();
    // Alembic: d is a head with two parents, so it unmerges into b and c; c's parent a is
    // still below the head b, so c's row is deleted; b's row becomes a.
    assert_eq!(deltas(&plan), ["e: -e +d", "d: -d +b +c", "c: -c", "b: -b +a"]);
    assert_eq!(apply(&["e"], &plan), [vec!["d"], vec!["b", "c"], vec!["b"], vec!["a"]]);
    assert!(plan.steps.iter().all(|s| s.direction == Direction::Downgrade));
}

#[test]
fn downgrade_to_one_parent_of_a_merge_keeps_the_other_branch() {
    let revs = diamond();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["e"], "b").unwrap();
    assert_eq!(step_ids(&plan), ["e", "d"]);
    assert_eq!(plan.rows_after, ["b", "c"]);
    assert!(g.is_applied("c", &["b", "c"]).unwrap());
}

#[test]
fn upgrade_from_one_branch_applies_the_other_then_merges() {
    let revs = diamond();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&["b"], "head").unwrap();
    assert_eq!(deltas(&plan), ["c: +c", "d: -b -c +d", "e: -d +e"]);
}

#[test]
fn upgrade_to_one_side_applies_only_its_line() {
    let revs = diamond();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "c").unwrap();
    assert_eq!(deltas(&plan), ["a: +a", "c: -a +c"]);
}

#[test]
fn relative_walks_stop_at_forks_and_merges() {
    let revs = diamond();
    let g = graph(&revs);
    assert_eq!(
        g.plan_upgrade(&[], "+2").unwrap_err(),
        GraphError::AmbiguousWalk { target: "+2".into(), at: "a".into(), candidates: vec!["b".into(), "c".into()] }
    );
    assert_eq!(
        g.plan_downgrade(&["d"], "-1").unwrap_err(),
        GraphError::AmbiguousWalk { target: "-1".into(), at: "d".into(), candidates: vec!["b".into(), "c".into()] }
    );
    assert_eq!(
        g.plan_upgrade(&["b", "c"], "+1").unwrap_err(),
        GraphError::AmbiguousCurrent { target: "+1".into(), current: vec!["b".into(), "c".into()] }
    );
    assert_eq!(step_ids(&g.plan_upgrade(&["b", "c"], "d").unwrap()), ["d"]);
}

#[test]
fn shape_queries_name_the_branch_and_merge_points() {
    let revs = diamond();
    let g = graph(&revs);
    assert_eq!(ids(&g.branch_points()), ["a"]);
    assert_eq!(ids(&g.merge_points()), ["d"]);
    assert_eq!(ids(&g.heads()), ["e"]);
    assert_eq!(ids(&g.bases()), ["a"]);
    assert_eq!(ids(&g.topological()), ["a", "b", "c", "d", "e"]);
    assert_eq!(ids(&g.children("a")), ["b", "c"]);
    let history = g.history(None, &[]).unwrap();
    let d = history.entries.iter().find(|e| e.revision.id == "d").unwrap();
    let a = history.entries.iter().find(|e| e.revision.id == "a").unwrap();
    assert!(d.merge_point && !d.branch_point);
    assert!(a.branch_point && a.base);
    assert_eq!(history.entries[0].revision.id, "e");
}

#[test]
fn upgrade_head_with_two_heads_asks_which() {
    let revs = fork();
    let g = graph(&revs);
    let err = g.plan_upgrade(&[], "head").unwrap_err();
    assert_eq!(err, GraphError::MultipleHeads { heads: vec!["b".into(), "c".into()], target: "head".into() });
    let message = err.to_string();
    assert!(message.contains("`heads`") && message.contains("@head") && message.contains("merge"), "{message}");
    assert!(matches!(g.resolve("heads"), Err(GraphError::MultipleHeads { .. })));
}

#[test]
fn upgrade_heads_keeps_one_row_per_branch() {
    let revs = fork();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "heads").unwrap();
    assert_eq!(deltas(&plan), ["a: +a", "b: -a +b", "c: +c"]);
    assert_eq!(plan.rows_after, ["b", "c"]);
    assert_eq!(g.rows_for("heads").unwrap(), ["b", "c"]);
    assert_eq!(g.rows_for("a").unwrap(), ["a"]);
}

#[test]
fn downgrade_to_the_branch_point_removes_both_branches() {
    let revs = fork();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["b", "c"], "a").unwrap();
    // The last branch applied goes first; the first branch's row becomes the branch point.
    assert_eq!(deltas(&plan), ["c: -c", "b: -b +a"]);
    assert_eq!(
        g.plan_downgrade(&["b", "c"], "-1").unwrap_err(),
        GraphError::AmbiguousCurrent { target: "-1".into(), current: vec!["b".into(), "c".into()] }
    );
    let base = g.plan_downgrade(&["b", "c"], "base").unwrap();
    assert_eq!(deltas(&base), ["c: -c", "b: -b +a", "a: -a"]);
}

#[test]
fn downgrade_by_revision_removes_only_what_is_above_it() {
    let revs = fork();
    let g = graph(&revs);
    // `b-1` is `a`; both children of `a` go, as in Alembic when no branch is named.
    assert_eq!(step_ids(&g.plan_downgrade(&["b", "c"], "b-1").unwrap()), ["c", "b"]);
    // Naming the branch (a revision stands for its branch) keeps the other one.
    let plan = g.plan_downgrade(&["b", "c"], "b@-1").unwrap();
    assert_eq!(deltas(&plan), ["b: -b"]);
    assert_eq!(plan.rows_after, ["c"]);
}
