//! Graph tests, one module per graph shape, plus invariants checked over generated graphs.

use std::borrow::Cow;

use super::{GraphError, Plan, RevisionGraph};
use crate::ops::TransactionMode;
use crate::Revision;

mod broken;
mod depends_on;
mod diamond;
mod empty;
mod generated;
mod labeled_branches;
mod linear;

fn cows(items: &[&str]) -> Cow<'static, [Cow<'static, str>]> {
    Cow::Owned(items.iter().map(|s| Cow::Owned((*s).to_owned())).collect())
}

/// A revision as the graph sees it: its ops are opaque text, not decoded (one placeholder op,
/// since only a merge may have an empty `up`).
pub(super) fn rev(id: &str, parents: &[&str]) -> Revision {
    Revision {
        id: Cow::Owned(id.to_owned()),
        parents: cows(parents),
        branch_labels: cows(&[]),
        depends_on: cows(&[]),
        message: Cow::Borrowed(""),
        transaction: TransactionMode::PerMigration,
        ops: Cow::Borrowed(r#"{"up":[{"op":"placeholder"}],"down":null}"#),
        irreversible: false,
        checksum: Cow::Borrowed(""),
        source: Cow::Borrowed("test"),
        allowed: cows(&[]),
        lock_timeout_ms: None,
        statement_timeout_ms: None,
        lock_retries: None,
    }
}

/// `rev` with branch labels.
pub(super) fn labeled(mut r: Revision, labels: &[&str]) -> Revision {
    r.branch_labels = cows(labels);
    r
}

/// `rev` with dependencies.
pub(super) fn depends(mut r: Revision, on: &[&str]) -> Revision {
    r.depends_on = cows(on);
    r
}

pub(super) fn graph(revs: &[Revision]) -> RevisionGraph<'_> {
    RevisionGraph::build(revs).unwrap()
}

pub(super) fn build_err(revs: &[Revision]) -> GraphError {
    RevisionGraph::build(revs).unwrap_err()
}

/// Each step as `id: -deleted +inserted`, the way the assertions read best.
pub(super) fn deltas(plan: &Plan<'_>) -> Vec<String> {
    plan.steps
        .iter()
        .map(|s| {
            let mut text = format!("{}:", s.revision.id);
            for d in &s.version_delete {
                text.push_str(&format!(" -{d}"));
            }
            for i in &s.version_insert {
                text.push_str(&format!(" +{i}"));
            }
            text
        })
        .collect()
}

/// The revision ids of a plan's steps.
pub(super) fn step_ids<'p>(plan: &'p Plan<'_>) -> Vec<&'p str> {
    plan.steps.iter().map(|s| s.revision.id.as_ref()).collect()
}

pub(super) fn ids<'r>(revs: &[&'r Revision]) -> Vec<&'r str> {
    revs.iter().map(|r| r.id.as_ref()).collect()
}

/// Runs a plan's version-table changes against `rows` the way a database with a primary key
/// would: deleting a missing row or inserting an existing one fails the test. Returns the rows
/// after every step.
pub(super) fn apply(rows: &[&str], plan: &Plan<'_>) -> Vec<Vec<String>> {
    let mut table: Vec<String> = rows.iter().map(|r| (*r).to_owned()).collect();
    let mut after = Vec::new();
    for step in &plan.steps {
        for d in &step.version_delete {
            let at = table.iter().position(|r| r == d);
            assert!(at.is_some(), "step {} deletes row {d}, which is not in {table:?}", step.revision.id);
            table.retain(|r| r != d);
        }
        for i in &step.version_insert {
            assert!(!table.contains(i), "step {} inserts row {i}, which is already in {table:?}", step.revision.id);
            table.push(i.clone());
        }
        let mut sorted = table.clone();
        sorted.sort();
        after.push(sorted);
    }
    after
}

pub(super) fn sorted(rows: &[String]) -> Vec<String> {
    let mut rows = rows.to_vec();
    rows.sort();
    rows
}
