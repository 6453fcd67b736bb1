//! A straight chain r1 -> r2 -> r3 -> r4: one row that moves up and down.

use pretty_assertions::assert_eq;

use super::*;
use crate::graph::{split_range, Direction};

fn chain() -> Vec<Revision> {
    vec![rev("r1", &[]), rev("r2", &["r1"]), rev("r3", &["r2"]), rev("r4", &["r3"])]
}

#[test]
fn upgrade_head_from_empty_applies_every_revision_and_moves_one_row() {
    let revs = chain();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "head").unwrap();
    assert_eq!(plan.direction, Direction::Upgrade);
    assert_eq!(deltas(&plan), ["r1: +r1", "r2: -r1 +r2", "r3: -r2 +r3", "r4: -r3 +r4"]);
    assert_eq!(plan.steps[1].version_update(), Some(("r1", "r2")));
    assert_eq!(plan.steps[0].version_update(), None);
    assert!(plan.steps.iter().all(|s| s.direction == Direction::Upgrade));
    assert_eq!(plan.rows_before, Vec::<String>::new());
    assert_eq!(plan.rows_after, ["r4"]);
    assert_eq!(apply(&[], &plan), [vec!["r1"], vec!["r2"], vec!["r3"], vec!["r4"]]);
}

#[test]
fn upgrade_head_at_head_plans_nothing() {
    let revs = chain();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&["r4"], "head").unwrap();
    assert!(plan.is_empty());
    assert_eq!(plan.rows_after, ["r4"]);
    assert!(g.plan_upgrade(&["r4"], "r2").unwrap().is_empty(), "an applied target needs nothing");
}

#[test]
fn upgrade_plus_n_moves_n_revisions_from_the_current_one() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(deltas(&g.plan_upgrade(&["r1"], "+2").unwrap()), ["r2: -r1 +r2", "r3: -r2 +r3"]);
    assert_eq!(step_ids(&g.plan_upgrade(&[], "+1").unwrap()), ["r1"], "from an empty database +1 is the base");
}

#[test]
fn upgrade_past_the_head_is_out_of_range() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(
        g.plan_upgrade(&["r3"], "+2").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "+2".into(), steps: 2, available: 1 }
    );
}

#[test]
fn downgrade_minus_one_puts_the_parent_row_back() {
    let revs = chain();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["r4"], "-1").unwrap();
    assert_eq!(plan.direction, Direction::Downgrade);
    assert_eq!(deltas(&plan), ["r4: -r4 +r3"]);
    assert_eq!(plan.rows_after, ["r3"]);
}

#[test]
fn downgrade_base_reverts_everything_and_the_root_leaves_no_row() {
    let revs = chain();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["r4"], "base").unwrap();
    assert_eq!(deltas(&plan), ["r4: -r4 +r3", "r3: -r3 +r2", "r2: -r2 +r1", "r1: -r1"]);
    assert_eq!(plan.rows_after, Vec::<String>::new());
    assert_eq!(apply(&["r4"], &plan).last().unwrap(), &Vec::<String>::new());
}

#[test]
fn downgrade_to_a_revision_keeps_it_applied() {
    let revs = chain();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["r4"], "r2").unwrap();
    assert_eq!(step_ids(&plan), ["r4", "r3"]);
    assert_eq!(plan.rows_after, ["r2"]);
    assert!(g.plan_downgrade(&["r2"], "r2").unwrap().is_empty());
}

#[test]
fn downgrade_to_a_revision_not_applied_is_refused() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(
        g.plan_downgrade(&["r2"], "r3").unwrap_err(),
        GraphError::NotApplied { target: "r3".into(), rev: "r3".into() }
    );
    assert_eq!(
        g.plan_downgrade(&[], "-1").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "-1".into(), steps: 1, available: 0 }
    );
}

#[test]
fn relative_targets_in_the_wrong_direction_are_refused() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(
        g.plan_upgrade(&["r2"], "-1").unwrap_err(),
        GraphError::WrongDirection { target: "-1".into(), direction: Direction::Upgrade }
    );
    assert_eq!(
        g.plan_downgrade(&["r2"], "+1").unwrap_err(),
        GraphError::WrongDirection { target: "+1".into(), direction: Direction::Downgrade }
    );
}

#[test]
fn rev_plus_and_minus_walk_from_the_named_revision() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(g.resolve("r2+1").unwrap().id, "r3");
    assert_eq!(g.resolve("r3-2").unwrap().id, "r1");
    assert_eq!(g.resolve("head-1").unwrap().id, "r3");
    assert_eq!(g.resolve("base+1").unwrap().id, "r1");
    assert_eq!(g.resolve("r1-1").unwrap_err(), GraphError::NotARevision { target: "r1-1".into() });
    assert_eq!(
        g.resolve("r1-2").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "r1-2".into(), steps: 2, available: 1 }
    );
    assert_eq!(step_ids(&g.plan_upgrade(&[], "r4-1").unwrap()), ["r1", "r2", "r3"]);
    assert_eq!(step_ids(&g.plan_downgrade(&["r4"], "r1+1").unwrap()), ["r4", "r3"]);
    assert_eq!(step_ids(&g.plan_downgrade(&["r4"], "r2-1").unwrap()), ["r4", "r3", "r2"]);
}

#[test]
fn revisions_are_found_by_unique_prefix_of_at_least_four_characters() {
    let revs = vec![rev("ae1027a6", &[]), rev("27c6a30d", &["ae1027a6"]), rev("ae10f4c2", &["27c6a30d"])];
    let g = graph(&revs);
    assert_eq!(g.resolve("27c6").unwrap().id, "27c6a30d");
    assert_eq!(g.resolve("ae102").unwrap().id, "ae1027a6");
    assert_eq!(
        g.resolve("ae10").unwrap_err(),
        GraphError::AmbiguousPrefix { prefix: "ae10".into(), candidates: vec!["ae1027a6".into(), "ae10f4c2".into()] }
    );
    assert_eq!(g.resolve("27c").unwrap_err(), GraphError::PrefixTooShort { prefix: "27c".into() });
    assert_eq!(g.resolve("ffff").unwrap_err(), GraphError::UnknownRevision { target: "ffff".into() });
    assert_eq!(step_ids(&g.plan_upgrade(&[], "27c6").unwrap()), ["ae1027a6", "27c6a30d"]);
    assert_eq!(g.resolve("27c6+1").unwrap().id, "ae10f4c2");
}

#[test]
fn short_ids_are_found_when_spelled_in_full() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(g.resolve("r3").unwrap().id, "r3");
    assert_eq!(g.get("r3").unwrap().id, "r3");
    assert!(g.get("r").is_none());
}

#[test]
fn a_version_row_the_graph_does_not_know_is_an_error() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(g.plan_upgrade(&["zzzz"], "head").unwrap_err(), GraphError::UnknownVersionRow { id: "zzzz".into() });
    assert_eq!(g.plan_upgrade(&["r2", "r2"], "head").unwrap().rows_before, ["r2"], "repeated rows count once");
}

#[test]
fn offline_ranges_plan_in_either_direction() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(split_range("r1:r3"), Some(("r1", "r3")));
    assert_eq!(split_range("head"), None);
    assert_eq!(step_ids(&g.plan_range("base", "head").unwrap()), ["r1", "r2", "r3", "r4"]);
    assert_eq!(deltas(&g.plan_range("r2", "r4").unwrap()), ["r3: -r2 +r3", "r4: -r3 +r4"]);
    let down = g.plan_range("head", "r2").unwrap();
    assert_eq!(down.direction, Direction::Downgrade);
    assert_eq!(step_ids(&down), ["r4", "r3"]);
    assert_eq!(step_ids(&g.plan_range("r3", "base").unwrap()), ["r3", "r2", "r1"]);
    assert_eq!(step_ids(&g.plan_range("r3", "-1").unwrap()), ["r3"]);
    assert!(g.plan_range("r3", "r3").unwrap().is_empty());
    assert_eq!(g.plan_upgrade(&[], "r1:r3").unwrap_err(), GraphError::RangeNotAllowed { target: "r1:r3".into() });
}

#[test]
fn shape_queries_follow_the_chain() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(g.len(), 4);
    assert_eq!(ids(&g.topological()), ["r1", "r2", "r3", "r4"]);
    assert_eq!(ids(&g.heads()), ["r4"]);
    assert_eq!(ids(&g.bases()), ["r1"]);
    assert!(g.branch_points().is_empty());
    assert!(g.merge_points().is_empty());
    assert_eq!(ids(&g.ancestors("r3").unwrap()), ["r1", "r2"]);
    assert_eq!(ids(&g.descendants("r2").unwrap()), ["r3", "r4"]);
    assert_eq!(ids(&g.children("r2")), ["r3"]);
    assert!(g.is_applied("r2", &["r3"]).unwrap());
    assert!(g.is_applied("r3", &["r3"]).unwrap());
    assert!(!g.is_applied("r4", &["r3"]).unwrap());
    assert!(!g.is_applied("r1", &[]).unwrap());
}

#[test]
fn rows_for_a_state_are_its_revisions() {
    let revs = chain();
    let g = graph(&revs);
    assert_eq!(g.rows_for("head").unwrap(), ["r4"]);
    assert_eq!(g.rows_for("r2").unwrap(), ["r2"]);
    assert!(g.rows_for("base").unwrap().is_empty());
}

#[test]
fn history_lists_newest_first_and_marks_the_database() {
    let revs = chain();
    let g = graph(&revs);
    let history = g.history(None, &["r2"]).unwrap();
    let listed: Vec<(&str, bool, bool)> =
        history.entries.iter().map(|e| (e.revision.id.as_ref(), e.applied, e.current)).collect();
    assert_eq!(listed, [("r4", false, false), ("r3", false, false), ("r2", true, true), ("r1", true, false)]);
    assert!(history.entries[0].head && history.entries[3].base);

    let range = |r: &str, current: &[&str]| -> Vec<String> {
        g.history(Some(r), current).unwrap().entries.iter().map(|e| e.revision.id.to_string()).collect()
    };
    assert_eq!(range("r2:r3", &[]), ["r3", "r2"]);
    assert_eq!(range("r2:", &[]), ["r4", "r3", "r2"]);
    assert_eq!(range(":r2", &[]), ["r2", "r1"]);
    assert_eq!(range("base:head", &[]), ["r4", "r3", "r2", "r1"]);
    assert_eq!(range("-1:current", &["r3"]), ["r3", "r2"]);
    assert_eq!(range("current:", &["r3"]), ["r4", "r3"]);
    assert_eq!(
        g.history(Some("r3:r1"), &[]).unwrap_err(),
        GraphError::RangeNotAncestor { range: "r3:r1".into(), lower: "r3".into(), upper: "r1".into() }
    );
    assert_eq!(g.history(Some("r2"), &[]).unwrap_err(), GraphError::InvalidRange { range: "r2".into() });
}

#[test]
fn a_long_chain_plans_without_deep_recursion() {
    let n = 50_000;
    let revs: Vec<Revision> = (0..n)
        .map(|i| {
            let id = format!("{i:08x}");
            let parent = format!("{:08x}", i.max(1) - 1);
            if i == 0 {
                rev(&id, &[])
            } else {
                rev(&id, &[&parent])
            }
        })
        .collect();
    let g = graph(&revs);
    let up = g.plan_upgrade(&[], "heads").unwrap();
    assert_eq!(up.len(), n);
    assert_eq!(up.rows_after, [format!("{:08x}", n - 1)]);
    let down = g.plan_downgrade(&up.rows_after.iter().map(String::as_str).collect::<Vec<_>>(), "base").unwrap();
    assert_eq!(down.len(), n);
    assert!(down.rows_after.is_empty());
}
