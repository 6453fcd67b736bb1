//! Branch labels: a trunk t0 -> t1 -> t2, a branch `auth` (au1 -> au2) growing from t1, and a
//! branch `billing` (bi1 -> bi2) with a root of its own.

use pretty_assertions::assert_eq;

use super::*;

fn branches() -> Vec<Revision> {
    vec![
        rev("t0", &[]),
        rev("t1", &["t0"]),
        rev("t2", &["t1"]),
        labeled(rev("au1", &["t1"]), &["auth"]),
        rev("au2", &["au1"]),
        labeled(rev("bi1", &[]), &["billing"]),
        rev("bi2", &["bi1"]),
    ]
}

#[test]
fn label_at_head_names_the_head_of_the_branch() {
    let revs = branches();
    let g = graph(&revs);
    assert_eq!(g.resolve("auth@head").unwrap().id, "au2");
    assert_eq!(g.resolve("billing@head").unwrap().id, "bi2");
    assert_eq!(g.resolve("au1@head").unwrap().id, "au2", "a revision stands for the branch above it");
    assert_eq!(g.resolve("auth").unwrap().id, "au1", "a bare label is the revision declaring it");
    assert_eq!(g.resolve("auth@au2").unwrap().id, "au2");
    assert_eq!(g.resolve("auth@t0").unwrap().id, "t0", "the trunk below a branch shares its lineage");
}

#[test]
fn head_with_several_branches_asks_for_a_label() {
    let revs = branches();
    let g = graph(&revs);
    assert_eq!(
        g.resolve("head").unwrap_err(),
        GraphError::MultipleHeads { heads: vec!["t2".into(), "au2".into(), "bi2".into()], target: "head".into() }
    );
    assert_eq!(ids(&g.heads()), ["t2", "au2", "bi2"]);
    assert_eq!(ids(&g.bases()), ["t0", "bi1"]);
}

#[test]
fn upgrading_a_branch_applies_the_trunk_below_it() {
    let revs = branches();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "auth@head").unwrap();
    assert_eq!(deltas(&plan), ["t0: +t0", "t1: -t0 +t1", "au1: -t1 +au1", "au2: -au1 +au2"]);
    assert_eq!(step_ids(&g.plan_upgrade(&[], "auth@heads").unwrap()), ["t0", "t1", "au1", "au2"]);
}

#[test]
fn upgrading_a_branch_with_its_own_root_adds_a_row() {
    let revs = branches();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&["t2"], "billing@head").unwrap();
    assert_eq!(deltas(&plan), ["bi1: +bi1", "bi2: -bi1 +bi2"]);
    assert_eq!(plan.rows_after, ["t2", "bi2"]);
}

#[test]
fn a_second_branch_from_an_applied_revision_adds_a_row() {
    let revs = branches();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&["t2"], "auth@head").unwrap();
    assert_eq!(deltas(&plan), ["au1: +au1", "au2: -au1 +au2"]);
    assert_eq!(plan.rows_after, ["t2", "au2"]);
}

#[test]
fn upgrade_heads_applies_every_branch() {
    let revs = branches();
    let g = graph(&revs);
    let plan = g.plan_upgrade(&[], "heads").unwrap();
    assert_eq!(plan.len(), 7);
    assert_eq!(sorted(&plan.rows_after), ["au2", "bi2", "t2"]);
    assert_eq!(apply(&[], &plan).last().unwrap(), &["au2", "bi2", "t2"]);
}

#[test]
fn label_at_base_removes_only_that_branch() {
    let revs = branches();
    let g = graph(&revs);
    let all = ["t2", "au2", "bi2"];
    let billing = g.plan_downgrade(&all, "billing@base").unwrap();
    assert_eq!(deltas(&billing), ["bi2: -bi2 +bi1", "bi1: -bi1"]);
    assert_eq!(billing.rows_after, ["t2", "au2"]);
    let auth = g.plan_downgrade(&all, "auth@base").unwrap();
    // t1 stays below t2, so removing au1 brings back no row.
    assert_eq!(deltas(&auth), ["au2: -au2 +au1", "au1: -au1"]);
    assert_eq!(auth.rows_after, ["t2", "bi2"]);
}

#[test]
fn label_minus_one_moves_only_that_branch() {
    let revs = branches();
    let g = graph(&revs);
    let plan = g.plan_downgrade(&["t2", "au2"], "auth@-1").unwrap();
    assert_eq!(deltas(&plan), ["au2: -au2 +au1"]);
    assert_eq!(plan.rows_after, ["t2", "au1"]);
    assert_eq!(
        g.plan_downgrade(&["t2"], "auth@-1").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "auth@-1".into(), steps: 1, available: 0 },
        "the branch is not applied, so there is nothing to walk back"
    );
}

#[test]
fn downgrade_to_the_branch_point_keeps_the_other_branch_when_labelled() {
    let revs = branches();
    let g = graph(&revs);
    let labelled = g.plan_downgrade(&["t2", "au2"], "auth@t1").unwrap();
    assert_eq!(step_ids(&labelled), ["au2", "au1"]);
    assert_eq!(labelled.rows_after, ["t2"]);
    let unlabelled = g.plan_downgrade(&["t2", "au2"], "t1").unwrap();
    assert_eq!(
        sorted(&unlabelled.steps.iter().map(|s| s.revision.id.to_string()).collect::<Vec<_>>()),
        ["au1", "au2", "t2"]
    );
    assert_eq!(unlabelled.rows_after, ["t1"]);
}

#[test]
fn label_plus_n_starts_the_branch_from_its_applied_ancestor() {
    let revs = branches();
    let g = graph(&revs);
    assert_eq!(deltas(&g.plan_upgrade(&["t2"], "auth@+1").unwrap()), ["au1: +au1"]);
    assert_eq!(deltas(&g.plan_upgrade(&["t1"], "auth@+2").unwrap()), ["au1: -t1 +au1", "au2: -au1 +au2"]);
    assert_eq!(step_ids(&g.plan_upgrade(&["t2"], "billing@+1").unwrap()), ["bi1"]);
    assert_eq!(step_ids(&g.plan_upgrade(&["t2", "au1"], "auth@+1").unwrap()), ["au2"]);
    assert_eq!(
        g.plan_upgrade(&["t2", "au2"], "auth@+1").unwrap_err(),
        GraphError::RelativeOutOfRange { target: "auth@+1".into(), steps: 1, available: 0 }
    );
}

#[test]
fn a_revision_outside_the_branch_or_an_unknown_label_is_refused() {
    let revs = branches();
    let g = graph(&revs);
    assert_eq!(g.resolve("auth@t2").unwrap_err(), GraphError::NotOnBranch { rev: "t2".into(), label: "auth".into() });
    assert_eq!(g.resolve("nope@head").unwrap_err(), GraphError::UnknownBranch { label: "nope".into() });
    assert_eq!(g.resolve("@head").unwrap_err(), GraphError::UnknownBranch { label: "".into() });
    assert_eq!(g.resolve("auth@").unwrap_err(), GraphError::UnknownRevision { target: "auth@".into() });
}

#[test]
fn branch_labels_are_listed_and_shown_in_history() {
    let revs = branches();
    let g = graph(&revs);
    let labels: Vec<(&str, &str)> = g.branch_labels().into_iter().map(|(l, r)| (l, r.id.as_ref())).collect();
    assert_eq!(labels, [("auth", "au1"), ("billing", "bi1")]);
    let history = g.history(None, &["t2", "au2"]).unwrap();
    let labels_of = |id: &str| history.entries.iter().find(|e| e.revision.id == id).unwrap().branch_labels.clone();
    assert_eq!(labels_of("au2"), ["auth"]);
    assert_eq!(labels_of("au1"), ["auth"]);
    assert_eq!(labels_of("bi2"), ["billing"]);
    assert!(labels_of("t1").is_empty());
    let auth: Vec<&str> =
        g.history(Some("auth:auth@head"), &[]).unwrap().entries.iter().map(|e| e.revision.id.as_ref()).collect();
    assert_eq!(auth, ["au2", "au1"]);
}

#[test]
fn a_label_spelled_like_a_relative_target_means_the_label() {
    let revs = vec![rev("t0", &[]), labeled(rev("f2", &["t0"]), &["feature-2"]), rev("f3", &["f2"])];
    let g = graph(&revs);
    assert_eq!(g.resolve("feature-2").unwrap().id, "f2");
    assert_eq!(g.resolve("feature-2+1").unwrap().id, "f3");
    assert_eq!(g.resolve("feature-2@head").unwrap().id, "f3");
}
