//! Graphs that must not build: duplicates, dangling references, cycles, unusable names.

use pretty_assertions::assert_eq;

use super::*;

#[test]
fn a_duplicate_id_is_refused() {
    let revs = vec![rev("a1", &[]), rev("b1", &["a1"]), rev("a1", &["b1"])];
    assert_eq!(build_err(&revs), GraphError::DuplicateId { id: "a1".into() });
}

#[test]
fn an_unknown_parent_names_both_revisions() {
    let revs = vec![rev("a1", &[]), rev("b1", &["zz"])];
    assert_eq!(build_err(&revs), GraphError::UnknownParent { rev: "b1".into(), parent: "zz".into() });
}

#[test]
fn an_unknown_dependency_names_both_revisions() {
    let revs = vec![rev("a1", &[]), depends(rev("b1", &["a1"]), &["nope"])];
    assert_eq!(build_err(&revs), GraphError::UnknownDependency { rev: "b1".into(), dependency: "nope".into() });
}

#[test]
fn a_revision_that_is_its_own_parent_is_a_cycle() {
    let revs = vec![rev("a1", &["a1"])];
    assert_eq!(build_err(&revs), GraphError::Cycle { revisions: vec!["a1".into()] });
}

#[test]
fn a_cycle_below_a_head_names_its_members_in_order() {
    // a1's parent is c1, c1's is b1, b1's is a1; d1 hangs off the cycle and is its only head.
    let revs = vec![rev("a1", &["c1"]), rev("b1", &["a1"]), rev("c1", &["b1"]), rev("d1", &["a1"])];
    let err = build_err(&revs);
    assert_eq!(err, GraphError::Cycle { revisions: vec!["a1".into(), "c1".into(), "b1".into()] });
    assert!(err.to_string().contains("a1 -> c1 -> b1 -> a1"), "{err}");
}

#[test]
fn a_cycle_that_no_head_reaches_is_found() {
    let revs = vec![rev("r1", &[]), rev("a1", &["b1"]), rev("b1", &["a1"])];
    assert_eq!(build_err(&revs), GraphError::Cycle { revisions: vec!["a1".into(), "b1".into()] });
}

#[test]
fn a_cycle_through_depends_on_is_found() {
    let revs = vec![rev("a1", &[]), depends(rev("b1", &["a1"]), &["c1"]), rev("c1", &["b1"]), rev("d1", &["c1"])];
    assert!(matches!(build_err(&revs), GraphError::Cycle { revisions } if revisions.len() == 2));
}

#[test]
fn a_branch_label_declared_twice_is_refused() {
    let revs = vec![labeled(rev("a1", &[]), &["auth"]), labeled(rev("b1", &["a1"]), &["auth"])];
    assert_eq!(
        build_err(&revs),
        GraphError::BranchLabelDuplicate { label: "auth".into(), first: "a1".into(), second: "b1".into() }
    );
}

#[test]
fn a_branch_label_that_targets_could_not_name_is_refused() {
    for (label, reason) in [
        ("b1", "is also a revision id"),
        ("head", "is a reserved word (head, heads, base, current)"),
        ("a@b", "contains `@` or `:`, which targets use as separators"),
        ("", "is empty"),
    ] {
        let revs = vec![rev("a1", &[]), labeled(rev("b1", &["a1"]), &[label])];
        assert_eq!(build_err(&revs), GraphError::InvalidLabel { label: label.into(), rev: "b1".into(), reason });
    }
}

#[test]
fn an_id_that_targets_could_not_name_is_refused() {
    for (id, reason) in [
        ("a-1", "contains `@`, `+`, `-` or `:`, which targets use as separators"),
        ("heads", "is a reserved word (head, heads, base, current)"),
        ("a b", "contains whitespace"),
        ("a.b", "contains a character other than a letter, a digit or `_`"),
        ("café", "contains a character other than a letter, a digit or `_`"),
        ("", "is empty"),
    ] {
        assert_eq!(build_err(&[rev(id, &[])]), GraphError::InvalidId { id: id.into(), reason });
    }
}

#[test]
fn an_empty_up_is_refused_except_in_a_merge() {
    let empty = |mut r: Revision| {
        r.ops = Cow::Borrowed(r#"{"up":[],"down":null}"#);
        r
    };
    let revs = [rev("a1", &[]), empty(rev("b1", &["a1"]))];
    assert_eq!(build_err(&revs), GraphError::EmptyUp { rev: "b1".into(), place: "test".into() });
    let merge = [rev("a1", &[]), rev("b1", &["a1"]), rev("c1", &["a1"]), empty(rev("m1", &["b1", "c1"]))];
    assert!(RevisionGraph::build(&merge).is_ok());
}

#[test]
fn messages_are_lowercase_and_end_with_the_fix() {
    let errors = [
        build_err(&[rev("a1", &[]), rev("a1", &[])]),
        build_err(&[rev("a1", &["zz"])]),
        build_err(&[rev("a1", &["a1"])]),
        build_err(&[Revision { ops: Cow::Borrowed(r#"{"up":[],"down":null}"#), ..rev("a1", &[]) }]),
        build_err(&[labeled(rev("a1", &[]), &["x"]), labeled(rev("b1", &[]), &["x"])]),
        graph(&[rev("a1", &[]), rev("b1", &[])]).resolve("head").unwrap_err(),
        graph(&[rev("abcd1", &[]), rev("abcd2", &[])]).resolve("abcd").unwrap_err(),
        graph(&[rev("a1", &[])]).resolve("abc").unwrap_err(),
        graph(&[rev("a1", &[])]).plan_downgrade(&[], "+1").unwrap_err(),
    ];
    for err in errors {
        let message = err.to_string();
        let first = message.chars().find(|c| c.is_alphabetic()).unwrap();
        assert!(first.is_lowercase(), "starts lowercase: {message}");
        assert!(!message.ends_with('.'), "no trailing period: {message}");
        assert!(message.contains("; "), "ends with the fix: {message}");
    }
}
