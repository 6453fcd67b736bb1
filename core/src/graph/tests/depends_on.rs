//! Dependencies across branches: a main line m1 -> m2 -> m3 and a branch `net` n1 -> n2 with a
//! root of its own, where m2 depends on n1.
//!
//! Alembic counts a dependency among a revision's down revisions for the version table
//! (`_normalized_down_revisions`): applying m2 consumes n1's row like a merge would, and
//! reverting m2 brings it back like an unmerge.

use pretty_assertions::assert_eq;

use super::*;

fn main_and_net() -> Vec<Revision> {
    vec![
        rev("m1", &[]),
        depends(rev("m2", &["m1"]), &["n1"]),
        rev("m3", &["m2"]),
        labeled(rev("n1", &[]), &["net"]),
        rev("n2", &["n1"]),
    ]
}

#[test]
fn upgrade_applies_dependencies_first_and_takes_over_their_row() {
    let revs = main_and_net();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "m2").unwrap();
    // Alembic: heads {n1, m1}; m2's down revisions (m1, n1) are both heads: n1 is deleted and
    // m1 updated to m2.
    assert_eq!(deltas(&plan), ["n1: +n1", "m1: +m1", "m2: -m1 -n1 +m2"]);
    assert_eq!(plan.rows_after, ["m2"]);
    assert!(g.is_applied("n1", &["m2"]).unwrap(), "a dependency of a row is applied");
}

#[test]
fn an_applied_dependency_is_not_planned_again_and_its_branch_grows_a_row() {
    let revs = main_and_net();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&["m2"], "net@head").unwrap();
    assert_eq!(deltas(&plan), ["n2: +n2"]);
    assert_eq!(plan.rows_after, ["m2", "n2"]);
}

#[test]
fn a_dependency_is_still_a_head_of_its_branch() {
    let revs = main_and_net();
    let g = graph(&revs);
    assert_eq!(ids(&g.heads()), ["m3", "n2"]);
    assert!(matches!(g.plan_upgrade(&[], "head"), Err(GraphError::MultipleHeads { .. })));
    let plan = g.plan_upgrade(&[], "heads").unwrap();
    assert_eq!(deltas(&plan), ["n1: +n1", "m1: +m1", "m2: -m1 -n1 +m2", "m3: -m2 +m3", "n2: +n2"]);
    assert_eq!(plan.rows_after, ["m3", "n2"]);
}

#[test]
fn downgrade_leaves_a_dependency_alone_and_gives_it_back_its_row() {
    let revs = main_and_net();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["m2"], "m1").unwrap();
    // Alembic: m2 is a head with two down revisions: unmerge into m1 and n1.
    assert_eq!(deltas(&plan), ["m2: -m2 +m1 +n1"]);
    assert_eq!(plan.rows_after, ["m1", "n1"]);
}

#[test]
fn reverting_a_dependency_reverts_what_depends_on_it_first() {
    let revs = main_and_net();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["m3", "n2"], "net@base").unwrap();
    assert_eq!(deltas(&plan), ["n2: -n2", "m3: -m3 +m2", "m2: -m2 +m1 +n1", "n1: -n1"]);
    assert_eq!(plan.rows_after, ["m1"]);
    apply(&["m3", "n2"], &plan);
}

#[test]
fn downgrade_base_reverts_dependencies_too() {
    let revs = main_and_net();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["m3", "n2"], "base").unwrap();
    assert_eq!(plan.len(), 5);
    assert!(plan.rows_after.is_empty());
    assert_eq!(apply(&["m3", "n2"], &plan).last().unwrap(), &Vec::<String>::new());
}

#[test]
fn a_dependency_comes_before_its_dependent_in_every_order() {
    let revs = main_and_net();
    let g = graph(&revs);
    let order = ids(&g.topological());
    let at = |id: &str| order.iter().position(|&o| o == id).unwrap();
    assert!(at("n1") < at("m2"));
    assert_eq!(ids(&g.ancestors("m2").unwrap()), ["n1", "m1"]);
    assert_eq!(ids(&g.descendants("n1").unwrap()), ["m2", "m3", "n2"]);
}

#[test]
fn a_dependency_may_name_a_branch_label() {
    let mut revs = main_and_net();
    revs.push(depends(rev("x1", &["m3"]), &["net"]));
    let g = graph(&revs);
    assert_eq!(ids(&g.ancestors("x1").unwrap()), ["n1", "m1", "m2", "m3"]);
}

#[test]
fn a_dependency_that_an_ancestor_already_has_changes_no_row() {
    let revs = vec![rev("m1", &[]), rev("m2", &["m1"]), depends(rev("m3", &["m2"]), &["m1"])];
    let g = graph(&revs);
    assert_eq!(deltas(&g.plan_upgrade(&["m2"], "head").unwrap()), ["m3: -m2 +m3"]);
    assert_eq!(deltas(&g.plan_downgrade(&["m3"], "-1").unwrap()), ["m3: -m3 +m2"]);
}

#[test]
fn a_dependency_on_a_parent_counts_once() {
    let revs = vec![rev("m1", &[]), depends(rev("m2", &["m1"]), &["m1"])];
    let g = graph(&revs);
    assert_eq!(deltas(&g.plan_upgrade(&[], "head").unwrap()), ["m1: +m1", "m2: -m1 +m2"]);
}
